//! The form's diagnostics in the officer's language.
//!
//! `vestis check` speaks English; every message (and `help:` line) about a record is
//! recognised by the shape of its English text (`locales/patterns.txt`) and said again from
//! `locales/<lang>/diag.ftl` (shipped in the binary), with the same arguments. The
//! arguments that are English words themselves (`found`, `expected`: "text `abc`", "a whole
//! number") are said again too (the `[phrases]` of `patterns.txt`). A message without a pattern, or a language
//! without the message, stays in English (the English editor keeps vestis's own words where
//! `en/diag.ftl` has no plainer ones).

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};

/// The English shapes, by list (see the file's header).
const PATTERNS: &str = include_str!("locales/patterns.txt");

/// The three lists of [`PATTERNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Messages,
    Helps,
    Phrases,
}

/// `(Fluent id, English pattern)` of one list, in file order.
fn list(which: List) -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut current = None;
    PATTERNS.lines().filter_map(move |line| {
        match line {
            "[messages]" => current = Some(List::Messages),
            "[helps]" => current = Some(List::Helps),
            "[phrases]" => current = Some(List::Phrases),
            _ if line.starts_with('#') || line.trim().is_empty() => {}
            _ if current == Some(which) => return line.split_once(" = "),
            _ => {}
        }
        None
    })
}

const EN: &str = include_str!("locales/en/diag.ftl");
const LV: &str = include_str!("locales/lv/diag.ftl");
const RU: &str = include_str!("locales/ru/diag.ftl");

/// The Fluent id the English `message` matches, and the message in `lang` (the English text
/// itself when there is no translation).
pub(crate) fn translate(message: &str, lang: &str) -> (Option<&'static str>, String) {
    let (id, text) = say_again(List::Messages, message, lang);
    match id {
        // A message is a sentence; its first word may be an argument ("the title …").
        Some(_) => (id, capitalise(&text)),
        None => (id, text),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The suggestion (`help:`) in `lang`, the English text when there is no translation.
pub(crate) fn translate_help(help: &str, lang: &str) -> String {
    say_again(List::Helps, help, lang).1
}

fn say_again(which: List, message: &str, lang: &str) -> (Option<&'static str>, String) {
    let Some((id, args)) =
        list(which).find_map(|(id, pattern)| matches(pattern, message).map(|args| (id, args)))
    else {
        return (None, message.to_string());
    };
    let source = source_of(lang);
    let args: Vec<(String, String)> = args
        .into_iter()
        .map(|(k, v)| {
            let v = match k.as_str() {
                "found" | "expected" | "what" | "subject" => phrase(source, lang, &v),
                _ => v,
            };
            (k, v)
        })
        .collect();
    let text = format_message(source, lang, id, &args).unwrap_or_else(|| message.to_string());
    (Some(id), text)
}

fn source_of(lang: &str) -> &'static str {
    match lang {
        "lv" => LV,
        "ru" => RU,
        _ => EN,
    }
}

/// A value description ("text `abc`", "a list") in `lang`: the first of the `[phrases]`
/// it starts with is replaced, the rest (the value itself) kept.
fn phrase(source: &str, lang: &str, value: &str) -> String {
    for (id, english) in list(List::Phrases) {
        let rest = match value.strip_prefix(english) {
            Some(rest) if rest.is_empty() || rest.starts_with(" `") => rest,
            _ => continue,
        };
        return match format_message(source, lang, id, &[]) {
            Some(said) => format!("{said}{rest}"),
            None => value.to_string(),
        };
    }
    value.to_string()
}

fn format_message(source: &str, lang: &str, id: &str, args: &[(String, String)]) -> Option<String> {
    let resource = FluentResource::try_new(source.to_string()).ok()?;
    let langid: unic_langid::LanguageIdentifier = lang.parse().ok()?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).ok()?;
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        fluent_args.set(k.as_str(), v.clone());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// A piece of a pattern: literal text or a named argument.
#[derive(Debug, PartialEq)]
enum Piece<'p> {
    Text(String),
    Arg(&'p str),
}

/// `pattern` cut into pieces: `{name}` is an argument, `{{` and `}}` are literal braces.
fn pieces(pattern: &str) -> Option<Vec<Piece<'_>>> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            text.push(c);
            rest = &rest[2..];
        } else if c == '{' {
            let (name, after) = rest[1..].split_once('}')?;
            if !text.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut text)));
            }
            out.push(Piece::Arg(name));
            rest = after;
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Some(out)
}

/// The arguments when `text` has the shape of `pattern`. An argument takes the text up to
/// the first place the literal after it follows (the last literal must end the text).
fn matches(pattern: &str, text: &str) -> Option<Vec<(String, String)>> {
    let pieces = pieces(pattern)?;
    let mut args = Vec::new();
    let mut rest = text;
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Text(literal) => rest = rest.strip_prefix(literal.as_str())?,
            Piece::Arg(name) => {
                let value = match pieces.get(i + 1) {
                    None => std::mem::take(&mut rest),
                    Some(Piece::Text(literal)) if i + 2 == pieces.len() => {
                        let v = rest.strip_suffix(literal.as_str())?;
                        rest = &rest[v.len()..];
                        v
                    }
                    Some(Piece::Text(literal)) => {
                        let (v, _) = rest.split_once(literal.as_str())?;
                        rest = &rest[v.len()..];
                        v
                    }
                    // Two arguments side by side cannot be told apart.
                    Some(Piece::Arg(_)) => return None,
                };
                args.push(((*name).to_string(), value.to_string()));
            }
        }
        i += 1;
    }
    rest.is_empty().then_some(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_the_form_shows_are_translated() {
        let en = "field `date` expects a date like `2013-06-15`, found text `15.06.2013x`";
        let (id, lv) = translate(en, "lv");
        assert_eq!(id, Some("diag-date"));
        assert_eq!(
            lv,
            "Laukā “date” jābūt datumam, piemēram, 2013-06-15; teksts `15.06.2013x` nav datums"
        );
        let (_, ru) = translate("required field `town` has no value", "ru");
        assert_eq!(ru, "Поле «town» обязательное, но пустое");
        let (id, _) = translate("field `cast` is 0, below the minimum 1", "en");
        assert_eq!(id, Some("diag-min"));
        let (_, ru) = translate("field `n` expects a whole number, found text `many`", "ru");
        assert_eq!(
            ru,
            "В поле «n» нужно: целое число; текст `many` не подходит"
        );
        assert_eq!(
            translate_help("did you mean `date`?", "lv"),
            "vai domājāt `date`?"
        );
        assert_eq!(translate_help("write `x: 1`", "en"), "write `x: 1`");
        let (id, lv) = translate("the mapping opened with `{` here is not closed", "lv");
        assert_eq!(id, Some("diag-yaml-mapping-unclosed"));
        assert_eq!(lv, "Šeit ar `{` atvērtā lauku kopa nav aizvērta");
        assert_eq!(
            translate_help("did you mean `riga` or `rezekne`?", "ru"),
            "может быть, `riga` или `rezekne`?"
        );
        let (id, text) = translate("something else entirely", "lv");
        assert_eq!((id, text.as_str()), (None, "something else entirely"));
    }

    #[test]
    fn every_message_formats_with_its_patterns_arguments() {
        for (id, pattern) in list(List::Messages).chain(list(List::Helps)) {
            let args: Vec<(String, String)> = pieces(pattern)
                .unwrap_or_else(|| panic!("{id}: bad pattern"))
                .into_iter()
                .filter_map(|p| match p {
                    Piece::Arg(name) => Some((name.to_string(), "x".to_string())),
                    Piece::Text(_) => None,
                })
                .collect();
            for (lang, source) in [("lv", LV), ("ru", RU)] {
                assert!(
                    format_message(source, lang, id, &args).is_some(),
                    "{id} in {lang} does not format with {args:?}"
                );
            }
        }
    }

    #[test]
    fn every_line_of_the_patterns_is_read_and_every_id_is_used_once() {
        let lines = PATTERNS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && !l.starts_with('['))
            .count();
        let mut ids: Vec<&str> = list(List::Messages)
            .chain(list(List::Helps))
            .chain(list(List::Phrases))
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids.len(), lines);
        assert!(ids.len() > 250, "{}", ids.len());
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before, "an id is used twice");
    }

    #[test]
    fn every_pattern_has_a_message_in_every_language() {
        let all = list(List::Messages)
            .chain(list(List::Helps))
            .chain(list(List::Phrases));
        for (id, _) in all {
            for (lang, source) in [("lv", LV), ("ru", RU)] {
                assert!(source.contains(&format!("\n{id} = ")), "{id} in {lang}");
            }
        }
    }
}

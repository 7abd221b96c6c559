//! The form's diagnostics in the officer's language.
//!
//! `vestis check` speaks English; the messages the form is most likely to show (a bad date,
//! a required field left empty, an enum or `ref` value that is not allowed, a number out of
//! range, a URL, a placeholder) are recognised by the shape of their English text and said
//! again from `locales/<lang>/diag.ftl` (the `diag-*` messages, shipped in the binary), with
//! the same arguments. Anything else, or a language without the message, stays in English.

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};

/// `(Fluent id, English pattern)`: `{x}` matches any text and becomes the argument `x`.
/// More specific patterns come first.
const PATTERNS: &[(&str, &str)] = &[
    (
        "diag-date",
        "field `{name}` expects a date like `2013-06-15`, found {found}",
    ),
    (
        "diag-datetime",
        "field `{name}` expects a date and time like `2013-06-15 18:30`, found {found}",
    ),
    (
        "diag-date-order",
        "field `{name}` is `{shown}`: dates are written year-month-day",
    ),
    (
        "diag-url",
        "field `{name}` expects an absolute http(s) URL, found {found}",
    ),
    (
        "diag-enum",
        "field `{name}` must be one of {values}, found {found}",
    ),
    (
        "diag-ref",
        "field `{name}` expects the id of a record of `{to}`, found {found}",
    ),
    (
        "diag-ref-missing",
        "field `{name}` refers to `{id}`, which is not a record of `{to}`",
    ),
    ("diag-required", "required field `{name}` has no value"),
    ("diag-missing", "missing required field `{name}`"),
    ("diag-min", "field `{name}` is {n}, below the minimum {min}"),
    ("diag-max", "field `{name}` is {n}, above the maximum {max}"),
    (
        "diag-type",
        "field `{name}` expects {expected}, found {found}",
    ),
    (
        "diag-placeholder",
        "`{name}` is still the placeholder `{value}`",
    ),
];

const EN: &str = include_str!("locales/en/diag.ftl");
const LV: &str = include_str!("locales/lv/diag.ftl");
const RU: &str = include_str!("locales/ru/diag.ftl");

/// The Fluent id the English `message` matches, and the message in `lang` (the English text
/// itself when there is no translation).
pub(crate) fn translate(message: &str, lang: &str) -> (Option<&'static str>, String) {
    let Some((id, args)) = PATTERNS
        .iter()
        .find_map(|(id, pattern)| matches(pattern, message).map(|args| (*id, args)))
    else {
        return (None, message.to_string());
    };
    let source = match lang {
        "lv" => LV,
        "ru" => RU,
        _ => EN,
    };
    let text = format_message(source, lang, id, &args).unwrap_or_else(|| message.to_string());
    (Some(id), text)
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

/// The arguments when `text` has the shape of `pattern`.
fn matches(pattern: &str, text: &str) -> Option<Vec<(String, String)>> {
    let mut args = Vec::new();
    let mut rest = text;
    let mut pattern = pattern;
    // The literal before the first placeholder.
    let (head, tail) = pattern.split_once('{').unwrap_or((pattern, ""));
    rest = rest.strip_prefix(head)?;
    if tail.is_empty() {
        return rest.is_empty().then_some(args);
    }
    pattern = tail;
    loop {
        let (name, after) = pattern.split_once('}')?;
        let (literal, next) = after.split_once('{').unwrap_or((after, ""));
        let value = if literal.is_empty() {
            std::mem::take(&mut rest)
        } else if next.is_empty() {
            let v = rest.strip_suffix(literal)?;
            rest = "";
            v
        } else {
            let (v, r) = rest.split_once(literal)?;
            rest = r;
            v
        };
        args.push((name.to_string(), value.to_string()));
        if next.is_empty() {
            return rest.is_empty().then_some(args);
        }
        pattern = next;
    }
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
            "Laukā “date” jābūt datumam, piemēram, 2013-06-15; text `15.06.2013x` nav datums"
        );
        let (_, ru) = translate("required field `town` has no value", "ru");
        assert_eq!(ru, "Поле «town» обязательное, но пустое");
        let (id, _) = translate("field `cast` is 0, below the minimum 1", "en");
        assert_eq!(id, Some("diag-min"));
        let (id, text) = translate("something else entirely", "lv");
        assert_eq!((id, text.as_str()), (None, "something else entirely"));
    }

    #[test]
    fn every_pattern_has_a_message_in_every_language() {
        for (id, _) in PATTERNS {
            for (lang, source) in [("en", EN), ("lv", LV), ("ru", RU)] {
                assert!(source.contains(&format!("\n{id} = ")), "{id} in {lang}");
            }
        }
    }
}

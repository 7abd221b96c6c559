//! The editor's own words: `locales/<lang>/ui.ftl` compiled into the binary and formatted on
//! the server with Fluent, so the browser gets finished text as JSON.
//!
//! A message with variables (`{ $title }`) is formatted with each variable standing for
//! itself as `{title}`, which the browser fills in (it knows the title, the server does not).

use fluent::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
use unic_langid::LanguageIdentifier;

/// The languages the editor speaks, in the order its language menu shows them.
#[cfg(test)]
const UI_LANGUAGES: &[&str] = &["lv", "ru", "en"];

fn source(lang: &str) -> Option<&'static str> {
    match lang {
        "lv" => Some(include_str!("../locales/lv/ui.ftl")),
        "ru" => Some(include_str!("../locales/ru/ui.ftl")),
        "en" => Some(include_str!("../locales/en/ui.ftl")),
        _ => None,
    }
}

/// The size of every language's Fluent file.
#[cfg(test)]
pub(super) fn source_size() -> usize {
    UI_LANGUAGES
        .iter()
        .filter_map(|l| source(l))
        .map(str::len)
        .sum()
}

/// Every message of `lang`, formatted, as a JSON object; `None` for a language the editor
/// does not speak. A message that cannot be formatted keeps its id as its text (the unit
/// tests make sure none does).
pub(crate) fn json(lang: &str) -> Option<String> {
    let messages = format_all(lang)?;
    let map: serde_json::Map<String, serde_json::Value> = messages
        .into_iter()
        .map(|(id, text)| (id, serde_json::Value::String(text)))
        .collect();
    let body = serde_json::json!({ "lang": lang, "messages": map });
    Some(body.to_string())
}

/// `(id, text)` of every message, in file order.
type Formatted = Vec<(String, String)>;

/// Every message of `lang`, formatted.
fn format_all(lang: &str) -> Option<Formatted> {
    Some(format_checked(lang)?.0)
}

/// Every message of `lang`, formatted, with the problems met (syntax, formatting).
fn format_checked(lang: &str) -> Option<(Formatted, Vec<String>)> {
    let text = source(lang)?;
    let langid: LanguageIdentifier = lang.parse().ok()?;
    let mut problems = Vec::new();
    let resource = match FluentResource::try_new(text.to_string()) {
        Ok(r) => r,
        Err((r, errors)) => {
            problems.extend(errors.iter().map(|e| format!("{lang}: {e}")));
            r
        }
    };
    let mut ids_and_vars = Vec::new();
    for entry in resource.entries() {
        if let Entry::Message(m) = entry {
            let vars = m.value.as_ref().map(variables).unwrap_or_default();
            ids_and_vars.push((m.id.name.to_string(), vars));
        }
    }
    let mut bundle = FluentBundle::new(vec![langid]);
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        problems.extend(errors.iter().map(|e| format!("{lang}: {e}")));
    }
    let mut out = Vec::with_capacity(ids_and_vars.len());
    for (id, vars) in ids_and_vars {
        let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
            continue;
        };
        let mut args = FluentArgs::new();
        for var in &vars {
            args.set(var.clone(), FluentValue::from(format!("{{{var}}}")));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        problems.extend(errors.iter().map(|e| format!("{lang} {id}: {e}")));
        out.push((id, text.into_owned()));
    }
    Some((out, problems))
}

/// The names of the variables a pattern uses directly (`{ $name }`).
fn variables(pattern: &fluent_syntax::ast::Pattern<&str>) -> Vec<String> {
    let mut names = Vec::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable {
            expression: Expression::Inline(InlineExpression::VariableReference { id }),
        } = element
        {
            names.push(id.name.to_string());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_formats_without_problems() {
        for lang in UI_LANGUAGES {
            let (messages, problems) = format_checked(lang).expect("a known language");
            assert!(problems.is_empty(), "{problems:?}");
            assert!(messages.len() > 50, "{lang}: {}", messages.len());
        }
    }

    #[test]
    fn every_language_has_the_same_messages_and_variables() {
        let english = format_all("en").unwrap();
        for lang in ["lv", "ru"] {
            let other = format_all(lang).unwrap();
            let ids =
                |m: &[(String, String)]| m.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&english), ids(&other), "{lang} and en differ");
            for ((id, en), (_, text)) in english.iter().zip(&other) {
                let holes = |t: &str| {
                    let mut v: Vec<String> = t
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
                        .collect();
                    v.sort();
                    v
                };
                assert_eq!(holes(en), holes(text), "{lang} {id}");
            }
        }
    }

    #[test]
    fn variables_are_left_for_the_browser() {
        let messages = format_all("lv").unwrap();
        let deleted = messages.iter().find(|(id, _)| id == "ui-deleted").unwrap();
        assert_eq!(deleted.1, "“{title}” tagad ir atkritnē.");
        assert!(json("de").is_none());
        let parsed: serde_json::Value = serde_json::from_str(&json("ru").unwrap()).unwrap();
        assert_eq!(parsed["messages"]["ui-cancel"], "Отмена");
    }
}

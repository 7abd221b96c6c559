//! Turning serde-saphyr's errors into diagnostics in plain words: syntax slips go to
//! [`super::slips`], wrong kinds of values ("invalid u64", "unknown variant") are reworded
//! here, unknown fields get a "did you mean". No message repeats the library's own words.

use crate::diagnostics::{Diagnostic, did_you_mean};

use super::{Pos, Source, comments, short, slips};

/// Warnings for values that YAML cut at ` #` (see `comments::comment_cuts`).
pub fn comment_warnings(yaml: &str, source: Source<'_>) -> Vec<Diagnostic> {
    comments::comment_cuts(yaml)
        .into_iter()
        .map(|s| {
            let mut d = slip_diagnostic(s, source);
            d.severity = crate::diagnostics::Severity::Warning;
            d
        })
        .collect()
}

/// The error diagnostic of a slip found in `source`'s YAML.
pub fn slip_diagnostic(slip: slips::Slip, source: Source<'_>) -> Diagnostic {
    let pos = Pos {
        line: slip.line + source.line_offset,
        col: slip.col,
    };
    source
        .error_at(pos, slip.len, slip.message)
        .with_optional_suggestion(slip.help)
}

/// Errors of the YAML syntax itself (not of a value's type, nor an unknown field).
fn is_syntax_error(error: &serde_saphyr::Error) -> bool {
    use serde_saphyr::Error as E;
    !matches!(
        error,
        E::Message { .. }
            | E::SerdeInvalidType { .. }
            | E::SerdeInvalidValue { .. }
            | E::SerdeInvalidLength { .. }
            | E::SerdeUnknownVariant { .. }
            | E::SerdeUnknownField { .. }
            | E::SerdeMissingField { .. }
            | E::InvalidScalar { .. }
            | E::NonFiniteFloat { .. }
            | E::NullIntoString { .. }
            | E::InvalidBooleanStrict { .. }
            | E::InvalidCharNull { .. }
            | E::InvalidCharNotSingleScalar { .. }
            | E::UnexpectedValueForUnit { .. }
            | E::Unexpected { .. }
    )
}

/// What a value of Rust type `ty` (as serde-saphyr names it) is called in messages.
fn kind_of_type(ty: &str) -> Option<&'static str> {
    match ty {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => Some("a whole number"),
        "f32" | "f64" => Some("a number"),
        "bool" | "boolean" => Some("`true` or `false`"),
        "char" => Some("a single character"),
        _ => None,
    }
}

/// serde's words for YAML kinds, in the words of the rest of the messages.
fn plain_kinds(text: &str) -> String {
    text.replace("a sequence", "a list")
        .replace("sequence", "list")
        .replace("a map", "`name: value` lines")
        .replace("unit value", "nothing")
        .replace("string scalar", "text")
        .replace("scalar", "one value")
        .replace("string ", "text ")
        .replace("a string", "text")
}

/// A value of the wrong kind in plain words, with what to write when that is clear.
fn value_problem(error: &serde_saphyr::Error, message: &str) -> Option<(String, Option<String>)> {
    use serde_saphyr::Error as E;
    let found = match error {
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let list: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
            let shown = short(variant, slips::SHOWN_CHARS);
            (
                format!(
                    "`{shown}` is not one of the choices here: {}",
                    list.join(", ")
                ),
                did_you_mean(variant, expected.iter().copied()),
            )
        }
        E::SerdeMissingField { field, .. } => (
            format!("`{field}` is missing"),
            Some(format!("add a `{field}: …` line")),
        ),
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            format!(
                "expected {}, found {}",
                plain_kinds(expected),
                short(&plain_kinds(unexpected), slips::SHOWN_CHARS)
            ),
            None,
        ),
        E::InvalidScalar { ty, .. } => (format!("expected {} here", kind_of_type(ty)?), None),
        E::InvalidBooleanStrict { .. } => ("expected `true` or `false` here".into(), None),
        E::NullIntoString { .. } => (
            "there is nothing here where a text is expected (an empty value, or a `:` with no name before it)".into(),
            Some("write the text after the `:`, or the name before it".into()),
        ),
        E::Unexpected { expected, .. } if expected.contains("sequence") => (
            "expected a list here".into(),
            Some("write the items on the lines below, each starting with `- `".into()),
        ),
        E::Unexpected { expected, .. } if expected.contains("map") => (
            "expected `name: value` lines here".into(),
            Some("write the fields on the lines below, indented by two spaces".into()),
        ),
        E::Unexpected { expected, .. } => (
            format!("expected {} here", plain_kinds(expected)),
            Some("write one value after the colon, without `[`, `{` or `- `".into()),
        ),
        _ if message.contains("did not match any variant") => (
            "expected a text here, or one text per language like `{ lv: \"…\", ru: \"…\" }`".into(),
            Some(
                "put each text in quotes (a lone `n`, `no` or `yes` is read as true/false)".into(),
            ),
        ),
        _ => {
            let ty = message.strip_prefix("invalid ")?;
            (format!("expected {} here", kind_of_type(ty)?), None)
        }
    };
    Some(found)
}

/// The diagnostic of a failed parse of `yaml` (the YAML part of `source`).
pub(super) fn to_diagnostic(
    error: &serde_saphyr::Error,
    yaml: &str,
    source: Source<'_>,
) -> Diagnostic {
    let error = error.without_snippet();
    let raw = error.to_string();
    if let serde_saphyr::Error::Budget { .. } = error {
        let at = error
            .location()
            .map(|l| Pos::from_location(&l, source.line_offset));
        return source
            .error_at(
                at.unwrap_or_default(),
                1,
                "the file holds more values, or deeper nesting, than vestis reads in one file",
            )
            .with_suggestion(
                "a record needs only a few fields: check whether something was pasted in by mistake",
            );
    }
    if is_syntax_error(error) {
        let at = error
            .location()
            .map(|l| Pos::from_location(&l, 0))
            .unwrap_or_default();
        let duplicate = match error {
            serde_saphyr::Error::DuplicateMappingKey { key, .. } => key.as_deref(),
            _ => None,
        };
        let slip = slips::explain(yaml, at.line, at.col, &raw, duplicate);
        return slip_diagnostic(slip, source);
    }
    let message = clean_message(&raw);
    let pos = error
        .location()
        .map(|l| Pos::from_location(&l, source.line_offset))
        .unwrap_or_default();
    let (message, suggestion) =
        value_problem(error, &message).unwrap_or_else(|| unknown_field_suggestion(&message));
    let len = unknown_field_name(&message).map_or(1, |n| n.chars().count());
    source
        .error_at(pos, len, message)
        .with_optional_suggestion(suggestion)
}

/// serde-saphyr appends "at line X column Y" to messages; the diagnostic shows the position
/// itself, so the duplicate is dropped.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let cut = first.find(" at line ").map_or(first, |i| &first[..i]);
    crate::diagnostics::lowercase_first(cut.trim_end_matches('.'))
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the message without the long
/// list, and a suggestion when a known field is close.
fn unknown_field_suggestion(message: &str) -> (String, Option<String>) {
    let Some(name) = unknown_field_name(message) else {
        return (message.to_string(), None);
    };
    let expected: Vec<&str> = message
        .split_once("expected")
        .map(|(_, rest)| {
            let rest = rest.trim().trim_start_matches("one of").trim();
            rest.split([',', ' '])
                .map(|w| w.trim_matches('`'))
                .filter(|w| !w.is_empty() && *w != "or")
                .collect()
        })
        .unwrap_or_default();
    let suggestion = did_you_mean(name, expected.iter().copied()).or_else(|| {
        (!expected.is_empty()).then(|| {
            let list: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
            format!("expected one of {}", list.join(", "))
        })
    });
    let shown = short(name, slips::SHOWN_CHARS);
    (format!("unknown field `{shown}`"), suggestion)
}

fn unknown_field_name(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use std::cell::OnceCell;
    use std::path::Path;

    use super::super::parse;
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Settings {
        name: String,
        count: Option<u64>,
        feed: Option<bool>,
        items: Option<Vec<String>>,
        policy: Option<Policy>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Policy {
        Skip,
        Fallback,
    }

    fn problem(text: &str) -> Diagnostic {
        let lines = OnceCell::new();
        let source = Source::new(Path::new("site.yaml"), text, 0, &lines);
        parse::<Settings>(text, source).unwrap_err()
    }

    #[test]
    fn wrong_kinds_of_values_are_said_plainly() {
        assert_eq!(
            problem("name: a\ncount: ten\n").message,
            "expected a whole number here"
        );
        assert_eq!(
            problem("name: a\nfeed: 3\n").message,
            "expected `true` or `false` here"
        );
        assert_eq!(
            problem("name: a\nitems: 5\n").message,
            "expected a list here"
        );
        assert_eq!(problem("name: [a]\n").message, "expected text here");
        let d = problem("name: a\npolicy: fallbak\n");
        assert_eq!(
            d.message,
            "`fallbak` is not one of the choices here: `skip`, `fallback`"
        );
        assert_eq!(d.suggestion.as_deref(), Some("did you mean `fallback`?"));
        let d = problem("count: 1\n");
        assert_eq!(d.message, "`name` is missing");
        assert_eq!(d.suggestion.as_deref(), Some("add a `name: …` line"));
    }

    /// Whatever the YAML, reading it gives a value or a located diagnostic, never a panic.
    #[test]
    fn odd_yaml_never_panics() {
        const FRAGMENTS: &[&str] = &[
            "a", ": ", "\"", "'", "\t", "- ", " #", "[", "{", "\n", "  ", "ē", "|", "&x", "*x",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| FRAGMENTS.iter().map(move |f| format!("{t}{f}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            let lines = OnceCell::new();
            let source = Source::new(Path::new("a.yaml"), text, 0, &lines);
            if let Err(d) = parse::<super::super::Node>(text, source) {
                assert!(!d.message.is_empty(), "{text:?}");
                for word in [
                    "scalar",
                    "indicator",
                    "token",
                    "sequence",
                    "variant",
                    "EOF",
                    "eof",
                    "deserializ",
                    "Option<",
                ] {
                    assert!(!d.message.contains(word), "{text:?}: {}", d.message);
                }
                let _ = comment_warnings(text, source);
            }
        }
    }

    #[test]
    fn no_library_words_reach_the_message() {
        for text in [
            "name: a\ncount: ten\n",
            "name: a\npolicy: x\n",
            "name: {a: 1}\n",
        ] {
            let m = problem(text).message;
            for word in ["u64", "variant", "scalar", "sequence", "invalid type"] {
                assert!(!m.contains(word), "{text:?}: {m}");
            }
        }
    }
}

//! How a value from the editor's form is written as a YAML scalar, so that it reads back as
//! exactly what was typed, with the type the schema expects.
//!
//! Text is written plain only when YAML cannot read it as anything else (`no` would become a
//! boolean, `2013-06-15` a date, `12` a number, `a: b` a mapping); otherwise it is double-quoted
//! with escapes. A value that was quoted in the file stays quoted in the same style.

/// How a value was written in the file before, so an edit keeps the style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// No quotes.
    Plain,
    /// `'…'`.
    Single,
    /// `"…"`.
    Double,
}

/// What kind of value the schema wants, as far as writing it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text of any kind (string, url, enum value, ref id, file name, markdown).
    Text,
    /// A date, datetime, integer, number or boolean: written plain when it looks like one, so
    /// that YAML reads the type; quoted otherwise (and the check then reports it).
    Typed,
}

/// The YAML scalar for `value`, in `previous` style when that style can hold it.
pub fn scalar(value: &str, kind: Kind, previous: Option<Style>) -> String {
    if kind == Kind::Typed && is_plain_literal(value) {
        return value.to_string();
    }
    match previous {
        Some(Style::Single) if !value.contains('\n') && single_ok(value) => single(value),
        Some(Style::Double) => double(value),
        _ if plain_is_text(value) => value.to_string(),
        _ => double(value),
    }
}

/// Whether a typed value can be written plain: a simple token (digits, letters, `-`, `:`,
/// `.`, `+`, one inner space for `2015-06-22 10:00`) that YAML reads as a scalar.
fn is_plain_literal(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '+' | ' '))
        && !value.starts_with([' ', '-', ':', '.'])
        && !value.ends_with([' ', ':'])
        && !value.contains("  ")
        && !value.contains(": ")
}

/// Whether `value` written plain is read back as this same text (a string).
pub fn plain_is_text(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    if value.trim() != value || value.contains('\n') || value.contains('\t') {
        return false;
    }
    // Characters that start something else in YAML, or end a plain scalar.
    if "-?:,[]{}#&*!|>'\"%@`~".contains(first) {
        return false;
    }
    if value.contains(": ") || value.contains(" #") || value.ends_with(':') {
        return false;
    }
    if value.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return false;
    }
    !looks_typed(value)
}

/// Whether YAML (1.1 or 1.2 core, as different readers do) may read `value` as a non-string.
fn looks_typed(value: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", ".nan", "inf",
        ".inf", "-.inf", "+.inf",
    ];
    let lower = value.to_ascii_lowercase();
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    // Numbers in any notation, dates, times and sexagesimals all start with a digit, a sign
    // or a dot followed by a digit: quote every such value rather than risk a surprise.
    let mut chars = value.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    first.is_ascii_digit() || (matches!(first, '+' | '.') && second.is_ascii_digit())
}

fn single_ok(value: &str) -> bool {
    !value.chars().any(|c| c.is_control())
}

fn single(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// A double-quoted scalar with JSON-style escapes (YAML's double quotes accept them).
pub fn double(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_back(yaml_scalar: &str) -> crate::yaml::Node {
        let doc = format!("k: {yaml_scalar}\n");
        let map: std::collections::BTreeMap<String, crate::yaml::Node> =
            serde_saphyr::from_str(&doc).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
        map["k"].clone()
    }

    #[test]
    fn strings_that_would_change_type_are_quoted() {
        for (value, written) in [
            ("no", "\"no\""),
            ("Yes", "\"Yes\""),
            ("2013-06-15", "\"2013-06-15\""),
            ("12", "\"12\""),
            ("a: b", "\"a: b\""),
            ("- item", "\"- item\""),
            ("say \"hi\"", "say \"hi\""),
            ("# not a comment", "\"# not a comment\""),
            ("", "\"\""),
            ("Rēzekne", "Rēzekne"),
            ("Пьеса «Дом»", "Пьеса «Дом»"),
        ] {
            assert_eq!(scalar(value, Kind::Text, None), written, "{value}");
        }
    }

    #[test]
    fn typed_values_stay_plain_and_styles_are_kept() {
        assert_eq!(scalar("2013-06-15", Kind::Typed, None), "2013-06-15");
        assert_eq!(
            scalar("2015-06-22 10:00", Kind::Typed, None),
            "2015-06-22 10:00"
        );
        assert_eq!(scalar("12", Kind::Typed, Some(Style::Double)), "12");
        assert_eq!(scalar("15. jūn", Kind::Typed, None), "\"15. jūn\"");
        assert_eq!(scalar("Ab", Kind::Text, Some(Style::Double)), "\"Ab\"");
        assert_eq!(scalar("it's", Kind::Text, Some(Style::Single)), "'it''s'");
    }

    proptest! {
        #[test]
        fn any_text_reads_back_as_the_same_string(value in "\\PC{0,40}") {
            let written = scalar(&value, Kind::Text, None);
            prop_assert_eq!(read_back(&written), crate::yaml::Node::Str(value));
        }

        #[test]
        fn any_text_reads_back_in_every_style(value in "[ -~äёā\\n\\t]{0,30}", style in 0..3u8) {
            let style = [Style::Plain, Style::Single, Style::Double][style as usize];
            let written = scalar(&value, Kind::Text, Some(style));
            prop_assert_eq!(read_back(&written), crate::yaml::Node::Str(value));
        }
    }
}

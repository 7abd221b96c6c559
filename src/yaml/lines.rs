//! One line of YAML read the way a person writes it (`indent [- ][key: ]value`), and how to
//! show a corrected line: what [`super::slips`] and [`super::comments`] look at. It parses no
//! YAML; it only splits lines, in time linear in their length.

use super::short;

/// At most this many characters of a value are repeated in a message or a suggestion.
pub const SHOWN_CHARS: usize = 60;

/// One line read as `indent [- ][key: ]value`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry<'a> {
    /// Leading spaces and tabs, in characters.
    pub indent: usize,
    /// The line starts (after its indent) with `- `.
    pub dash: bool,
    /// The key before `: ` (or a trailing `:`), when there is one.
    pub key: Option<&'a str>,
    /// The value after the key (or the dash), trimmed.
    pub value: &'a str,
    /// 1-based character column of `value`.
    pub value_col: usize,
}

pub(super) fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Splits a line into its parts; `None` for blank lines and comment lines.
pub(super) fn entry(line: &str) -> Option<Entry<'_>> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = chars(line) - chars(body);
    let body = body.trim_end();
    if body.is_empty() || body.starts_with('#') {
        return None;
    }
    let (dash, rest) = match body.strip_prefix("- ") {
        Some(rest) => (true, rest.trim_start()),
        None if body == "-" => (true, ""),
        None => (false, body),
    };
    let rest_col = indent + chars(body) - chars(rest) + 1;
    let keyed = !rest.starts_with(['"', '\'', '[', '{', '|', '>']);
    let colon = rest
        .find(": ")
        .or_else(|| rest.find(":\t"))
        .or_else(|| rest.strip_suffix(':').map(str::len));
    match colon.filter(|_| keyed) {
        Some(i) => {
            let value = rest[i + 1..].trim_start();
            Some(Entry {
                indent,
                dash,
                key: Some(&rest[..i]),
                value,
                value_col: rest_col + chars(&rest[..i + 1]) + chars(&rest[i + 1..]) - chars(value),
            })
        }
        None => Some(Entry {
            indent,
            dash,
            key: None,
            value: rest,
            value_col: rest_col,
        }),
    }
}

/// `"text"`, or `'text'` when the text holds a double quote (and no single one).
pub fn quoted(text: &str) -> String {
    if text.contains('"') && !text.contains('\'') {
        format!("'{text}'")
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `key: value` as it should be typed (the value cut when long).
pub(super) fn line_with(e: &Entry<'_>, value: &str) -> String {
    let dash = if e.dash { "- " } else { "" };
    match e.key {
        Some(key) => format!("{dash}{key}: {}", short(value, SHOWN_CHARS)),
        None => format!("{dash}{}", short(value, SHOWN_CHARS)),
    }
}

/// "the title", "the value of `venue`", "this value".
pub(super) fn what(e: &Entry<'_>) -> String {
    match e.key {
        Some("title") => "the title".into(),
        Some(key) => format!("the value of `{}`", short(key, SHOWN_CHARS)),
        None => "this value".into(),
    }
}

/// Where a quoted value closes: the byte index of its closing quote in `value`, if on the line.
pub(super) fn closing_quote(value: &str) -> Option<usize> {
    let quote = value.chars().next()?;
    let mut chars = value.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            ('"', '\\') => {
                chars.next();
            }
            ('\'', '\'') if chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            (q, c) if c == q => return Some(i),
            _ => {}
        }
    }
    None
}

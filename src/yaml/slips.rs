//! The common YAML slips of people who do not write YAML for a living, explained in plain
//! words.
//!
//! The YAML parser reports where it got lost, in its own terms ("invalid trailing content
//! after double-quoted scalar"), often a line after the real mistake. When parsing fails,
//! [`explain`] looks at the source lines up to that point for the slips people actually make
//! (an unclosed quote, quotes inside quotes, a tab used for indenting, `: ` inside an unquoted
//! value, a key written twice, a list item without `- `, no space after `:`, an unclosed
//! bracket) and says what is wrong at the line where it is, with what to type instead. When
//! none fits, it words the parser's complaint plainly. `super::comments` finds values that
//! parse but lose their end to ` #` (which YAML reads as a comment).
//!
//! Every function here is linear in the text it looks at; values are quoted at most
//! [`SHOWN_CHARS`] characters long.

pub use super::lines::quoted;
use super::lines::{chars, closing_quote, entry, line_with, what};
use super::short;

#[path = "slips_indent.rs"]
mod indent;
use indent::{list_item, over_indented, tab};

pub use super::lines::SHOWN_CHARS;

/// A slip found in a YAML text: where (1-based line and column in characters, relative to the
/// YAML text), how many characters to mark, what is wrong and what to type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// 1-based line in the YAML text.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// Characters to mark.
    pub len: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to type instead.
    pub help: Option<String>,
}

/// Explains a parse failure the parser reported at `line`/`col` (1-based, in `yaml`) with
/// `message`; `duplicate` is the key the parser found twice, if that was the failure.
pub fn explain(
    yaml: &str,
    line: usize,
    col: usize,
    message: &str,
    duplicate: Option<&str>,
) -> Slip {
    let lines: Vec<&str> = yaml.lines().take(line.saturating_add(1)).collect();
    let m = message.to_ascii_lowercase();
    if lines.is_empty() {
        return reworded(1, col, &m);
    }
    let line = line.clamp(1, lines.len());
    let found = duplicate
        .and_then(|key| duplicate_key(&lines, line, key))
        .or_else(|| tab(&lines, line, m.contains("tab")))
        .or_else(|| (m.contains("quote")).then(|| quote(&lines, line)).flatten())
        .or_else(|| bracket(&lines, line))
        .or_else(|| missing_space(&lines, line))
        .or_else(|| colon_in_value(&lines, line, col, &m))
        .or_else(|| list_item(&lines, line))
        .or_else(|| over_indented(&lines, line))
        .or_else(|| long_key(&lines, line));
    found.unwrap_or_else(|| reworded(line, col, &m))
}

/// Why a text meant as `name: value` lines reads as one plain text: a missing space after
/// the colon of its first line (`date:2014-06-14`), if that is it.
pub fn text_instead_of_fields(yaml: &str) -> Option<Slip> {
    let lines: Vec<&str> = yaml.lines().take(2).collect();
    let first = lines.iter().position(|l| entry(l).is_some())?;
    missing_space(&lines, first + 1)
}

fn duplicate_key(lines: &[&str], line: usize, key: &str) -> Option<Slip> {
    let here = entry(lines.get(line - 1)?)?;
    if here.key != Some(key) {
        return None;
    }
    // The first occurrence in the same mapping: stop at its parent (a line indented less).
    let first = lines[..line - 1]
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(i, l)| Some((i, *l, entry(l)?)))
        .take_while(|(_, _, e)| e.indent >= here.indent)
        .find(|(_, _, e)| e.key == Some(key) && e.indent == here.indent && e.dash == here.dash)
        .map(|(i, l, _)| (i + 1, l));
    let shown = short(key, SHOWN_CHARS);
    let (message, help) = match first {
        Some((n, first_line)) => (
            format!("`{shown}` is written twice: on line {n} and here"),
            format!(
                "keep one of the two and delete the other (line {n}: `{}`, line {line}: `{}`)",
                short(first_line.trim(), SHOWN_CHARS),
                short(lines[line - 1].trim(), SHOWN_CHARS)
            ),
        ),
        None => (
            format!("`{shown}` is written twice"),
            format!("keep one `{shown}:` line and delete the other"),
        ),
    };
    Some(Slip {
        line,
        col: here.indent + if here.dash { 3 } else { 1 },
        len: chars(key),
        message,
        help: Some(help),
    })
}

/// The nearest quoted value at or before `line` that is not closed on its line, or that has
/// text after its closing quote (quotes inside quotes).
fn quote(lines: &[&str], line: usize) -> Option<Slip> {
    lines[..line].iter().enumerate().rev().find_map(|(i, l)| {
        let e = entry(l)?;
        let q = e.value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let kind = if q == '"' { "double" } else { "single" };
        match closing_quote(e.value) {
            None => Some(Slip {
                line: i + 1,
                col: e.value_col,
                len: 1,
                message: format!("the {kind} quote that starts {} is never closed", what(&e)),
                help: Some(format!(
                    "end the value with a {kind} quote: `{}`",
                    line_with(&e, &format!("{}{q}", e.value))
                )),
            }),
            Some(end) => {
                let after = e.value[end + 1..].trim();
                if after.is_empty() || after.starts_with('#') {
                    return None;
                }
                let inner = &e.value[1..e.value.len() - usize::from(e.value.ends_with(q))];
                let fixed = match q {
                    '"' => quoted(inner),
                    _ if !inner.contains('"') => format!("\"{inner}\""),
                    _ => format!("'{}'", inner.replace('\'', "''")),
                };
                Some(Slip {
                    line: i + 1,
                    col: e.value_col + chars(&e.value[..end]),
                    len: 1,
                    message: format!(
                        "{} has quotes inside quotes: YAML takes this quote as the end of the text",
                        what(&e)
                    ),
                    help: Some(format!(
                        "put the whole value in the other kind of quotes: `{}` (or use „…“ inside)",
                        line_with(&e, &fixed)
                    )),
                })
            }
        }
    })
}

/// The nearest value at or before `line` opening `[` or `{` without closing it on its line.
fn bracket(lines: &[&str], line: usize) -> Option<Slip> {
    lines[..line].iter().enumerate().rev().find_map(|(i, l)| {
        let e = entry(l)?;
        let open = e.value.chars().next().filter(|c| *c == '[' || *c == '{')?;
        let close = if open == '[' { ']' } else { '}' };
        let depth = e.value.chars().fold(0i64, |d, c| match c {
            c if c == open => d + 1,
            c if c == close => d - 1,
            _ => d,
        });
        if depth <= 0 {
            return None;
        }
        let what = if open == '[' { "list" } else { "group" };
        Some(Slip {
            line: i + 1,
            col: e.value_col,
            len: 1,
            message: format!("the {what} opened with `{open}` here is not closed"),
            help: Some(format!(
                "close it with `{close}` on the same line (`{}`), or remove the `{open}`",
                line_with(&e, &format!("{}{close}", e.value))
            )),
        })
    })
}

/// `date:2014-06-14` on the reported line or the one before it.
fn missing_space(lines: &[&str], line: usize) -> Option<Slip> {
    let from = line.saturating_sub(2);
    lines[from..line]
        .iter()
        .enumerate()
        .rev()
        .find_map(|(k, l)| {
            let e = entry(l)?;
            if e.key.is_some() {
                return None;
            }
            let colon = e.value.find(':')?;
            let (key, rest) = (&e.value[..colon], &e.value[colon + 1..]);
            let is_key = key.chars().next().is_some_and(char::is_alphabetic)
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
            if !is_key || rest.is_empty() || rest.starts_with([' ', '/', ':']) {
                return None;
            }
            Some(Slip {
                line: from + k + 1,
                col: e.value_col + chars(key),
                len: 1,
                message: format!("there is no space after `{}:`", short(key, SHOWN_CHARS)),
                help: Some(format!(
                    "write a space after the colon: `{}`",
                    short(&format!("{key}: {rest}"), SHOWN_CHARS)
                )),
            })
        })
}

/// `title: Sapulce: rīt` (or a value starting with `- `) on the reported line.
fn colon_in_value(lines: &[&str], line: usize, col: usize, m: &str) -> Option<Slip> {
    if !m.contains("not allowed in this context") {
        return None;
    }
    let e = entry(lines.get(line - 1)?)?;
    let starts_dash = e.value.starts_with("- ");
    let inner = e
        .value
        .find(": ")
        .or_else(|| e.value.strip_suffix(':').map(str::len));
    if e.key.is_none() || (inner.is_none() && !starts_dash) {
        return None;
    }
    let (at, message) = match inner {
        Some(i) if !starts_dash => (
            e.value_col + chars(&e.value[..i]),
            format!(
                "{} contains `: `, which YAML reads as the start of another field",
                what(&e)
            ),
        ),
        _ => (
            col.max(e.value_col),
            format!("{} starts with `- `, which YAML reads as a list", what(&e)),
        ),
    };
    Some(Slip {
        line,
        col: at,
        len: 1,
        message,
        help: Some(format!(
            "put the value in quotes: `{}`",
            line_with(&e, &quoted(e.value))
        )),
    })
}

/// YAML reads a field name of at most 1024 characters.
fn long_key(lines: &[&str], line: usize) -> Option<Slip> {
    let l = lines.get(line - 1)?;
    let e = entry(l)?;
    let name = e.key.unwrap_or(e.value);
    (chars(name) > 1024).then(|| Slip {
        line,
        col: e.indent + 1,
        len: 1,
        message: format!(
            "this field name is {} characters long; YAML reads names of at most 1024",
            chars(name)
        ),
        help: Some("check whether a value lost its `name: ` in front".into()),
    })
}

/// The parser's complaint in plain words, at its position.
fn reworded(line: usize, col: usize, m: &str) -> Slip {
    let (message, help) = if m.contains("quote") {
        (
            "a quote is not closed, or a value has quotes inside quotes",
            "check that each value that starts with a quote ends with the same quote",
        )
    } else if m.contains("bracket") || m.contains("flow") {
        (
            "a `[` or `{` is not closed, or closed by the wrong bracket",
            "close each `[` with `]` and each `{` with `}` on the same line",
        )
    } else if m.contains("eof") || m.contains("end of") {
        (
            "the file ends in the middle of a value",
            "check the last lines for an unclosed quote or bracket",
        )
    } else if m.contains("indent") {
        (
            "this line is indented differently from the lines around it",
            "indent it with the same number of spaces as the field it belongs to",
        )
    } else if m.contains("not allowed in this context") || m.contains("indicator") {
        (
            "this line holds a `:` or `-` where YAML does not expect one",
            "put the value in quotes if it contains `: `, or start a list item on its own line with `- `",
        )
    } else if m.contains("anchor") || m.contains("alias") || m.contains("tag") {
        (
            "a value here starts with `&`, `*` or `!`, which YAML reads as a special sign",
            "put the value in quotes",
        )
    } else {
        (
            "this line is not a `name: value` line YAML can read",
            "write each field as `name: value` on its own line; put values with `:`, `#` or quotes in quotes",
        )
    };
    Slip {
        line,
        col: col.max(1),
        len: 1,
        message: message.into(),
        help: Some(help.into()),
    }
}

#[cfg(test)]
#[path = "slips_tests.rs"]
mod tests;

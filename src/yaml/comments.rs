//! Values that parse but lose their end: YAML reads ` #` as the start of a comment, so
//! `title: Preses relīze #2` is only "Preses relīze". Found line by line (linear), reported as
//! warnings with the whole line and the value in quotes.

use super::lines::quoted;
use super::lines::{chars, closing_quote, entry, line_with, what};
use super::short;
use super::slips::{SHOWN_CHARS, Slip};

/// Values YAML cut at ` #` (a comment starts there): each such line, to be reported as a
/// warning. A comment after two or more spaces counts as meant and is left alone.
pub fn comment_cuts(yaml: &str) -> Vec<Slip> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    // The quote of a quoted value that goes on over the next lines, until it closes.
    let mut open: Option<char> = None;
    for (i, l) in yaml.lines().enumerate() {
        if let Some(q) = open {
            if l.contains(q) {
                open = None;
            }
            continue;
        }
        let Some(e) = entry(l) else { continue };
        if let Some(indent) = block {
            if e.indent > indent {
                continue;
            }
            block = None;
        }
        if e.value.starts_with(['|', '>']) {
            block = Some(e.indent);
            continue;
        }
        if e.value.starts_with(['"', '\'']) && closing_quote(e.value).is_none() {
            open = e.value.chars().next();
            continue;
        }
        if e.value.starts_with(['"', '\'', '[', '{', '&', '*', '!']) {
            continue;
        }
        let one_space_before_value = e.value_col >= 3
            && l.chars().nth(e.value_col - 3) == Some(':')
            && l.chars().nth(e.value_col - 2) == Some(' ');
        let cut = if e.value.starts_with('#') {
            (e.key.is_some() && one_space_before_value).then_some(0)
        } else {
            e.value
                .match_indices(" #")
                .map(|(k, _)| k)
                .find(|k| !e.value[..*k].ends_with([' ', '\t']))
                .map(|k| k + 1)
        };
        let Some(at) = cut else { continue };
        let kept = e.value[..at].trim_end();
        let message = if kept.is_empty() {
            format!(
                "YAML reads everything from `#` as a comment, so {} is empty",
                what(&e)
            )
        } else {
            format!(
                "YAML reads everything from ` #` as a comment, so {} is only `{}`",
                what(&e),
                short(kept, SHOWN_CHARS)
            )
        };
        let subject = if e.key == Some("title") {
            "the title"
        } else {
            "the value"
        };
        out.push(Slip {
            line: i + 1,
            col: e.value_col + chars(&e.value[..at]),
            len: chars(&e.value[at..]).min(SHOWN_CHARS),
            message,
            help: Some(format!(
                "put {subject} in quotes: `{}`{}",
                line_with(&e, &quoted(e.value)),
                if e.key == Some("title") {
                    ""
                } else {
                    "; if the `#` starts a note of yours, put two spaces before it"
                }
            )),
        });
    }
    out
}

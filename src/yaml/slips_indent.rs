//! The slips of indenting, part of [`slips`](super): a tab used for indenting, a line in a
//! list that lacks its `- `, and a field indented more than the one above it.
//!
//! Kept apart from the slips of values (quotes, brackets, colons) in `slips.rs`; each check
//! looks at the lines up to the one the parser reported and is linear in them.

use super::{SHOWN_CHARS, Slip};
use crate::yaml::lines::{chars, entry};
use crate::yaml::short;

/// A tab in a line's indentation (up to the line after the reported one), or, when the
/// parser complained of a tab, the first tab anywhere.
pub(super) fn tab(lines: &[&str], line: usize, parser_said_tab: bool) -> Option<Slip> {
    let upto = &lines[..(line + 1).min(lines.len())];
    // Unless the parser spoke of a tab, only the lines around the failure are suspects (a
    // tab further up may be inside a block of text, where it is allowed).
    let from = if parser_said_tab {
        0
    } else {
        line.saturating_sub(2)
    };
    let indented = upto.iter().enumerate().skip(from).find_map(|(i, l)| {
        let lead: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let at = lead.chars().position(|c| c == '\t')?;
        Some((i, at, l.trim_start_matches([' ', '\t'])))
    });
    if let Some((i, at, rest)) = indented {
        let start = rest.split(':').next().unwrap_or(rest);
        return Some(Slip {
            line: i + 1,
            col: at + 1,
            len: 1,
            message: "this line is indented with a tab; YAML accepts only spaces for indenting"
                .into(),
            help: Some(format!(
                "replace the tab before `{}` with spaces (or remove it if the line should not be indented)",
                short(start, SHOWN_CHARS)
            )),
        });
    }
    if !parser_said_tab {
        return None;
    }
    let (i, l) = upto
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| l.contains('\t'))?;
    let at = l.chars().position(|c| c == '\t')?;
    Some(Slip {
        line: i + 1,
        col: at + 1,
        len: 1,
        message: "there is a tab here, where YAML does not accept one".into(),
        help: Some("replace the tab with a space, or put the value in quotes".into()),
    })
}

/// An indented line without `- ` right after list items at the same indent.
pub(super) fn list_item(lines: &[&str], line: usize) -> Option<Slip> {
    let here = entry(lines.get(line - 1)?)?;
    if here.dash || here.indent == 0 {
        return None;
    }
    let above = lines[..line - 1].iter().rev().find_map(|l| entry(l))?;
    if !above.dash || above.indent != here.indent {
        return None;
    }
    let text = lines[line - 1].trim();
    Some(Slip {
        line,
        col: here.indent + 1,
        len: chars(text).min(SHOWN_CHARS),
        message: "this line is in the middle of a list but does not start with `- `".into(),
        help: Some(format!(
            "start it with `- ` like the items above: `- {}`",
            short(text, SHOWN_CHARS)
        )),
    })
}

/// A `key: value` line indented more than the field with a value above it.
pub(super) fn over_indented(lines: &[&str], line: usize) -> Option<Slip> {
    let here = entry(lines.get(line - 1)?)?;
    let key = here.key?;
    let above = lines[..line - 1].iter().rev().find_map(|l| entry(l))?;
    if here.indent <= above.indent || above.value.is_empty() || above.value.starts_with(['|', '>'])
    {
        return None;
    }
    Some(Slip {
        line,
        col: 1,
        len: here.indent.max(1),
        message: "this line is indented more than the line above it, so YAML cannot tell where it belongs".into(),
        help: Some(format!(
            "remove the spaces in front of `{}:` so it lines up with the fields above",
            short(key, SHOWN_CHARS)
        )),
    })
}

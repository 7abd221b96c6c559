//! Changing texts inside one structured value in place: a photo written as a mapping
//! (`photo: { src: zale.jpg, focus: top }`) that gets a new `src`, a video that gets a new
//! poster. Rewriting the whole entry as a block ([`super::yaml_block`]) would keep the values
//! but not how the person wrote them (flow or block, quotes, comments); here only the bytes
//! of the texts that changed are replaced. [`super::yaml_edit::set`] verifies the result and
//! falls back to the block when this cannot be done.

use serde_json::Value as J;

use super::quote::{self, Kind, Style};
use crate::yaml::{Located, Node};

/// `text` with the mapping at top-level `key` changed from `old` to `new` in place, when the
/// two are mappings with the same keys that differ only in text values; `None` otherwise, or
/// when a changed value cannot be found where it is written.
pub(super) fn changed_texts(text: &str, key: &str, old: &J, new: &J) -> Option<String> {
    let (J::Object(old), J::Object(new)) = (old, new) else {
        return None;
    };
    if old.len() != new.len() || old.keys().any(|k| !new.contains_key(k)) {
        return None;
    }
    let mut changed = Vec::new();
    for (name, value) in new {
        match (old.get(name)?, value) {
            (a, b) if a == b => {}
            (J::String(_), J::String(b)) => changed.push((name.as_str(), b.as_str())),
            _ => return None,
        }
    }
    if changed.is_empty() {
        return None;
    }
    let map: indexmap::IndexMap<String, Located<Node>> = serde_saphyr::from_str(text).ok()?;
    let Node::Map(entries) = &map.get(key)?.value else {
        return None;
    };
    let mut spans = Vec::new();
    for (name, value) in changed {
        let (_, located) = entries.iter().find(|(k, _)| k.value == name)?;
        if !matches!(located.value, Node::Str(_)) {
            return None;
        }
        let start = offset_of(text, located.pos.line, located.pos.col)?;
        let len = scalar_len(&text[start..])?;
        spans.push((start, start + len, value));
    }
    spans.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut out = text.to_string();
    for (start, end, value) in spans {
        let style = match out[start..].chars().next() {
            Some('"') => Style::Double,
            Some('\'') => Style::Single,
            _ => Style::Plain,
        };
        let mut written = quote::scalar(value, Kind::Text, Some(style));
        // Inside `{ … }` a plain text ends at `,` or `}`: such a text is quoted.
        if !written.starts_with(['"', '\'']) && value.contains([',', '[', ']', '{', '}', '#']) {
            written = quote::double(value);
        }
        out.replace_range(start..end, &written);
    }
    Some(out)
}

/// The byte offset of 1-based `line` and `col` (characters).
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[line_start..];
    let within = match rest.char_indices().nth(col.checked_sub(1)?) {
        Some((i, _)) => i,
        None => return None,
    };
    Some(line_start + within)
}

/// The length in bytes of the scalar written at the start of `rest`.
fn scalar_len(rest: &str) -> Option<usize> {
    match rest.chars().next()? {
        '"' => closing(rest, '"'),
        '\'' => closing(rest, '\''),
        _ => {
            let line = rest.split(['\n', '\r']).next().unwrap_or("");
            let end = [",", "}", " #"]
                .iter()
                .filter_map(|stop| line.find(stop))
                .min()
                .unwrap_or(line.len());
            let len = line[..end].trim_end().len();
            (len > 0).then_some(len)
        }
    }
}

/// The end (exclusive) of the quoted scalar opening `rest`.
pub(super) fn closing(rest: &str, quote: char) -> Option<usize> {
    let mut chars = rest.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().map(|(_, c)| *c) == Some('\'') => {
                chars.next();
            }
            c if c == quote => return Some(i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `text`'s photo (`src` and `focus`) with a new `src`.
    fn change(text: &str, old: J, src: &str) -> Option<String> {
        let mut new = old.clone();
        new["src"] = J::String(src.into());
        changed_texts(text, "photo", &old, &new)
    }

    #[test]
    fn only_the_changed_text_is_replaced() {
        let flow = "date: 2015-01-01\nphoto: { src: zale.jpg, focus: top }  # the hall\n";
        assert_eq!(
            change(
                flow,
                json!({"src": "zale.jpg", "focus": "top"}),
                "skatuve-1.jpg"
            )
            .unwrap(),
            "date: 2015-01-01\nphoto: { src: skatuve-1.jpg, focus: top }  # the hall\n"
        );
        let block = "photo:\n  focus: [0.5, 0.3]\n  src: \"zale.jpg\"\n";
        assert_eq!(
            change(
                block,
                json!({"src": "zale.jpg", "focus": ["0.5", "0.3"]}),
                "a.jpg"
            )
            .unwrap(),
            "photo:\n  focus: [0.5, 0.3]\n  src: \"a.jpg\"\n"
        );
        let comma = "photo: {src: zale.jpg, focus: top}\n";
        assert_eq!(
            change(comma, json!({"src": "zale.jpg", "focus": "top"}), "a,b.jpg").unwrap(),
            "photo: {src: \"a,b.jpg\", focus: top}\n"
        );
    }

    #[test]
    fn other_shapes_are_left_to_the_block_writer() {
        let text = "photo: { src: zale.jpg }\n";
        let old = json!({"src": "zale.jpg"});
        let new = serde_json::json!({"src": "a.jpg", "focus": "top"});
        assert_eq!(changed_texts(text, "photo", &old, &new), None);
        assert_eq!(
            changed_texts(text, "photo", &old, &J::String("a".into())),
            None
        );
    }
}

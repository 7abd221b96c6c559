//! Editing one top-level key of a record's YAML (a `.yaml` file or a front matter) in place.
//!
//! Records are flat mappings, so the text is cut into top-level entries by their key lines;
//! an edit replaces only the bytes of the value it changes (a one-line value keeps its
//! trailing comment), adds a missing key after its neighbour in schema order, or removes a
//! key's lines. Everything else — comments, blank lines, key order, other values' quoting —
//! stays byte for byte. Nothing is re-serialised. Every edit is then verified by parsing the
//! result: the edited key must read back as the value asked for and every other key as before,
//! or the edit is refused (the file is then not written).

use indexmap::IndexMap;

use super::quote::{self, Kind, Style};
use crate::yaml::Node;

/// The new value of a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// One scalar.
    Scalar(String, Kind),
    /// A list of scalars.
    List(Vec<String>, Kind),
    /// A structured value (a gallery, a video with a poster), written as a block by
    /// [`super::yaml_block`]; it must read back as this JSON.
    Block(serde_json::Value),
    /// Remove the key.
    Remove,
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The YAML does not parse (before the edit): the check reports where.
    #[error("the file's YAML has a mistake; fix it in the file first")]
    Unreadable,
    /// A structured value has a shape a record cannot hold.
    #[error("{0}")]
    Unwritable(#[from] super::yaml_block::Unwritable),
    /// The value would not read back as given (a safety net; should not happen).
    #[error("`{0}` could not be written safely")]
    Unsafe(String),
}

/// One top-level entry: byte ranges in the text.
#[derive(Debug, Clone)]
struct Entry {
    key: String,
    /// Start of the key line.
    start: usize,
    /// Where the value starts on the key line (after `key:` and spaces).
    value_start: usize,
    /// End of the inline value (before a trailing comment and spaces).
    value_end: usize,
    /// End of the entry's last line (incl. its line break): key line plus continuation lines.
    end: usize,
    /// Whether the value continues on following lines.
    multiline: bool,
}

/// Sets (or adds, or removes) `key` in the YAML `text`; `order` is the schema's key order,
/// used to place a new key. Returns the new text.
pub fn set(text: &str, key: &str, value: &Value, order: &[&str]) -> Result<String, EditError> {
    set_in(text, key, value, order, &[])
}

/// [`set`], writing a structured value's per-language texts in `languages` order.
pub fn set_in(
    text: &str,
    key: &str,
    value: &Value,
    order: &[&str],
    languages: &[&str],
) -> Result<String, EditError> {
    let before = read(text).ok_or(EditError::Unreadable)?;
    // A value that reads as asked already is left as written (a save without changes is
    // byte for byte the file it was loaded from).
    if holds(before.get(key), value) {
        return Ok(text.to_string());
    }
    let entries = entries(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let out = match (entries.iter().find(|e| e.key == key), value) {
        (None, Value::Remove) => return Ok(text.to_string()),
        (Some(e), Value::Remove) => format!("{}{}", &text[..e.start], &text[e.end..]),
        (Some(e), Value::Block(json)) => {
            // Only some texts inside the mapping changed: replace just those, if that reads
            // back right; else the whole entry is written again as a block.
            let in_place = before
                .get(key)
                .and_then(|old| super::yaml_nested::changed_texts(text, key, old, json))
                .filter(|out| verify(&before, out, key, value).is_ok());
            if let Some(out) = in_place {
                return Ok(out);
            }
            let entry = super::yaml_block::entry_in(&yaml_key(key), json, newline, languages)?;
            format!("{}{entry}{}", &text[..e.start], &text[e.end..])
        }
        (Some(e), value) => replace(text, e, key, value, newline),
        (None, value) => insert(text, &entries, key, value, (order, languages), newline)?,
    };
    verify(&before, &out, key, value)?;
    Ok(out)
}

/// The values of a YAML mapping without positions; `None` when it does not parse as one.
fn read(text: &str) -> Option<IndexMap<String, serde_json::Value>> {
    if text.trim().is_empty() {
        return Some(IndexMap::new());
    }
    let map: IndexMap<String, Node> = serde_saphyr::from_str(text).ok()?;
    Some(map.into_iter().map(|(k, v)| (k, plain(&v))).collect())
}

/// A YAML node as plain JSON (numbers stay numbers, floats become text): what the form sees
/// of a structured value, and what a [`Value::Block`] must read back as.
pub fn plain(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match node {
        Node::Null => J::Null,
        Node::Bool(b) => J::Bool(*b),
        Node::Int(i) => J::from(*i),
        Node::Float(f) => J::String(format!("{f}")),
        Node::Str(s) => J::String(s.clone()),
        Node::Seq(items) => J::Array(items.iter().map(|i| plain(&i.value)).collect()),
        Node::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.value.clone(), plain(&v.value)))
                .collect(),
        ),
    }
}

fn verify(
    before: &IndexMap<String, serde_json::Value>,
    out: &str,
    key: &str,
    value: &Value,
) -> Result<(), EditError> {
    let unsafe_ = || EditError::Unsafe(key.to_string());
    let after = read(out).ok_or_else(unsafe_)?;
    let others = |m: &IndexMap<String, serde_json::Value>| {
        m.iter()
            .filter(|(k, _)| *k != key)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    if others(before) != others(&after) {
        return Err(unsafe_());
    }
    holds(after.get(key), value)
        .then_some(())
        .ok_or_else(unsafe_)
}

/// Whether the value read (`got`) is `value`.
fn holds(got: Option<&serde_json::Value>, value: &Value) -> bool {
    match value {
        Value::Remove => got.is_none(),
        Value::Block(json) => got == Some(json),
        Value::Scalar(s, kind) => got.is_some_and(|g| same_scalar(g, s, *kind)),
        Value::List(items, kind) => match got {
            Some(serde_json::Value::Array(got)) => {
                got.len() == items.len()
                    && got.iter().zip(items).all(|(g, s)| same_scalar(g, s, *kind))
            }
            _ => false,
        },
    }
}

fn same_scalar(got: &serde_json::Value, want: &str, kind: Kind) -> bool {
    match (got, kind) {
        (serde_json::Value::String(s), _) => s == want,
        // A number or boolean, as YAML wrote it back (`12`, `true`).
        (other, Kind::Typed) => {
            let shown = other.to_string();
            shown == want
        }
        _ => false,
    }
}

/// The top-level entries of `text`, in order.
fn entries(text: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some((key, value_at)) = key_line(content) {
            let rest = &content[value_at..];
            let value_len = inline_len(rest);
            out.push(Entry {
                key,
                start,
                value_start: start + value_at,
                value_end: start + value_at + value_len,
                end: offset,
                multiline: false,
            });
        } else if let Some(last) = out.last_mut() {
            let continues = content.starts_with([' ', '\t']) || content.starts_with('-');
            if continues && !content.trim().is_empty() {
                last.end = offset;
                last.multiline = true;
            }
        }
    }
    out
}

/// `key` and the byte offset of its value when `line` is a top-level `key: value` line.
fn key_line(line: &str) -> Option<(String, usize)> {
    let first = line.chars().next()?;
    if first.is_whitespace() || "#-?[{&*!|>%@`".contains(first) || line == "---" {
        return None;
    }
    let (key, colon) = if first == '"' || first == '\'' {
        let close = line[1..].find(first)? + 1;
        let key = &line[1..close];
        (key.to_string(), close + 1)
    } else {
        let colon = line
            .find(": ")
            .or_else(|| line.ends_with(':').then(|| line.len() - 1))?;
        (line[..colon].trim_end().to_string(), colon)
    };
    let after = line.get(colon..)?.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let spaces = after.len() - after.trim_start().len();
    Some((key, colon + 1 + spaces))
}

/// The length of the inline value at the start of `rest`, without a trailing comment.
fn inline_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let end = match bytes.first() {
        None | Some(b'#') => 0,
        Some(b'"') => super::yaml_nested::closing(rest, '"').unwrap_or(rest.len()),
        Some(b'\'') => super::yaml_nested::closing(rest, '\'').unwrap_or(rest.len()),
        _ => rest.find(" #").unwrap_or(rest.len()),
    };
    rest[..end].trim_end().len()
}

fn style_of(inline: &str) -> Option<Style> {
    match inline.chars().next() {
        None => None,
        Some('"') => Some(Style::Double),
        Some('\'') => Some(Style::Single),
        Some(_) => Some(Style::Plain),
    }
}

fn render(value: &Value, previous: Option<Style>) -> String {
    match value {
        Value::Scalar(s, kind) => quote::scalar(s, *kind, previous),
        Value::List(items, kind) => {
            let items: Vec<String> = items
                .iter()
                .map(|s| flow_item(s, *kind, previous))
                .collect();
            format!("[{}]", items.join(", "))
        }
        Value::Remove | Value::Block(_) => String::new(),
    }
}

/// A list item in a flow list: `,` `[` `]` end a plain item there, so those are quoted too.
fn flow_item(s: &str, kind: Kind, previous: Option<Style>) -> String {
    let written = quote::scalar(s, kind, previous);
    if !written.starts_with(['"', '\'']) && s.contains([',', '[', ']', '{', '}']) {
        quote::double(s)
    } else {
        written
    }
}

fn replace(text: &str, e: &Entry, key: &str, value: &Value, newline: &str) -> String {
    let inline = &text[e.value_start..e.value_end];
    if !e.multiline {
        let new = render(value, style_of(inline));
        return format!("{}{}{}", &text[..e.value_start], new, &text[e.value_end..]);
    }
    let block = &text[e.start..e.end];
    if let (Value::List(items, kind), Some(indent)) = (value, block_list_indent(block)) {
        let mut out = format!("{}{}", &text[..e.value_end], newline);
        for item in items {
            let written = quote::scalar(item, *kind, None);
            out.push_str(&format!("{indent}- {written}{newline}"));
        }
        out.push_str(&text[e.end..]);
        return out;
    }
    let new = render(value, None);
    format!(
        "{}{key}: {new}{newline}{}",
        &text[..e.start],
        &text[e.end..]
    )
}

/// The indentation of the items of a block list (`key:\n  - a`), if the entry is one.
fn block_list_indent(block: &str) -> Option<String> {
    let mut lines = block.lines().skip(1).filter(|l| !l.trim().is_empty());
    let first = lines.next()?;
    let indent = &first[..first.len() - first.trim_start().len()];
    first
        .trim_start()
        .starts_with('-')
        .then(|| indent.to_string())
}

fn insert(
    text: &str,
    entries: &[Entry],
    key: &str,
    value: &Value,
    (order, languages): (&[&str], &[&str]),
    newline: &str,
) -> Result<String, EditError> {
    let rank = |k: &str| order.iter().position(|o| *o == k);
    let own = rank(key).unwrap_or(usize::MAX);
    let line = match value {
        Value::Block(json) => {
            super::yaml_block::entry_in(&yaml_key(key), json, newline, languages)?
        }
        _ => format!("{}: {}{newline}", yaml_key(key), render(value, None)),
    };
    let after = entries
        .iter()
        .rev()
        .find(|e| rank(&e.key).is_some_and(|r| r < own));
    let at = match after {
        Some(e) => e.end,
        None => match entries
            .iter()
            .find(|e| rank(&e.key).is_some_and(|r| r > own))
        {
            Some(first_later) => first_later.start,
            None => entries.last().map_or(text.len(), |e| e.end),
        },
    };
    let mut out = text[..at].to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&line);
    out.push_str(&text[at..]);
    Ok(out)
}

fn yaml_key(key: &str) -> String {
    if quote::plain_is_text(key) {
        key.to_string()
    } else {
        quote::double(key)
    }
}

#[cfg(test)]
#[path = "yaml_edit_tests.rs"]
mod tests;

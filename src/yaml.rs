//! YAML reading: the one home of serde-saphyr.
//!
//! Turns parser and type errors into located [`Diagnostic`]s (with "did you mean" for unknown
//! keys), and offers [`Node`], a dynamic YAML value that remembers where every value and key is,
//! for records whose fields are only known from `site.yaml` at run time.
//! It knows nothing about what the values mean. Syntax slips are explained in plain words by
//! [`slips`].

mod comments;
mod errors;
mod lines;
pub mod slips;

pub use errors::{comment_warnings, slip_diagnostic};

use std::cell::OnceCell;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::diagnostics::Diagnostic;

/// A place in a YAML text: 1-based line and column (characters), plus the byte length when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column in characters (0 when unknown).
    pub col: usize,
}

impl Pos {
    /// The position of a serde-saphyr location, shifted down by `line_offset` lines (for front
    /// matter, which starts after the opening `---`).
    pub fn from_location(location: &Location, line_offset: usize) -> Self {
        let line = location.line() as usize;
        Pos {
            line: if line == 0 { 0 } else { line + line_offset },
            col: location.column() as usize,
        }
    }
}

/// A YAML text being read: its path relative to the site root, the whole file's text (for
/// snippets) and the line offset of the YAML inside it.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Path relative to the site root, as shown in diagnostics.
    pub path: &'a Path,
    /// The whole file (the snippet line is taken from it).
    pub file_text: &'a str,
    /// How many lines of the file come before the YAML (front matter: 1 for the `---`).
    pub line_offset: usize,
    /// Where each line of `file_text` starts, worked out on the first diagnostic (so that
    /// reporting n problems in one file costs O(file + n), not O(file × n)).
    pub line_starts: &'a OnceCell<Vec<usize>>,
}

impl<'a> Source<'a> {
    /// The source of a whole file (`line_offset` 0) or of front matter (1).
    pub fn new(
        path: &'a Path,
        file_text: &'a str,
        line_offset: usize,
        line_starts: &'a OnceCell<Vec<usize>>,
    ) -> Self {
        Source {
            path,
            file_text,
            line_offset,
            line_starts,
        }
    }

    /// The text of 1-based line `line` of the file (without its line end), found in O(1)
    /// once the line index is built.
    fn line_text(&self, line: usize) -> Option<&'a str> {
        let text = self.file_text;
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(text.len(), |e| e - 1);
        (start <= end).then(|| text[start..end].trim_end_matches('\r'))
    }

    /// An error at `pos` in this source, marking `len` characters.
    pub fn error_at(&self, pos: Pos, len: usize, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::error(Some(self.path), message);
        if pos.line == 0 {
            return d;
        }
        match self.line_text(pos.line) {
            Some(line) => {
                let mut d = d.at_line_col(line, 1, pos.col, len);
                d.line = pos.line;
                d
            }
            None => d.at_line_col(self.file_text, pos.line, pos.col, len),
        }
    }

    /// A warning at `pos` in this source.
    pub fn warning_at(&self, pos: Pos, len: usize, message: impl Into<String>) -> Diagnostic {
        let mut d = self.error_at(pos, len, message);
        d.severity = crate::diagnostics::Severity::Warning;
        d
    }
}

/// Parses `yaml` into `T`, reporting a failure as a located diagnostic.
pub fn parse<T: for<'de> Deserialize<'de>>(
    yaml: &str,
    source: Source<'_>,
) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(yaml, options)
        .map_err(|e| errors::to_diagnostic(&e, yaml, source))
}

/// At most `max` characters of `text`, cut with `…`: what messages quote of a value.
pub fn short(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// A YAML value whose every part knows its position.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `~`, `null` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A number with a fraction (or an integer too large for `i64`).
    Float(f64),
    /// Any other scalar.
    Str(String),
    /// A sequence.
    Seq(Vec<Located<Node>>),
    /// A mapping, in file order.
    Map(Vec<(Located<String>, Located<Node>)>),
}

/// A value with the position it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it starts in the YAML text (not yet shifted by a front-matter offset).
    pub pos: Pos,
}

impl<T> Located<T> {
    /// This value's position shifted for a source whose YAML starts `offset` lines in.
    pub fn pos_in(&self, source: &Source<'_>) -> Pos {
        if self.pos.line == 0 {
            self.pos
        } else {
            Pos {
                line: self.pos.line + source.line_offset,
                col: self.pos.col,
            }
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(deserializer)?;
        Ok(Located {
            pos: Pos::from_location(&spanned.referenced, 0),
            value: spanned.value,
        })
    }
}

/// A mapping whose keys keep their positions, in file order (a key written twice is the
/// parser's error): for maps whose keys are names the user chose, so that a bad name is
/// reported at its own line rather than at its value's.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyedMap<V>(pub Vec<(Located<String>, V)>);

impl<V> Default for KeyedMap<V> {
    fn default() -> Self {
        KeyedMap(Vec::new())
    }
}

impl<V> KeyedMap<V> {
    /// The keys, in file order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.value.as_str())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for KeyedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyedVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for KeyedVisitor<V> {
            type Value = KeyedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`name: value` lines")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(KeyedMap::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Located<String>>()? {
                    entries.push((key, map.next_value::<V>()?));
                }
                Ok(KeyedMap(entries))
            }
        }
        deserializer.deserialize_map(KeyedVisitor(std::marker::PhantomData))
    }
}

impl Node {
    /// A short name of the value's YAML kind, for "expected …, found …" messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool(_) => "a boolean",
            Node::Int(_) => "an integer",
            Node::Float(_) => "a number",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }

    /// The scalar as text (numbers and booleans as written), `None` for collections and null.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Node::Str(s) => Some(s.clone()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(i64::try_from(v).map_or(Node::Float(v as f64), Node::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Located<Node>>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Located<String>>()? {
            let value = map.next_value::<Located<Node>>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source<'a>(text: &'a str, lines: &'a OnceCell<Vec<usize>>) -> Source<'a> {
        Source::new(Path::new("site.yaml"), text, 0, lines)
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        date: Option<String>,
        town: Option<String>,
    }

    #[test]
    fn unknown_field_gets_position_and_suggestion() {
        let text = "town: x\ndat: 2013-06-15\n";
        let d = parse::<Small>(text, source(text, &OnceCell::new())).unwrap_err();
        assert_eq!(d.message, "unknown field `dat`");
        assert_eq!((d.line, d.col), (2, 1));
        assert_eq!(d.suggestion.as_deref(), Some("did you mean `date`?"));
    }

    #[test]
    fn syntax_error_is_located() {
        let text = "town: x\ndate: [1, 2\n";
        let d = parse::<Node>(text, source(text, &OnceCell::new())).unwrap_err();
        assert!(d.line >= 2, "{d}");
    }

    #[test]
    fn nodes_know_their_positions() {
        let text = "a: 1\nb:\n  - x\n  - 2.5\n";
        let node: Located<Node> = parse(text, source(text, &OnceCell::new())).unwrap();
        let Node::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[1].0.value, "b");
        assert_eq!(entries[1].0.pos, Pos { line: 2, col: 1 });
        let Node::Seq(items) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(items[1].value, Node::Float(2.5));
        assert_eq!(items[1].pos.line, 4);
    }

    #[test]
    fn diagnostics_show_the_right_line_of_a_long_file() {
        let text: String = (0..1000).map(|i| format!("k{i}: v\r\n")).collect();
        let lines = OnceCell::new();
        let s = source(&text, &lines);
        let d = s.error_at(Pos { line: 500, col: 1 }, 4, "m");
        assert_eq!((d.line, d.source_line.as_deref()), (500, Some("k499: v")));
        let last = s.error_at(Pos { line: 1000, col: 1 }, 1, "m");
        assert_eq!(last.source_line.as_deref(), Some("k999: v"));
        let beyond = s.error_at(Pos { line: 5000, col: 1 }, 1, "m");
        assert_eq!(beyond.line, 5000);
    }

    #[test]
    fn too_many_values_are_refused_in_plain_words() {
        let text: String = (0..260_000).map(|i| format!("- {i}\n")).collect();
        let d = parse::<Node>(&text, source(&text, &OnceCell::new())).unwrap_err();
        assert!(d.message.starts_with("the file holds more values"), "{d}");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let text = "a: 1\na: 2\n";
        assert!(parse::<Node>(text, source(text, &OnceCell::new())).is_err());
    }
}

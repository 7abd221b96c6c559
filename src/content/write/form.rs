//! The values of a record's YAML as a form shows them (text, or lists of text), and the
//! schema facts a save needs: how each key's value is written ([`Kind`]) and the key order
//! new keys are placed by.

use indexmap::IndexMap;

use super::quote::Kind;
use crate::config::{Collection, FieldKind};
use crate::yaml::Node;

/// Front matter keys every text may have, in the order `vestis new` writes them.
pub const TEXT_KEYS: &[&str] = &["title", "slug", "summary", "description", "translation_of"];

/// One value as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum FormValue {
    /// A scalar, as written (`2013-06-15`, `12`, `true`, text).
    Text(String),
    /// A list of scalars.
    List(Vec<String>),
    /// A gallery's photos or a video with its poster: a list of mappings, or a mapping (as
    /// plain JSON, see [`super::yaml_edit::plain`]).
    Structured(serde_json::Value),
}

/// The top-level values of `yaml` (empty values and mappings are left out); `None` when it
/// does not parse.
pub fn values(yaml: &str) -> Option<IndexMap<String, FormValue>> {
    if yaml.trim().is_empty() {
        return Some(IndexMap::new());
    }
    let map: IndexMap<String, Node> = serde_saphyr::from_str(yaml).ok()?;
    Some(
        map.into_iter()
            .filter_map(|(k, v)| {
                let value = match v {
                    // A list of mappings (a gallery's photos) and a mapping (a video with its
                    // poster) travel as they read; the form edits them as a whole.
                    Node::Seq(ref items)
                        if items
                            .iter()
                            .any(|i| matches!(i.value, Node::Seq(_) | Node::Map(_))) =>
                    {
                        FormValue::Structured(super::yaml_edit::plain(&v))
                    }
                    Node::Map(_) => FormValue::Structured(super::yaml_edit::plain(&v)),
                    Node::Seq(items) => {
                        FormValue::List(items.iter().filter_map(|i| i.value.as_text()).collect())
                    }
                    other => FormValue::Text(other.as_text()?),
                };
                Some((k, value))
            })
            .collect(),
    )
}

/// How a value of `kind` is written.
pub fn kind_of(kind: &FieldKind) -> Kind {
    match kind {
        FieldKind::Int { .. }
        | FieldKind::Number { .. }
        | FieldKind::Bool
        | FieldKind::Date
        | FieldKind::DateTime => Kind::Typed,
        FieldKind::List(of) => kind_of(of),
        _ => Kind::Text,
    }
}

/// How the value of `key` in the `.yaml` (or, with `localized`, in a front matter) is written.
pub fn key_kind(collection: &Collection, key: &str) -> Kind {
    match key {
        "draft" | "publish_at" => Kind::Typed,
        _ => collection
            .fields
            .get(key)
            .map_or(Kind::Text, |f| kind_of(&f.kind)),
    }
}

/// The `.yaml`'s key order: the neutral fields in schema order, then `draft`, `publish_at`.
pub fn yaml_order(collection: &Collection) -> Vec<String> {
    let fields = collection.fields.iter().filter(|(_, f)| !f.localized);
    fields
        .map(|(k, _)| k.clone())
        .chain(["draft".to_string(), "publish_at".to_string()])
        .collect()
}

/// A front matter's key order: title, slug, summary, description, the localized fields
/// (each image's `<name>_alt` after it), then `translation_of`.
pub fn text_order(collection: &Collection) -> Vec<String> {
    let mut order: Vec<String> = TEXT_KEYS[..4].iter().map(|s| s.to_string()).collect();
    for (name, field) in &collection.fields {
        if field.localized {
            order.push(name.clone());
        }
        if matches!(field.kind, FieldKind::Image) {
            order.push(format!("{name}_alt"));
        }
    }
    order.push("translation_of".into());
    order
}

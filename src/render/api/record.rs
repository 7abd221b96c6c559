//! The values of a record: its stub, its summary and what its fields become.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};
use tera::Value;
use tera::value::{Key, Map};

/// HTML that templates write as it is (a tera string marked safe): a record's `body`, a
/// `markdown` field.
#[derive(Debug, Clone)]
pub struct Html(pub std::sync::Arc<str>);

impl Serialize for Html {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Passed through as it is by tera's serializer: the text is shared, not copied.
        Value::safe_shared(std::sync::Arc::clone(&self.0)).serialize(serializer)
    }
}

/// A record named by another: `{id, collection, lang, title, url, permalink}`.
#[derive(Debug, Clone, Serialize)]
pub struct Stub<'a> {
    /// The record's file name without `.md` (`koncerts`).
    pub id: &'a str,
    /// Its collection (`events`).
    pub collection: &'a str,
    /// The language of the page it is shown on.
    pub lang: &'a str,
    /// Its title in that language.
    pub title: &'a str,
    /// Its page (root-relative, with the base path).
    pub url: String,
    /// Its page (absolute).
    pub permalink: String,
}

/// A record with every key and field, its own `ref` fields as stubs, without `backrefs`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    /// `id`, `collection`, `lang`, `title`, `url`, `permalink`.
    #[serde(flatten)]
    pub stub: Stub<'a>,
    /// The last part of its URL in this language.
    pub slug: &'a str,
    /// The `summary` front matter, or `none`.
    pub summary: Option<&'a str>,
    /// The `description` front matter, or `none`.
    pub description: Option<&'a str>,
    /// The text as HTML (`{{ page.body | safe }}`). Absent from summaries unless a template
    /// reads it from a list (see `render::body_reads`); the record page's `page` has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Html>,
    /// Whether the text shown is another language's (`missing: fallback`).
    pub untranslated: bool,
    /// The language of the text shown.
    pub text_lang: &'a str,
    /// The record in the other languages where it is published.
    pub translations: Vec<Translation<'a>>,
    /// Every schema field by name, in the schema's order (absent optional fields are `none`).
    #[serde(flatten)]
    pub fields: IndexMap<&'a str, Value>,
}

/// The keys of a summary besides its fields, as [`Summary::value`] stores them.
pub(super) const SUMMARY_KEYS: [&str; 13] = [
    "id",
    "collection",
    "lang",
    "title",
    "url",
    "permalink",
    "slug",
    "summary",
    "description",
    "body",
    "untranslated",
    "text_lang",
    "translations",
];

/// The schema's field names as map keys, one text each for a whole set of summaries: the
/// summaries' field keys share it rather than each holding a copy.
#[derive(Debug, Default)]
pub struct FieldKeys(std::collections::HashMap<String, Key<'static>>);

impl FieldKeys {
    /// Keys for these field names.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        FieldKeys(
            names
                .into_iter()
                .map(|name| (name.to_string(), Key::String(name.into())))
                .collect(),
        )
    }

    /// The shared key for `name`, when it is one of the fields.
    fn get(&self, name: &str) -> Option<Key<'static>> {
        self.0.get(name).cloned()
    }
}

impl Summary<'_> {
    /// The summary as a tera value. A site holds one per record and language for the whole
    /// build, so its map is made compact: serde makes a flattened struct a map of unknown
    /// length (grown by doubling, each key a text of its own); it is rebuilt at its exact
    /// length, the keys above as static texts and the fields' keys from `field_keys`.
    pub fn value(&self, field_keys: &FieldKeys) -> Value {
        let value = super::to_value(self);
        let Some(map) = value.as_map() else {
            return value;
        };
        let exact: Map = map
            .iter()
            .map(|(key, v)| {
                let name = key.as_str();
                let fixed = name.and_then(|k| SUMMARY_KEYS.iter().find(|s| **s == k));
                let key = match fixed {
                    Some(s) => Key::Str(s),
                    None => name
                        .and_then(|k| field_keys.get(k))
                        .unwrap_or_else(|| key.clone()),
                };
                (key, v.clone())
            })
            .collect();
        Value::from(exact)
    }
}

/// One entry of a `translations` list: a page (or a record) in another language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Translation<'a> {
    /// The language's code (`ru`).
    pub lang: &'a str,
    /// The language's name in itself (`Русский`).
    pub name: &'a str,
    /// The page in that language (root-relative).
    pub url: String,
    /// The page in that language (absolute).
    pub permalink: String,
    /// Whether that page shows another language's text (`missing: fallback`).
    pub untranslated: bool,
    /// Whether the page does not exist there (`missing: skip`): `url` is then that
    /// language's list page or home.
    pub missing: bool,
}

/// An `enum` field: the value as written and its label in the page's language (the
/// `<collection>-<field>-<value>` message; the value itself when the message is missing).
#[derive(Debug, Clone, Serialize)]
pub struct EnumValue<'a> {
    /// As written in the record (`concert`).
    pub value: &'a str,
    /// As the page's language says it.
    pub label: String,
}

/// A `file` field (or a photo the image pipeline did not process): where it is published.
#[derive(Debug, Clone, Serialize)]
pub struct FileValue<'a> {
    /// Root-relative URL.
    pub url: String,
    /// Path in the output folder (`media/events/x/programma.pdf`).
    pub path: &'a str,
    /// The `alt` text in the page's language, or `none`.
    pub alt: Option<&'a str>,
}

//! Field schemas of collections: the field types of SPEC §2 and the `sort` setting.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::yaml::{Located, Source};

/// Names a schema field may not take, because records already have them.
pub const RESERVED_FIELDS: &[&str] = &[
    "id",
    "collection",
    "lang",
    "title",
    "summary",
    "description",
    "slug",
    "url",
    "permalink",
    "body",
    "backrefs",
    "translations",
    "draft",
    "publish_at",
    "translation_of",
    "aliases",
    "untranslated",
    "text_lang",
];

const TYPE_NAMES: &[&str] = &[
    "string", "markdown", "int", "number", "bool", "date", "datetime", "url", "enum", "ref",
    "list", "file", "image", "video", "gallery",
];

/// The type of a field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// Plain text.
    String,
    /// Inline Markdown, rendered to HTML.
    Markdown,
    /// Whole number with optional bounds.
    Int {
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
    },
    /// Any number with optional bounds.
    Number {
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
    },
    /// true / false.
    Bool,
    /// `2013-06-15`.
    Date,
    /// `2013-06-15 18:30` or RFC 3339.
    DateTime,
    /// Absolute http(s) URL.
    Url,
    /// One of a fixed set of values.
    Enum(Vec<String>),
    /// The id of a record of another collection.
    Ref(String),
    /// A list of values of one type.
    List(Box<FieldKind>),
    /// A file of the record's folder or of `static/`.
    File,
    /// An image file (needs alt text).
    Image,
    /// A video: a file of the record's folder or a link to a video host (see
    /// [`crate::content::Video`]).
    Video,
    /// A list of photos with a caption and alt text per language (see
    /// [`crate::content::GalleryImage`]).
    Gallery,
}

impl FieldKind {
    /// How the type is named in site.yaml and in messages.
    pub fn name(&self) -> String {
        match self {
            FieldKind::String => "string".into(),
            FieldKind::Markdown => "markdown".into(),
            FieldKind::Int { .. } => "int".into(),
            FieldKind::Number { .. } => "number".into(),
            FieldKind::Bool => "bool".into(),
            FieldKind::Date => "date".into(),
            FieldKind::DateTime => "datetime".into(),
            FieldKind::Url => "url".into(),
            FieldKind::Enum(_) => "enum".into(),
            FieldKind::Ref(to) => format!("ref to `{to}`"),
            FieldKind::List(of) => format!("list of {}", of.name()),
            FieldKind::File => "file".into(),
            FieldKind::Image => "image".into(),
            FieldKind::Video => "video".into(),
            FieldKind::Gallery => "gallery".into(),
        }
    }
}

/// One field of a collection's schema.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// The value's type.
    pub kind: FieldKind,
    /// Whether every record must have it.
    pub required: bool,
    /// Whether it lives in each language's front matter rather than in the `.yaml`.
    pub localized: bool,
}

/// What a list is sorted by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    /// The record's title in the page's language, by that language's alphabet.
    Title,
    /// The record's id.
    Id,
    /// A schema field.
    Field(String),
}

/// A collection's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortSpec {
    /// What is compared.
    pub key: SortKey,
    /// Newest / largest first.
    pub descending: bool,
}

impl SortSpec {
    /// `date desc` when the collection has a `date` field, else `title` ascending.
    pub fn default_for(fields: &IndexMap<String, FieldSpec>) -> SortSpec {
        match fields.get("date") {
            Some(_) => SortSpec {
                key: SortKey::Field("date".into()),
                descending: true,
            },
            None => SortSpec {
                key: SortKey::Title,
                descending: false,
            },
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    #[serde(rename = "type")]
    kind: Located<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    localized: bool,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    values: Option<Vec<String>>,
    #[serde(default)]
    to: Option<Located<String>>,
    #[serde(default)]
    of: Option<Box<Located<RawField>>>,
}

/// Resolves one field declaration, reporting every problem in it.
pub(super) fn resolve_field(
    key: &Located<String>,
    raw: &Located<RawField>,
    collections: &[String],
    source: Source<'_>,
) -> Result<FieldSpec, Diagnostics> {
    let name = key.value.as_str();
    let mut diagnostics = Diagnostics::new();
    let valid_name = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_name {
        diagnostics.push(source.error_at(key.pos, name.chars().count(), format!(
            "field name `{}` may only hold lowercase letters, digits and `_`, starting with a letter",
            crate::yaml::short(name, crate::yaml::slips::SHOWN_CHARS)
        )));
    }
    if RESERVED_FIELDS.contains(&name) {
        diagnostics.push(source.error_at(
            key.pos,
            name.chars().count(),
            format!("`{name}` is a built-in of every record and cannot be a schema field"),
        ));
    }
    let kind = resolve_kind(&raw.value, collections, source, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(FieldSpec {
        kind: kind.unwrap_or(FieldKind::String),
        required: raw.value.required,
        localized: raw.value.localized,
    })
}

fn resolve_kind(
    raw: &RawField,
    collections: &[String],
    source: Source<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<FieldKind> {
    let type_pos = raw.kind.pos_in(&source);
    let type_name = raw.kind.value.as_str();
    let kind = match type_name {
        "string" => FieldKind::String,
        "markdown" => FieldKind::Markdown,
        "int" => FieldKind::Int {
            min: raw.min,
            max: raw.max,
        },
        "number" => FieldKind::Number {
            min: raw.min,
            max: raw.max,
        },
        "bool" => FieldKind::Bool,
        "date" => FieldKind::Date,
        "datetime" => FieldKind::DateTime,
        "url" => FieldKind::Url,
        "file" => FieldKind::File,
        "image" => FieldKind::Image,
        "video" => FieldKind::Video,
        "gallery" => FieldKind::Gallery,
        "enum" => match &raw.values {
            Some(values) if !values.is_empty() => FieldKind::Enum(values.clone()),
            _ => {
                diagnostics.push(source.error_at(
                    type_pos,
                    type_name.len(),
                    "an `enum` field needs `values: [...]`",
                ));
                return None;
            }
        },
        "ref" => resolve_ref(raw, collections, source, diagnostics)?,
        "list" => match &raw.of {
            Some(of) => FieldKind::List(Box::new(resolve_kind(
                &of.value,
                collections,
                source,
                diagnostics,
            )?)),
            None => {
                diagnostics.push(source.error_at(
                    type_pos,
                    type_name.len(),
                    "a `list` field needs `of: { type: … }`",
                ));
                return None;
            }
        },
        other => {
            let d = source
                .error_at(
                    type_pos,
                    other.chars().count(),
                    format!("unknown field type `{other}`"),
                )
                .with_optional_suggestion(did_you_mean(other, TYPE_NAMES.iter().copied()));
            diagnostics.push(d);
            return None;
        }
    };
    Some(kind)
}

fn resolve_ref(
    raw: &RawField,
    collections: &[String],
    source: Source<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<FieldKind> {
    let Some(to) = &raw.to else {
        let pos = raw.kind.pos_in(&source);
        diagnostics.push(source.error_at(pos, 3, "a `ref` field needs `to: <collection>`"));
        return None;
    };
    if !collections.contains(&to.value) {
        let d = source
            .error_at(
                to.pos_in(&source),
                to.value.chars().count(),
                format!("`to: {}` names no collection", to.value),
            )
            .with_optional_suggestion(did_you_mean(
                &to.value,
                collections.iter().map(String::as_str),
            ));
        diagnostics.push(d);
        return None;
    }
    Some(FieldKind::Ref(to.value.clone()))
}

/// Parses `sort: <field> [asc|desc]`.
pub(super) fn parse_sort(
    raw: &Located<String>,
    fields: &IndexMap<String, FieldSpec>,
    source: Source<'_>,
) -> Result<SortSpec, Diagnostic> {
    let pos = raw.pos_in(&source);
    let mut words = raw.value.split_whitespace();
    let field = words.next().unwrap_or("");
    let descending = match words.next() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(other) => {
            return Err(source
                .error_at(
                    pos,
                    raw.value.chars().count(),
                    format!("unknown sort direction `{other}`"),
                )
                .with_suggestion("use `asc` or `desc`"));
        }
    };
    let key = match field {
        "title" => SortKey::Title,
        "id" => SortKey::Id,
        f if fields.contains_key(f) => SortKey::Field(f.to_string()),
        f => {
            let names = fields.keys().map(String::as_str).chain(["title", "id"]);
            return Err(source
                .error_at(
                    pos,
                    f.chars().count().max(1),
                    format!("cannot sort by `{f}`: the collection has no such field"),
                )
                .with_optional_suggestion(did_you_mean(f, names)));
        }
    };
    Ok(SortSpec { key, descending })
}

//! The content stage: reads `content/`, validates every record against its collection's schema
//! and builds the [`Site`] model (records, texts per language, references, back-references,
//! output paths).
//!
//! It knows the configuration and the languages' collation, but nothing about templates or how
//! pages look.

mod aliases;
mod cache;
mod changes;
mod dates;
mod facts;
mod field_context;
mod fields;
mod focus;
mod frontmatter;
mod gallery;
mod order;
mod record;
mod record_checks;
mod record_inputs;
mod site;
mod site_checks;
mod suggest;
mod video;
mod video_url;
mod walk;
pub mod write;

use std::path::PathBuf;

use indexmap::IndexMap;

use crate::markdown::RenderedMarkdown;

pub use aliases::{Alias, page_file};
pub use cache::RecordCache;
pub use changes::Changes;
pub use focus::FocalPoint;
pub use gallery::GalleryImage;
#[cfg(feature = "editor")]
pub(crate) use record::content_hash;
pub use site::{LanguageView, LoadOptions, Site};
pub use video::{Caption, Video, VideoSource};
pub use video_url::{Hosted, Provider};

/// Files larger than this are refused: nobody writes a 10 MB record by hand.
pub const MAX_TEXT_FILE_BYTES: u64 = crate::source_file::TEXT_LIMIT.bytes;

/// A validated field value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// `string` or `url`.
    Text(String),
    /// `markdown`: the source and its inline HTML.
    Markdown {
        /// What the author wrote.
        source: String,
        /// Rendered inline HTML.
        html: String,
    },
    /// `int`.
    Int(i64),
    /// `number`.
    Number(f64),
    /// `bool`.
    Bool(bool),
    /// `date`.
    Date(jiff::civil::Date),
    /// `datetime`, in the site's time zone.
    DateTime(jiff::civil::DateTime),
    /// `enum`: the value (its label is a Fluent message).
    Enum(String),
    /// `ref`: the id of a record of the target collection.
    Ref(String),
    /// `list`.
    List(Vec<FieldValue>),
    /// `file` or `image`.
    File(FileRef),
    /// `video` (boxed: it is larger than the other values).
    Video(Box<Video>),
    /// `gallery`: its photos in order.
    Gallery(Vec<GalleryImage>),
}

impl FieldValue {
    /// The value as a number, for sums and numeric sorting.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            FieldValue::Int(i) => Some(*i as f64),
            FieldValue::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// A file a record refers to, and where it goes in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// The file on disk (absolute).
    pub source: PathBuf,
    /// Its path in the output (relative, `/`-separated).
    pub output_path: String,
    /// The part a crop keeps (`focus:` of a photo in the `.yaml`), when one is set.
    pub focus: Option<FocalPoint>,
}

/// A record's text in one language.
#[derive(Debug, Clone)]
pub struct Text {
    /// The `.md` file, relative to the site root.
    pub path: PathBuf,
    /// The language code.
    pub lang: String,
    /// `title`.
    pub title: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description` (meta description).
    pub description: Option<String>,
    /// The URL segment in this language.
    pub slug: String,
    /// The collection's localized fields.
    pub fields: IndexMap<String, FieldValue>,
    /// Alt texts of image fields (`<field>_alt`).
    pub alts: IndexMap<String, String>,
    /// `aliases`: old addresses that lead to this text's page.
    pub aliases: Vec<Alias>,
    /// `translation_of`: the hash of the default-language text this translation was made from.
    pub translation_of: Option<String>,
    /// Hash of this text's front matter and body (what a translation records).
    pub content_hash: String,
    /// The rendered body.
    pub body: RenderedMarkdown,
    /// Line in the `.md` file where the body starts (for locating links).
    pub body_line: usize,
    /// Files of the record's folder that the body shows or links to (`![…](zale.jpg)`).
    pub files: Vec<BodyFile>,
}

/// A file of the record's folder that a Markdown body names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFile {
    /// The file and where it is published.
    pub file: FileRef,
    /// Shown as an image (`![…](…)`) rather than linked.
    pub is_image: bool,
}

/// One record: neutral facts plus its texts.
#[derive(Debug, Clone)]
pub struct Record {
    /// Collection name.
    pub collection: String,
    /// The id (file stem).
    pub id: String,
    /// The `.yaml` file, relative to the site root, when there is one.
    pub yaml_path: Option<PathBuf>,
    /// Neutral fields from the `.yaml`.
    pub fields: IndexMap<String, FieldValue>,
    /// Texts by language, in the site's language order.
    pub texts: IndexMap<String, Text>,
    /// `draft: true`.
    pub draft: bool,
    /// `publish_at` (embargo).
    pub publish_at: Option<jiff::Timestamp>,
    /// `aliases` of the `.yaml`: old addresses that lead to the page in the default language.
    pub aliases: Vec<Alias>,
    /// The fingerprint of everything reading this record read (its files, its folder,
    /// site.yaml; see `record_inputs`): what the record's views record when they read it.
    pub version: u64,
}

impl Record {
    /// The value of a field in `lang`: neutral fields first, then the text's localized ones.
    pub fn field<'a>(&'a self, name: &str, text: Option<&'a Text>) -> Option<&'a FieldValue> {
        self.fields
            .get(name)
            .or_else(|| text.and_then(|t| t.fields.get(name)))
    }

    /// The file that best names this record in messages.
    pub fn main_path(&self) -> PathBuf {
        self.yaml_path
            .clone()
            .or_else(|| self.texts.values().next().map(|t| t.path.clone()))
            .unwrap_or_default()
    }
}

pub use crate::config::is_valid_id;
pub use crate::source_file::io_reason;
pub use crate::source_file::{read_text, read_text_in};

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn ids_are_lowercase_ascii_digits_and_dashes() {
        assert!(is_valid_id("integration-stage-rezekne"));
        for bad in ["", "Rezekne", "a b", "../x", "a/b", "rēzekne", "-a", "a.b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn read_text_handles_bom_crlf_and_bad_encoding() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n").unwrap();
        assert_eq!(
            read_text(dir.path(), Path::new("a.yaml")).unwrap(),
            "a: 1\nb: 2\n"
        );
        std::fs::write(dir.path().join("b.yaml"), b"a: 1\nb: \xE9t\xE9\n").unwrap();
        let d = read_text(dir.path(), Path::new("b.yaml")).unwrap_err();
        assert_eq!((d.line, d.col), (2, 4));
        std::fs::write(dir.path().join("c.yaml"), b"").unwrap();
        assert_eq!(
            read_text(dir.path(), Path::new("c.yaml"))
                .unwrap_err()
                .message,
            "the file is empty"
        );
    }
}

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
mod fields;
mod frontmatter;
mod gallery;
mod order;
mod record;
mod record_checks;
mod site;
mod site_checks;
mod suggest;
mod video;
mod video_url;
mod walk;
pub mod write;

use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use crate::diagnostics::Diagnostic;
use crate::markdown::RenderedMarkdown;
use crate::source_file::SiteFiles;

pub use aliases::{Alias, page_file};
pub use cache::RecordCache;
pub use changes::Changes;
pub use gallery::GalleryImage;
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
    /// Changes whenever anything this record was built from changes (its files, site.yaml):
    /// what memoised rebuilds key derived values by. 0 when read without a cache.
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

/// Whether `id` is a valid record id or slug: lowercase ASCII letters, digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads a text file of the site (path relative to `root`) under the strict link policy (for
/// site.yaml, before its policy is known, and for snippets); see [`read_text_in`].
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    read_text_in(&SiteFiles::new(root, false), rel)
}

/// Reads a text file of the site (path relative to the root) through [`crate::source_file`]:
/// refuses pipes, devices, links out of the site and files over 10 MB, then non-UTF-8 and
/// empty files, with a located message; drops a BOM and turns CRLF into LF.
pub fn read_text_in(files: &SiteFiles, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = files.read_source(rel)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(rel, bytes, &e))?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Some(rel), "the file is empty")
            .with_suggestion("write the record's fields, or delete the file"));
    }
    Ok(text.replace("\r\n", "\n"))
}

fn not_utf8(rel: &Path, bytes: &[u8], e: &std::str::Utf8Error) -> Diagnostic {
    let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
    let line = good.matches('\n').count() + 1;
    let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let mut d = Diagnostic::error(Some(rel), "the file is not UTF-8 text")
        .with_suggestion("save it as UTF-8 in your editor (\"Save with encoding\" → UTF-8)");
    d.line = line;
    d.col = col;
    d
}

pub use crate::source_file::io_reason;

#[cfg(test)]
mod tests {
    use super::*;

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

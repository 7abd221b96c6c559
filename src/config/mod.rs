//! `site.yaml`: the raw file format (`RawConfig`, unknown keys rejected) and the resolved,
//! validated [`Config`] the rest of the pipeline reads.
//!
//! All validation of site.yaml happens in [`Config::load`]; later stages trust a `Config`.
//! This module knows nothing about records, templates or output files.

pub mod deploy;
mod feeds;
mod images;
pub mod jsonld;
mod lang;
mod resolve;
mod schema;
pub mod share;
mod theme;
mod url_text;

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source_file::SiteFiles;
use crate::yaml::{self, KeyedMap, Located, Source};

pub use feeds::{DEFAULT_FEED_LIMIT, FeedContent};
pub use images::{ImageFormat, ImageSettings};
pub use lang::{Lang, Languages, MAX_LANGUAGES};
use resolve::Resolver;
pub use schema::{FieldKind, FieldSpec, SortKey, SortSpec};
use url_text::check_url_characters;

pub use crate::source_file::CONFIG_FILE;

/// Whether `id` is a valid record id or slug: lowercase ASCII letters, digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The longest part of a collection's path between `/`, in bytes: it becomes a folder name.
const MAX_SEGMENT_BYTES: usize = 200;

/// What to do when a record lacks text in a language (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissingPolicy {
    /// The record exists only in the languages it has text for.
    Skip,
    /// The page is produced in every language with the default language's text.
    Fallback,
    /// A missing translation fails the build.
    Error,
}

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Code used in URLs and file names (`lv`).
    pub code: String,
    /// Name in the language itself (`Latviešu`).
    pub name: String,
}

/// One collection of records and its schema.
#[derive(Debug, Clone)]
pub struct Collection {
    /// The collection's name (its folder under `content/`).
    pub name: String,
    /// URL segment per language; an empty segment puts records directly under `/<lang>/`.
    pub path: IndexMap<String, String>,
    /// Order of records in lists.
    pub sort: SortSpec,
    /// Records per list page; 0 means one page.
    pub paginate: usize,
    /// Included in the Atom and RSS feeds.
    pub feed: bool,
    /// At most this many of the collection's newest records in a feed (`feed_limit`).
    pub feed_limit: Option<usize>,
    /// What its feed entries carry (`feed_content`), when the collection says.
    pub feed_content: Option<FeedContent>,
    /// Included in the iCalendar file.
    pub calendar: bool,
    /// The schema of the records' fields, in declaration order.
    pub fields: IndexMap<String, FieldSpec>,
    /// The schema.org type its records are described as (`jsonld:`), if any.
    pub jsonld: Option<jsonld::JsonLd>,
    /// Which picture its record pages share (`share_image:`).
    pub share_image: share::ShareImageRule,
}

impl Collection {
    /// The URL segment in `lang` (empty for collections like `pages`).
    pub fn path_in(&self, lang: &str) -> &str {
        self.path
            .get(lang)
            .map_or(self.name.as_str(), String::as_str)
    }

    /// Whether the collection has list pages (its path is not empty).
    pub fn has_list(&self, lang: &str) -> bool {
        !self.path_in(lang).is_empty()
    }
}

/// The resolved site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root directory.
    pub root: PathBuf,
    /// Site title per language.
    pub title: IndexMap<String, String>,
    /// Absolute base URL without a trailing slash (`https://example.org/sub`).
    pub base_url: String,
    /// The path part of the base URL without a trailing slash (`/sub`, or empty).
    pub base_path: String,
    /// Languages in order; the first is the default.
    pub languages: Languages,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Time zone of local datetimes.
    pub timezone: jiff::tz::TimeZone,
    /// The timezone's IANA name.
    pub timezone_name: String,
    /// Policy for missing translations.
    pub missing: MissingPolicy,
    /// Output directory (absolute, resolved against the root).
    pub output_dir: PathBuf,
    /// Collections in declaration order.
    pub collections: IndexMap<String, Collection>,
    /// The site's files and link policy (`follow_external_links`): every source read goes
    /// through it.
    pub files: SiteFiles,
    /// Warnings about site.yaml itself (a value cut at ` #`), reported with the site's.
    pub warnings: Diagnostics,
    /// How long one page may take to render before the build stops it (`render_timeout_ms`).
    pub render_timeout: std::time::Duration,
    /// Where `vestis deploy` publishes the site.
    pub deploy: deploy::DeployConfig,
    /// Settings that work but look unfinished (a base URL at an `example.*` host); replaced
    /// when `--base-url` replaces the address.
    pub base_url_warnings: Diagnostics,
    /// Entries in each language's feeds (`feed_limit`, default [`DEFAULT_FEED_LIMIT`]).
    pub feed_limit: usize,
    /// What feed entries carry (`feed_content`, default the summary).
    pub feed_content: FeedContent,
    /// The site's `description`, Open Graph locales and organisation (`share:`).
    pub share: share::ShareConfig,
    /// What the image pipeline makes of each photo (`images`).
    pub images: ImageSettings,
}

/// `render_timeout_ms` when site.yaml does not set it: far beyond any real page.
pub const DEFAULT_RENDER_TIMEOUT_MS: u64 = 10_000;
/// The range `render_timeout_ms` may take: a tenth of a second to an hour.
const RENDER_TIMEOUT_RANGE: std::ops::RangeInclusive<u64> = 100..=3_600_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Located<RawLocalized>,
    base_url: Located<String>,
    languages: Located<Vec<Located<RawLanguage>>>,
    #[serde(default)]
    theme: Option<Located<String>>,
    #[serde(default)]
    timezone: Option<Located<String>>,
    #[serde(default)]
    translations: Option<RawTranslations>,
    #[serde(default)]
    output_dir: Option<Located<String>>,
    #[serde(default)]
    collections: KeyedMap<Located<RawCollection>>,
    #[serde(default)]
    follow_external_links: bool,
    #[serde(default)]
    render_timeout_ms: Option<Located<u64>>,
    #[serde(default)]
    deploy: Option<Located<deploy::RawDeploy>>,
    #[serde(default)]
    feed_limit: Option<Located<u64>>,
    #[serde(default)]
    feed_content: Option<FeedContent>,
    #[serde(default)]
    description: Option<Located<RawLocalized>>,
    #[serde(default)]
    share: Option<share::RawShare>,
    images: Option<images::RawImages>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawLocalized {
    Same(String),
    PerLanguage(IndexMap<String, String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslations {
    missing: MissingPolicy,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCollection {
    #[serde(default)]
    path: Option<Located<RawLocalized>>,
    #[serde(default)]
    sort: Option<Located<String>>,
    #[serde(default)]
    paginate: Option<usize>,
    #[serde(default)]
    feed: bool,
    #[serde(default)]
    feed_limit: Option<Located<u64>>,
    #[serde(default)]
    feed_content: Option<FeedContent>,
    #[serde(default)]
    calendar: bool,
    #[serde(default)]
    fields: KeyedMap<Located<schema::RawField>>,
    #[serde(default)]
    jsonld: Option<jsonld::RawJsonLd>,
    #[serde(default)]
    share_image: Option<Located<String>>,
}

impl Config {
    /// Reads and validates `<root>/site.yaml`, reporting every problem found.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        // Made absolute once (`--root site` or `--root ../site`): every path of the site is
        // then joined to it exactly once, whatever folder vestis runs in.
        let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let root = absolute.as_path();
        let rel = Path::new(CONFIG_FILE);
        // site.yaml itself is read before its link policy is known: it must be in the site.
        let text = crate::source_file::read_text(root, rel).map_err(Diagnostics::from)?;
        let line_starts = std::cell::OnceCell::new();
        let source = Source::new(rel, &text, 0, &line_starts);
        let raw: RawConfig = yaml::parse(&text, source)?;
        let mut config = Resolver {
            source,
            diagnostics: Diagnostics::new(),
        }
        .resolve(root, raw)?;
        for d in yaml::comment_warnings(&text, source) {
            config.warnings.push(d);
        }
        Ok(config)
    }

    /// The default (first) language.
    pub fn default_language(&self) -> &str {
        &self.languages[0].code
    }

    /// The language codes in order.
    pub fn language_codes(&self) -> Vec<String> {
        self.languages.iter().map(|l| l.code.clone()).collect()
    }

    /// Whether `code` is one of the site's languages.
    pub fn has_language(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l.code == code)
    }

    /// The theme's folder.
    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }

    /// A copy that serves under another base URL (for `--base-url` and `serve`).
    pub fn with_base_url(mut self, base_url: &str) -> Result<Config, String> {
        if let Err(what) = check_url_characters(base_url) {
            return Err(format!(
                "the address contains {what}, which a web address cannot hold (give it in one piece, like `--base-url https://example.org`)"
            ));
        }
        let (base, path) = split_base_url(base_url)?;
        self.base_url_warnings = Diagnostics::new();
        if let Some(host) = placeholder_host(&base) {
            self.base_url_warnings.push(
                Diagnostic::warning(
                    None,
                    format!("--base-url `{base}` is a placeholder address (`{host}` is reserved for examples)"),
                )
                .with_suggestion("give the address where the site will be published"),
            );
        }
        self.base_url = base;
        self.base_path = path;
        Ok(self)
    }
}

/// The host of `url` when it is one of the domains reserved for examples (`example.org`,
/// `www.example.com`, `site.example`): a base URL left as `vestis init` wrote it.
fn placeholder_host(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    let n = labels.len();
    let reserved = labels.last() == Some(&"example") || (n >= 2 && labels[n - 2] == "example");
    reserved.then_some(host)
}

/// Splits an absolute http(s) URL into the URL without trailing slash and its path part.
fn split_base_url(text: &str) -> Result<(String, String), String> {
    let url =
        url::Url::parse(text).map_err(|e| format!("`{text}` is not an absolute URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("`{text}` is not an absolute http(s) URL"));
    }
    let base = text.trim_end_matches('/').to_string();
    let path = url.path().trim_end_matches('/').to_string();
    Ok((base, path))
}

#[cfg(test)]
mod tests;

//! `site.yaml`: the raw file format (`RawConfig`, unknown keys rejected) and the resolved,
//! validated [`Config`] the rest of the pipeline reads.
//!
//! All validation of site.yaml happens in [`Config::load`]; later stages trust a `Config`.
//! This module knows nothing about records, templates or output files.

mod schema;
mod theme;
mod url_text;

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::source_file::SiteFiles;
use crate::yaml::{self, KeyedMap, Located, Pos, Source};

pub use schema::{FieldKind, FieldSpec, SortKey, SortSpec};
use url_text::check_url_characters;

/// The file name of the configuration inside the site root.
pub const CONFIG_FILE: &str = "site.yaml";

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
    /// Included in the Atom feed.
    pub feed: bool,
    /// Included in the iCalendar file.
    pub calendar: bool,
    /// The schema of the records' fields, in declaration order.
    pub fields: IndexMap<String, FieldSpec>,
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
    pub languages: Vec<Language>,
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
    calendar: bool,
    #[serde(default)]
    fields: KeyedMap<Located<schema::RawField>>,
}

impl Config {
    /// Reads and validates `<root>/site.yaml`, reporting every problem found.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let rel = Path::new(CONFIG_FILE);
        // site.yaml itself is read before its link policy is known: it must be in the site.
        let text = crate::content::read_text(root, rel).map_err(Diagnostics::from)?;
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
        // The placeholder warning about site.yaml's `base_url` no longer applies; the others
        // (comments cut off in site.yaml) still do.
        let mut kept = Diagnostics::new();
        for d in self.warnings.items() {
            if !d.message.starts_with("`base_url` is still the placeholder") {
                kept.push(d.clone());
            }
        }
        self.warnings = kept;
        if let Some(host) = placeholder_host(&base) {
            self.warnings.push(
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

struct Resolver<'a> {
    source: Source<'a>,
    diagnostics: Diagnostics,
}

impl Resolver<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push_mut(self.source.error_at(pos, 1, message))
    }

    /// Where the top-level `key:` is written when its value starts lines below it (a `|`
    /// block); otherwise `value_pos`, the value's own position.
    fn key_pos(&self, key: &str, value_pos: Pos) -> Pos {
        let is_key = |line: &str| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
        };
        match self.source.file_text.lines().position(is_key) {
            Some(i) if i + 1 < value_pos.line => Pos {
                line: i + 1,
                col: 1,
            },
            _ => value_pos,
        }
    }

    fn resolve(mut self, root: &Path, raw: RawConfig) -> Result<Config, Diagnostics> {
        let languages = self.languages(&raw.languages);
        let codes: Vec<String> = languages.iter().map(|l| l.code.clone()).collect();
        let title = self.localized(&raw.title, &codes, "title", false);
        let checked = check_url_characters(&raw.base_url.value).map_err(|what| {
            let help = if what.contains("line break") {
                "write the address on one line, right after the colon, like `base_url: https://example.org` (not as a `|` or `>` block)"
            } else {
                "remove it: a web address has no spaces or invisible characters, like `https://example.org`"
            };
            let message = format!("`base_url` contains {what}, which a web address cannot hold");
            (message, help.to_string())
        });
        let (base_url, base_path) = match checked.and_then(|()| {
            split_base_url(&raw.base_url.value)
                .map_err(|m| (m, "write it like `https://example.org`".to_string()))
        }) {
            Ok(parts) => parts,
            Err((message, help)) => {
                let pos = self.key_pos("base_url", raw.base_url.pos);
                self.error(pos, message).suggestion = Some(help);
                Default::default()
            }
        };
        let mut warnings = Diagnostics::new();
        if let Some(host) = placeholder_host(&base_url) {
            let text = &raw.base_url.value;
            warnings.push(
                self.source
                    .warning_at(
                        raw.base_url.pos,
                        text.chars().count(),
                        format!(
                            "`base_url` is still the placeholder `{text}` (`{host}` is reserved for examples): canonical links, the sitemap and the feeds would point there"
                        ),
                    )
                    .with_suggestion(
                        "write the address where the site will be published, e.g. `base_url: \"https://www.biedriba-kopa.lv\"`",
                    ),
            );
        }
        let (timezone, timezone_name) = self.timezone(raw.timezone.as_ref());
        let output_dir = self.output_dir(root, raw.output_dir.as_ref());
        let files = SiteFiles::new(root, raw.follow_external_links);
        let theme = self.theme(&files, raw.theme.as_ref());
        let collection_names: Vec<String> = raw.collections.names().map(String::from).collect();
        let render_timeout = self.render_timeout(raw.render_timeout_ms.as_ref());
        let mut collections = IndexMap::new();
        for (name, raw_collection) in &raw.collections.0 {
            let collection = self.collection(name, raw_collection, &codes, &collection_names);
            collections.insert(name.value.clone(), collection);
        }
        if self.diagnostics.has_errors() || languages.is_empty() {
            return Err(self.diagnostics);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title,
            base_url,
            base_path,
            languages,
            theme,
            timezone,
            timezone_name,
            missing: raw.translations.map_or(MissingPolicy::Skip, |t| t.missing),
            output_dir,
            collections,
            files,
            warnings,
            render_timeout,
        })
    }

    fn languages(&mut self, raw: &Located<Vec<Located<RawLanguage>>>) -> Vec<Language> {
        if raw.value.is_empty() {
            self.error(raw.pos, "`languages` lists no language")
                .suggestion = Some("add one, e.g. `- { code: lv, name: \"Latviešu\" }`".into());
        }
        let mut seen = Vec::new();
        for lang in &raw.value {
            let code = &lang.value.code;
            let valid = !code.is_empty()
                && code.len() <= 8
                && code.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if !valid {
                self.error(
                    lang.pos,
                    format!("language code `{code}` must be lowercase letters like `lv`"),
                );
            } else if seen.contains(code) {
                self.error(lang.pos, format!("language `{code}` is listed twice"));
            }
            seen.push(code.clone());
        }
        raw.value
            .iter()
            .map(|l| Language {
                code: l.value.code.clone(),
                name: l.value.name.clone(),
            })
            .collect()
    }

    /// A per-language text: every site language must have one (a plain string serves all);
    /// `allow_empty` permits "" values (collection paths).
    fn localized(
        &mut self,
        raw: &Located<RawLocalized>,
        codes: &[String],
        what: &str,
        allow_empty: bool,
    ) -> IndexMap<String, String> {
        let mut out = IndexMap::new();
        match &raw.value {
            RawLocalized::Same(text) => {
                for code in codes {
                    out.insert(code.clone(), text.clone());
                }
            }
            RawLocalized::PerLanguage(map) => {
                for (code, text) in map {
                    if !codes.contains(code) {
                        let hint = did_you_mean(code, codes.iter().map(String::as_str));
                        self.error(
                            raw.pos,
                            format!(
                                "{what} has language `{code}`, which `languages` does not list"
                            ),
                        )
                        .suggestion = hint;
                    } else if text.is_empty() && !allow_empty {
                        self.error(raw.pos, format!("{what} in `{code}` is empty"));
                    }
                    out.insert(code.clone(), text.clone());
                }
                for code in codes {
                    if !map.contains_key(code) {
                        self.error(raw.pos, format!("{what} has no `{code}` value"))
                            .suggestion = Some(format!("add `{code}: \"…\"`"));
                    }
                }
            }
        }
        out
    }

    fn timezone(&mut self, raw: Option<&Located<String>>) -> (jiff::tz::TimeZone, String) {
        let Some(raw) = raw else {
            return (jiff::tz::TimeZone::UTC, "UTC".into());
        };
        match jiff::tz::TimeZone::get(&raw.value) {
            Ok(tz) => (tz, raw.value.clone()),
            Err(_) => {
                self.error(raw.pos, format!("unknown time zone `{}`", raw.value))
                    .suggestion = Some("use an IANA name like `Europe/Riga`".into());
                (jiff::tz::TimeZone::UTC, "UTC".into())
            }
        }
    }

    fn output_dir(&mut self, root: &Path, raw: Option<&Located<String>>) -> PathBuf {
        let Some(raw) = raw else {
            return root.join("public");
        };
        if raw.value.trim().is_empty() {
            self.error(raw.pos, "`output_dir` is empty").suggestion = Some("use `public`".into());
        }
        root.join(&raw.value)
    }

    fn render_timeout(&mut self, raw: Option<&Located<u64>>) -> std::time::Duration {
        let ms = raw.map_or(DEFAULT_RENDER_TIMEOUT_MS, |r| r.value);
        if let Some(raw) = raw.filter(|_| !RENDER_TIMEOUT_RANGE.contains(&ms)) {
            self.error(
                raw.pos,
                format!(
                    "`render_timeout_ms` is {ms}: it must be between 100 (a tenth of a second) \
                     and 3600000 (an hour)"
                ),
            )
            .suggestion = Some(format!(
                "leave it out for the default, {DEFAULT_RENDER_TIMEOUT_MS} (ten seconds)"
            ));
        }
        std::time::Duration::from_millis(ms)
    }

    fn collection(
        &mut self,
        key: &Located<String>,
        raw: &Located<RawCollection>,
        codes: &[String],
        collection_names: &[String],
    ) -> Collection {
        let name = key.value.as_str();
        if !crate::content::is_valid_id(name) {
            let shown = yaml::short(name, yaml::slips::SHOWN_CHARS);
            self.error(
                key.pos,
                format!(
                    "collection name `{shown}` may only hold lowercase letters, digits and `-`"
                ),
            )
            .suggestion = Some(format!(
                "use `{}`: it is also the folder name under `content/`",
                crate::i18n::slugify(&shown)
            ));
        }
        let rc = &raw.value;
        let path = match &rc.path {
            Some(p) => self.localized(p, codes, &format!("the path of `{name}`"), true),
            None => codes
                .iter()
                .map(|c| (c.clone(), name.to_string()))
                .collect(),
        };
        for (code, segment) in &path {
            let valid = segment.is_empty() || segment.split('/').all(crate::content::is_valid_id);
            let pos = rc.path.as_ref().map_or(raw.pos, |p| p.pos);
            let shown = yaml::short(segment, yaml::slips::SHOWN_CHARS);
            if !valid {
                self.error(pos, format!("the path of `{name}` in `{code}` is `{shown}`: use lowercase letters, digits and `-`"));
            } else if segment
                .split('/')
                .any(|part| part.len() > MAX_SEGMENT_BYTES)
            {
                self.error(pos, format!("the path of `{name}` in `{code}` is longer than {MAX_SEGMENT_BYTES} characters between `/`"))
                    .suggestion = Some("use a shorter path: it becomes a folder name".into());
            }
        }
        let mut fields = IndexMap::new();
        for (field_name, raw_field) in &rc.fields.0 {
            match schema::resolve_field(field_name, raw_field, collection_names, self.source) {
                Ok(spec) => {
                    fields.insert(field_name.value.clone(), spec);
                }
                Err(ds) => self.diagnostics.extend(ds),
            }
        }
        let sort = match &rc.sort {
            Some(s) => schema::parse_sort(s, &fields, self.source).unwrap_or_else(|d| {
                self.diagnostics.push(d);
                SortSpec::default_for(&fields)
            }),
            None => SortSpec::default_for(&fields),
        };
        Collection {
            name: name.to_string(),
            path,
            sort,
            paginate: rc.paginate.unwrap_or(0),
            feed: rc.feed,
            calendar: rc.calendar,
            fields,
        }
    }
}

#[cfg(test)]
mod tests;

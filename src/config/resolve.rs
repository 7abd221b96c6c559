//! Turning the raw site.yaml ([`RawConfig`]) into a validated [`Config`]: the checks of
//! every key, each problem reported as a located diagnostic.
//!
//! It lives apart from the model in `config/mod.rs` so the types the rest of vestis reads stay
//! short to scan; `feeds.rs` and `theme.rs` add their keys' checks to the same [`Resolver`].

use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::url_text::check_url_characters;
use super::{
    Collection, Config, DEFAULT_FEED_LIMIT, DEFAULT_RENDER_TIMEOUT_MS, Language, MAX_SEGMENT_BYTES,
    MissingPolicy, RENDER_TIMEOUT_RANGE, RawCollection, RawConfig, RawLanguage, RawLocalized,
    SortSpec, deploy, placeholder_host, schema, split_base_url,
};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::source_file::SiteFiles;
use crate::yaml;
use crate::yaml::{Located, Pos, Source};

/// The checks of one site.yaml: where its text is, and the problems found so far.
pub(super) struct Resolver<'a> {
    pub(super) source: Source<'a>,
    pub(super) diagnostics: Diagnostics,
}

impl Resolver<'_> {
    pub(super) fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push_mut(self.source.error_at(pos, 1, message))
    }

    /// Where the top-level `key:` is written when its value starts lines below it (a `|`
    /// block); otherwise `value_pos`, the value's own position.
    pub(super) fn key_pos(&self, key: &str, value_pos: Pos) -> Pos {
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

    pub(super) fn resolve(mut self, root: &Path, raw: RawConfig) -> Result<Config, Diagnostics> {
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
        let mut share_warnings = Diagnostics::new();
        let share = self.share(
            raw.description.as_ref(),
            raw.share.as_ref(),
            &codes,
            &mut share_warnings,
        );
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
        let feed_limit = self
            .feed_limit(raw.feed_limit.as_ref(), None)
            .unwrap_or(DEFAULT_FEED_LIMIT);
        let images = self.images(raw.images.as_ref());
        let mut collections = IndexMap::new();
        for (name, raw_collection) in &raw.collections.0 {
            let collection = self.collection(name, raw_collection, &codes, &collection_names);
            collections.insert(name.value.clone(), collection);
        }
        let deploy = deploy::resolve(
            raw.deploy.as_ref(),
            root,
            self.source,
            &mut self.diagnostics,
        );
        if self.diagnostics.has_errors() || languages.is_empty() {
            return Err(self.diagnostics);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title,
            base_url,
            base_path,
            languages: super::Languages::new(languages),
            theme,
            timezone,
            timezone_name,
            missing: raw.translations.map_or(MissingPolicy::Skip, |t| t.missing),
            output_dir,
            collections,
            files,
            warnings: share_warnings,
            render_timeout,
            deploy,
            base_url_warnings: warnings,
            feed_limit,
            feed_content: raw.feed_content.unwrap_or_default(),
            share,
            images,
        })
    }

    fn languages(&mut self, raw: &Located<Vec<Located<RawLanguage>>>) -> Vec<Language> {
        if raw.value.is_empty() {
            self.error(raw.pos, "`languages` lists no language")
                .suggestion = Some("add one, e.g. `- { code: lv, name: \"Latviešu\" }`".into());
        }
        if raw.value.len() > super::MAX_LANGUAGES {
            self.error(
                raw.pos,
                format!(
                    "`languages` lists {} languages; a site can have at most {}",
                    raw.value.len(),
                    super::MAX_LANGUAGES
                ),
            )
            .suggestion = Some("keep only the languages the site is written in".into());
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
    pub(super) fn localized(
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
        if !super::is_valid_id(name) {
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
            let valid = segment.is_empty() || segment.split('/').all(super::is_valid_id);
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
        let jsonld = rc
            .jsonld
            .as_ref()
            .and_then(|j| self.jsonld(name, j, &fields));
        let share_image = self.share_image(name, rc.share_image.as_ref(), &fields);
        Collection {
            name: name.to_string(),
            path,
            sort,
            paginate: rc.paginate.unwrap_or(0),
            feed: rc.feed,
            feed_limit: self.feed_limit(rc.feed_limit.as_ref(), Some(name)),
            feed_content: rc.feed_content,
            calendar: rc.calendar,
            fields,
            jsonld,
            share_image,
        }
    }
}

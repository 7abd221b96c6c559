//! The template API's data: how records, languages and links look to a template.
//!
//! The keys a template reads are the typed structs of `render::api` (the template API
//! reference); this file fills them from a record. Values are built once per record and
//! language and shared between pages (tera values are reference-counted, so cloning them is
//! cheap).

use std::borrow::Cow;
use std::sync::Arc;

use indexmap::IndexMap;
use tera::Value;

use super::api::{EnumValue, FileValue, Html, Stub, Summary, Translation, to_value};
use crate::config::{Config, FieldKind, Lang, Language};
use crate::content::{FieldValue, Record, Site, Text};
use crate::i18n::Locales;

pub use super::urls::Urls;
use super::urls::under_base_path;
use super::view_reads::{ViewRead, ViewReads};

/// What a record looks like to templates at each depth, for one language.
#[derive(Clone)]
pub struct RecordViews {
    /// Every key and field, with refs as stubs, without backrefs.
    pub summary: Value,
    /// The record's body as its page in this language shows it, where that differs from the
    /// HTML as rendered (an `@/` link, the base path, a photo made into a `<picture>`).
    pub resolved_body: Option<Arc<str>>,
    /// The fingerprint of the summary and the body (see `crate::memo`): equal hashes, equal
    /// views.
    pub hash: u64,
}

/// A record's summary in one language and its body as a page shows it.
pub(super) struct SummaryView {
    /// The summary (with `body` only when templates read it from lists, see
    /// `render::body_reads`).
    pub summary: Value,
    /// [`RecordViews::resolved_body`].
    pub resolved_body: Option<Arc<str>>,
    /// The fingerprint of the body as the page shows it.
    pub body_hash: u64,
}

/// Everything needed to turn a record into template values.
pub struct ViewBuilder<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The content.
    pub site: &'a Site,
    /// Messages and formatting.
    pub locales: &'a Locales,
    /// URL building.
    pub urls: &'a Urls,
    /// What the image pipeline made of the photos.
    pub images: &'a crate::media::Images,
}

/// A record's body as its page shows it: `resolved` ([`RecordViews::resolved_body`]), or its
/// HTML as rendered.
pub(super) fn page_body(text: &Text, resolved: Option<&Arc<str>>) -> Html {
    Html(resolved.map_or_else(|| text.body.html.text().into(), Arc::clone))
}

/// A message that templates need but the language lacks (an enum label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingLabel {
    /// The language.
    pub lang: String,
    /// The Fluent message id.
    pub key: String,
    /// The record whose enum value needs it.
    pub record: std::path::PathBuf,
}

impl ViewBuilder<'_> {
    /// Record `i`'s stub in `lang`, `None` where it is not published.
    pub(super) fn stub(&self, i: usize, lang: Lang) -> Option<Stub<'_>> {
        let record = &self.site.records[i];
        let code = self.config.languages.code(lang);
        let (text, _) = self.site.text_in(i, code)?;
        let path = self.site.view(lang).paths[i].as_deref()?;
        Some(Stub {
            id: &record.id,
            collection: &record.collection,
            lang: code,
            title: &text.title,
            url: self.urls.url(path),
            permalink: self.urls.permalink(path),
        })
    }

    /// Record `i`'s summary in `lang`. Everything it reads that can change between builds
    /// goes through `reads`, which notes it (see `render::views`): the record, where it is
    /// published, `site.yaml`, messages, and the stub of every record it looks up (a ref, an
    /// `@/` link target, found or not).
    pub(super) fn summary(
        &self,
        i: usize,
        lang: Lang,
        reads: &mut ViewReads<'_>,
        missing: &mut Vec<MissingLabel>,
    ) -> Option<SummaryView> {
        reads.note(ViewRead::Record);
        reads.note(ViewRead::Place);
        reads.note(ViewRead::Config);
        let record = &self.site.records[i];
        let code = self.config.languages.code(lang);
        let (text, untranslated) = self.site.text_in(i, code)?;
        // The stub is noted as read (it decides whether the record is published here), then
        // made typed by the same function.
        reads.stub_at(i)?;
        let stub = self.stub(i, lang)?;
        let collection = &self.config.collections[&record.collection];
        let mut fields = IndexMap::with_capacity(collection.fields.len());
        for (name, spec) in &collection.fields {
            let value = record.field(name, Some(text)).map_or(Value::none(), |v| {
                let ctx = FieldCtx {
                    record,
                    text,
                    code,
                    field: name,
                };
                self.field_value(&spec.kind, v, &ctx, missing, reads)
            });
            fields.insert(name.as_str(), value);
        }
        let resolved_body = self.resolved_body(text, lang, reads);
        let body_hash = resolved_body
            .as_deref()
            .map_or(text.body.html.hash(), crate::memo::fingerprint);
        let body = (reads.ledger.inputs.summaries_carry_body)
            .then(|| page_body(text, resolved_body.as_ref()));
        let summary = Summary {
            stub,
            slug: &text.slug,
            summary: text.summary.as_deref(),
            description: text.description.as_deref(),
            body,
            untranslated,
            text_lang: &text.lang,
            translations: self.record_translations(i, lang),
            fields,
        };
        Some(SummaryView {
            summary: summary.value(&reads.ledger.field_keys),
            resolved_body,
            body_hash,
        })
    }

    /// The record in the other languages: `[{lang, name, url, permalink, untranslated}]`, only
    /// languages where it is published.
    fn record_translations(&self, i: usize, lang: Lang) -> Vec<Translation<'_>> {
        let languages = &self.config.languages;
        languages
            .others(lang)
            .filter_map(|other| {
                let path = self.site.view(other).paths[i].as_deref()?;
                let l = languages.get(other)?;
                let (_, untranslated) = self.site.text_in(i, &l.code)?;
                Some(translation_entry(l, self.urls, path, untranslated, false))
            })
            .collect()
    }

    /// Markdown HTML with `@/<collection>/<id>` links resolved in `lang` and root-relative
    /// links moved under the base path.
    pub fn body_html(&self, html: &str, lang: Lang) -> String {
        self.resolve_links(html, lang, None).into_owned()
    }

    /// A record's body as its pages in `lang` show it ([`Self::resolve_links`]), where that
    /// differs from the HTML as rendered; most bodies are shown as they are and are then not
    /// even decompressed.
    fn resolved_body(
        &self,
        text: &Text,
        lang: Lang,
        reads: &mut ViewReads<'_>,
    ) -> Option<Arc<str>> {
        if !text.body.html_needs_resolving {
            return None;
        }
        let html = text.body.html.text();
        match self.resolve_links(&html, lang, Some(reads)) {
            Cow::Owned(resolved) if resolved != html => Some(resolved.into()),
            _ => None,
        }
    }

    /// [`Self::body_html`], noting the records its `@/` links look up in `reads`.
    /// Borrowed when nothing changes (no `@/` link, no base path, no processed photo).
    fn resolve_links<'h>(
        &self,
        html: &'h str,
        lang: Lang,
        mut reads: Option<&mut ViewReads<'_>>,
    ) -> Cow<'h, str> {
        let base = self.urls.base_path();
        let html = if base.is_empty() {
            Cow::Borrowed(html)
        } else {
            Cow::Owned(under_base_path(
                &under_base_path(html, "href=\"", base),
                "src=\"",
                base,
            ))
        };
        let pictures = match super::image_value::body_pictures(&html, self.images, self.urls) {
            Cow::Owned(changed) => Some(changed),
            Cow::Borrowed(_) => None,
        };
        let html = pictures.map_or(html, Cow::Owned);
        if !html.contains("=\"@/") {
            return html;
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = &*html;
        while let Some(at) = rest.find("=\"@/") {
            out.push_str(&rest[..at + 2]);
            let after = &rest[at + 4..];
            let end = after.find('"').unwrap_or(after.len());
            let (target, anchor) = after[..end].split_once('#').unwrap_or((&after[..end], ""));
            match self.internal_url_reading(target, lang, reads.as_deref_mut()) {
                Some(url) if anchor.is_empty() => out.push_str(&url),
                Some(url) => out.push_str(&format!("{url}#{anchor}")),
                None => out.push_str(&format!("@/{}", &after[..end])),
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    /// A Markdown link destination as [`Self::body_html`] writes it into a page in `lang`
    /// (before HTML escaping): `@/…` resolved, root-relative URLs under the base path.
    pub fn link_href(&self, dest: &str, lang: Lang) -> String {
        if let Some(target) = dest.strip_prefix("@/") {
            let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
            return match self.internal_url(path, lang) {
                Some(url) if anchor.is_empty() => url,
                Some(url) => format!("{url}#{anchor}"),
                None => dest.to_string(),
            };
        }
        if dest.starts_with('/') {
            format!("{}{dest}", self.urls.base_path())
        } else {
            dest.to_string()
        }
    }

    /// `events/x` (or `events/x.md`) → the URL of that record in `lang`.
    pub fn internal_url(&self, target: &str, lang: Lang) -> Option<String> {
        self.internal_url_reading(target, lang, None)
    }

    /// [`Self::internal_url`], noting the record it looks up in `reads`.
    fn internal_url_reading(
        &self,
        target: &str,
        lang: Lang,
        reads: Option<&mut ViewReads<'_>>,
    ) -> Option<String> {
        let (collection, id) = target.trim_end_matches('/').split_once('/')?;
        let id = id.split('.').next().unwrap_or(id);
        let i = match reads {
            Some(reads) => reads.find(collection, id)?,
            None => self.site.find(collection, id)?,
        };
        let path = self.site.views.get_index(lang.index())?.1.paths[i].as_deref()?;
        Some(self.urls.url(path))
    }

    fn field_value(
        &self,
        kind: &FieldKind,
        value: &FieldValue,
        ctx: &FieldCtx<'_>,
        missing: &mut Vec<MissingLabel>,
        reads: &mut ViewReads<'_>,
    ) -> Value {
        match (kind, value) {
            (_, FieldValue::Text(s)) => s.as_str().into(),
            (_, FieldValue::Markdown { html, .. }) => Value::safe_string(html),
            (_, FieldValue::Int(n)) => (*n).into(),
            (_, FieldValue::Number(n)) => (*n).into(),
            (_, FieldValue::Bool(b)) => (*b).into(),
            (_, FieldValue::Date(d)) => d.to_string().into(),
            (_, FieldValue::DateTime(dt)) => dt.strftime("%Y-%m-%dT%H:%M:%S").to_string().into(),
            (_, FieldValue::Enum(v)) => {
                reads.note(ViewRead::Messages);
                self.enum_value(v, ctx, missing)
            }
            (FieldKind::Ref(to), FieldValue::Ref(id)) => {
                reads.stub_named(to, id).unwrap_or_else(Value::none)
            }
            (FieldKind::List(of), FieldValue::List(items)) => {
                let values: Vec<Value> = items
                    .iter()
                    .map(|v| self.field_value(of, v, ctx, missing, reads))
                    .filter(|v| !v.is_none())
                    .collect();
                Value::from(values)
            }
            (FieldKind::Image, FieldValue::File(file))
                if self.images.get(&file.source).is_some() =>
            {
                let alt = ctx.text.alts.get(ctx.field).map(String::as_str);
                self.images
                    .get(&file.source)
                    .map_or_else(Value::none, |info| {
                        super::image_value::value(info, alt, self.urls)
                    })
            }
            (_, FieldValue::File(file)) => to_value(&FileValue {
                url: self.urls.url(&file.output_path),
                path: &file.output_path,
                alt: ctx.text.alts.get(ctx.field).map(String::as_str),
            }),
            (_, FieldValue::Gallery(photos)) => Value::from(
                photos
                    .iter()
                    .map(|p| super::image_value::gallery_photo(self.images, p, ctx.code, self.urls))
                    .collect::<Vec<_>>(),
            ),
            (_, FieldValue::Video(video)) => super::video_value::video_value(
                video,
                self.config,
                self.urls,
                self.images,
                ctx.record,
                ctx.text,
                ctx.code,
            ),
            _ => Value::none(),
        }
    }

    fn enum_value(
        &self,
        value: &str,
        ctx: &FieldCtx<'_>,
        missing: &mut Vec<MissingLabel>,
    ) -> Value {
        let key = format!("{}-{}-{value}", ctx.record.collection, ctx.field);
        let label = self
            .locales
            .get(ctx.code)
            .and_then(|l| l.message(&key, &[]).ok())
            .unwrap_or_else(|| {
                missing.push(MissingLabel {
                    lang: ctx.code.to_string(),
                    key: key.clone(),
                    record: ctx.record.main_path(),
                });
                value.to_string()
            });
        to_value(&EnumValue { value, label })
    }
}

struct FieldCtx<'a> {
    record: &'a Record,
    text: &'a Text,
    /// The code of the view's language.
    code: &'a str,
    field: &'a str,
}

/// One entry of a `translations` list: the page at `path` in language `l`.
pub fn translation_entry<'a>(
    l: &'a Language,
    urls: &Urls,
    path: &str,
    untranslated: bool,
    missing: bool,
) -> Translation<'a> {
    Translation {
        lang: &l.code,
        name: &l.name,
        url: urls.url(path),
        permalink: urls.permalink(path),
        untranslated,
        missing,
    }
}

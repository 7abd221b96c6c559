//! The variables a page gets (README, "Template reference"): [`Page::context`], with the
//! page's translations, its `share` value (`page_share`), the full record of a record page
//! and the records and paginator of a list page. It is apart from `pages` (which pages there
//! are and where they go) because it uses the modules that themselves need to know the pages.

use std::borrow::Cow;

use tera::{Context, Value};

use crate::config::Lang;

use super::api::{PageLink, PageVars, Paginator, Translation, page_window};
use super::context::{RecordViews, ViewBuilder, translation_entry};
use super::full_record::full_record;
use super::page_reads::PageReads;
use super::pages::{Page, PageEnv, list_path, page_count};

impl Page {
    /// The template variables of this page (README, "Template reference"). What they are made
    /// of goes into `reads` as they are made: the page's own values hashed, every record view
    /// and back-reference list logged (see `render::page_reads`).
    pub fn context(&self, env: &PageEnv<'_>, reads: &mut PageReads) -> Context {
        let b = env.builder;
        let (lang, code) = (self.lang(), self.code(b.config));
        let folder = self.folder(b.config, b.site);
        let current_url = b.urls.url(&folder);
        let current_permalink = b.urls.permalink(&folder);
        let canonical_url = b.urls.permalink(self.canonical_folder(b, &folder));
        reads.frame("lang", code);
        reads.frame("page_kind", self.kind());
        reads.frame("serve_mode", &env.serve_mode);
        reads.frame("current_url", &current_url);
        reads.frame("current_permalink", &current_permalink);
        reads.frame("canonical_url", &canonical_url);
        let site = (lang.index() < env.site_values.len()).then_some(lang.index());
        // The `site` variable is large and the same on every page of a language: its hash is
        // taken once per build (`PageEnv::site_hashes`).
        reads.frame("site", &site.map(|p| env.site_hashes[p]));
        let translations = self.translations(b);
        reads.frame("translations", &translations);
        let share = super::page_share::share(self, env, &folder, &canonical_url, reads);
        reads.frame("share", &share);
        let mut vars = PageVars {
            lang: code,
            page_kind: self.kind(),
            serve_mode: env.serve_mode,
            current_url: &current_url,
            current_permalink: &current_permalink,
            canonical_url: &canonical_url,
            site: site.map_or_else(Value::none, |p| env.site_values[p].1.clone()),
            translations: &translations,
            share: &share,
            collection: None,
            page: None,
            records: None,
            paginator: None,
        };
        let views = env.views_in(lang);
        match self {
            Page::Record { index, .. } => {
                let collection = &b.site.records[*index].collection;
                reads.frame("collection", collection);
                vars.collection = Some(collection);
                vars.page = Some(full_record(b, *index, lang, views, reads));
            }
            Page::List {
                collection, number, ..
            } => {
                reads.frame("collection", collection);
                vars.collection = Some(collection);
                let (records, paginator) = list_values(b, lang, collection, *number, views, reads);
                reads.frame("paginator", &paginator);
                vars.records = Some(records);
                vars.paginator = Some(paginator);
            }
            _ => {}
        }
        // Every value of `PageVars` converts (see `api::to_value`).
        Context::from_serialize(&vars).unwrap_or_default()
    }

    /// This page in the other languages (the same record, list page or home).
    fn translations<'b>(&self, b: &ViewBuilder<'b>) -> Vec<Translation<'b>> {
        if matches!(self, Page::Chooser | Page::NotFound) {
            return Vec::new();
        }
        let languages = &b.config.languages;
        languages
            .others(self.lang())
            .filter_map(|other| {
                let (path, untranslated, missing) = self.counterpart(b, other);
                let l = languages.get(other)?;
                Some(translation_entry(l, b.urls, &path, untranslated, missing))
            })
            .collect()
    }

    /// Where this page is in `other`: `(folder, untranslated, missing)`.
    fn counterpart<'a>(&self, b: &ViewBuilder<'a>, other: Lang) -> (Cow<'a, str>, bool, bool) {
        let config = b.config;
        let code = config.languages.code(other);
        match self {
            Page::Record { index, .. } => {
                if let Some(path) = b.site.view(other).paths[*index].as_deref() {
                    let untranslated = b.site.text_in(*index, code).is_some_and(|t| t.1);
                    return (path.into(), untranslated, false);
                }
                let collection = &b.site.records[*index].collection;
                let fallback = if config.collections[collection].has_list(code) {
                    list_path(config, other, collection, 1)
                } else {
                    format!("{code}/")
                };
                (fallback.into(), false, true)
            }
            Page::List {
                collection, number, ..
            } => {
                let count = page_count(
                    b.site.view(other).by_collection[collection].len(),
                    config.collections[collection].paginate,
                );
                (
                    list_path(config, other, collection, (*number).min(count)).into(),
                    false,
                    false,
                )
            }
            _ => (format!("{code}/").into(), false, false),
        }
    }
}

/// The `records` and `paginator` of list page `number`.
fn list_values(
    b: &ViewBuilder<'_>,
    lang: Lang,
    collection: &str,
    number: usize,
    views: &[Option<RecordViews>],
    reads: &mut PageReads,
) -> (Vec<Value>, Paginator) {
    let all = &b.site.view(lang).by_collection[collection];
    let per_page = b.config.collections[collection].paginate;
    let total = page_count(all.len(), per_page);
    let chunk = list_chunk(all, per_page, number);
    let records: Vec<Value> = chunk
        .iter()
        .filter_map(|&i| reads.view(views, i).map(|v| v.summary.clone()))
        .collect();
    let url = |n: usize| b.urls.url(&list_path(b.config, lang, collection, n));
    let paginator = Paginator {
        current: number,
        total,
        total_records: all.len(),
        prev_url: (number > 1).then(|| url(number - 1)),
        next_url: (number < total).then(|| url(number + 1)),
        pages: page_window(number, total)
            .into_iter()
            .map(|(n, gap_before)| PageLink {
                number: n,
                url: url(n),
                gap_before,
            })
            .collect(),
    };
    (records, paginator)
}

/// The records of list page `number` (all of them when `per_page` is 0).
fn list_chunk(all: &[usize], per_page: usize, number: usize) -> &[usize] {
    if per_page == 0 {
        all
    } else {
        let start = ((number - 1) * per_page).min(all.len());
        &all[start..(start + per_page).min(all.len())]
    }
}

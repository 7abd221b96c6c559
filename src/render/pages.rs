//! Which pages a site has (home, lists, records, chooser, 404), where each is written, which
//! template renders it, and the variables it gets.

use std::borrow::Cow;

use tera::{Context, Value};

use crate::config::{Config, Lang};
use crate::content::Site;

use super::api::{PageLink, PageVars, Paginator, Translation};
use super::context::{RecordViews, ViewBuilder, full_record, translation_entry};
use super::page_reads::PageReads;

/// One HTML page to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/`: the language chooser.
    Chooser,
    /// `/404.html`: "not found" in every language, picked by the address's prefix.
    NotFound,
    /// `/<lang>/404.html`: "not found" in one language.
    LangNotFound(Lang),
    /// `/<lang>/`.
    Home(Lang),
    /// `/<lang>/<path>/` and `/<lang>/<path>/page/<n>/`.
    List {
        /// Language.
        lang: Lang,
        /// Collection name.
        collection: String,
        /// 1-based page number.
        number: usize,
    },
    /// `/<lang>/<path>/<slug>/`.
    Record {
        /// Language.
        lang: Lang,
        /// Index into `Site::records`.
        index: usize,
    },
}

/// Every page of the site, in a stable order.
pub fn all_pages(config: &Config, site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Chooser, Page::NotFound];
    for lang in config.languages.all() {
        pages.push(Page::Home(lang));
        pages.push(Page::LangNotFound(lang));
        let view = site.view(lang);
        for (name, collection) in &config.collections {
            if collection.has_list(config.languages.code(lang)) {
                let count = page_count(view.by_collection[name].len(), collection.paginate);
                pages.extend((1..=count).map(|number| Page::List {
                    lang,
                    collection: name.clone(),
                    number,
                }));
            }
            pages.extend(
                view.by_collection[name]
                    .iter()
                    .map(|&index| Page::Record { lang, index }),
            );
        }
    }
    pages
}

/// Number of list pages for `records` records at `per_page` (0: all on one page).
pub fn page_count(records: usize, per_page: usize) -> usize {
    if per_page == 0 {
        1
    } else {
        records.div_ceil(per_page).max(1)
    }
}

/// The folder of a list page (`lv/pasakumi/` or `lv/pasakumi/page/2/`).
pub fn list_path(config: &Config, lang: Lang, collection: &str, number: usize) -> String {
    let lang = config.languages.code(lang);
    let segment = config.collections[collection].path_in(lang);
    if number <= 1 {
        format!("{lang}/{segment}/")
    } else {
        format!("{lang}/{segment}/page/{number}/")
    }
}

/// What a page needs besides its identity.
pub struct PageEnv<'a> {
    /// Views and URLs.
    pub builder: &'a ViewBuilder<'a>,
    /// Stub and summary views per language (site language order).
    pub views: &'a [(String, Vec<Option<RecordViews>>)],
    /// `site` variable per language.
    pub site_values: &'a [(String, Value)],
    /// The hash of each `site_values` entry, in the same order.
    pub site_hashes: &'a [u64],
    /// Whether `vestis serve` renders.
    pub serve_mode: bool,
}

impl PageEnv<'_> {
    /// The record views of `lang` (empty for a language of another site).
    pub(super) fn views_in(&self, lang: Lang) -> &[Option<RecordViews>] {
        self.views
            .get(lang.index())
            .map_or(&[], |(_, v)| v.as_slice())
    }
}

impl Page {
    /// The file this page is written to, relative to the output folder.
    pub fn output_file(&self, config: &Config, site: &Site) -> String {
        match self {
            Page::Chooser => "index.html".into(),
            Page::NotFound => "404.html".into(),
            Page::LangNotFound(lang) => format!("{}/404.html", config.languages.code(*lang)),
            _ => format!("{}index.html", self.folder(config, site)),
        }
    }

    /// The folder of this page's URL, relative to the site (`lv/pasakumi/`, `` for `/`).
    pub fn folder<'a>(&self, config: &Config, site: &'a Site) -> Cow<'a, str> {
        match self {
            Page::Chooser | Page::NotFound => Cow::Borrowed(""),
            Page::Home(lang) | Page::LangNotFound(lang) => {
                format!("{}/", config.languages.code(*lang)).into()
            }
            Page::List {
                lang,
                collection,
                number,
            } => list_path(config, *lang, collection, *number).into(),
            Page::Record { lang, index } => site.view(*lang).paths[*index]
                .as_deref()
                .unwrap_or_default()
                .into(),
        }
    }

    /// The page's language: the default one for the chooser and the root 404 page.
    pub(super) fn lang(&self) -> Lang {
        match self {
            Page::Chooser | Page::NotFound => Lang::DEFAULT,
            Page::Home(lang)
            | Page::LangNotFound(lang)
            | Page::List { lang, .. }
            | Page::Record { lang, .. } => *lang,
        }
    }

    /// The code of the page's language (`lv`).
    pub(super) fn code<'a>(&self, config: &'a Config) -> &'a str {
        config.languages.code(self.lang())
    }

    /// What decides this page's template: its kind and, for lists and records, the
    /// collection (pages with equal keys try the same [`Self::templates`]).
    pub fn template_key<'a>(&'a self, site: &'a Site) -> (&'static str, &'a str) {
        match self {
            Page::List { collection, .. } => (self.kind(), collection),
            Page::Record { index, .. } => (self.kind(), &site.records[*index].collection),
            // One language's 404 page and the root one try different templates.
            Page::LangNotFound(_) => (self.kind(), "lang"),
            _ => (self.kind(), ""),
        }
    }

    /// Template names to try, most specific first.
    pub fn templates(&self, site: &Site) -> Vec<String> {
        match self {
            Page::Chooser => vec!["chooser.html".into()],
            Page::NotFound => vec!["404-root.html".into(), "404.html".into()],
            Page::LangNotFound(_) => vec!["404.html".into()],
            Page::Home(_) => vec!["index.html".into()],
            Page::List { collection, .. } => {
                vec![format!("{collection}/list.html"), "list.html".into()]
            }
            Page::Record { index, .. } => {
                let c = &site.records[*index].collection;
                vec![format!("{c}/record.html"), "record.html".into()]
            }
        }
    }

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

    fn kind(&self) -> &'static str {
        match self {
            Page::Chooser => "chooser",
            Page::NotFound | Page::LangNotFound(_) => "404",
            Page::Home(_) => "home",
            Page::List { .. } => "list",
            Page::Record { .. } => "record",
        }
    }

    /// For a record shown in another language's text (`fallback`), the original's folder.
    pub(super) fn canonical_folder<'a>(&self, b: &ViewBuilder<'a>, folder: &'a str) -> &'a str {
        if let Page::Record { lang, index } = self
            && let Some((text, true)) = b.site.text_in(*index, b.config.languages.code(*lang))
            && let Some(path) = b
                .site
                .views
                .get(&text.lang)
                .and_then(|v| v.paths[*index].as_deref())
        {
            return path;
        }
        folder
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
        pages: (1..=total)
            .map(|n| PageLink {
                number: n,
                url: url(n),
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

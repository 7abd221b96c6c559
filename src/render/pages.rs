//! Which pages a site has (home, lists, records, chooser, 404), where each is written, which
//! template renders it, and the variables it gets.

use std::borrow::Cow;

use tera::{Context, Map, Value};

use crate::config::Config;
use crate::content::Site;

use super::context::{RecordViews, Urls, ViewBuilder, full_record, translation_entry};
use super::page_reads::PageReads;

/// One HTML page to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/`: the language chooser.
    Chooser,
    /// `/404.html`: "not found" in every language, picked by the address's prefix.
    NotFound,
    /// `/<lang>/404.html`: "not found" in one language.
    LangNotFound(String),
    /// `/<lang>/`.
    Home(String),
    /// `/<lang>/<path>/` and `/<lang>/<path>/page/<n>/`.
    List {
        /// Language.
        lang: String,
        /// Collection name.
        collection: String,
        /// 1-based page number.
        number: usize,
    },
    /// `/<lang>/<path>/<slug>/`.
    Record {
        /// Language.
        lang: String,
        /// Index into `Site::records`.
        index: usize,
    },
}

/// Every page of the site, in a stable order.
pub fn all_pages(config: &Config, site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Chooser, Page::NotFound];
    for lang in config.language_codes() {
        pages.push(Page::Home(lang.clone()));
        pages.push(Page::LangNotFound(lang.clone()));
        let view = &site.views[&lang];
        for (name, collection) in &config.collections {
            if collection.has_list(&lang) {
                let count = page_count(view.by_collection[name].len(), collection.paginate);
                pages.extend((1..=count).map(|number| Page::List {
                    lang: lang.clone(),
                    collection: name.clone(),
                    number,
                }));
            }
            pages.extend(view.by_collection[name].iter().map(|&index| Page::Record {
                lang: lang.clone(),
                index,
            }));
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
pub fn list_path(config: &Config, lang: &str, collection: &str, number: usize) -> String {
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
    /// The record views of `lang` (empty for an unknown language).
    pub(super) fn views_in(&self, lang: &str) -> &[Option<RecordViews>] {
        self.views
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }
}

impl Page {
    /// The file this page is written to, relative to the output folder.
    pub fn output_file(&self, config: &Config, site: &Site) -> String {
        match self {
            Page::Chooser => "index.html".into(),
            Page::NotFound => "404.html".into(),
            Page::LangNotFound(lang) => format!("{lang}/404.html"),
            _ => format!("{}index.html", self.folder(config, site)),
        }
    }

    /// The folder of this page's URL, relative to the site (`lv/pasakumi/`, `` for `/`).
    pub fn folder<'a>(&self, config: &Config, site: &'a Site) -> Cow<'a, str> {
        match self {
            Page::Chooser | Page::NotFound => Cow::Borrowed(""),
            Page::Home(lang) | Page::LangNotFound(lang) => format!("{lang}/").into(),
            Page::List {
                lang,
                collection,
                number,
            } => list_path(config, lang, collection, *number).into(),
            Page::Record { lang, index } => site.views[lang].paths[*index]
                .as_deref()
                .unwrap_or_default()
                .into(),
        }
    }

    pub(super) fn lang<'a>(&'a self, config: &'a Config) -> &'a str {
        match self {
            Page::Chooser | Page::NotFound => config.default_language(),
            Page::Home(lang)
            | Page::LangNotFound(lang)
            | Page::List { lang, .. }
            | Page::Record { lang, .. } => lang,
        }
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
        let lang = self.lang(b.config);
        let folder = self.folder(b.config, b.site);
        let mut ctx = Context::new();
        let current_url = b.urls.url(&folder);
        let current_permalink = b.urls.permalink(&folder);
        let canonical_url = b.urls.permalink(self.canonical_folder(b, &folder));
        reads.frame("lang", lang);
        reads.frame("page_kind", self.kind());
        reads.frame("serve_mode", &env.serve_mode);
        reads.frame("current_url", &current_url);
        reads.frame("current_permalink", &current_permalink);
        reads.frame("canonical_url", &canonical_url);
        ctx.insert("lang", lang);
        ctx.insert("page_kind", self.kind());
        ctx.insert("serve_mode", &env.serve_mode);
        ctx.insert("current_url", &current_url);
        ctx.insert("current_permalink", &current_permalink);
        ctx.insert("canonical_url", &canonical_url);
        let site = env.site_values.iter().position(|(l, _)| l == lang);
        // The `site` variable is large and the same on every page of a language: its hash is
        // taken once per build (`PageEnv::site_hashes`).
        reads.frame("site", &site.map(|p| env.site_hashes[p]));
        let site_value = site.map(|p| env.site_values[p].1.clone());
        ctx.insert_value("site", site_value.unwrap_or_else(Value::none));
        let translations = self.translations(b);
        reads.frame_value("translations", &translations);
        ctx.insert_value("translations", translations);
        let share = super::page_share::share(self, env, &folder, &canonical_url, reads);
        reads.frame("share", &share);
        ctx.insert("share", &share);
        let views = env.views_in(lang);
        match self {
            Page::Record { index, .. } => {
                let collection = &b.site.records[*index].collection;
                reads.frame("collection", collection);
                ctx.insert("collection", collection);
                ctx.insert_value("page", full_record(b, *index, lang, views, reads));
            }
            Page::List {
                collection, number, ..
            } => {
                reads.frame("collection", collection);
                ctx.insert("collection", collection);
                let (records, paginator) = list_values(b, lang, collection, *number, views, reads);
                reads.frame_value("paginator", &paginator);
                ctx.insert_value("records", records);
                ctx.insert_value("paginator", paginator);
            }
            _ => {}
        }
        ctx
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
            && let Some((text, true)) = b.site.text_in(*index, lang)
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
    fn translations(&self, b: &ViewBuilder<'_>) -> Value {
        let lang = self.lang(b.config);
        let entries: Vec<Value> = b
            .config
            .languages
            .iter()
            .filter(|l| l.code != lang && !matches!(self, Page::Chooser | Page::NotFound))
            .map(|l| {
                let (path, untranslated, missing) = self.counterpart(b, &l.code);
                translation_entry(&l.code, &l.name, b.urls, &path, untranslated, missing)
            })
            .collect();
        Value::from(entries)
    }

    /// Where this page is in `other`: `(folder, untranslated, missing)`.
    fn counterpart<'a>(&self, b: &ViewBuilder<'a>, other: &str) -> (Cow<'a, str>, bool, bool) {
        let config = b.config;
        match self {
            Page::Record { index, .. } => {
                if let Some(path) = b.site.views[other].paths[*index].as_deref() {
                    let untranslated = b.site.text_in(*index, other).is_some_and(|t| t.1);
                    return (path.into(), untranslated, false);
                }
                let collection = &b.site.records[*index].collection;
                let fallback = if config.collections[collection].has_list(other) {
                    list_path(config, other, collection, 1)
                } else {
                    format!("{other}/")
                };
                (fallback.into(), false, true)
            }
            Page::List {
                collection, number, ..
            } => {
                let count = page_count(
                    b.site.views[other].by_collection[collection].len(),
                    config.collections[collection].paginate,
                );
                (
                    list_path(config, other, collection, (*number).min(count)).into(),
                    false,
                    false,
                )
            }
            _ => (format!("{other}/").into(), false, false),
        }
    }
}

/// The `records` and `paginator` of list page `number`.
fn list_values(
    b: &ViewBuilder<'_>,
    lang: &str,
    collection: &str,
    number: usize,
    views: &[Option<RecordViews>],
    reads: &mut PageReads,
) -> (Value, Value) {
    let all = &b.site.views[lang].by_collection[collection];
    let per_page = b.config.collections[collection].paginate;
    let total = page_count(all.len(), per_page);
    let chunk = list_chunk(all, per_page, number);
    let records: Vec<Value> = chunk
        .iter()
        .filter_map(|&i| reads.view(views, i).map(|v| v.summary.clone()))
        .collect();
    let url = |n: usize| b.urls.url(&list_path(b.config, lang, collection, n));
    let mut paginator = Map::new();
    paginator.insert("current".into(), number.into());
    paginator.insert("total".into(), total.into());
    paginator.insert("total_records".into(), all.len().into());
    paginator.insert(
        "prev_url".into(),
        (number > 1).then(|| url(number - 1)).into(),
    );
    paginator.insert(
        "next_url".into(),
        (number < total).then(|| url(number + 1)).into(),
    );
    let pages: Vec<Value> = (1..=total)
        .map(|n| {
            let mut m = Map::new();
            m.insert("number".into(), n.into());
            m.insert("url".into(), url(n).into());
            Value::from(m)
        })
        .collect();
    paginator.insert("pages".into(), Value::from(pages));
    (Value::from(records), Value::from(paginator))
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

/// The `site` variable in `lang`.
pub fn site_value(config: &Config, site: &Site, urls: &Urls, lang: &str) -> Value {
    let mut map = Map::new();
    map.insert(
        "title".into(),
        config.title.get(lang).cloned().unwrap_or_default().into(),
    );
    map.insert("base_url".into(), config.base_url.as_str().into());
    map.insert("base_path".into(), urls.base_path().into());
    map.insert("default_language".into(), config.default_language().into());
    let languages: Vec<Value> = config
        .languages
        .iter()
        .map(|l| {
            let mut m = Map::new();
            m.insert("code".into(), l.code.as_str().into());
            m.insert("name".into(), l.name.as_str().into());
            m.insert("url".into(), urls.url(&format!("{}/", l.code)).into());
            m.insert(
                "permalink".into(),
                urls.permalink(&format!("{}/", l.code)).into(),
            );
            Value::from(m)
        })
        .collect();
    map.insert("languages".into(), Value::from(languages));
    let collections: Vec<Value> = config
        .collections
        .values()
        .filter(|c| c.has_list(lang))
        .map(|c| {
            let mut m = Map::new();
            m.insert("name".into(), c.name.as_str().into());
            m.insert(
                "url".into(),
                urls.url(&list_path(config, lang, &c.name, 1)).into(),
            );
            m.insert(
                "count".into(),
                site.views[lang].by_collection[&c.name].len().into(),
            );
            Value::from(m)
        })
        .collect();
    map.insert("collections".into(), Value::from(collections));
    Value::from(map)
}

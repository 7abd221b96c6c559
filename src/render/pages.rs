//! Which pages a site has (home, lists, records, chooser, 404), where each is written and
//! which template renders it. The variables a page gets are made in `page_vars`.

use std::borrow::Cow;

use tera::Value;

use crate::config::{Config, Lang};
use crate::content::Site;

use super::context::{RecordViews, ViewBuilder};

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

    pub(super) fn kind(&self) -> &'static str {
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
}

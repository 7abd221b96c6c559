//! Old addresses keep working: a record's `aliases`, and every address the site published
//! before (`.vestis/urls.json`, see `urls.rs`) that no page has any more, get a page at the
//! old address — a redirect to where the record is now, or, for a removed record, a "gone"
//! page linking to its list (`pages.rs`) — plus the same redirects as `_redirects`
//! (Netlify, Cloudflare Pages) and `.htaccess` (Apache) lines for hosts that honour them
//! (`hosts.rs`).
//!
//! It runs after rendering, on the finished output: a real page always wins over a redirect.
//! It knows nothing of templates: the render stage asks [`plan`] which pages there will be and
//! renders them with the theme's `redirect.html` / `gone.html` when it has them; the others
//! get the built-in page (`pages.rs`). It writes nothing to disk itself.

mod hosts;
mod pages;
mod urls;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::config::Config;
use crate::content::{Alias, Site, page_file};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::output::Output;

pub use urls::{KeptUrls, Shown, URLS_FILE, UrlRecord};

/// The theme messages the pages at old addresses use (each optional).
pub const MESSAGE_IDS: &[&str] = &[
    "redirect-title",
    "redirect-text",
    "gone-title",
    "gone-text",
    "gone-list",
];

use pages::{PageWords, gone_page, redirect_page};

/// A page at an old address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OldAddress {
    /// Sends the reader on to the page at this output folder (`lv/pasakumi/x/`).
    Moved {
        /// The new page's output folder.
        to: String,
        /// Its title.
        title: String,
    },
    /// The record was removed: the page links to this output folder (its list, or the
    /// language's home).
    Gone {
        /// The list's output folder.
        list: String,
    },
}

/// What was added to the output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Added {
    /// Old output path (`lv/old/`) → its page, in the page's language.
    pub pages: BTreeMap<String, (String, OldAddress)>,
    /// Warnings (an alias that names a real page).
    pub warnings: Diagnostics,
}

/// The pages at old addresses the site gets: for `aliases` and for the addresses of
/// `previous` that the site no longer has. `is_real(file)` says whether the output has a
/// file at output path `file` (a real page, which always wins).
pub fn plan(
    config: &Config,
    site: &Site,
    previous: &UrlRecord,
    is_real: &dyn Fn(&str) -> bool,
) -> Added {
    let mut added = Added::default();
    add_aliases(config, site, is_real, &mut added);
    add_moved(config, site, is_real, previous, &mut added);
    added
}

/// Adds the pages for `aliases` and for the addresses of `previous` that the site no longer
/// has, and the `_redirects` and `.htaccess` lines for them. `themed` holds the pages the
/// theme rendered (old address → HTML, see `render::old_pages`); the others get the built-in
/// page.
pub fn add(
    config: &Config,
    locales: &Locales,
    site: &Site,
    output: &mut Output,
    previous: &UrlRecord,
    themed: &BTreeMap<String, String>,
) -> Added {
    let mut added = plan(config, site, previous, &|file| output.contains(file));
    for (from, (lang, old)) in &added.pages {
        let Some(file) = page_file(from) else {
            continue;
        };
        let words = PageWords {
            language: locales.get(lang),
            lang,
        };
        let html = match (themed.get(from), old) {
            (Some(html), _) => html.clone(),
            (None, OldAddress::Moved { to, title }) => {
                redirect_page(&words, &url(config, to), &permalink(config, to), title)
            }
            (None, OldAddress::Gone { list }) => gone_page(&words, &url(config, list)),
        };
        if let Err(message) = output.insert(file, html.into_bytes()) {
            added.warnings.push(Diagnostic::warning(
                None,
                format!("the page for the old address `/{from}` is not written: {message}"),
            ));
        }
    }
    hosts::add(config, &added.pages, output);
    added
}

/// Each record's aliases, leading to its page in the alias's language.
fn add_aliases(config: &Config, site: &Site, is_real: &dyn Fn(&str) -> bool, added: &mut Added) {
    let default = config.default_language();
    for (i, record) in site.records.iter().enumerate() {
        let page_in = |lang: &str| site.views.get(lang).and_then(|v| v.paths[i].clone());
        let text_aliases = record
            .texts
            .values()
            .map(|t| (t.lang.as_str(), t.path.clone(), &t.aliases));
        let first_lang = site
            .views
            .keys()
            .find(|l| page_in(l).is_some())
            .map(String::as_str);
        let yaml_lang = if page_in(default).is_some() {
            Some(default)
        } else {
            first_lang
        };
        let yaml_aliases = yaml_lang
            .zip(record.yaml_path.clone())
            .map(|(l, p)| (l, p, &record.aliases));
        for (lang, source, aliases) in text_aliases.chain(yaml_aliases) {
            let (Some(to), Some((text, _))) = (page_in(lang), site.text_in(i, lang)) else {
                continue;
            };
            for alias in aliases {
                let at = |message: String| located(&source, alias, message);
                let real = alias.page_file().is_some_and(|f| is_real(&f));
                if alias.path == to || real {
                    added.warnings.push(
                        at(format!("the alias `/{}` is the address of a real page, which stays; no redirect is made there", alias.path))
                            .with_suggestion("remove the alias, or move the page that has this address"),
                    );
                } else if let Some(other) = moved_to(added, &alias.path).filter(|o| *o != to) {
                    added.warnings.push(
                        at(format!("the alias `/{}` is already an alias of `/{other}`; the first one is kept", alias.path))
                            .with_suggestion("give each old address to one record only"),
                    );
                } else {
                    let old = OldAddress::Moved {
                        to: to.clone(),
                        title: text.title.clone(),
                    };
                    added
                        .pages
                        .insert(alias.path.clone(), (lang.to_string(), old));
                }
            }
        }
    }
}

/// Where the redirect already planned at `path` leads.
fn moved_to(added: &Added, path: &str) -> Option<String> {
    match added.pages.get(path) {
        Some((_, OldAddress::Moved { to, .. })) => Some(to.clone()),
        _ => None,
    }
}

/// Every address of `previous` that the site no longer has and no alias took.
fn add_moved(
    config: &Config,
    site: &Site,
    is_real: &dyn Fn(&str) -> bool,
    previous: &UrlRecord,
    added: &mut Added,
) {
    let current = UrlRecord::of_site(config, site);
    let now_at: HashMap<&Shown, &String> = current.urls.iter().map(|(p, s)| (s, p)).collect();
    for (path, shown) in &previous.urls {
        let taken = current.urls.contains_key(path) || added.pages.contains_key(path);
        if taken || page_file(path).is_some_and(|f| is_real(&f)) {
            continue;
        }
        let lang = if config.has_language(&shown.lang) {
            shown.lang.clone()
        } else {
            config.default_language().to_string()
        };
        let old = match now_at.get(shown) {
            Some(to) => OldAddress::Moved {
                to: to.to_string(),
                title: title_of(site, shown).unwrap_or_else(|| permalink(config, to)),
            },
            None => OldAddress::Gone {
                list: list_of(config, &lang, &shown.collection),
            },
        };
        added.pages.insert(path.clone(), (lang, old));
    }
}

/// The output folder of `collection`'s list in `lang`, or the language's home.
fn list_of(config: &Config, lang: &str, collection: &str) -> String {
    match config
        .collections
        .get(collection)
        .filter(|c| c.has_list(lang))
    {
        Some(c) => format!("{lang}/{}/", c.path_in(lang)),
        None => format!("{lang}/"),
    }
}

fn title_of(site: &Site, shown: &Shown) -> Option<String> {
    let i = site.find(&shown.collection, shown.id.as_deref()?)?;
    Some(site.text_in(i, &shown.lang)?.0.title.clone())
}

fn url(config: &Config, path: &str) -> String {
    format!("{}/{path}", config.base_path)
}

fn permalink(config: &Config, path: &str) -> String {
    format!("{}/{path}", config.base_url)
}

fn located(source: &Path, alias: &Alias, message: String) -> Diagnostic {
    let mut d = Diagnostic::warning(Some(source), message);
    d.line = alias.pos.line;
    d.col = alias.pos.col;
    d.marker_len = alias.path.chars().count().max(1);
    d
}

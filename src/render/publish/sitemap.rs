//! `/sitemap.xml` and `/robots.txt`.
//!
//! The sitemap lists every HTML page vestis renders (not `404.html`, not HTML files copied
//! from `static/`), with absolute URLs, in page order. Each URL carries an
//! `xhtml:link rel="alternate" hreflang` for every language version of the same page — itself
//! included, as search engines ask — plus `x-default`:
//! - the chooser `/` and the language homes form one group whose `x-default` is the chooser;
//! - a list page `N` is grouped with page `N` of the same list in the other languages;
//! - a record page with the record's pages in the languages that have their own text for it.
//!
//! Elsewhere `x-default` is the first language (site.yaml order) of the group. A page shown in
//! another language's text (`translations.missing: fallback`) is left out: its canonical URL
//! is the original's.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::super::context::ViewBuilder;
use super::super::pages::{Page, list_path, page_count};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// The language versions of one page: `(lang, folder)`, and the folder of `x-default`.
struct Group {
    versions: Vec<(String, String)>,
    x_default: String,
}

/// The sitemap of `pages`.
pub(super) fn sitemap(b: &ViewBuilder<'_>, pages: &[Page]) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("urlset")
        .with_attribute(("xmlns", SITEMAP_NS))
        .with_attribute(("xmlns:xhtml", XHTML_NS))
        .write_inner_content(|w| {
            for page in pages {
                let Some(group) = group(b, page) else {
                    continue;
                };
                let loc = b.urls.permalink(&page.folder(b.config, b.site));
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&loc))?;
                    let x_default = ("x-default".to_string(), group.x_default.clone());
                    for (lang, folder) in group.versions.iter().chain([&x_default]) {
                        w.create_element("xhtml:link")
                            .with_attribute(("rel", "alternate"))
                            .with_attribute(("hreflang", lang.as_str()))
                            .with_attribute(("href", b.urls.permalink(folder).as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// The language versions of `page`; `None` for a page the sitemap leaves out.
fn group(b: &ViewBuilder<'_>, page: &Page) -> Option<Group> {
    let config = b.config;
    let versions: Vec<(String, String)> = match page {
        Page::NotFound | Page::LangNotFound(_) => return None,
        Page::Chooser | Page::Home(_) => {
            let homes = config
                .language_codes()
                .into_iter()
                .map(|l| (l.clone(), format!("{l}/")))
                .collect();
            return Some(Group {
                versions: homes,
                x_default: String::new(),
            });
        }
        Page::List {
            collection, number, ..
        } => config
            .languages
            .all()
            .filter(|&l| config.collections[collection].has_list(config.languages.code(l)))
            .filter(|&l| {
                let count = b.site.view(l).by_collection[collection].len();
                *number <= page_count(count, config.collections[collection].paginate)
            })
            .map(|l| {
                let folder = list_path(config, l, collection, *number);
                (config.languages.code(l).to_string(), folder)
            })
            .collect(),
        Page::Record { index, .. } => {
            if b.site
                .text_in(*index, page.code(config))
                .is_none_or(|(_, untranslated)| untranslated)
            {
                return None;
            }
            config
                .languages
                .all()
                .filter_map(|l| {
                    let code = config.languages.code(l);
                    if !matches!(b.site.text_in(*index, code), Some((_, false))) {
                        return None;
                    }
                    let folder = b.site.view(l).paths[*index].clone()?;
                    Some((code.to_string(), folder))
                })
                .collect()
        }
    };
    let x_default = versions.first()?.1.clone();
    Some(Group {
        versions,
        x_default,
    })
}

/// `robots.txt`: everything may be crawled; the sitemap's absolute URL. (Crawlers read
/// robots.txt only at a host's root: a site under a sub-path should copy these lines into
/// the host's own file. A `static/robots.txt` replaces this one.)
pub(super) fn robots(b: &ViewBuilder<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        b.urls.permalink("sitemap.xml")
    )
}

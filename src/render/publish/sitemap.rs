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
//!
//! One sitemap file may list 50,000 URLs and take 50 MB (sitemaps.org): a larger site's
//! `sitemap.xml` is an index of `sitemap/1.xml`, `sitemap/2.xml`, … of equal length.

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

/// One `<url>` of a sitemap: the page's absolute URL and its alternates `(hreflang, URL)`.
struct Entry {
    loc: String,
    alternates: Vec<(String, String)>,
}

/// The most URLs one sitemap file may list, and its largest size (sitemaps.org).
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;

/// The sitemap of `pages`: `sitemap.xml` alone, or, for a site over the limits of one file
/// (50,000 URLs or 50 MB), `sitemap.xml` as an index of `sitemap/1.xml`, `sitemap/2.xml`, ….
pub(super) fn files(b: &ViewBuilder<'_>, pages: &[Page]) -> io::Result<Vec<(String, Vec<u8>)>> {
    let entries: Vec<Entry> = pages
        .iter()
        .filter_map(|page| {
            let group = group(b, page)?;
            let x_default = ("x-default".to_string(), group.x_default.clone());
            let alternates = group
                .versions
                .iter()
                .chain([&x_default])
                .map(|(lang, folder)| (lang.clone(), b.urls.permalink(folder)))
                .collect();
            Some(Entry {
                loc: b.urls.permalink(&page.folder(b.config, b.site)),
                alternates,
            })
        })
        .collect();
    split(&entries, MAX_URLS, MAX_BYTES, &|path| {
        b.urls.permalink(path)
    })
}

/// `entries` in one sitemap, or in as few equal parts as keep each within `max_urls` and
/// `max_bytes`, listed by an index at `sitemap.xml` (`permalink` makes a file's absolute URL).
fn split(
    entries: &[Entry],
    max_urls: usize,
    max_bytes: usize,
    permalink: &dyn Fn(&str) -> String,
) -> io::Result<Vec<(String, Vec<u8>)>> {
    let whole = urlset(entries)?;
    if entries.len() <= max_urls && whole.len() <= max_bytes {
        return Ok(vec![("sitemap.xml".to_string(), whole)]);
    }
    let mut parts = entries
        .len()
        .div_ceil(max_urls)
        .max(whole.len().div_ceil(max_bytes));
    loop {
        let size = entries.len().div_ceil(parts).max(1);
        let files: Vec<(String, Vec<u8>)> = entries
            .chunks(size)
            .enumerate()
            .map(|(n, chunk)| Ok((format!("sitemap/{}.xml", n + 1), urlset(chunk)?)))
            .collect::<io::Result<_>>()?;
        // Parts of equal length may still differ in size: one more part until all fit.
        if files.iter().any(|(_, bytes)| bytes.len() > max_bytes) && size > 1 {
            parts += 1;
            continue;
        }
        let locs: Vec<String> = files.iter().map(|(path, _)| permalink(path)).collect();
        let mut all = vec![("sitemap.xml".to_string(), index(&locs)?)];
        all.extend(files);
        return Ok(all);
    }
}

/// An XML document: the declaration, then `root` as `write_root` writes it, then a newline.
fn document(
    write_root: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>,
) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    write_root(&mut w)?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// A `<urlset>` of `entries`.
fn urlset(entries: &[Entry]) -> io::Result<Vec<u8>> {
    document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", SITEMAP_NS))
            .with_attribute(("xmlns:xhtml", XHTML_NS))
            .write_inner_content(|w| {
                for entry in entries {
                    w.create_element("url").write_inner_content(|w| {
                        w.create_element("loc")
                            .write_text_content(BytesText::new(&entry.loc))?;
                        for (lang, href) in &entry.alternates {
                            w.create_element("xhtml:link")
                                .with_attribute(("rel", "alternate"))
                                .with_attribute(("hreflang", lang.as_str()))
                                .with_attribute(("href", href.as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// A `<sitemapindex>` of the sitemaps at `locs`.
fn index(locs: &[String]) -> io::Result<Vec<u8>> {
    document(|w| {
        w.create_element("sitemapindex")
            .with_attribute(("xmlns", SITEMAP_NS))
            .write_inner_content(|w| {
                for loc in locs {
                    w.create_element("sitemap").write_inner_content(|w| {
                        w.create_element("loc")
                            .write_text_content(BytesText::new(loc))?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                loc: format!("https://x.test/lv/{i}/"),
                alternates: vec![("lv".into(), format!("https://x.test/lv/{i}/"))],
            })
            .collect()
    }

    fn locs(xml: &[u8], tag: &str) -> Vec<String> {
        let text = std::str::from_utf8(xml).unwrap();
        let doc = roxmltree::Document::parse(text).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), tag);
        let locs = doc.descendants().filter(|n| n.has_tag_name("loc"));
        locs.map(|n| n.text().unwrap().to_string()).collect()
    }

    const PERMALINK: &dyn Fn(&str) -> String = &|p| format!("https://x.test/{p}");

    #[test]
    fn a_site_within_the_limits_has_one_sitemap() {
        let files = split(&entries(5), 5, MAX_BYTES, PERMALINK).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(locs(&files[0].1, "urlset").len(), 5);
    }

    #[test]
    fn more_urls_than_one_file_may_hold_make_an_index_of_equal_parts() {
        let all = entries(11);
        let files = split(&all, 5, MAX_BYTES, PERMALINK).unwrap();
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap/1.xml",
                "sitemap/2.xml",
                "sitemap/3.xml"
            ]
        );
        assert_eq!(
            locs(&files[0].1, "sitemapindex"),
            [
                "https://x.test/sitemap/1.xml",
                "https://x.test/sitemap/2.xml",
                "https://x.test/sitemap/3.xml"
            ]
        );
        let listed: Vec<String> = files[1..]
            .iter()
            .flat_map(|(_, xml)| locs(xml, "urlset"))
            .collect();
        let expected: Vec<String> = all.iter().map(|e| e.loc.clone()).collect();
        assert_eq!(listed, expected);
        assert!(
            files[1..]
                .iter()
                .all(|(_, xml)| locs(xml, "urlset").len() <= 5)
        );
    }

    #[test]
    fn a_sitemap_over_the_size_limit_is_split_too() {
        let all = entries(40);
        let one = urlset(&all).unwrap().len();
        let files = split(&all, MAX_URLS, one / 3, PERMALINK).unwrap();
        assert!(files.len() >= 4, "{}", files.len());
        assert!(files[1..].iter().all(|(_, xml)| xml.len() <= one / 3));
    }
}

//! The internal link check of every build, `serve` rebuild and `vestis check`: every `href`,
//! `src` and `srcset` of every HTML page of an [`Output`] that points into the site must name
//! a file of the output, and its `#fragment` an element `id` of that page.
//!
//! Pure: it reads the output in memory and a map saying where each page came from
//! ([`PageSource`]), and returns diagnostics. It must not know records, templates or
//! languages; the render stage fills the map.
//!
//! HTML is read as html5gum, a WHATWG-conformant tokenizer, reads it: attribute values come
//! decoded (`&amp;`), unquoted and oddly spaced attributes are read like a browser reads them,
//! and `<script>`/`<style>` contents are not mistaken for tags. No tree is built, so a page
//! costs one linear pass (a fast scanner for the common case, see `links_scan.rs`).
//!
//! Cost: O(total size of the HTML pages + number of links) for the scan and the judging (hash
//! lookups per link, see `links_judge.rs`), plus O(broken links) for the report (see
//! `links_report.rs`, whose suggestions spend a fixed budget). A [`LinkCache`] keeps each page's
//! scan and judgement on the memo (`links_memo.rs`): a rebuild scans only the pages it rendered
//! again and judges again only pages whose links, or what a judgement reads of the rest of
//! the site, changed.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use url::Url;

use super::Output;
use crate::diagnostics::Diagnostics;

#[cfg(test)]
use judge::plain_root_relative;
use judge::{Broken, Site, percent_decode};
pub use memo::LinkCache;

#[path = "links_judge.rs"]
mod judge;
#[path = "links_memo.rs"]
mod memo;
#[path = "links_page.rs"]
mod page;
#[path = "links_report.rs"]
mod report;
#[path = "links_scan.rs"]
mod scan;
use page::PageLinks;

/// Where each HTML page came from: output path (`lv/pasakumi/x/index.html`) → source.
pub type PageSources = std::collections::BTreeMap<String, PageSource>;

/// Where one page came from, to name the file to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSource {
    /// The template that rendered the page (relative to the site root), or for an HTML file
    /// copied from `static/`, that file.
    pub template: PathBuf,
    /// For a record page: its text, whose body's links are blamed on the text.
    pub text: Option<TextSource>,
}

/// The text (`.md` file) of a record page and the links its Markdown body makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSource {
    /// The `.md` file, relative to the site root.
    pub file: PathBuf,
    /// The body's links as they appear in the page, with their place in the file.
    pub links: Vec<SourceLink>,
}

/// A link of a Markdown body: the URL the page holds, and where the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// The URL as rendered into the page (base path added, `@/` resolved).
    pub href: String,
    /// 1-based line in the `.md` file.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
}

/// What one page links to and which ids it has.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    pub(super) links: Vec<String>,
    pub(super) ids: HashSet<String>,
}

/// What the check needs of the pages a streamed build wrote already (their bytes are not
/// kept): each page's links and ids, read when the page was written. Filled from many
/// threads at once.
#[derive(Debug, Default)]
pub struct LinkFacts {
    pages: Mutex<HashMap<String, Arc<PageLinks>>>,
}

impl LinkFacts {
    /// No pages yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the links and ids of the HTML page `path` (other files are not looked at).
    pub fn record(&self, path: &str, bytes: &[u8]) {
        if !path.ends_with(".html") {
            return;
        }
        let scanned = Arc::new(scan::scan(bytes));
        self.pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_string(), scanned);
    }

    /// The links and ids of the page `path`, when it was recorded.
    pub(super) fn get(&self, path: &str) -> Option<Arc<PageLinks>> {
        let pages = self.pages.lock().unwrap_or_else(PoisonError::into_inner);
        pages.get(path).cloned()
    }
}

/// Checks every internal link of every HTML page of `output`, for a site published at
/// `base_url`. Each broken (source, target) pair is reported once, as an error located in
/// the `.md` file (with line and column) when the link comes from a record's body, otherwise
/// in the page's template; the message names the page.
pub fn check(output: &Output, sources: &PageSources, base_url: &str) -> Diagnostics {
    check_cached(output, sources, base_url, None)
}

/// Like [`check`], for an output whose written pages are known by their `facts` only (a
/// streamed build): the other pages are read from `output`.
pub fn check_streamed(
    output: &Output,
    facts: &LinkFacts,
    sources: &PageSources,
    base_url: &str,
) -> Diagnostics {
    check_with(output, Some(facts), sources, base_url, None)
}

/// Like [`check`], reusing and updating the scans `cache` holds.
pub fn check_cached(
    output: &Output,
    sources: &PageSources,
    base_url: &str,
    cache: Option<&mut LinkCache>,
) -> Diagnostics {
    check_with(output, None, sources, base_url, cache)
}

fn check_with(
    output: &Output,
    facts: Option<&LinkFacts>,
    sources: &PageSources,
    base_url: &str,
    cache: Option<&mut LinkCache>,
) -> Diagnostics {
    let Ok(base) = Url::parse(&format!("{}/", base_url.trim_end_matches('/'))) else {
        return Diagnostics::new();
    };
    let mut phases = crate::timing::Phases::start();
    // A cold check is the same code with an empty cache, not kept.
    let keep = cache.is_some();
    let mut cold = LinkCache::new();
    let cache = cache.unwrap_or(&mut cold);
    let scans = memo::scan_all(output, facts, cache, keep);
    phases.mark("link check: scan pages");
    let scanned: HashMap<&str, Arc<PageLinks>> = scans
        .iter()
        .map(|(page, scan)| (*page, Arc::clone(&scan.scanned)))
        .collect();
    let site = Site {
        output,
        files: output.paths().collect(),
        scanned: &scanned,
        base: &base,
    };
    let broken = memo::judge_all(&site, &scans, base_url, cache, keep);
    phases.mark("link check: judge links");
    report::report(&site, sources, broken)
}

/// The URLs of a `srcset` (`a.png 1x, b.png 2x`).
fn srcset_urls(srcset: &str) -> Vec<String> {
    srcset
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;

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
//! `links_report.rs`, whose suggestions spend a fixed budget). A [`LinkCache`] keeps each page's scan for as long as
//! the page is the same allocation (`serve` rebuilds reuse unchanged pages), so a rebuild
//! scans only the pages it rendered again; the judging is redone in full every time, which
//! keeps it correct whatever changed elsewhere.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use url::Url;

use super::Output;
use crate::diagnostics::Diagnostics;

#[cfg(test)]
use judge::plain_root_relative;
use judge::{Broken, Site, percent_decode};

#[path = "links_judge.rs"]
mod judge;
#[path = "links_report.rs"]
mod report;
#[path = "links_scan.rs"]
mod scan;

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

/// Each page's scan from the previous check, kept with the bytes it was made from: reused
/// only when the page is the very same allocation, whose bytes cannot have changed (they are
/// immutable behind the `Arc`, and holding it keeps the address from being reused).
///
/// It also keeps the broken links each page had. They are reused for a page whose scan is
/// reused only when nothing else a judgement reads changed: the same base URL, the same list
/// of output files, and every page scanned again with the same ids as before. (A judgement
/// reads only the page's links, the list of files and the targets' ids.)
///
/// Owned by whoever rebuilds (serve's loop) and lent to each check as `&mut`: no locks.
#[derive(Debug, Default)]
pub struct LinkCache {
    pages: HashMap<String, Kept>,
    judged: Option<Judged>,
}

/// A page's bytes and their scan.
type Kept = (Arc<Vec<u8>>, Arc<Scanned>);

/// The judgement of the previous check.
#[derive(Debug)]
struct Judged {
    base_url: String,
    /// Every output path, sorted.
    paths: Vec<String>,
    /// The broken links of each page that had any: `(href, what is wrong)`.
    broken: HashMap<String, Vec<(String, Broken)>>,
}

/// What scanning found beside the scans.
struct Scans<'a> {
    scanned: HashMap<&'a str, Arc<Scanned>>,
    /// Pages scanned now (not taken from the cache).
    fresh: HashSet<&'a str>,
    /// Whether every page scanned again has the ids its previous version had.
    same_ids: bool,
}

impl LinkCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }
}

/// What the check needs of the pages a streamed build wrote already (their bytes are not
/// kept): each page's links and ids, read when the page was written. Filled from many
/// threads at once.
#[derive(Debug, Default)]
pub struct LinkFacts {
    pages: Mutex<HashMap<String, Arc<Scanned>>>,
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
    pub(super) fn get(&self, path: &str) -> Option<Arc<Scanned>> {
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
    mut cache: Option<&mut LinkCache>,
) -> Diagnostics {
    let Ok(base) = Url::parse(&format!("{}/", base_url.trim_end_matches('/'))) else {
        return Diagnostics::new();
    };
    let mut phases = crate::timing::Phases::start();
    let Scans {
        scanned,
        fresh,
        same_ids,
    } = scan_all(output, facts, cache.as_deref_mut());
    phases.mark("link check: scan pages");
    let mut pages: Vec<&str> = scanned.keys().copied().collect();
    pages.sort_unstable();
    let site = Site {
        output,
        files: output.paths().collect(),
        scanned: &scanned,
        base: &base,
    };
    let previous = cache
        .as_deref_mut()
        .and_then(|c| c.judged.take())
        .filter(|j| same_ids && j.base_url == base_url && j.paths.iter().eq(output.paths()));
    // (page, href, what is wrong), in page then document order.
    let broken: Vec<(&str, String, Broken)> = pages
        .par_iter()
        .map_init(HashMap::new, |memo, page| match &previous {
            Some(p) if !fresh.contains(page) => p.broken.get(*page).map_or_else(Vec::new, |b| {
                b.iter()
                    .map(|(href, broken)| (*page, href.clone(), broken.clone()))
                    .collect()
            }),
            _ => site.judge_page(page, memo),
        })
        .flatten_iter()
        .collect();
    phases.mark("link check: judge links");
    if let Some(cache) = cache {
        let mut by_page: HashMap<String, Vec<(String, Broken)>> = HashMap::new();
        for (page, href, b) in &broken {
            by_page
                .entry(page.to_string())
                .or_default()
                .push((href.clone(), b.clone()));
        }
        cache.judged = Some(Judged {
            base_url: base_url.to_string(),
            paths: output.paths().map(str::to_string).collect(),
            broken: by_page,
        });
    }
    report::report(&site, sources, broken)
}

/// The scan of every HTML page (deferred files are not made: none is HTML), taken from
/// `facts` for the pages it knows.
fn scan_all<'a>(
    output: &'a Output,
    facts: Option<&LinkFacts>,
    cache: Option<&mut LinkCache>,
) -> Scans<'a> {
    let paths: Vec<&str> = output.paths().filter(|p| p.ends_with(".html")).collect();
    let Some(cache) = cache else {
        let scanned: HashMap<&str, Arc<Scanned>> = paths
            .par_iter()
            .map(|path| {
                if let Some(known) = facts.and_then(|f| f.get(path)) {
                    return (*path, known);
                }
                let bytes = output.get(path).unwrap_or_default();
                (*path, Arc::new(scan::scan(bytes)))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        return Scans {
            scanned,
            fresh: paths.into_iter().collect(),
            same_ids: false,
        };
    };
    let mut previous = std::mem::take(&mut cache.pages);
    /// A page, its bytes, its scan when it can be reused, else its previous scan.
    type Job<'p> = (
        &'p str,
        Option<Arc<Vec<u8>>>,
        Result<Arc<Scanned>, Option<Arc<Scanned>>>,
    );
    let jobs: Vec<Job<'_>> = paths
        .iter()
        .map(|path| {
            let shared = output.shared(path);
            let kept = match (previous.remove(*path), &shared) {
                (Some((bytes, scan)), Some(now)) if Arc::ptr_eq(&bytes, now) => Ok(scan),
                (old, _) => Err(old.map(|(_, scan)| scan)),
            };
            (*path, shared, kept)
        })
        .collect();
    drop(previous);
    /// A page, its bytes, its scan, whether it was scanned now and with the same ids.
    type Done<'p> = (&'p str, Option<Arc<Vec<u8>>>, Arc<Scanned>, Option<bool>);
    let done: Vec<Done<'_>> = jobs
        .into_par_iter()
        .map(|(path, shared, kept)| match kept {
            Ok(scan) => (path, shared, scan, None),
            Err(old) => {
                let scan = Arc::new(scan::scan(output.get(path).unwrap_or_default()));
                let same = old.is_some_and(|old| old.ids == scan.ids);
                (path, shared, scan, Some(same))
            }
        })
        .collect();
    let mut kept = HashMap::with_capacity(done.len());
    let mut scans = Scans {
        scanned: HashMap::with_capacity(done.len()),
        fresh: HashSet::new(),
        same_ids: true,
    };
    for (path, shared, scan, fresh) in done {
        if let Some(bytes) = shared {
            kept.insert(path.to_string(), (bytes, Arc::clone(&scan)));
        }
        if let Some(same) = fresh {
            scans.fresh.insert(path);
            scans.same_ids &= same;
        }
        scans.scanned.insert(path, scan);
    }
    cache.pages = kept;
    scans
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

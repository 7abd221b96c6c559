//! The link check's two derived values on the memo (`crate::memo`), kept between `serve`
//! rebuilds in a [`LinkCache`]:
//!
//! - a page's *scan* (its links and ids), by output path, with one read:
//!   [`LinkRead::Html`], the page's bytes by identity. The memo holds the bytes (`Arc`), so
//!   while it does their address names these bytes and no others: the same address is the
//!   same HTML, and a page the page memo reused is never scanned again.
//! - a page's *judgement* (its broken links), by output path, with two reads:
//!   [`LinkRead::Links`], the fingerprint of the page's links, and [`LinkRead::Site`], what
//!   any judgement reads of the rest of the site (the base URL, every output path, every
//!   page's ids).
//!
//! A cold check (`vestis build`, `check`) runs the same code with an empty cache that it does
//! not keep.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::judge::{Broken, Site};
use super::{LinkFacts, Output, PageLinks, scan};
use crate::memo::{Current, Entry, Fingerprint, Memo, Reads};

/// One read of a link-check value; the page is the one named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum LinkRead {
    /// The page's bytes, by identity.
    Html(String),
    /// The fingerprint of the page's links.
    Links(String),
    /// The base URL, every output path and every page's ids.
    Site,
}

/// A page's scan with the bytes it was made from and the fingerprints of its links and ids.
#[derive(Debug, Clone)]
pub(super) struct Scan {
    /// Held so that the bytes' address cannot name other bytes while the scan is kept.
    bytes: Option<Arc<Vec<u8>>>,
    pub(super) scanned: Arc<PageLinks>,
    /// Fingerprint of the links, in order.
    links: u64,
    /// Fingerprint of the ids (in any order).
    ids: u64,
}

/// The broken links of one page: `(href, what is wrong)`, in document order.
type Judgement = Vec<(String, Broken)>;

/// The scans and judgements of the previous check. Owned by whoever rebuilds (serve's loop)
/// and lent to each check as `&mut`: no locks.
#[derive(Default)]
pub struct LinkCache {
    pub(super) scans: Memo<String, LinkRead, Scan>,
    pub(super) judgements: Memo<String, LinkRead, Judgement>,
}

impl LinkCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }
}

/// What the link reads answer in this check.
struct Answers<'a> {
    output: &'a Output,
    /// This check's scans (answering [`LinkRead::Links`]).
    scans: &'a HashMap<&'a str, Scan>,
    /// The answer of [`LinkRead::Site`].
    site: u64,
}

impl Current<LinkRead> for Answers<'_> {
    fn answer(&self, read: &LinkRead) -> Fingerprint {
        match read {
            LinkRead::Html(path) => self.output.shared(path).map(|b| identity(&b)),
            LinkRead::Links(path) => self.scans.get(path.as_str()).map(|s| s.links),
            LinkRead::Site => Some(self.site),
        }
    }
}

/// The address of `bytes`, which names them while they are held.
fn identity(bytes: &Arc<Vec<u8>>) -> u64 {
    Arc::as_ptr(bytes) as usize as u64
}

/// The scan of every HTML page of `output` (deferred files are not made: none is HTML):
/// from `facts` for the pages a streamed build wrote, from `cache` for a page whose bytes are
/// the ones it scanned, else scanned now. With `keep`, what was scanned is stored in `cache`.
pub(super) fn scan_all<'a>(
    output: &'a Output,
    facts: Option<&LinkFacts>,
    cache: &mut LinkCache,
    keep: bool,
) -> HashMap<&'a str, Scan> {
    let paths: Vec<&str> = output.paths().filter(|p| p.ends_with(".html")).collect();
    let answers = Answers {
        output,
        scans: &HashMap::new(),
        site: 0,
    };
    let memo = &cache.scans;
    let found: Vec<(&str, Scan, Option<Reads<LinkRead>>)> = paths
        .par_iter()
        .map(|&path| {
            if let Some(kept) = memo.reuse(&path.to_string(), &answers) {
                return (path, kept.value.clone(), None);
            }
            let bytes = output.shared(path);
            let scanned = match facts.and_then(|f| f.get(path)) {
                Some(known) => known,
                None => Arc::new(scan::scan(output.get(path).unwrap_or_default())),
            };
            let mut reads = Reads::new();
            let answer = bytes.as_ref().map(identity);
            reads.note(LinkRead::Html(path.to_string()), answer);
            let (links, ids) = match keep {
                true => fingerprints(&scanned),
                false => (0, 0),
            };
            let scan = Scan {
                bytes,
                scanned,
                links,
                ids,
            };
            (path, scan, Some(reads))
        })
        .collect();
    let mut scans = HashMap::with_capacity(found.len());
    for (path, scan, reads) in found {
        // Pages without bytes of their own (written already) cannot be told apart later.
        if let Some(reads) = reads.filter(|_| keep && scan.bytes.is_some()) {
            let entry = Entry {
                fingerprint: scan.links,
                value: scan.clone(),
                reads,
            };
            cache.scans.store(path.to_string(), entry);
        }
        scans.insert(path, scan);
    }
    cache.scans.retain(|p| scans.contains_key(p.as_str()));
    scans
}

/// The broken links of every page, `(page, href, what is wrong)` in page then document
/// order: from `cache` for a page whose links and site read as before, else judged now.
pub(super) fn judge_all<'a>(
    site: &Site<'a>,
    scans: &'a HashMap<&'a str, Scan>,
    base_url: &str,
    cache: &mut LinkCache,
    keep: bool,
) -> Vec<(&'a str, String, Broken)> {
    let mut pages: Vec<&str> = scans.keys().copied().collect();
    pages.sort_unstable();
    let answers = Answers {
        output: site.output,
        scans,
        site: match keep {
            true => site_fingerprint(site, scans, base_url),
            false => 0,
        },
    };
    let memo = &cache.judgements;
    let judged: Vec<(&str, Result<&Judgement, Judgement>)> = pages
        .par_iter()
        .map_init(HashMap::new, |same_everywhere, &page| {
            let query = page.to_string();
            if keep && let Some(kept) = memo.reuse(&query, &answers) {
                return (page, Ok(&kept.value));
            }
            let judgement = site
                .judge_page(page, same_everywhere)
                .into_iter()
                .map(|(_, href, broken)| (href, broken))
                .collect();
            (page, Err(judgement))
        })
        .collect();
    let mut broken = Vec::new();
    let mut made = Vec::new();
    for (page, judgement) in judged {
        let list = match &judgement {
            Ok(kept) => *kept,
            Err(now) => now,
        };
        broken.extend(list.iter().map(|(h, b)| (page, h.clone(), b.clone())));
        if let Err(now) = judgement {
            made.push((page, now));
        }
    }
    if keep {
        for (page, judgement) in made {
            let mut reads = Reads::new();
            let links = LinkRead::Links(page.to_string());
            reads.note(links.clone(), answers.answer(&links));
            reads.note(LinkRead::Site, Some(answers.site));
            let entry = Entry {
                fingerprint: 0,
                value: judgement,
                reads,
            };
            cache.judgements.store(page.to_string(), entry);
        }
        cache.judgements.retain(|p| scans.contains_key(p.as_str()));
    }
    broken
}

/// The fingerprints of a scan's links (in order) and ids (in any order).
fn fingerprints(scanned: &PageLinks) -> (u64, u64) {
    let links = crate::memo::fingerprint(&scanned.links().collect::<Vec<_>>());
    let ids = scanned
        .ids()
        .map(crate::memo::fingerprint)
        .fold(0u64, u64::wrapping_add);
    (links, ids ^ scanned.ids().count() as u64)
}

/// What every judgement reads besides its own page's links: the base URL, every output path
/// and every page's ids.
fn site_fingerprint(site: &Site<'_>, scans: &HashMap<&str, Scan>, base_url: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    base_url.hash(&mut h);
    // In order (the output is sorted by path).
    for path in site.output.paths() {
        path.hash(&mut h);
    }
    let mut ids: Vec<(&str, u64)> = scans.iter().map(|(p, s)| (*p, s.ids)).collect();
    ids.sort_unstable();
    ids.hash(&mut h);
    h.finish()
}

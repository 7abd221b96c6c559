//! Judging the links of one page against the whole output: is the target a file of the site,
//! inside the base path, and does its `#fragment` name an element `id` of that page.
//!
//! Split from `links.rs`, which scans the pages, keeps the [`LinkCache`](super::LinkCache)
//! and hands the broken links to `links_report.rs`; this file only decides what is broken.
//! Pure and per link: hash lookups, no reading of the pages again.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use url::Url;

use super::PageLinks;
use crate::output::Output;

/// What is wrong with a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Broken {
    /// No such file: the URL path looked for.
    Missing(String),
    /// The page exists but has no such id: `(page path, id)`.
    Anchor(String, String),
    /// A root-relative URL that leaves the site's base path.
    OutsideBase(String),
    /// An `@/<collection>/<id>` link that names no published record (left as written).
    Unresolved,
}

impl Broken {
    /// What the link points at, to report each broken (source, target) pair once.
    pub(super) fn target_key(&self) -> String {
        match self {
            Broken::Missing(p) | Broken::OutsideBase(p) => p.clone(),
            Broken::Unresolved => String::new(),
            Broken::Anchor(p, id) => format!("{p}#{id}"),
        }
    }
}

/// The site the links are judged against.
pub(super) struct Site<'a> {
    pub(super) output: &'a Output,
    /// Every output path, for constant-time lookups per link.
    pub(super) files: HashSet<&'a str>,
    pub(super) scanned: &'a HashMap<&'a str, Arc<PageLinks>>,
    pub(super) base: &'a Url,
}

impl<'a> Site<'a> {
    /// The broken links of one page, in document order. `memo` keeps the judgement of links
    /// that mean the same on every page (root-relative `/lv/…`: menus, styles), per thread.
    pub(super) fn judge_page(
        &self,
        page: &'a str,
        memo: &mut HashMap<&'a str, Option<Broken>>,
    ) -> Vec<(&'a str, String, Broken)> {
        let Ok(page_url) = self.base.join(page) else {
            return Vec::new();
        };
        let scanned: &'a HashMap<&'a str, Arc<PageLinks>> = self.scanned;
        let mut broken = Vec::new();
        for href in scanned[page].links() {
            let judged = match plain_root_relative(href) {
                Some(_) => memo
                    .entry(href)
                    .or_insert_with(|| self.judge(&page_url, href))
                    .clone(),
                None => self.judge(&page_url, href),
            };
            if let Some(b) = judged {
                broken.push((page, href.to_string(), b));
            }
        }
        broken
    }

    /// Whether `href` on the page at `page_url` is a broken internal link; `None` when it
    /// works or is not internal (another host or scheme, `mailto:`, `#` alone, empty).
    fn judge(&self, page_url: &Url, href: &str) -> Option<Broken> {
        if href.is_empty() || href == "#" {
            return None;
        }
        if href.starts_with("@/") {
            return Some(Broken::Unresolved);
        }
        let base = self.base;
        let (path, fragment) = match plain_root_relative(href) {
            Some((path, fragment)) => (path.to_string(), fragment.to_string()),
            None => {
                let target = page_url.join(href).ok()?;
                if target.scheme() != base.scheme()
                    || target.host_str() != base.host_str()
                    || target.port_or_known_default() != base.port_or_known_default()
                {
                    return None;
                }
                let fragment = target.fragment().unwrap_or("").to_string();
                (target.path().to_string(), fragment)
            }
        };
        let Some(rel) = path.strip_prefix(base.path()) else {
            return Some(Broken::OutsideBase(path));
        };
        let rel = percent_decode(rel);
        // `/x/` is `x/index.html`; `/x` is the file `x`, or the folder when servers redirect.
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else if self.files.contains(rel.as_str()) {
            rel
        } else {
            format!("{rel}/index.html")
        };
        if !self.files.contains(file.as_str()) {
            return Some(Broken::Missing(percent_decode(&path)));
        }
        let fragment = percent_decode(&fragment);
        match self.scanned.get(file.as_str()) {
            Some(page) if !fragment.is_empty() && !page.has_id(&fragment) => {
                Some(Broken::Anchor(file, fragment))
            }
            _ => None,
        }
    }
}

/// `(path, fragment)` of a root-relative link that resolves to itself (`/lv/x/`,
/// `/style.css?h=1`, `/lv/#top`): only URL-safe characters, no `.` or `..` segment, so the URL
/// parser would give back the same path and fragment (the query is not looked at). Most links
/// of a page are like this; the others go through [`Url::join`].
pub(super) fn plain_root_relative(href: &str) -> Option<(&str, &str)> {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~');
    let rest = href.strip_prefix('/')?;
    if rest.starts_with('/') {
        return None;
    }
    let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let segments_plain = path
        .split('/')
        .all(|seg| seg != "." && seg != ".." && seg.chars().all(plain));
    let query_plain = query.chars().all(|c| c.is_ascii_graphic() && c != '#');
    (segments_plain && query_plain && fragment.chars().all(plain))
        .then(|| (&href[..1 + path.len()], fragment))
}

/// `%C4%93` → `ē`; malformed escapes are kept as they are.
pub(super) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

//! Memoised rendering for rebuilds (`vestis serve`): a page is rendered again only when a hash
//! of everything it can read changed — its template variables, the theme and messages (the
//! "environment"), and, for pages that called `records()` when they were last rendered (noted
//! while they render, see `Budget::note_records`), every collection's records.
//!
//! The cache only skips work: a page rendered from the cache is byte-identical to a fresh
//! render because every input of the render is in its fingerprint.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use tera::Value;

use crate::config::Config;
use crate::source_file::Purpose;

/// The pages of one build: output path → (fingerprint, what `records()` answered when the
/// page called it, HTML).
pub(super) type Pages = HashMap<String, (u64, Option<u64>, Arc<Vec<u8>>)>;

/// What earlier renders made, for memoised rebuilds (`vestis serve`).
#[derive(Default)]
pub struct RenderCache {
    pub(super) pages: PageCache,
    pub(super) previous: super::page_reuse::PreviousPages,
    pub(super) views: super::view_cache::ViewCache,
}

impl RenderCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Rendered pages of the previous build, by output path. Owned by the [`super::RenderCache`]
/// a rebuild is lent as `&mut`: no locks.
#[derive(Default)]
pub struct PageCache {
    pub(super) pages: Pages,
}

impl PageCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the pages of this build (and so forgets those it did not produce).
    pub(super) fn replace<'a>(
        &mut self,
        pages: impl Iterator<Item = &'a super::page_reuse::Entry>,
    ) {
        self.pages = pages
            .map(|e| {
                (
                    e.path.clone(),
                    (e.fingerprint, e.records, Arc::clone(&e.html)),
                )
            })
            .collect();
    }

    /// Updates the pages this build made anew (the others are as they were).
    pub(super) fn update<'a>(&mut self, pages: impl Iterator<Item = &'a super::page_reuse::Entry>) {
        for e in pages {
            self.pages.insert(
                e.path.clone(),
                (e.fingerprint, e.records, Arc::clone(&e.html)),
            );
        }
    }
}

/// The page at `path` in `pages` (and what `records()` answered it) if it was rendered with
/// the same fingerprint and, when it called `records()`, with the same records (`records`).
pub(super) fn cached_page(
    pages: &Pages,
    path: &str,
    fingerprint: u64,
    records: u64,
) -> Option<(Arc<Vec<u8>>, Option<u64>)> {
    pages
        .get(path)
        .filter(|(f, read, _)| *f == fingerprint && read.is_none_or(|r| r == records))
        .map(|(_, read, html)| (html.clone(), *read))
}

/// Feeds a tera value into a hasher: kind, content and whether it is marked safe.
pub fn hash_value(value: &Value, h: &mut impl Hasher) {
    value.is_safe().hash(h);
    if let Some(map) = value.as_map() {
        1u8.hash(h);
        map.len().hash(h);
        for (k, v) in map {
            k.as_str().hash(h);
            hash_value(v, h);
        }
    } else if let Some(items) = value.as_array() {
        2u8.hash(h);
        items.len().hash(h);
        items.iter().for_each(|v| hash_value(v, h));
    } else if let Some(s) = value.as_str() {
        3u8.hash(h);
        s.hash(h);
    } else if let Some(b) = value.as_bool() {
        4u8.hash(h);
        b.hash(h);
    } else if let Some(i) = value.as_i128() {
        5u8.hash(h);
        i.hash(h);
    } else if let Some(f) = value.as_f64() {
        6u8.hash(h);
        f.to_bits().hash(h);
    } else {
        7u8.hash(h);
        value.is_none().hash(h);
    }
}

/// The hash of one tera value (see [`hash_value`]).
pub fn value_hash(value: &Value) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    hash_value(value, &mut h);
    h.finish()
}

/// Hash of everything a page or view reads besides the records: the configuration (site.yaml
/// and the URLs the build uses) and every template and `.ftl` file of the theme and the site.
/// `None` when one of them cannot be read: then nothing can be reused (the stage that reads
/// the file reports why).
pub fn environment_hash(config: &Config) -> Option<u64> {
    let (files, theme_dir) = (&config.files, &config.theme_dir());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    files
        .read_source(Path::new(crate::config::CONFIG_FILE))
        .ok()?
        .hash(&mut h);
    (&config.base_url, &config.base_path).hash(&mut h);
    for dir in [
        theme_dir.join("templates"),
        theme_dir.join("locales"),
        files.root().join("locales"),
    ] {
        // What the policy refuses is reported by the stage that reads it, not here.
        let mut ignored = crate::diagnostics::Diagnostics::new();
        for file in files.walk(&dir, Purpose::Source, &mut ignored) {
            file.path.hash(&mut h);
            files.read_source(&file.path).ok()?.hash(&mut h);
        }
    }
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_page_that_called_records_needs_the_same_records() {
        let html = Arc::new(b"<p>x</p>".to_vec());
        let mut pages = Pages::new();
        pages.insert("a.html".into(), (1, Some(7), html.clone()));
        pages.insert("b.html".into(), (1, None, html.clone()));
        assert!(cached_page(&pages, "a.html", 1, 7).is_some_and(|(_, r)| r == Some(7)));
        assert!(cached_page(&pages, "a.html", 1, 8).is_none());
        assert!(cached_page(&pages, "a.html", 2, 7).is_none());
        assert!(cached_page(&pages, "b.html", 1, 8).is_some_and(|(_, r)| r.is_none()));
        assert!(cached_page(&pages, "c.html", 1, 7).is_none());
    }

    #[test]
    fn value_hashes_differ_by_content_and_safety() {
        let hash = |v: &Value| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            hash_value(v, &mut h);
            h.finish()
        };
        assert_ne!(hash(&Value::from("a")), hash(&Value::from("b")));
        assert_ne!(hash(&Value::from("a")), hash(&Value::safe_string("a")));
        assert_eq!(
            hash(&Value::from(vec![1, 2])),
            hash(&Value::from(vec![1, 2]))
        );
        assert_ne!(hash(&Value::from(1)), hash(&Value::from(1.0)));
    }
}

//! Memoised record views for rebuilds (`vestis serve`): a record's template values in one
//! language are built again only when something they are made of changed.
//!
//! A view is made of its record (its `version`), the record's place in every language (output
//! paths, which text is shown), the theme's messages (enum labels) and, of other records, only
//! their stubs: the refs it shows and the `@/` links of its body. Each cached view keeps the
//! list of those other records, so checking it costs a few hash lookups, not a rebuild.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use tera::Value;

use super::context::{MissingLabel, RecordViews, ViewBuilder};
use super::view_reuse::{Indexed, IndexedViews};

/// One record's views in one language, as an earlier build made them.
#[derive(Clone)]
pub(super) struct CachedView {
    /// The record's own inputs (version, its stub and path, paths, texts shown, environment).
    pub own_key: u64,
    /// The other records the summary looked up while it was made: `(collection, id)`.
    pub reads: Vec<(String, String)>,
    /// `own_key` combined with what `reads` were (stub and path) when it was made.
    pub key: u64,
    /// The summary.
    pub summary: Value,
    /// Hash of the summary's content: what pages showing it are fingerprinted by (a view
    /// rebuilt because its record changed in another language keeps its content hash).
    pub content: u64,
    /// Enum labels it lacked (errors of that build).
    pub missing: Vec<MissingLabel>,
}

/// Views of earlier builds, by record and language. Owned by the [`super::RenderCache`] a
/// rebuild is lent as `&mut`: no locks.
#[derive(Default)]
pub struct ViewCache {
    pub(super) views: HashMap<u64, CachedView>,
    /// The previous build's views by record index, for the fast path.
    pub(super) previous: super::view_reuse::PreviousViews,
}

impl ViewCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores the views made in this build and forgets those of records of `lang` that are
    /// gone (`present`: identities of this build's records in `lang`).
    pub(super) fn update(
        &mut self,
        lang_prefix: u64,
        made: Vec<(u64, CachedView)>,
        present: &HashSet<u64>,
    ) {
        self.views
            .retain(|id, _| present.contains(id) || !belongs_to(*id, lang_prefix));
        self.views.extend(made);
    }
}

/// Memoisation inputs for building views.
pub struct ViewMemo<'a> {
    /// Views of earlier builds.
    pub cache: &'a mut ViewCache,
    /// Hash of everything views read besides records: theme messages, configuration.
    pub environment: u64,
    /// Hash of the site's structure: its records, their URLs in every language and the texts
    /// they show (with the environment). Views made in the same structure are checked by
    /// record versions alone (see `render::view_reuse`).
    pub structure: u64,
}

impl ViewBuilder<'_> {
    /// Stub and summary views of every record in `lang` (`None` for records absent there).
    /// With `memo`, views whose inputs did not change come from the cache.
    pub fn views(
        &self,
        lang: &str,
        missing: &mut Vec<MissingLabel>,
        memo: Option<&mut ViewMemo<'_>>,
    ) -> Vec<Option<RecordViews>> {
        match memo {
            Some(memo) => self.views_memoised(lang, missing, memo),
            None => self.views_fresh(lang, missing),
        }
    }

    /// Like [`Self::views_fresh`], taking every view whose inputs are unchanged from the
    /// cache and storing the others in it.
    fn views_memoised(
        &self,
        lang: &str,
        missing: &mut Vec<MissingLabel>,
        memo: &mut ViewMemo<'_>,
    ) -> Vec<Option<RecordViews>> {
        if let Some(previous) = memo.cache.previous.take(lang, memo.structure) {
            let (views, keep) = self.views_from_previous(lang, previous, missing);
            memo.cache.previous.keep(lang, keep);
            return views;
        }
        let count = self.site.records.len();
        let records = &self.site.records;
        let paths = &self.site.views[lang].paths;
        let all_paths: Vec<(&str, &[Option<String>])> = self
            .site
            .views
            .iter()
            .map(|(l, v)| (l.as_str(), v.paths.as_slice()))
            .collect();
        let ids: Vec<u64> = (0..count)
            .into_par_iter()
            .map(|i| identity(&records[i].collection, &records[i].id, lang))
            .collect();
        // Stubs are cheap: made anew every time, and compared by value (early cutoff). What
        // another record's summary reads of record `t` is its stub and its path.
        let stubs: Vec<Option<Value>> = (0..count)
            .into_par_iter()
            .map(|i| self.stub(i, lang))
            .collect();
        let read_keys: Vec<u64> = (0..count)
            .into_par_iter()
            .map(|i| {
                let stub = stubs[i].as_ref().map(super::memo::value_hash);
                hash_of(&(stub, paths[i].as_deref()))
            })
            .collect();
        // Per record: its views, the labels they lack, the cache entry when made anew, and the
        // records it depends on (for the fast path of the next build).
        type Made = (
            RecordViews,
            Vec<MissingLabel>,
            Option<CachedView>,
            Vec<(usize, u64)>,
        );
        let cached = &memo.cache.views;
        let made: Vec<Option<Made>> = (0..count)
            .into_par_iter()
            .map(|i| {
                let stub = stubs[i].clone()?;
                let own_key = self.own_key(i, lang, &all_paths, read_keys[i], memo.environment);
                let reads_now = |reads: &[(String, String)]| {
                    let keys = reads
                        .iter()
                        .map(|(c, id)| self.site.find(c, id).map(|t| read_keys[t]));
                    combined_key(own_key, keys)
                };
                if let Some(c) = cached.get(&ids[i])
                    && c.own_key == own_key
                    && reads_now(&c.reads) == c.key
                {
                    let views = RecordViews {
                        stub,
                        summary: c.summary.clone(),
                        hash: c.content,
                    };
                    let deps = self.dependency_versions(&c.reads);
                    return Some((views, c.missing.clone(), None, deps));
                }
                let mut labels = Vec::new();
                let mut reads = Vec::new();
                let summary = self.summary(i, lang, &stubs, &mut labels, &mut reads)?;
                let key = reads_now(&reads);
                let dep_versions = self.dependency_versions(&reads);
                let content = super::memo::value_hash(&summary);
                let views = RecordViews {
                    stub,
                    summary: summary.clone(),
                    hash: content,
                };
                let entry = CachedView {
                    own_key,
                    reads,
                    key,
                    summary,
                    content,
                    missing: labels.clone(),
                };
                Some((views, labels, Some(entry), dep_versions))
            })
            .collect();
        let mut fresh = Vec::new();
        let mut indexed = Vec::with_capacity(count);
        let views = made
            .into_iter()
            .enumerate()
            .map(|(i, made)| {
                let Some((views, labels, entry, deps)) = made else {
                    indexed.push(None);
                    return None;
                };
                missing.extend(labels.iter().cloned());
                if let Some(entry) = entry {
                    fresh.push((ids[i], entry));
                }
                indexed.push(Some(Indexed {
                    version: records[i].version,
                    deps,
                    views: views.clone(),
                    missing: labels,
                }));
                Some(views)
            })
            .collect();
        let keep = IndexedViews {
            structure: memo.structure,
            views: indexed,
        };
        memo.cache.previous.keep(lang, keep);
        let present: HashSet<u64> = ids.into_iter().collect();
        memo.cache.update(language_prefix(lang), fresh, &present);
        views
    }

    /// The explicit inputs of record `i`'s summary in `lang` (what it reads of other records
    /// is recorded while it is made): the record itself (its version), its own stub and path
    /// (`read_key`), where it is and which text it shows in every language, the environment.
    /// `all_paths`: every language's output folders.
    fn own_key(
        &self,
        i: usize,
        lang: &str,
        all_paths: &[(&str, &[Option<String>])],
        read_key: u64,
        environment: u64,
    ) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (environment, self.site.records[i].version, read_key, lang).hash(&mut h);
        for (code, paths) in all_paths {
            let text = self.site.text_in(i, code).map(|(t, u)| (&t.lang, u));
            (code, paths[i].as_deref(), text).hash(&mut h);
        }
        h.finish()
    }
}

/// The cache identity of record `(collection, id)` in `lang`. The top 16 bits name the
/// language, so that pruning one language's views leaves the others alone.
pub(super) fn identity(collection: &str, id: &str, lang: &str) -> u64 {
    (language_prefix(lang) << 48) | (hash_of(&(collection, id)) & 0xFFFF_FFFF_FFFF)
}

/// The top bits of the identities of `lang`'s views.
pub(super) fn language_prefix(lang: &str) -> u64 {
    hash_of(&lang) & 0xFFFF
}

fn belongs_to(identity: u64, prefix: u64) -> bool {
    identity >> 48 == prefix
}

/// A hash of anything hashable.
pub(super) fn hash_of(value: &impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Combines a view's own key with the stub keys its dependencies have now.
pub(super) fn combined_key(own_key: u64, dep_stub_keys: impl Iterator<Item = Option<u64>>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    own_key.hash(&mut h);
    for key in dep_stub_keys {
        key.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_differ_by_language_and_keep_the_language_in_the_top_bits() {
        let lv = identity("events", "a", "lv");
        let ru = identity("events", "a", "ru");
        assert_ne!(lv, ru);
        assert!(belongs_to(lv, language_prefix("lv")));
        assert!(!belongs_to(ru, language_prefix("lv")));
    }
}

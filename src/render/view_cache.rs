//! Memoised record views for rebuilds (`vestis serve`): a record's template values in one
//! language are built again only when something they are made of changed.
//!
//! A view is made of its record (its `version`), the record's place in every language (output
//! paths, which text is shown), the theme's messages (enum labels) and, of other records, only
//! their stubs: the refs it shows and the `@/` links of its body. Each cached view keeps the
//! list of those other records, so checking it costs a few hash lookups, not a rebuild.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use tera::Value;

use super::context::MissingLabel;

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

//! The hash map of hot inner loops whose keys are the site's own short strings (a text's
//! words): `rustc-hash`'s Fx hash, several times faster than the standard map's SipHash on
//! short keys. The keys are never chosen by a remote party (only by whoever writes the site),
//! so SipHash's resistance to crafted collisions buys nothing there. This module is the
//! crate's only home of `rustc-hash`.

/// A `HashMap` with the Fx hash.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A hasher of the same Fx hash, for a fingerprint of the site's own text (the translation
/// report's "is it the same text", with the text's length and beginning).
pub fn fast_hasher() -> rustc_hash::FxHasher {
    rustc_hash::FxHasher::default()
}

/// An empty [`FastMap`] with room for `capacity` entries.
pub fn map_with_capacity<K, V>(capacity: usize) -> FastMap<K, V> {
    FastMap::with_capacity_and_hasher(capacity, rustc_hash::FxBuildHasher)
}

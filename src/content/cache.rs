//! Memoised record reading for rebuilds: a record is read and checked again only when one of
//! its files (`.yaml`, `.md`, its folder's entries) or the configuration changed. Fingerprints
//! use file metadata (length and modification time), like `make`, so an unchanged record costs
//! a few `stat` calls.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::config::Config;

use super::record::{self, Built};
use super::walk::RecordFiles;

/// A record's fingerprint and what reading it gave.
type Entry = (u64, Arc<Built>);

/// What previous builds read, by `(collection, id)`.
#[derive(Default)]
pub struct RecordCache {
    records: Mutex<HashMap<(String, String), Entry>>,
}

impl RecordCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The record read from `files`: from the cache when nothing it depends on changed.
    /// Returns whether it had to be read.
    pub(super) fn build(
        &self,
        config: &Config,
        config_hash: u64,
        files: &RecordFiles,
    ) -> (Arc<Built>, bool) {
        let fingerprint = fingerprint(config, config_hash, files);
        let key = (files.collection.clone(), files.id.clone());
        if let Some(built) = self.records.lock().ok().and_then(|m| {
            m.get(&key)
                .filter(|(f, _)| *f == fingerprint)
                .map(|(_, b)| Arc::clone(b))
        }) {
            return (built, false);
        }
        let built = Arc::new(record::build(config, files, fingerprint));
        if let Ok(mut m) = self.records.lock() {
            m.insert(key, (fingerprint, Arc::clone(&built)));
        }
        (built, true)
    }
}

/// Hash of the configuration: `site.yaml`'s text and the list of `static/` files (file
/// fields may point there).
pub(super) fn config_hash(config: &Config) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::read(config.root.join(crate::config::CONFIG_FILE))
        .unwrap_or_default()
        .hash(&mut h);
    hash_tree_metadata(&config.root.join("static"), &mut h);
    h.finish()
}

fn fingerprint(config: &Config, config_hash: u64, files: &RecordFiles) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    config_hash.hash(&mut h);
    let texts = files.texts.iter().map(|(_, p)| p);
    for path in files.yaml.iter().chain(texts) {
        path.hash(&mut h);
        hash_metadata(&config.root.join(path), &mut h);
    }
    let folder = config
        .root
        .join("content")
        .join(&files.collection)
        .join(&files.id);
    hash_tree_metadata(&folder, &mut h);
    h.finish()
}

fn hash_metadata(path: &Path, h: &mut impl Hasher) {
    match std::fs::metadata(path) {
        Ok(meta) => {
            meta.len().hash(h);
            meta.modified().ok().hash(h);
        }
        Err(_) => 0u8.hash(h),
    }
}

fn hash_tree_metadata(dir: &Path, h: &mut impl Hasher) {
    if !dir.is_dir() {
        return;
    }
    let mut entries: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .collect();
    entries.sort();
    for path in entries {
        path.hash(h);
        hash_metadata(&path, h);
    }
}

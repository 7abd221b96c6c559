//! Memoised record reading for rebuilds: a record is read and checked again only when one of
//! its files (`.yaml`, `.md`, its folder's entries) or the configuration changed.
//!
//! Two ways to tell: without a hint, every record's fingerprint is taken from file metadata
//! (length and modification time), like `make`, so an unchanged record costs a few `stat`
//! calls and discovery lists every folder again. Told which files changed (by `vestis
//! serve`'s watcher, see [`Changes`]), a load reuses the last discovery and reads only the
//! records those files belong to; it falls back to the first way whenever the hint cannot be
//! followed or the configuration hash changed.

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::source_file::{Purpose, SiteFiles};
use crate::timing::Phases;

use super::changes::Changes;
use super::facts::Facts;
use super::record::{self, Built};
use super::walk::{self, RecordFiles};

/// A record's fingerprint and what reading it gave.
type Entry = (u64, Arc<Built>);

/// What previous builds read, by `(collection, id)`, and what the last one found.
#[derive(Default)]
pub struct RecordCache {
    records: Mutex<HashMap<(String, String), Entry>>,
    last: Mutex<Option<Last>>,
    /// What changed since the last load, as told; `None` when nothing was told (unknown).
    pending: Mutex<Option<Changes>>,
}

/// The last load's discovery and records, for a load told what changed since.
struct Last {
    config_hash: u64,
    files: Vec<RecordFiles>,
    /// What discovery reported.
    diagnostics: Diagnostics,
    /// Per entry of `files`.
    built: Vec<Arc<Built>>,
    /// Per entry of `files`: the facts of its record.
    facts: Vec<Option<Arc<Facts>>>,
}

/// The records of one load, read from disk or reused.
pub(super) struct Read {
    /// Per record found, in discovery order (collection, then id): what building it gave.
    pub built: Vec<Arc<Built>>,
    /// Per entry of `built`: the facts of its record.
    pub facts: Vec<Option<Arc<Facts>>>,
    /// How many of them were read from disk.
    pub read: usize,
    /// What discovery reported.
    pub diagnostics: Diagnostics,
}

impl Read {
    /// Discovers and reads every record, without a cache.
    pub(super) fn all(config: &Config, phases: &mut Phases) -> Read {
        let (files, diagnostics) = walk::discover(config);
        phases.mark("discover");
        let built: Vec<Arc<Built>> = files
            .par_iter()
            .map(|f| Arc::new(record::build(config, f, 0)))
            .collect();
        Read {
            read: built.len(),
            facts: facts_of(config, &built),
            built,
            diagnostics,
        }
    }
}

impl RecordCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Tells the cache which source files changed since the last load, as a file watcher saw
    /// them: the next load then reads only the records they belong to. Changes told before
    /// one load add up; a load that was told nothing, or [`Changes::unknown`], looks at every
    /// file.
    pub fn changed(&self, changes: Changes) {
        lock(&self.pending)
            .get_or_insert_with(Changes::none)
            .merge(changes);
    }

    /// The records of the site: reused where nothing they depend on changed.
    pub(super) fn read(&self, config: &Config, phases: &mut Phases) -> Read {
        let changes = lock(&self.pending).take().unwrap_or_default();
        let config_hash = config_hash(config);
        let mut last = lock(&self.last);
        if let Some(read) = last
            .as_mut()
            .filter(|l| l.config_hash == config_hash)
            .and_then(|l| self.read_changed(config, &changes, l))
        {
            phases.mark("discover");
            return read;
        }
        let (files, diagnostics) = walk::discover(config);
        phases.mark("discover");
        let built: Vec<(Arc<Built>, bool)> = files
            .par_iter()
            .map(|f| self.build(config, config_hash, f))
            .collect();
        let read = built.iter().filter(|(_, read)| *read).count();
        let built: Vec<Arc<Built>> = built.into_iter().map(|(b, _)| b).collect();
        let read = Read {
            read,
            facts: facts_of(config, &built),
            built,
            diagnostics,
        };
        *last = Some(Last {
            config_hash,
            files,
            diagnostics: read.diagnostics.clone(),
            built: read.built.clone(),
            facts: read.facts.clone(),
        });
        read
    }

    /// The last load's records, with those `changes` belong to read again; `None` when the
    /// changes cannot be followed.
    fn read_changed(&self, config: &Config, changes: &Changes, last: &mut Last) -> Option<Read> {
        let stale: BTreeSet<usize> = changes.records_to_read(&config.root, &last.files)?;
        let fresh: Vec<(usize, Arc<Built>)> = stale
            .par_iter()
            .map(|&i| (i, self.reread(config, last.config_hash, &last.files[i])))
            .collect();
        for (i, built) in fresh {
            last.facts[i] = Facts::of(config, &built);
            last.built[i] = built;
        }
        Some(Read {
            built: last.built.clone(),
            facts: last.facts.clone(),
            read: stale.len(),
            diagnostics: last.diagnostics.clone(),
        })
    }

    /// The record read from `files`: from the cache when nothing it depends on changed.
    /// Returns whether it had to be read.
    fn build(&self, config: &Config, config_hash: u64, files: &RecordFiles) -> (Arc<Built>, bool) {
        let fingerprint = fingerprint(config, config_hash, files);
        let key = (files.collection.clone(), files.id.clone());
        if let Some(built) = lock(&self.records)
            .get(&key)
            .filter(|(f, _)| *f == fingerprint)
            .map(|(_, b)| Arc::clone(b))
        {
            return (built, false);
        }
        let built = Arc::new(record::build(config, files, fingerprint));
        lock(&self.records).insert(key, (fingerprint, Arc::clone(&built)));
        (built, true)
    }

    /// The record read from `files` again, whatever its fingerprint: one of its files was
    /// saved. Its version changes even when the fingerprint does not (a save within the file
    /// system's time resolution that kept the length).
    fn reread(&self, config: &Config, config_hash: u64, files: &RecordFiles) -> Arc<Built> {
        let fingerprint = fingerprint(config, config_hash, files);
        let key = (files.collection.clone(), files.id.clone());
        let same = lock(&self.records)
            .get(&key)
            .filter(|(f, _)| *f == fingerprint)
            .and_then(|(_, b)| b.record.as_ref().map(|r| r.version));
        let version = same.map_or(fingerprint, next_version);
        let built = Arc::new(record::build(config, files, version));
        lock(&self.records).insert(key, (fingerprint, Arc::clone(&built)));
        built
    }
}

/// The facts of every record read, worked out in parallel.
fn facts_of(config: &Config, built: &[Arc<Built>]) -> Vec<Option<Arc<Facts>>> {
    built.par_iter().map(|b| Facts::of(config, b)).collect()
}

/// A version that differs from `version`.
fn next_version(version: u64) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (version, "saved again").hash(&mut h);
    h.finish()
}

/// Locks a mutex, also after a panic elsewhere (entries are replaced whole, never half-made).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Hash of the configuration: `site.yaml`'s text and the list of `static/` files (file
/// fields may point there: a record depends on which files exist, not on what they hold, so
/// editing a stylesheet reads no record again).
pub(super) fn config_hash(config: &Config) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // Unreadable is hashed as empty: loading reports it.
    let files = &config.files;
    files
        .read_source(Path::new(crate::config::CONFIG_FILE))
        .unwrap_or_default()
        .hash(&mut h);
    hash_tree_names(files, &files.root().join("static"), &mut h);
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

/// The files under `dir`, as the static copy lists them (under the link policy).
fn hash_tree_names(files: &SiteFiles, dir: &Path, h: &mut impl Hasher) {
    // What the policy refuses is reported by the static copy, not here.
    let mut ignored = crate::diagnostics::Diagnostics::new();
    for file in files.walk(dir, Purpose::Publish, &mut ignored) {
        file.path.hash(h);
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

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
use std::sync::Arc;

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

/// What previous builds read, by `(collection, id)`, and what the last one found. Owned by
/// whoever rebuilds (serve's loop) and lent to each load as `&mut`: no locks.
#[derive(Default)]
pub struct RecordCache {
    records: HashMap<(String, String), Entry>,
    last: Option<Last>,
    /// What changed since the last load, as told; `None` when nothing was told (unknown).
    pending: Option<Changes>,
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

/// One record as a load found it: reused from the cache, or read now (then it goes into the
/// cache under its key and fingerprint).
struct Found {
    built: Arc<Built>,
    fresh: Option<((String, String), u64)>,
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
    pub fn changed(&mut self, changes: Changes) {
        self.pending
            .get_or_insert_with(Changes::none)
            .merge(changes);
    }

    /// The records of the site: reused where nothing they depend on changed. When
    /// `site.yaml` cannot be read for its hash (it was just read, so it changed under us),
    /// nothing is reused and the cache starts over.
    pub(super) fn read(&mut self, config: &Config, phases: &mut Phases) -> Read {
        let changes = self.pending.take().unwrap_or_else(Changes::unknown);
        let Some(config_hash) = config_hash(config) else {
            *self = RecordCache::new();
            return Read::all(config, phases);
        };
        if let Some(last) = self.last.as_mut().filter(|l| l.config_hash == config_hash)
            && let Some(read) = read_changed(&mut self.records, config, &changes, last)
        {
            phases.mark("discover");
            return read;
        }
        let (files, diagnostics) = walk::discover(config);
        phases.mark("discover");
        let records = &self.records;
        let found: Vec<Found> = files
            .par_iter()
            .map(|f| build(records, config, config_hash, f))
            .collect();
        let mut read = 0;
        let mut built = Vec::with_capacity(found.len());
        for Found { built: b, fresh } in found {
            if let Some((key, fingerprint)) = fresh {
                read += 1;
                self.records.insert(key, (fingerprint, Arc::clone(&b)));
            }
            built.push(b);
        }
        let read = Read {
            read,
            facts: facts_of(config, &built),
            built,
            diagnostics,
        };
        self.last = Some(Last {
            config_hash,
            files,
            diagnostics: read.diagnostics.clone(),
            built: read.built.clone(),
            facts: read.facts.clone(),
        });
        read
    }
}

/// The last load's records, with those `changes` belong to read again; `None` when the
/// changes cannot be followed.
fn read_changed(
    records: &mut HashMap<(String, String), Entry>,
    config: &Config,
    changes: &Changes,
    last: &mut Last,
) -> Option<Read> {
    let stale: BTreeSet<usize> = changes.records_to_read(&config.root, &last.files)?;
    let fresh: Vec<(usize, Arc<Built>, u64)> = stale
        .par_iter()
        .map(|&i| {
            let (built, fingerprint) = reread(records, config, last.config_hash, &last.files[i]);
            (i, built, fingerprint)
        })
        .collect();
    for (i, built, fingerprint) in fresh {
        let files = &last.files[i];
        let key = (files.collection.clone(), files.id.clone());
        records.insert(key, (fingerprint, Arc::clone(&built)));
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

/// The record read from `files`: from `records` when nothing it depends on changed.
fn build(
    records: &HashMap<(String, String), Entry>,
    config: &Config,
    config_hash: u64,
    files: &RecordFiles,
) -> Found {
    let fingerprint = fingerprint(config, config_hash, files);
    let key = (files.collection.clone(), files.id.clone());
    if let Some((_, built)) = records.get(&key).filter(|(f, _)| *f == fingerprint) {
        return Found {
            built: Arc::clone(built),
            fresh: None,
        };
    }
    Found {
        built: Arc::new(record::build(config, files, fingerprint)),
        fresh: Some((key, fingerprint)),
    }
}

/// The record read from `files` again, whatever its fingerprint: one of its files was
/// saved. Its version changes even when the fingerprint does not (a save within the file
/// system's time resolution that kept the length). Returns it with its fingerprint.
fn reread(
    records: &HashMap<(String, String), Entry>,
    config: &Config,
    config_hash: u64,
    files: &RecordFiles,
) -> (Arc<Built>, u64) {
    let fingerprint = fingerprint(config, config_hash, files);
    let key = (files.collection.clone(), files.id.clone());
    let same = records
        .get(&key)
        .filter(|(f, _)| *f == fingerprint)
        .and_then(|(_, b)| b.record.as_ref().map(|r| r.version));
    let version = same.map_or(fingerprint, next_version);
    (Arc::new(record::build(config, files, version)), fingerprint)
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

/// Hash of the configuration: `site.yaml`'s text and the list of `static/` files (file
/// fields may point there: a record depends on which files exist, not on what they hold, so
/// editing a stylesheet reads no record again). `None` when site.yaml cannot be read.
pub(super) fn config_hash(config: &Config) -> Option<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let files = &config.files;
    files
        .read_source(Path::new(crate::config::CONFIG_FILE))
        .ok()?
        .hash(&mut h);
    hash_tree_names(files, &files.root().join("static"), &mut h);
    Some(h.finish())
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

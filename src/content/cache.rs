//! Reading a record is a derived value of the memo (`crate::memo`): one query per record's
//! files, computed by [`record::build`], which notes every file it reads as it reads it (see
//! `record_inputs`, the input layer). A stored record is reused when every read it recorded
//! answers the same now; there is no second function that guesses what a record depends on.
//!
//! Which records to look at comes two ways, the two ways the issue names for record files.
//! Without a hint, discovery lists every folder again and every record's reads are asked
//! ([`Disk`]: a few `stat` calls for an unchanged record). Told which files changed (by
//! `vestis serve`'s watcher, see [`Changes`]), a load reuses the last discovery and reads
//! again exactly the records those files belong to; it falls back to the first way whenever
//! the hint cannot be followed or `site.yaml` (with the names under `static/`) changed.
//!
//! A cold build (`vestis build`, `check`) is a load with an empty memo.

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::memo::{Entry, Fingerprint, Memo, Outcome, Reads};
use crate::timing::Phases;

use super::changes::Changes;
use super::facts::Facts;
use super::record::{self, Built};
use super::record_inputs::{Disk, RecordRead};
use super::walk::{self, RecordFiles};

/// The memo of records read: by the record's files as discovery found them (a file added,
/// removed or renamed makes another query).
type RecordMemo = Memo<RecordFiles, RecordRead, Arc<Built>>;

/// What previous builds read and what the last one found. Owned by whoever rebuilds (serve's
/// loop) and lent to each load as `&mut`: no locks.
#[derive(Default)]
pub struct RecordCache {
    memo: RecordMemo,
    last: Option<Last>,
    /// What changed since the last load, as told; `None` when nothing was told (unknown).
    pending: Option<Changes>,
}

/// The last load's discovery and records, for a load told what changed since.
struct Last {
    /// What [`RecordRead::Settings`] answered.
    settings: Fingerprint,
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

    /// The records of the site: reused where none of their reads changed. When `site.yaml`
    /// cannot be read (it was just read, so it changed under us), nothing is reused and the
    /// cache starts over.
    pub(super) fn read(&mut self, config: &Config, phases: &mut Phases) -> Read {
        let changes = self.pending.take().unwrap_or_else(Changes::unknown);
        let disk = Disk::new(config);
        if !disk.complete() {
            *self = RecordCache::new();
        }
        if let Some(last) = self.last.as_mut().filter(|l| l.settings == disk.settings())
            && let Some(read) = read_changed(&mut self.memo, config, &disk, &changes, last)
        {
            phases.mark("discover");
            return read;
        }
        let (files, diagnostics) = walk::discover(config);
        phases.mark("discover");
        let memo = &self.memo;
        let found: Vec<Outcome<'_, RecordRead, Arc<Built>>> = files
            .par_iter()
            .map(|f| lookup(memo, config, &disk, f))
            .collect();
        let built: Vec<Arc<Built>> = found.iter().map(|o| Arc::clone(o.value())).collect();
        let computed: Vec<(usize, Entry<RecordRead, Arc<Built>>)> = found
            .into_iter()
            .enumerate()
            .filter_map(|(i, o)| match o {
                Outcome::Computed(entry) => Some((i, entry)),
                Outcome::Reused(_) => None,
            })
            .collect();
        let read = computed.len();
        for (i, entry) in computed {
            self.memo.store(files[i].clone(), entry);
        }
        let present: std::collections::HashSet<&RecordFiles> = files.iter().collect();
        self.memo.retain(|f| present.contains(f));
        let read = Read {
            read,
            facts: facts_of(config, &built),
            built,
            diagnostics,
        };
        self.last = disk.complete().then(|| Last {
            settings: disk.settings(),
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
    memo: &mut RecordMemo,
    config: &Config,
    disk: &Disk<'_>,
    changes: &Changes,
    last: &mut Last,
) -> Option<Read> {
    let stale: BTreeSet<usize> = changes.records_to_read(&config.root, &last.files)?;
    let fresh: Vec<(usize, Entry<RecordRead, Arc<Built>>)> = stale
        .par_iter()
        .map(|&i| (i, reread(memo, config, disk, &last.files[i])))
        .collect();
    for (i, entry) in fresh {
        last.facts[i] = Facts::of(config, &entry.value);
        last.built[i] = Arc::clone(&entry.value);
        memo.store(last.files[i].clone(), entry);
    }
    Some(Read {
        built: last.built.clone(),
        facts: last.facts.clone(),
        read: stale.len(),
        diagnostics: last.diagnostics.clone(),
    })
}

/// The record read from `files` again, whatever its reads answer: the watcher saw one of its
/// files saved. When the reads answer what they did (a save within the file system's time
/// resolution that kept the length), its version is still made to differ from the stored one.
fn reread(
    memo: &RecordMemo,
    config: &Config,
    disk: &Disk<'_>,
    files: &RecordFiles,
) -> Entry<RecordRead, Arc<Built>> {
    let mut reads = Reads::new();
    let mut built = record::build(config, files, disk, &mut reads);
    let stored = memo.peek(files).filter(|e| e.reads == reads);
    if let Some(previous) = stored
        && let Some(record) = built.record.as_mut().and_then(Arc::get_mut)
    {
        record.version = next_version(previous.fingerprint);
    }
    entry(Arc::new(built), reads)
}

/// The record read from `files`: the stored one when every read it recorded answers the
/// same now, else read now.
fn lookup<'m>(
    memo: &'m RecordMemo,
    config: &Config,
    disk: &Disk<'_>,
    files: &RecordFiles,
) -> Outcome<'m, RecordRead, Arc<Built>> {
    if let Some(stored) = memo.reuse(files, disk).filter(|_| disk.complete()) {
        return Outcome::Reused(stored);
    }
    let mut reads = Reads::new();
    let built = record::build(config, files, disk, &mut reads);
    Outcome::Computed(entry(Arc::new(built), reads))
}

/// A memo entry for a record read now.
fn entry(value: Arc<Built>, reads: Reads<RecordRead>) -> Entry<RecordRead, Arc<Built>> {
    Entry {
        fingerprint: version_of(&value),
        value,
        reads,
    }
}

/// What a dependent of a record read records: its version (`record_inputs::version`).
fn version_of(built: &Arc<Built>) -> u64 {
    built.record.as_ref().map_or(0, |r| r.version)
}

/// The facts of every record read, worked out in parallel.
fn facts_of(config: &Config, built: &[Arc<Built>]) -> Vec<Option<Arc<Facts>>> {
    built.par_iter().map(|b| Facts::of(config, b)).collect()
}

/// A version that differs from `version`.
fn next_version(version: u64) -> u64 {
    crate::memo::fingerprint(&(version, "saved again"))
}

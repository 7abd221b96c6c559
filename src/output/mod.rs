//! The built site in memory, and the only code that writes it to disk.
//!
//! [`Output`] maps every output file's relative path to its bytes. Rendering fills it, tests
//! assert on it, `serve` answers requests from it, `check` crawls it; only [`write()`] (in
//! `write.rs`) and [`Staging`] (in `stream.rs`: `vestis build` writes each file as it is made,
//! and the output keeps only its path) touch the disk, and both replace the output directory
//! atomically.
//!
//! Paths are validated on the way in, so no content (an id, a slug, a static file name) can
//! make vestis write outside the output directory. This module must not know how the files
//! were made: no records, templates or languages. [`links`] checks the internal links of the
//! HTML pages in memory (for `vestis check`).

mod bytes;
mod group;
mod leftovers;
pub mod links;
mod paths;
mod stream;
mod target;
mod write;

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::sync::Arc;

use bytes::FileBytes;
use group::Group;

pub use bytes::Make;
pub use group::MakeGroup;
pub use paths::validate_path;
pub use stream::Staging;
pub use write::{Gated, MARKER_FILE, WriteReport, remove_previous, write, write_gated};

/// The most bytes [`Output::insert_copied`] reads of a file.
pub const COPIED_LIMIT: u64 = 200 * 1024 * 1024;

/// Every file of a build: relative path (`lv/pasakumi/index.html`, always `/`) → bytes,
/// sorted by path so that iteration, and so the output, is deterministic.
///
/// The bytes are shared (`Arc`): a page a rebuild takes unchanged from its cache is the same
/// allocation in both builds, so reusing it and comparing builds costs no copy. A file may be
/// deferred (made on first read, see [`Output::insert_deferred`]), and a group of files made
/// together (see [`Output::insert_deferred_group`]).
#[derive(Clone, Default)]
pub struct Output {
    files: BTreeMap<String, FileBytes>,
    /// Files made together on first read; each group's lead file is in `files` too.
    groups: Vec<Arc<Group>>,
}

impl PartialEq for Output {
    /// Two outputs are equal when they have the same files with the same bytes, however
    /// they were made (deferred, in a group or at once).
    fn eq(&self, other: &Self) -> bool {
        self.all() == other.all()
    }
}

impl Eq for Output {}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.files.iter()).finish()?;
        write!(f, " and {} groups", self.groups.len())
    }
}

impl Output {
    /// An output with no files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file.
    ///
    /// Err(message) when `path` is not a safe relative path (see [`validate_path`]), is
    /// already present, is the reserved marker file, or would need a file and a directory
    /// of the same name (`a` and `a/b`).
    pub fn insert(&mut self, path: impl Into<String>, bytes: Vec<u8>) -> Result<(), String> {
        self.insert_shared(path, Arc::new(bytes))
    }

    /// Like [`Output::insert`], for bytes that are shared with a cache.
    pub fn insert_shared(
        &mut self,
        path: impl Into<String>,
        bytes: Arc<Vec<u8>>,
    ) -> Result<(), String> {
        self.insert_bytes(path.into(), FileBytes::Ready(bytes))
    }

    /// Adds many files at once, with the checks of [`Output::insert`]: much faster than one by
    /// one into an empty output (one sort, no tree walks per file). Returns `(path, message)`
    /// for every file refused; the others are added.
    pub fn insert_all_shared(
        &mut self,
        files: Vec<(String, Arc<Vec<u8>>)>,
    ) -> Vec<(String, String)> {
        let files = files
            .into_iter()
            .map(|(path, bytes)| (path, FileBytes::Ready(bytes)))
            .collect();
        self.insert_all(files)
    }

    /// Adds the paths of files that a [`Staging`] folder is about to receive (a streamed
    /// build), with the checks of [`Output::insert_all_shared`]; their bytes are not kept.
    /// Only the paths not refused may be written.
    pub fn insert_all_written(&mut self, paths: Vec<String>) -> Vec<(String, String)> {
        let files = paths.into_iter().map(|p| (p, FileBytes::Written)).collect();
        self.insert_all(files)
    }

    /// Adds a file, with the checks of [`Output::insert`], and writes it into `staging` at once
    /// instead of keeping its bytes. Err(message) when it is refused or cannot be written.
    pub fn insert_written(
        &mut self,
        path: impl Into<String>,
        bytes: &[u8],
        staging: &Staging,
    ) -> Result<(), String> {
        let path = path.into();
        self.insert_bytes(path.clone(), FileBytes::Written)?;
        staging.put(&path, bytes)
    }

    /// Adds a file whose bytes are those of the file `from` (a picture of the image cache),
    /// with the checks of [`Output::insert`]: copied into `staging` at once when the build
    /// streams its output, else read (at most [`COPIED_LIMIT`] bytes). Err(message) when it
    /// is refused or cannot be copied or read.
    pub fn insert_copied(
        &mut self,
        path: impl Into<String>,
        from: &std::path::Path,
        staging: Option<&Staging>,
    ) -> Result<(), String> {
        let path = path.into();
        match staging {
            Some(staging) => {
                self.insert_bytes(path.clone(), FileBytes::Written)?;
                staging.copy(&path, from)
            }
            None => {
                use std::io::Read;
                let file = std::fs::File::open(from).map_err(|e| e.to_string())?;
                let mut bytes = Vec::new();
                file.take(COPIED_LIMIT + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| e.to_string())?;
                if bytes.len() as u64 > COPIED_LIMIT {
                    return Err(format!(
                        "`{}` is larger than {} MB",
                        from.display(),
                        COPIED_LIMIT >> 20
                    ));
                }
                self.insert(path, bytes)
            }
        }
    }

    /// Writes into `staging` now those of `files` that [`Output::insert`] would accept (checked
    /// against this output as it is, so that many threads can do it at once for sets of
    /// files that cannot clash with each other); each comes back with what became of it, to be
    /// added with [`Output::insert_ahead`].
    pub fn write_ahead(
        &self,
        files: Vec<(String, Vec<u8>)>,
        staging: &Staging,
    ) -> Vec<(String, Ahead)> {
        files
            .into_iter()
            .map(|(path, bytes)| {
                let acceptable = validate_path(&path).is_ok()
                    && path != MARKER_FILE
                    && !self.files.contains_key(&path)
                    && self.check_file_dir_clash(&path).is_ok();
                let ahead = match acceptable {
                    false => Ahead::Kept(bytes),
                    true => match staging.put(&path, &bytes) {
                        Ok(()) => Ahead::Written,
                        Err(message) => Ahead::Failed(message),
                    },
                };
                (path, ahead)
            })
            .collect()
    }

    /// Adds a file that [`Output::write_ahead`] handled: written already, or kept (then added
    /// as by [`Output::insert`], or written into `staging` when there is one). Err(message)
    /// when it is refused or could not be written.
    pub fn insert_ahead(
        &mut self,
        path: String,
        ahead: Ahead,
        staging: Option<&Staging>,
    ) -> Result<(), String> {
        match (ahead, staging) {
            (Ahead::Written, _) => self.insert_bytes(path, FileBytes::Written),
            (Ahead::Kept(bytes), Some(staging)) => self.insert_written(path, &bytes, staging),
            (Ahead::Kept(bytes), None) => self.insert(path, bytes),
            (Ahead::Failed(message), _) => Err(message),
        }
    }

    fn insert_all(&mut self, files: Vec<(String, FileBytes)>) -> Vec<(String, String)> {
        let mut errors = Vec::new();
        if !self.files.is_empty() {
            for (path, bytes) in files {
                if let Err(message) = self.insert_bytes(path.clone(), bytes) {
                    errors.push((path, message));
                }
            }
            return errors;
        }
        use rayon::prelude::*;
        let mut files = files;
        files.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let paths: std::collections::HashSet<&str> = files.iter().map(|f| f.0.as_str()).collect();
        let problems: Vec<Option<String>> = (0..files.len()).into_par_iter().map(|i| {
            let path = &files[i].0;
            validate_path(path).err().or_else(|| {
                if path == MARKER_FILE {
                    return Some(format!("`{MARKER_FILE}` is reserved: vestis uses it to recognise its output directory"));
                }
                if i > 0 && files[i - 1].0 == *path {
                    return Some(format!("`{path}` is produced twice: two sources want to write the same output file"));
                }
                path.match_indices('/').map(|(at, _)| &path[..at]).find(|parent| paths.contains(parent)).map(|parent| {
                    format!("`{path}` needs a directory `{parent}`, but `{parent}` is already a file")
                })
            })
        }).collect();
        drop(paths);
        let mut accepted: Vec<(String, FileBytes)> = Vec::with_capacity(files.len());
        for ((path, bytes), problem) in files.into_iter().zip(problems) {
            match problem {
                Some(message) => errors.push((path, message)),
                None => accepted.push((path, bytes)),
            }
        }
        self.files = accepted.into_iter().collect();
        errors
    }

    /// Replaces the bytes of a file already present (Err when there is none at `path`).
    pub fn replace_shared(&mut self, path: &str, bytes: Arc<Vec<u8>>) -> Result<(), String> {
        match self.files.get_mut(path) {
            Some(file) => {
                *file = FileBytes::Ready(bytes);
                Ok(())
            }
            None => Err(format!("`{path}` is not in the output")),
        }
    }

    /// Adds a file that `make` makes when it is first read (by [`Output::get`], [`Output::iter`]
    /// or a write), once. Reading a file whose `make` failed gives `None` from `get`; `iter`
    /// and writes skip it.
    pub fn insert_deferred(&mut self, path: impl Into<String>, make: Make) -> Result<(), String> {
        self.insert_bytes(path.into(), FileBytes::deferred(make))
    }

    /// Adds a group of files made together when one of them is first read: `lead` (its path
    /// known now, e.g. `lv/search.json`) and files under `dir` (e.g. `lv/search`) whose names
    /// are known only once `make` has run. Until then [`Output::paths`] lists only `lead`;
    /// [`Output::get`], [`Output::contains`] and [`Output::iter`] make the group when asked
    /// for one of its files.
    pub fn insert_deferred_group(
        &mut self,
        lead: impl Into<String>,
        dir: &str,
        make: MakeGroup,
    ) -> Result<(), String> {
        let lead = lead.into();
        validate_path(dir)?;
        let group = Group::new(lead.clone(), dir, make);
        let of_lead = Arc::clone(&group);
        let path = lead.clone();
        self.insert_deferred(
            lead,
            Box::new(move || match of_lead.files() {
                Ok(files) => Ok(files.get(&path).cloned().unwrap_or_default()),
                Err(message) => Err(message.to_string()),
            }),
        )?;
        self.groups.push(group);
        Ok(())
    }

    /// The group that `path` belongs to, if any (without making it).
    fn group_of(&self, path: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.covers(path)).map(Arc::as_ref)
    }

    /// Every file (deferred ones and groups made now), sorted by path: its bytes, or why it
    /// has none.
    fn all(&self) -> Vec<(&str, Result<&[u8], &str>)> {
        let mut all: Vec<(&str, Result<&[u8], &str>)> = self
            .files
            .iter()
            .map(|(p, b)| (p.as_str(), b.bytes()))
            .collect();
        if self.groups.is_empty() {
            return all;
        }
        for group in &self.groups {
            if let Ok(files) = group.files() {
                let others = files.iter().filter(|(p, _)| !self.files.contains_key(*p));
                all.extend(others.map(|(p, b)| (p.as_str(), Ok(b.as_slice()))));
            }
        }
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }

    fn insert_bytes(&mut self, path: String, bytes: FileBytes) -> Result<(), String> {
        validate_path(&path)?;
        if path == MARKER_FILE {
            return Err(format!(
                "`{MARKER_FILE}` is reserved: vestis uses it to recognise its output directory"
            ));
        }
        self.check_file_dir_clash(&path)?;
        match self.files.entry(path) {
            Entry::Occupied(entry) => Err(format!(
                "`{}` is produced twice: two sources want to write the same output file",
                entry.key()
            )),
            Entry::Vacant(entry) => {
                entry.insert(bytes);
                Ok(())
            }
        }
    }

    /// Err when a parent of `path` is a file already, or `path` is a directory already.
    fn check_file_dir_clash(&self, path: &str) -> Result<(), String> {
        for (i, _) in path.match_indices('/') {
            let parent = &path[..i];
            if self.files.contains_key(parent) {
                return Err(format!(
                    "`{path}` needs a directory `{parent}`, but `{parent}` is already a file"
                ));
            }
        }
        let dir_prefix = format!("{path}/");
        if let Some((inside, _)) = self.files.range(dir_prefix.clone()..).next()
            && inside.starts_with(&dir_prefix)
        {
            return Err(format!(
                "`{path}` cannot be a file: it is already a directory holding `{inside}`"
            ));
        }
        Ok(())
    }

    /// The bytes of the file at `path`, if present.
    /// The bytes of the file at `path` (making a deferred file now), or why a deferred file
    /// could not be made; `None` when there is no such file.
    pub fn try_get(&self, path: &str) -> Option<Result<&[u8], &str>> {
        self.files.get(path).map(FileBytes::bytes)
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        match self.files.get(path) {
            Some(file) => file.bytes().ok(),
            None => self.group_of(path)?.get(path),
        }
    }

    /// The shared bytes of the file at `path` when they are made already (not deferred): the
    /// same allocation as long as the file is unchanged, which caches key on.
    pub fn shared(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        match self.files.get(path)? {
            FileBytes::Ready(bytes) => Some(Arc::clone(bytes)),
            FileBytes::Deferred(_) | FileBytes::Written => None,
        }
    }

    /// The paths whose files differ between `self` and `newer` (added, removed or changed),
    /// sorted. Cheap for files shared between them (a rebuild's cached pages): one pass over
    /// both, no byte comparison. A deferred file counts as unchanged unless both sides made it
    /// (it is derived from the pages' data and not worth making just to compare).
    pub fn changed_paths<'a>(&'a self, newer: &'a Output) -> Vec<&'a str> {
        let same = |a: &FileBytes, b: &FileBytes| {
            a.same_allocation(b) || a.is_pending() || b.is_pending() || a == b
        };
        let mut changed = Vec::new();
        let (mut old, mut new) = (self.files.iter().peekable(), newer.files.iter().peekable());
        loop {
            match (old.peek(), new.peek()) {
                (Some((po, bo)), Some((pn, bn))) => match po.cmp(pn) {
                    std::cmp::Ordering::Equal => {
                        if !same(bo, bn) {
                            changed.push(po.as_str());
                        }
                        old.next();
                        new.next();
                    }
                    std::cmp::Ordering::Less => changed.extend(old.next().map(|f| f.0.as_str())),
                    std::cmp::Ordering::Greater => changed.extend(new.next().map(|f| f.0.as_str())),
                },
                (Some(_), None) => changed.extend(old.next().map(|f| f.0.as_str())),
                (None, Some(_)) => changed.extend(new.next().map(|f| f.0.as_str())),
                (None, None) => return changed,
            }
        }
    }

    /// Whether a file is at `path` (making the group it would belong to, if any).
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
            || self
                .group_of(path)
                .is_some_and(|group| group.get(path).is_some())
    }

    /// All files, sorted by path (deferred ones and groups are made now).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.all()
            .into_iter()
            .filter_map(|(p, b)| Some((p, b.ok()?)))
    }

    /// All paths, sorted (without making deferred files: of a group not made yet, only its
    /// lead file).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Number of files (of a group not made yet, its lead file only).
    pub fn len(&self) -> usize {
        let made = self.groups.iter().filter(|g| g.is_made());
        let others: usize = made
            .filter_map(|g| g.files().ok())
            .map(|files| files.len() - 1)
            .sum();
        self.files.len() + others
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Moves all files of `other` into this output. Every file that can be inserted is;
    /// the others are reported, one message each (see [`Output::insert`]).
    pub fn merge(&mut self, other: Output) -> Result<(), Vec<String>> {
        self.groups.extend(other.groups);
        let errors: Vec<String> = other
            .files
            .into_iter()
            .filter_map(|(path, bytes)| self.insert_bytes(path, bytes).err())
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// What [`Output::write_ahead`] did with one file.
#[derive(Debug)]
pub enum Ahead {
    /// Written into the staging folder.
    Written,
    /// Not written: the output would refuse it (its bytes, to be inserted and refused).
    Kept(Vec<u8>),
    /// Writing it failed: why.
    Failed(String),
}

#[cfg(test)]
mod tests;

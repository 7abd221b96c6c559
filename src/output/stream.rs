//! Streaming the output of `vestis build` to disk: every file goes into the build's fresh
//! staging folder the moment it is made, so the bytes of the whole site are never held in
//! memory at once (a 10,000-record site is hundreds of megabytes of HTML).
//!
//! The guarantees of [`write()`](super::write()) stay: the staging folder is a sibling of the
//! output directory, marked as vestis's before anything else is written, and swapped in with
//! one atomic exchange only by [`Staging::finish`], after the last check (the link gate)
//! passed. A build that fails — an error in a record or template, a broken link, a full disk —
//! drops its [`Staging`], which removes the folder: the previous output is never touched.
//!
//! The link check cannot read pages whose bytes are gone, so each HTML page leaves its links
//! and ids in [`LinkFacts`] as it is written.

// The error is a `Diagnostic`, returned at most once per build (see `write.rs`).
#![allow(clippy::result_large_err)]

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;

use super::leftovers::remove_leftovers_but;
use super::links::LinkFacts;
use super::target::{
    MARKER_FILE, MARKER_TEXT, Target, check_output_paths, check_target, io_error, split_target,
};
use super::write::{Gated, WriteReport, replace, write_new};
use super::{Output, validate_path};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::sys as swap;

/// Why a file was not written: an earlier write of the same build found the disk full, and
/// trying every other file would only repeat that error thousands of times.
const NOT_TRIED_DISK_FULL: &str = "not written: the disk was already full";

/// The fresh folder a streamed build writes into, beside the output directory.
pub struct Staging {
    /// The output directory as the user named it (for messages).
    out_dir: PathBuf,
    target: Target,
    parent: PathBuf,
    name: String,
    /// The staging folder itself.
    dir: PathBuf,
    /// Directories of the staging folder made so far (relative, `/`-separated).
    dirs: Mutex<HashSet<String>>,
    facts: LinkFacts,
    bytes: AtomicU64,
    /// Removes what earlier builds left beside the output, while this one renders.
    cleanup: Mutex<Option<JoinHandle<()>>>,
    swapped: AtomicBool,
    /// Whether a write found the disk (or the user's quota) full.
    full: AtomicBool,
    /// The writes not tried since then.
    not_tried: AtomicUsize,
}

impl fmt::Debug for Staging {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Staging").field("dir", &self.dir).finish()
    }
}

impl Staging {
    /// Makes the staging folder for the output directory `out_dir` of the site at
    /// `site_root`, with the refusals of [`write()`](super::write()) (those about the output's
    /// paths come in [`Staging::finish`]), and starts removing what earlier builds left.
    pub fn open(out_dir: &Path, site_root: &Path) -> Result<Staging, Diagnostic> {
        let target = check_target(None, out_dir, site_root)?;
        let (parent, name) = split_target(&target.path, out_dir)?;
        let (parent, name) = (parent.to_path_buf(), name.to_string());
        fs::create_dir_all(&parent).map_err(|e| {
            io_error(
                format!("cannot create the directory `{}`", parent.display()),
                e,
            )
        })?;
        let own = format!(".{name}.vestis-new-{}", std::process::id());
        let dir = parent.join(&own);
        let cannot_create = |e| {
            io_error(
                format!("cannot create the temporary directory `{}`", dir.display()),
                e,
            )
        };
        if let Err(e) = fs::create_dir(&dir) {
            // A run of the same process id was killed: its folder is a leftover like others.
            if e.kind() != io::ErrorKind::AlreadyExists {
                return Err(cannot_create(e));
            }
            remove_leftovers_but(&parent, &name, "");
            fs::create_dir(&dir).map_err(cannot_create)?;
        }
        let staging = Staging {
            out_dir: out_dir.to_path_buf(),
            target,
            parent: parent.clone(),
            name: name.clone(),
            dir,
            dirs: Mutex::new(HashSet::new()),
            facts: LinkFacts::new(),
            bytes: AtomicU64::new(0),
            cleanup: Mutex::new(None),
            swapped: AtomicBool::new(false),
            full: AtomicBool::new(false),
            not_tried: AtomicUsize::new(0),
        };
        // The marker first: a run killed from here on leaves a folder the next run recognises.
        write_new(&staging.dir.join(MARKER_FILE), MARKER_TEXT.as_bytes())
            .map_err(|e| io_error(format!("cannot write `{MARKER_FILE}`"), e))?;
        let cleanup = std::thread::spawn(move || remove_leftovers_but(&parent, &name, &own));
        *staging.lock_cleanup() = Some(cleanup);
        Ok(staging)
    }

    /// Writes one file of the output (its path accepted by an [`Output`] already, so that
    /// no two files share a path); an HTML page leaves its link facts. Safe from many threads.
    /// Err(message) when the file cannot be written.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.ready_for(path)?;
        write_new(&self.dir.join(path), bytes).map_err(|e| self.noted(e).to_string())?;
        self.facts.record(path, bytes);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Copies the file `from` (a picture of the image cache, never an HTML page) into the
    /// output at `path`, without holding its bytes: the kernel copies it (`copy_file_range`
    /// on Linux). A copy, not a link: a later change to the output file must not change the
    /// cache. Err(message) when it cannot be copied.
    pub fn copy(&self, path: &str, from: &Path) -> Result<(), String> {
        self.ready_for(path)?;
        let mut source = fs::File::open(from).map_err(|e| e.to_string())?;
        let mut target = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.dir.join(path))
            .map_err(|e| self.noted(e).to_string())?;
        let copied = io::copy(&mut source, &mut target).map_err(|e| self.noted(e).to_string())?;
        self.bytes.fetch_add(copied, Ordering::Relaxed);
        Ok(())
    }

    /// Checks `path` and makes its folders in the staging folder, unless an earlier write
    /// found the disk full. Err(message) when the file is not to be (or cannot be) written.
    fn ready_for(&self, path: &str) -> Result<(), String> {
        validate_path(path)?;
        self.unless_full()?;
        self.make_parents(path).map_err(|e| {
            let e = self.noted(e);
            format!("cannot create its folder in the new output: {e}")
        })
    }

    /// Err when an earlier write found the disk full: the file is not tried (and counted).
    fn unless_full(&self) -> Result<(), String> {
        if self.full.load(Ordering::Relaxed) {
            self.not_tried.fetch_add(1, Ordering::Relaxed);
            return Err(NOT_TRIED_DISK_FULL.to_string());
        }
        Ok(())
    }

    /// Notes whether the error `e` of a write says the disk (or quota) is full.
    fn noted(&self, e: io::Error) -> io::Error {
        if matches!(
            e.kind(),
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
        ) {
            self.full.store(true, Ordering::Relaxed);
        }
        e
    }

    /// The problems of a build that filled the disk, with the files not tried afterwards
    /// told in one error instead of one each (the errors of the writes that found the disk
    /// full stay, with their paths).
    pub fn fold_not_tried(&self, mut diagnostics: Diagnostics) -> Diagnostics {
        let not_tried = self.not_tried.load(Ordering::Relaxed);
        if not_tried == 0 {
            return diagnostics;
        }
        diagnostics.retain(|d| !d.message.ends_with(NOT_TRIED_DISK_FULL));
        let written_mb = self.bytes.load(Ordering::Relaxed).div_ceil(1 << 20);
        diagnostics.push(
            Diagnostic::error(
                None,
                format!(
                    "{not_tried} more {} not written: the disk that holds `{}` is full \
                     ({written_mb} MB were written before it filled up); the output folder \
                     was not changed",
                    if not_tried == 1 {
                        "file was"
                    } else {
                        "files were"
                    },
                    self.out_dir.display()
                ),
            )
            .with_suggestion("free some space on that disk, then build again"),
        );
        diagnostics
    }

    /// The links and ids of the pages written so far.
    pub fn link_facts(&self) -> &LinkFacts {
        &self.facts
    }

    /// Writes the files of `output` not written yet, asks `gate` (the link check), and swaps
    /// the staging folder in as the output directory. When anything fails, nothing is
    /// swapped in and dropping the staging removes it.
    pub fn finish<E>(
        &self,
        output: &Output,
        gate: impl FnOnce() -> Result<(), E>,
    ) -> Result<WriteReport, Gated<E>> {
        check_output_paths(output, &self.out_dir).map_err(Gated::Write)?;
        for (path, bytes) in output.iter() {
            self.put(path, bytes).map_err(|m| {
                Gated::Write(Diagnostic::error(
                    None,
                    format!("cannot write the output file `{path}`: {m}"),
                ))
            })?;
        }
        gate().map_err(Gated::Refused)?;
        if let Some(cleanup) = self.lock_cleanup().take() {
            let _ = cleanup.join();
        }
        replace(
            &self.dir,
            &self.target,
            &self.parent,
            &self.name,
            swap::exchange,
        )
        .map_err(Gated::Write)?;
        self.swapped.store(true, Ordering::SeqCst);
        Ok(WriteReport {
            files: output.len(),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }

    /// Makes every missing ancestor directory of `path` in the staging folder. The set of
    /// made folders is locked only to look up and to note, not while the system makes one:
    /// two workers that both find a folder missing both make it, in order, and the second is
    /// told it exists.
    fn make_parents(&self, path: &str) -> io::Result<()> {
        let made = |dir: &str| {
            let dirs = self.dirs.lock().unwrap_or_else(PoisonError::into_inner);
            dirs.contains(dir)
        };
        for (at, _) in path.match_indices('/') {
            let dir = &path[..at];
            if made(dir) {
                continue;
            }
            match fs::create_dir(self.dir.join(dir)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
            let mut dirs = self.dirs.lock().unwrap_or_else(PoisonError::into_inner);
            dirs.insert(dir.to_string());
        }
        Ok(())
    }

    fn lock_cleanup(&self) -> std::sync::MutexGuard<'_, Option<JoinHandle<()>>> {
        self.cleanup.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Staging {
    /// Removes the staging folder unless it was swapped in.
    fn drop(&mut self) {
        if let Some(cleanup) = self.lock_cleanup().take() {
            let _ = cleanup.join();
        }
        if !self.swapped.load(Ordering::SeqCst) {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;

//! Writing an [`Output`] to disk: the only code of vestis that creates, replaces or deletes
//! files of the built site (SPEC §4 "Replacing the output is atomic and safe").
//!
//! The new site is written into a fresh sibling directory, then swapped in with one atomic
//! exchange ([`crate::sys`]), so a failed build leaves the previous output byte-identical, a reader
//! of the directory never sees half a site, and a build killed at any moment leaves a
//! complete output directory. A directory is only ever replaced when it is empty or carries
//! the [`MARKER_FILE`] vestis leaves in everything it writes, and a folder beside the output
//! is only ever deleted as a leftover when its name is one vestis gives *and* it holds that
//! marker (or is empty).
//!
//! This module must not know how the files were made; it knows paths and bytes.

// The error is a `Diagnostic` (the pipeline's shared type), returned at most once per build:
// its size on the error path costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

use super::leftovers::remove_leftovers;
pub use super::target::MARKER_FILE;
pub(super) use super::target::{MARKER_TEXT, Target, check_target, io_error, split_target};
use super::{Output, validate_path};
use crate::diagnostics::Diagnostic;
use crate::sys::{self as swap, Exchange};

/// What [`write()`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteReport {
    /// Number of files of the output (the marker file not counted).
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// Writes `output` as the new content of `out_dir`, replacing what was there.
///
/// Refuses, touching nothing, when `out_dir` is `site_root` or one of its ancestors, lies in
/// the site's `content/`, `themes/`, `locales/` or `static/`, holds `content/`, `themes/` or
/// `locales/` (or the output would), is a symbolic link or a file, or is a non-empty
/// directory without [`MARKER_FILE`]. The parent of `out_dir` is created when missing.
/// The new output is written to `.<name>.vestis-new-<pid>` and exchanged with the previous
/// one in one step (see `src/sys.rs`); the previous output then goes to
/// `.<name>.vestis-old-<pid>` next to the output and is left there: deleting a large tree
/// costs as much as writing it, so the next build removes it with [`remove_previous`] while
/// it renders (and `write` removes any that remain).
///
/// One writer per output directory at a time: a concurrent `write` may remove the other's
/// temporary directory as a leftover.
pub fn write(output: &Output, out_dir: &Path, site_root: &Path) -> Result<WriteReport, Diagnostic> {
    let pass = || Ok::<(), std::convert::Infallible>(());
    write_gated(output, out_dir, site_root, pass).map_err(|d| match d {
        Gated::Write(d) => d,
        Gated::Refused(never) => match never {},
    })
}

/// Why [`write_gated`] wrote nothing.
#[derive(Debug)]
pub enum Gated<E> {
    /// Writing failed (see [`write()`]).
    Write(Diagnostic),
    /// The gate refused the output: its error.
    Refused(E),
}

/// Like [`write()`], asking `gate` after the new output is written into its temporary
/// directory and before it is swapped in: when `gate` fails, the temporary directory is
/// removed and the previous output stays as it was. The build runs its last check (the links)
/// as the gate, in parallel with the writing.
pub fn write_gated<E>(
    output: &Output,
    out_dir: &Path,
    site_root: &Path,
    gate: impl FnOnce() -> Result<(), E>,
) -> Result<WriteReport, Gated<E>> {
    let target = check_target(Some(output), out_dir, site_root).map_err(Gated::Write)?;
    let (parent, name) = split_target(&target.path, out_dir).map_err(Gated::Write)?;
    fs::create_dir_all(parent).map_err(|e| {
        Gated::Write(io_error(
            format!("cannot create the directory `{}`", parent.display()),
            e,
        ))
    })?;
    remove_leftovers(parent, name);
    let staging = parent.join(format!(".{name}.vestis-new-{}", std::process::id()));
    fs::create_dir(&staging).map_err(|e| {
        Gated::Write(io_error(
            format!(
                "cannot create the temporary directory `{}`",
                staging.display()
            ),
            e,
        ))
    })?;
    let filled = fill(output, &staging).map_err(Gated::Write);
    let result = filled.and_then(|report| {
        gate().map_err(Gated::Refused)?;
        replace(&staging, &target, parent, name, swap::exchange).map_err(Gated::Write)?;
        Ok(report)
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Removes what earlier runs left next to `out_dir`: the previous output moved aside
/// (`.<name>.vestis-old-*`) and temporary directories of a run that crashed
/// (`.<name>.vestis-new-*`), each only when it holds vestis's marker or is empty. Best effort;
/// meant to run in a background thread while the next build renders. Never touches anything
/// else.
pub fn remove_previous(out_dir: &Path) {
    let (Some(parent), Some(name)) = (
        out_dir.parent(),
        out_dir.file_name().and_then(|n| n.to_str()),
    ) else {
        return;
    };
    remove_leftovers(parent, name);
}

/// Writes the marker and every file of `output` into the empty directory `staging`.
/// The marker comes first: a run killed while writing leaves a folder that the next run
/// recognises as its own leftover.
fn fill(output: &Output, staging: &Path) -> Result<WriteReport, Diagnostic> {
    write_new(&staging.join(MARKER_FILE), MARKER_TEXT.as_bytes())
        .map_err(|e| io_error(format!("cannot write `{MARKER_FILE}`"), e))?;
    let files: Vec<(&str, &[u8])> = output.iter().collect();
    let mut dirs = BTreeSet::new();
    for (path, _) in &files {
        validate_path(path).map_err(|m| Diagnostic::error(None, m))?;
        // Every ancestor; sorted, a parent comes before its children.
        dirs.extend(path.match_indices('/').map(|(i, _)| &path[..i]));
    }
    for dir in dirs {
        fs::create_dir(staging.join(dir))
            .map_err(|e| io_error(format!("cannot create the output directory `{dir}`"), e))?;
    }
    // Sequential on purpose: writing with rayon measured no faster on 2 cores (21,000 files
    // of 10 KB: ~1.1 s either way on tmpfs; disk time is the device's). See `write_speed`.
    for (path, bytes) in &files {
        write_new(&staging.join(path), bytes)
            .map_err(|e| io_error(format!("cannot write the output file `{path}`"), e))?;
    }
    Ok(WriteReport {
        files: files.len(),
        bytes: files.iter().map(|(_, b)| b.len() as u64).sum(),
    })
}

/// Creates a file that must not exist yet: a symbolic link or anything else already at
/// `path` (which vestis did not put there) makes it fail instead of being followed.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}

/// How [`replace`] put the new output in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Replaced {
    /// There was no output directory: one rename.
    Fresh,
    /// One atomic exchange: at every moment the output directory was complete.
    Exchanged,
    /// Two renames, where the file system cannot exchange: a short moment without it.
    Renamed,
}

/// Puts `staging` in the place of the output directory, moving the previous output aside.
///
/// Exchanges the two in one step when the system can ([`swap::exchange`]); then the previous
/// output, now under the staging name (still a marked leftover if this run dies here), is
/// renamed to `.<name>.vestis-old-<pid>`. Elsewhere, two renames: a run killed between them
/// leaves no output directory, but both copies beside it, and the next build writes it anew.
/// `exchange` is [`swap::exchange`] (tests pass one that cannot).
pub(super) fn replace(
    staging: &Path,
    target: &Target,
    parent: &Path,
    name: &str,
    exchange: fn(&Path, &Path) -> io::Result<Exchange>,
) -> Result<Replaced, Diagnostic> {
    let shown = target.path.display();
    let moved_in = |e| io_error(format!("cannot move the new output into `{shown}`"), e);
    if !target.exists {
        fs::rename(staging, &target.path).map_err(moved_in)?;
        return Ok(Replaced::Fresh);
    }
    let old = parent.join(format!(".{name}.vestis-old-{}", std::process::id()));
    match exchange(staging, &target.path).map_err(moved_in)? {
        Exchange::Done => {
            // Best effort: under the staging name it is removed as a leftover all the same.
            let _ = fs::rename(staging, &old);
            Ok(Replaced::Exchanged)
        }
        Exchange::Unsupported => {
            fs::rename(&target.path, &old).map_err(|e| {
                io_error(
                    format!("cannot move the previous output `{shown}` aside"),
                    e,
                )
            })?;
            if let Err(e) = fs::rename(staging, &target.path) {
                let _ = fs::rename(&old, &target.path);
                return Err(moved_in(e));
            }
            Ok(Replaced::Renamed)
        }
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;

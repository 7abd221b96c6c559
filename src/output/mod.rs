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
mod leftovers;
pub mod links;
mod stream;
mod write;

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::sync::Arc;

use bytes::FileBytes;

pub use bytes::Make;
pub use stream::Staging;
pub use write::{Gated, MARKER_FILE, WriteReport, remove_previous, write, write_gated};

/// Every file of a build: relative path (`lv/pasakumi/index.html`, always `/`) → bytes,
/// sorted by path so that iteration, and so the output, is deterministic.
///
/// The bytes are shared (`Arc`): a page a rebuild takes unchanged from its cache is the same
/// allocation in both builds, so reusing it and comparing builds costs no copy. A file may be
/// deferred (made on first read, see [`Output::insert_deferred`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, FileBytes>,
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
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).and_then(|b| b.bytes().ok())
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

    /// Whether a file is at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// All files, sorted by path (deferred ones are made now).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| Some((p.as_str(), b.bytes().ok()?)))
    }

    /// All paths, sorted (without making deferred files).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Moves all files of `other` into this output. Every file that can be inserted is;
    /// the others are reported, one message each (see [`Output::insert`]).
    pub fn merge(&mut self, other: Output) -> Result<(), Vec<String>> {
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

/// Checks that `path` is a safe relative output path: not empty, not absolute, no drive or
/// UNC prefix, no backslash, no NUL, and every `/`-separated segment a plain name
/// (not empty, not `.` or `..`).
pub fn validate_path(path: &str) -> Result<(), String> {
    let problem = path_problem(path);
    match problem {
        None => Ok(()),
        Some(problem) => Err(format!(
            "output path `{}` is not allowed: {problem}",
            path.escape_debug()
        )),
    }
}

/// What is wrong with `path`, if anything.
fn path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("it is empty");
    }
    if path.contains('\0') {
        return Some("it contains a NUL character");
    }
    if path.contains('\\') {
        return Some("it contains a backslash; separate directories with `/`");
    }
    if path.starts_with('/') {
        return Some("it is absolute; output paths are relative to the output directory");
    }
    if has_drive_prefix(path) {
        return Some("it starts with a drive letter");
    }
    for segment in path.split('/') {
        match segment {
            "" => return Some("it has an empty segment (`//` or a trailing `/`)"),
            "." | ".." => return Some("it has a `.` or `..` segment"),
            _ => {}
        }
    }
    None
}

/// `C:`, `c:foo`: a Windows drive prefix, which would escape the output directory there.
fn has_drive_prefix(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_iter_sorted() {
        let mut out = Output::new();
        assert!(out.is_empty());
        out.insert("lv/index.html", b"lv".to_vec()).unwrap();
        out.insert("404.html", b"404".to_vec()).unwrap();
        out.insert(String::from("ru/pasakumi/index.html"), vec![])
            .unwrap();
        assert_eq!(out.len(), 3);
        assert_eq!(out.get("lv/index.html"), Some(&b"lv"[..]));
        assert!(out.contains("404.html"));
        assert!(!out.contains("lv"));
        assert_eq!(out.get("missing"), None);
        let paths: Vec<_> = out.iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            ["404.html", "lv/index.html", "ru/pasakumi/index.html"]
        );
    }

    #[test]
    fn changed_paths_lists_added_removed_and_changed_files_but_not_pending_deferred_ones() {
        let mut old = Output::new();
        let shared = Arc::new(b"same".to_vec());
        old.insert_shared("a.html", shared.clone()).unwrap();
        old.insert("b.html", b"old".to_vec()).unwrap();
        old.insert("c.html", b"gone".to_vec()).unwrap();
        old.insert_deferred("feed.xml", Box::new(|| Ok(b"1".to_vec())))
            .unwrap();
        let mut new = Output::new();
        new.insert_shared("a.html", shared).unwrap();
        new.insert("b.html", b"new".to_vec()).unwrap();
        new.insert("d.html", b"added".to_vec()).unwrap();
        new.insert_deferred("feed.xml", Box::new(|| Ok(b"2".to_vec())))
            .unwrap();
        assert_eq!(old.changed_paths(&new), ["b.html", "c.html", "d.html"]);
        assert_eq!(new.get("feed.xml"), Some(&b"2"[..]));
        assert_eq!(old.changed_paths(&old.clone()), Vec::<&str>::new());
    }

    #[test]
    fn inserting_many_at_once_checks_like_one_by_one() {
        let file = |p: &str| (p.to_string(), Arc::new(p.as_bytes().to_vec()));
        let mut out = Output::new();
        let errors = out.insert_all_shared(vec![
            file("b/index.html"),
            file("a.html"),
            file("b/index.html"),
            file("a.html/x"),
            file("../x"),
            file(MARKER_FILE),
        ]);
        let refused: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(refused, ["../x", MARKER_FILE, "a.html/x", "b/index.html"]);
        assert!(errors[3].1.contains("produced twice"), "{errors:?}");
        assert!(errors[2].1.contains("needs a directory `a.html`"));
        let paths: Vec<&str> = out.paths().collect();
        assert_eq!(paths, ["a.html", "b/index.html"]);
        // Into a non-empty output, one by one.
        let errors = out.insert_all_shared(vec![file("c.html"), file("a.html")]);
        assert_eq!(errors.len(), 1);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn unsafe_paths_are_refused() {
        let bad = [
            "",
            "/etc/passwd",
            "//server/share/x",
            "C:/x",
            "c:x",
            "a\\b",
            "..\\x",
            "a//b",
            "a/",
            "./a",
            "a/./b",
            "../a",
            "a/../../b",
            "..",
            "a\0b",
        ];
        let mut out = Output::new();
        for path in bad {
            let err = out.insert(path, vec![]).unwrap_err();
            assert!(err.contains("is not allowed"), "{path:?}: {err}");
        }
        assert!(out.is_empty());
    }

    #[test]
    fn unusual_but_safe_paths_are_accepted() {
        let mut out = Output::new();
        for path in ["a..b/c", ".well-known/x", "ģimene/ст.html", "a b/c"] {
            out.insert(path, vec![]).unwrap();
        }
    }

    #[test]
    fn duplicate_path_is_refused_and_keeps_the_first() {
        let mut out = Output::new();
        out.insert("a/index.html", b"one".to_vec()).unwrap();
        let err = out.insert("a/index.html", b"two".to_vec()).unwrap_err();
        assert!(err.contains("produced twice"), "{err}");
        assert_eq!(out.get("a/index.html"), Some(&b"one"[..]));
    }

    #[test]
    fn file_and_directory_of_the_same_name_are_refused() {
        let mut out = Output::new();
        out.insert("a/b", vec![]).unwrap();
        assert!(
            out.insert("a/b/c", vec![])
                .unwrap_err()
                .contains("already a file")
        );
        assert!(
            out.insert("a", vec![])
                .unwrap_err()
                .contains("already a directory")
        );
        out.insert("a-b", vec![]).unwrap();
        out.insert("a/bc", vec![]).unwrap();
    }

    #[test]
    fn marker_file_is_reserved() {
        let mut out = Output::new();
        assert!(
            out.insert(MARKER_FILE, vec![])
                .unwrap_err()
                .contains("reserved")
        );
        out.insert(format!("sub/{MARKER_FILE}"), vec![]).unwrap();
    }

    #[test]
    fn merge_moves_files_and_reports_every_clash() {
        let mut a = Output::new();
        a.insert("x", b"a".to_vec()).unwrap();
        a.insert("y", b"a".to_vec()).unwrap();
        let mut b = Output::new();
        b.insert("x", b"b".to_vec()).unwrap();
        b.insert("y", b"b".to_vec()).unwrap();
        b.insert("z", b"b".to_vec()).unwrap();
        let errors = a.merge(b).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].contains("`x`") && errors[1].contains("`y`"));
        assert_eq!(a.get("x"), Some(&b"a"[..]));
        assert_eq!(a.get("z"), Some(&b"b"[..]));

        let mut c = Output::new();
        c.insert("w", vec![]).unwrap();
        a.merge(c).unwrap();
        assert_eq!(a.len(), 4);
    }
}

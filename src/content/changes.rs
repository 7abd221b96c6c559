//! Which source files changed since the previous build, as a file watcher saw them, and what
//! that means for the records: which ones to read again, or that the hint cannot be trusted
//! and every file must be looked at (a new, deleted or renamed file, a folder, a path the
//! records cannot be told from).
//!
//! Only `content/` matters here: the records depend on `site.yaml` and `static/` through the
//! settings read (`super::record_inputs`), which the memo compares itself, and on nothing else outside `content/`.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use super::walk::{self, RecordFiles};

/// The files changed since the previous build, or "unknown" (look at every file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// `None` when unknown.
    paths: Option<BTreeSet<PathBuf>>,
}

impl Default for Changes {
    /// Unknown: nothing can be assumed.
    fn default() -> Self {
        Changes::unknown()
    }
}

impl Changes {
    /// Nothing is known about what changed: every file has to be looked at.
    pub fn unknown() -> Self {
        Changes { paths: None }
    }

    /// Nothing changed (yet).
    pub fn none() -> Self {
        Changes {
            paths: Some(BTreeSet::new()),
        }
    }

    /// Exactly these files (and folders) changed: absolute paths, or relative to the site root.
    pub fn paths(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        Changes {
            paths: Some(paths.into_iter().collect()),
        }
    }

    /// Whether the changed paths are known.
    pub fn is_known(&self) -> bool {
        self.paths.is_some()
    }

    /// Adds the changes of a later batch (unknown stays unknown).
    pub fn merge(&mut self, other: Changes) {
        match (&mut self.paths, other.paths) {
            (Some(mine), Some(theirs)) => mine.extend(theirs),
            (mine, _) => *mine = None,
        }
    }

    /// The records of `files` (a previous discovery under `root`) to read again, by index;
    /// `None` when the changes cannot be followed that way and every file must be looked at.
    pub(super) fn records_to_read(
        &self,
        root: &Path,
        files: &[RecordFiles],
    ) -> Option<BTreeSet<usize>> {
        let absolute_root = std::path::absolute(root).ok();
        let mut read = BTreeSet::new();
        for path in self.paths.as_ref()? {
            let rel = relative(path, root, absolute_root.as_deref())?;
            if let Some(i) = owner(root, &rel, files)? {
                read.insert(i);
            }
        }
        Some(read)
    }
}

/// `path` relative to the site root; `None` when it lies outside.
fn relative(path: &Path, root: &Path, absolute_root: Option<&Path>) -> Option<PathBuf> {
    if path.is_relative() {
        return Some(path.to_path_buf());
    }
    path.strip_prefix(root)
        .ok()
        .or_else(|| path.strip_prefix(absolute_root?).ok())
        .map(Path::to_path_buf)
}

/// The record whose file (or folder content) `rel` is: `Some(None)` for a path no record
/// depends on (outside `content/`), `None` when the change may alter which records exist.
fn owner(root: &Path, rel: &Path, files: &[RecordFiles]) -> Option<Option<usize>> {
    let mut parts = rel.components().map(|c| match c {
        Component::Normal(name) => name.to_str(),
        _ => None,
    });
    match parts.next() {
        Some(Some("content")) => {}
        // `site.yaml` and `static/` count through the settings read; nothing else
        // outside `content/` is read by the content stage.
        Some(Some(_)) => return Some(None),
        _ => return None,
    }
    let collection = parts.next()??;
    if walk::is_skippable(collection) {
        return Some(None);
    }
    let name = parts.next()??;
    if walk::is_skippable(name) {
        // Hidden files and editor leftovers, which discovery passes over.
        return Some(None);
    }
    if parts.next().is_some() {
        // Inside `content/<collection>/<name>/`: the folder of a record, which reads it when
        // it is built. The folder itself must still be there (discovery saw it).
        let i = find(files, collection, name)?;
        let folder = Path::new("content").join(collection).join(name);
        return (files[i].has_folder && root.join(folder).is_dir()).then_some(Some(i));
    }
    // `content/<collection>/<name>`: a record's `.yaml` or `.<lang>.md`, still a file.
    let id = match name.strip_suffix(".yaml") {
        Some(id) => id,
        None => name.strip_suffix(".md")?.rsplit_once('.')?.0,
    };
    let i = find(files, collection, id)?;
    let record = &files[i];
    let known = record.yaml.as_deref() == Some(rel) || record.texts.iter().any(|(_, p)| p == rel);
    (known && root.join(rel).is_file()).then_some(Some(i))
}

/// The record `collection/id` in `files`, which discovery orders by collection, then id.
fn find(files: &[RecordFiles], collection: &str, id: &str) -> Option<usize> {
    files
        .binary_search_by(|f| (f.collection.as_str(), f.id.as_str()).cmp(&(collection, id)))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(collection: &str, id: &str, langs: &[&str], yaml: bool, folder: bool) -> RecordFiles {
        let base = Path::new("content").join(collection);
        RecordFiles {
            collection: collection.into(),
            id: id.into(),
            yaml: yaml.then(|| base.join(format!("{id}.yaml"))),
            texts: langs
                .iter()
                .map(|l| (l.to_string(), base.join(format!("{id}.{l}.md"))))
                .collect(),
            has_folder: folder,
        }
    }

    /// A site on disk with the files `records` describe.
    fn site(records: &[RecordFiles]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for r in records {
            for path in r.yaml.iter().chain(r.texts.iter().map(|(_, p)| p)) {
                let path = dir.path().join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, "x").unwrap();
            }
            if r.has_folder {
                let folder = dir.path().join("content").join(&r.collection).join(&r.id);
                std::fs::create_dir_all(&folder).unwrap();
                std::fs::write(folder.join("a.jpg"), "x").unwrap();
            }
        }
        dir
    }

    #[test]
    fn known_files_and_folder_contents_name_their_records() {
        let files = [
            record("events", "a", &["lv", "ru"], true, false),
            record("events", "b", &["lv"], true, true),
            record("towns", "a", &["lv"], false, false),
        ];
        let dir = site(&files);
        let root = dir.path();
        let read = |paths: &[&str]| {
            Changes::paths(paths.iter().map(|p| root.join(p))).records_to_read(root, &files)
        };
        let set = |v: &[usize]| Some(v.iter().copied().collect::<BTreeSet<_>>());
        assert_eq!(read(&[]), set(&[]));
        assert_eq!(read(&["content/events/a.ru.md"]), set(&[0]));
        assert_eq!(
            read(&["content/events/b.yaml", "content/towns/a.lv.md"]),
            set(&[1, 2])
        );
        assert_eq!(read(&["content/events/b/a.jpg"]), set(&[1]));
        // A file added to or removed from a record's folder: the record reads its folder.
        assert_eq!(read(&["content/events/b/new.jpg"]), set(&[1]));
        // Outside `content/`: the configuration hash decides; themes and locales do not count.
        assert_eq!(read(&["themes/t/templates/a.html", "site.yaml"]), set(&[]));
        // What discovery passes over: hidden files, editor leftovers.
        assert_eq!(
            read(&["content/events/.a.lv.md.tmp1", "content/.git/x"]),
            set(&[])
        );
        // Relative paths are relative to the root.
        let relative = Changes::paths([PathBuf::from("content/events/a.lv.md")]);
        assert_eq!(relative.records_to_read(root, &files), set(&[0]));
    }

    #[test]
    fn new_deleted_and_unknown_paths_cannot_be_followed() {
        let files = [
            record("events", "a", &["lv"], true, false),
            record("events", "b", &["lv"], false, true),
        ];
        let dir = site(&files);
        let root = dir.path();
        let read = |path: &str| Changes::paths([root.join(path)]).records_to_read(root, &files);
        std::fs::write(root.join("content/events/c.lv.md"), "x").unwrap();
        for path in [
            "content/events/c.lv.md",  // new record
            "content/events/a.ru.md",  // new text of a known record (not on disk either)
            "content/events/b.yaml",   // new .yaml of a known record
            "content/events/b",        // the folder itself
            "content/events/a/x.jpg",  // a folder that a record did not have
            "content/events/zz/x.jpg", // a folder of no record
            "content/events",
            "content",
            "content/notes/x.lv.md", // not a known collection
            "content/events/README", // not a record file name
        ] {
            assert_eq!(read(path), None, "{path}");
        }
        std::fs::remove_file(root.join("content/events/a.lv.md")).unwrap();
        assert_eq!(read("content/events/a.lv.md"), None, "deleted");
        std::fs::remove_dir_all(root.join("content/events/b")).unwrap();
        assert_eq!(read("content/events/b/a.jpg"), None, "folder deleted");
        assert_eq!(
            read("/elsewhere/content/events/a.yaml"),
            None,
            "outside the root"
        );
        assert_eq!(Changes::unknown().records_to_read(root, &files), None);
    }

    #[test]
    fn merging_keeps_every_path_and_unknown_wins() {
        let mut changes = Changes::none();
        changes.merge(Changes::paths([PathBuf::from("a")]));
        changes.merge(Changes::paths([PathBuf::from("b")]));
        assert_eq!(changes, Changes::paths(["a", "b"].map(PathBuf::from)));
        changes.merge(Changes::unknown());
        assert!(!changes.is_known());
        changes.merge(Changes::none());
        assert!(!changes.is_known());
    }
}

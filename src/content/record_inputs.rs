//! The inputs of reading a record, as the memo (`crate::memo`) sees them: what
//! [`super::record::build`] reads from disk, noted by `build` itself as it reads (see
//! [`note`]), and what each of those reads answers *now* ([`Disk`]). Reading a record is a
//! derived value of the memo (`super::cache`); this module is its input layer, and the only
//! place that says how a record's files are fingerprinted.
//!
//! A file is fingerprinted by its length and modification time, like `make` (reading every
//! record's text again to hash it would cost what reading the record costs). `vestis serve`'s
//! watcher names the files saved since the last build; those records are read again whatever
//! their fingerprint says (a save within the file system's time resolution keeps it).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::memo::{Current, Fingerprint, Reads};
use crate::source_file::Purpose;

/// One thing reading a record reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum RecordRead {
    /// `site.yaml` (the collections' schemas) and the names of the files under `static/`
    /// (a file field may point there: a record depends on which files exist, not on what
    /// they hold, so editing a stylesheet reads no record again).
    Settings,
    /// One of the record's files (`.yaml` or `.<lang>.md`), relative to the site root.
    File(PathBuf),
    /// The record's folder (`content/<collection>/<id>/`): its files' names, lengths and
    /// modification times, which file fields are resolved against.
    Folder(PathBuf),
}

/// What the reads of a record answer on disk now.
pub(super) struct Disk<'a> {
    config: &'a Config,
    /// The answer of [`RecordRead::Settings`], read once per load.
    settings: Fingerprint,
}

impl<'a> Disk<'a> {
    /// The record inputs of `config`'s site as they are now.
    pub(super) fn new(config: &'a Config) -> Disk<'a> {
        Disk {
            config,
            settings: settings(config),
        }
    }

    /// Whether `site.yaml` could be read: when it cannot (it changed under us), nothing may be
    /// reused.
    pub(super) fn complete(&self) -> bool {
        self.settings.is_some()
    }

    /// The answer of [`RecordRead::Settings`].
    pub(super) fn settings(&self) -> Fingerprint {
        self.settings
    }
}

impl Current<RecordRead> for Disk<'_> {
    fn answer(&self, read: &RecordRead) -> Fingerprint {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        match read {
            RecordRead::Settings => return self.settings,
            RecordRead::File(path) => hash_metadata(&self.config.root.join(path), &mut h),
            RecordRead::Folder(path) => hash_tree_metadata(&self.config.root.join(path), &mut h),
        }
        Some(h.finish())
    }
}

/// Notes `read` in `reads` with what it answers now: called by the code that reads it.
pub(super) fn note(reads: &mut Reads<RecordRead>, disk: &Disk<'_>, read: RecordRead) {
    let answer = disk.answer(&read);
    reads.note(read, answer);
}

/// One fingerprint of everything a record's reading read: its [`super::Record::version`],
/// which the record's views record when they read it.
pub(super) fn version(reads: &Reads<RecordRead>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for read in reads.iter() {
        read.hash(&mut h);
    }
    h.finish()
}

/// `site.yaml`'s text and the list of `static/` files; `None` when site.yaml cannot be read.
fn settings(config: &Config) -> Fingerprint {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let files = &config.files;
    files
        .read_source(Path::new(crate::config::CONFIG_FILE))
        .ok()?
        .hash(&mut h);
    // What the policy refuses is reported by the static copy, not here.
    let mut ignored = crate::diagnostics::Diagnostics::new();
    for file in files.walk(&files.root().join("static"), Purpose::Publish, &mut ignored) {
        file.path.hash(&mut h);
    }
    Some(h.finish())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("site.yaml"),
            "title: T\nbase_url: \"https://example.org\"\nlanguages:\n  - { code: lv, name: L }\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("content/events/a")).unwrap();
        std::fs::write(root.join("content/events/a.lv.md"), "---\ntitle: A\n---\n").unwrap();
        let config = Config::load(root).unwrap();
        (dir, config)
    }

    #[test]
    fn a_read_answers_what_is_on_disk_now() {
        let (dir, config) = site();
        let file = RecordRead::File("content/events/a.lv.md".into());
        let folder = RecordRead::Folder("content/events/a".into());
        let before = Disk::new(&config);
        let (file_was, folder_was) = (before.answer(&file), before.answer(&folder));
        assert!(before.complete());
        std::fs::write(dir.path().join("content/events/a.lv.md"), "longer text now").unwrap();
        std::fs::write(dir.path().join("content/events/a/photo.jpg"), "x").unwrap();
        let after = Disk::new(&config);
        assert_ne!(after.answer(&file), file_was);
        assert_ne!(after.answer(&folder), folder_was);
        assert_eq!(after.answer(&RecordRead::Settings), before.settings());
    }

    #[test]
    fn a_new_static_file_changes_the_settings_and_the_version() {
        let (dir, config) = site();
        let before = Disk::new(&config);
        let mut reads = Reads::new();
        note(&mut reads, &before, RecordRead::Settings);
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::fs::write(dir.path().join("static/map.pdf"), "x").unwrap();
        let after = Disk::new(&config);
        assert_ne!(after.settings(), before.settings());
        let mut again = Reads::new();
        note(&mut again, &after, RecordRead::Settings);
        assert_ne!(version(&again), version(&reads));
    }
}

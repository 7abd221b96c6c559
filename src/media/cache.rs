//! The image cache, `<site>/.vestis/cache/images/`: what was made of a photo, kept by a key of
//! its content and of the settings, so that a rebuild (by `build` or `serve`, which share it)
//! decodes only photos that are new or changed. One folder per key holds `entry.json` and the
//! encoded files; a folder appears whole (written beside, then renamed) or not at all, and
//! folders the last complete build did not use are removed.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::encode::Encoding;

/// The cache folder inside a site.
pub const CACHE_DIR: &str = ".vestis/cache/images";
/// The most bytes an `entry.json` may have.
const ENTRY_LIMIT: u64 = 64 * 1024;

/// What is kept of one photo.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// Size of the upright picture.
    pub width: u32,
    /// Height of the upright picture.
    pub height: u32,
    /// Its average colour, `#rrggbb`.
    pub colour: String,
    /// The EXIF orientation the source had.
    pub orientation: u8,
    /// The files made, each in the folder under its `file` name.
    pub files: Vec<EntryFile>,
    /// The 1200 × 630 crop for sharing (`image` fields only); absent in entries written
    /// before there were crops.
    #[serde(default)]
    pub share: Option<EntryFile>,
}

impl Entry {
    /// Every file of the entry: the widths, then the share crop.
    pub fn all_files(&self) -> impl Iterator<Item = &EntryFile> {
        self.files.iter().chain(self.share.iter())
    }
}

/// One encoded file of an [`Entry`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct EntryFile {
    /// Its encoding.
    pub encoding: Encoding,
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// File name in the entry folder.
    pub file: String,
}

/// The cache of one site.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of the site at `root`.
    pub fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR),
        }
    }

    /// The folder of the entry under `key` and its `entry.json`, when it can be read.
    fn entry(&self, key: &str) -> Option<(PathBuf, Entry)> {
        let dir = self.dir.join(key);
        let json = dir.join("entry.json");
        if fs::metadata(&json).ok()?.len() > ENTRY_LIMIT {
            return None;
        }
        let entry: Entry = serde_json::from_slice(&fs::read(json).ok()?).ok()?;
        Some((dir, entry))
    }

    /// The entry under `key` with its files' bytes, when it is there whole.
    pub fn get(&self, key: &str) -> Option<(Entry, Vec<Vec<u8>>)> {
        let (dir, entry) = self.entry(key)?;
        let bytes = entry
            .all_files()
            .filter(|f| is_plain_name(&f.file))
            .map(|f| fs::read(dir.join(&f.file)).ok())
            .collect::<Option<Vec<_>>>()?;
        (bytes.len() == entry.all_files().count()).then_some((entry, bytes))
    }

    /// The entry under `key` with where its files are, when it is there whole: a build
    /// copies them into its output without holding their bytes (see [`super::Processed`]).
    pub fn get_paths(&self, key: &str) -> Option<(Entry, Vec<PathBuf>)> {
        let (dir, entry) = self.entry(key)?;
        let paths = entry
            .all_files()
            .map(|f| {
                let path = dir.join(&f.file);
                let ordinary =
                    is_plain_name(&f.file) && fs::symlink_metadata(&path).ok()?.is_file();
                ordinary.then_some(path)
            })
            .collect::<Option<Vec<_>>>()?;
        Some((entry, paths))
    }

    /// Where the files of the entry under `key` are (see [`Cache::get_paths`]).
    pub fn paths(&self, key: &str, entry: &Entry) -> Vec<PathBuf> {
        let dir = self.dir.join(key);
        entry.all_files().map(|f| dir.join(&f.file)).collect()
    }

    /// Keeps `entry` and its files' bytes under `key`. Another build of the same site may
    /// be writing the same entry at the same moment (a key names the photo's content and the
    /// settings, so both write the same files): each writes into a folder of its own, and the
    /// one that finds the entry already there whole keeps it and drops its own copy, rather
    /// than removing files the other may be copying.
    pub fn put(&self, key: &str, entry: &Entry, bytes: &[Vec<u8>]) -> std::io::Result<()> {
        let tmp = self
            .dir
            .join(format!("{TMP_PREFIX}{key}-{}", writing_suffix()));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp)?;
        let written = (|| {
            for (f, b) in entry.all_files().zip(bytes) {
                fs::write(tmp.join(&f.file), b)?;
            }
            fs::write(tmp.join("entry.json"), serde_json::to_vec(entry)?)
        })();
        let target = self.dir.join(key);
        let result = written.and_then(|()| match fs::rename(&tmp, &target) {
            Ok(()) => Ok(()),
            Err(_)
                if self
                    .get_paths(key)
                    .is_some_and(|(there, _)| there == *entry) =>
            {
                Ok(())
            }
            Err(_) => {
                let _ = fs::remove_dir_all(&target);
                fs::rename(&tmp, &target)
            }
        });
        let _ = fs::remove_dir_all(&tmp);
        result
    }

    /// Removes every entry not in `used`, and what an interrupted write left (a writing
    /// folder older than [`TMP_KEPT`]: a younger one may be another build's, still writing).
    pub fn prune(&self, used: &HashSet<String>) {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return;
        };
        for item in dir.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with(TMP_PREFIX) && is_recent(&item.path()) {
                continue;
            }
            if !used.contains(&name) {
                let _ = fs::remove_dir_all(item.path());
            }
        }
    }
}

/// A suffix no other write of this process or of another one running now has (the process
/// id and a count), for a file or folder written beside its place and then renamed into it.
pub(super) fn writing_suffix() -> String {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    format!("{}-{n}", std::process::id())
}

/// The name prefix of a folder an entry is written into before it is renamed into place.
const TMP_PREFIX: &str = ".tmp-";
/// How long a writing folder is left to the build that may be writing it.
const TMP_KEPT: Duration = Duration::from_secs(3600);

/// Whether `path` was changed less than [`TMP_KEPT`] ago.
fn is_recent(path: &Path) -> bool {
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age < TMP_KEPT)
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry of one 10 × 5 JPEG, `10.jpg`.
    fn one_jpeg() -> Entry {
        Entry {
            width: 10,
            height: 5,
            colour: "#000000".into(),
            orientation: 1,
            files: vec![EntryFile {
                encoding: Encoding::Jpeg,
                width: 10,
                height: 5,
                file: "10.jpg".into(),
            }],
            share: None,
        }
    }

    #[test]
    fn entries_come_back_and_unused_ones_are_pruned() {
        let site = tempfile::tempdir().unwrap();
        let cache = Cache::new(site.path());
        let entry = one_jpeg();
        cache.put("abc", &entry, &[b"jpeg".to_vec()]).unwrap();
        cache.put("old", &entry, &[b"jpeg".to_vec()]).unwrap();
        assert_eq!(
            cache.get("abc"),
            Some((entry.clone(), vec![b"jpeg".to_vec()]))
        );
        let (_, paths) = cache.get_paths("abc").unwrap();
        assert_eq!(paths, cache.paths("abc", &entry));
        assert_eq!(fs::read(&paths[0]).unwrap(), b"jpeg");
        fs::remove_file(&paths[0]).unwrap();
        assert!(
            cache.get_paths("abc").is_none(),
            "an entry missing a file is not there"
        );
        cache.put("abc", &entry, &[b"jpeg".to_vec()]).unwrap();
        cache.prune(&HashSet::from(["abc".to_string()]));
        assert!(cache.get("abc").is_some());
        assert!(cache.get("old").is_none());
    }

    #[test]
    fn builds_writing_the_same_entry_at_once_never_take_it_from_each_other() {
        let site = tempfile::tempdir().unwrap();
        let cache = Cache::new(site.path());
        let entry = one_jpeg();
        cache.put("k", &entry, &[b"jpeg".to_vec()]).unwrap();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..50 {
                        cache.put("k", &entry, &[b"jpeg".to_vec()]).unwrap();
                        let (_, paths) = cache.get_paths("k").expect("the entry stays whole");
                        assert_eq!(fs::read(&paths[0]).unwrap(), b"jpeg");
                    }
                });
            }
        });
        let left: Vec<_> = fs::read_dir(site.path().join(CACHE_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["k"], "no writing folder is left behind");
    }

    #[test]
    fn a_young_writing_folder_is_left_to_its_build_and_an_old_one_removed() {
        let site = tempfile::tempdir().unwrap();
        let cache = Cache::new(site.path());
        let young = site.path().join(CACHE_DIR).join(".tmp-k-1-0");
        fs::create_dir_all(&young).unwrap();
        cache.prune(&HashSet::new());
        assert!(young.exists(), "another build may be writing it");
        let old = fs::File::open(&young).unwrap();
        old.set_modified(std::time::SystemTime::now() - 2 * TMP_KEPT)
            .unwrap();
        cache.prune(&HashSet::new());
        assert!(!young.exists(), "an interrupted write is cleaned up");
    }

    #[test]
    fn an_entry_written_before_share_crops_still_reads() {
        let site = tempfile::tempdir().unwrap();
        let cache = Cache::new(site.path());
        let dir = site.path().join(CACHE_DIR).join("k");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("10.jpg"), b"jpeg").unwrap();
        let old = r##"{"width":10,"height":5,"colour":"#000000","orientation":1,
            "files":[{"encoding":"jpeg","width":10,"height":5,"file":"10.jpg"}]}"##;
        fs::write(dir.join("entry.json"), old).unwrap();
        let (entry, bytes) = cache.get("k").unwrap();
        assert_eq!(entry.share, None);
        assert_eq!(bytes, vec![b"jpeg".to_vec()]);
    }
}

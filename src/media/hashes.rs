//! The photos' content hashes, kept by what the file system says of each file, as git's index
//! does: a photo's cache key starts from the SHA-256 of its bytes, and reading and hashing
//! 2 GB of unchanged photos on every rebuild took seconds. `.vestis/cache/sources.json` keeps,
//! per photo, its size, modification and change times, inode and device with the hash they
//! gave; a photo whose stamp is the same is not read again. Any change of the stamp (a photo
//! edited, replaced, copied over, even with its old modification time kept: the change time
//! and inode still move) means reading and hashing it again, so a replaced photo is never
//! missed. A file modified in the last seconds before it was stamped is not kept (its time
//! may not yet tell two versions apart: git's "racy" case), so it is hashed again next time.

use std::collections::HashMap;
use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// The index file inside a site (beside the image cache, which is pruned by entry).
pub const HASHES_FILE: &str = ".vestis/cache/sources.json";
/// The most bytes the index may have (about 200 bytes a photo).
const HASHES_LIMIT: u64 = 32 * 1024 * 1024;
/// How old a modification must be for its stamp to be trusted.
const SETTLED: Duration = Duration::from_secs(2);

/// What the file system says of a file: when it differs, the file may have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    inode: u64,
    device: u64,
}

impl Stamp {
    /// The stamp of a file from its metadata.
    pub fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified: (meta.mtime(), meta.mtime_nsec().clamp(0, 999_999_999) as u32),
                changed: (meta.ctime(), meta.ctime_nsec().clamp(0, 999_999_999) as u32),
                inode: meta.ino(),
                device: meta.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            let since = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .unwrap_or_default();
            Stamp {
                len: meta.len(),
                modified: (since.as_secs() as i64, since.subsec_nanos()),
                changed: (0, 0),
                inode: 0,
                device: 0,
            }
        }
    }

    /// Whether the file was last modified at least [`SETTLED`] before `now` (its change
    /// time, which nobody can set, is compared exactly in any case).
    fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let (secs, nanos) = self.modified;
        let modified = u64::try_from(secs).map_or(Duration::ZERO, |s| Duration::new(s, nanos));
        modified <= now.saturating_sub(SETTLED)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Row {
    path: String,
    stamp: Stamp,
    sha256: String,
}

/// The content hashes known from the last build, by file (absolute path).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hashes {
    known: HashMap<PathBuf, (Stamp, [u8; 32])>,
}

impl Hashes {
    /// The index of the site at `root`; empty when there is none or it cannot be read (then
    /// every photo is hashed again: it only costs time).
    pub fn load(root: &Path) -> Hashes {
        let path = root.join(HASHES_FILE);
        let rows: Vec<Row> = match fs::metadata(&path) {
            Ok(meta) if meta.is_file() && meta.len() <= HASHES_LIMIT => fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let known = rows
            .into_iter()
            .filter_map(|row| Some((PathBuf::from(row.path), (row.stamp, unhex(&row.sha256)?))))
            .collect();
        Hashes { known }
    }

    /// The hash of the file at `path` when its stamp is the one it had.
    pub fn get(&self, path: &Path, stamp: &Stamp) -> Option<[u8; 32]> {
        self.known
            .get(path)
            .filter(|(known, _)| known == stamp)
            .map(|(_, digest)| *digest)
    }

    /// Remembers `digest` for the file at `path` with `stamp` (taken before it was read),
    /// unless it was modified too recently for the stamp to tell (see [`SETTLED`]).
    pub fn insert(&mut self, path: PathBuf, stamp: Stamp, digest: [u8; 32], now: SystemTime) {
        if stamp.settled(now) {
            self.known.insert(path, (stamp, digest));
        }
    }

    /// Writes the index into the site at `root` (written beside, then renamed, so that a
    /// reader never sees half of it); an index that cannot be written only costs time.
    pub fn save(&self, root: &Path) {
        let mut rows: Vec<Row> = self
            .known
            .iter()
            .filter_map(|(path, (stamp, digest))| {
                Some(Row {
                    path: path.to_str()?.to_string(),
                    stamp: *stamp,
                    sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
                })
            })
            .collect();
        rows.sort_by(|a, b| a.path.cmp(&b.path));
        let Ok(json) = serde_json::to_vec(&rows) else {
            return;
        };
        let path = root.join(HASHES_FILE);
        let tmp = path.with_extension(format!("json.tmp-{}", super::cache::writing_suffix()));
        if let Some(dir) = path.parent()
            && fs::create_dir_all(dir).is_ok()
            && fs::write(&tmp, json).is_ok()
            && fs::rename(&tmp, &path).is_err()
        {
            let _ = fs::remove_file(&tmp);
        }
    }
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp_of(path: &Path) -> Stamp {
        Stamp::of(&fs::metadata(path).unwrap())
    }

    #[test]
    fn a_hash_comes_back_only_for_the_same_stamp() {
        let site = tempfile::tempdir().unwrap();
        let photo = site.path().join("a.jpg");
        fs::write(&photo, b"one").unwrap();
        let stamp = stamp_of(&photo);
        let later = SystemTime::now() + Duration::from_secs(10);
        let mut hashes = Hashes::default();
        hashes.insert(photo.clone(), stamp, [7; 32], later);
        hashes.save(site.path());
        let loaded = Hashes::load(site.path());
        assert_eq!(loaded, hashes);
        assert_eq!(loaded.get(&photo, &stamp), Some([7; 32]));
        // Replaced by another file of the same size, its modification time copied over.
        let other = site.path().join("b.jpg");
        fs::write(&other, b"two").unwrap();
        let times =
            fs::FileTimes::new().set_modified(fs::metadata(&photo).unwrap().modified().unwrap());
        fs::File::options()
            .write(true)
            .open(&other)
            .unwrap()
            .set_times(times)
            .unwrap();
        fs::rename(&other, &photo).unwrap();
        let replaced = stamp_of(&photo);
        assert_eq!(replaced.len, stamp.len);
        assert_eq!(replaced.modified, stamp.modified);
        assert_eq!(loaded.get(&photo, &replaced), None);
    }

    #[test]
    fn a_file_modified_just_now_is_not_trusted() {
        let site = tempfile::tempdir().unwrap();
        let photo = site.path().join("a.jpg");
        fs::write(&photo, b"one").unwrap();
        let mut hashes = Hashes::default();
        hashes.insert(photo.clone(), stamp_of(&photo), [1; 32], SystemTime::now());
        assert_eq!(hashes.get(&photo, &stamp_of(&photo)), None);
    }

    #[test]
    fn a_damaged_index_is_an_empty_one() {
        let site = tempfile::tempdir().unwrap();
        let path = site.path().join(HASHES_FILE);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, b"{not json").unwrap();
        assert_eq!(Hashes::load(site.path()), Hashes::default());
    }
}

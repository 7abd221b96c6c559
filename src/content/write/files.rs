//! Reading a record's files as one versioned unit, and replacing a file atomically.
//!
//! The [`Version`] is a hash over every file a save may write (the `.yaml` and each
//! language's `.md`, present or not): a form carries it from load to save, so that a change
//! made meanwhile by anything (another tab, a text editor, `git pull`) is noticed. Files are
//! read with a size bound and never through a link (an editor write must not land elsewhere).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{ConflictFile, RecordPaths, WriteError};
use crate::source_file::{TEXT_LIMIT, io_reason};

/// A hash of a record's files as they were read (`sha256:…`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Version(pub String);

/// One file of a record as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileText {
    /// Relative to the site root.
    pub path: PathBuf,
    /// Its text; `None` when the file does not exist.
    pub text: Option<String>,
}

/// Reads every file of `record` and their version.
pub fn read_record(
    root: &Path,
    record: &RecordPaths,
) -> Result<(Vec<FileText>, Version), WriteError> {
    let mut files = Vec::new();
    let mut hash = Sha256::new();
    for path in std::iter::once(&record.yaml).chain(record.texts.iter().map(|(_, p)| p)) {
        let text = read_text(&root.join(path))?;
        hash.update(path.to_string_lossy().as_bytes());
        match &text {
            Some(t) => {
                hash.update([1]);
                hash.update((t.len() as u64).to_le_bytes());
                hash.update(t.as_bytes());
            }
            None => hash.update([0]),
        }
        files.push(FileText {
            path: path.clone(),
            text,
        });
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok((files, Version(format!("sha256:{hex}"))))
}

/// A text file's contents (`None` when missing); refuses links, large and non-UTF-8 files.
pub fn read_text(path: &Path) -> Result<Option<String>, WriteError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(path, &e)),
    };
    if !meta.is_file() {
        return Err(WriteError::Io(format!(
            "{} is not a plain file (a link or a folder); the editor does not change it",
            path.display()
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| io(path, &e))?;
    let mut bytes = Vec::new();
    file.take(TEXT_LIMIT.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io(path, &e))?;
    if bytes.len() as u64 > TEXT_LIMIT.bytes {
        return Err(WriteError::Io(format!("{} is too large", path.display())));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| WriteError::Io(format!("{} is not UTF-8 text", path.display())))
}

/// The conflict between what is on disk now and what a save planned.
pub fn conflict(now: &[FileText], planned: &[(PathBuf, String)], version: Version) -> WriteError {
    let files = now
        .iter()
        .map(|f| ConflictFile {
            path: f.path.clone(),
            disk: f.text.clone(),
            mine: planned
                .iter()
                .find(|(p, _)| *p == f.path)
                .map(|(_, t)| t.clone()),
        })
        .filter(|f| f.mine.is_some() || f.disk.is_some())
        .collect();
    WriteError::Conflict { version, files }
}

/// Replaces `path` by `bytes` atomically: a temporary file in the same folder (named so
/// that the watcher ignores it), synced, then renamed over the old file. Creates the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    stage(path, bytes)?.finish()
}

/// A file written and synced under a temporary name beside `target`, not yet in place:
/// [`Staged::finish`] renames it over the target; dropping it unfinished removes it.
#[derive(Debug)]
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staged {
    /// Puts the staged file in place (one rename).
    pub fn finish(mut self) -> Result<(), WriteError> {
        let result = std::fs::rename(&self.temp, &self.target);
        self.done = result.is_ok();
        result.map_err(|e| io(&self.target, &e))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` beside `path` under a temporary name (the slow part of a write: creating,
/// writing and syncing), so that only a rename is left to do. Creates the folder.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(WriteError::Io(format!(
            "{} is not a plain file (a link or a folder); the editor does not change it",
            path.display()
        )));
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut random = [0u8; 6];
    getrandom::fill(&mut random).map_err(|e| WriteError::Io(e.to_string()))?;
    let suffix: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let staged = Staged {
        temp: dir.join(format!(".#{name}.vestis-{suffix}")),
        target: path.to_path_buf(),
        done: false,
    };
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&staged.temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    result.map_err(|e| io(path, &e))?;
    Ok(staged)
}

/// The editor's write lock of a site: held while a save checks the version and renames its
/// files, so that two saves (two tabs, or two `vestis` runs on the same site) never both
/// pass the check. It is an OS lock on `.vestis/edit.lock`, released when dropped (and by
/// the OS when the process ends, so a crash never leaves the site locked).
#[derive(Debug)]
pub struct WriteLock {
    _file: std::fs::File,
}

/// Waits for the site's write lock.
pub fn lock(root: &Path) -> Result<WriteLock, WriteError> {
    let dir = root.join(".vestis");
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, &e))?;
    let path = dir.join("edit.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io(&path, &e))?;
    file.lock().map_err(|e| io(&path, &e))?;
    Ok(WriteLock { _file: file })
}

fn io(path: &Path, e: &std::io::Error) -> WriteError {
    WriteError::Io(format!("{}: {}", path.display(), io_reason(e)))
}

/// A `.md` file cut into its parts, so that it is put back together byte for byte.
#[derive(Debug, PartialEq, Eq)]
pub struct Parts<'a> {
    /// The opening `---` line with its line break.
    pub open: &'a str,
    /// The front matter's YAML.
    pub yaml: &'a str,
    /// The closing `---` line with its line break.
    pub close: &'a str,
    /// The body.
    pub body: &'a str,
}

/// Cuts a `.md` text at its `---` lines (LF or CRLF); `None` when it has no front matter.
pub fn split_front_matter(text: &str) -> Option<Parts<'_>> {
    let open_len = if text.starts_with("---\r\n") {
        5
    } else if text.starts_with("---\n") {
        4
    } else {
        return None;
    };
    let rest = &text[open_len..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let close_start = open_len + offset;
            let close_end = close_start + line.len();
            return Some(Parts {
                open: &text[..open_len],
                yaml: &text[open_len..close_start],
                close: &text[close_start..close_end],
                body: &text[close_end..],
            });
        }
        offset += line.len();
    }
    None
}

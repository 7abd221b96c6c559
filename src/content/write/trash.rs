//! Deleting a record without losing it: its files move to
//! `.vestis/trash/<UTC time>-<collection>-<id>/`, keeping their paths below that folder
//! (`…/content/press/x.yaml`), and [`restore`] moves them back. Nothing is ever removed.
//! A trash entry is named by that folder name only; it is checked before any path is made.

use std::path::{Component, Path, PathBuf};

use super::{RecordPaths, Version, WriteError, files};

/// The trash folder, relative to the site root.
pub const TRASH_DIR: &str = ".vestis/trash";

/// One deleted record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Trashed {
    /// The entry's name (`20261201T122300Z-press-x`).
    pub trash: String,
    /// Its collection.
    pub collection: String,
    /// Its id.
    pub id: String,
    /// Its files, as they were (relative to the site root).
    pub files: Vec<PathBuf>,
}

/// Moves the record's files (and its folder) into the trash, when it is still at `expected`.
pub fn delete(root: &Path, record: &RecordPaths, expected: &Version) -> Result<String, WriteError> {
    let _lock = files::lock(root)?;
    let (now, version) = files::read_record(root, record)?;
    if &version != expected {
        return Err(files::conflict(&now, &[], version));
    }
    let mut moving: Vec<&Path> = record.files().filter(|p| root.join(p).is_file()).collect();
    if root.join(&record.folder).is_dir() {
        moving.push(&record.folder);
    }
    if moving.is_empty() {
        return Err(WriteError::NotFound(format!(
            "{}/{}",
            record.collection, record.id
        )));
    }
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut name = format!("{stamp}-{}-{}", record.collection, record.id);
    let mut n = 1;
    while root.join(TRASH_DIR).join(&name).exists() {
        n += 1;
        name = format!("{stamp}-{}-{}-{n}", record.collection, record.id);
    }
    let entry = root.join(TRASH_DIR).join(&name);
    for path in moving {
        move_path(&root.join(path), &entry.join(path))?;
    }
    Ok(name)
}

/// Every entry of the trash, newest first.
pub fn list(root: &Path) -> Vec<Trashed> {
    let Ok(dir) = std::fs::read_dir(root.join(TRASH_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<Trashed> = dir
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter_map(|name| entry(root, &name).ok())
        .collect();
    out.sort_by(|a, b| b.trash.cmp(&a.trash));
    out
}

/// Moves a trash entry's files back; refuses when any of them exists again.
pub fn restore(root: &Path, name: &str) -> Result<Trashed, WriteError> {
    let trashed = entry(root, name)?;
    let base = root.join(TRASH_DIR).join(name);
    let tops = top_paths(&base)?;
    if let Some(taken) = tops.iter().find(|p| root.join(p).exists()) {
        return Err(WriteError::Exists(taken.display().to_string()));
    }
    for path in &tops {
        move_path(&base.join(path), &root.join(path))?;
    }
    let _ = remove_empty_dirs(&base);
    Ok(trashed)
}

/// The entry `name`, when it is a well-formed trash entry's name that exists.
fn entry(root: &Path, name: &str) -> Result<Trashed, WriteError> {
    let not_found = || WriteError::NotFound(name.to_string());
    let ok_chars = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok_chars || name.len() > 300 || name.len() < 18 {
        return Err(not_found());
    }
    let base = root.join(TRASH_DIR).join(name);
    let tops = top_paths(&base).map_err(|_| not_found())?;
    let first = tops.first().ok_or_else(not_found)?;
    let mut parts = first.components().skip(1);
    let collection = parts
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .ok_or_else(not_found)?
        .to_string();
    let id = first
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| n.split('.').next().unwrap_or(n).to_string())
        .ok_or_else(not_found)?;
    Ok(Trashed {
        trash: name.to_string(),
        collection,
        id,
        files: tops,
    })
}

/// The record's paths inside an entry: `content/<collection>/<name>` (files or the folder).
fn top_paths(base: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let content = base.join("content");
    let read = |d: &Path| std::fs::read_dir(d).map_err(|e| WriteError::Io(e.to_string()));
    let mut out = Vec::new();
    for collection in read(&content)?.flatten() {
        for item in read(&collection.path())?.flatten() {
            let rel = Path::new("content")
                .join(collection.file_name())
                .join(item.file_name());
            if rel.components().all(|c| matches!(c, Component::Normal(_))) {
                out.push(rel);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn move_path(from: &Path, to: &Path) -> Result<(), WriteError> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| WriteError::Io(e.to_string()))?;
    }
    std::fs::rename(from, to).map_err(|e| WriteError::Io(format!("{}: {e}", from.display())))
}

fn remove_empty_dirs(dir: &Path) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)?.flatten() {
        if e.file_type()?.is_dir() {
            remove_empty_dirs(&e.path())?;
        }
    }
    std::fs::remove_dir(dir)
}

//! The file side of the random edits: reading and writing the site's files, snapshots of
//! them and going back to one, and finding records, texts and references in them.

use std::path::{Path, PathBuf};

use super::{Edit, Site, Snapshot};
use crate::incremental_random::rng::Rng;

impl Site {
    /// Brings the files back to `snapshot`: writes what differs, deletes what was added
    /// (and folders left empty).
    pub(super) fn restore(&mut self, snapshot: &Snapshot, why: &str) -> Edit {
        let now = self.snapshot();
        let mut changed = Vec::new();
        for (path, bytes) in snapshot {
            if now.get(path) != Some(bytes) {
                let full = self.root.join(path);
                if let Some(parent) = full.parent() {
                    std::fs::create_dir_all(parent).unwrap();
                }
                std::fs::write(full, bytes).unwrap();
                changed.push(path.clone());
            }
        }
        for path in now.keys().filter(|p| !snapshot.contains_key(*p)) {
            std::fs::remove_file(self.root.join(path)).unwrap();
            changed.push(path.clone());
            let parent = path.parent().map(|p| self.root.join(p));
            if let Some(dir) = parent.filter(|d| d.read_dir().is_ok_and(|mut e| e.next().is_none()))
            {
                std::fs::remove_dir(&dir).unwrap();
                changed.push(dir.strip_prefix(&self.root).unwrap().to_path_buf());
            }
        }
        Edit {
            what: format!("{why}: {changed:?}"),
            changed,
        }
    }

    /// Points the references to `collection/old` (ref fields, links in texts) at `new`; returns
    /// the files changed.
    pub(super) fn retarget(&self, collection: &str, old: &str, new: &str) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        for (path, bytes) in self.snapshot() {
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            if !path.starts_with("content") {
                continue;
            }
            let link = |id: &str| format!("(@/{collection}/{id})");
            let mut lines: Vec<String> = Vec::new();
            for line in text.replace(&link(old), &link(new)).lines() {
                let line = match (collection, line.split_once(": ")) {
                    ("towns", Some(("town", id))) if id == old => format!("town: {new}"),
                    ("plays", Some(("plays", list))) => {
                        let ids = list.trim_matches(['[', ']']).split(", ");
                        let ids: Vec<&str> =
                            ids.map(|id| if id == old { new } else { id }).collect();
                        format!("plays: [{}]", ids.join(", "))
                    }
                    _ => line.to_string(),
                };
                lines.push(line + "\n");
            }
            let retargeted: String = lines.concat();
            if retargeted != text {
                self.write(&path, &retargeted, String::new());
                changed.push(path);
            }
        }
        changed
    }

    pub(super) fn snapshot(&self) -> Snapshot {
        walkdir::WalkDir::new(&self.root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&self.root).unwrap().to_path_buf();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    pub(super) fn read(&self, path: &Path) -> Option<String> {
        std::fs::read_to_string(self.root.join(path)).ok()
    }

    pub(super) fn write(&self, path: &Path, text: &str, what: String) -> Edit {
        let full = self.root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
        Edit {
            what,
            changed: vec![path.to_path_buf()],
        }
    }

    /// Sets (or with `None` removes) `key:` in a text's front matter.
    pub(super) fn set_front(&self, text: &Path, key: &str, value: Option<&str>) -> Option<Edit> {
        let old = self.read(text)?;
        let (front, body) = split_front(&old)?;
        let inner = &front[4..front.len() - 4];
        let new = format!("---\n{}---\n{body}", set_key(inner, key, value));
        let what = format!("{} of {} = {value:?}", key, text.display());
        Some(self.write(text, &new, what))
    }

    /// Sets (or with `None` removes) `key:` in a record's `.yaml`.
    pub(super) fn set_line(&self, yaml: &Path, key: &str, value: Option<&str>) -> Option<Edit> {
        let old = self.read(yaml)?;
        let what = format!("{} of {} = {value:?}", key, yaml.display());
        Some(self.write(yaml, &set_key(&old, key, value), what))
    }

    /// Every record text (`content/<collection>/<id>.<lang>.md`).
    pub(super) fn texts(&self) -> Vec<PathBuf> {
        let files = self.snapshot().into_keys();
        let texts =
            files.filter(|p| p.components().count() == 3 && p.to_string_lossy().ends_with(".md"));
        texts.collect()
    }

    /// Every event's `.yaml`.
    pub(super) fn yamls(&self) -> Vec<PathBuf> {
        let ids = self.ids("events");
        let yamls = ids
            .iter()
            .map(|id| Path::new("content/events").join(format!("{id}.yaml")));
        yamls.filter(|p| self.root.join(p).is_file()).collect()
    }

    /// The ids of a collection's records.
    pub(super) fn ids(&self, collection: &str) -> Vec<String> {
        let dir = self.root.join("content").join(collection);
        let mut ids: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|e| {
                e.file_name()
                    .to_str()?
                    .split('.')
                    .next()
                    .map(str::to_string)
            })
            .filter(|id| !id.is_empty())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    pub(super) fn any_record(&self, rng: &mut Rng) -> Option<(String, String)> {
        let collection = ["events", "events", "towns", "plays", "pages"][rng.below(5)];
        let id = rng.pick(&self.ids(collection))?.clone();
        Some((collection.to_string(), id))
    }

    /// The files (and folder) of a record, relative.
    pub(super) fn record_files(&self, collection: &str, id: &str) -> Vec<PathBuf> {
        let dir = Path::new("content").join(collection);
        let entries = std::fs::read_dir(self.root.join(&dir))
            .into_iter()
            .flatten();
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_str().and_then(|n| n.split('.').next()) == Some(id))
            .map(|e| dir.join(e.file_name()))
            .collect();
        files.sort();
        files
    }
}

/// A text's front matter (with both `---` lines) and its body.
pub(super) fn split_front(text: &str) -> Option<(&str, &str)> {
    let end = text.strip_prefix("---\n")?.find("\n---\n")? + 4 + 5;
    Some((&text[..end], &text[end..]))
}

/// `lines` with the line `key: …` set to `value` (added at the end when missing), or removed.
pub(super) fn set_key(lines: &str, key: &str, value: Option<&str>) -> String {
    let prefix = format!("{key}:");
    let mut out: Vec<String> = Vec::new();
    let mut found = false;
    for line in lines.lines() {
        if line.starts_with(&prefix) {
            found = true;
            out.extend(value.map(|v| format!("{key}: {v}")));
        } else {
            out.push(line.to_string());
        }
    }
    if !found {
        out.extend(value.map(|v| format!("{key}: {v}")));
    }
    out.into_iter().map(|l| l + "\n").collect()
}

/// The first line holding `part`.
pub(super) fn find_line(text: &str, part: &str) -> Option<String> {
    text.lines().find(|l| l.contains(part)).map(str::to_string)
}

pub(super) fn replace_once(text: &str, old: &str, new: &str) -> Option<String> {
    text.contains(old).then(|| text.replacen(old, new, 1))
}

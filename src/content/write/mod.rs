//! Writing records: the one place the editor changes the site's sources.
//!
//! A record is named by collection and id (checked against `site.yaml` and the id rules), and
//! its file paths are made here from those names: callers never pass paths, so a request can
//! never reach outside `content/`. Values are edited in place in the `.yaml` and in the front
//! matter of each `.<lang>.md` ([`yaml_edit`]), never re-serialised; bodies are written as
//! given. Every save names the [`Version`] it was made from: when the files changed on disk
//! since, nothing is written and the caller gets both texts ([`WriteError::Conflict`]).
//! Files are replaced atomically (a temporary file in the same folder, then a rename).
//! Deleting moves the record's files to `.vestis/trash/`, from where [`trash::restore`] brings
//! them back.

pub mod files;
pub mod form;
pub mod quote;
pub mod trash;
pub mod yaml_block;
pub mod yaml_edit;
mod yaml_nested;

use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use crate::config::Config;
use crate::content::is_valid_id;
pub use files::{FileText, Version};
pub use yaml_edit::Value;

/// A record's files, made from its collection and id (relative to the site root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPaths {
    /// The collection's name.
    pub collection: String,
    /// The record's id.
    pub id: String,
    /// `content/<collection>/<id>.yaml` (it may not exist).
    pub yaml: PathBuf,
    /// `content/<collection>/<id>.<lang>.md` for every language of the site.
    pub texts: Vec<(String, PathBuf)>,
    /// `content/<collection>/<id>/`, the record's own files.
    pub folder: PathBuf,
}

impl RecordPaths {
    /// Every file of the record that a save may write, `.yaml` first.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(self.yaml.as_path()).chain(self.texts.iter().map(|(_, p)| p.as_path()))
    }

    /// The text file of `lang`.
    pub fn text(&self, lang: &str) -> Option<&Path> {
        self.texts
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, p)| p.as_path())
    }
}

/// Why a record could not be read or written.
#[derive(Debug, Clone, thiserror::Error)]
pub enum WriteError {
    /// Not a collection of site.yaml.
    #[error("`{0}` is not a collection of site.yaml")]
    NoCollection(String),
    /// Not a valid record id.
    #[error("`{0}` is not a valid record name: use lowercase letters, digits and `-`")]
    BadId(String),
    /// Not a language of the site.
    #[error("`{0}` is not a language of the site")]
    NoLanguage(String),
    /// The record has no files.
    #[error("there is no record `{0}`")]
    NotFound(String),
    /// The record (or a file of it) exists already.
    #[error("`{0}` exists already")]
    Exists(String),
    /// Files changed on disk after the form was loaded.
    #[error("the record changed on disk after you opened it")]
    Conflict {
        /// The version on disk now.
        version: Version,
        /// Per file that differs: what is on disk and what this save would write.
        files: Vec<ConflictFile>,
    },
    /// A value could not be written.
    #[error("{path}: {source}")]
    Edit {
        /// The file.
        path: PathBuf,
        /// Why.
        source: yaml_edit::EditError,
    },
    /// The file system refused.
    #[error("{0}")]
    Io(String),
}

/// One file of a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictFile {
    /// The file (relative).
    pub path: PathBuf,
    /// What is on disk now (`None`: it was deleted).
    pub disk: Option<String>,
    /// What the save would have written (`None`: the save would not change it).
    pub mine: Option<String>,
}

/// The changes of one save.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit {
    /// Keys of the `.yaml`.
    pub yaml: Vec<(String, Value)>,
    /// Per language: front matter keys and the body.
    pub texts: IndexMap<String, TextEdit>,
    /// The schema's key order for the `.yaml` and for front matter (to place new keys).
    pub yaml_order: Vec<String>,
    /// Front matter key order.
    pub text_order: Vec<String>,
    /// The site's language codes in site.yaml's order: a gallery photo's per-language texts
    /// (`alt: { lv: …, ru: … }`) are written in it (empty: as the map holds them).
    pub languages: Vec<String>,
}

/// The changes of one language's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextEdit {
    /// Front matter keys.
    pub front: Vec<(String, Value)>,
    /// The new body (`None`: unchanged).
    pub body: Option<String>,
}

/// The files of the record `collection`/`id`, when both names are allowed.
pub fn locate(config: &Config, collection: &str, id: &str) -> Result<RecordPaths, WriteError> {
    let Some((name, _)) = config.collections.get_key_value(collection) else {
        return Err(WriteError::NoCollection(collection.to_string()));
    };
    if !is_valid_id(id) || id.len() > 200 {
        return Err(WriteError::BadId(id.to_string()));
    }
    let dir = Path::new("content").join(name);
    Ok(RecordPaths {
        collection: name.clone(),
        id: id.to_string(),
        yaml: dir.join(format!("{id}.yaml")),
        texts: config
            .language_codes()
            .into_iter()
            .map(|l| {
                let path = dir.join(format!("{id}.{l}.md"));
                (l, path)
            })
            .collect(),
        folder: dir.join(id),
    })
}

/// The new texts of the files `edit` changes (only those that change), given what they hold
/// now. A text for a language that has no file yet starts as an empty front matter.
pub fn plan(
    record: &RecordPaths,
    now: &[FileText],
    edit: &Edit,
) -> Result<Vec<(PathBuf, String)>, WriteError> {
    let current = |path: &Path| {
        now.iter()
            .find(|f| f.path == path)
            .and_then(|f| f.text.clone())
    };
    let mut out = Vec::new();
    if !edit.yaml.is_empty() {
        let before = current(&record.yaml).unwrap_or_default();
        let after = apply(
            &before,
            &edit.yaml,
            &order(&edit.yaml_order),
            edit,
            &record.yaml,
        )?;
        if after != before {
            out.push((record.yaml.clone(), after));
        }
    }
    for (lang, text_edit) in &edit.texts {
        let path = record
            .text(lang)
            .ok_or_else(|| WriteError::NoLanguage(lang.clone()))?;
        let before = current(path).unwrap_or_else(|| "---\n---\n".to_string());
        let parts = files::split_front_matter(&before).ok_or_else(|| WriteError::Edit {
            path: path.to_path_buf(),
            source: yaml_edit::EditError::Unreadable,
        })?;
        let front = apply(
            parts.yaml,
            &text_edit.front,
            &order(&edit.text_order),
            edit,
            path,
        )?;
        let body = text_edit.body.as_deref().unwrap_or(parts.body);
        let after = format!("{}{front}{}{body}", parts.open, parts.close);
        if after != before {
            out.push((path.to_path_buf(), after));
        }
    }
    Ok(out)
}

fn order(o: &[String]) -> Vec<&str> {
    o.iter().map(String::as_str).collect()
}

fn apply(
    text: &str,
    changes: &[(String, Value)],
    order: &[&str],
    edit: &Edit,
    path: &Path,
) -> Result<String, WriteError> {
    let mut text = text.to_string();
    let languages = self::order(&edit.languages);
    for (key, value) in changes {
        let set = yaml_edit::set_in(&text, key, value, order, &languages);
        text = set.map_err(|source| WriteError::Edit {
            path: path.to_path_buf(),
            source,
        })?;
    }
    Ok(text)
}

/// Writes `planned` when the record is still at `expected`; returns the new version.
///
/// The new texts are first written beside their files under temporary names; then, holding
/// the site's write lock ([`files::lock`]), the version is checked once more and the files
/// are renamed into place. Two saves through the editor can never both pass the check, and
/// a change by another program is caught unless it lands in the microseconds between the
/// final check and the renames.
pub fn commit(
    root: &Path,
    record: &RecordPaths,
    expected: &Version,
    planned: &[(PathBuf, String)],
) -> Result<Version, WriteError> {
    let (now, version) = files::read_record(root, record)?;
    if &version != expected {
        return Err(files::conflict(&now, planned, version));
    }
    let staged = planned
        .iter()
        .map(|(path, text)| files::stage(&root.join(path), text.as_bytes()))
        .collect::<Result<Vec<_>, _>>()?;
    let _lock = files::lock(root)?;
    let (now, version) = files::read_record(root, record)?;
    if &version != expected {
        return Err(files::conflict(&now, planned, version));
    }
    for file in staged {
        file.finish()?;
    }
    Ok(files::read_record(root, record)?.1)
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;

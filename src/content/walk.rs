//! Finding the records' files under `content/`: `<collection>/<id>.yaml`,
//! `<collection>/<id>.<lang>.md` and the record folders `<collection>/<id>/`.
//!
//! Only names are checked here, and links against the site's link policy; nothing is parsed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::source_file::{Purpose, SiteFiles};

use super::{io_reason, is_valid_id};

/// The files of one record, paths relative to the site root.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub(super) struct RecordFiles {
    pub collection: String,
    pub id: String,
    pub yaml: Option<PathBuf>,
    /// `(language, path)` in file-name order.
    pub texts: Vec<(String, PathBuf)>,
    pub has_folder: bool,
}

/// Lists every record of every collection, reporting misnamed files. Records come ordered by
/// collection, then id (folders are listed in name order).
pub(super) fn discover(config: &Config) -> (Vec<RecordFiles>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut records = Vec::new();
    let content = config.root.join("content");
    if !content.is_dir() {
        return (records, diagnostics);
    }
    if let Err(d) = config.files.resolve(Path::new("content"), Purpose::Source) {
        diagnostics.push(d);
        return (records, diagnostics);
    }
    for (name, is_dir) in list_dir(&config.files, Path::new("content"), &mut diagnostics) {
        let rel = Path::new("content").join(&name);
        if is_skippable(&name) {
            continue;
        }
        if !is_dir {
            diagnostics.push(
                Diagnostic::warning(Some(&rel), "files directly in `content/` are ignored")
                    .with_suggestion("move it into a collection folder such as `content/events/`"),
            );
        } else if config.collections.contains_key(&name) {
            records.extend(discover_collection(config, &name, &mut diagnostics));
        } else {
            let names = config.collections.keys().map(String::as_str);
            let hint = did_you_mean(&name, names)
                .unwrap_or_else(|| "declare it under `collections:` in site.yaml".into());
            diagnostics.push(
                Diagnostic::error(
                    Some(&rel),
                    format!("`{name}` is not a collection of site.yaml"),
                )
                .with_suggestion(hint),
            );
        }
    }
    (records, diagnostics)
}

fn discover_collection(
    config: &Config,
    collection: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<RecordFiles> {
    let dir = Path::new("content").join(collection);
    let mut by_id: BTreeMap<String, RecordFiles> = BTreeMap::new();
    let mut folders = Vec::new();
    for (name, is_dir) in list_dir(&config.files, &dir, diagnostics) {
        if is_skippable(&name) {
            continue;
        }
        let rel = dir.join(&name);
        if is_dir {
            folders.push((name, rel));
            continue;
        }
        let Some((id, kind)) = classify(config, &name, &rel, diagnostics) else {
            continue;
        };
        let entry = by_id.entry(id.clone()).or_insert_with(|| RecordFiles {
            collection: collection.to_string(),
            id,
            ..Default::default()
        });
        match kind {
            FileKind::Yaml => entry.yaml = Some(rel),
            FileKind::Text(lang) => entry.texts.push((lang, rel)),
        }
    }
    for (name, rel) in folders {
        match by_id.get_mut(&name) {
            Some(record) => record.has_folder = true,
            None => diagnostics.push(
                Diagnostic::warning(Some(&rel), format!("folder `{name}/` belongs to no record"))
                    .with_suggestion(format!(
                        "a record's files go in a folder named like its id, beside `{name}.yaml`"
                    )),
            ),
        }
    }
    by_id.into_values().collect()
}

enum FileKind {
    Yaml,
    Text(String),
}

/// Splits `<id>.yaml` / `<id>.<lang>.md`, reporting names that fit neither.
fn classify(
    config: &Config,
    name: &str,
    rel: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<(String, FileKind)> {
    let (id, kind) = if let Some(id) = name.strip_suffix(".yaml") {
        (id, FileKind::Yaml)
    } else if let Some(stem) = name.strip_suffix(".md") {
        let Some((id, lang)) = stem.rsplit_once('.') else {
            let first = config.default_language();
            diagnostics.push(
                Diagnostic::error(Some(rel), "a text file must name its language")
                    .with_suggestion(format!("rename it to `{stem}.{first}.md`")),
            );
            return None;
        };
        if !config.has_language(lang) {
            let codes = config.languages.iter().map(|l| l.code.as_str());
            let hint = did_you_mean(lang, codes)
                .unwrap_or_else(|| format!("the site's languages are {}", language_list(config)));
            diagnostics.push(
                Diagnostic::error(
                    Some(rel),
                    format!("`{lang}` is not a language of this site"),
                )
                .with_suggestion(hint),
            );
            return None;
        }
        (id, FileKind::Text(lang.to_string()))
    } else {
        let hint = if name.ends_with(".yml") {
            format!("rename it to `{}`", name.replace(".yml", ".yaml"))
        } else {
            "records are `<id>.yaml` and `<id>.<lang>.md`; put other files in the record's folder `<id>/`".into()
        };
        diagnostics.push(
            Diagnostic::error(Some(rel), format!("`{name}` is not a record file"))
                .with_suggestion(hint),
        );
        return None;
    };
    if !is_valid_id(id) {
        diagnostics.push(
            Diagnostic::error(Some(rel), format!("`{id}` is not a valid record id"))
                .with_suggestion(format!(
                    "use lowercase letters, digits and `-` only, e.g. `{}`",
                    crate::i18n::slugify(id)
                )),
        );
        return None;
    }
    Some((id.to_string(), kind))
}

fn language_list(config: &Config) -> String {
    let codes: Vec<String> = config
        .languages
        .iter()
        .map(|l| format!("`{}`", l.code))
        .collect();
    codes.join(", ")
}

/// Editor leftovers and hidden files that are never content.
pub(super) fn is_skippable(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913"
}

/// The entries of a folder as `(name, is_dir)`, sorted; unreadable entries are reported, and
/// so are links the site's link policy refuses (they are left out).
fn list_dir(files: &SiteFiles, rel: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, bool)> {
    let entries = match std::fs::read_dir(files.root().join(rel)) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                Some(rel),
                format!("cannot read the folder: {}", io_reason(&e)),
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let file_type = entry.file_type().ok();
        // What the listing says the entry is (no look at the file: one system call fewer for
        // each of the thousands of files of a collection), unless it is a link.
        if let Some(kind) = file_type.filter(|t| !t.is_symlink()) {
            out.push((name, kind.is_dir()));
            continue;
        }
        let path = entry.path();
        let is_link = file_type.is_some_and(|t| t.is_symlink());
        if is_link && !is_skippable(&name) {
            match files.resolve(&rel.join(&name), Purpose::Source) {
                Ok(_) => {}
                Err(d) if path.exists() => {
                    diagnostics.push(d);
                    continue;
                }
                // Dangling or looping: reported below.
                Err(_) => {}
            }
        }
        // Follows symlinks; a loop or a dangling link fails here and is skipped with a warning.
        match std::fs::metadata(&path) {
            Ok(meta) => out.push((name, meta.is_dir())),
            Err(e) => diagnostics.push(
                Diagnostic::warning(
                    Some(&rel.join(&name)),
                    format!("skipped: {}", io_reason(&e)),
                )
                .with_suggestion("a symbolic link that loops or points nowhere; remove it"),
            ),
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_by_collection_then_id() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let yaml = "title: { lv: A }\nbase_url: \"https://example.org\"\nlanguages:\n  - { code: lv, name: L }\ncollections:\n  towns: {}\n  events: {}\n";
        std::fs::write(root.join("site.yaml"), yaml).unwrap();
        for (collection, id) in [
            ("towns", "b"),
            ("events", "z"),
            ("events", "a-b"),
            ("events", "a"),
        ] {
            let folder = root.join("content").join(collection);
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(format!("{id}.lv.md")), "---\ntitle: x\n---\n").unwrap();
        }
        let config = Config::load(root).unwrap();
        let (records, diagnostics) = discover(&config);
        assert!(diagnostics.is_empty(), "{diagnostics}");
        let found: Vec<(&str, &str)> = records
            .iter()
            .map(|r| (r.collection.as_str(), r.id.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("events", "a"),
                ("events", "a-b"),
                ("events", "z"),
                ("towns", "b")
            ]
        );
    }
}

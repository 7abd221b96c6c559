//! `.vestis/urls.json`: every address the site has published, with the record (or list) it
//! showed. It lives in the site folder and is committed with the content, so that when a
//! slug or a collection's path changes, or a record is removed, the next build knows the old
//! addresses and answers them (a redirect, a "gone" page).
//!
//! Written by `vestis build` only, after the new output was swapped in; never by `check` or
//! `serve`. Sorted, pretty JSON: a change shows as a small diff in version control.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::source_file::{KEPT_LIST_LIMIT, Purpose};

/// The file, relative to the site root.
pub const URLS_FILE: &str = ".vestis/urls.json";

/// The format version written in the file.
const VERSION: u32 = 1;

/// What one published address showed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shown {
    /// The collection.
    pub collection: String,
    /// The record's id; absent for the collection's list page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The page's language.
    pub lang: String,
}

/// The last [`UrlRecord`] read, with the fingerprint of its file's bytes (see
/// [`UrlRecord::load_reusing`]).
#[derive(Debug, Default)]
pub struct KeptUrls(Option<(u64, Arc<UrlRecord>)>);

/// Every address published, by output folder (`lv/pasakumi/x/`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlRecord {
    version: u32,
    /// Output folder → what it showed.
    pub urls: BTreeMap<String, Shown>,
}

impl UrlRecord {
    /// The addresses the built site publishes: each record page and each collection list
    /// (first page), in every language.
    pub fn of_site(config: &Config, site: &Site) -> UrlRecord {
        let mut urls = BTreeMap::new();
        for (lang, view) in &site.views {
            for (name, collection) in &config.collections {
                if collection.has_list(lang) {
                    let path = format!("{lang}/{}/", collection.path_in(lang));
                    let shown = Shown {
                        collection: name.clone(),
                        id: None,
                        lang: lang.clone(),
                    };
                    urls.insert(path, shown);
                }
            }
            for (i, path) in view.paths.iter().enumerate() {
                if let Some(path) = path {
                    let record = &site.records[i];
                    let shown = Shown {
                        collection: record.collection.clone(),
                        id: Some(record.id.clone()),
                        lang: lang.clone(),
                    };
                    urls.insert(path.clone(), shown);
                }
            }
        }
        UrlRecord {
            version: VERSION,
            urls,
        }
    }

    /// The record kept in the site at `root`: empty when there is none yet; an error when the
    /// file is there but cannot be read (it is never silently replaced).
    pub fn load(root: &Path) -> Result<UrlRecord, Diagnostic> {
        Self::load_reusing(root, &mut KeptUrls::default()).map(|r| (*r).clone())
    }

    /// Like [`UrlRecord::load`], reusing `kept`'s record while the file's bytes are the same
    /// (`vestis serve` never writes the file, and parsing it takes tens of milliseconds on a
    /// large site).
    pub fn load_reusing(root: &Path, kept: &mut KeptUrls) -> Result<Arc<UrlRecord>, Diagnostic> {
        let rel = PathBuf::from(URLS_FILE);
        let files = crate::source_file::SiteFiles::new(root, false);
        if !root.join(&rel).exists() {
            return Ok(Arc::default());
        }
        let bytes = files.read(&rel, KEPT_LIST_LIMIT, Purpose::Source)?;
        let key = crate::memo::fingerprint(&bytes);
        if let Some((k, record)) = &kept.0
            && *k == key
        {
            return Ok(Arc::clone(record));
        }
        let record = Arc::new(Self::parse(&rel, &bytes)?);
        kept.0 = Some((key, Arc::clone(&record)));
        Ok(record)
    }

    fn parse(rel: &Path, bytes: &[u8]) -> Result<UrlRecord, Diagnostic> {
        let text = String::from_utf8_lossy(bytes);
        serde_json::from_str::<UrlRecord>(&text).map_err(|e| {
            Diagnostic::error(Some(rel), format!("the list of published addresses cannot be read: {e}"))
                .at_line_col(&text, e.line(), e.column(), 1)
                .with_suggestion("restore the file from version control (`git checkout .vestis/urls.json`), or delete it to start a new list")
        })
    }

    /// Everything `self` knows, with the addresses of `current` replacing the old ones.
    pub fn merged(&self, current: &UrlRecord) -> UrlRecord {
        let mut urls = self.urls.clone();
        urls.extend(current.urls.iter().map(|(k, v)| (k.clone(), v.clone())));
        UrlRecord {
            version: VERSION,
            urls,
        }
    }

    /// Writes the record into the site at `root` (through a temporary file and a rename).
    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let path = root.join(URLS_FILE);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        json.push('\n');
        // Compared only when the sizes match, so an unrelated huge file is never read.
        let same_size = std::fs::metadata(&path).is_ok_and(|m| m.len() == json.len() as u64);
        if same_size && std::fs::read_to_string(&path).is_ok_and(|old| old == json) {
            return Ok(());
        }
        let temp = path.with_extension(format!("json.{}.tmp", std::process::id()));
        std::fs::write(&temp, json)?;
        std::fs::rename(&temp, &path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(id: &str) -> Shown {
        Shown {
            collection: "events".into(),
            id: Some(id.into()),
            lang: "lv".into(),
        }
    }

    fn empty() -> UrlRecord {
        UrlRecord {
            version: VERSION,
            urls: BTreeMap::new(),
        }
    }

    #[test]
    fn saved_records_are_sorted_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = empty();
        record.urls.insert("lv/pasakumi/b/".into(), shown("b"));
        record.urls.insert("lv/pasakumi/a/".into(), shown("a"));
        record.save(dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join(URLS_FILE)).unwrap();
        assert!(
            text.find("pasakumi/a/").unwrap() < text.find("pasakumi/b/").unwrap(),
            "{text}"
        );
        assert_eq!(UrlRecord::load(dir.path()).unwrap(), record);
    }

    #[test]
    fn a_large_site_s_record_over_ten_megabytes_is_read_back() {
        // 100,000 records make ~24 MB: more than a hand-written text file may be.
        let dir = tempfile::tempdir().unwrap();
        let mut record = empty();
        for i in 0..80_000 {
            let id = format!("event-with-a-rather-long-name-{i:06}");
            record.urls.insert(format!("lv/pasakumi/{id}/"), shown(&id));
        }
        record.save(dir.path()).unwrap();
        let size = std::fs::metadata(dir.path().join(URLS_FILE)).unwrap().len();
        assert!(size > crate::source_file::TEXT_LIMIT.bytes, "{size}");
        assert_eq!(UrlRecord::load(dir.path()).unwrap(), record);
    }

    #[test]
    fn the_parsed_record_is_reused_while_the_file_is_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = empty();
        record.urls.insert("lv/pasakumi/a/".into(), shown("a"));
        record.save(dir.path()).unwrap();
        let mut kept = KeptUrls::default();
        let first = UrlRecord::load_reusing(dir.path(), &mut kept).unwrap();
        let again = UrlRecord::load_reusing(dir.path(), &mut kept).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        record.urls.insert("lv/pasakumi/b/".into(), shown("b"));
        record.save(dir.path()).unwrap();
        let changed = UrlRecord::load_reusing(dir.path(), &mut kept).unwrap();
        assert_eq!(*changed, record);
        std::fs::remove_file(dir.path().join(URLS_FILE)).unwrap();
        let gone = UrlRecord::load_reusing(dir.path(), &mut kept).unwrap();
        assert!(gone.urls.is_empty());
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".vestis")).unwrap();
        std::fs::write(
            dir.path().join(URLS_FILE),
            "{\"version\": 1, \"urls\": {\n  oops",
        )
        .unwrap();
        let d = UrlRecord::load(dir.path()).unwrap_err();
        assert!(
            d.message
                .starts_with("the list of published addresses cannot be read"),
            "{}",
            d.message
        );
        assert_eq!(d.line, 2);
    }

    #[test]
    fn merging_keeps_old_addresses_and_takes_new_ones() {
        let mut old = UrlRecord::default();
        old.urls.insert("lv/pasakumi/old/".into(), shown("x"));
        let mut new = UrlRecord::default();
        new.urls.insert("lv/pasakumi/new/".into(), shown("x"));
        let merged = old.merged(&new);
        assert_eq!(merged.urls.len(), 2);
        assert_eq!(merged.version, VERSION);
    }
}

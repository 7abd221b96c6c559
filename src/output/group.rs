//! Files made together when the first of them is read: `vestis serve`'s search indexes.
//!
//! A search index is a manifest (`lv/search.json`, its path known in advance) and many files
//! beside it whose names come from its words (`lv/search/ab.json`): they are known only once
//! the index is made. Making both languages' indexes takes most of a rebuild at 10,000
//! records, and nobody searches while editing, so `serve` registers the index as a group: the
//! manifest is an ordinary deferred file, and reading it, or any path under the group's
//! folder, makes the whole group once (see [`super::Output::insert_deferred_group`]).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use super::paths::validate_path;

/// How a group is made: every file of it (`(path, bytes)`, the lead file included), or a
/// message saying why it could not be.
pub type MakeGroup = Box<dyn Fn() -> Result<Vec<(String, Vec<u8>)>, String> + Send + Sync>;

/// A group of files made at once, on first read.
pub(super) struct Group {
    /// The file whose path is known before the group is made (its manifest).
    lead: String,
    /// The folder the other files are in, ending in `/`.
    dir: String,
    make: MakeGroup,
    made: OnceLock<Result<BTreeMap<String, Vec<u8>>, String>>,
}

impl Group {
    /// A group led by `lead` whose other files are all under `dir` (without its final `/`).
    pub(super) fn new(lead: String, dir: &str, make: MakeGroup) -> Arc<Self> {
        Arc::new(Group {
            lead,
            dir: format!("{}/", dir.trim_end_matches('/')),
            make,
            made: OnceLock::new(),
        })
    }

    /// Whether `path` would be a file of this group (without making it).
    pub(super) fn covers(&self, path: &str) -> bool {
        path == self.lead || path.starts_with(&self.dir)
    }

    /// Every file of the group, made now if not yet; Err(message) when it could not be made,
    /// or made a file outside its folder or with an unsafe path.
    pub(super) fn files(&self) -> Result<&BTreeMap<String, Vec<u8>>, &str> {
        self.made
            .get_or_init(|| {
                let mut files = BTreeMap::new();
                for (path, bytes) in (self.make)()? {
                    validate_path(&path)?;
                    if !self.covers(&path) {
                        return Err(format!(
                            "`{path}` is not inside `{}`, where its group's files belong",
                            self.dir
                        ));
                    }
                    if files.insert(path.clone(), bytes).is_some() {
                        return Err(format!("`{path}` is produced twice"));
                    }
                }
                if !files.contains_key(&self.lead) {
                    return Err(format!("`{}` was not made", self.lead));
                }
                Ok(files)
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// The bytes of the group's file at `path` (making the group now if not yet).
    pub(super) fn get(&self, path: &str) -> Option<&[u8]> {
        self.files().ok()?.get(path).map(Vec::as_slice)
    }

    /// Whether the group is made already.
    pub(super) fn is_made(&self) -> bool {
        self.made.get().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn index(calls: &Arc<AtomicUsize>) -> Arc<Group> {
        let counter = Arc::clone(calls);
        Group::new(
            "lv/search.json".into(),
            "lv/search",
            Box::new(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                Ok(vec![
                    ("lv/search.json".into(), b"{}".to_vec()),
                    ("lv/search/ab.json".into(), b"[1]".to_vec()),
                ])
            }),
        )
    }

    #[test]
    fn a_group_is_made_once_when_one_of_its_files_is_read() {
        let calls = Arc::new(AtomicUsize::new(0));
        let group = index(&calls);
        assert!(group.covers("lv/search/zz.json") && group.covers("lv/search.json"));
        assert!(!group.covers("lv/searching.html"));
        assert!(!group.is_made());
        assert_eq!(group.get("lv/search/ab.json"), Some(&b"[1]"[..]));
        assert_eq!(group.get("lv/search/zz.json"), None);
        assert_eq!(group.get("lv/search.json"), Some(&b"{}"[..]));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_group_making_a_file_elsewhere_fails_whole() {
        let group = Group::new(
            "lv/search.json".into(),
            "lv/search",
            Box::new(|| Ok(vec![("lv/index.html".into(), Vec::new())])),
        );
        assert!(
            group
                .files()
                .unwrap_err()
                .contains("not inside `lv/search/`")
        );
        let unsafe_path = Group::new(
            "lv/search.json".into(),
            "lv/search",
            Box::new(|| Ok(vec![("lv/search/../../x".into(), Vec::new())])),
        );
        assert!(unsafe_path.files().is_err());
    }
}

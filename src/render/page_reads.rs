//! What a page's variables are made of, recorded while `Page::context` makes them: the page's
//! own values (its "frame": language, URLs, `site`, translations, paginator) are hashed as they
//! are put in, and every record view and back-reference list it reads is logged by the code
//! that reads it. A rebuild reuses a page when its log still holds (no twin function guesses
//! what a page reads).

use std::hash::{DefaultHasher, Hash, Hasher};

use tera::Value;

use crate::content::Site;

use super::context::RecordViews;
use super::memo::hash_value;

/// One read of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// Record `index`'s view, with its content hash (`None`: not shown in the language).
    View { index: usize, hash: Option<u64> },
    /// The records of `collection` that refer to record `index`: a hash of their indexes.
    Backrefs {
        index: usize,
        collection: String,
        list: u64,
    },
}

/// The recorder `Page::context` fills.
pub struct PageReads {
    frame: DefaultHasher,
    log: Vec<Read>,
}

impl Default for PageReads {
    fn default() -> Self {
        Self::new()
    }
}

impl PageReads {
    /// Nothing read yet.
    pub fn new() -> Self {
        PageReads {
            frame: DefaultHasher::new(),
            log: Vec::new(),
        }
    }

    /// A value of the page's own, put in under `key`.
    pub fn frame(&mut self, key: &str, value: &(impl Hash + ?Sized)) {
        key.hash(&mut self.frame);
        value.hash(&mut self.frame);
    }

    /// A tera value of the page's own, put in under `key`.
    pub fn frame_value(&mut self, key: &str, value: &Value) {
        key.hash(&mut self.frame);
        hash_value(value, &mut self.frame);
    }

    /// Record `index`'s view in `views`, logged.
    pub fn view<'v>(
        &mut self,
        views: &'v [Option<RecordViews>],
        index: usize,
    ) -> Option<&'v RecordViews> {
        let view = views.get(index).and_then(Option::as_ref);
        self.log.push(Read::View {
            index,
            hash: view.map(|v| v.hash),
        });
        view
    }

    /// The records of `collection` referring to record `index` in `lang`, logged.
    pub fn backrefs<'s>(
        &mut self,
        site: &'s Site,
        index: usize,
        lang: &str,
        collection: &str,
    ) -> &'s [usize] {
        let list = site.backrefs(index, lang, collection);
        self.log.push(Read::Backrefs {
            index,
            collection: collection.to_string(),
            list: list_hash(list),
        });
        list
    }

    /// The key of everything read, without record indexes (which move when records are added
    /// or removed): the frame, then each read's content in order.
    pub fn key(&self) -> u64 {
        let mut h = self.frame.clone();
        for read in &self.log {
            match read {
                Read::View { hash, .. } => (0u8, hash).hash(&mut h),
                Read::Backrefs { collection, .. } => (1u8, collection).hash(&mut h),
            }
        }
        h.finish()
    }

    /// The log, for the next rebuild.
    pub fn into_log(self) -> Vec<Read> {
        self.log
    }
}

/// Whether every read of `log` gives the same answer now (`views`: the page's language's
/// views; the site's structure is unchanged, so indexes still name the same records).
pub fn still_valid(log: &[Read], site: &Site, lang: &str, views: &[Option<RecordViews>]) -> bool {
    log.iter().all(|read| match read {
        Read::View { index, hash } => {
            views.get(*index).and_then(Option::as_ref).map(|v| v.hash) == *hash
        }
        Read::Backrefs {
            index,
            collection,
            list,
        } => list_hash(site.backrefs(*index, lang, collection)) == *list,
    })
}

fn list_hash(list: &[usize]) -> u64 {
    let mut h = DefaultHasher::new();
    list.hash(&mut h);
    h.finish()
}

//! What a page reads, recorded while `Page::context` makes its variables and while tera renders
//! it: the page's own values (its "frame": language, URLs, `site`, translations, paginator) are
//! hashed as they are put in, every record view and back-reference list it reads is noted by
//! the code that reads it, and a call of `records()` is noted by the function itself. A page
//! is a derived value of the memo (`crate::memo`) with these reads; no twin function guesses
//! what a page reads.
//!
//! Reads of views and back-references name records by index: they are only looked at when
//! the page's first read, [`PageRead::Structure`] (which records exist, in which order, at
//! which URLs), answers as it did, and then the indexes name the same records.

use std::hash::{DefaultHasher, Hash, Hasher};

use tera::Value;

use crate::config::Lang;
use crate::content::Site;
use crate::memo::{Current, Fingerprint, Reads};

use super::context::RecordViews;
use super::value_hash::hash_value;

/// One read of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRead {
    /// Everything that decides the list of pages and each page's frame: theme, messages,
    /// configuration, URLs, the records' order and the texts they show, the `site` values,
    /// the templates chosen.
    Structure,
    /// Record `index`'s view in the page's language.
    View(usize),
    /// The records of `collection` that refer to record `index`.
    Backrefs(usize, String),
    /// What the `records()` template function answers (noted when the page called it).
    Records,
}

/// The recorder `Page::context` fills.
pub struct PageReads {
    frame: DefaultHasher,
    reads: Reads<PageRead>,
    /// The key of everything read, without record indexes (views by their fingerprints).
    key: DefaultHasher,
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
            reads: Reads::new(),
            key: DefaultHasher::new(),
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

    /// Record `index`'s view in `views`, noted.
    pub fn view<'v>(
        &mut self,
        views: &'v [Option<RecordViews>],
        index: usize,
    ) -> Option<&'v RecordViews> {
        let view = views.get(index).and_then(Option::as_ref);
        let answer = view.map(|v| v.hash);
        (0u8, answer).hash(&mut self.key);
        self.reads.note(PageRead::View(index), answer);
        view
    }

    /// The records of `collection` referring to record `index` in `lang`, noted.
    pub fn backrefs<'s>(
        &mut self,
        site: &'s Site,
        index: usize,
        lang: Lang,
        collection: &str,
    ) -> &'s [usize] {
        let list = site.backrefs(index, lang, collection);
        (1u8, collection).hash(&mut self.key);
        self.reads.note(
            PageRead::Backrefs(index, collection.to_string()),
            Some(crate::memo::fingerprint(list)),
        );
        list
    }

    /// The key of everything read, without record indexes (which move when records are added
    /// or removed): the frame, then each read's content in order. Pages with equal keys (and
    /// templates) render alike.
    pub fn key(&self) -> u64 {
        let mut h = self.frame.clone();
        self.key.clone().finish().hash(&mut h);
        h.finish()
    }

    /// The reads, for the memo, after the [`PageRead::Structure`] read that makes their
    /// indexes meaningful.
    pub fn into_reads(self, structure: u64) -> Reads<PageRead> {
        let mut reads = Reads::new();
        reads.note(PageRead::Structure, Some(structure));
        for (read, answer) in self.reads.iter() {
            reads.note(read.clone(), *answer);
        }
        reads
    }
}

/// What a page's reads answer in this build.
pub struct PageAnswers<'a> {
    /// The structure's fingerprint.
    pub structure: u64,
    /// What `records()` answers.
    pub records: u64,
    /// The site.
    pub site: &'a Site,
    /// The page's language.
    pub lang: Lang,
    /// The record views of the page's language.
    pub views: &'a [Option<RecordViews>],
}

impl Current<PageRead> for PageAnswers<'_> {
    fn answer(&self, read: &PageRead) -> Fingerprint {
        match read {
            PageRead::Structure => Some(self.structure),
            PageRead::Records => Some(self.records),
            PageRead::View(index) => self
                .views
                .get(*index)
                .and_then(Option::as_ref)
                .map(|v| v.hash),
            PageRead::Backrefs(index, collection) => Some(crate::memo::fingerprint(
                self.site.backrefs(*index, self.lang, collection),
            )),
        }
    }
}

//! The fast path of memoised page rendering. When the site's structure is what the previous
//! build had — the same pages in the same order, the same URLs and language links, the same
//! theme, messages and configuration — a page can only have changed if a record view it shows
//! changed. Checking that costs a few hash lookups per page, instead of hashing every variable
//! of every page (the slow path, [`super::memo`]).

use std::sync::Arc;

use crate::output::Output;

/// One page as the previous build made it.
#[derive(Clone)]
pub(super) struct Entry {
    /// Output path.
    pub path: String,
    /// What its variables read of the record views (recorded by `Page::context`).
    pub log: Vec<super::page_reads::Read>,
    /// The hash of what `records()` answered, when the page called it (noted while it
    /// rendered, see `Budget::note_records`).
    pub records: Option<u64>,
    /// The page's fingerprint, besides what `records()` answered.
    pub fingerprint: u64,
    /// The page.
    pub html: Arc<Vec<u8>>,
}

/// The pages of the previous build, in page-list order.
pub(super) struct Previous {
    /// Hash of the site's structure.
    pub structure: u64,
    /// One entry per page.
    pub pages: Vec<Entry>,
    /// The pages as an output (nothing else), to patch instead of rebuilding.
    pub output: Output,
}

/// The previous build's pages, kept for the next one.
#[derive(Default)]
pub(super) struct PreviousPages {
    previous: Option<Previous>,
}

impl PreviousPages {
    /// Takes the previous build's pages if the structure is `structure` (and so the pages
    /// are the same list); forgets them otherwise.
    pub(super) fn take_if(&mut self, structure: u64, pages: usize) -> Option<Previous> {
        let previous = self.previous.take()?;
        (previous.structure == structure && previous.pages.len() == pages).then_some(previous)
    }

    /// Keeps this build's pages.
    pub(super) fn keep(&mut self, previous: Previous) {
        self.previous = Some(previous);
    }
}

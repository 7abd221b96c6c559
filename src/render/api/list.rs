//! The values of a list page: its `paginator`.

use serde::Serialize;

/// Where a list page is among its collection's list pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Paginator {
    /// This page's number (from 1).
    pub current: usize,
    /// How many list pages the collection has in this language.
    pub total: usize,
    /// How many records they show together.
    pub total_records: usize,
    /// The page before, `none` on the first.
    pub prev_url: Option<String>,
    /// The page after, `none` on the last.
    pub next_url: Option<String>,
    /// Every list page, in order.
    pub pages: Vec<PageLink>,
}

/// One list page, as the paginator names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PageLink {
    /// Its number (from 1).
    pub number: usize,
    /// Its URL (root-relative).
    pub url: String,
}

//! What rendering keeps between builds: the memo of record views and the memo of pages (see
//! `crate::memo`), owned by whoever rebuilds and lent as `&mut`.

/// What earlier renders made, for rebuilds (`vestis serve`). A cold build renders with an
/// empty one.
#[derive(Default)]
pub struct RenderCache {
    pub(super) pages: super::page_pass::PageMemo,
    pub(super) views: super::views::ViewMemo,
}

impl RenderCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }
}

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
    /// The list pages to link to, in order: the first, the last, and those within
    /// [`PAGE_WINDOW`] of this one. A bounded window, so
    /// that a collection of 5,000 list pages does not put 5,000 links on each of them.
    pub pages: Vec<PageLink>,
}

/// One list page, as the paginator names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PageLink {
    /// Its number (from 1).
    pub number: usize,
    /// Its URL (root-relative).
    pub url: String,
    /// Whether pages are left out between the link before this one and this one (a theme
    /// shows `…` there).
    pub gap_before: bool,
}

/// How many list pages on each side of the current one the paginator links to.
pub const PAGE_WINDOW: usize = 2;

/// The numbers of the list pages that page `current` of `total` links to (see
/// [`Paginator::pages`]), each with whether pages are left out before it.
pub fn page_window(current: usize, total: usize) -> Vec<(usize, bool)> {
    let near = current.saturating_sub(PAGE_WINDOW).max(1)..=(current + PAGE_WINDOW).min(total);
    let mut numbers: Vec<usize> = Vec::with_capacity(2 * PAGE_WINDOW + 3);
    for n in std::iter::once(1).chain(near).chain(std::iter::once(total)) {
        if n >= 1 && n <= total && numbers.last().is_none_or(|&last| last < n) {
            numbers.push(n);
        }
    }
    let mut previous = 0;
    numbers
        .into_iter()
        .map(|n| {
            let gap = n > previous + 1;
            previous = n;
            (n, gap)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::page_window;

    fn shown(current: usize, total: usize) -> String {
        page_window(current, total)
            .iter()
            .map(|&(n, gap)| {
                if gap {
                    format!("… {n}")
                } else {
                    n.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn few_pages_are_all_linked() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(2, 3), "1 2 3");
        assert_eq!(shown(4, 7), "1 2 3 4 5 6 7");
    }

    #[test]
    fn many_pages_link_the_ends_and_the_neighbours() {
        assert_eq!(shown(1, 5000), "1 2 3 … 5000");
        assert_eq!(shown(2500, 5000), "1 … 2498 2499 2500 2501 2502 … 5000");
        assert_eq!(shown(5000, 5000), "1 … 4998 4999 5000");
        assert_eq!(shown(4, 5000), "1 2 3 4 5 6 … 5000");
        assert_eq!(shown(5, 5000), "1 … 3 4 5 6 7 … 5000");
    }

    #[test]
    fn the_window_stays_small() {
        for total in [1, 2, 10, 100, 5000] {
            for current in 1..=total {
                assert!(page_window(current, total).len() <= 7);
            }
        }
    }
}

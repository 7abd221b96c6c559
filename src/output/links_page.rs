//! What the link check keeps of one page between writing it and checking the site: its
//! links and ids, packed. A streamed build keeps this for every page it wrote, so it is one
//! text with the links one after the other and the ids sorted, rather than a string per link
//! and a hash set per page (at 10,000 records that form took 25 MiB of the build's peak).

use super::Scanned;

/// A page's links (in document order) and its ids (each once).
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub(in crate::output) struct PageLinks {
    /// Every link, one after the other.
    text: Box<str>,
    /// Where each link of `text` ends.
    ends: Box<[usize]>,
    /// The ids, sorted, each once.
    ids: Box<[Box<str>]>,
}

impl PageLinks {
    /// The packed form of what the scanner found.
    pub(super) fn new(scanned: Scanned) -> Self {
        let mut text = String::with_capacity(scanned.links.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(scanned.links.len());
        for link in &scanned.links {
            text.push_str(link);
            ends.push(text.len());
        }
        let mut ids: Vec<Box<str>> = scanned.ids.into_iter().map(String::into).collect();
        ids.sort_unstable();
        PageLinks {
            text: text.into(),
            ends: ends.into(),
            ids: ids.into(),
        }
    }

    /// The links, in document order.
    pub(in crate::output) fn links(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter())
            .map(|(start, &end)| &self.text[start..end])
    }

    /// Whether the page has an element with this id (or an `<a name>`).
    pub(in crate::output) fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search_by(|i| (**i).cmp(id)).is_ok()
    }

    /// The ids, sorted.
    pub(in crate::output) fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(|i| &**i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_their_order_and_ids_are_found() {
        let scanned = Scanned {
            links: vec!["/a/".into(), String::new(), "#x".into(), "/a/".into()],
            ids: ["main", "ābols", "b"]
                .into_iter()
                .map(String::from)
                .collect(),
        };
        let page = PageLinks::new(scanned);
        assert_eq!(page.links().collect::<Vec<_>>(), ["/a/", "", "#x", "/a/"]);
        assert!(page.has_id("ābols") && page.has_id("main") && page.has_id("b"));
        assert!(!page.has_id("x") && !page.has_id(""));
        assert_eq!(page.ids().collect::<Vec<_>>(), ["b", "main", "ābols"]);
        assert_eq!(PageLinks::default().links().count(), 0);
    }
}

//! What the link check keeps of one page between writing it and checking the site: its
//! links and ids, packed. A streamed build keeps this for every page it wrote, so it is one
//! text with the links one after the other and the ids sorted, rather than a string per link
//! and a hash set per page (at 10,000 records that form took 25 MiB of the build's peak);
//! the ids follow the links in the same text, and where each ends is a `u32`.

use super::Scanned;

/// A page's links (in document order) and its ids (each once).
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub(in crate::output) struct PageLinks {
    /// Every link, one after the other, then every id, sorted.
    text: Box<str>,
    /// Where each link, then each id, ends in `text`.
    ends: Box<[u32]>,
    /// How many of `ends` are links'.
    links: u32,
}

impl PageLinks {
    /// The packed form of what the scanner found. A page whose links and ids would pass
    /// 4 GiB of text (more than any page vestis reads) keeps those that fit.
    pub(super) fn new(scanned: Scanned) -> Self {
        let mut ids: Vec<String> = scanned.ids.into_iter().collect();
        ids.sort_unstable();
        let size = scanned.links.iter().chain(&ids).map(String::len).sum();
        let mut text = String::with_capacity(size);
        let mut ends = Vec::with_capacity(scanned.links.len() + ids.len());
        let mut links = 0;
        for (n, item) in scanned.links.iter().chain(&ids).enumerate() {
            let Ok(end) = u32::try_from(text.len() + item.len()) else {
                break;
            };
            text.push_str(item);
            ends.push(end);
            if n < scanned.links.len() {
                links += 1;
            }
        }
        PageLinks {
            text: text.into(),
            ends: ends.into(),
            links,
        }
    }

    /// The `n`th item of `text` (links first, then ids).
    fn item(&self, n: usize) -> &str {
        let start = n.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start as usize..self.ends[n] as usize]
    }

    /// The links, in document order.
    pub(in crate::output) fn links(&self) -> impl Iterator<Item = &str> {
        (0..self.links as usize).map(|n| self.item(n))
    }

    /// Whether the page has an element with this id (or an `<a name>`).
    pub(in crate::output) fn has_id(&self, id: &str) -> bool {
        let (mut low, mut high) = (self.links as usize, self.ends.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.item(middle).cmp(id) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The ids, sorted.
    pub(in crate::output) fn ids(&self) -> impl Iterator<Item = &str> {
        (self.links as usize..self.ends.len()).map(|n| self.item(n))
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
        assert_eq!(page.links().count(), 4);
        assert_eq!(PageLinks::default().links().count(), 0);
        assert!(!PageLinks::default().has_id("main"));
        // Ids alone, and an id that is also a link's text.
        let only_ids = PageLinks::new(Scanned {
            links: vec!["a".into()],
            ids: ["a", "c"].into_iter().map(String::from).collect(),
        });
        assert_eq!(only_ids.links().collect::<Vec<_>>(), ["a"]);
        assert!(only_ids.has_id("a") && only_ids.has_id("c") && !only_ids.has_id("b"));
    }
}

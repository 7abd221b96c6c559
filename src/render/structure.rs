//! What two of a page's recorded reads answer in this build (see `render::page_reads`):
//! [`PageRead::Structure`](super::page_reads::PageRead::Structure) (which records exist, where
//! each is published in every language and which text it shows, the lists' order, what
//! `url_for` and `asset` answer) and
//! [`PageRead::Records`](super::page_reads::PageRead::Records) (what `records()` answers).
//! This is the `Current` side of those reads, not a cache: nothing here is kept between
//! builds; `page_pass::structure_hash` adds the theme, messages, configuration and the
//! templates chosen.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::context::{RecordViews, ViewBuilder};
use super::functions::Lookups;

/// Hashes for memoisation, from the views' hashes (without walking any value).
pub(super) struct LookupHashes {
    /// What url_for and asset answer.
    pub(super) links: u64,
    /// What records() answers.
    pub(super) records: u64,
    /// The order of every language's records and which text each shows: with `links`, what
    /// decides the list of pages and their language links.
    pub(super) order: u64,
}

/// The records' identities and places: `(collection, id, output folder)` of every record in
/// every language, and which text each shows.
pub(super) struct RecordStructure {
    /// The records and their folders (what record URLs are made of).
    pub(super) links: u64,
    /// Which text each record shows in each language.
    pub(super) texts: u64,
}

/// Hashes the records' structure, in parallel chunks combined in order.
pub(super) fn record_structure(b: &ViewBuilder<'_>) -> RecordStructure {
    use std::collections::hash_map::DefaultHasher;
    const CHUNK: usize = 1024;
    let chunks: Vec<(&str, usize)> = b
        .site
        .views
        .iter()
        .flat_map(|(lang, view)| {
            let count = view.paths.len();
            (0..count.div_ceil(CHUNK)).map(move |c| (lang.as_str(), c * CHUNK))
        })
        .collect();
    let chunk_hashes: Vec<(u64, u64)> = chunks
        .par_iter()
        .map(|&(lang, start)| {
            let paths = &b.site.views[lang].paths;
            let (mut links, mut texts) = (DefaultHasher::new(), DefaultHasher::new());
            for (i, path) in paths.iter().enumerate().skip(start).take(CHUNK) {
                let r = &b.site.records[i];
                (lang, &r.collection, &r.id, path).hash(&mut links);
                let text = b.site.text_in(i, lang).map(|(t, u)| (&t.lang, u));
                text.hash(&mut texts);
            }
            (links.finish(), texts.finish())
        })
        .collect();
    let (mut links, mut texts) = (DefaultHasher::new(), DefaultHasher::new());
    for (l, t) in chunk_hashes {
        l.hash(&mut links);
        t.hash(&mut texts);
    }
    RecordStructure {
        links: links.finish(),
        texts: texts.finish(),
    }
}

pub(super) fn lookup_hashes(
    b: &ViewBuilder<'_>,
    lookups: &Lookups,
    views: &[(String, Vec<Option<RecordViews>>)],
    structure: &RecordStructure,
) -> LookupHashes {
    use std::collections::hash_map::DefaultHasher;
    let mut links = DefaultHasher::new();
    let mut records = DefaultHasher::new();
    let mut order = DefaultHasher::new();
    structure.links.hash(&mut links);
    structure.texts.hash(&mut order);
    for (lang, lang_views) in views {
        for (name, list) in &b.site.views[lang].by_collection {
            (lang, name, list.len()).hash(&mut records);
            (name, list).hash(&mut order);
            for &i in list {
                lang_views[i].as_ref().map(|v| v.hash).hash(&mut records);
            }
        }
    }
    let mut lists: Vec<_> = lookups.list_urls.iter().collect();
    lists.sort();
    lists.hash(&mut links);
    let mut assets: Vec<_> = lookups.assets.iter().collect();
    assets.sort();
    assets.hash(&mut links);
    LookupHashes {
        links: links.finish(),
        records: records.finish(),
        order: order.finish(),
    }
}

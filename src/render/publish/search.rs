//! `/L/search.json`: the search index a theme's search box loads.
//!
//! One object per record published in `L`, every collection, in site.yaml's collection order
//! and each collection's own order: `{"title", "summary" (or null), "text", "url",
//! "collection"}`. `text` is the body's plain text, cut at [`TEXT_CHARS`] characters so that
//! a large site's index stays small enough to download (matching is done in the browser).

use serde::Serialize;

use super::super::context::ViewBuilder;
use super::truncate;

/// Longest `text` of one entry, in characters.
pub(crate) const TEXT_CHARS: usize = 2000;

/// One searchable record.
#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    text: String,
    url: String,
    collection: &'a str,
}

/// The search index of language `lang`, as compact JSON.
pub(super) fn index(b: &ViewBuilder<'_>, lang: &str) -> serde_json::Result<Vec<u8>> {
    let view = &b.site.views[lang];
    let entries: Vec<Entry<'_>> = view
        .by_collection
        .iter()
        .flat_map(|(name, list)| list.iter().map(move |&i| (name, i)))
        .filter_map(|(name, i)| {
            let (text, _) = b.site.text_in(i, lang)?;
            let path = view.paths[i].as_deref()?;
            Some(Entry {
                title: &text.title,
                summary: text.summary.as_deref(),
                text: truncate(&text.body.plain_text, TEXT_CHARS),
                url: b.urls.url(path),
                collection: name,
            })
        })
        .collect();
    let mut bytes = serde_json::to_vec(&entries)?;
    bytes.push(b'\n');
    Ok(bytes)
}

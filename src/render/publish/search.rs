//! `/L/search.json`: the search index a theme's search box loads, built so that a query reads
//! a small part of it however large the site (the idea of Pagefind's fragments).
//!
//! Every record published in `L` (every collection, site.yaml's collection order and each
//! collection's own order) is numbered and becomes an [`Entry`]: its title, summary, date
//! (ISO `2014-06-14`, or null), URL, collection and the start of its plain text (at most
//! [`TEXT_CHARS`] characters, for the passage a result shows). Every word of its title, summary
//! and whole text, folded (see `search_fold`), gets a posting: the record's number and a weight
//! (10 when the word is in the title, plus how often it occurs, at most 9 times).
//! `search_index` lays the postings and entries out in files.

use super::super::context::ViewBuilder;
use super::search_fold::{Folder, WordId};
use super::search_index::{self, Entry, Postings};
use super::{TextStart, When, date_field, when_of};
use crate::config::Lang;
use crate::fast_hash::FastMap;

/// Longest `text` of one entry, in characters.
pub(crate) const TEXT_CHARS: usize = 1000;
// The beginning kept of every text must be longer, so a cut text is cut here too.
const _: () = assert!(TEXT_CHARS < crate::plain_text::START_CHARS);
/// The weight of a word in the title.
const TITLE_WEIGHT: u32 = 10;
/// Occurrences counted in the summary and text.
const MAX_COUNT: u32 = 9;

/// The search index of language `lang`: returns its manifest and hands each file beside it
/// to `emit` as soon as it is made (see `search_index::build_into`).
pub(super) fn index_into(
    b: &ViewBuilder<'_>,
    lang: Lang,
    emit: &mut dyn FnMut(String, Vec<u8>),
) -> serde_json::Result<Vec<u8>> {
    let view = b.site.view(lang);
    let code = b.config.languages.code(lang);
    let mut entries = Vec::new();
    // Per folded word (by its number): `(record number, weight)`, record numbers ascending.
    let mut postings: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut folder = Folder::default();
    // Per word of the current record: in the title, and how often in the summary and text.
    let mut weights: FastMap<WordId, (bool, u32)> = FastMap::default();
    let records = view
        .by_collection
        .iter()
        .flat_map(|(name, list)| list.iter().map(move |&i| (name, i)));
    for (name, i) in records {
        let (Some((text, _)), Some(path)) = (b.site.text_in(i, code), view.paths[i].as_deref())
        else {
            continue;
        };
        let date = b
            .config
            .collections
            .get(name)
            .and_then(date_field)
            .and_then(|field| when_of(b, i, code, field))
            .map(|when| match when {
                When::Day(d) => d.to_string(),
                When::Time(dt) => dt.date().to_string(),
            });
        let number = entries.len() as u32;
        folder.word_ids(&text.title, |word| {
            weights.entry(word).or_default().0 = true
        });
        folder.word_ids(text.summary.as_deref().unwrap_or(""), |word| {
            let count = &mut weights.entry(word).or_default().1;
            *count = (*count + 1).min(MAX_COUNT);
        });
        // The text's distinct words with their counts, as kept when the record was read.
        let plain = text.body.plain_text.unpack();
        for (raw, n) in plain.words() {
            folder.word_ids(raw, |word| {
                let count = &mut weights.entry(word).or_default().1;
                *count = (*count + n).min(MAX_COUNT);
            });
        }
        postings.resize_with(folder.len(), Vec::new);
        for (word, (in_title, count)) in weights.drain() {
            let weight = u32::from(in_title) * TITLE_WEIGHT + count;
            postings[word as usize].push((number, weight));
        }
        entries.push(Entry {
            title: &text.title,
            summary: text.summary.as_deref(),
            date,
            url: b.urls.url(path),
            collection: name,
            text: TextStart {
                plain: &text.body.plain_text,
                max: TEXT_CHARS,
            },
        });
    }
    let postings: Postings = (0..)
        .zip(postings)
        .filter(|(_, list)| !list.is_empty())
        .map(|(word, list)| (folder.word(word).to_string(), list))
        .collect();
    search_index::build_into(code, &entries, postings, emit)
}

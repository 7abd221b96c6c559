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

use std::collections::HashMap;

use super::super::context::ViewBuilder;
use super::search_fold::Folder;
use super::search_index::{self, Entry, Postings};
use super::{When, date_field, truncate, when_of};
use crate::config::Lang;

/// Longest `text` of one entry, in characters.
pub(crate) const TEXT_CHARS: usize = 1000;
// The beginning kept of every text must be longer, so a cut text is cut here too.
const _: () = assert!(TEXT_CHARS < crate::plain_text::START_CHARS);
/// The weight of a word in the title.
const TITLE_WEIGHT: u32 = 10;
/// Occurrences counted in the summary and text.
const MAX_COUNT: u32 = 9;

/// The weight entry of `word`, made on first use (no allocation for a word already seen).
fn weight_of<'m>(weights: &'m mut HashMap<String, (bool, u32)>, word: &str) -> &'m mut (bool, u32) {
    if !weights.contains_key(word) {
        weights.insert(word.to_string(), (false, 0));
    }
    weights.get_mut(word).expect("inserted above")
}

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
    let mut postings = Postings::new();
    let mut folder = Folder::default();
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
        // Per word: in the title, and how often in the summary and text.
        let mut weights: HashMap<String, (bool, u32)> = HashMap::new();
        folder.words(&text.title, |word| weight_of(&mut weights, word).0 = true);
        folder.words(text.summary.as_deref().unwrap_or(""), |word| {
            let count = &mut weight_of(&mut weights, word).1;
            *count = (*count + 1).min(MAX_COUNT);
        });
        // The text's distinct words with their counts, as kept when the record was read.
        for (raw, n) in text.body.plain_text.words() {
            folder.words(raw, |word| {
                let count = &mut weight_of(&mut weights, word).1;
                *count = (*count + n).min(MAX_COUNT);
            });
        }
        for (word, (in_title, count)) in weights {
            let weight = u32::from(in_title) * TITLE_WEIGHT + count;
            postings.entry(word).or_default().push((number, weight));
        }
        entries.push(Entry {
            title: &text.title,
            summary: text.summary.as_deref(),
            date,
            url: b.urls.url(path),
            collection: name,
            text: truncate(text.body.plain_text.start(), TEXT_CHARS),
        });
    }
    for list in postings.values_mut() {
        list.sort_unstable();
    }
    search_index::build_into(code, &entries, postings, emit)
}

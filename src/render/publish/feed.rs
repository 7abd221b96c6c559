//! What the Atom and RSS feeds of a language carry, decided once for both: which records
//! (`feed_limit`: the newest of each `feed: true` collection, then the newest of them all) and,
//! per entry, its summary and, under `feed_content: full`, its body.

use std::collections::HashMap;

use crate::config::{FeedContent, Lang};
use crate::content::Text;

use super::super::context::ViewBuilder;
use super::{Item, newest_first, truncate};

/// Longest summary made from a body's text when a record has neither `summary` nor
/// `description`, in characters.
pub(crate) const SUMMARY_CHARS: usize = 300;
// The beginning kept of every text must be longer, so a cut text is cut here too.
const _: () = assert!(SUMMARY_CHARS < crate::plain_text::START_CHARS);

/// The entries of `lang`'s feeds, newest first: at most the collection's `feed_limit` of each
/// collection and the site's `feed_limit` in all.
pub(super) fn feed_items(b: &ViewBuilder<'_>, lang: Lang) -> Vec<Item> {
    let mut taken: HashMap<&str, usize> = HashMap::new();
    newest_first(b, lang, |c| c.feed)
        .into_iter()
        .filter(|item| {
            let name = b.site.records[item.index].collection.as_str();
            let limit = b.config.collections.get(name).and_then(|c| c.feed_limit);
            let count = taken.entry(name).or_default();
            *count += 1;
            limit.is_none_or(|limit| *count <= limit)
        })
        .take(b.config.feed_limit)
        .collect()
}

/// Whether the entries of record `index` carry its whole text.
pub(super) fn full_content(b: &ViewBuilder<'_>, index: usize) -> bool {
    let name = &b.site.records[index].collection;
    let own = b.config.collections.get(name).and_then(|c| c.feed_content);
    own.unwrap_or(b.config.feed_content) == FeedContent::Full
}

/// The text of `item` in `lang` (its own, or the default language's under `fallback`) and its
/// absolute URL; `None` when the record has no page in `lang`.
pub(super) fn entry_text<'b>(
    b: &'b ViewBuilder<'_>,
    lang: Lang,
    item: &Item,
) -> Option<(&'b Text, String)> {
    let (text, _) = b.site.text_in(item.index, b.config.languages.code(lang))?;
    let path = b.site.view(lang).paths[item.index].as_deref()?;
    Some((text, b.urls.permalink(path)))
}

/// A record's short text for feeds: its [`given_summary`], else the beginning of its text
/// (at most [`SUMMARY_CHARS`] characters). Never the whole body.
pub(crate) fn summary_of(text: &Text) -> String {
    match given_summary(text) {
        Some(summary) => summary.to_string(),
        None => truncate(text.body.plain_text.unpack().start(), SUMMARY_CHARS),
    }
}

/// The summary a record's author wrote: `summary`, else `description` (the calendar uses
/// nothing else: it carries no part of the body).
pub(crate) fn given_summary(text: &Text) -> Option<&str> {
    let given = text.summary.as_deref().or(text.description.as_deref());
    given.map(str::trim).filter(|s| !s.is_empty())
}

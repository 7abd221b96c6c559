//! The feed settings of site.yaml: `feed_limit` (how many of the newest entries a feed
//! carries, for the whole site and per collection) and `feed_content` (an entry's summary
//! only, or also its full text). They exist so that a large site's feeds stay small: a feed
//! reader downloads the whole feed on every poll.

use serde::Deserialize;

use crate::yaml::Located;

use super::Resolver;

/// Entries in a feed when site.yaml does not say: the 50 newest.
pub const DEFAULT_FEED_LIMIT: usize = 50;
/// The largest `feed_limit` accepted.
const MAX_FEED_LIMIT: u64 = 10_000;

/// What an entry of a feed carries besides its title, link and date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// The record's summary only (the default).
    #[default]
    Summary,
    /// The summary and the whole text of the record.
    Full,
}

impl Resolver<'_> {
    /// A `feed_limit` value: between 1 and [`MAX_FEED_LIMIT`]; `None` when not given.
    /// `collection` names the collection it stands in, `None` for the site's own.
    pub(super) fn feed_limit(
        &mut self,
        raw: Option<&Located<u64>>,
        collection: Option<&str>,
    ) -> Option<usize> {
        let raw = raw?;
        if (1..=MAX_FEED_LIMIT).contains(&raw.value) {
            return Some(raw.value as usize);
        }
        let (whose, default) = match collection {
            Some(name) => (
                format!(" of the collection `{name}`"),
                "the site's `feed_limit`".to_string(),
            ),
            None => (
                String::new(),
                format!("the {DEFAULT_FEED_LIMIT} newest entries"),
            ),
        };
        self.error(
            raw.pos,
            format!(
                "`feed_limit`{whose} is {}: a feed must carry between 1 and {MAX_FEED_LIMIT} entries",
                raw.value
            ),
        )
        .suggestion = Some(format!("leave it out for the default, {default}"));
        None
    }
}

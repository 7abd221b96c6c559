//! The checks across records that putting a [`Site`](super::Site) together runs: references
//! to records that are missing, drafts or embargoed, texts missing under
//! `translations.missing: error`, and two pages wanting the same folder; with [`Ordered`], the
//! index by collection and id they look records up in.
//!
//! Apart from `site.rs`, which assembles the published site and its language views, so each
//! file has one job.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::{Config, MissingPolicy};
use crate::diagnostics::{Diagnostic, Diagnostics};

use super::facts::Facts;
use super::record::Built;
use super::suggest;

/// Records ordered by collection (site.yaml order), then id, with their facts.
pub(super) struct Ordered<'a> {
    /// Per record: its index in what was read.
    pub(super) built: Vec<usize>,
    /// Per record: its facts.
    pub(super) facts: Vec<&'a Facts>,
    /// Per collection: where its records lie.
    pub(super) spans: HashMap<&'a str, Range<usize>>,
}

impl<'a> Ordered<'a> {
    /// Orders `records` (index in what was read, facts), which come in discovery order:
    /// by collection, then id. A stable sort by the collections' order keeps the ids in order.
    pub(super) fn new(
        config: &'a Config,
        records: impl Iterator<Item = (usize, &'a Facts)>,
    ) -> Self {
        let mut records: Vec<(usize, &Facts)> = records.collect();
        records.sort_by_key(|(_, f)| f.collection);
        let mut spans = HashMap::new();
        let mut start = 0;
        while let Some((_, first)) = records.get(start) {
            let run = records[start..].partition_point(|(_, f)| f.collection == first.collection);
            if let Some((name, _)) = config.collections.get_index(first.collection) {
                spans.insert(name.as_str(), start..start + run);
            }
            start += run;
        }
        let (built, facts): (Vec<usize>, Vec<&Facts>) = records.into_iter().unzip();
        debug_assert!(
            facts
                .windows(2)
                .all(|w| w[0].collection != w[1].collection || w[0].id < w[1].id),
            "discovery gives each collection's records in id order"
        );
        Ordered {
            built,
            facts,
            spans,
        }
    }

    /// The position of record `collection/id`.
    pub(super) fn find(&self, collection: &str, id: &str) -> Option<usize> {
        let span = self.spans.get(collection)?;
        let facts = &self.facts[span.clone()];
        let found = facts.binary_search_by(|f| f.id.as_str().cmp(id)).ok()?;
        Some(span.start + found)
    }
}

/// Two records (or a record and a list page) want the same page folder.
pub(super) fn collision(
    config: &Config,
    folder: &str,
    path: Option<PathBuf>,
    other: Option<PathBuf>,
) -> Diagnostic {
    let other = other.unwrap_or_default();
    let other = other
        .strip_prefix(&config.root)
        .unwrap_or(&other)
        .display()
        .to_string();
    Diagnostic::error(
        path.as_deref(),
        format!("the page `/{folder}` is also produced by `{other}`"),
    )
    .with_suggestion("give one of them another `slug:`")
}

/// `translations.missing: error`: every record needs a text in every language.
pub(super) fn check_missing_translations(
    config: &Config,
    all: &Ordered<'_>,
    built: &[Arc<Built>],
    diagnostics: &mut Diagnostics,
) {
    if config.missing != MissingPolicy::Error {
        return;
    }
    let languages = config.language_codes();
    for record in all.built.iter().filter_map(|&k| built[k].record.as_ref()) {
        for lang in languages.iter().filter(|l| !record.texts.contains_key(*l)) {
            let path = record.main_path();
            diagnostics.push(
                Diagnostic::error(Some(&path), format!("the record `{}` has no `{lang}` text", record.id))
                    .with_suggestion(format!(
                        "write `content/{}/{}.{lang}.md`, or set `translations.missing` to `skip` or `fallback`",
                        record.collection, record.id
                    )),
            );
        }
    }
}

/// Every `ref` must name an existing record; one that is a draft or embargoed is a warning.
/// `all` holds every record read, `published` tells which of them are published.
pub(super) fn check_refs(
    all: &Ordered<'_>,
    published: &[bool],
    built: &[Arc<Built>],
    diagnostics: &mut Diagnostics,
) {
    let mut hinted = 0;
    for (&k, f) in all.built.iter().zip(&all.facts) {
        for (n, (to, id)) in f.checked.iter().enumerate() {
            let target = all.find(to, id).map(|j| published[j]);
            if target == Some(true) {
                continue;
            }
            let Some(r) = built[k].refs.get(n) else {
                continue;
            };
            if target == Some(false) {
                let mut d = r.missing.clone();
                d.severity = crate::diagnostics::Severity::Warning;
                d.message = format!(
                    "{} yet: the reference is left out",
                    d.message
                        .replace("is not a record of", "is a draft or embargoed record of")
                );
                diagnostics.push(d);
                continue;
            }
            // Each full hint looks at every record of the target collection; past
            // `suggest::FULL_HINTS` broken refs in a run the plain hint keeps the work linear.
            hinted += 1;
            let hint = if hinted > suggest::FULL_HINTS {
                format!("add a record `{id}` to `content/{to}/`, or fix the id")
            } else {
                let span = all.spans.get(to.as_str()).cloned().unwrap_or_default();
                let targets: Vec<suggest::Target<'_>> = span
                    .map(|j| suggest::Target {
                        id: all.facts[j].id.as_str(),
                        titles: built[all.built[j]]
                            .record
                            .iter()
                            .flat_map(|r| r.texts.values().map(|t| t.title.as_str()))
                            .collect(),
                    })
                    .collect();
                suggest::ref_hint(id, to, &targets)
            };
            diagnostics.push(r.missing.clone().with_suggestion(hint));
        }
    }
}

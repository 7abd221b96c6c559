//! Record views as derived values of the memo (`crate::memo`): a record's summary in one
//! language is computed by `ViewBuilder::summary`, which notes every read it makes in a
//! `ViewReads` recorder (`view_reads`); a rebuild reuses the stored summary while those reads
//! answer the same. A cold build runs the same code with an empty memo.
//!
//! Stubs (`{id, collection, title, url, …}`) are cheap: made anew every build and compared by
//! fingerprint, so a summary that shows another record's stub stays valid while that stub is
//! the same (early cutoff).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use tera::Value;

use crate::config::Lang;
use crate::memo::{self, Entry, Fingerprint, Memo, Outcome, Reads};

use super::api::FieldKeys;
use super::context::{MissingLabel, RecordViews, ViewBuilder};
use super::inputs::Inputs;
use super::view_reads::{Answers, Ledger, ViewReads};
use super::view_reads::{ViewRead, identity};

/// A record's summary in one language, with the enum labels it lacked.
#[derive(Clone)]
pub struct ViewValue {
    summary: Value,
    resolved_body: Option<std::sync::Arc<str>>,
    body_hash: u64,
    missing: Vec<MissingLabel>,
}

/// The memo's query for a view: record identity and language (index in the site's order).
type Query = (u64, usize);

/// Stored record views, owned by the render memo.
pub type ViewMemo = Memo<Query, ViewRead, ViewValue>;

/// The record identities of a site, to their indexes.
pub fn identities(b: &ViewBuilder<'_>) -> HashMap<u64, usize> {
    b.site
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| (identity(&r.collection, &r.id), i))
        .collect()
}

/// What one language's views need besides the builder.
pub struct ViewsJob<'a> {
    /// The language.
    pub lang: Lang,
    /// This build's inputs.
    pub inputs: &'a Inputs,
    /// [`identities`] of this build.
    pub by_identity: &'a HashMap<u64, usize>,
    /// Whether the memo is kept for the next build: a build without a cache does not store
    /// what it made (the views are freed before the search index and feeds are made).
    pub keep: bool,
}

impl ViewBuilder<'_> {
    /// Summary views of every record in `lang` (`None` for records absent there): summaries
    /// whose reads answer the same come from `memo`, the others are made and stored. The
    /// stubs are made for the summaries' refs and lookups and dropped with the ledger (only
    /// those a summary shows stay, shared by it).
    pub fn views(
        &self,
        job: &ViewsJob<'_>,
        missing: &mut Vec<MissingLabel>,
        memo: &mut ViewMemo,
    ) -> Vec<Option<RecordViews>> {
        let lang = job.lang;
        let lang_index = lang.index();
        let count = self.site.records.len();
        let stubs: Vec<Option<Value>> = (0..count)
            .into_par_iter()
            .map(|i| self.stub(i, lang).map(|s| super::api::to_value(&s)))
            .collect();
        let paths = &self.site.view(lang).paths;
        let stub_keys: Vec<Fingerprint> = (0..count)
            .into_par_iter()
            .map(|i| {
                let stub = stubs[i].as_ref()?;
                Some(memo::fingerprint(&(
                    super::value_hash::value_hash(stub),
                    paths[i].as_deref(),
                )))
            })
            .collect();
        let ledger = Ledger {
            site: self.site,
            lang,
            inputs: job.inputs,
            by_identity: job.by_identity,
            stubs,
            stub_keys,
            field_keys: FieldKeys::new(
                (self.config.collections.values())
                    .flat_map(|c| c.fields.keys().map(String::as_str)),
            ),
        };
        let stored: &ViewMemo = memo;
        let made: Vec<Option<Outcome<'_, ViewRead, ViewValue>>> = (0..count)
            .into_par_iter()
            .map(|i| {
                ledger.stubs[i].as_ref()?;
                let record = &self.site.records[i];
                let query = (identity(&record.collection, &record.id), lang_index);
                let current = Answers {
                    ledger: &ledger,
                    index: i,
                };
                let outcome = stored.get_or_compute(
                    &query,
                    &current,
                    |reads| self.view_value(i, lang, &ledger, reads),
                    |v| {
                        memo::fingerprint(&(super::value_hash::value_hash(&v.summary), v.body_hash))
                    },
                )?;
                Some(outcome)
            })
            .collect();
        let mut fresh: Vec<(Query, Entry<ViewRead, ViewValue>)> = Vec::new();
        let mut present = HashSet::with_capacity(count);
        let views = made
            .into_iter()
            .enumerate()
            .map(|(i, made)| {
                let outcome = made?;
                let record = &self.site.records[i];
                let query = (identity(&record.collection, &record.id), lang_index);
                present.insert(query);
                let views = RecordViews {
                    summary: outcome.value().summary.clone(),
                    resolved_body: outcome.value().resolved_body.clone(),
                    hash: outcome.fingerprint(),
                };
                missing.extend(outcome.value().missing.iter().cloned());
                if let Outcome::Computed(entry) = outcome
                    && job.keep
                {
                    fresh.push((query, entry));
                }
                Some(views)
            })
            .collect();
        memo.retain(|q| q.1 != lang_index || present.contains(q));
        for (query, entry) in fresh {
            memo.store(query, entry);
        }
        views
    }

    /// Record `i`'s summary in `lang`, computed now; what it reads goes into `reads`.
    fn view_value(
        &self,
        i: usize,
        lang: Lang,
        ledger: &Ledger<'_>,
        reads: &mut Reads<ViewRead>,
    ) -> Option<ViewValue> {
        let mut recorder = ViewReads {
            ledger,
            index: i,
            reads: std::mem::take(reads),
        };
        let mut missing = Vec::new();
        let view = self.summary(i, lang, &mut recorder, &mut missing);
        *reads = recorder.reads;
        let view = view?;
        Some(ViewValue {
            summary: view.summary,
            resolved_body: view.resolved_body,
            body_hash: view.body_hash,
            missing,
        })
    }
}

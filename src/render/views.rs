//! Record views as derived values of the memo (`crate::memo`): a record's summary in one
//! language is computed by `ViewBuilder::summary`, which notes every read it makes in a
//! [`ViewReads`] recorder; a rebuild reuses the stored summary while those reads answer the
//! same. A cold build runs the same code with an empty memo.
//!
//! Stubs (`{id, collection, title, url, …}`) are cheap: made anew every build and compared by
//! fingerprint, so a summary that shows another record's stub stays valid while that stub is
//! the same (early cutoff).

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use tera::Value;

use crate::config::Lang;
use crate::memo::{self, Current, Entry, Fingerprint, Memo, Outcome, Reads};

use super::context::{MissingLabel, RecordViews, ViewBuilder};
use super::inputs::Inputs;

/// What a summary can read that changes between builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewRead {
    /// The view's own record: its files (`Record::version`).
    Record,
    /// Where the view's own record is published in every language and which text it shows.
    Place,
    /// A record's stub and path in the view's language, by record identity ([`identity`]);
    /// absent records answer `None`.
    Stub(u64),
    /// `site.yaml` and the URLs the build uses.
    Config,
    /// The `.ftl` messages (enum labels).
    Messages,
}

/// A record's summary in one language, with the enum labels it lacked.
#[derive(Clone)]
pub struct ViewValue {
    summary: Value,
    missing: Vec<MissingLabel>,
}

/// The memo's query for a view: record identity and language (index in the site's order).
type Query = (u64, usize);

/// Stored record views, owned by the render memo.
pub type ViewMemo = Memo<Query, ViewRead, ViewValue>;

/// The identity of record `(collection, id)`: what reads and queries name it by.
pub fn identity(collection: &str, id: &str) -> u64 {
    memo::fingerprint(&(collection, id))
}

/// This build's answers for one language: the stubs and the inputs.
pub struct Ledger<'a> {
    builder: &'a ViewBuilder<'a>,
    lang: Lang,
    inputs: &'a Inputs,
    by_identity: &'a HashMap<u64, usize>,
    stubs: Vec<Option<Value>>,
    stub_keys: Vec<Fingerprint>,
}

/// The recorder a summary is made with: every read goes through it and is noted.
pub struct ViewReads<'a> {
    ledger: &'a Ledger<'a>,
    /// The view's own record.
    index: usize,
    reads: Reads<ViewRead>,
}

impl ViewReads<'_> {
    /// Notes a read of the view's own record, its place or an input.
    pub fn note(&mut self, read: ViewRead) {
        let answer = self.ledger.answer_for(self.index, &read);
        self.reads.note(read, answer);
    }

    /// Record `index`'s stub in the view's language (`None`: not published there), noted.
    pub fn stub_at(&mut self, index: usize) -> Option<Value> {
        let record = &self.ledger.builder.site.records[index];
        self.reads.note(
            ViewRead::Stub(identity(&record.collection, &record.id)),
            self.ledger.stub_keys[index],
        );
        self.ledger.stubs[index].clone()
    }

    /// Record `(collection, id)`'s stub in the view's language, noted (found or not).
    pub fn stub_named(&mut self, collection: &str, id: &str) -> Option<Value> {
        let t = self.find(collection, id)?;
        self.ledger.stubs[t].clone()
    }

    /// The index of record `(collection, id)`, noting that its stub was read (found or not).
    pub fn find(&mut self, collection: &str, id: &str) -> Option<usize> {
        let key = identity(collection, id);
        let found = self.ledger.by_identity.get(&key).copied();
        self.reads.note(
            ViewRead::Stub(key),
            found.and_then(|t| self.ledger.stub_keys[t]),
        );
        found
    }
}

/// The answers for the view of record `index` (reads of `Record` and `Place` are its own).
struct Answers<'a> {
    ledger: &'a Ledger<'a>,
    index: usize,
}

impl Current<ViewRead> for Answers<'_> {
    fn answer(&self, read: &ViewRead) -> Fingerprint {
        self.ledger.answer_for(self.index, read)
    }
}

impl Ledger<'_> {
    fn answer_for(&self, index: usize, read: &ViewRead) -> Fingerprint {
        let site = self.builder.site;
        match read {
            ViewRead::Record => site.records.get(index).map(|r| r.version),
            ViewRead::Place => (index < site.records.len()).then(|| self.place(index)),
            ViewRead::Stub(key) => self.by_identity.get(key).and_then(|&t| self.stub_keys[t]),
            ViewRead::Config => self.inputs.config_and_images(),
            ViewRead::Messages => self.inputs.messages,
        }
    }

    /// Where record `i` is in every language and which text it shows there.
    fn place(&self, i: usize) -> u64 {
        let site = self.builder.site;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.lang.hash(&mut h);
        for (code, view) in &site.views {
            let text = site.text_in(i, code).map(|(t, u)| (&t.lang, u));
            (code, view.paths[i].as_deref(), text).hash(&mut h);
        }
        h.finish()
    }
}

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
}

impl ViewBuilder<'_> {
    /// Stub and summary views of every record in `lang` (`None` for records absent there):
    /// summaries whose reads answer the same come from `memo`, the others are made and stored.
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
            builder: self,
            lang,
            inputs: job.inputs,
            by_identity: job.by_identity,
            stubs,
            stub_keys,
        };
        let stored: &ViewMemo = memo;
        let made: Vec<Option<(Value, Outcome<'_, ViewRead, ViewValue>)>> = (0..count)
            .into_par_iter()
            .map(|i| {
                let stub = ledger.stubs[i].clone()?;
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
                    |v| super::value_hash::value_hash(&v.summary),
                )?;
                Some((stub, outcome))
            })
            .collect();
        let mut fresh: Vec<(Query, Entry<ViewRead, ViewValue>)> = Vec::new();
        let mut present = HashSet::with_capacity(count);
        let views = made
            .into_iter()
            .enumerate()
            .map(|(i, made)| {
                let (stub, outcome) = made?;
                let record = &self.site.records[i];
                let query = (identity(&record.collection, &record.id), lang_index);
                present.insert(query);
                let views = RecordViews {
                    stub,
                    summary: outcome.value().summary.clone(),
                    hash: outcome.fingerprint(),
                };
                missing.extend(outcome.value().missing.iter().cloned());
                if let Outcome::Computed(entry) = outcome {
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
        let summary = self.summary(i, lang, &mut recorder, &mut missing);
        *reads = recorder.reads;
        Some(ViewValue {
            summary: summary?,
            missing,
        })
    }
}

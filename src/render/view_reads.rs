//! What a record's summary reads, and this build's answers to those reads: the
//! [`ViewReads`] recorder `ViewBuilder::summary` makes every read through, and the [`Ledger`]
//! of one language's stubs and inputs that answers them. It is apart from `views` (the memo
//! of summaries, which calls the builder) so that the builder and the memo each depend on it
//! and not on each other.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use tera::Value;

use crate::config::Lang;
use crate::content::Site;
use crate::memo::{self, Current, Fingerprint, Reads};

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

/// The identity of record `(collection, id)`: what reads and queries name it by.
pub fn identity(collection: &str, id: &str) -> u64 {
    memo::fingerprint(&(collection, id))
}

/// This build's answers for one language: the stubs and the inputs.
pub struct Ledger<'a> {
    /// The content.
    pub(super) site: &'a Site,
    /// The language.
    pub(super) lang: Lang,
    /// This build's inputs.
    pub(super) inputs: &'a Inputs,
    /// Record identities to indexes ([`super::views::identities`]).
    pub(super) by_identity: &'a HashMap<u64, usize>,
    /// Every record's stub in the language (`None`: not published there).
    pub(super) stubs: Vec<Option<Value>>,
    /// The stubs' fingerprints.
    pub(super) stub_keys: Vec<Fingerprint>,
    /// The schema's field names, shared by the summaries' maps.
    pub(super) field_keys: super::api::FieldKeys,
}

/// The recorder a summary is made with: every read goes through it and is noted.
pub struct ViewReads<'a> {
    pub(super) ledger: &'a Ledger<'a>,
    /// The view's own record.
    pub(super) index: usize,
    pub(super) reads: Reads<ViewRead>,
}

impl ViewReads<'_> {
    /// Notes a read of the view's own record, its place or an input.
    pub fn note(&mut self, read: ViewRead) {
        let answer = self.ledger.answer_for(self.index, &read);
        self.reads.note(read, answer);
    }

    /// Record `index`'s stub in the view's language (`None`: not published there), noted.
    pub fn stub_at(&mut self, index: usize) -> Option<Value> {
        let record = &self.ledger.site.records[index];
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
pub(super) struct Answers<'a> {
    pub(super) ledger: &'a Ledger<'a>,
    pub(super) index: usize,
}

impl Current<ViewRead> for Answers<'_> {
    fn answer(&self, read: &ViewRead) -> Fingerprint {
        self.ledger.answer_for(self.index, read)
    }
}

impl Ledger<'_> {
    fn answer_for(&self, index: usize, read: &ViewRead) -> Fingerprint {
        let site = self.site;
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
        let site = self.site;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.lang.hash(&mut h);
        for (code, view) in &site.views {
            let text = site.text_in(i, code).map(|(t, u)| (&t.lang, u));
            (code, view.paths[i].as_deref(), text).hash(&mut h);
        }
        h.finish()
    }
}

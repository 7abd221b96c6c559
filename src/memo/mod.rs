//! One memo with recorded dependencies: the model every rebuild rests on.
//!
//! A *derived value* (a record's view in a language, a page, …) is computed by one function
//! that is handed a [`Reads`] recorder; everything it reads that can change between builds
//! (an input such as a record file or `site.yaml`, or another derived value) it reads through
//! code that also notes the read in the recorder, with the *fingerprint* the read answered.
//! The memo keeps, per query, the value, the value's own fingerprint and those reads.
//!
//! On the next build a stored value is reused when every read it recorded answers the same
//! fingerprint now ([`Memo::reuse`]); otherwise it is computed again. Dependents record the
//! fingerprint of the values they read, so a value computed again that equals the old one
//! leaves its dependents valid (early cutoff). There is no second, hand-written function that
//! guesses what the first reads: what was read is what was recorded.
//!
//! The memo is plain data, owned by whoever rebuilds (`vestis serve`'s loop) and lent as
//! `&mut`: lookups during a parallel stage borrow it shared, the values made are stored
//! afterwards. A cold build (`build`, `check`) runs the same code with an empty memo.
//!
//! This module knows nothing of sites or pages: the kinds of reads are the caller's type `R`,
//! and what each read answers *now* is told by the caller's [`Current`].

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// What a read answered: a hash of the value read (`None`: nothing was there).
pub type Fingerprint = Option<u64>;

/// The fingerprint of anything hashable.
pub fn fingerprint(value: &(impl Hash + ?Sized)) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// What one computation read, in order, with what each read answered. Filled by the code that
/// does the reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reads<R> {
    reads: Vec<(R, Fingerprint)>,
}

impl<R> Default for Reads<R> {
    fn default() -> Self {
        Reads { reads: Vec::new() }
    }
}

impl<R> Reads<R> {
    /// Nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Notes that `read` answered `answer`.
    pub fn note(&mut self, read: R, answer: Fingerprint) {
        self.reads.push((read, answer));
    }

    /// How many reads were noted.
    pub fn len(&self) -> usize {
        self.reads.len()
    }

    /// Whether nothing was read.
    pub fn is_empty(&self) -> bool {
        self.reads.is_empty()
    }

    /// Each read with what it answered.
    pub fn iter(&self) -> impl Iterator<Item = &(R, Fingerprint)> {
        self.reads.iter()
    }
}

/// What the reads of kind `R` answer in this build: inputs (read from the files now) and the
/// derived values an earlier stage of this build made.
pub trait Current<R> {
    /// The fingerprint `read` answers now.
    fn answer(&self, read: &R) -> Fingerprint;
}

/// One stored value with its fingerprint and the reads that made it.
#[derive(Debug, Clone)]
pub struct Entry<R, V> {
    /// The value.
    pub value: V,
    /// Its fingerprint: what a dependent that reads it records.
    pub fingerprint: u64,
    /// What computing it read.
    pub reads: Reads<R>,
}

impl<R, V> Entry<R, V> {
    /// Whether every read still answers what it did (`current`: this build's answers).
    pub fn holds(&self, current: &impl Current<R>) -> bool {
        self.reads
            .iter()
            .all(|(read, was)| current.answer(read) == *was)
    }
}

/// What [`Memo::get_or_compute`] found for one query.
pub enum Outcome<'m, R, V> {
    /// The stored value: none of its reads changed.
    Reused(&'m Entry<R, V>),
    /// Computed now: to be stored with [`Memo::store`].
    Computed(Entry<R, V>),
}

impl<R, V> Outcome<'_, R, V> {
    /// The value.
    pub fn value(&self) -> &V {
        match self {
            Outcome::Reused(entry) => &entry.value,
            Outcome::Computed(entry) => &entry.value,
        }
    }

    /// The value's fingerprint.
    pub fn fingerprint(&self) -> u64 {
        match self {
            Outcome::Reused(entry) => entry.fingerprint,
            Outcome::Computed(entry) => entry.fingerprint,
        }
    }
}

/// Derived values of one kind, by query `Q`, each with the reads (of kind `R`) that made it.
pub struct Memo<Q, R, V> {
    entries: HashMap<Q, Entry<R, V>>,
}

impl<Q, R, V> Default for Memo<Q, R, V> {
    fn default() -> Self {
        Memo {
            entries: HashMap::new(),
        }
    }
}

impl<Q: Hash + Eq, R, V> Memo<Q, R, V> {
    /// An empty memo (a cold build).
    pub fn new() -> Self {
        Self::default()
    }

    /// How many values are stored.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The stored value of `query`, whether or not its reads still hold (for early cutoff on
    /// an intermediate result, see `render::page_pass`).
    pub fn peek<B: Hash + Eq + ?Sized>(&self, query: &B) -> Option<&Entry<R, V>>
    where
        Q: Borrow<B>,
    {
        self.entries.get(query)
    }

    /// The stored value of `query` if every read it recorded answers the same now.
    pub fn reuse(&self, query: &Q, current: &impl Current<R>) -> Option<&Entry<R, V>> {
        self.entries.get(query).filter(|e| e.holds(current))
    }

    /// The value of `query`: the stored one when it still holds, else `compute`d now with a
    /// fresh recorder (`fingerprint_of` gives the new value's fingerprint). `compute` may
    /// answer `None` (no such value in this build); nothing is stored then.
    pub fn get_or_compute<'m>(
        &'m self,
        query: &Q,
        current: &impl Current<R>,
        compute: impl FnOnce(&mut Reads<R>) -> Option<V>,
        fingerprint_of: impl FnOnce(&V) -> u64,
    ) -> Option<Outcome<'m, R, V>> {
        if let Some(entry) = self.reuse(query, current) {
            return Some(Outcome::Reused(entry));
        }
        let mut reads = Reads::new();
        let value = compute(&mut reads)?;
        Some(Outcome::Computed(Entry {
            fingerprint: fingerprint_of(&value),
            value,
            reads,
        }))
    }

    /// Stores a value computed in this build.
    pub fn store(&mut self, query: Q, entry: Entry<R, V>) {
        self.entries.insert(query, entry);
    }

    /// Forgets the values whose query `keep` refuses (those no longer part of the site).
    pub fn retain(&mut self, mut keep: impl FnMut(&Q) -> bool) {
        self.entries.retain(|q, _| keep(q));
    }
}

#[cfg(test)]
mod tests;

//! The fast path of memoised record views. When the site's structure (its records, their URLs
//! in every language, the texts they show) and the environment are what the previous build
//! had, a view can only have changed if its record changed, or a record whose stub it shows
//! (a ref, an `@/` link target) did: both are told by [`crate::content::Record::version`], so
//! checking a view costs a few integer comparisons.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use super::context::{MissingLabel, RecordViews, ViewBuilder};

/// One record's views in one language, by record index.
pub(super) struct Indexed {
    /// The record's version they were made from.
    pub version: u64,
    /// The records whose stubs the summary shows: `(index, version)` when it was made.
    pub deps: Vec<(usize, u64)>,
    /// The views.
    pub views: RecordViews,
    /// Enum labels they lacked.
    pub missing: Vec<MissingLabel>,
}

/// One language's views of the previous build.
pub(super) struct IndexedViews {
    /// The structure they were made in.
    pub structure: u64,
    /// Per record index (`None`: not published in the language).
    pub views: Vec<Option<Indexed>>,
}

/// The previous build's views, per language.
#[derive(Default)]
pub(super) struct PreviousViews {
    by_lang: HashMap<String, IndexedViews>,
}

impl PreviousViews {
    /// Takes `lang`'s views if they were made in `structure`.
    pub(super) fn take(&mut self, lang: &str, structure: u64) -> Option<IndexedViews> {
        let previous = self.by_lang.remove(lang)?;
        (previous.structure == structure).then_some(previous)
    }

    /// Keeps `lang`'s views for the next build.
    pub(super) fn keep(&mut self, lang: &str, views: IndexedViews) {
        self.by_lang.insert(lang.to_string(), views);
    }
}

impl ViewBuilder<'_> {
    /// The views of `lang`, rebuilding only those whose record or dependencies changed since
    /// `previous` (made in the same structure). Returns the views and what to keep.
    pub(super) fn views_from_previous(
        &self,
        lang: &str,
        mut previous: IndexedViews,
        missing: &mut Vec<MissingLabel>,
    ) -> (Vec<Option<RecordViews>>, IndexedViews) {
        let records = &self.site.records;
        let count = records.len();
        let old = &previous.views;
        let changed: Vec<bool> = (0..count)
            .into_par_iter()
            .map(|i| {
                old[i]
                    .as_ref()
                    .is_none_or(|v| v.version != records[i].version)
            })
            .collect();
        let dirty: Vec<bool> = (0..count)
            .into_par_iter()
            .map(|i| {
                changed[i]
                    || old[i].as_ref().is_some_and(|v| {
                        v.deps
                            .iter()
                            .any(|&(d, version)| records[d].version != version)
                    })
            })
            .collect();
        let stubs: Vec<Option<Value>> = (0..count)
            .into_par_iter()
            .map(|i| match &old[i] {
                Some(v) if !changed[i] => Some(v.views.stub.clone()),
                _ => self.stub(i, lang),
            })
            .collect();
        let remade: Vec<(usize, Option<Indexed>)> = (0..count)
            .into_par_iter()
            .filter(|&i| dirty[i])
            .map(|i| (i, self.indexed_view(i, lang, &stubs)))
            .collect();
        for (i, view) in remade {
            previous.views[i] = view;
        }
        let views = previous
            .views
            .iter()
            .map(|v| {
                let v = v.as_ref()?;
                missing.extend(v.missing.iter().cloned());
                Some(v.views.clone())
            })
            .collect();
        (views, previous)
    }

    /// Record `i`'s views in `lang`, made now, with what they depend on.
    pub(super) fn indexed_view(
        &self,
        i: usize,
        lang: &str,
        stubs: &[Option<Value>],
    ) -> Option<Indexed> {
        let mut labels = Vec::new();
        let mut reads = Vec::new();
        let summary = self.summary(i, lang, stubs, &mut labels, &mut reads)?;
        let hash = super::memo::value_hash(&summary);
        let views = RecordViews {
            stub: stubs[i].clone()?,
            summary,
            hash,
        };
        Some(Indexed {
            version: self.site.records[i].version,
            deps: self.dependency_versions(&reads),
            views,
            missing: labels,
        })
    }

    /// `(index, version)` of the records named by `deps` that exist.
    pub(super) fn dependency_versions(&self, deps: &[(String, String)]) -> Vec<(usize, u64)> {
        deps.iter()
            .filter_map(|(c, id)| self.site.find(c, id))
            .map(|t| (t, self.site.records[t].version))
            .collect()
    }
}

//! The [`Site`]: every published record, checked across records (references, back-references,
//! translation policy, URL collisions; the checks are in `site_checks.rs`) and ordered per
//! language.
//!
//! All of this works on the records' [`Facts`], worked out when each record was read, so that
//! putting 10,000 records together reads little memory; a record's texts are looked at only
//! to report a problem.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use indexmap::IndexMap;

use crate::config::{Config, Lang, MissingPolicy};
use crate::diagnostics::Diagnostics;
use crate::i18n::Locales;

use super::cache::RecordCache;
use super::facts::{self, Facts};
use super::site_checks::{Ordered, check_missing_translations, check_refs, collision};
use super::{Record, Text, order};

/// How to load content.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Include drafts and embargoed records.
    pub drafts: bool,
    /// The moment embargoes are compared with.
    pub now: jiff::Timestamp,
}

/// The records present in one language.
#[derive(Debug, Clone)]
pub struct LanguageView {
    /// The language code.
    pub lang: String,
    /// Record indexes per collection, in the collection's order for this language.
    pub by_collection: IndexMap<String, Vec<usize>>,
    /// Per record: its output folder in this language (`lv/pasakumi/slug/`), or `None` when
    /// the record is not published in this language.
    pub paths: Vec<Option<String>>,
}

/// All published records and what links them.
#[derive(Debug)]
pub struct Site {
    /// Published records, ordered by collection then id.
    pub records: Vec<Arc<Record>>,
    /// Per collection: where its records lie in `records`.
    spans: HashMap<String, Range<usize>>,
    /// Per record: records referring to it, by their collection, in the collection's order
    /// for each language (`backrefs[record][lang.index()][collection]`; shorter when the
    /// last languages have none).
    backrefs: Vec<Vec<BTreeMap<String, Vec<usize>>>>,
    /// Per language, in the site's language order.
    pub views: IndexMap<String, LanguageView>,
    policy: MissingPolicy,
    default_language: String,
    /// How many records this load read from disk (the others came from the cache).
    pub records_read: usize,
    /// The earliest embargo (`publish_at`) still ahead of the load's clock, of a record that
    /// is not a draft: when the site changes next without any file changing.
    pub next_embargo: Option<jiff::Timestamp>,
}

/// A successfully loaded site and the warnings found on the way.
pub type Loaded = (Site, Diagnostics);

impl Site {
    /// Reads and checks all content, reporting every problem.
    pub fn load(
        config: &Config,
        locales: &Locales,
        options: &LoadOptions,
        cache: Option<&mut RecordCache>,
    ) -> Result<Loaded, Diagnostics> {
        let mut phases = crate::timing::Phases::start();
        let read = match cache {
            Some(cache) => cache.read(config, &mut phases),
            // A cold build: the same reading, with an empty memo.
            None => RecordCache::new().read(config, &mut phases),
        };
        phases.mark("read records");
        let mut diagnostics = read.diagnostics.clone();
        for b in &read.built {
            for d in b.diagnostics.items() {
                diagnostics.push(d.clone());
            }
        }
        let found = read.facts.iter().enumerate();
        let all = Ordered::new(config, found.filter_map(|(k, f)| Some((k, f.as_deref()?))));
        check_missing_translations(config, &all, &read.built, &mut diagnostics);
        let published: Vec<bool> = all.facts.iter().map(|f| is_published(f, options)).collect();
        let next_embargo = next_embargo(&all.facts, options);
        check_refs(&all, &published, &read.built, &mut diagnostics);
        let shown = all.built.iter().zip(&all.facts).zip(&published);
        let ordered = Ordered::new(
            config,
            shown.filter(|(_, p)| **p).map(|(kf, _)| (*kf.0, *kf.1)),
        );
        let records: Vec<Arc<Record>> = ordered
            .built
            .iter()
            .filter_map(|&k| read.built[k].record.clone())
            .collect();
        phases.mark("check and order");
        let mut site = Site {
            spans: ordered
                .spans
                .iter()
                .map(|(name, span)| (name.to_string(), span.clone()))
                .collect(),
            records,
            backrefs: Vec::new(),
            views: IndexMap::new(),
            policy: config.missing,
            default_language: config.default_language().to_string(),
            records_read: read.read,
            next_embargo,
        };
        for (l, lang) in config.language_codes().into_iter().enumerate() {
            let view = site.language_view(config, locales, (l, &lang), &ordered, &mut diagnostics);
            site.views.insert(lang, view);
        }
        phases.mark("language views");
        site.backrefs = site.collect_backrefs(&ordered);
        phases.mark("backrefs");
        diagnostics.sort();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok((site, diagnostics))
    }

    /// The records present in `lang` (the views are made in the site's language order, one
    /// per language, so a [`Lang`] of this site is their index).
    pub fn view(&self, lang: Lang) -> &LanguageView {
        &self.views[lang.index()]
    }

    /// The index of a published record.
    pub fn find(&self, collection: &str, id: &str) -> Option<usize> {
        let span = self.spans.get(collection)?;
        let records = &self.records[span.clone()];
        let found = records.binary_search_by(|r| r.id.as_str().cmp(id)).ok()?;
        Some(span.start + found)
    }

    /// The text shown for record `i` in `lang`, and whether it is another language's
    /// (`fallback` policy). `None` when the record is not published in `lang`.
    pub fn text_in(&self, i: usize, lang: &str) -> Option<(&Text, bool)> {
        facts::text_in(&self.records[i], lang, self.policy, &self.default_language)
    }

    /// Records of `collection` referring to record `i`, in that collection's order in `lang`.
    pub fn backrefs(&self, i: usize, lang: Lang, collection: &str) -> &[usize] {
        self.backrefs
            .get(i)
            .and_then(|by_lang| by_lang.get(lang.index()))
            .and_then(|by_coll| by_coll.get(collection))
            .map_or(&[], Vec::as_slice)
    }

    /// Back-references, read off the language views: walking each collection's list in its
    /// order gives every record's referrers already in that order. A record missing from a
    /// view (a URL collision) is an error, so the views then hold every record with a text in
    /// their language: exactly the referrers `backrefs` lists.
    fn collect_backrefs(&self, ordered: &Ordered<'_>) -> Vec<Vec<BTreeMap<String, Vec<usize>>>> {
        let targets: Vec<Vec<usize>> = ordered
            .facts
            .iter()
            .map(|f| {
                let found = f.refs.iter().filter_map(|(to, id)| ordered.find(to, id));
                let mut targets: Vec<usize> = found.collect();
                targets.sort_unstable();
                targets.dedup();
                targets
            })
            .collect();
        let mut backrefs: Vec<Vec<BTreeMap<String, Vec<usize>>>> =
            (0..self.records.len()).map(|_| Vec::new()).collect();
        for (l, view) in self.views.values().enumerate() {
            for (collection, list) in &view.by_collection {
                for &i in list {
                    for &target in &targets[i] {
                        let by_lang = &mut backrefs[target];
                        if by_lang.len() <= l {
                            by_lang.resize_with(l + 1, BTreeMap::new);
                        }
                        let by_collection = &mut by_lang[l];
                        match by_collection.get_mut(collection.as_str()) {
                            Some(list) => list.push(i),
                            None => drop(by_collection.insert(collection.clone(), vec![i])),
                        }
                    }
                }
            }
        }
        backrefs
    }

    /// Which records appear in language `l` (`lang`), where, and in which order.
    fn language_view(
        &self,
        config: &Config,
        locales: &Locales,
        (l, lang): (usize, &str),
        ordered: &Ordered<'_>,
        diagnostics: &mut Diagnostics,
    ) -> LanguageView {
        let site_yaml = config.root.join("site.yaml");
        let lists: Vec<String> = config
            .collections
            .values()
            .filter(|c| c.has_list(lang))
            .map(|c| format!("{lang}/{}/", c.path_in(lang)))
            .collect();
        // Who produces each page folder: first come, first served.
        let mut taken: HashMap<&str, Option<usize>> =
            HashMap::with_capacity(lists.len() + ordered.facts.len());
        for list in &lists {
            taken.insert(list, None);
        }
        let mut paths: Vec<Option<String>> = Vec::with_capacity(ordered.facts.len());
        for (i, f) in ordered.facts.iter().enumerate() {
            let Some(page) = &f.pages[l] else {
                paths.push(None);
                continue;
            };
            match taken.get(page.folder.as_str()) {
                Some(&other) => {
                    let text_path = |i| self.text_in(i, lang).map(|t| t.0.path.clone());
                    let other = other.map_or(Some(site_yaml.clone()), text_path);
                    diagnostics.push(collision(config, &page.folder, text_path(i), other));
                    paths.push(None);
                }
                None => {
                    taken.insert(&page.folder, Some(i));
                    paths.push(Some(page.folder.clone()));
                }
            }
        }
        drop(taken);
        let mut by_collection: IndexMap<String, Vec<usize>> = config
            .collections
            .keys()
            .map(|k| (k.clone(), Vec::new()))
            .collect();
        for (name, span) in &self.spans {
            let shown = span.clone().filter(|&i| paths[i].is_some());
            match by_collection.get_mut(name.as_str()) {
                Some(list) => list.extend(shown),
                None => drop(by_collection.insert(name.clone(), shown.collect())),
            }
        }
        let language = locales.get(lang);
        let compare_text =
            |a: &str, b: &str| language.map_or_else(|| a.cmp(b), |l| l.compare(a, b));
        let sort_value = |i: usize| match &ordered.facts[i].pages[l] {
            Some(page) => &page.sort,
            None => &order::SortValue::Missing,
        };
        for (name, list) in by_collection.iter_mut() {
            if let Some(c) = config.collections.get(name) {
                order::sort_indexes(c, sort_value, &compare_text, list);
            }
        }
        LanguageView {
            lang: lang.to_string(),
            by_collection,
            paths,
        }
    }
}

/// The earliest `publish_at` after `options.now` of a record that is not a draft (none when
/// drafts and embargoed records are shown anyway).
fn next_embargo(facts: &[&Facts], options: &LoadOptions) -> Option<jiff::Timestamp> {
    if options.drafts {
        return None;
    }
    facts
        .iter()
        .filter(|f| !f.draft)
        .filter_map(|f| f.publish_at)
        .filter(|at| *at > options.now)
        .min()
}

fn is_published(facts: &Facts, options: &LoadOptions) -> bool {
    options.drafts || (!facts.draft && facts.publish_at.is_none_or(|at| at <= options.now))
}

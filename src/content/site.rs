//! The [`Site`]: every published record, checked across records (references, back-references,
//! translation policy, URL collisions) and ordered per language.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use indexmap::IndexMap;

use crate::config::{Config, MissingPolicy};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::i18n::Locales;

use super::cache::{Read, RecordCache};
use super::fields::PendingRef;
use super::{FieldValue, Record, Text, order};

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
    /// for each language (`backrefs[record][lang][collection]`).
    backrefs: Vec<IndexMap<String, BTreeMap<String, Vec<usize>>>>,
    /// Per language, in the site's language order.
    pub views: IndexMap<String, LanguageView>,
    policy: MissingPolicy,
    default_language: String,
    /// How many records this load read from disk (the others came from the cache).
    pub records_read: usize,
}

/// A successfully loaded site and the warnings found on the way.
pub type Loaded = (Site, Diagnostics);

impl Site {
    /// Reads and checks all content, reporting every problem.
    pub fn load(
        config: &Config,
        locales: &Locales,
        options: &LoadOptions,
        cache: Option<&RecordCache>,
    ) -> Result<Loaded, Diagnostics> {
        let mut phases = crate::timing::Phases::start();
        let read = match cache {
            Some(cache) => cache.read(config, &mut phases),
            None => Read::all(config, &mut phases),
        };
        phases.mark("read records");
        let records_read = read.read;
        let mut diagnostics = read.diagnostics;
        let mut records = Vec::new();
        let mut pending = Vec::new();
        for b in &read.built {
            for d in b.diagnostics.items() {
                diagnostics.push(d.clone());
            }
            if let Some(r) = &b.record {
                pending.push(b.refs.as_slice());
                records.push(Arc::clone(r));
            }
        }
        check_missing_translations(config, &records, &mut diagnostics);
        let published: HashMap<(&str, &str), bool> = records
            .iter()
            .map(|r| {
                (
                    (r.collection.as_str(), r.id.as_str()),
                    is_published(r, options),
                )
            })
            .collect();
        check_refs(&published, &records, &pending, &mut diagnostics);
        drop(published);
        let mut records: Vec<Arc<Record>> = records
            .into_iter()
            .filter(|r| is_published(r, options))
            .collect();
        order::order_records(config, &mut records);
        phases.mark("check and order");
        let mut site = Site {
            spans: spans(&records),
            records,
            backrefs: Vec::new(),
            views: IndexMap::new(),
            policy: config.missing,
            default_language: config.default_language().to_string(),
            records_read,
        };
        for lang in config.language_codes() {
            let view = site.view(config, locales, &lang, &mut diagnostics);
            site.views.insert(lang, view);
        }
        phases.mark("language views");
        site.backrefs = site.collect_backrefs(config);
        phases.mark("backrefs");
        diagnostics.sort();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok((site, diagnostics))
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
        let record = &self.records[i];
        if let Some(text) = record.texts.get(lang) {
            return Some((text, false));
        }
        if self.policy != MissingPolicy::Fallback {
            return None;
        }
        let text = record
            .texts
            .get(&self.default_language)
            .or_else(|| record.texts.values().next())?;
        Some((text, true))
    }

    /// Records of `collection` referring to record `i`, in that collection's order in `lang`.
    pub fn backrefs(&self, i: usize, lang: &str, collection: &str) -> &[usize] {
        self.backrefs
            .get(i)
            .and_then(|by_lang| by_lang.get(lang))
            .and_then(|by_coll| by_coll.get(collection))
            .map_or(&[], Vec::as_slice)
    }

    /// The published records record `i` refers to, each once, in index order.
    fn targets_of(&self, config: &Config, i: usize) -> Vec<usize> {
        let record = &self.records[i];
        let collection = &config.collections[&record.collection];
        let mut refs = Vec::new();
        for (name, spec) in &collection.fields {
            let values = std::iter::once(record.fields.get(name))
                .chain(record.texts.values().map(|t| t.fields.get(name)))
                .flatten();
            for value in values {
                collect_refs(&spec.kind, value, &mut refs);
            }
        }
        let mut targets: Vec<usize> = refs
            .into_iter()
            .filter_map(|(to, id)| self.find(to, id))
            .collect();
        targets.sort_unstable();
        targets.dedup();
        targets
    }

    /// Back-references, read off the language views: walking each collection's list in its
    /// order gives every record's referrers already in that order. A record missing from a
    /// view (a URL collision) is an error, so the views then hold every record with a text in
    /// their language: exactly the referrers `backrefs` lists.
    fn collect_backrefs(
        &self,
        config: &Config,
    ) -> Vec<IndexMap<String, BTreeMap<String, Vec<usize>>>> {
        let targets: Vec<Vec<usize>> = (0..self.records.len())
            .map(|i| self.targets_of(config, i))
            .collect();
        let mut backrefs: Vec<IndexMap<String, BTreeMap<String, Vec<usize>>>> =
            (0..self.records.len()).map(|_| IndexMap::new()).collect();
        for (lang, view) in &self.views {
            for (collection, list) in &view.by_collection {
                for &i in list {
                    for &target in &targets[i] {
                        let by_lang = &mut backrefs[target];
                        let by_collection = match by_lang.get_mut(lang.as_str()) {
                            Some(m) => m,
                            None => by_lang.entry(lang.clone()).or_default(),
                        };
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

    /// Which records appear in `lang`, where, and in which order.
    fn view(
        &self,
        config: &Config,
        locales: &Locales,
        lang: &str,
        diagnostics: &mut Diagnostics,
    ) -> LanguageView {
        // Each record's folder in `lang`, before collisions are looked for.
        let mut wanted: Vec<Option<(String, &Text)>> = vec![None; self.records.len()];
        for (name, span) in &self.spans {
            let segment = config.collections.get(name).map_or("", |c| c.path_in(lang));
            for i in span.clone() {
                wanted[i] = self
                    .text_in(i, lang)
                    .map(|(text, _)| (self.folder_in(segment, i, text, lang), text));
            }
        }
        let site_yaml = config.root.join("site.yaml");
        let lists: Vec<String> = config
            .collections
            .values()
            .filter(|c| c.has_list(lang))
            .map(|c| format!("{lang}/{}/", c.path_in(lang)))
            .collect();
        let mut taken: HashMap<&str, &std::path::Path> =
            HashMap::with_capacity(lists.len() + wanted.len());
        for list in &lists {
            taken.insert(list, &site_yaml);
        }
        let mut collides = vec![false; wanted.len()];
        for (i, (path, text)) in wanted
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.as_ref().map(|w| (i, w)))
        {
            if let Some(other) = taken.get(path.as_str()) {
                let other = other
                    .strip_prefix(&config.root)
                    .unwrap_or(other)
                    .display()
                    .to_string();
                diagnostics.push(
                    Diagnostic::error(
                        Some(&text.path),
                        format!("the page `/{path}` is also produced by `{other}`"),
                    )
                    .with_suggestion("give one of them another `slug:`"),
                );
                collides[i] = true;
                continue;
            }
            taken.insert(path, &text.path);
        }
        drop(taken);
        let mut by_collection: IndexMap<String, Vec<usize>> = config
            .collections
            .keys()
            .map(|k| (k.clone(), Vec::new()))
            .collect();
        let mut paths: Vec<Option<String>> = Vec::with_capacity(wanted.len());
        let mut texts: Vec<Option<&Text>> = Vec::with_capacity(wanted.len());
        for (wanted, collides) in wanted.into_iter().zip(collides) {
            let (path, text) = wanted.filter(|_| !collides).unzip();
            paths.push(path);
            texts.push(text);
        }
        for (name, span) in &self.spans {
            let shown = span.clone().filter(|&i| paths[i].is_some());
            match by_collection.get_mut(name.as_str()) {
                Some(list) => list.extend(shown),
                None => drop(by_collection.insert(name.clone(), shown.collect())),
            }
        }
        let text = |i: usize| texts[i];
        for (name, list) in by_collection.iter_mut() {
            self.sort(config, locales, lang, name, text, list);
        }
        LanguageView {
            lang: lang.to_string(),
            by_collection,
            paths,
        }
    }

    /// Record `i`'s output folder in `lang`, showing `text`: `lv/pasakumi/slug/` (`segment`
    /// is the collection's, `pasakumi`).
    fn folder_in(&self, segment: &str, i: usize, text: &Text, lang: &str) -> String {
        let slug = if text.lang == lang {
            &text.slug
        } else {
            &self.records[i].id
        };
        if segment.is_empty() {
            format!("{lang}/{slug}/")
        } else {
            format!("{lang}/{segment}/{slug}/")
        }
    }

    /// Sorts record indexes of `collection` by its sort setting in `lang`, where `text` gives
    /// a record's text; ties by id.
    fn sort<'a>(
        &'a self,
        config: &Config,
        locales: &Locales,
        lang: &str,
        collection: &str,
        text: impl Fn(usize) -> Option<&'a Text>,
        list: &mut [usize],
    ) {
        let Some(c) = config.collections.get(collection) else {
            return;
        };
        let language = locales.get(lang);
        let compare_text =
            |a: &str, b: &str| language.map_or_else(|| a.cmp(b), |l| l.compare(a, b));
        order::sort_indexes(c, &self.records, text, &compare_text, list);
    }
}

fn collect_refs<'a>(
    kind: &'a crate::config::FieldKind,
    value: &'a FieldValue,
    out: &mut Vec<(&'a str, &'a str)>,
) {
    use crate::config::FieldKind;
    match (kind, value) {
        (FieldKind::Ref(to), FieldValue::Ref(id)) => out.push((to, id)),
        (FieldKind::List(of), FieldValue::List(items)) => {
            items.iter().for_each(|v| collect_refs(of, v, out))
        }
        _ => {}
    }
}

fn is_published(record: &Record, options: &LoadOptions) -> bool {
    options.drafts || (!record.draft && record.publish_at.is_none_or(|at| at <= options.now))
}

/// `translations.missing: error`: every record needs a text in every language.
fn check_missing_translations(
    config: &Config,
    records: &[Arc<Record>],
    diagnostics: &mut Diagnostics,
) {
    if config.missing != MissingPolicy::Error {
        return;
    }
    let languages = config.language_codes();
    for record in records {
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
/// `published` tells for each record, by `(collection, id)`, whether it is published.
fn check_refs(
    published: &HashMap<(&str, &str), bool>,
    records: &[Arc<Record>],
    pending: &[&[PendingRef]],
    diagnostics: &mut Diagnostics,
) {
    for r in pending.iter().flat_map(|refs| refs.iter()) {
        match published.get(&(r.to.as_str(), r.id.as_str())) {
            Some(true) => {}
            Some(false) => {
                let mut d = r.missing.clone();
                d.severity = crate::diagnostics::Severity::Warning;
                d.message = format!(
                    "{} yet: the reference is left out",
                    d.message
                        .replace("is not a record of", "is a draft or embargoed record of")
                );
                diagnostics.push(d);
            }
            None => {
                let ids = records
                    .iter()
                    .filter(|c| c.collection == r.to)
                    .map(|c| c.id.as_str());
                let hint = did_you_mean(&r.id, ids).unwrap_or_else(|| {
                    format!(
                        "add a record `{}` to `content/{}/`, or fix the id",
                        r.id, r.to
                    )
                });
                diagnostics.push(r.missing.clone().with_suggestion(hint));
            }
        }
    }
}

/// Where each collection's records lie in `records` (ordered by collection, then id).
fn spans(records: &[Arc<Record>]) -> HashMap<String, Range<usize>> {
    let mut spans = HashMap::new();
    let mut start = 0;
    while let Some(first) = records.get(start) {
        let run = records[start..].partition_point(|r| r.collection == first.collection);
        spans.insert(first.collection.clone(), start..start + run);
        start += run;
    }
    spans
}

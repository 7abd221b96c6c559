//! The [`Site`]: every published record, checked across records (references, back-references,
//! translation policy, URL collisions) and ordered per language.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use indexmap::IndexMap;
use rayon::prelude::*;

use crate::config::{Config, MissingPolicy, SortKey};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::i18n::Locales;

use super::cache::RecordCache;
use super::fields::PendingRef;
use super::{FieldValue, Record, Text, record, walk};

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
    pub records: Vec<Record>,
    index: HashMap<(String, String), usize>,
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
        let (files, mut diagnostics) = walk::discover(config);
        phases.mark("discover");
        let config_hash = cache
            .map(|_| super::cache::config_hash(config))
            .unwrap_or(0);
        let built: Vec<(record::Built, bool)> = files
            .par_iter()
            .map(|f| match cache {
                Some(c) => c.build(config, config_hash, f),
                None => (record::build(config, f), true),
            })
            .collect();
        phases.mark("read records");
        let records_read = built.iter().filter(|(_, read)| *read).count();
        let mut records = Vec::new();
        let mut pending = Vec::new();
        for (b, _) in built {
            diagnostics.extend(b.diagnostics);
            if let Some(r) = b.record {
                pending.push(b.refs);
                records.push(r);
            }
        }
        check_missing_translations(config, &records, &mut diagnostics);
        let published: HashMap<(String, String), bool> = records
            .iter()
            .map(|r| {
                (
                    (r.collection.clone(), r.id.clone()),
                    is_published(r, options),
                )
            })
            .collect();
        check_refs(&published, &pending, &mut diagnostics);
        let keep: Vec<bool> = records.iter().map(|r| is_published(r, options)).collect();
        let mut records: Vec<Record> = records
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(r, _)| r)
            .collect();
        order_records(config, &mut records);
        phases.mark("check and order");
        let mut site = Site {
            index: records
                .iter()
                .enumerate()
                .map(|(i, r)| ((r.collection.clone(), r.id.clone()), i))
                .collect(),
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
        site.backrefs = site.collect_backrefs(config, locales);
        phases.mark("backrefs");
        diagnostics.sort();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok((site, diagnostics))
    }

    /// The index of a published record.
    pub fn find(&self, collection: &str, id: &str) -> Option<usize> {
        self.index
            .get(&(collection.to_string(), id.to_string()))
            .copied()
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

    /// Every reference a record makes: `(target collection, target id)`.
    fn refs_of(&self, config: &Config, record: &Record) -> Vec<(String, String)> {
        let collection = &config.collections[&record.collection];
        let mut out = Vec::new();
        for (name, spec) in &collection.fields {
            let values = std::iter::once(record.fields.get(name))
                .chain(record.texts.values().map(|t| t.fields.get(name)))
                .flatten();
            for value in values {
                collect_refs(&spec.kind, value, &mut out);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn collect_backrefs(
        &self,
        config: &Config,
        locales: &Locales,
    ) -> Vec<IndexMap<String, BTreeMap<String, Vec<usize>>>> {
        let mut raw: Vec<BTreeMap<String, Vec<usize>>> = vec![BTreeMap::new(); self.records.len()];
        for (i, record) in self.records.iter().enumerate() {
            for (to, id) in self.refs_of(config, record) {
                if let Some(target) = self.find(&to, &id) {
                    raw[target]
                        .entry(record.collection.clone())
                        .or_default()
                        .push(i);
                }
            }
        }
        raw.into_iter()
            .map(|by_coll| {
                self.views
                    .keys()
                    .map(|lang| {
                        let sorted = by_coll
                            .iter()
                            .map(|(coll, list)| {
                                let mut list: Vec<usize> = list
                                    .iter()
                                    .copied()
                                    .filter(|&i| self.text_in(i, lang).is_some())
                                    .collect();
                                self.sort(config, locales, lang, coll, &mut list);
                                (coll.clone(), list)
                            })
                            .collect();
                        (lang.clone(), sorted)
                    })
                    .collect()
            })
            .collect()
    }

    /// Which records appear in `lang`, where, and in which order.
    fn view(
        &self,
        config: &Config,
        locales: &Locales,
        lang: &str,
        diagnostics: &mut Diagnostics,
    ) -> LanguageView {
        let mut paths = vec![None; self.records.len()];
        let mut taken: HashMap<String, std::path::PathBuf> = HashMap::new();
        for c in config.collections.values().filter(|c| c.has_list(lang)) {
            taken.insert(
                format!("{lang}/{}/", c.path_in(lang)),
                config.root.join("site.yaml"),
            );
        }
        let mut by_collection: IndexMap<String, Vec<usize>> = config
            .collections
            .keys()
            .map(|k| (k.clone(), Vec::new()))
            .collect();
        for (i, record) in self.records.iter().enumerate() {
            let Some((text, _)) = self.text_in(i, lang) else {
                continue;
            };
            let segment = config.collections[&record.collection].path_in(lang);
            let slug = if text.lang == lang {
                text.slug.clone()
            } else {
                record.id.clone()
            };
            let path = if segment.is_empty() {
                format!("{lang}/{slug}/")
            } else {
                format!("{lang}/{segment}/{slug}/")
            };
            if let Some(other) = taken.get(&path) {
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
                continue;
            }
            taken.insert(path.clone(), text.path.clone());
            paths[i] = Some(path);
            by_collection
                .entry(record.collection.clone())
                .or_default()
                .push(i);
        }
        for (name, list) in by_collection.iter_mut() {
            self.sort(config, locales, lang, name, list);
        }
        LanguageView {
            lang: lang.to_string(),
            by_collection,
            paths,
        }
    }

    /// Sorts record indexes of `collection` by its sort setting in `lang`; ties by id.
    fn sort(
        &self,
        config: &Config,
        locales: &Locales,
        lang: &str,
        collection: &str,
        list: &mut [usize],
    ) {
        let Some(c) = config.collections.get(collection) else {
            return;
        };
        let language = locales.get(lang);
        let compare_text =
            |a: &str, b: &str| language.map_or_else(|| a.cmp(b), |l| l.compare(a, b));
        list.sort_by(|&a, &b| {
            let ordering = match &c.sort.key {
                SortKey::Id => Ordering::Equal,
                SortKey::Title => {
                    let ta = self.text_in(a, lang).map_or("", |t| t.0.title.as_str());
                    let tb = self.text_in(b, lang).map_or("", |t| t.0.title.as_str());
                    compare_text(ta, tb)
                }
                SortKey::Field(f) => {
                    let va = self.records[a].field(f, self.text_in(a, lang).map(|t| t.0));
                    let vb = self.records[b].field(f, self.text_in(b, lang).map(|t| t.0));
                    compare_values(va, vb, &compare_text)
                }
            };
            let ordering = if c.sort.descending {
                ordering.reverse()
            } else {
                ordering
            };
            ordering.then_with(|| self.records[a].id.cmp(&self.records[b].id))
        });
    }
}

/// Compares two optional field values; a missing value sorts last.
fn compare_values(
    a: Option<&FieldValue>,
    b: Option<&FieldValue>,
    text: &dyn Fn(&str, &str) -> Ordering,
) -> Ordering {
    use FieldValue as V;
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => match (a, b) {
            (V::Date(x), V::Date(y)) => x.cmp(y),
            (V::DateTime(x), V::DateTime(y)) => x.cmp(y),
            (V::Bool(x), V::Bool(y)) => x.cmp(y),
            (V::Text(x) | V::Enum(x) | V::Ref(x), V::Text(y) | V::Enum(y) | V::Ref(y)) => {
                text(x, y)
            }
            (V::Markdown { source: x, .. }, V::Markdown { source: y, .. }) => text(x, y),
            _ => a
                .as_f64()
                .unwrap_or(0.0)
                .total_cmp(&b.as_f64().unwrap_or(0.0)),
        },
    }
}

fn collect_refs(
    kind: &crate::config::FieldKind,
    value: &FieldValue,
    out: &mut Vec<(String, String)>,
) {
    use crate::config::FieldKind;
    match (kind, value) {
        (FieldKind::Ref(to), FieldValue::Ref(id)) => out.push((to.clone(), id.clone())),
        (FieldKind::List(of), FieldValue::List(items)) => {
            items.iter().for_each(|v| collect_refs(of, v, out))
        }
        _ => {}
    }
}

fn is_published(record: &Record, options: &LoadOptions) -> bool {
    options.drafts || (!record.draft && record.publish_at.is_none_or(|at| at <= options.now))
}

/// Orders records by collection (site.yaml order), then id.
fn order_records(config: &Config, records: &mut [Record]) {
    let position: HashMap<&str, usize> = config
        .collections
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    records.sort_by(|a, b| {
        let pa = position
            .get(a.collection.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        let pb = position
            .get(b.collection.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        pa.cmp(&pb).then_with(|| a.id.cmp(&b.id))
    });
}

/// `translations.missing: error`: every record needs a text in every language.
fn check_missing_translations(config: &Config, records: &[Record], diagnostics: &mut Diagnostics) {
    if config.missing != MissingPolicy::Error {
        return;
    }
    for record in records {
        for lang in config
            .language_codes()
            .iter()
            .filter(|l| !record.texts.contains_key(*l))
        {
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
fn check_refs(
    published: &HashMap<(String, String), bool>,
    pending: &[Vec<PendingRef>],
    diagnostics: &mut Diagnostics,
) {
    for r in pending.iter().flatten() {
        match published.get(&(r.to.clone(), r.id.clone())) {
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
                let ids = published
                    .keys()
                    .filter(|(c, _)| *c == r.to)
                    .map(|(_, id)| id.as_str());
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

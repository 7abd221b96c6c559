//! What putting the site together needs to know of one record, worked out once when the
//! record is read: its page folder and sort value in each language, its references, whether
//! it is published. Kept small and apart from the record's texts and bodies, so that ordering
//! and checking 10,000 records reads little memory, and reused with the record by rebuilds.
//!
//! Facts are a function of the record and the configuration only (a changed configuration
//! reads every record again).

use std::sync::Arc;

use crate::config::{Config, FieldKind, MissingPolicy};

use super::order::SortValue;
use super::record::Built;
use super::{FieldValue, Record, Text};

/// The facts of one record.
#[derive(Debug)]
pub(super) struct Facts {
    /// The record's collection: its position among site.yaml's collections.
    pub collection: usize,
    /// The record's id.
    pub id: String,
    /// `draft: true`.
    pub draft: bool,
    /// `publish_at`.
    pub publish_at: Option<jiff::Timestamp>,
    /// Per site language (site order): its page there, when it has a text to show.
    pub pages: Vec<Option<Page>>,
    /// Every record its fields refer to, `(collection, id)`, sorted, each once.
    pub refs: Vec<(String, String)>,
    /// The target of each reference checked while reading (`Built::refs`), in order.
    pub checked: Vec<(String, String)>,
}

/// A record's page in one language.
#[derive(Debug)]
pub(super) struct Page {
    /// Its output folder: `lv/pasakumi/slug/`.
    pub folder: String,
    /// What its collection sorts it by in this language.
    pub sort: SortValue,
}

impl Facts {
    /// The facts of what reading a record gave; `None` when it gave no record.
    pub(super) fn of(config: &Config, built: &Built) -> Option<Arc<Facts>> {
        let record = built.record.as_ref()?;
        let (collection, _, spec) = config.collections.get_full(&record.collection)?;
        let pages = config
            .languages
            .iter()
            .map(|l| {
                let lang = l.code.as_str();
                let (text, _) = text_in(record, lang, config.missing, config.default_language())?;
                let slug = if text.lang == lang {
                    &text.slug
                } else {
                    &record.id
                };
                let segment = spec.path_in(lang);
                let folder = if segment.is_empty() {
                    format!("{lang}/{slug}/")
                } else {
                    format!("{lang}/{segment}/{slug}/")
                };
                let sort = SortValue::of(spec, record, text);
                Some(Page { folder, sort })
            })
            .collect();
        Some(Arc::new(Facts {
            collection,
            id: record.id.clone(),
            draft: record.draft,
            publish_at: record.publish_at,
            pages,
            refs: refs_of(config, record),
            checked: built
                .refs
                .iter()
                .map(|r| (r.to.clone(), r.id.clone()))
                .collect(),
        }))
    }
}

/// The text shown for `record` in `lang`, and whether it is another language's (`fallback`
/// policy, taking the default language's text, else the first).
pub(super) fn text_in<'a>(
    record: &'a Record,
    lang: &str,
    policy: MissingPolicy,
    default_language: &str,
) -> Option<(&'a Text, bool)> {
    // A record has a text in a few languages: comparing their codes is quicker than hashing
    // one (this runs for every record in every list, feed and index).
    let text_for = |code: &str| {
        record
            .texts
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, t)| t)
    };
    if let Some(text) = text_for(lang) {
        return Some((text, false));
    }
    if policy != MissingPolicy::Fallback {
        return None;
    }
    let text = text_for(default_language).or_else(|| record.texts.values().next())?;
    Some((text, true))
}

/// Every reference a record makes: `(target collection, target id)`, sorted, each once.
fn refs_of(config: &Config, record: &Record) -> Vec<(String, String)> {
    let Some(collection) = config.collections.get(&record.collection) else {
        return Vec::new();
    };
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

/// `(collection, id)` of every ref in a field value of kind `kind`, in order.
fn collect_refs(kind: &FieldKind, value: &FieldValue, out: &mut Vec<(String, String)>) {
    match (kind, value) {
        (FieldKind::Ref(to), FieldValue::Ref(id)) => out.push((to.clone(), id.clone())),
        (FieldKind::List(of), FieldValue::List(items)) => {
            items.iter().for_each(|v| collect_refs(of, v, out))
        }
        _ => {}
    }
}

//! The full record a record page shows (`page` on a record page): its summary with refs
//! upgraded to their targets' summaries and its back-references. Unlike a summary it is made
//! per page, from the views already built, and every view it reads goes through the page's
//! [`PageReads`]; it is apart from `context` (which makes the views) so that the views do
//! not depend on the page's recorder, which itself holds views.

use tera::value::Key;
use tera::{Map, Value};

use crate::config::{FieldKind, Lang};
use crate::content::FieldValue;

use super::context::{RecordViews, ViewBuilder};
use super::page_reads::PageReads;

/// The full record a record page shows: its summary, with refs upgraded to the targets'
/// summaries and `backrefs` added (one list per collection, summaries in that collection's
/// order in `lang`). Every view and back-reference list it reads goes into `reads`.
pub fn full_record(
    b: &ViewBuilder<'_>,
    i: usize,
    lang: Lang,
    views: &[Option<RecordViews>],
    reads: &mut PageReads,
) -> Value {
    let record = &b.site.records[i];
    let code = b.config.languages.code(lang);
    let view = reads.view(views, i);
    let summary = view.map_or_else(Value::none, |v| v.summary.clone());
    let resolved_body = view.and_then(|v| v.resolved_body.clone());
    let mut map = summary.as_map().cloned().unwrap_or_default();
    let text = b.site.text_in(i, code).map(|t| t.0);
    if let Some(text) = text
        && !map.contains_key(&Key::Str("body"))
    {
        // Where a summary would have it (after `description`), so `page | pairs` is the same
        // either way.
        let body = super::context::page_body(text, resolved_body.as_ref());
        let at = map
            .get_index_of(&Key::Str("description"))
            .map_or(map.len(), |d| d + 1);
        map.shift_insert(at, Key::Str("body"), super::api::to_value(&body));
    }
    for (name, spec) in &b.config.collections[&record.collection].fields {
        if let Some(value) = record.field(name, text)
            && let Some(upgraded) = upgrade_refs(b, &spec.kind, value, views, reads)
        {
            map.insert(name.clone().into(), upgraded);
        }
    }
    let backrefs: Map = b
        .config
        .collections
        .keys()
        .map(|c| {
            let list: Vec<Value> = reads
                .backrefs(b.site, i, lang, c)
                .iter()
                .filter_map(|&j| reads.view(views, j).map(|v| v.summary.clone()))
                .collect();
            (c.clone().into(), Value::from(list))
        })
        .collect();
    map.insert("backrefs".into(), Value::from(backrefs));
    Value::from(map)
}

/// A ref (or list of refs) as the targets' summaries; `None` for other fields.
fn upgrade_refs(
    b: &ViewBuilder<'_>,
    kind: &FieldKind,
    value: &FieldValue,
    views: &[Option<RecordViews>],
    reads: &mut PageReads,
) -> Option<Value> {
    match (kind, value) {
        (FieldKind::Ref(to), FieldValue::Ref(id)) => Some(
            b.site
                .find(to, id)
                .and_then(|t| reads.view(views, t))
                .map_or_else(Value::none, |v| v.summary.clone()),
        ),
        (FieldKind::List(of), FieldValue::List(items)) if matches!(**of, FieldKind::Ref(_)) => {
            let list: Vec<Value> = items
                .iter()
                .filter_map(|v| upgrade_refs(b, of, v, views, reads))
                .filter(|v| !v.is_none())
                .collect();
            Some(Value::from(list))
        }
        _ => None,
    }
}

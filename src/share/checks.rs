//! What Google needs to show a record as an event in its search results (an "Event rich
//! result"): a name, a start date and a location with an address. A record of a collection
//! mapped to an event type (`jsonld:`) that lacks one is a warning at the record's file: the
//! page still works, but the search engine will show it as a plain link.
//!
//! `BroadcastEvent`s are left out: a broadcast has a channel, not a place.

use std::path::Path;

use crate::config::Config;
use crate::config::jsonld::JsonLdFamily;
use crate::content::{FieldValue, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One warning per record and missing property (whichever of its languages lacks it).
pub fn event_warnings(config: &Config, site: &Site) -> Diagnostics {
    let mut out = Diagnostics::new();
    for (i, record) in site.records.iter().enumerate() {
        let collection = &config.collections[&record.collection];
        let Some(mapping) = collection
            .jsonld
            .as_ref()
            .filter(|m| m.family == JsonLdFamily::Event && m.type_name != "BroadcastEvent")
        else {
            continue;
        };
        let published: Vec<&str> = site
            .views
            .iter()
            .filter(|(_, v)| v.paths[i].is_some())
            .map(|(l, _)| l.as_str())
            .collect();
        if published.is_empty() {
            continue;
        }
        let texts = || published.iter().map(|l| site.text_in(i, l).map(|t| t.0));
        let path = record.main_path();
        let name = &record.collection;
        if texts().any(|t| t.is_none_or(|t| t.title.trim().is_empty())) {
            out.push(warning(config, &path, "Google shows this event in its search results only with a name, and a language of it has an empty `title`".to_string(), "write the event's name as its `title`"));
        }
        match &mapping.start {
            None => out.push(warning(
                config,
                &path,
                format!("Google shows this event in its search results only with a date, and the collection `{name}` has no date field"),
                &format!("add a `date` field to `{name}` in site.yaml, or name one with `jsonld: {{ start: … }}`"),
            )),
            Some(start) if texts().any(|t| !has_date(record.field(start, t))) => out.push(warning(
                config,
                &path,
                format!("Google shows this event in its search results only with a date: `{start}` is empty"),
                &format!("add `{start}: 2014-06-14`, the day the event takes place"),
            )),
            Some(_) => {}
        }
        let place_ok = |field: &str| {
            texts().all(|t| {
                record.field(field, t).is_some_and(|v| {
                    !super::jsonld::ref_targets(config, site, record, field, v).is_empty()
                })
            })
        };
        match &mapping.place {
            None => out.push(warning(
                config,
                &path,
                format!("Google shows this event in its search results only with a place and its address, and the collection `{name}` has no place field"),
                &format!("add a `town: {{ type: ref, to: towns }}` field to `{name}` in site.yaml, or name one with `jsonld: {{ place: … }}`"),
            )),
            Some(place) if !place_ok(place) => out.push(warning(
                config,
                &path,
                format!("Google shows this event in its search results only with a place and its address: `{place}` is empty"),
                &format!("add `{place}: …` with the id of the place (its town), whose title becomes the address"),
            )),
            Some(_) => {}
        }
    }
    out
}

fn has_date(value: Option<&FieldValue>) -> bool {
    matches!(value, Some(FieldValue::Date(_) | FieldValue::DateTime(_)))
}

/// A warning at the first line of the record's file (where its fields are written).
fn warning(config: &Config, path: &Path, message: String, help: &str) -> Diagnostic {
    let d = Diagnostic::warning(Some(path), message).with_suggestion(help);
    match crate::content::read_text_in(&config.files, path) {
        Ok(text) => {
            let first = text.lines().next().unwrap_or_default();
            let len = first.trim_end_matches('\r').chars().count();
            d.at_line_col(&text, 1, 1, len)
        }
        Err(_) => d,
    }
}

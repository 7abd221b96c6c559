//! JSON-LD (schema.org) for a record page from its collection's `jsonld:` mapping, and the
//! site's `Organization` with its funders for the home page.
//!
//! Each family of types gets the properties search engines read for it: an event its dates,
//! place with postal address (from the town record), organiser, status and attendance mode;
//! an article its headline, date and publisher; a work its author and date. Only properties
//! that schema.org defines for the type are written (the integration test checks every name
//! against schema.org's vocabulary).

use serde_json::{Map, Value, json};

use crate::config::jsonld::{JsonLd, JsonLdFamily};
use crate::config::share::Organization;
use crate::config::{Config, FieldKind};
use crate::content::{FieldValue, Record, Site, Text};

use super::env::{ShareEnv, iso_date, permalink};

/// Google cuts longer `headline`s of articles.
const HEADLINE_CHARS: usize = 110;

/// What the page already knows about the record it shows.
pub(super) struct RecordFacts<'a> {
    /// Index into `Site::records`.
    pub index: usize,
    /// The page's language.
    pub lang: &'a str,
    /// Its canonical absolute address.
    pub url: &'a str,
    /// Its share image's absolute address.
    pub image: &'a str,
    /// Its description as shared.
    pub description: &'a str,
}

/// The JSON-LD of a record page. Other records it reads (the place, the `about` target) are
/// added to `reads`.
pub(super) fn record(
    env: &ShareEnv<'_>,
    mapping: &JsonLd,
    facts: &RecordFacts<'_>,
    reads: &mut Vec<usize>,
) -> Value {
    let site = env.site;
    let record = &site.records[facts.index];
    let text = site.text_in(facts.index, facts.lang).map(|t| t.0);
    let title = text.map(|t| t.title.as_str()).unwrap_or_default();
    let field = |name: &Option<String>| name.as_deref().and_then(|n| record.field(n, text));
    let date = |name: &Option<String>| field(name).and_then(|v| iso_date(env.config, v));
    let mut m = Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), mapping.type_name.as_str().into());
    m.insert("url".into(), facts.url.into());
    m.insert("description".into(), facts.description.into());
    // A place is not a text: it has no language (schema.org gives `Place` no `inLanguage`).
    if mapping.family != JsonLdFamily::Place {
        m.insert("inLanguage".into(), facts.lang.into());
        m.insert("image".into(), json!([facts.image]));
    }
    let places = targets(env, record, text, &mapping.place);
    reads.extend(&places);
    let about = targets(env, record, text, &mapping.about).first().copied();
    reads.extend(about);
    match mapping.family {
        JsonLdFamily::Event => {
            m.insert("name".into(), title.into());
            put(&mut m, "startDate", date(&mapping.start));
            put(&mut m, "endDate", date(&mapping.end));
            let schema = |name: &str| format!("https://schema.org/{name}");
            m.insert("eventStatus".into(), schema(&mapping.status).into());
            m.insert(
                "eventAttendanceMode".into(),
                schema(&mapping.attendance).into(),
            );
            let venue = field(&mapping.venue).and_then(text_of);
            let mut locations: Vec<Value> = places
                .iter()
                .map(|&j| place_value(env, j, facts.lang, venue.clone()))
                .collect();
            match locations.len() {
                0 => {}
                1 => {
                    m.insert("location".into(), locations.remove(0));
                }
                _ => {
                    m.insert("location".into(), Value::Array(locations));
                }
            }
            if let Some(o) = &env.config.share.organization {
                m.insert("organizer".into(), organization(env.config, o, facts.lang));
            }
            if let Some(minutes) = field(&mapping.minutes).and_then(|v| match v {
                FieldValue::Int(n) if *n > 0 => Some(*n),
                _ => None,
            }) {
                m.insert("duration".into(), format!("PT{minutes}M").into());
            }
            if let Some(channel) = field(&mapping.channel).and_then(text_of) {
                m.insert(
                    "publishedOn".into(),
                    json!({"@type": "BroadcastService", "name": channel}),
                );
            }
            if let Some(j) = about {
                let key = match mapping.type_name.as_str() {
                    "BroadcastEvent" => "broadcastOfEvent",
                    _ => "about",
                };
                put(&mut m, key, stub(env, j, facts.lang));
            }
        }
        JsonLdFamily::Article => {
            m.insert("headline".into(), headline(title).into());
            put(&mut m, "datePublished", date(&mapping.start));
            let publisher = field(&mapping.publisher).and_then(text_of);
            let site_org = env.config.share.organization.as_ref();
            match publisher {
                Some(name) => {
                    m.insert(
                        "publisher".into(),
                        json!({"@type": "Organization", "name": name}),
                    );
                }
                None => {
                    if let Some(o) = site_org {
                        m.insert("publisher".into(), organization(env.config, o, facts.lang));
                        m.insert("author".into(), organization(env.config, o, facts.lang));
                    }
                }
            }
            if let Some(j) = about {
                put(&mut m, "about", stub(env, j, facts.lang));
            }
        }
        JsonLdFamily::Work => {
            m.insert("name".into(), title.into());
            put(&mut m, "dateCreated", date(&mapping.start));
            if let Some(author) = field(&mapping.author).and_then(text_of) {
                m.insert(
                    "author".into(),
                    json!({"@type": "Organization", "name": author}),
                );
            }
            if let Some(&j) = places.first() {
                m.insert(
                    "locationCreated".into(),
                    place_value(env, j, facts.lang, None),
                );
            }
        }
        JsonLdFamily::Place => {
            m.insert("name".into(), title.into());
            m.insert("address".into(), address(record, text, title));
        }
    }
    Value::Object(m)
}

/// The site's `Organization` with its funders (the home page's JSON-LD).
pub(super) fn site_organization(config: &Config, org: &Organization, lang: &str) -> Value {
    let mut value = organization(config, org, lang);
    if let Value::Object(m) = &mut value {
        m.insert("@context".into(), "https://schema.org".into());
        let funders: Vec<Value> = org
            .funders
            .iter()
            .map(|f| {
                let mut funder = Map::new();
                funder.insert("@type".into(), "Organization".into());
                funder.insert("name".into(), f.name.as_str().into());
                put(&mut funder, "url", f.url.clone());
                Value::Object(funder)
            })
            .collect();
        if !funders.is_empty() {
            m.insert("funder".into(), Value::Array(funders));
        }
    }
    value
}

/// `{"@type": "Organization", name, url}` of the site in `lang`.
fn organization(config: &Config, org: &Organization, lang: &str) -> Value {
    let name = org
        .name
        .get(lang)
        .or_else(|| config.title.get(lang))
        .cloned()
        .unwrap_or_default();
    let url = org.url.clone().unwrap_or_else(|| permalink(config, ""));
    json!({"@type": "Organization", "name": name, "url": url})
}

/// JSON text that is safe inside `<script>`: `<`, `>` and `&` written as `\u003c`… (they can
/// only occur inside JSON strings, where the escape means the same character).
pub(super) fn script_text(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The records a `ref` field (or a list of refs) points at, those that exist.
pub(super) fn ref_targets(
    config: &Config,
    site: &Site,
    record: &Record,
    field: &str,
    value: &FieldValue,
) -> Vec<usize> {
    let collection = &config.collections[&record.collection];
    let mut kind = collection.fields.get(field).map(|spec| &spec.kind);
    if let Some(FieldKind::List(of)) = kind {
        kind = Some(of);
    }
    let Some(FieldKind::Ref(to)) = kind else {
        return Vec::new();
    };
    let ids = match value {
        FieldValue::Ref(id) => vec![id],
        FieldValue::List(items) => items
            .iter()
            .filter_map(|v| match v {
                FieldValue::Ref(id) => Some(id),
                _ => None,
            })
            .collect(),
        _ => Vec::<&String>::new(),
    };
    ids.into_iter().filter_map(|id| site.find(to, id)).collect()
}

/// The records the role `field` of `record` points at.
fn targets(
    env: &ShareEnv<'_>,
    record: &Record,
    text: Option<&Text>,
    field: &Option<String>,
) -> Vec<usize> {
    let Some(name) = field.as_deref() else {
        return Vec::new();
    };
    record
        .field(name, text)
        .map(|v| ref_targets(env.config, env.site, record, name, v))
        .unwrap_or_default()
}

/// A `Place` for record `j` (a town): its name (the `venue` when given), address and page.
fn place_value(env: &ShareEnv<'_>, j: usize, lang: &str, venue: Option<String>) -> Value {
    let town = &env.site.records[j];
    let text = env.site.text_in(j, lang).map(|t| t.0);
    let title = text.map(|t| t.title.as_str()).unwrap_or(town.id.as_str());
    let mut m = Map::new();
    m.insert("@type".into(), "Place".into());
    m.insert("name".into(), venue.as_deref().unwrap_or(title).into());
    m.insert("address".into(), address(town, text, title));
    if let Some(path) = env.site.views.get(lang).and_then(|v| v.paths[j].as_deref()) {
        m.insert("url".into(), permalink(env.config, path).into());
    }
    Value::Object(m)
}

/// The `PostalAddress` of a place record: its title as the locality, its `region` and
/// `country` fields when it has them.
fn address(place: &Record, text: Option<&Text>, title: &str) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), "PostalAddress".into());
    m.insert("addressLocality".into(), title.into());
    put(
        &mut m,
        "addressRegion",
        place.field("region", text).and_then(text_of),
    );
    put(
        &mut m,
        "addressCountry",
        place
            .field("country", text)
            .and_then(text_of)
            .map(|c| c.to_ascii_uppercase()),
    );
    Value::Object(m)
}

/// `{"@type", name, url}` of record `j` in `lang` (its collection's type, else `Thing`).
fn stub(env: &ShareEnv<'_>, j: usize, lang: &str) -> Option<Value> {
    let target = &env.site.records[j];
    let (text, _) = env.site.text_in(j, lang)?;
    let path = env.site.views.get(lang)?.paths[j].as_deref()?;
    let kind = env.config.collections[&target.collection]
        .jsonld
        .as_ref()
        .map_or("Thing", |m| m.type_name.as_str());
    let name_key = if kind.ends_with("Article") || kind == "Report" {
        "headline"
    } else {
        "name"
    };
    Some(json!({"@type": kind, name_key: text.title, "url": permalink(env.config, path)}))
}

fn text_of(value: &FieldValue) -> Option<String> {
    match value {
        FieldValue::Text(s) | FieldValue::Enum(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn put(m: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(v) = value {
        m.insert(key.into(), v.into());
    }
}

/// The title cut to [`HEADLINE_CHARS`] characters (with `…`).
fn headline(title: &str) -> String {
    if title.chars().count() <= HEADLINE_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(HEADLINE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_end_the_script() {
        let v = json!({"name": "</script><script>alert(1)</script> & <!--"});
        let text = script_text(&v);
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn long_headlines_are_cut() {
        let long = "ā".repeat(200);
        let h = headline(&long);
        assert_eq!(h.chars().count(), HEADLINE_CHARS);
        assert!(h.ends_with('…'));
        assert_eq!(headline("Īss"), "Īss");
    }
}

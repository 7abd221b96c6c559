//! What a shared link and a search engine see, on every page of the example site in both
//! languages: the Open Graph and Twitter tags (present, absolute, the image where the share
//! card contract puts it), `og:locale:alternate` listing exactly the languages the page exists
//! in, and the JSON-LD (parses, has the properties its type needs, and every property name
//! exists for its type in schema.org's vocabulary: `tests/share/schemaorg-properties.json`,
//! extracted from the npm package `schema-dts` by `tests/share/extract_vocabulary.py`).

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use vestis::share::card_path;

const BASE: &str = "https://example.org";

fn example_site() -> vestis::Rendered {
    common::render(Path::new(env!("CARGO_MANIFEST_DIR")))
}

fn vocabulary() -> BTreeMap<String, BTreeSet<String>> {
    let path = common::fixture("share", "schemaorg-properties.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `&amp;` `&quot;` `&#x2F;` … back to characters (what tera's escaping wrote).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 8) else {
            out.push('&');
            rest = after;
            continue;
        };
        let entity = &after[..end];
        let c = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        out.push(c.unwrap_or_else(|| panic!("unknown entity &{entity};")));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The attributes of every `<tag …>` in `html`.
fn tags(html: &str, tag: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{tag} ");
    html.match_indices(&open)
        .map(|(at, _)| {
            let body = &html[at + open.len()..];
            let body = &body[..body.find('>').unwrap()];
            let mut attrs = BTreeMap::new();
            let mut rest = body;
            while let Some(eq) = rest.find("=\"") {
                let name = rest[..eq].trim().to_string();
                let value_end = rest[eq + 2..].find('"').unwrap();
                attrs.insert(name, unescape(&rest[eq + 2..eq + 2 + value_end]));
                rest = &rest[eq + 2 + value_end + 1..];
            }
            attrs
        })
        .collect()
}

/// `property`/`name` → every `content` of the page's `<meta>` tags.
fn metas(html: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for attrs in tags(html, "meta") {
        if let (Some(key), Some(content)) = (
            attrs.get("property").or(attrs.get("name")),
            attrs.get("content"),
        ) {
            out.entry(key.clone()).or_default().push(content.clone());
        }
    }
    out
}

fn jsonld(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(at, _)| {
            let body = &html[at + open.len()..];
            let text = &body[..body.find("</script>").unwrap()];
            serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"))
        })
        .collect()
}

/// What identifies "the same page" across languages: the record, the list page, or the kind.
fn identity(path: &str, html: &str) -> String {
    let body = &tags(html, "body")[0];
    if let Some(id) = body.get("data-record-id") {
        return format!("record {id}");
    }
    let class = body.get("class").cloned().unwrap_or_default();
    if class.contains("kind-list") {
        let collection = class
            .split(' ')
            .find_map(|c| c.strip_prefix("collection-"))
            .unwrap();
        let number = path
            .split("/page/")
            .nth(1)
            .map_or("1", |r| r.trim_end_matches("/index.html"));
        return format!("list {collection} {number}");
    }
    match path.split_once('/') {
        Some((_, rest)) => format!("page {rest}"),
        None => format!("root {path}"),
    }
}

fn locale(lang: &str) -> String {
    match lang {
        "lv" => "lv_LV".into(),
        "ru" => "ru_RU".into(),
        other => panic!("unexpected language {other}"),
    }
}

#[test]
fn every_page_has_share_tags_and_locale_alternates_of_its_languages() {
    let site = example_site();
    let pages: Vec<(String, String)> = common::paths(&site)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .map(|p| {
            let html = common::page(&site, &p);
            (p, html)
        })
        .collect();
    assert!(pages.len() > 100, "only {} pages", pages.len());
    let mut langs_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, html) in &pages {
        let lang = tags(html, "html")[0]["lang"].clone();
        langs_of
            .entry(identity(path, html))
            .or_default()
            .insert(lang);
    }
    let mut crops = 0;
    for (path, html) in &pages {
        let m = metas(html);
        let one = |key: &str| -> &str {
            match m.get(key).map(Vec::as_slice) {
                Some([v]) if !v.trim().is_empty() => v,
                other => panic!("{path}: `{key}` is {other:?}"),
            }
        };
        let lang = tags(html, "html")[0]["lang"].clone();
        for key in ["og:title", "og:description", "og:site_name", "og:image:alt"] {
            one(key);
        }
        for key in ["og:url", "og:image"] {
            assert!(
                one(key).starts_with(&format!("{BASE}/")),
                "{path}: {key} is not absolute"
            );
        }
        // The image is a file of the output with the size the tags state.
        let image = one("og:image")
            .strip_prefix(&format!("{BASE}/"))
            .unwrap_or_else(|| panic!("{path}: og:image outside the site"));
        let bytes = site
            .output
            .get(image)
            .unwrap_or_else(|| panic!("{path}: og:image {image} is not published"));
        let (w, h) = common::image_size(bytes)
            .unwrap_or_else(|| panic!("{path}: {image} is not a PNG or JPEG"));
        assert_eq!(one("og:image:width"), w.to_string(), "{path}: {image}");
        assert_eq!(one("og:image:height"), h.to_string(), "{path}: {image}");
        let mime = match bytes.starts_with(b"\x89PNG") {
            true => "image/png",
            false => "image/jpeg",
        };
        assert_eq!(one("og:image:type"), mime, "{path}: {image}");
        assert_eq!(one("twitter:card"), "summary_large_image", "{path}");
        assert_eq!(one("og:locale"), locale(&lang), "{path}");
        let is_record = tags(html, "body")[0].contains_key("data-record-id");
        assert_eq!(
            one("og:type"),
            if is_record { "article" } else { "website" },
            "{path}"
        );
        let folder = path.trim_end_matches("index.html");
        let card = match is_record {
            true => card_path(&format!("/{folder}")),
            false => card_path(&format!("/{lang}/")),
        };
        // A record with its own photo shares a 1200 × 630 crop of it (or the largest crop of
        // that shape a smaller photo has); every other page its card.
        if is_record && image.starts_with("media/") {
            assert!(image.contains("-share."), "{path}: {image}");
            assert!(!site.output.contains(&card), "{path}: a card is drawn too");
            assert!(w <= 1200 && (w == 1200 || h <= 630), "{path}: {w}×{h}");
            assert!(
                (f64::from(w) / f64::from(h) - 1200.0 / 630.0).abs() < 0.01,
                "{w}×{h}"
            );
            crops += 1;
        } else {
            assert_eq!(one("og:image"), format!("{BASE}/{card}"), "{path}");
            assert_eq!((w, h), (1200, 630), "{path}");
        }
        if is_record {
            assert!(
                card.starts_with(folder) && card.ends_with("/share.png"),
                "{path}: {card}"
            );
        }
        let id = identity(path, html);
        let expected: BTreeSet<String> = match id.starts_with("root ") {
            // The chooser and `/404.html` are every language's.
            true => ["ru".to_string()].into(),
            false => langs_of[&id]
                .iter()
                .filter(|l| **l != lang)
                .cloned()
                .collect(),
        };
        let expected: BTreeSet<String> = expected.iter().map(|l| locale(l)).collect();
        let actual: BTreeSet<String> = m
            .get("og:locale:alternate")
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .collect();
        assert_eq!(actual, expected, "{path} ({id})");
    }
    // The photo's own alt text, in each language, describes the shared crop.
    let alts: Vec<String> = ["lv/pasakumi", "ru/meropriyatiya"]
        .iter()
        .flat_map(|dir| {
            pages
                .iter()
                .filter(move |(p, _)| p.starts_with(dir))
                .flat_map(|(_, html)| metas(html).remove("og:image:alt").unwrap_or_default())
        })
        .collect();
    assert!(
        alts.iter()
            .any(|a| a == "Piecu organizāciju pārstāvji pie skatuves Daugavpilī"),
        "{alts:?}"
    );
    assert!(
        alts.iter()
            .any(|a| a == "Представители пяти организаций у сцены в Даугавпилсе"),
        "{alts:?}"
    );
    // The events with photos (both languages) share their photo.
    assert!(crops >= 6, "only {crops} pages share a photo");
    // The example site has records in only one language: their pages list no alternate.
    assert!(
        langs_of.values().any(|l| l.len() == 1),
        "no one-language page to test"
    );
}

/// Every property of `value` (and of the objects inside it) exists for its `@type`.
fn check_vocabulary(value: &Value, vocabulary: &BTreeMap<String, BTreeSet<String>>, at: &str) {
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|v| check_vocabulary(v, vocabulary, at)),
        Value::Object(map) => {
            let kind = map["@type"]
                .as_str()
                .unwrap_or_else(|| panic!("{at}: no @type in {value}"));
            let known = vocabulary
                .get(kind)
                .unwrap_or_else(|| panic!("{at}: `{kind}` is not in the vocabulary fixture"));
            for (key, v) in map {
                if !key.starts_with('@') {
                    assert!(
                        known.contains(key),
                        "{at}: `{kind}` has no property `{key}`"
                    );
                }
                check_vocabulary(v, vocabulary, &format!("{at} › {key}"));
            }
        }
        _ => {}
    }
}

fn text<'a>(v: &'a Value, path: &str) -> &'a str {
    let mut at = v;
    for key in path.split('.') {
        at = &at[key];
    }
    at.as_str()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| panic!("no `{path}` in {v}"))
}

#[test]
fn json_ld_parses_and_has_what_its_type_needs() {
    let site = example_site();
    let vocabulary = vocabulary();
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    for path in common::paths(&site)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
    {
        let html = common::page(&site, &path);
        for v in jsonld(&html) {
            assert_eq!(v["@context"], "https://schema.org", "{path}");
            check_vocabulary(&v, &vocabulary, &path);
            let kind = text(&v, "@type").to_string();
            *types.entry(kind.clone()).or_default() += 1;
            let absolute = |key: &str| {
                assert!(
                    text(&v, key).starts_with(&format!("{BASE}/")),
                    "{path}: {key}"
                )
            };
            match kind.as_str() {
                "TheaterEvent" | "EducationEvent" => {
                    text(&v, "name");
                    text(&v, "startDate");
                    let location = match &v["location"] {
                        Value::Array(all) => all[0].clone(),
                        one => one.clone(),
                    };
                    text(&location, "address.addressLocality");
                    assert_eq!(text(&location, "address.addressCountry").len(), 2, "{path}");
                    assert!(text(&v, "eventStatus").starts_with("https://schema.org/Event"));
                    text(&v, "eventAttendanceMode");
                    text(&v, "organizer.name");
                    absolute("url");
                }
                "BroadcastEvent" => {
                    text(&v, "name");
                    text(&v, "startDate");
                    text(&v, "publishedOn.name");
                    text(&v, "broadcastOfEvent.name");
                }
                "NewsArticle" => {
                    text(&v, "headline");
                    text(&v, "datePublished");
                    text(&v, "publisher.name");
                    assert!(v["image"][0].as_str().unwrap().starts_with(BASE), "{path}");
                }
                "Play" => {
                    text(&v, "name");
                    text(&v, "author.name");
                }
                "City" => {
                    text(&v, "name");
                    text(&v, "address.addressLocality");
                }
                "Organization" => {
                    text(&v, "name");
                    absolute("url");
                    assert!(
                        !v["funder"].as_array().unwrap().is_empty(),
                        "{path}: no funder"
                    );
                }
                other => panic!("{path}: unexpected type {other}"),
            }
        }
    }
    for kind in [
        "TheaterEvent",
        "EducationEvent",
        "BroadcastEvent",
        "NewsArticle",
        "Play",
        "City",
    ] {
        assert!(
            types.get(kind).is_some_and(|&n| n >= 2),
            "{kind}: {types:?}"
        );
    }
    assert_eq!(types.get("Organization"), Some(&2), "one per home page");
}

#[test]
fn an_event_has_its_town_as_postal_address_and_the_funder_is_named() {
    let site = example_site();
    let html = common::page(&site, "lv/pasakumi/sovs-rezekne/index.html");
    let v = &jsonld(&html)[0];
    assert_eq!(v["@type"], "TheaterEvent");
    assert_eq!(v["startDate"], "2014-11-15");
    assert_eq!(v["location"]["name"], "Rēzeknes Kultūras nams");
    assert_eq!(v["location"]["address"]["addressLocality"], "Rēzekne");
    assert_eq!(v["location"]["address"]["addressRegion"], "Latgale");
    assert_eq!(v["location"]["address"]["addressCountry"], "LV");
    let ru = common::page(&site, "ru/index.html");
    let org = &jsonld(&ru)[0];
    assert_eq!(org["name"], "Общество «Балта Мая»");
    assert!(
        org["funder"][0]["name"]
            .as_str()
            .unwrap()
            .contains("EEA Grants")
    );
}

#[test]
fn each_language_has_its_404_page_and_the_root_one_has_all() {
    let site = example_site();
    let lv = common::page(&site, "lv/404.html");
    let ru = common::page(&site, "ru/404.html");
    assert!(lv.contains("<html lang=\"lv\"") && lv.contains("Lapa nav atrasta"));
    assert!(ru.contains("<html lang=\"ru\"") && ru.contains("Страница не найдена"));
    assert!(
        !ru.contains("Lapa nav atrasta"),
        "the Russian 404 page is in Russian only"
    );
    let root = common::page(&site, "404.html");
    for text in [
        "Lapa nav atrasta",
        "Страница не найдена",
        "data-not-found-lang=\"ru\"",
        "location.pathname",
    ] {
        assert!(root.contains(text), "root 404.html lacks {text}");
    }
    let sitemap = common::page(&site, "sitemap.xml");
    assert!(!sitemap.contains("404"), "404 pages are not in the sitemap");
}

#[test]
fn every_page_links_both_feeds() {
    let site = example_site();
    for lang in ["lv", "ru"] {
        let html = common::page(&site, &format!("{lang}/index.html"));
        let links = tags(&html, "link");
        for (kind, file) in [
            ("application/atom+xml", "atom.xml"),
            ("application/rss+xml", "rss.xml"),
        ] {
            let link = links
                .iter()
                .find(|l| l.get("type").map(String::as_str) == Some(kind))
                .unwrap_or_else(|| panic!("{lang}: no {kind} link"));
            assert_eq!(link["rel"], "alternate");
            let href = link["href"].clone();
            assert_eq!(href, format!("/{lang}/{file}"));
            assert!(site.output.contains(&href[1..]), "{href} is not made");
        }
    }
}

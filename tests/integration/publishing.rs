//! The published data files of `tests/sites/full` — Atom feeds, iCalendar files, sitemap,
//! robots.txt, search indexes — read back with independent parsers; and the internal link
//! check of `vestis check`.

use crate::common;

use std::io::BufReader;
use std::str::FromStr;

use common::{fixture, page, paths, render, temp_copy};

const LV_STAGE: &str = "https://balta-maja.test/sub/lv/pasakumi/integracijas-skatuve/";
const RU_STAGE: &str =
    "https://balta-maja.test/sub/ru/meropriyatiya/integratsionnaya-stsena-v-rezekne/";
const LV_SHOW: &str = "https://balta-maja.test/sub/lv/pasakumi/daugavpils-show/";
const LV_SCRIPT: &str = "https://balta-maja.test/sub/lv/pasakumi/script-title/";

fn full() -> vestis::Rendered {
    render(&fixture("sites", "full"))
}

fn feed(r: &vestis::Rendered, lang: &str) -> atom_syndication::Feed {
    let text = page(r, &format!("{lang}/atom.xml"));
    atom_syndication::Feed::read_from(BufReader::new(text.as_bytes()))
        .unwrap_or_else(|e| panic!("{lang}/atom.xml is not Atom: {e}\n{text}"))
}

#[test]
fn atom_feed_lists_feed_records_newest_first_with_their_summary() {
    let r = full();
    let lv = feed(&r, "lv");
    assert_eq!(lv.title().as_str(), "Baltā māja <testa> vietne");
    assert_eq!(lv.id(), "https://balta-maja.test/sub/lv/");
    assert_eq!(lv.lang(), Some("lv"));
    assert_eq!(lv.updated().to_rfc3339(), "2014-06-14T00:00:00+03:00");
    let links: Vec<(&str, &str)> = lv.links().iter().map(|l| (l.rel(), l.href())).collect();
    assert_eq!(
        links,
        [
            ("self", "https://balta-maja.test/sub/lv/atom.xml"),
            ("alternate", "https://balta-maja.test/sub/lv/")
        ]
    );
    let ids: Vec<&str> = lv.entries().iter().map(|e| e.id()).collect();
    assert_eq!(
        ids,
        [LV_STAGE, LV_SHOW, LV_SCRIPT],
        "newest first, events only"
    );
    let stage = &lv.entries()[0];
    assert_eq!(stage.title().as_str(), "Integrācijas skatuve Rēzeknē");
    assert_eq!(stage.updated().to_rfc3339(), "2014-06-14T00:00:00+03:00");
    assert_eq!(stage.links()[0].href(), LV_STAGE);
    assert_eq!(stage.summary().unwrap().as_str(), "Divu dienu pasākums");
    // `feed_content` is `summary` unless site.yaml says `full` (tests/feeds.rs): no body.
    assert!(stage.content().is_none());
    // A record without a summary is summed up by the start of its text.
    let show = lv.entries()[1].summary().unwrap().as_str();
    assert!(!show.is_empty() && show.chars().count() <= 301, "{show}");
    // HTML in titles is text, not markup.
    assert_eq!(
        lv.entries()[2].title().as_str(),
        "<script>alert(1)</script> Tituls"
    );

    let ru = feed(&r, "ru");
    assert_eq!(ru.title().as_str(), "Сайт «Балта Мая»");
    assert_eq!(ru.lang(), Some("ru"));
    let titles: Vec<&str> = ru.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(
        titles,
        ["Интеграционная сцена в Резекне", "Шоу в Даугавпилсе"]
    );
    assert_eq!(ru.entries()[0].id(), RU_STAGE);
}

/// One VEVENT's properties as `(name, params, value)`.
type Props = Vec<(String, String, String)>;

fn calendar(r: &vestis::Rendered, lang: &str) -> (Props, Vec<Props>) {
    let text = page(r, &format!("{lang}/calendar.ics"));
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(parser.next().is_none());
    let props = |list: &[ical::property::Property]| -> Props {
        list.iter()
            .map(|p| {
                let params = p
                    .params
                    .iter()
                    .flatten()
                    .map(|(k, v)| format!("{k}={}", v.join(",")))
                    .collect::<Vec<_>>()
                    .join(";");
                (p.name.clone(), params, p.value.clone().unwrap_or_default())
            })
            .collect()
    };
    let events = cal.events.iter().map(|e| props(&e.properties)).collect();
    (props(&cal.properties), events)
}

fn prop<'a>(props: &'a Props, name: &str) -> &'a str {
    props
        .iter()
        .find(|p| p.0 == name)
        .map(|p| p.2.as_str())
        .unwrap_or_else(|| panic!("no {name} in {props:?}"))
}

#[test]
fn icalendar_has_one_event_per_dated_calendar_record() {
    let r = full();
    let (head, events) = calendar(&r, "lv");
    assert_eq!(prop(&head, "VERSION"), "2.0");
    assert_eq!(prop(&head, "CALSCALE"), "GREGORIAN");
    assert!(prop(&head, "PRODID").contains("vestis"));
    assert_eq!(prop(&head, "X-WR-CALNAME"), "Baltā māja <testa> vietne");
    let uids: Vec<&str> = events.iter().map(|e| prop(e, "UID")).collect();
    assert_eq!(
        uids,
        [
            "events-script-title@balta-maja.test",
            "events-daugavpils-show@balta-maja.test",
            "events-rezekne-stage@balta-maja.test"
        ]
    );
    let stage = &events[2];
    let dtstart = stage.iter().find(|p| p.0 == "DTSTART").unwrap();
    assert_eq!(
        (dtstart.1.as_str(), dtstart.2.as_str()),
        ("VALUE=DATE", "20140614")
    );
    assert_eq!(prop(stage, "DTEND"), "20140615");
    assert_eq!(prop(stage, "DTSTAMP"), "20140613T210000Z");
    assert_eq!(prop(stage, "SUMMARY"), "Integrācijas skatuve Rēzeknē");
    assert_eq!(prop(stage, "DESCRIPTION"), "Divu dienu pasākums");
    // The `ical` crate unfolds lines but leaves TEXT escapes as written.
    assert_eq!(
        prop(stage, "LOCATION"),
        "Latgales vēstniecība GORS\\, Rēzekne"
    );
    assert_eq!(prop(stage, "URL"), LV_STAGE);
    // Without a summary, no description: the calendar carries no part of the body.
    assert!(
        events[1].iter().all(|p| p.0 != "DESCRIPTION"),
        "{:?}",
        events[1]
    );

    let (head, events) = calendar(&r, "ru");
    assert_eq!(prop(&head, "X-WR-CALNAME"), "Сайт «Балта Мая»");
    assert_eq!(events.len(), 2);
    assert_eq!(
        prop(&events[1], "LOCATION"),
        "Латгальское посольство GORS\\, Резекне"
    );
    assert_eq!(prop(&events[1], "URL"), RU_STAGE);
}

#[test]
fn icalendar_lines_end_in_crlf_and_fold_at_75_octets() {
    let dir = temp_copy("sites", "full");
    let md = dir.path().join("content/events/daugavpils-show.ru.md");
    let long = "Длинное описание, с запятыми; точками с запятой и \\ обратной чертой. ".repeat(4);
    std::fs::write(
        &md,
        format!("---\ntitle: \"Шоу в Даугавпилсе\"\nsummary: '{long}'\n---\nШоу.\n"),
    )
    .unwrap();
    let r = render(dir.path());
    let text = page(&r, "ru/calendar.ics");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "the long description is folded");
    // Unfolded as RFC 5545 says (CRLF and one space removed), and by the `ical` crate.
    let unfolded = text.replace("\r\n ", "");
    let expected = long
        .trim_end()
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;");
    assert!(
        unfolded.contains(&format!("\r\nDESCRIPTION:{expected}\r\n")),
        "{unfolded}"
    );
    assert_eq!(prop(&calendar(&r, "ru").1[0], "DESCRIPTION"), expected);
}

#[test]
fn sitemap_lists_every_page_with_its_translations() {
    let r = full();
    let text = page(&r, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap is XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    let urls: Vec<(String, Vec<(String, String)>)> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ns, "url")))
        .map(|url| {
            let loc = url
                .children()
                .find(|n| n.has_tag_name((ns, "loc")))
                .unwrap();
            let alternates = url
                .children()
                .filter(|n| n.has_tag_name((xhtml, "link")))
                .map(|l| {
                    assert_eq!(l.attribute("rel"), Some("alternate"));
                    (
                        l.attribute("hreflang").unwrap().into(),
                        l.attribute("href").unwrap().into(),
                    )
                })
                .collect();
            (loc.text().unwrap().to_string(), alternates)
        })
        .collect();
    let expected: Vec<String> = paths(&r)
        .iter()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| {
            format!(
                "https://balta-maja.test/sub/{}",
                p.trim_end_matches("index.html")
            )
        })
        .collect();
    let mut locs: Vec<String> = urls.iter().map(|(l, _)| l.clone()).collect();
    locs.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(locs, expected_sorted, "every page but 404.html, absolute");
    let alternates = |loc: &str| urls.iter().find(|(l, _)| l == loc).unwrap().1.clone();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        alternates(RU_STAGE),
        [
            pair("lv", LV_STAGE),
            pair("ru", RU_STAGE),
            pair("x-default", LV_STAGE)
        ]
    );
    assert_eq!(
        alternates(LV_SCRIPT),
        [pair("lv", LV_SCRIPT), pair("x-default", LV_SCRIPT)],
        "a record only in Latvian has no Russian alternate"
    );
    let root = "https://balta-maja.test/sub/";
    let homes = [
        pair("lv", "https://balta-maja.test/sub/lv/"),
        pair("ru", "https://balta-maja.test/sub/ru/"),
        pair("x-default", root),
    ];
    assert_eq!(alternates(root), homes);
    assert_eq!(alternates("https://balta-maja.test/sub/ru/"), homes);
    assert_eq!(
        alternates("https://balta-maja.test/sub/lv/pasakumi/page/2/"),
        [
            pair("lv", "https://balta-maja.test/sub/lv/pasakumi/page/2/"),
            pair(
                "x-default",
                "https://balta-maja.test/sub/lv/pasakumi/page/2/"
            )
        ],
        "Russian has one list page only"
    );
    assert_eq!(
        page(&r, "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://balta-maja.test/sub/sitemap.xml\n"
    );
}

#[test]
fn search_index_has_every_record_of_the_language() {
    let r = full();
    let lv: serde_json::Value = serde_json::from_str(&page(&r, "lv/search.json")).unwrap();
    // A small site's index is one file: the manifest carries the entries and the words.
    assert_eq!(lv["records"], 8);
    assert!(lv["words"]["rezekne"].is_array());
    let entries = lv["entries"].as_array().unwrap();
    let urls: Vec<&str> = entries.iter().map(|e| e["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "/sub/lv/pasakumi/integracijas-skatuve/",
            "/sub/lv/pasakumi/daugavpils-show/",
            "/sub/lv/pasakumi/script-title/",
            "/sub/lv/pilsetas/cesis/",
            "/sub/lv/pilsetas/daugavpils/",
            "/sub/lv/pilsetas/rezekne/",
            "/sub/lv/izrades/the-bench/",
            "/sub/lv/par-projektu/",
        ]
    );
    assert_eq!(
        entries[0],
        serde_json::json!({
            "title": "Integrācijas skatuve Rēzeknē",
            "summary": "Divu dienu pasākums",
            "date": "2014-06-14",
            "text": "Programma Diena Kas 1 Izrādes Teksts ar zemsvītras piezīmi un svītrojumu. sagatavots izdarīts Skat. Daugavpils šovu un programmu. Piezīme.",
            "url": "/sub/lv/pasakumi/integracijas-skatuve/",
            "collection": "events",
        })
    );
    assert_eq!(entries[1]["summary"], serde_json::Value::Null);
    assert_eq!(entries[3]["collection"], "towns");
    let ru: serde_json::Value = serde_json::from_str(&page(&r, "ru/search.json")).unwrap();
    assert_eq!(ru["entries"][0]["title"], "Интеграционная сцена в Резекне");
    assert!(
        ru["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["url"].as_str().unwrap().starts_with("/sub/ru/"))
    );
}

#[test]
fn drafts_and_embargoed_records_appear_in_no_published_file() {
    let r = full();
    for (path, bytes) in r.output.iter() {
        let text = String::from_utf8_lossy(bytes);
        for mark in ["DRAFTMARK", "EMBARGOMARK", "draft-event", "future-event"] {
            assert!(!text.contains(mark), "{mark} in {path}");
        }
    }
    // They are left out by the content stage, not by accident: `--drafts` brings them back.
    let with_drafts = vestis::render_site(&vestis::BuildOptions {
        drafts: true,
        ..common::options(&fixture("sites", "full"))
    })
    .unwrap();
    for file in [
        "lv/atom.xml",
        "lv/calendar.ics",
        "lv/search.json",
        "sitemap.xml",
    ] {
        let text = page(&with_drafts, file);
        assert!(
            text.contains("draft-event") && text.contains("future-event"),
            "{file}"
        );
    }
}

#[test]
fn published_files_are_byte_identical_across_builds() {
    let a = full();
    let b = full();
    for file in [
        "lv/atom.xml",
        "ru/calendar.ics",
        "sitemap.xml",
        "lv/search.json",
        "robots.txt",
    ] {
        assert_eq!(a.output.get(file), b.output.get(file), "{file}");
    }
}

#[test]
fn fallback_texts_are_marked_in_the_feed_and_left_out_of_the_sitemap() {
    let dir = temp_copy("sites", "missing-ru");
    let config = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("missing: skip", "missing: fallback")
        .replace("sort: title", "sort: title\n    feed: true");
    std::fs::write(config, text).unwrap();
    let r = render(dir.path());
    let atom = page(&r, "ru/atom.xml");
    assert!(
        atom.contains("<entry xml:lang=\"lv\">\n    <title>Tikai latviski</title>"),
        "{atom}"
    );
    feed(&r, "ru");
    let sitemap = page(&r, "sitemap.xml");
    assert!(!sitemap.contains("<loc>https://balta-maja.test/ru/zametki/lv-only/</loc>"));
    assert!(sitemap.contains("<loc>https://balta-maja.test/lv/piezimes/lv-only/</loc>"));
    // An empty feed is valid, with a fixed `updated`.
    let empty = temp_copy("sites", "trilingual");
    let r = render(empty.path());
    let en = feed(&r, "en");
    assert!(en.entries().is_empty());
    assert_eq!(en.updated().to_rfc3339(), "1970-01-01T00:00:00+00:00");
}

#[test]
fn check_passes_a_site_whose_links_all_work() {
    let r = vestis::check(&common::options(&fixture("sites", "full")));
    assert!(r.is_ok(), "{}", r.unwrap_err());
}

#[test]
fn check_reports_broken_links_and_anchors_at_their_source() {
    let dir = temp_copy("sites", "full");
    let md = dir.path().join("content/events/rezekne-stage.lv.md");
    let mut text = std::fs::read_to_string(&md).unwrap();
    text.push_str("\nSkat. [x](/lv/nowhere/) un [y](#nope).\n");
    std::fs::write(&md, text).unwrap();
    let template = dir.path().join("themes/test/templates/list.html");
    let list = std::fs::read_to_string(&template).unwrap().replace(
        "<ol id=\"records\">",
        "<a href=\"{{ site.base_path }}/lv/gone/\">x</a><ol id=\"records\">",
    );
    std::fs::write(&template, list).unwrap();

    let err = vestis::check(&common::options(dir.path())).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(
            "error: content/events/rezekne-stage.lv.md:24:7: broken link `/sub/lv/nowhere/`: the site has no page or file at `/sub/lv/nowhere/` (on the page `/sub/lv/pasakumi/integracijas-skatuve/`)\n   |\n24 | Skat. [x](/lv/nowhere/) un [y](#nope).\n   |       ^"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "error: content/events/rezekne-stage.lv.md:24:28: broken link `#nope`: the page `/sub/lv/pasakumi/integracijas-skatuve/` has no element with id `nope`"
        ),
        "{text}"
    );
    // A template's broken link is reported once, however many pages it is on.
    let from_template: Vec<_> = err
        .items()
        .iter()
        .filter(|d| d.message.contains("/sub/lv/gone/"))
        .collect();
    assert_eq!(from_template.len(), 1, "{text}");
    let d = from_template[0];
    assert_eq!(
        d.path.as_deref(),
        Some(std::path::Path::new("themes/test/templates/list.html"))
    );
    assert!(d.message.contains("other pages)"), "{}", d.message);
    assert_eq!(err.error_count(), 3, "{text}");
    // One gate: `build` (and every `serve` rebuild) refuses the same links, and writes nothing.
    let rendered = vestis::render_site(&common::options(dir.path())).unwrap_err();
    assert_eq!(rendered.to_string(), text);
    let out = dir.path().join("built");
    let options = vestis::BuildOptions {
        output_dir: Some(out.clone()),
        ..common::options(dir.path())
    };
    assert_eq!(vestis::build(&options).unwrap_err().to_string(), text);
    assert!(!out.exists());
}

#[test]
fn a_link_to_a_draft_fails_the_build_unless_drafts_are_included() {
    let dir = temp_copy("sites", "full");
    let md = dir.path().join("content/events/rezekne-stage.lv.md");
    let mut text = std::fs::read_to_string(&md).unwrap();
    text.push_str("\nSkat. [melnraksts](@/events/draft-event).\n");
    std::fs::write(&md, text).unwrap();
    let err = vestis::build(&common::options(dir.path())).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(
            "broken link `@/events/draft-event`: no published record has this collection and id"
        ),
        "{text}"
    );
    let drafts = vestis::BuildOptions {
        drafts: true,
        ..common::options(dir.path())
    };
    let r = vestis::render_site(&drafts);
    assert!(r.is_ok(), "{}", r.unwrap_err());
}

#[test]
fn a_static_robots_txt_replaces_the_generated_one() {
    let dir = temp_copy("sites", "full");
    std::fs::write(
        dir.path().join("static/robots.txt"),
        "User-agent: *\nDisallow: /\n",
    )
    .unwrap();
    let r = render(dir.path());
    assert_eq!(page(&r, "robots.txt"), "User-agent: *\nDisallow: /\n");
}

/// Every accepted date has valid Atom and iCalendar forms: the first and last years of the
/// accepted range, and a date when Riga's offset had seconds (+01:36:34, before 1926).
#[test]
fn dates_at_the_edges_give_valid_feeds_and_calendars() {
    for date in ["1800-01-01", "1920-05-01", "2200-12-31"] {
        let dir = temp_copy("sites", "full");
        let yaml = dir.path().join("content/events/script-title.yaml");
        std::fs::write(&yaml, format!("date: {date}\ntown: rezekne\n")).unwrap();
        let r = render(dir.path());
        let lv = feed(&r, "lv");
        for entry in lv.entries() {
            let updated = entry.updated().to_rfc3339();
            assert!(
                jiff::Timestamp::from_str(&updated).is_ok(),
                "{date}: {updated}"
            );
        }
        let text = page(&r, "lv/atom.xml");
        assert!(!text.contains(":34<") && !text.contains("+01:36"), "{text}");
        let (_, events) = calendar(&r, "lv");
        let event = events
            .iter()
            .find(|e| prop(e, "UID").starts_with("events-script-title@"))
            .unwrap();
        let start = prop(event, "DTSTART");
        let end = prop(event, "DTEND");
        assert_eq!(start, date.replace('-', ""), "{date}");
        assert!(end > start && end.len() == 8, "{date}: {start} → {end}");
        let stamp = prop(event, "DTSTAMP");
        assert!(
            stamp.len() == 16 && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T',
            "{stamp}"
        );
    }
}

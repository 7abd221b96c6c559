//! Bounded feeds (`feed_limit`, `feed_content`, RSS beside Atom), the calendar without bodies,
//! and the sharded search index of a site too large for one file — read back with independent
//! parsers (atom_syndication, roxmltree, serde_json).

use crate::common;

use std::io::BufReader;

use common::{page, paths, render, temp_copy};

/// A copy of `tests/sites/full` with `n` more events, one a day from 2020-01-01, each with a
/// body saying `BODYMARK` and words of its own; `edit` changes site.yaml's text.
fn site_with_events(n: usize, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = temp_copy("sites", "full");
    let events = dir.path().join("content/events");
    let start = jiff::civil::date(2020, 1, 1);
    for i in 0..n {
        let day = start.checked_add(jiff::Span::new().days(i as i64)).unwrap();
        std::fs::write(
            events.join(format!("gen-{i}.yaml")),
            format!("date: {day}\ntown: rezekne\n"),
        )
        .unwrap();
        let (a, b) = (word(i), word(i * 7 + 3));
        // About 300 more characters of words shared by neighbouring records.
        let more: Vec<String> = (0..40).map(|k| word(i + k * 13)).collect();
        std::fs::write(
            events.join(format!("gen-{i}.lv.md")),
            format!(
                "---\ntitle: \"Pasākums {i} {a}\"\n---\nBODYMARK teksts par {b} Rēzeknē, {a} un {}.\n\n{}\n",
                word(i / 3 + 1000),
                more.join(" ")
            ),
        )
        .unwrap();
        std::fs::write(
            events.join(format!("gen-{i}.ru.md")),
            format!("---\ntitle: \"Событие {i}\"\n---\nBODYMARK в Резекне, {a}.\n"),
        )
        .unwrap();
    }
    let config = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, edit(text)).unwrap();
    dir
}

/// A made-up word for `n`: three syllables.
fn word(n: usize) -> String {
    const S: [&str; 16] = [
        "ka", "lo", "mi", "nu", "pe", "ra", "so", "ti", "va", "zu", "be", "do", "gi", "ho", "ju",
        "ne",
    ];
    format!("{}{}{}", S[n % 16], S[n / 16 % 16], S[n / 256 % 16])
}

fn atom(r: &vestis::Rendered, lang: &str) -> atom_syndication::Feed {
    let text = page(r, &format!("{lang}/atom.xml"));
    atom_syndication::Feed::read_from(BufReader::new(text.as_bytes()))
        .unwrap_or_else(|e| panic!("{lang}/atom.xml is not Atom: {e}"))
}

/// The `<item>`s of `lang/rss.xml` as `(link, pubDate, description, content:encoded)`.
fn rss(r: &vestis::Rendered, lang: &str) -> Vec<(String, String, String, Option<String>)> {
    let text = page(r, &format!("{lang}/rss.xml"));
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "rss");
    assert_eq!(root.attribute("version"), Some("2.0"));
    let channel = root.children().find(|n| n.has_tag_name("channel")).unwrap();
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(child(channel, "language").as_deref(), Some(lang));
    assert!(child(channel, "title").is_some() && child(channel, "link").is_some());
    channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| {
            let content = item
                .children()
                .find(|n| n.has_tag_name(("http://purl.org/rss/1.0/modules/content/", "encoded")))
                .and_then(|n| n.text())
                .map(str::to_string);
            (
                child(item, "link").unwrap(),
                child(item, "pubDate").unwrap(),
                child(item, "description").unwrap_or_default(),
                content,
            )
        })
        .collect()
}

#[test]
fn feeds_carry_the_fifty_newest_by_default_in_atom_and_rss_alike() {
    let dir = site_with_events(60, |t| t);
    let r = render(dir.path());
    for lang in ["lv", "ru"] {
        let feed = atom(&r, lang);
        assert_eq!(feed.entries().len(), 50, "{lang}");
        let first = feed.entries()[0].updated().to_rfc3339();
        assert_eq!(
            first, "2020-02-29T00:00:00+02:00",
            "the newest is the 60th day"
        );
        let stamps: Vec<_> = feed.entries().iter().map(|e| *e.updated()).collect();
        assert!(stamps.windows(2).all(|w| w[0] >= w[1]), "newest first");
        // No body unless `feed_content: full`.
        assert!(feed.entries().iter().all(|e| e.content().is_none()));
        let items = rss(&r, lang);
        let ids: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
        let links: Vec<&str> = items.iter().map(|i| i.0.as_str()).collect();
        assert_eq!(links, ids, "{lang}: RSS has the same entries as Atom");
        for (link, date, description, content) in &items {
            let parsed = jiff::fmt::rfc2822::parse(date)
                .unwrap_or_else(|e| panic!("{link}: `{date}` is not RFC 822: {e}"));
            let entry = feed.entries().iter().find(|e| e.id() == link).unwrap();
            assert_eq!(
                parsed.timestamp().as_second(),
                entry.updated().timestamp(),
                "{link}"
            );
            assert!(!description.is_empty() && content.is_none(), "{link}");
        }
    }
    let text = page(&r, "lv/atom.xml") + &page(&r, "lv/rss.xml");
    assert!(!text.contains("Pasākums 9 "), "the oldest are left out");
}

#[test]
fn feed_limit_of_the_site_and_of_a_collection() {
    let dir = site_with_events(20, |t| {
        t.replacen("collections:\n", "feed_limit: 7\ncollections:\n", 1)
    });
    let r = render(dir.path());
    assert_eq!(atom(&r, "lv").entries().len(), 7);
    assert_eq!(rss(&r, "lv").len(), 7);
    // Per collection: three events, then every town (they have no date: they come last).
    let dir = site_with_events(20, |t| {
        t.replacen("    feed: true\n", "    feed: true\n    feed_limit: 3\n", 1)
            .replacen("    sort: title\n", "    sort: title\n    feed: true\n", 1)
    });
    let r = render(dir.path());
    let ids: Vec<String> = atom(&r, "lv")
        .entries()
        .iter()
        .map(|e| e.id().to_string())
        .collect();
    let events = ids.iter().filter(|id| id.contains("/pasakumi/")).count();
    let towns = ids.iter().filter(|id| id.contains("/pilsetas/")).count();
    assert_eq!((events, towns), (3, 3), "{ids:?}");
    assert!(
        ids[..3].iter().all(|id| id.contains("/pasakumi/gen-")),
        "{ids:?}"
    );
}

#[test]
fn feed_content_full_puts_the_body_in_both_feeds() {
    let dir = site_with_events(3, |t| {
        t.replacen("collections:\n", "feed_content: full\ncollections:\n", 1)
    });
    let r = render(dir.path());
    let feed = atom(&r, "lv");
    let content = feed.entries()[0].content().unwrap();
    assert_eq!(content.content_type(), Some("html"));
    assert!(content.value().unwrap().contains("BODYMARK"));
    let items = rss(&r, "lv");
    assert!(
        items[0].3.as_deref().unwrap().contains("<p>BODYMARK"),
        "{:?}",
        items[0]
    );
    // A collection can say otherwise than the site.
    let dir = site_with_events(3, |t| {
        t.replacen("collections:\n", "feed_content: full\ncollections:\n", 1)
            .replacen(
                "    feed: true\n",
                "    feed: true\n    feed_content: summary\n",
                1,
            )
    });
    let r = render(dir.path());
    assert!(
        atom(&r, "lv")
            .entries()
            .iter()
            .all(|e| e.content().is_none())
    );
}

#[test]
fn the_calendar_keeps_every_event_but_no_body() {
    let dir = site_with_events(60, |t| t);
    let r = render(dir.path());
    let ics = page(&r, "lv/calendar.ics");
    let events = ics.matches("BEGIN:VEVENT").count();
    assert!(events >= 60, "{events} events");
    for i in 0..60 {
        assert!(ics.contains(&format!("UID:events-gen-{i}@")), "event {i}");
    }
    assert!(!ics.contains("BODYMARK"), "no body in the calendar");
}

/// The manifest of `lang`'s search index.
fn search_files(r: &vestis::Rendered, lang: &str) -> serde_json::Value {
    serde_json::from_str(&page(r, &format!("{lang}/search.json"))).unwrap()
}

/// The record numbers whose words begin with `query` (folded), read as the search box does:
/// from the manifest's `words` on a small site, else from every shard whose key begins the
/// query or that the query begins.
fn lookup(r: &vestis::Rendered, lang: &str, manifest: &serde_json::Value, query: &str) -> Vec<u64> {
    let mut maps = Vec::new();
    match manifest["shards"].as_object() {
        None => maps.push((String::new(), manifest["words"].clone())),
        Some(shards) => {
            for (key, value) in shards {
                if query.starts_with(key.as_str()) || key.starts_with(query) {
                    let file = value[0].as_str().unwrap();
                    let text = page(r, &format!("{lang}/search/{file}"));
                    maps.push((key.clone(), serde_json::from_str(&text).unwrap()));
                }
            }
        }
    }
    let mut found = Vec::new();
    for (key, map) in maps {
        for (word, flat) in map.as_object().unwrap() {
            assert!(word.starts_with(key.as_str()), "{word} in shard {key}");
            if !word.starts_with(query) {
                continue;
            }
            let mut n = 0;
            for pair in flat.as_array().unwrap().chunks(2) {
                n += pair[0].as_u64().unwrap();
                found.push(n);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

#[test]
fn a_large_site_gets_a_sharded_search_index_that_a_query_reads_a_little_of() {
    let dir = site_with_events(600, |t| t);
    let r = render(dir.path());
    let manifest = search_files(&r, "lv");
    assert!(manifest.get("entries").is_none() && manifest.get("words").is_none());
    let records = manifest["records"].as_u64().unwrap();
    assert!(records > 600, "{records}");
    assert_eq!(manifest["fold"]["ш"], "s");
    // Every shard listed exists with the size the manifest says, and stays small.
    let shards = manifest["shards"].as_object().unwrap();
    assert!(shards.len() > 10, "{} shards", shards.len());
    for (key, value) in shards {
        let file = value[0].as_str().unwrap();
        let bytes = r.output.get(&format!("lv/search/{file}")).unwrap();
        assert_eq!(bytes.len() as u64, value[1].as_u64().unwrap(), "{key}");
        // Larger only when it holds one word, which cannot be split further.
        let words = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(bytes)
            .unwrap()
            .len();
        assert!(
            bytes.len() <= 48 * 1024 || words == 1,
            "shard {key}: {} bytes, {words} words",
            bytes.len()
        );
    }
    // Every record has its file; the search files are the manifest, the shards and them.
    let all = paths(&r);
    let parts = all.iter().filter(|p| p.starts_with("lv/search/")).count() as u64;
    assert_eq!(parts, shards.len() as u64 + records);
    // "rezekne" (every generated event says Rēzeknē) and a word of one record only.
    let everywhere = lookup(&r, "lv", &manifest, "rezekn");
    assert!(everywhere.len() >= 600, "{}", everywhere.len());
    let unique = word(599 / 3 + 1000);
    let hits = lookup(&r, "lv", &manifest, &unique);
    assert!(!hits.is_empty());
    for n in hits {
        let entry: serde_json::Value =
            serde_json::from_str(&page(&r, &format!("lv/search/r/{n}.json"))).unwrap();
        assert!(entry["text"].as_str().unwrap().contains(&unique), "{entry}");
        assert!(entry["url"].as_str().unwrap().starts_with("/sub/lv/"));
        assert!(
            entry["date"].as_str().unwrap().starts_with("2021-"),
            "{entry}"
        );
    }
    // Cross-script: the Russian index folds "Резекне" to the Latin word.
    let ru = search_files(&r, "ru");
    assert!(lookup(&r, "ru", &ru, "rezekne").len() >= 600);
    assert!(
        lookup(&r, "ru", &ru, "sobiti").len() >= 600,
        "Событие → sobitie"
    );
}

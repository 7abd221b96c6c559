use std::path::Path;
use std::sync::Arc;

use super::*;

const BASE: &str = "https://example.org/sub";

fn site(pages: &[(&str, &str)]) -> Output {
    let mut out = Output::new();
    for (path, html) in pages {
        out.insert(*path, html.as_bytes().to_vec()).unwrap();
    }
    out
}

fn messages(out: &Output, sources: &PageSources) -> Vec<String> {
    check(out, sources, BASE)
        .items()
        .iter()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect()
}

#[test]
fn working_and_foreign_links_are_not_reported() {
    let out = site(&[
        (
            "lv/index.html",
            r##"<a href="/sub/lv/x/">x</a> <a href="x/">rel</a> <a href="/sub/lv/x">no slash</a>
            <a href="https://example.org/sub/style.css?h=1">abs</a> <img src=../style.css>
            <a href="#top" id=top>self</a> <a href="#">top</a> <a href="">empty</a>
            <a href="https://other.org/sub/nowhere/">other host</a> <a href="http://example.org/sub/nowhere/">http</a>
            <a href="mailto:a@b.lv">m</a> <a href="tel:+371">t</a> <img src="data:image/png;base64,AA">
            <a href="/sub/lv/x/?a=1&amp;b=2#sec">query</a> <a href="/sub/lv/%C4%93/">encoded</a>
            <img srcset="/sub/style.css 1x, /sub/style.css 2x">
            <script>let s = '<a href="/sub/nowhere/">';</script>"##,
        ),
        ("lv/x/index.html", r#"<h2 id="sec">S</h2>"#),
        ("lv/ē/index.html", ""),
        ("style.css", ""),
    ]);
    assert_eq!(messages(&out, &PageSources::new()), Vec::<String>::new());
}

#[test]
fn missing_targets_and_anchors_are_reported_once_per_source_and_target() {
    let out = site(&[
        (
            "lv/a/index.html",
            r##"<a href="/sub/lv/nowhere/">1</a> <a href="/sub/lv/nowhere/">again</a>
               <a href="/sub/lv/b/#nope">2</a> <a href="#gone">3</a> <a href="/lv/b/">4</a>"##,
        ),
        (
            "lv/b/index.html",
            r#"<a href="/sub/lv/nowhere/">same template</a><p id="nose">"#,
        ),
    ]);
    let mut sources = PageSources::new();
    for page in ["lv/a/index.html", "lv/b/index.html"] {
        sources.insert(
            page.into(),
            PageSource {
                template: "themes/t/templates/list.html".into(),
                text: None,
            },
        );
    }
    let found = messages(&out, &sources);
    let t = "themes/t/templates/list.html";
    assert_eq!(
        found,
        [
            format!(
                "{t}: broken link `#gone`: the page `/sub/lv/a/` has no element with id `gone` (on the page `/sub/lv/a/`)"
            ),
            format!(
                "{t}: broken link `/lv/b/`: `/lv/b/` is outside the site, which is published under `/sub/` (on the page `/sub/lv/a/`)"
            ),
            format!(
                "{t}: broken link `/sub/lv/b/#nope`: the page `/sub/lv/b/` has no element with id `nope` (on the page `/sub/lv/a/`)"
            ),
            format!(
                "{t}: broken link `/sub/lv/nowhere/`: the site has no page or file at `/sub/lv/nowhere/` (on the page `/sub/lv/a/` and 2 other pages)"
            ),
        ]
    );
    let d = check(&out, &sources, BASE);
    let anchor = d
        .items()
        .iter()
        .find(|d| d.message.contains("#nope"))
        .unwrap();
    assert_eq!(anchor.suggestion.as_deref(), Some("did you mean `nose`?"));
}

#[test]
fn a_body_link_is_blamed_on_the_markdown_line_and_others_on_the_template() {
    let out = site(&[(
        "lv/x/index.html",
        r#"<nav><a href="/sub/lv/menu/">menu</a></nav><a href="/sub/lv/pasakumi/rezekn%C4%93/">body</a> <a href="@/events/gone">ref</a>"#,
    )]);
    let mut sources = PageSources::new();
    sources.insert(
        "lv/x/index.html".into(),
        PageSource {
            template: "themes/t/templates/record.html".into(),
            text: Some(TextSource {
                file: "content/events/x.lv.md".into(),
                links: vec![
                    SourceLink {
                        href: "/sub/lv/pasakumi/rezeknē/".into(),
                        line: 7,
                        col: 3,
                    },
                    SourceLink {
                        href: "@/events/gone".into(),
                        line: 9,
                        col: 1,
                    },
                ],
            }),
        },
    );
    let d = check(&out, &sources, BASE);
    let located: Vec<(String, usize, usize)> = d
        .items()
        .iter()
        .map(|d| (d.path.clone().unwrap().display().to_string(), d.line, d.col))
        .collect();
    assert_eq!(
        located,
        [
            ("content/events/x.lv.md".to_string(), 7, 3),
            ("content/events/x.lv.md".to_string(), 9, 1),
            ("themes/t/templates/record.html".to_string(), 0, 0),
        ]
    );
    assert!(d.items()[1].message.contains("no published record"));
    assert_eq!(
        d.items()[2].path.as_deref(),
        Some(Path::new("themes/t/templates/record.html"))
    );
}

#[test]
fn a_close_sibling_is_suggested_for_a_missing_page() {
    let out = site(&[
        (
            "lv/x/index.html",
            r#"<a href="/sub/lv/pasakumi/rezekn/">x</a> <a href="/sub/lv/zzzz/">y</a>"#,
        ),
        ("lv/pasakumi/rezekne/index.html", ""),
    ]);
    let d = check(&out, &PageSources::new(), BASE);
    let suggestions: Vec<Option<&str>> =
        d.items().iter().map(|d| d.suggestion.as_deref()).collect();
    assert_eq!(
        suggestions,
        [Some("did you mean `/sub/lv/pasakumi/rezekne/`?"), None]
    );
}

#[test]
fn percent_decoding_keeps_malformed_escapes() {
    assert_eq!(percent_decode("/r%C4%93zekne%2"), "/rēzekne%2");
    assert_eq!(percent_decode("%zz%41"), "%zzA");
}

#[test]
fn a_cached_check_sees_a_changed_page_and_reuses_an_unchanged_one() {
    let mut cache = LinkCache::new();
    let a = Arc::new(br##"<a href="/sub/lv/b/#x">b</a>"##.to_vec());
    let mut first = Output::new();
    first
        .insert_shared("lv/a/index.html", Arc::clone(&a))
        .unwrap();
    first
        .insert("lv/b/index.html", br#"<p id="x">"#.to_vec())
        .unwrap();
    let sources = PageSources::new();
    assert!(check_cached(&first, &sources, BASE, Some(&mut cache)).is_empty());
    // `b` is rendered again without the id; `a` is the same allocation (its scan is reused).
    let mut second = Output::new();
    second
        .insert_shared("lv/a/index.html", Arc::clone(&a))
        .unwrap();
    second
        .insert("lv/b/index.html", br#"<p id="y">"#.to_vec())
        .unwrap();
    let cached = check_cached(&second, &sources, BASE, Some(&mut cache));
    assert_eq!(cached, check(&second, &sources, BASE));
    assert_eq!(cached.items().len(), 1, "{cached}");
    // A page removed from the site is dropped from the cache too.
    let mut third = Output::new();
    third.insert_shared("lv/a/index.html", a).unwrap();
    let gone = check_cached(&third, &sources, BASE, Some(&mut cache));
    assert!(
        gone.items()[0].message.contains("no page or file"),
        "{gone}"
    );
    assert_eq!(cache.scans.len(), 1);
}

/// n headings and n broken `#anchor`s on one page, and n broken links from one Markdown body:
/// the check must stay linear (it was quadratic: 6,000 of each took 4 to 10 s).
#[test]
fn many_broken_anchors_and_links_are_checked_in_linear_time() {
    let n = 3_000;
    let mut html = String::new();
    let mut links = Vec::new();
    for i in 0..n {
        html.push_str(&format!(
            "<h2 id=\"heading-{i}\">H</h2><a href=\"#missing-{i}\">x</a>"
        ));
        html.push_str(&format!("<a href=\"/sub/lv/nav-{i}/\">y</a>"));
        links.push(SourceLink {
            href: format!("/sub/lv/nav-{i}/"),
            line: i + 2,
            col: 1,
        });
    }
    let out = site(&[("lv/x/index.html", &html)]);
    let mut sources = PageSources::new();
    sources.insert(
        "lv/x/index.html".into(),
        PageSource {
            template: "themes/t/templates/record.html".into(),
            text: Some(TextSource {
                file: "content/pages/x.lv.md".into(),
                links,
            }),
        },
    );
    let start = std::time::Instant::now();
    let d = check(&out, &sources, BASE);
    let took = start.elapsed();
    assert_eq!(d.items().len(), 2 * n);
    assert_eq!(
        d.items()[0].path.as_deref(),
        Some(Path::new("content/pages/x.lv.md"))
    );
    // The quadratic version took 4.5 s for this in a release build (over 30 s in a debug one).
    assert!(took.as_secs() < 15, "took {took:?}");
}

#[test]
fn the_plain_root_relative_shortcut_agrees_with_the_url_parser() {
    let page = Url::parse("https://balta-maja.test/sub/lv/x/").unwrap();
    let hrefs = [
        "/sub/lv/",
        "/sub/style.css?h=1&x='y'",
        "/sub/lv/#top",
        "/sub/lv/a.b-c_d~e/",
        "/",
        "/sub",
        "/sub/lv/#",
        "/sub/lv/?",
        "/x/./y/",
        "/x/../y/",
        "//other.test/x/",
        "/ē/",
        "/a b/",
        "/a%20b/",
        "/a/#frag ment",
        "/a\\b",
        "/a/\t/",
        "/a/#é",
    ];
    for href in hrefs {
        let joined = page.join(href).unwrap();
        match plain_root_relative(href) {
            Some((path, fragment)) => {
                assert_eq!(path, joined.path(), "{href}");
                assert_eq!(fragment, joined.fragment().unwrap_or(""), "{href}");
            }
            None => assert!(
                [
                    "/x/./y/",
                    "/x/../y/",
                    "//other.test/x/",
                    "/ē/",
                    "/a b/",
                    "/a%20b/",
                    "/a/#frag ment",
                    "/a\\b",
                    "/a/\t/",
                    "/a/#é"
                ]
                .contains(&href),
                "{href} should take the shortcut"
            ),
        }
    }
}

#[test]
fn judgements_are_reused_only_when_nothing_they_read_changed() {
    let mut cache = LinkCache::new();
    let a = Arc::new(br##"<a href="/sub/lv/c/">c</a> <a href="/sub/lv/b/#x">b</a>"##.to_vec());
    let build = |b: &str, c: bool| {
        let mut out = Output::new();
        out.insert_shared("lv/a/index.html", Arc::clone(&a))
            .unwrap();
        out.insert("lv/b/index.html", b.as_bytes().to_vec())
            .unwrap();
        if c {
            out.insert("lv/c/index.html", Vec::new()).unwrap();
        }
        out
    };
    let sources = PageSources::new();
    let same = |cache: &mut LinkCache, out: &Output| {
        let cached = check_cached(out, &sources, BASE, Some(cache));
        assert_eq!(cached, check(out, &sources, BASE));
        cached.items().len()
    };
    assert_eq!(same(&mut cache, &build(r#"<p id="x">one</p>"#, false)), 1);
    // `b` changes but keeps its ids: `a`'s judgement is reused, and still right.
    assert_eq!(same(&mut cache, &build(r#"<p id="x">two</p>"#, false)), 1);
    assert!(!cache.judgements.is_empty());
    // A new file: everything is judged again (`a`'s link to `c` works now).
    assert_eq!(same(&mut cache, &build(r#"<p id="x">two</p>"#, true)), 0);
    // `b` loses the id `a` links to.
    assert_eq!(same(&mut cache, &build(r#"<p id="y">two</p>"#, true)), 1);
    // Another base URL.
    let other = check_cached(
        &build(r#"<p id="y">two</p>"#, true),
        &sources,
        "https://x.test/sub",
        Some(&mut cache),
    );
    assert_eq!(
        other,
        check(
            &build(r#"<p id="y">two</p>"#, true),
            &sources,
            "https://x.test/sub"
        )
    );
}

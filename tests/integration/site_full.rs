//! The bilingual fixture `tests/sites/full` uses every field type and every name of the
//! template API; these tests assert on the files it produces.

use crate::common;

use common::{by_id, fixture, page, paths, render};

fn full() -> vestis::Rendered {
    render(&fixture("sites", "full"))
}

#[test]
fn produces_the_urls_of_the_spec() {
    let r = full();
    for path in [
        "index.html",
        "404.html",
        "lv/index.html",
        "ru/index.html",
        "lv/pasakumi/index.html",
        "lv/pasakumi/page/2/index.html",
        "lv/pasakumi/integracijas-skatuve/index.html",
        "ru/meropriyatiya/integratsionnaya-stsena-v-rezekne/index.html",
        "lv/par-projektu/index.html",
        "ru/o-proekte/index.html",
        "lv/pilsetas/rezekne/index.html",
        "media/events/rezekne-stage/photo.svg",
        "media/events/rezekne-stage/programme.txt",
        "style.css",
        "site.css",
    ] {
        assert!(r.output.contains(path), "missing {path}");
    }
    // `pages` has an empty path: no list page for it.
    assert!(!paths(&r).iter().any(|p| p.starts_with("lv/pages")));
}

#[test]
fn every_page_has_its_language_and_hreflang_alternates() {
    let r = full();
    let lv = page(&r, "lv/pasakumi/integracijas-skatuve/index.html");
    assert!(lv.contains("<html lang=\"lv\">"));
    assert!(lv.contains(
        "<link rel=\"alternate\" hreflang=\"ru\" href=\"https://balta-maja.test/sub/ru/meropriyatiya/integratsionnaya-stsena-v-rezekne/\">"
    ));
    let ru = page(
        &r,
        "ru/meropriyatiya/integratsionnaya-stsena-v-rezekne/index.html",
    );
    assert!(ru.contains("<html lang=\"ru\">"));
    assert!(ru.contains(
        "hreflang=\"lv\" href=\"https://balta-maja.test/sub/lv/pasakumi/integracijas-skatuve/\""
    ));
    // The switcher goes to the same record in the other language.
    assert!(
        by_id(&lv, "switcher").contains("/sub/ru/meropriyatiya/integratsionnaya-stsena-v-rezekne/")
    );
}

#[test]
fn refs_backrefs_enums_and_localized_fields_resolve() {
    let r = full();
    let lv = page(&r, "lv/pasakumi/integracijas-skatuve/index.html");
    assert_eq!(
        by_id(&lv, "town"),
        "<a href=\"/sub/lv/pilsetas/rezekne/\">Rēzekne</a>"
    );
    assert_eq!(by_id(&lv, "kind"), "Integrācijas skatuve");
    assert_eq!(by_id(&lv, "venue"), "Latgales vēstniecība GORS");
    assert_eq!(
        by_id(&lv, "plays"),
        "<a href=\"/sub/lv/izrades/the-bench/\">Sols</a>"
    );
    let ru = page(
        &r,
        "ru/meropriyatiya/integratsionnaya-stsena-v-rezekne/index.html",
    );
    assert_eq!(
        by_id(&ru, "town"),
        "<a href=\"/sub/ru/goroda/rezekne/\">Резекне</a>"
    );
    assert_eq!(by_id(&ru, "kind"), "Интеграционная сцена");
    assert_eq!(by_id(&ru, "venue"), "Латгальское посольство GORS");
    let town = page(&r, "lv/pilsetas/rezekne/index.html");
    let backrefs = by_id(&town, "backrefs");
    assert!(
        backrefs.contains("Integrācijas skatuve Rēzeknē"),
        "{backrefs}"
    );
    assert!(
        town.contains("/sub/lv/pasakumi/script-title/"),
        "backrefs list every referring event"
    );
    assert_eq!(
        by_id(&page(&r, "lv/pilsetas/cesis/index.html"), "backrefs"),
        "",
        "no backrefs to Cēsis"
    );
}

#[test]
fn every_field_type_reaches_the_template() {
    let r = full();
    let lv = page(&r, "lv/pasakumi/integracijas-skatuve/index.html");
    assert!(by_id(&lv, "date").starts_with("2014-06-14 / 2014. gada 14. jūnijs"));
    assert_eq!(by_id(&lv, "starts"), "2014-06-14T11:00:00");
    assert_eq!(by_id(&lv, "participants"), "1000");
    assert_eq!(by_id(&lv, "budget"), "12,5");
    assert_eq!(by_id(&lv, "free"), "true");
    assert_eq!(by_id(&lv, "website"), "https://example.org/stage");
    assert!(lv.contains("<dd id=\"note\">Two <em>days</em> of theatre</dd>"));
    assert!(lv.contains(
        "<img src=\"/sub/media/events/rezekne-stage/photo.svg\" alt=\"Skatuve ar aktieriem\">"
    ));
    assert!(lv.contains("<a href=\"/sub/media/events/rezekne-stage/programme.txt\">"));
    assert_eq!(by_id(&lv, "summary"), "Divu dienu pasākums");
    assert!(lv.contains(
        "<meta name=\"description\" content=\"Integrācijas skatuve — divu dienu pasākums Rēzeknē\">"
    ));
}

#[test]
fn markdown_bodies_get_tables_footnotes_tasks_heading_ids_and_internal_links() {
    let r = full();
    let body = page(&r, "lv/pasakumi/integracijas-skatuve/index.html");
    assert!(body.contains("<h2 id=\"programma\">Programma</h2>"));
    assert!(body.contains("<table>"));
    assert!(body.contains("<del>svītrojumu</del>"));
    assert!(body.contains("type=\"checkbox\" checked=\"\""));
    assert!(body.contains("footnote-definition"));
    assert!(
        body.contains("<a href=\"/sub/lv/pasakumi/daugavpils-show/\">Daugavpils šovu</a>"),
        "@/ link resolved"
    );
    let raw = page(&r, "lv/pasakumi/script-title/index.html");
    assert!(
        raw.contains("Body with <em>raw HTML</em> kept."),
        "raw HTML in Markdown is kept"
    );
}

#[test]
fn html_in_values_is_escaped() {
    let r = full();
    let html = page(&r, "lv/pasakumi/script-title/index.html");
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; Tituls</h1>"));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(page(&r, "lv/index.html").contains("Baltā māja &lt;testa&gt; vietne"));
}

#[test]
fn lists_are_sorted_and_paginated() {
    let r = full();
    let first = page(&r, "lv/pasakumi/index.html");
    let records = by_id(&first, "records");
    let stage = records.find("integracijas-skatuve").unwrap();
    let show = records.find("daugavpils-show").unwrap();
    assert!(stage < show, "date desc: 2014 before 2013");
    assert_eq!(
        by_id(&first, "paginator"),
        "1/2 of 3 next=/sub/lv/pasakumi/page/2/"
    );
    let second = page(&r, "lv/pasakumi/page/2/index.html");
    assert_eq!(
        by_id(&second, "paginator"),
        "2/2 of 3 prev=/sub/lv/pasakumi/"
    );
    assert!(by_id(&second, "records").contains("script-title"));
    // Towns sort by title in the language's alphabet: Cēsis < Daugavpils < Rēzekne.
    let towns = by_id(&page(&r, "lv/index.html"), "towns");
    assert_eq!(towns, "<li>Cēsis</li><li>Daugavpils</li><li>Rēzekne</li>");
}

#[test]
fn drafts_and_embargoed_records_are_left_out_unless_asked() {
    let r = full();
    let all: String = r
        .output
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(!all.contains("DRAFTMARK"));
    assert!(!all.contains("EMBARGOMARK"));
    let with_drafts = vestis::render_site(&vestis::BuildOptions {
        drafts: true,
        ..common::options(&fixture("sites", "full"))
    })
    .unwrap();
    assert!(
        with_drafts
            .output
            .contains("lv/pasakumi/draft-event/index.html")
    );
    assert!(
        with_drafts
            .output
            .contains("lv/pasakumi/future-event/index.html")
    );
}

#[test]
fn a_reference_to_a_draft_is_left_out_with_a_warning() {
    let site = common::temp_copy("sites", "full");
    let root = site.path();
    std::fs::write(root.join("content/plays/the-bench.yaml"), "draft: true\n").unwrap();
    let r = render(root);
    let warnings: Vec<&str> = r
        .warnings
        .items()
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|m| m.contains("draft or embargoed record of")
                && m.ends_with("yet: the reference is left out")),
        "{warnings:?}"
    );
    assert!(!r.output.contains("lv/izrades/the-bench/index.html"));
}

#[test]
fn template_functions_and_filters_work() {
    let r = full();
    let home = page(&r, "lv/index.html");
    assert_eq!(by_id(&home, "total"), "1135 dalībnieki");
    assert_eq!(by_id(&home, "count"), "Kopā: 3");
    assert!(by_id(&home, "url-for").contains("href=\"/sub/lv/pasakumi/integracijas-skatuve/\""));
    assert!(home.contains("href=\"/sub/lv/pilsetas/\">towns"));
    // The site's message overrides the theme's one with the same id.
    assert!(home.contains("<h1>Sveiki no vietnes</h1>"));
    let ru = page(&r, "ru/index.html");
    assert!(
        ru.contains("<h1>Привет от темы</h1>"),
        "ru has no site override"
    );
    assert_eq!(by_id(&ru, "total"), "1\u{a0}130 участников");
    let plurals: Vec<&str> = home
        .split("<span class=\"plural\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    assert_eq!(
        plurals,
        [
            "0 dalībnieku",
            "1 dalībnieks",
            "2 dalībnieki",
            "5 dalībnieki",
            "11 dalībnieku",
            "21 dalībnieks",
            "22 dalībnieki",
            "101 dalībnieks"
        ]
    );
    let list = page(&r, "ru/meropriyatiya/index.html");
    assert!(list.contains("14 июня 2014\u{a0}г."), "{list}");
}

#[test]
fn messages_can_be_tested_and_taken_from_another_language() {
    let home = page(&full(), "lv/index.html");
    assert_eq!(by_id(&home, "has-message"), "true false true");
    assert_eq!(by_id(&home, "other-language"), "Привет от темы");
    assert_eq!(
        by_id(&home, "language-permalinks"),
        "<li>https://balta-maja.test/sub/lv/</li><li>https://balta-maja.test/sub/ru/</li>"
    );
}

#[test]
fn asset_urls_carry_a_content_hash() {
    let r = full();
    let home = page(&r, "lv/index.html");
    let css = r.output.get("style.css").unwrap();
    let hash: String = sha2_prefix(css);
    assert!(
        home.contains(&format!("href=\"/sub/style.css?h={hash}\"")),
        "{home}"
    );
    assert!(home.contains("href=\"/sub/site.css?h="));
}

fn sha2_prefix(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_chooser_and_404_pages_exist() {
    let r = full();
    let chooser = page(&r, "index.html");
    assert!(chooser.contains("<a href=\"/sub/lv/\" hreflang=\"lv\">Latviešu</a>"));
    assert!(chooser.contains("<a href=\"/sub/ru/\" hreflang=\"ru\">Русский</a>"));
    assert!(page(&r, "404.html").contains("<h1>404</h1>"));
}

#[test]
fn a_record_missing_in_a_language_points_the_switcher_to_the_list() {
    let r = full();
    assert!(
        !r.output
            .contains("ru/meropriyatiya/script-title/index.html")
    );
    let lv = page(&r, "lv/pasakumi/script-title/index.html");
    assert!(
        by_id(&lv, "switcher")
            .contains("href=\"/sub/ru/meropriyatiya/\" hreflang=\"ru\" data-missing=\"true\"")
    );
    assert!(
        !lv.contains("hreflang=\"ru\" href="),
        "no alternate for a missing translation"
    );
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let a = full();
    let b = full();
    assert_eq!(paths(&a), paths(&b));
    for ((pa, ba), (_, bb)) in a.output.iter().zip(b.output.iter()) {
        assert_eq!(ba, bb, "{pa} differs between two builds");
    }
}

#[test]
fn base_url_can_be_overridden() {
    let options = vestis::BuildOptions {
        base_url: Some("http://127.0.0.1:1111".into()),
        ..common::options(&fixture("sites", "full"))
    };
    let r = vestis::render_site(&options).unwrap();
    let lv = page(&r, "lv/pasakumi/integracijas-skatuve/index.html");
    assert!(lv.contains("href=\"http://127.0.0.1:1111/ru/meropriyatiya/"));
    assert!(lv.contains("<a href=\"/lv/pilsetas/rezekne/\">"));
}

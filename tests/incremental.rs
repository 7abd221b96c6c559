//! Memoised rebuilds (what `vestis serve` does after each save) produce exactly what a full
//! build produces, and an edit re-reads and re-renders only what depends on it.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{options, temp_copy};
use vestis::{Cache, Rendered};

fn files(r: &Rendered) -> Vec<(String, Vec<u8>)> {
    r.output
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect()
}

/// Writes a file and moves its modification time forward, as a later save would.
fn save(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(later)
        .unwrap();
}

/// Rebuilds with the cache and checks the result against a build from scratch.
fn rebuild_and_compare(root: &Path, cache: &Cache) -> Rendered {
    let cached = vestis::render_site_cached(&options(root), cache).unwrap();
    let fresh = vestis::render_site(&options(root)).unwrap();
    let (a, b) = (files(&cached), files(&fresh));
    assert_eq!(a.len(), b.len(), "different file lists");
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(
            ba == bb,
            "{pa} differs between the memoised and the full build"
        );
    }
    cached
}

#[test]
fn a_series_of_edits_gives_the_same_output_as_full_builds() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    let cache = Cache::new();
    let first = rebuild_and_compare(root, &cache);
    let total = first.stats.pages_rendered;
    assert_eq!(first.stats.pages_reused, 0);

    let unchanged = rebuild_and_compare(root, &cache);
    assert_eq!(unchanged.stats.records_read, 0);
    assert_eq!(unchanged.stats.pages_rendered, 0);
    assert_eq!(unchanged.stats.pages_reused, total);

    let events = root.join("content/events");
    save(
        &events.join("daugavpils-show.lv.md"),
        "---\ntitle: \"Šovs Daugavpilī\"\n---\nJauns teksts.\n",
    );
    let body_edit = rebuild_and_compare(root, &cache);
    assert_eq!(body_edit.stats.records_read, 1);
    // Its page, the list page and the town page showing its summary, and the two home pages
    // (the test theme's home reads `records()`).
    assert_eq!(body_edit.stats.pages_rendered, 5, "{:?}", body_edit.stats);

    // A new slug moves the page; the `@/events/daugavpils-show` link in another record's body
    // must follow (that record's view depends on this one's URL).
    save(
        &events.join("daugavpils-show.lv.md"),
        "---\ntitle: \"Šovs Daugavpilī\"\nslug: jauns-sovs\n---\nJauns teksts.\n",
    );
    let moved = rebuild_and_compare(root, &cache);
    let linking = moved
        .output
        .get("lv/pasakumi/integracijas-skatuve/index.html")
        .map(|b| String::from_utf8_lossy(b).to_string())
        .unwrap_or_default();
    assert!(linking.contains("/lv/pasakumi/jauns-sovs/"), "{linking}");

    save(
        &root.join("content/towns/cesis.lv.md"),
        "---\ntitle: \"Cēsis pilsēta\"\n---\n",
    );
    rebuild_and_compare(root, &cache);
    save(
        &events.join("new-one.yaml"),
        "date: 2015-01-01\ntown: cesis\n",
    );
    save(
        &events.join("new-one.lv.md"),
        "---\ntitle: \"Jauns\"\n---\n",
    );
    rebuild_and_compare(root, &cache);
    std::fs::remove_file(events.join("daugavpils-show.ru.md")).unwrap();
    rebuild_and_compare(root, &cache);
    let theme = root.join("themes/test");
    save(
        &theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Nav</h1>{% endblock %}",
    );
    rebuild_and_compare(root, &cache);
    save(
        &theme.join("locales/lv/theme.ftl"),
        "participants = { $count } cilvēki\ngreeting = Labdien\nrecords-total = Kopā { $count }\n",
    );
    rebuild_and_compare(root, &cache);
    save(&root.join("static/site.css"), "h1 { color: blue; }");
    let css = rebuild_and_compare(root, &cache);
    assert!(
        css.stats.pages_rendered > 0,
        "asset hashes changed, so pages linking them re-render"
    );
}

#[test]
fn editing_one_record_of_many_renders_only_its_dependents() {
    let site = temp_copy("sites", "missing-ru");
    let root = site.path();
    let notes = root.join("content/notes");
    for i in 0..60 {
        std::fs::write(
            notes.join(format!("n{i:02}.lv.md")),
            format!("---\ntitle: \"Piezīme {i:02}\"\n---\nTeksts {i}.\n"),
        )
        .unwrap();
    }
    let cache = Cache::new();
    let first = rebuild_and_compare(root, &cache);
    assert!(first.stats.pages_rendered > 60);
    save(
        &notes.join("n30.lv.md"),
        "---\ntitle: \"Piezīme 30\"\n---\nCits teksts.\n",
    );
    let edit = rebuild_and_compare(root, &cache);
    assert_eq!(edit.stats.records_read, 1);
    // Its own page and the list page that shows its summary; the mini theme's home reads no
    // records, and the Russian pages do not show the Latvian text.
    assert_eq!(edit.stats.pages_rendered, 2, "{:?}", edit.stats);
}

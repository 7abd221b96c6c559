//! Memoised rebuilds (what `vestis serve` does after each save) produce exactly what a full
//! build produces, and an edit re-reads and re-renders only what depends on it.

use crate::common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{options, save, temp_copy};
use vestis::content::Changes;
use vestis::{Cache, Rendered};

fn files(r: &Rendered) -> Vec<(String, Vec<u8>)> {
    r.output
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect()
}

/// Adds an event record `id` (a `.yaml` and a Latvian text) to `events`.
fn add_event(events: &Path, id: &str) {
    save(
        &events.join(format!("{id}.yaml")),
        "date: 2015-01-01\ntown: cesis\n",
    );
    save(
        &events.join(format!("{id}.lv.md")),
        "---\ntitle: \"Jauns\"\n---\n",
    );
}

/// Rebuilds with the cache and checks the result against a build from scratch.
fn rebuild_and_compare(root: &Path, cache: &mut Cache) -> Rendered {
    let cached = vestis::render_site_cached(&options(root), cache).unwrap();
    assert_same_as_full_build(root, &cached, "the memoised build");
    cached
}

/// Asserts that `cached` has exactly the files and warnings of a build from scratch.
fn assert_same_as_full_build(root: &Path, cached: &Rendered, what: &str) {
    let fresh = vestis::render_site(&options(root)).unwrap();
    let (a, b) = (files(cached), files(&fresh));
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "different file lists: {what}"
    );
    for ((pa, ba), (_, bb)) in a.iter().zip(&b) {
        assert!(ba == bb, "{pa} differs from the full build: {what}");
    }
    assert_eq!(cached.warnings, fresh.warnings, "warnings: {what}");
}

#[test]
fn a_series_of_edits_gives_the_same_output_as_full_builds() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    let mut cache = Cache::new();
    let first = rebuild_and_compare(root, &mut cache);
    let total = first.stats.pages_rendered;
    assert_eq!(first.stats.pages_reused, 0);

    let unchanged = rebuild_and_compare(root, &mut cache);
    assert_eq!(unchanged.stats.records_read, 0);
    assert_eq!(unchanged.stats.pages_rendered, 0);
    assert_eq!(unchanged.stats.pages_reused, total);

    let events = root.join("content/events");
    save(
        &events.join("daugavpils-show.lv.md"),
        "---\ntitle: \"Šovs Daugavpilī\"\n---\nJauns teksts.\n",
    );
    let body_edit = rebuild_and_compare(root, &mut cache);
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
    let moved = rebuild_and_compare(root, &mut cache);
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
    rebuild_and_compare(root, &mut cache);
    // A town an event refers to, renamed in place (same order, same URLs): the event's view
    // shows the town's stub and must be made again.
    save(
        &root.join("content/towns/daugavpils.lv.md"),
        "---\ntitle: \"Daugavpils valstspilsēta\"\n---\n",
    );
    rebuild_and_compare(root, &mut cache);
    add_event(&events, "new-one");
    rebuild_and_compare(root, &mut cache);
    std::fs::remove_file(events.join("daugavpils-show.ru.md")).unwrap();
    rebuild_and_compare(root, &mut cache);
    let theme = root.join("themes/test");
    save(
        &theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Nav</h1>{% endblock %}",
    );
    rebuild_and_compare(root, &mut cache);
    save(
        &theme.join("locales/lv/theme.ftl"),
        "participants = { $count } cilvēki\ngreeting = Labdien\nrecords-total = Kopā { $count }\n",
    );
    rebuild_and_compare(root, &mut cache);
    save(&root.join("static/site.css"), "h1 { color: blue; }");
    let css = rebuild_and_compare(root, &mut cache);
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
    let mut cache = Cache::new();
    let first = rebuild_and_compare(root, &mut cache);
    assert!(first.stats.pages_rendered > 60);
    save(
        &notes.join("n30.lv.md"),
        "---\ntitle: \"Piezīme 30\"\n---\nCits teksts.\n",
    );
    let edit = rebuild_and_compare(root, &mut cache);
    assert_eq!(edit.stats.records_read, 1);
    // Its own page and the list page that shows its summary; the mini theme's home reads no
    // records, and the Russian pages do not show the Latvian text.
    assert_eq!(edit.stats.pages_rendered, 2, "{:?}", edit.stats);
}

/// Rebuilds told which files changed (as `vestis serve`'s watcher tells it) and checks the
/// result, warnings included, against a build from scratch.
fn rebuild_changed_and_compare(root: &Path, cache: &mut Cache, changed: &[&str]) -> Rendered {
    let changes = Changes::paths(changed.iter().map(|p| root.join(p)));
    let cached = vestis::render_site_changed(&options(root), cache, changes).unwrap();
    assert_same_as_full_build(root, &cached, &format!("after {changed:?}"));
    cached
}

#[test]
fn edits_told_by_the_watcher_give_the_same_output_as_full_builds() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    let mut cache = Cache::new();
    // No previous build: everything is read whatever the hint says.
    let first = rebuild_changed_and_compare(root, &mut cache, &[]);
    let all = first.stats.records_read;
    assert!(all > 5);
    let nothing = rebuild_changed_and_compare(root, &mut cache, &[]);
    assert_eq!(nothing.stats.records_read, 0);
    assert_eq!(nothing.stats.pages_rendered, 0);

    let events = root.join("content/events");
    save(
        &events.join("daugavpils-show.lv.md"),
        "---\ntitle: \"Šovs Daugavpilī\"\n---\nJauns teksts.\n",
    );
    let body =
        rebuild_changed_and_compare(root, &mut cache, &["content/events/daugavpils-show.lv.md"]);
    assert_eq!(body.stats.records_read, 1);
    assert_eq!(body.stats.pages_rendered, 5, "{:?}", body.stats);

    // A referred-to record: the pages showing its title render again.
    save(
        &root.join("content/towns/cesis.lv.md"),
        "---\ntitle: \"Cēsis pilsēta\"\n---\n",
    );
    let town = rebuild_changed_and_compare(root, &mut cache, &["content/towns/cesis.lv.md"]);
    assert_eq!(town.stats.records_read, 1);

    // A file in a record's folder, changed or added: that record is read again.
    save(
        &events.join("rezekne-stage/programme.txt"),
        "Jauna programma\n",
    );
    let folder = rebuild_changed_and_compare(
        root,
        &mut cache,
        &["content/events/rezekne-stage/programme.txt"],
    );
    assert_eq!(folder.stats.records_read, 1);
    save(&events.join("rezekne-stage/extra.txt"), "x\n");
    let added = rebuild_changed_and_compare(
        root,
        &mut cache,
        &["content/events/rezekne-stage/extra.txt"],
    );
    assert_eq!(added.stats.records_read, 1);

    // Hidden files and templates are nothing the records are read from.
    save(&events.join(".notes"), "x\n");
    let template = root.join("themes/test/templates/404.html");
    save(
        &template,
        "{% extends \"base.html\" %}{% block main %}<h1>Nav</h1>{% endblock %}",
    );
    let other = rebuild_changed_and_compare(
        root,
        &mut cache,
        &["content/events/.notes", "themes/test/templates/404.html"],
    );
    assert_eq!(other.stats.records_read, 0);

    // A text that stops building (no title), then builds again: the errors, then the pages,
    // are those of a full build.
    let about = root.join("content/pages/about.lv.md");
    let text = std::fs::read_to_string(&about).unwrap();
    save(&about, "---\nsummary: x\n---\n");
    let changes = Changes::paths([about.clone()]);
    let broken = vestis::render_site_changed(&options(root), &mut cache, changes).unwrap_err();
    assert_eq!(broken, vestis::render_site(&options(root)).unwrap_err());
    save(&about, &text);
    let fixed = rebuild_changed_and_compare(root, &mut cache, &["content/pages/about.lv.md"]);
    assert_eq!(fixed.stats.records_read, 1);

    // New files: the hint cannot be followed; discovery runs again and finds them.
    add_event(&events, "new-one");
    let new = rebuild_changed_and_compare(
        root,
        &mut cache,
        &[
            "content/events/new-one.yaml",
            "content/events/new-one.lv.md",
        ],
    );
    assert_eq!(
        new.stats.records_read, 1,
        "only the new record's files changed"
    );

    // A deleted text, then a deleted record: the same.
    std::fs::remove_file(events.join("daugavpils-show.ru.md")).unwrap();
    rebuild_changed_and_compare(root, &mut cache, &["content/events/daugavpils-show.ru.md"]);
    std::fs::remove_file(events.join("new-one.yaml")).unwrap();
    std::fs::remove_file(events.join("new-one.lv.md")).unwrap();
    rebuild_changed_and_compare(
        root,
        &mut cache,
        &[
            "content/events/new-one.yaml",
            "content/events/new-one.lv.md",
        ],
    );

    // A folder of no record appears (a warning), then the record folder itself is renamed.
    std::fs::create_dir(events.join("stray")).unwrap();
    save(&events.join("stray/a.txt"), "x\n");
    let stray = rebuild_changed_and_compare(root, &mut cache, &["content/events/stray/a.txt"]);
    assert!(
        stray
            .warnings
            .items()
            .iter()
            .any(|w| w.message.contains("stray"))
    );
    std::fs::remove_dir_all(events.join("stray")).unwrap();
    rebuild_changed_and_compare(root, &mut cache, &["content/events/stray"]);

    // A stylesheet: records depend on which static files exist, not on what they hold.
    save(&root.join("static/site.css"), "h1 { color: blue; }");
    let css = rebuild_changed_and_compare(root, &mut cache, &["static/site.css"]);
    assert_eq!(css.stats.records_read, 0);
    assert!(css.stats.pages_rendered > 0, "asset hashes changed");
    // A new static file (a file field may point to it): every record is read again.
    save(&root.join("static/new.txt"), "x\n");
    let added = rebuild_changed_and_compare(root, &mut cache, &["static/new.txt"]);
    assert_eq!(added.stats.records_read, all);

    // site.yaml: the configuration hash changes, so every record is read again.
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    save(
        &root.join("site.yaml"),
        &yaml.replace("paginate: 2", "paginate: 3"),
    );
    let config = rebuild_changed_and_compare(root, &mut cache, &["site.yaml"]);
    assert_eq!(config.stats.records_read, all);

    // A save the hint does not mention is missed only when the hint is given: unknown
    // changes look at every file.
    save(
        &root.join("content/plays/the-bench.lv.md"),
        "---\ntitle: \"Sols\"\n---\nCits.\n",
    );
    let changes = Changes::unknown();
    let unknown = vestis::render_site_changed(&options(root), &mut cache, changes).unwrap();
    assert_eq!(unknown.stats.records_read, 1);
    assert_eq!(
        files(&unknown),
        files(&vestis::render_site(&options(root)).unwrap())
    );
}

#[test]
fn a_told_save_is_read_even_when_length_and_time_stay_the_same() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    let text = root.join("content/plays/the-bench.lv.md");
    let when = SystemTime::now() - Duration::from_secs(60);
    let write = |title: &str| {
        std::fs::write(&text, format!("---\ntitle: \"{title}\"\n---\n")).unwrap();
        let file = std::fs::File::options().write(true).open(&text).unwrap();
        file.set_modified(when).unwrap();
    };
    write("Sols A");
    let mut cache = Cache::new();
    vestis::render_site_cached(&options(root), &mut cache).unwrap();
    write("Sols B");
    let changed = ["content/plays/the-bench.lv.md"];
    let told = rebuild_changed_and_compare(root, &mut cache, &changed);
    assert_eq!(told.stats.records_read, 1);
    let page = told.output.get("lv/izrades/the-bench/index.html").unwrap();
    assert!(String::from_utf8_lossy(page).contains("Sols B"));
}

#[test]
fn a_told_save_changes_the_record_version() {
    use vestis::config::Config;
    use vestis::content::{LoadOptions, RecordCache, Site};
    use vestis::i18n::Locales;

    let site = temp_copy("sites", "full");
    let root = site.path();
    let config = Config::load(root).unwrap();
    let (locales, _) =
        Locales::load_with_problems(&config.files, &config.theme_dir(), &config.language_codes());
    let options = LoadOptions {
        drafts: false,
        now: "2020-01-01T00:00:00Z".parse().unwrap(),
    };
    let mut cache = RecordCache::new();
    let version = |site: &Site| {
        let i = site.find("plays", "the-bench").unwrap();
        site.records[i].version
    };
    let (first, _) = Site::load(&config, &locales, &options, Some(&mut cache)).unwrap();
    let (other, _) = Site::load(&config, &locales, &options, Some(&mut cache)).unwrap();
    assert_eq!(version(&first), version(&other), "nothing changed");
    // Told that the file changed, though its metadata did not: read again, a new version.
    cache.changed(Changes::paths([root.join("content/plays/the-bench.lv.md")]));
    let (again, _) = Site::load(&config, &locales, &options, Some(&mut cache)).unwrap();
    assert_eq!(again.records_read, 1);
    assert_ne!(version(&again), version(&first));
    let town = |site: &Site| site.records[site.find("towns", "cesis").unwrap()].version;
    assert_eq!(town(&again), town(&first), "other records keep theirs");
}

#[test]
fn a_ref_moved_to_another_record_updates_both_back_reference_lists() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    let mut cache = Cache::new();
    rebuild_changed_and_compare(root, &mut cache, &[]);
    // Same records, same URLs: the pages are checked by what they read last time. Cēsis's
    // page did not show this event before, so only its back-reference list can tell.
    save(
        &root.join("content/events/daugavpils-show.yaml"),
        "date: 2013-09-20\ntown: cesis\nkind: show\nparticipants: 130\n",
    );
    let moved =
        rebuild_changed_and_compare(root, &mut cache, &["content/events/daugavpils-show.yaml"]);
    let cesis = moved
        .output
        .get("lv/pilsetas/cesis/index.html")
        .map(|b| String::from_utf8_lossy(b).to_string())
        .unwrap_or_default();
    assert!(cesis.contains("pasakumi/daugavpils-show/"), "{cesis}");
}

use std::collections::BTreeSet;

use super::form::{self, FormValue};
use super::*;

fn example() -> Config {
    Config::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn ids(config: &Config, collection: &str) -> BTreeSet<String> {
    let dir = config.root.join("content").join(collection);
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let id = name.split('.').next()?.to_string();
            (name.ends_with(".yaml") || name.ends_with(".md")).then_some(id)
        })
        .collect()
}

fn to_value(v: &FormValue, kind: quote::Kind) -> Value {
    match v {
        FormValue::Text(s) => Value::Scalar(s.clone(), kind),
        FormValue::List(items) => Value::List(items.clone(), kind),
        FormValue::Structured(json) => Value::Block(json.clone()),
    }
}

/// The edit a form makes when it saves every value it was loaded with.
fn same_values(config: &Config, record: &RecordPaths, now: &[FileText]) -> Edit {
    let collection = &config.collections[&record.collection];
    let text_of = |p: &Path| {
        now.iter()
            .find(|f| f.path == p)
            .and_then(|f| f.text.clone())
    };
    let mut edit = Edit {
        yaml_order: form::yaml_order(collection),
        text_order: form::text_order(collection),
        ..Edit::default()
    };
    if let Some(yaml) = text_of(&record.yaml) {
        for (k, v) in form::values(&yaml).unwrap() {
            let kind = form::key_kind(collection, &k);
            edit.yaml.push((k, to_value(&v, kind)));
        }
    }
    for (lang, path) in &record.texts {
        let Some(text) = text_of(path) else { continue };
        let parts = files::split_front_matter(&text).unwrap();
        let mut text_edit = TextEdit {
            body: Some(parts.body.to_string()),
            ..TextEdit::default()
        };
        for (k, v) in form::values(parts.yaml).unwrap() {
            let kind = form::key_kind(collection, &k);
            text_edit.front.push((k, to_value(&v, kind)));
        }
        edit.texts.insert(lang.clone(), text_edit);
    }
    edit
}

#[test]
fn saving_every_example_record_unchanged_changes_no_byte() {
    let config = example();
    let mut records = 0;
    for collection in config.collections.keys() {
        for id in ids(&config, collection) {
            let record = locate(&config, collection, &id).unwrap();
            let (now, _) = files::read_record(&config.root, &record).unwrap();
            let edit = same_values(&config, &record, &now);
            let planned = plan(&record, &now, &edit).unwrap();
            assert!(planned.is_empty(), "{collection}/{id}: {planned:?}");
            records += 1;
        }
    }
    assert!(records > 30, "only {records} records");
}

#[test]
fn names_outside_the_schema_are_refused() {
    let config = example();
    assert!(matches!(
        locate(&config, "../site", "x"),
        Err(WriteError::NoCollection(_))
    ));
    for id in ["../x", "/etc/passwd", "a/b", "%2e%2e", "", "A", "-x", "a.b"] {
        assert!(
            matches!(locate(&config, "press", id), Err(WriteError::BadId(_))),
            "{id}"
        );
    }
    let record = locate(&config, "press", "x").unwrap();
    assert_eq!(record.yaml, Path::new("content/press/x.yaml"));
    assert_eq!(record.text("ru"), Some(Path::new("content/press/x.ru.md")));
}

fn temp_record() -> (tempfile::TempDir, RecordPaths) {
    let dir = tempfile::tempdir().unwrap();
    let record = RecordPaths {
        collection: "press".into(),
        id: "x".into(),
        yaml: "content/press/x.yaml".into(),
        texts: vec![
            ("lv".into(), "content/press/x.lv.md".into()),
            ("ru".into(), "content/press/x.ru.md".into()),
        ],
        folder: "content/press/x".into(),
    };
    std::fs::create_dir_all(dir.path().join("content/press")).unwrap();
    std::fs::write(dir.path().join(&record.yaml), "date: 2015-01-01 # day\n").unwrap();
    std::fs::write(
        dir.path().join("content/press/x.lv.md"),
        "---\ntitle: \"Sveiki\"\n---\n\nTeksts.\n",
    )
    .unwrap();
    (dir, record)
}

#[test]
fn a_save_edits_in_place_creates_texts_and_notices_conflicts() {
    let (dir, record) = temp_record();
    let root = dir.path();
    let (now, version) = files::read_record(root, &record).unwrap();
    let mut edit = Edit {
        yaml: vec![(
            "date".into(),
            Value::Scalar("2015-01-02".into(), quote::Kind::Typed),
        )],
        ..Edit::default()
    };
    edit.texts.insert(
        "ru".into(),
        TextEdit {
            front: vec![(
                "title".into(),
                Value::Scalar("Привет".into(), quote::Kind::Text),
            )],
            body: Some("\nТекст.\n".into()),
        },
    );
    let planned = plan(&record, &now, &edit).unwrap();
    let new_version = commit(root, &record, &version, &planned).unwrap();
    assert_ne!(new_version, version);
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    assert_eq!(read("content/press/x.yaml"), "date: 2015-01-02 # day\n");
    assert_eq!(
        read("content/press/x.ru.md"),
        "---\ntitle: Привет\n---\n\nТекст.\n"
    );
    // The same save again, from the old version: a conflict, and nothing written.
    std::fs::write(root.join("content/press/x.yaml"), "date: 2016-01-01\n").unwrap();
    let err = commit(root, &record, &new_version, &planned).unwrap_err();
    let WriteError::Conflict { files, .. } = err else {
        panic!("{err:?}")
    };
    let yaml = files.iter().find(|f| f.path == record.yaml).unwrap();
    assert_eq!(yaml.disk.as_deref(), Some("date: 2016-01-01\n"));
    assert_eq!(yaml.mine.as_deref(), Some("date: 2015-01-02 # day\n"));
    assert_eq!(read("content/press/x.yaml"), "date: 2016-01-01\n");
    let leftovers: Vec<_> = std::fs::read_dir(root.join("content/press"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".#"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_deleted_record_is_restored_from_the_trash() {
    let (dir, record) = temp_record();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/press/x")).unwrap();
    std::fs::write(root.join("content/press/x/photo.jpg"), b"\xff\xd8\xff").unwrap();
    let (_, version) = files::read_record(root, &record).unwrap();
    let name = trash::delete(root, &record, &version).unwrap();
    assert!(!root.join("content/press/x.yaml").exists());
    assert!(!root.join("content/press/x").exists());
    let listed = trash::list(root);
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].collection.as_str(), listed[0].id.as_str()),
        ("press", "x")
    );
    for bad in ["../x", "..", "a/b", &format!("{name}/../..")] {
        assert!(trash::restore(root, bad).is_err(), "{bad}");
    }
    trash::restore(root, &name).unwrap();
    assert!(root.join("content/press/x.yaml").is_file());
    assert!(root.join("content/press/x/photo.jpg").is_file());
    assert!(trash::list(root).is_empty());
}

#[test]
fn two_saves_at_once_from_the_same_version_one_wins_the_other_is_a_conflict() {
    let (dir, record) = temp_record();
    let root = dir.path().to_path_buf();
    let (now, version) = files::read_record(&root, &record).unwrap();
    for round in 0..20 {
        let (now, version) = if round == 0 {
            (now.clone(), version.clone())
        } else {
            files::read_record(&root, &record).unwrap()
        };
        let plans: Vec<_> = ["2001-01-01", "2002-02-02"]
            .iter()
            .map(|date| {
                let edit = Edit {
                    yaml: vec![(
                        "date".into(),
                        Value::Scalar(format!("{date}-{round}"), quote::Kind::Text),
                    )],
                    ..Edit::default()
                };
                plan(&record, &now, &edit).unwrap()
            })
            .collect();
        let barrier = std::sync::Barrier::new(plans.len());
        let results: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = plans
                .iter()
                .map(|planned| {
                    let (root, record, version, barrier) = (&root, &record, &version, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        commit(root, record, version, planned)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let won: Vec<_> = results.iter().filter(|r| r.is_ok()).collect();
        assert_eq!(won.len(), 1, "round {round}: {results:?}");
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(WriteError::Conflict { .. }))),
            "round {round}: {results:?}"
        );
        // What is on disk is the winner's text, whole.
        let yaml = std::fs::read_to_string(root.join(&record.yaml)).unwrap();
        let winner = results.iter().position(Result::is_ok).unwrap();
        assert_eq!(yaml, plans[winner][0].1, "round {round}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(root.join("content/press"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".#"))
        .collect();
    assert!(leftovers.is_empty());
}

use super::*;

#[test]
fn insert_get_iter_sorted() {
    let mut out = Output::new();
    assert!(out.is_empty());
    out.insert("lv/index.html", b"lv".to_vec()).unwrap();
    out.insert("404.html", b"404".to_vec()).unwrap();
    out.insert(String::from("ru/pasakumi/index.html"), vec![])
        .unwrap();
    assert_eq!(out.len(), 3);
    assert_eq!(out.get("lv/index.html"), Some(&b"lv"[..]));
    assert!(out.contains("404.html"));
    assert!(!out.contains("lv"));
    assert_eq!(out.get("missing"), None);
    let paths: Vec<_> = out.iter().map(|(p, _)| p).collect();
    assert_eq!(
        paths,
        ["404.html", "lv/index.html", "ru/pasakumi/index.html"]
    );
}

#[test]
fn changed_paths_lists_added_removed_and_changed_files_but_not_pending_deferred_ones() {
    let mut old = Output::new();
    let shared = Arc::new(b"same".to_vec());
    old.insert_shared("a.html", shared.clone()).unwrap();
    old.insert("b.html", b"old".to_vec()).unwrap();
    old.insert("c.html", b"gone".to_vec()).unwrap();
    old.insert_deferred("feed.xml", Box::new(|| Ok(b"1".to_vec())))
        .unwrap();
    let mut new = Output::new();
    new.insert_shared("a.html", shared).unwrap();
    new.insert("b.html", b"new".to_vec()).unwrap();
    new.insert("d.html", b"added".to_vec()).unwrap();
    new.insert_deferred("feed.xml", Box::new(|| Ok(b"2".to_vec())))
        .unwrap();
    assert_eq!(old.changed_paths(&new), ["b.html", "c.html", "d.html"]);
    assert_eq!(new.get("feed.xml"), Some(&b"2"[..]));
    assert_eq!(old.changed_paths(&old.clone()), Vec::<&str>::new());
}

#[test]
fn inserting_many_at_once_checks_like_one_by_one() {
    let file = |p: &str| (p.to_string(), Arc::new(p.as_bytes().to_vec()));
    let mut out = Output::new();
    let errors = out.insert_all_shared(vec![
        file("b/index.html"),
        file("a.html"),
        file("b/index.html"),
        file("a.html/x"),
        file("../x"),
        file(MARKER_FILE),
    ]);
    let refused: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(refused, ["../x", MARKER_FILE, "a.html/x", "b/index.html"]);
    assert!(errors[3].1.contains("produced twice"), "{errors:?}");
    assert!(errors[2].1.contains("needs a directory `a.html`"));
    let paths: Vec<&str> = out.paths().collect();
    assert_eq!(paths, ["a.html", "b/index.html"]);
    // Into a non-empty output, one by one.
    let errors = out.insert_all_shared(vec![file("c.html"), file("a.html")]);
    assert_eq!(errors.len(), 1);
    assert_eq!(out.len(), 3);
}

#[test]
fn unsafe_paths_are_refused() {
    let bad = [
        "",
        "/etc/passwd",
        "//server/share/x",
        "C:/x",
        "c:x",
        "a\\b",
        "..\\x",
        "a//b",
        "a/",
        "./a",
        "a/./b",
        "../a",
        "a/../../b",
        "..",
        "a\0b",
    ];
    let mut out = Output::new();
    for path in bad {
        let err = out.insert(path, vec![]).unwrap_err();
        assert!(err.contains("is not allowed"), "{path:?}: {err}");
    }
    assert!(out.is_empty());
}

#[test]
fn unusual_but_safe_paths_are_accepted() {
    let mut out = Output::new();
    for path in ["a..b/c", ".well-known/x", "ģimene/ст.html", "a b/c"] {
        out.insert(path, vec![]).unwrap();
    }
}

#[test]
fn duplicate_path_is_refused_and_keeps_the_first() {
    let mut out = Output::new();
    out.insert("a/index.html", b"one".to_vec()).unwrap();
    let err = out.insert("a/index.html", b"two".to_vec()).unwrap_err();
    assert!(err.contains("produced twice"), "{err}");
    assert_eq!(out.get("a/index.html"), Some(&b"one"[..]));
}

#[test]
fn file_and_directory_of_the_same_name_are_refused() {
    let mut out = Output::new();
    out.insert("a/b", vec![]).unwrap();
    assert!(
        out.insert("a/b/c", vec![])
            .unwrap_err()
            .contains("already a file")
    );
    assert!(
        out.insert("a", vec![])
            .unwrap_err()
            .contains("already a directory")
    );
    out.insert("a-b", vec![]).unwrap();
    out.insert("a/bc", vec![]).unwrap();
}

#[test]
fn marker_file_is_reserved() {
    let mut out = Output::new();
    assert!(
        out.insert(MARKER_FILE, vec![])
            .unwrap_err()
            .contains("reserved")
    );
    out.insert(format!("sub/{MARKER_FILE}"), vec![]).unwrap();
}

#[test]
fn merge_moves_files_and_reports_every_clash() {
    let mut a = Output::new();
    a.insert("x", b"a".to_vec()).unwrap();
    a.insert("y", b"a".to_vec()).unwrap();
    let mut b = Output::new();
    b.insert("x", b"b".to_vec()).unwrap();
    b.insert("y", b"b".to_vec()).unwrap();
    b.insert("z", b"b".to_vec()).unwrap();
    let errors = a.merge(b).unwrap_err();
    assert_eq!(errors.len(), 2);
    assert!(errors[0].contains("`x`") && errors[1].contains("`y`"));
    assert_eq!(a.get("x"), Some(&b"a"[..]));
    assert_eq!(a.get("z"), Some(&b"b"[..]));

    let mut c = Output::new();
    c.insert("w", vec![]).unwrap();
    a.merge(c).unwrap();
    assert_eq!(a.len(), 4);
}

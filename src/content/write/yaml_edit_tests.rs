use super::*;

fn text(s: &str) -> Value {
    Value::Scalar(s.to_string(), Kind::Text)
}

fn typed(s: &str) -> Value {
    Value::Scalar(s.to_string(), Kind::Typed)
}

const DOC: &str = "# The event.\ndate: 2015-02-23   # the day\ntown: \"rezekne\"\n\n# numbers\nparticipants: 12\nplays:\n  - a\n  - b\nvenue: 'Old hall'\n";

#[test]
fn a_value_is_replaced_in_place_and_the_rest_stays() {
    let out = set(DOC, "date", &typed("2015-02-24"), &[]).unwrap();
    assert_eq!(out, DOC.replace("2015-02-23", "2015-02-24"));
    let out = set(DOC, "town", &text("daugavpils"), &[]).unwrap();
    assert_eq!(out, DOC.replace("\"rezekne\"", "\"daugavpils\""));
    let out = set(DOC, "venue", &text("Jaunā zāle"), &[]).unwrap();
    assert_eq!(out, DOC.replace("'Old hall'", "'Jaunā zāle'"));
}

#[test]
fn a_block_list_stays_a_block_list() {
    let list = Value::List(vec!["c".into(), "no".into()], Kind::Text);
    let out = set(DOC, "plays", &list, &[]).unwrap();
    assert_eq!(out, DOC.replace("  - a\n  - b\n", "  - c\n  - \"no\"\n"));
}

#[test]
fn a_missing_key_goes_after_its_neighbour_in_schema_order() {
    let order = ["date", "end_date", "town", "participants", "plays", "venue"];
    let out = set(DOC, "end_date", &typed("2015-02-25"), &order).unwrap();
    assert!(
        out.contains("# the day\nend_date: 2015-02-25\ntown:"),
        "{out}"
    );
    let out = set("a: 1", "b", &text("x"), &["a", "b"]).unwrap();
    assert_eq!(out, "a: 1\nb: x\n");
    let out = set("", "title", &text("Sveiki"), &[]).unwrap();
    assert_eq!(out, "title: Sveiki\n");
}

#[test]
fn a_key_is_removed_with_its_lines_only() {
    let out = set(DOC, "plays", &Value::Remove, &[]).unwrap();
    assert_eq!(out, DOC.replace("plays:\n  - a\n  - b\n", ""));
    assert_eq!(set(DOC, "nothing", &Value::Remove, &[]).unwrap(), DOC);
}

#[test]
fn text_that_would_change_type_is_quoted() {
    let out = set("title: A\n", "title", &text("no"), &[]).unwrap();
    assert_eq!(out, "title: \"no\"\n");
    let out = set("title: A\n", "title", &text("a: b # c"), &[]).unwrap();
    assert_eq!(out, "title: \"a: b # c\"\n");
}

#[test]
fn crlf_files_stay_crlf() {
    let out = set("a: 1\r\n", "b", &typed("2"), &["a", "b"]).unwrap();
    assert_eq!(out, "a: 1\r\nb: 2\r\n");
}

#[test]
fn a_multiline_value_becomes_one_line() {
    let doc = "summary: >\n  long\n  text\nx: 1\n";
    let out = set(doc, "summary", &text("short"), &[]).unwrap();
    assert_eq!(out, "summary: short\nx: 1\n");
}

#[test]
fn broken_yaml_is_not_edited() {
    assert_eq!(
        set("a: [1\n", "a", &typed("2"), &[]),
        Err(EditError::Unreadable)
    );
}

#[test]
fn a_gallery_is_replaced_as_a_block_and_the_rest_stays() {
    let doc = "date: 2014-01-01 # day\n# photos\ngallery:\n  - src: a.jpg\n    alt: { lv: \"A\", ru: \"А\" }\n  # the second\n  - b.jpg\nvideo: x.webm\n";
    let before = read(doc).unwrap();
    // Unchanged (the value as it reads): not a byte changes.
    let same = Value::Block(before["gallery"].clone());
    assert_eq!(set(doc, "gallery", &same, &[]).unwrap(), doc);
    let moved =
        Value::Block(serde_json::json!(["b.jpg", {"src": "a.jpg", "alt": {"lv": "A", "ru": "А"}}]));
    let out = set(doc, "gallery", &moved, &[]).unwrap();
    assert_eq!(
        out,
        "date: 2014-01-01 # day\n# photos\ngallery:\n  - b.jpg\n  - src: a.jpg\n    alt: { lv: \"A\", ru: \"А\" }\nvideo: x.webm\n"
    );
    let poster = Value::Block(serde_json::json!({"src": "x.webm", "poster": "p.jpg"}));
    let out = set(doc, "video", &poster, &["date", "gallery", "video"]).unwrap();
    assert!(
        out.ends_with("video:\n  src: x.webm\n  poster: p.jpg\n"),
        "{out}"
    );
    let added = set(
        "date: 2014-01-01\n",
        "gallery",
        &moved,
        &["date", "gallery"],
    )
    .unwrap();
    assert!(
        added.starts_with("date: 2014-01-01\ngallery:\n  - b.jpg\n"),
        "{added}"
    );
    let deep = Value::Block(serde_json::json!([{"src": [1, 2]}]));
    assert!(set(doc, "gallery", &deep, &[]).is_err());
}

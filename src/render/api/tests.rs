use tera::{Map, Value};

use super::*;

/// The value under `key`.
fn entry<'a>(map: &'a Map, key: &str) -> Option<&'a Value> {
    map.iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

fn stub() -> Stub<'static> {
    Stub {
        id: "x",
        collection: "events",
        lang: "lv",
        title: "Koncerts",
        url: "/lv/pasakumi/x/".into(),
        permalink: "https://example.org/lv/pasakumi/x/".into(),
    }
}

#[test]
fn a_summary_is_its_stub_then_its_keys_then_its_fields_in_order() {
    let mut fields = indexmap::IndexMap::new();
    fields.insert("venue", Value::from("Zāle"));
    fields.insert("count", Value::from(3usize));
    let summary = Summary {
        stub: stub(),
        slug: "x",
        summary: None,
        description: Some("Apraksts"),
        body: Some(Html("<p>a</p>".into())),
        untranslated: false,
        text_lang: "lv",
        translations: vec![],
        fields,
    };
    let value = to_value(&summary);
    let map = value.as_map().expect("a map");
    let keys: Vec<&str> = map.keys().map(|k| k.as_str().unwrap_or("")).collect();
    // The summary's own keys in their order (the ones `Summary::value` stores as static
    // texts), then the schema's fields.
    let expected = [super::record::SUMMARY_KEYS.as_slice(), &["venue", "count"]].concat();
    assert_eq!(keys, expected);
    assert_eq!(keys[..3], ["id", "collection", "lang"]);
    let body = entry(map, "body").expect("body");
    assert!(body.is_safe() && body.as_str() == Some("<p>a</p>"));
    let title = entry(map, "title").expect("title");
    assert!(!title.is_safe());
    assert!(entry(map, "summary").is_some_and(Value::is_none));
}

#[test]
fn typed_values_equal_the_hand_built_maps_they_replace() {
    let mut by_hand = Map::new();
    by_hand.insert("number".into(), 2usize.into());
    by_hand.insert("url".into(), "/lv/p/page/2/".into());
    by_hand.insert("gap_before".into(), false.into());
    let typed = to_value(&PageLink {
        number: 2,
        url: "/lv/p/page/2/".into(),
        gap_before: false,
    });
    assert_eq!(typed, Value::from(by_hand));
    let mut by_hand = Map::new();
    by_hand.insert("url".into(), "/m/a.pdf".into());
    by_hand.insert("path".into(), "m/a.pdf".into());
    by_hand.insert("alt".into(), Value::none());
    let typed = to_value(&FileValue {
        url: "/m/a.pdf".into(),
        path: "m/a.pdf",
        alt: None,
    });
    assert_eq!(typed, Value::from(by_hand));
    assert_eq!(
        crate::render::value_hash::value_hash(&to_value(&stub())),
        crate::render::value_hash::value_hash(&to_value(&stub()))
    );
}

#[test]
fn a_summary_value_is_its_serialization_made_exact_with_the_body_shared() {
    let body: std::sync::Arc<str> = format!("<p>{}</p>", "garš teksts ".repeat(20)).into();
    let mut fields = indexmap::IndexMap::new();
    fields.insert("venue", Value::from("Zāle"));
    let summary = Summary {
        stub: stub(),
        slug: "x",
        summary: Some("Īsi"),
        description: None,
        body: Some(Html(std::sync::Arc::clone(&body))),
        untranslated: true,
        text_lang: "lv",
        translations: vec![],
        fields,
    };
    let keys = FieldKeys::new(["venue"]);
    let value = summary.value(&keys);
    let again = summary.value(&keys);
    assert_eq!(value, to_value(&summary));
    let map = value.as_map().expect("a map");
    // The summary's own keys are static texts, not one allocation per summary.
    let title_key = map.keys().find(|k| k.as_str() == Some("title"));
    assert!(matches!(title_key, Some(tera::value::Key::Str(_))));
    let keys: Vec<&str> = map.keys().map(|k| k.as_str().unwrap_or("")).collect();
    let serialized = to_value(&summary);
    let expected: Vec<&str> = serialized
        .as_map()
        .expect("a map")
        .keys()
        .map(|k| k.as_str().unwrap_or(""))
        .collect();
    assert_eq!(keys, expected);
    let shown = entry(map, "body").expect("body");
    assert!(shown.is_safe());
    // The same text, not a copy of it.
    assert_eq!(shown.as_str().map(str::as_ptr), Some(body.as_ptr()));
    // Two summaries share one text for a field's name.
    let venue_key = |v: &Value| {
        let map = v.as_map().expect("a map");
        let key = map.keys().find(|k| k.as_str() == Some("venue"));
        key.and_then(|k| k.as_str()).map(str::as_ptr)
    };
    assert!(venue_key(&value).is_some());
    assert_eq!(venue_key(&value), venue_key(&again));
}

#[test]
fn a_map_entry_stays_small() {
    // vendor/tera boxes the 128-bit keys (PATCH.md): a summary's every entry is then 56
    // bytes rather than 80, held for every record and language during a build.
    assert_eq!(std::mem::size_of::<tera::value::Key<'static>>(), 24);
    assert_eq!(std::mem::align_of::<tera::value::Key<'static>>(), 8);
}

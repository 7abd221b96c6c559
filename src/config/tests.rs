use super::*;

fn load(yaml: &str) -> Result<Config, Diagnostics> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), yaml).unwrap();
    Config::load(dir.path())
}

const BASE: &str = "title: { lv: A, ru: B }\nbase_url: \"https://example.org/sub/\"\nlanguages:\n  - { code: lv, name: L }\n  - { code: ru, name: R }\n";

fn messages(yaml: &str) -> Vec<String> {
    load(yaml)
        .unwrap_err()
        .items()
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.col, d.message))
        .collect()
}

#[test]
fn resolves_a_complete_config() {
    let yaml = format!(
        "{BASE}timezone: Europe/Riga\ntranslations: {{ missing: fallback }}\ncollections:\n  events:\n    path: {{ lv: pasakumi, ru: meropriyatiya }}\n    paginate: 20\n    feed: true\n    fields:\n      date: {{ type: date, required: true }}\n      town: {{ type: ref, to: towns }}\n      plays: {{ type: list, of: {{ type: ref, to: towns }} }}\n      kind: {{ type: enum, values: [a, b] }}\n  towns: {{}}\n"
    );
    let config = load(&yaml).unwrap();
    assert_eq!(config.base_url, "https://example.org/sub");
    assert_eq!(config.base_path, "/sub");
    assert_eq!(config.default_language(), "lv");
    assert_eq!(config.missing, MissingPolicy::Fallback);
    let events = &config.collections["events"];
    assert_eq!(events.path_in("ru"), "meropriyatiya");
    assert_eq!(
        events.sort,
        SortSpec {
            key: SortKey::Field("date".into()),
            descending: true
        }
    );
    assert_eq!(
        events.fields["plays"].kind,
        FieldKind::List(Box::new(FieldKind::Ref("towns".into())))
    );
    assert_eq!(config.collections["towns"].path_in("lv"), "towns");
    assert_eq!(config.collections["towns"].sort.key, SortKey::Title);
}

#[test]
fn unknown_keys_get_a_suggestion() {
    let d = load(&format!("{BASE}timezon: Europe/Riga\n")).unwrap_err();
    let first = &d.items()[0];
    assert_eq!(first.message, "unknown field `timezon`");
    assert_eq!(
        first.suggestion.as_deref(),
        Some("did you mean `timezone`?")
    );
    assert_eq!((first.line, first.col), (6, 1));
}

#[test]
fn reports_every_problem_of_the_collections() {
    let yaml = format!(
        "{BASE}collections:\n  events:\n    sort: dat desc\n    fields:\n      date: {{ type: dat }}\n      town: {{ type: ref, to: town }}\n      Bad: {{ type: string }}\n      title: {{ type: string }}\n  towns: {{}}\n"
    );
    let all = messages(&yaml);
    assert!(
        all.contains(&"10:21 unknown field type `dat`".to_string()),
        "{all:?}"
    );
    assert!(
        all.iter()
            .any(|m| m.contains("`to: town` names no collection")),
        "{all:?}"
    );
    assert!(
        all.iter().any(|m| m.contains("field name `Bad`")),
        "{all:?}"
    );
    assert!(
        all.iter().any(|m| m.contains("`title` is a built-in")),
        "{all:?}"
    );
    let d = load(&yaml).unwrap_err();
    let type_error = d
        .items()
        .iter()
        .find(|d| d.message.contains("unknown field type"))
        .unwrap();
    assert_eq!(
        type_error.suggestion.as_deref(),
        Some("did you mean `date`?")
    );
}

#[test]
fn every_language_needs_a_title_and_a_valid_code() {
    let yaml = "title: { lv: A }\nbase_url: https://example.org\nlanguages:\n  - { code: lv, name: L }\n  - { code: RU, name: R }\n";
    let all = messages(yaml);
    assert!(
        all.iter().any(|m| m.contains("language code `RU`")),
        "{all:?}"
    );
    let yaml = "title: { lv: A }\nbase_url: https://example.org\nlanguages:\n  - { code: lv, name: L }\n  - { code: ru, name: R }\n";
    assert!(
        messages(yaml)
            .iter()
            .any(|m| m.contains("title has no `ru` value"))
    );
}

#[test]
fn a_site_lists_at_most_255_languages() {
    // Codes `a`…`z` then two letters: 256 distinct valid codes.
    let letters: Vec<char> = ('a'..='z').collect();
    let codes: Vec<String> = letters
        .iter()
        .flat_map(|x| letters.iter().map(move |y| format!("{x}{y}")))
        .take(256)
        .collect();
    let list: String = codes
        .iter()
        .map(|c| format!("  - {{ code: {c}, name: N }}\n"))
        .collect();
    let yaml = format!("title: A\nbase_url: https://example.org\nlanguages:\n{list}");
    let all = messages(&yaml);
    assert!(
        all.iter()
            .any(|m| m == "4:3 `languages` lists 256 languages; a site can have at most 255"),
        "{all:?}"
    );
    let list: String = codes[..255]
        .iter()
        .map(|c| format!("  - {{ code: {c}, name: N }}\n"))
        .collect();
    let yaml = format!("title: A\nbase_url: https://example.org\nlanguages:\n{list}");
    let config = load(&yaml).unwrap();
    assert_eq!(config.languages.all().count(), 255);
}

#[test]
fn base_url_must_be_absolute() {
    let yaml = "title: A\nbase_url: example.org\nlanguages:\n  - { code: lv, name: L }\n";
    assert!(messages(yaml)[0].contains("is not an absolute URL"));
}

#[test]
fn timezone_must_exist() {
    let all = messages(&format!("{BASE}timezone: Europe/Rigga\n"));
    assert_eq!(all, ["6:11 unknown time zone `Europe/Rigga`"]);
}

#[test]
fn links_out_of_the_site_are_refused_unless_site_yaml_allows_them() {
    assert!(!load(BASE).unwrap().files.follows_external_links());
    let yaml = format!("{BASE}follow_external_links: true\n");
    assert!(load(&yaml).unwrap().files.follows_external_links());
    let yaml = format!("{BASE}follow_external_links: yes please\n");
    assert!(load(&yaml).is_err());
}

#[test]
fn control_characters_in_base_url_are_located_errors() {
    // A `|` block keeps the line break after the address; the URL parser would drop it.
    let block =
        "title: A\nbase_url: |\n  https://example.org\nlanguages:\n  - { code: lv, name: L }\n";
    let all = load(block).unwrap_err();
    let d = &all.items()[0];
    assert_eq!(d.line, 2, "{d}");
    assert!(
        d.message.contains("`base_url` contains a line break"),
        "{d}"
    );
    assert!(d.suggestion.as_deref().unwrap().contains("on one line"));
    for (value, what) in [
        ("\"https://example.org/\\tx\"", "a tab"),
        ("\"https://exa\\u0000mple.org\"", "U+0000"),
        ("\"https://example.org \"", "a space"),
        ("\"https://example.org\\u00a0\"", "U+00A0"),
        ("\"https://example.org\\r\\nDisallow: /\"", "a line break"),
    ] {
        let yaml =
            format!("title: A\nbase_url: {value}\nlanguages:\n  - {{ code: lv, name: L }}\n");
        let all = messages(&yaml);
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(all[0].starts_with("2:"), "{all:?}");
        assert!(all[0].contains(what), "{value}: {all:?}");
    }
}

#[test]
fn control_characters_in_a_base_url_override_are_refused() {
    let config = load(BASE).unwrap();
    let err = config
        .clone()
        .with_base_url("https://example.org\nDisallow: /")
        .unwrap_err();
    assert!(err.contains("a line break"), "{err}");
    assert!(config.with_base_url("http://127.0.0.1:8000/").is_ok());
}

#[test]
fn bad_collection_and_field_names_are_reported_at_their_own_line() {
    let yaml = format!(
        "{BASE}collections:\n  Jaunumi:\n    path: {{ lv: jaunumi, ru: novosti }}\n  towns:\n    fields:\n      Iedz:\n        type: int\n"
    );
    let got = messages(&yaml);
    assert!(
        got.iter()
            .any(|m| m.starts_with("7:3 collection name `Jaunumi`")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|m| m.starts_with("11:7 field name `Iedz`")),
        "{got:?}"
    );
}

#[test]
fn a_path_segment_longer_than_a_folder_name_is_refused() {
    let long = "a".repeat(201);
    let yaml = format!("{BASE}collections:\n  news:\n    path: {{ lv: {long}, ru: novosti }}\n");
    let got = messages(&yaml);
    assert!(
        got.iter().any(|m| m.contains("longer than 200 characters")),
        "{got:?}"
    );
}

#[test]
fn a_localized_text_of_the_wrong_form_is_said_plainly() {
    let yaml = format!("{BASE}collections:\n  news:\n    path: {{ lv: jaunumi, ru: n }}\n");
    let got = messages(&yaml);
    assert!(got[0].contains("one text per language"), "{got:?}");
    assert!(!got[0].contains("untagged"), "{got:?}");
}

#[test]
fn a_value_cut_at_a_hash_is_a_warning_of_the_config() {
    let yaml = format!("{BASE}output_dir: mans #1\n");
    let config = load(&yaml).unwrap();
    // BASE's `example.org` address is a warning of its own (line 2).
    let warnings: Vec<_> = config
        .warnings
        .items()
        .iter()
        .filter(|w| w.line != 2)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, 6);
}

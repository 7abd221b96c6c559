//! Language lists and missing translations: the `[lv, ru, en]` fixture, the fixture with a
//! record that has no Russian text, and the three `translations.missing` policies.

use crate::common;

use common::{by_id, fixture, page, paths, render, temp_copy};

#[test]
fn three_languages_each_get_every_page_and_alternates() {
    let r = render(&fixture("sites", "trilingual"));
    for lang in ["lv", "ru", "en"] {
        assert!(
            page(&r, &format!("{lang}/index.html")).contains(&format!("<html lang=\"{lang}\">"))
        );
    }
    let en = page(&r, "en/notes/n1/index.html");
    assert!(en.contains("hreflang=\"lv\" href=\"https://balta-maja.test/lv/piezimes/n1/\""));
    assert!(en.contains("hreflang=\"ru\" href=\"https://balta-maja.test/ru/zametki/n1/\""));
    assert_eq!(
        r.pages,
        vec![
            ("lv".into(), 6),
            ("ru".into(), 6),
            ("en".into(), 6),
            (String::new(), 2)
        ]
    );
}

/// Byte order would give `Cepure, Dārzs, Čaulas` and `Ёлка, Елка, Жук`.
#[test]
fn titles_sort_by_each_languages_alphabet() {
    let r = render(&fixture("sites", "trilingual"));
    assert_eq!(
        by_id(&page(&r, "lv/piezimes/index.html"), "records"),
        "<li>Cepure</li><li>Čaulas</li><li>Dārzs</li>"
    );
    assert_eq!(
        by_id(&page(&r, "ru/zametki/index.html"), "records"),
        "<li>Елка</li><li>Ёлка</li><li>Жук</li>"
    );
    assert_eq!(
        by_id(&page(&r, "en/notes/index.html"), "records"),
        "<li>Apple</li><li>Banana</li><li>Cherry</li>"
    );
}

#[test]
fn skip_leaves_a_record_out_of_the_languages_it_lacks() {
    let r = render(&fixture("sites", "missing-ru"));
    assert!(r.output.contains("lv/piezimes/lv-only/index.html"));
    assert!(
        !paths(&r)
            .iter()
            .any(|p| p.contains("lv-only") && p.starts_with("ru/"))
    );
    assert!(!page(&r, "ru/zametki/index.html").contains("Tikai latviski"));
    let lv = page(&r, "lv/piezimes/lv-only/index.html");
    assert!(
        lv.contains("<a href=\"/ru/zametki/\" hreflang=\"ru\" data-missing>"),
        "switcher goes to the list"
    );
    assert!(!lv.contains("rel=\"alternate\" hreflang=\"ru\""));
}

fn with_policy(policy: &str) -> tempfile::TempDir {
    let dir = temp_copy("sites", "missing-ru");
    let config = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("missing: skip", &format!("missing: {policy}"));
    std::fs::write(config, text).unwrap();
    dir
}

#[test]
fn fallback_shows_the_default_language_text_marked_as_such() {
    let dir = with_policy("fallback");
    let r = render(dir.path());
    let ru = page(&r, "ru/zametki/lv-only/index.html");
    assert!(ru.contains("<html lang=\"ru\">"));
    assert!(
        ru.contains("<div lang=\"lv\"><p>Teksts tikai latviešu valodā.</p>"),
        "{ru}"
    );
    assert!(ru.contains(
        "<link rel=\"canonical\" href=\"https://balta-maja.test/lv/piezimes/lv-only/\">"
    ));
    assert!(page(&r, "ru/zametki/index.html").contains("Tikai latviski"));
    let lv = page(&r, "lv/piezimes/lv-only/index.html");
    assert!(lv.contains("<a href=\"/ru/zametki/lv-only/\" hreflang=\"ru\" data-untranslated>"));
}

#[test]
fn error_policy_fails_the_build_naming_the_record_and_language() {
    let dir = with_policy("error");
    let err = vestis::render_site(&common::options(dir.path())).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("error: content/notes/lv-only.lv.md: the record `lv-only` has no `ru` text"),
        "{text}"
    );
    assert!(text.contains("write `content/notes/lv-only.ru.md`"));
}

#[test]
fn a_single_language_site_works() {
    let dir = temp_copy("sites", "trilingual");
    let config = dir.path().join("site.yaml");
    std::fs::write(
        &config,
        "title: \"Сайт\"\nbase_url: \"https://balta-maja.test\"\nlanguages:\n  - { code: ru, name: \"Русский\" }\ntheme: mini\ncollections:\n  notes:\n    path: { ru: zametki }\n    sort: title\n",
    )
    .unwrap();
    for f in std::fs::read_dir(dir.path().join("content/notes"))
        .unwrap()
        .flatten()
    {
        if !f.file_name().to_string_lossy().ends_with(".ru.md") {
            std::fs::remove_file(f.path()).unwrap();
        }
    }
    let r = render(dir.path());
    // Home, list, two records and the language's 404 page.
    assert_eq!(r.pages, vec![("ru".into(), 6), (String::new(), 2)]);
    let list = page(&r, "ru/zametki/index.html");
    assert!(list.contains("<html lang=\"ru\">"));
    assert_eq!(
        by_id(&list, "records"),
        "<li>Елка</li><li>Ёлка</li><li>Жук</li>"
    );
    assert!(!list.contains("hreflang"), "no other language to point to");
}

#[test]
fn slugs_made_from_titles_are_transliterated_and_collisions_are_errors() {
    let dir = temp_copy("sites", "missing-ru");
    let notes = dir.path().join("content/notes");
    std::fs::write(
        notes.join("both.ru.md"),
        "---\ntitle: \"Интеграционная сцена\"\nslug: auto\n---\n",
    )
    .unwrap();
    let r = render(dir.path());
    assert!(
        r.output
            .contains("ru/zametki/integratsionnaya-stsena/index.html"),
        "{:?}",
        paths(&r)
    );
    std::fs::write(
        notes.join("other.ru.md"),
        "---\ntitle: \"Интеграционная  сцена!\"\nslug: auto\n---\n",
    )
    .unwrap();
    let err = vestis::render_site(&common::options(dir.path()))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the page `/ru/zametki/integratsionnaya-stsena/` is also produced by"),
        "{err}"
    );
}

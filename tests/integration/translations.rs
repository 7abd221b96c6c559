//! The translation report of `vestis check` and the stamping workflow, on the fixture
//! `tests/sites/translations` (one current, one stale, one untranslated record; a Russian
//! plural message without `few`/`many`; messages missing or unused).

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

use common::{fixture, temp_copy};

fn report(root: &std::path::Path) -> String {
    vestis::check(&common::options(root))
        .unwrap()
        .report
        .to_string()
}

#[test]
fn the_report_lists_what_each_language_lacks() {
    assert_eq!(
        report(&fixture("sites", "translations")),
        "translations:
  lv: complete
  ru:
    records without text (1):
      notes/lv-only
    messages missing (1):
      leftover
    plural variants missing (1):
      count (lacks few, many)
    stale translations (1):
      content/notes/changed.ru.md (content/notes/changed.lv.md changed)
  all languages:
    messages defined but unused (2):
      count (lv, ru)
      leftover (lv)
"
    );
}

#[test]
fn strict_fails_on_report_findings() {
    let root = fixture("sites", "translations");
    Command::cargo_bin("vestis")
        .unwrap()
        .args(["check", "--translations"])
        .arg("--root")
        .arg(&root)
        .assert()
        .success();
    Command::cargo_bin("vestis")
        .unwrap()
        .args(["check", "--strict"])
        .arg("--root")
        .arg(&root)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("6 translation findings"));
}

#[test]
fn a_stale_translation_is_cleared_by_restamping_and_comes_back_when_the_original_changes() {
    let site = temp_copy("sites", "translations");
    assert!(report(site.path()).contains("stale translations (1)"));
    let stamped = vestis::stamp_translations(
        &common::options(site.path()),
        &[site.path().join("content/notes/changed.ru.md")],
    )
    .unwrap();
    assert_eq!(
        stamped,
        [std::path::PathBuf::from("content/notes/changed.ru.md")]
    );
    assert!(
        !report(site.path()).contains("stale"),
        "{}",
        report(site.path())
    );
    let original = site.path().join("content/notes/changed.lv.md");
    std::fs::write(&original, "---\ntitle: \"Mainīts\"\n---\nTrešā versija.\n").unwrap();
    assert!(
        report(site.path())
            .contains("content/notes/changed.ru.md (content/notes/changed.lv.md changed)")
    );
}

#[test]
fn stamping_without_files_stamps_only_unstamped_translations() {
    let site = temp_copy("sites", "translations");
    let current = site.path().join("content/notes/current.ru.md");
    std::fs::write(&current, "---\ntitle: \"Оригинал\"\n---\nПервая версия.\n").unwrap();
    assert!(report(site.path()).contains("not stamped"));
    let before = std::fs::read_to_string(site.path().join("content/notes/changed.ru.md")).unwrap();
    let out = Command::cargo_bin("vestis")
        .unwrap()
        .args(["check", "--stamp"])
        .arg("--root")
        .arg(site.path())
        .assert()
        .success();
    out.stdout(predicate::str::contains(
        "stamped content/notes/current.ru.md",
    ));
    assert_eq!(
        before,
        std::fs::read_to_string(site.path().join("content/notes/changed.ru.md")).unwrap()
    );
    let current = std::fs::read_to_string(site.path().join("content/notes/current.ru.md")).unwrap();
    assert!(current.contains("translation_of: "), "{current}");
    assert!(
        report(site.path()).contains("stale translations (1)"),
        "still stale: it was not re-stamped"
    );
}

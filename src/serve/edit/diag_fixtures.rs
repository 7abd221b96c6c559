//! The test that every diagnostic about a record which the failure fixtures produce is said
//! in Latvian and Russian in the editor (message and `help:`), not left in English.
//!
//! Each `tests/invalid/<case>/` is laid over `tests/invalid/_base/` in a temporary folder and
//! checked with the editor's own validation ([`super::validate::check`]); every diagnostic
//! located in a `content/` file must have a pattern and a Latvian and Russian text.

use std::path::{Path, PathBuf};

/// Diagnostics that stay in English on purpose: `(case, start of the English text, why)`.
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn excepted(case: &str, text: &str) -> bool {
    EXCEPTIONS
        .iter()
        .any(|(c, start, _)| *c == case && text.starts_with(start))
}

#[test]
fn every_record_diagnostic_of_the_fixtures_is_said_in_latvian_and_russian() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.ends_with("_base"))
        .collect();
    cases.sort();
    let mut missing = Vec::new();
    let mut seen = 0;
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let site = tempfile::tempdir().unwrap();
        copy_tree(&fixtures.join("_base"), site.path());
        copy_tree(case, site.path());
        let _ = std::fs::remove_file(site.path().join("expected.txt"));
        for d in super::validate::check(site.path()) {
            if !d.path.as_deref().is_some_and(|p| p.starts_with("content")) {
                continue;
            }
            seen += 1;
            let mut texts = vec![(d.message.clone(), false)];
            texts.extend(d.suggestion.clone().map(|s| (s, true)));
            for (text, help) in texts {
                if excepted(&name, &text) {
                    continue;
                }
                for lang in ["lv", "ru"] {
                    let said = if help {
                        super::diag::translate_help(&text, lang)
                    } else {
                        super::diag::translate(&text, lang).1
                    };
                    if said == text {
                        let kind = if help { "help" } else { "message" };
                        missing.push(format!("{name} ({lang}, {kind}): {text}"));
                    }
                }
            }
        }
    }
    assert!(seen >= 80, "only {seen} diagnostics in content/ files");
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "not translated:\n{}",
        missing.join("\n")
    );
}

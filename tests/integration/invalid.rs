//! Failure fixtures: each `tests/invalid/<case>/` holds only the files that differ from the
//! valid site `tests/invalid/_base/`, and `expected.txt`, the exact diagnostics `check` must
//! print (the warnings, when the site builds). `VESTIS_BLESS=1 cargo test --test integration invalid::` rewrites the expected files (review the diff).

use crate::common;

use std::path::Path;

use common::{copy_tree, fixture};

fn run_case(case: &Path) -> String {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&fixture("invalid", "_base"), site.path());
    copy_tree(case, site.path());
    let _ = std::fs::remove_file(site.path().join("expected.txt"));
    match vestis::check(&common::options(site.path())) {
        Ok(c) if c.rendered.warnings.is_empty() => "the site built without errors\n".into(),
        // Warnings only: the build goes ahead, `--strict` fails.
        Ok(c) => format!(
            "{}\nthe site built with warnings only\n",
            c.rendered.warnings
        ),
        Err(d) => format!("{d}\n"),
    }
}

#[test]
fn the_base_site_is_valid() {
    assert!(vestis::check(&common::options(&fixture("invalid", "_base"))).is_ok());
}

#[test]
fn every_case_prints_exactly_its_expected_diagnostics() {
    let bless = std::env::var_os("VESTIS_BLESS").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(fixture("invalid", "."))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for case in cases.iter().filter(|p| p.is_dir() && !p.ends_with("_base")) {
        count += 1;
        let actual = run_case(case);
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "--- {}\nexpected:\n{expected}\nactual:\n{actual}",
                case.display()
            ));
        }
    }
    assert!(count >= 15, "only {count} failure fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

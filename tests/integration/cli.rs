//! The `vestis` binary: exit codes, the build summary, diagnostics on stderr, and the output
//! safety rules of SPEC §4 as a user meets them.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use common::temp_copy;

fn vestis() -> Command {
    Command::cargo_bin("vestis").unwrap()
}

/// `vestis <command> --root <root>`.
fn at(command: &str, root: &Path) -> Command {
    let mut c = vestis();
    c.arg(command).arg("--root").arg(root);
    c
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn build_prints_one_summary_line_and_exits_0() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    // A copy: a build records the addresses it published in the site (`.vestis/urls.json`).
    let site = temp_copy("sites", "missing-ru");
    vestis()
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&target)
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"^built 11 pages \(lv 5, ru 4, other 2\) in \d+ ms → .+\n$")
                .unwrap(),
        );
    assert!(target.join("lv/piezimes/lv-only/index.html").is_file());
    assert!(target.join(".vestis-output").is_file());
}

#[test]
fn errors_go_to_stderr_with_a_count_and_exit_1() {
    let site = temp_copy("invalid", "_base");
    std::fs::write(
        site.path().join("content/events/stage.yaml"),
        "date: soon\ntown: rezekne\n",
    )
    .unwrap();
    at("check", site.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: content/events/stage.yaml:1:7: field `date` expects a date",
        ))
        .stderr(predicate::str::ends_with("1 error, 0 warnings\n"));
}

#[test]
fn wrong_usage_exits_2() {
    vestis().arg("biuld").assert().code(2);
    vestis().args(["build", "--no-such-flag"]).assert().code(2);
}

#[test]
fn check_writes_nothing() {
    let site = temp_copy("sites", "missing-ru");
    at("check", site.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("\nchecked 11 pages"));
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_relative_root_reads_every_file_of_the_site() {
    // `--root site` from the folder above it: every message, template and caption file is read
    // once from the site (a relative root was once joined twice, so `.ftl` files went missing).
    let site = temp_copy("sites", "missing-ru");
    let name = site.path().file_name().unwrap();
    vestis()
        .current_dir(site.path().parent().unwrap())
        .arg("check")
        .arg("--root")
        .arg(name)
        .assert()
        .success()
        .stdout(predicate::str::contains("\nchecked 11 pages"));
    vestis()
        .current_dir(site.path().join("content"))
        .arg("check")
        .arg("--root")
        .arg(Path::new("..").join("..").join(name))
        .assert()
        .success()
        .stdout(predicate::str::contains("\nchecked 11 pages"));
}

#[test]
fn check_strict_fails_on_warnings() {
    let site = temp_copy("sites", "missing-ru");
    std::fs::write(site.path().join("content/stray.txt"), "x").unwrap();
    at("check", site.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: content/stray.txt"));
    vestis()
        .args(["check", "--strict"])
        .arg("--root")
        .arg(site.path())
        .assert()
        .code(1);
}

#[test]
fn a_foreign_non_empty_directory_is_refused_and_kept() {
    let site = temp_copy("sites", "missing-ru");
    let foreign = site.path().join("public");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("precious.txt"), "keep me").unwrap();
    at("build", site.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("public"));
    assert_eq!(
        std::fs::read_to_string(foreign.join("precious.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);
}

#[test]
fn the_site_root_and_source_folders_are_refused_as_output() {
    let site = temp_copy("sites", "missing-ru");
    for bad in [".", "content", "themes/mini"] {
        let before = snapshot(site.path());
        at("build", site.path())
            .arg("--output")
            .arg(site.path().join(bad))
            .assert()
            .code(1);
        assert_eq!(
            before,
            snapshot(site.path()),
            "--output {bad} changed the site"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = temp_copy("sites", "missing-ru");
    at("build", site.path()).assert().success();
    let before = snapshot(&site.path().join("public"));
    std::fs::write(
        site.path().join("content/notes/both.lv.md"),
        "---\ntitle: [broken\n---\n",
    )
    .unwrap();
    at("build", site.path()).assert().code(1);
    assert_eq!(before, snapshot(&site.path().join("public")));
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("vestis"))
        // `.vestis/` is the site's own (the list of published addresses), not a leftover.
        .filter(|e| e.file_name() != ".vestis")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn pages_of_removed_records_disappear_on_rebuild() {
    let site = temp_copy("sites", "missing-ru");
    at("build", site.path()).assert().success();
    let page = site.path().join("public/lv/piezimes/lv-only/index.html");
    let before = std::fs::read_to_string(&page).unwrap();
    std::fs::remove_file(site.path().join("content/notes/lv-only.lv.md")).unwrap();
    at("build", site.path()).assert().success();
    // The record's page is gone; its address now holds a "gone" page (.vestis/urls.json).
    let after = std::fs::read_to_string(&page).unwrap();
    assert_ne!(before, after);
    assert!(
        after.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{after}"
    );
    assert!(
        site.path()
            .join("public/lv/piezimes/both/index.html")
            .is_file()
    );
}

#[test]
fn nothing_is_written_outside_the_output_whatever_the_content_says() {
    let site = temp_copy("sites", "missing-ru");
    std::fs::write(
        site.path().join("content/notes/both.ru.md"),
        "---\ntitle: \"x\"\nslug: \"../../../escape\"\n---\n",
    )
    .unwrap();
    at("build", site.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("slug `../../../escape`"));
    assert!(!site.path().join("public").exists());
    let mut dir = site.path().to_path_buf();
    for _ in 0..3 {
        assert!(
            !dir.join("escape").exists(),
            "something was written at {}",
            dir.display()
        );
        dir.pop();
    }
}

#[test]
fn build_refuses_a_broken_internal_link_and_writes_nothing() {
    let site = temp_copy("invalid", "_base");
    let md = site.path().join("content/events/stage.lv.md");
    std::fs::write(
        &md,
        "---\ntitle: \"Skatuve\"\n---\nSkat. [pasākums](@/events/no-such-id).\n",
    )
    .unwrap();
    // The base theme does not show bodies; this one does.
    std::fs::write(
        site.path().join("themes/t/templates/record.html"),
        "<!doctype html><html lang=\"{{ lang }}\"><title>x</title><body>{{ page.body }}</body></html>",
    )
    .unwrap();
    let out = site.path().join("public");
    at("build", site.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: content/events/stage.lv.md:4:7: broken link `@/events/no-such-id`",
        ))
        .stderr(predicate::str::ends_with("1 error, 0 warnings\n"));
    assert!(!out.exists());
}

#[test]
fn the_translation_report_is_printed_despite_errors_and_every_item_counts() {
    let site = temp_copy("invalid", "_base");
    // Unstamped translations are listed, counted and fails --strict.
    at("check", site.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "not stamped (run `vestis check --stamp`) (2):",
        ))
        .stdout(predicate::str::contains(
            "0 errors, 0 warnings; 2 translation findings\n",
        ));
    at("check", site.path()).arg("--strict").assert().code(1);
    // A broken link (an error found after loading) does not hide the report.
    let md = site.path().join("content/events/stage.lv.md");
    std::fs::write(&md, "---\ntitle: \"Skatuve\"\n---\n[x](#nowhere)\n").unwrap();
    std::fs::write(
        site.path().join("themes/t/templates/record.html"),
        "<!doctype html><html lang=\"{{ lang }}\"><title>x</title><body>{{ page.body }}</body></html>",
    )
    .unwrap();
    at("check", site.path())
        .arg("--translations")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "not stamped (run `vestis check --stamp`) (2):",
        ))
        .stderr(predicate::str::contains("broken link `#nowhere`"))
        .stderr(predicate::str::ends_with(
            "1 error, 0 warnings; 2 translation findings\n",
        ));
}

#[test]
fn a_new_record_fails_strict_until_its_placeholders_are_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    vestis()
        .arg("init")
        .arg(&site)
        .args(["--base-url", "https://balta-maja.test"])
        .assert()
        .success();
    vestis()
        .arg("--root")
        .arg(&site)
        .args(["new", "press", "--title", "Preses relīze par noslēgumu"])
        .assert()
        .success();
    vestis()
        .arg("--root")
        .arg(&site)
        .args(["check", "--stamp"])
        .assert()
        .success();
    let lv = "content/press/preses-relize-par-noslegumu.lv.md";
    let ru = "content/press/preses-relize-par-noslegumu.ru.md";
    vestis()
        .arg("--root")
        .arg(&site)
        .args(["check", "--strict"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "  ru:\n    not translated yet (placeholders) (2):\n      {ru}:2:8: the title is still the `lv` one"
        )))
        .stdout(predicate::str::contains("3 warnings; 3 translation findings"))
        .stderr(predicate::str::contains(format!(
            "warning: {lv}:7:1: the text is not written yet: it is still the placeholder `vestis new` wrote"
        )))
        .stderr(predicate::str::contains(format!(
            "warning: {ru}:8:1: the text is not translated yet"
        )));
    // `build` publishes it, with the same warnings.
    vestis()
        .arg("--root")
        .arg(&site)
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("warning: {ru}:2:8:")));
    // Written and translated: no finding left.
    std::fs::write(
        site.join(lv),
        "---\ntitle: \"Preses relīze par noslēgumu\"\n---\nProjekts ir noslēdzies.\n",
    )
    .unwrap();
    std::fs::write(
        site.join(ru),
        "---\ntitle: \"Пресс-релиз о завершении\"\n---\nПроект завершён.\n",
    )
    .unwrap();
    vestis()
        .arg("--root")
        .arg(&site)
        .args(["check", "--stamp"])
        .assert()
        .success();
    vestis()
        .arg("--root")
        .arg(&site)
        .args(["check", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 errors, 0 warnings; 0 translation findings",
        ));
}

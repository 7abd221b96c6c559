//! The render budget as a user meets it: `vestis build` stops a template that never ends, and
//! `serve` recovers once the template is fixed.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::server::{Server, write};

/// A loop `range()` notices (it is called again and again).
const NESTED_RANGE: &str = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}\
                            {% endfor %}{% endfor %}";
/// A loop nothing in vestis is called from: only the watchdog can give up on it.
const SILENT_LOOP: &str = "{% set xs = range(end=100000) %}{% for a in xs %}{% for b in xs %}\
                           {% endfor %}{% endfor %}";
const CHOOSER: &str = "themes/mini/templates/chooser.html";
const PAGE_TEMPLATE: &str = "themes/mini/templates/page.html";

fn with_timeout(root: &Path, ms: u64) {
    let site = root.join("site.yaml");
    let yaml = std::fs::read_to_string(&site).unwrap();
    std::fs::write(site, format!("{yaml}render_timeout_ms: {ms}\n")).unwrap();
}

fn build(root: &Path) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let out = assert_cmd::Command::cargo_bin("vestis")
        .unwrap()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(root.join("out"))
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), stderr, started.elapsed())
}

#[test]
fn build_stops_a_template_that_never_ends_and_names_it() {
    for (body, place) in [(NESTED_RANGE, ":1:45:"), (SILENT_LOOP, ":1:33:")] {
        let site = crate::common::temp_copy("sites", "missing-ru");
        with_timeout(site.path(), 500);
        write(&site.path().join(CHOOSER), body);
        let (code, stderr, took) = build(site.path());
        assert_eq!(code, Some(1), "{stderr}");
        let head = format!("error: {CHOOSER}{place} the page `index.html` took longer than 0.5");
        assert!(stderr.starts_with(&head), "{stderr}");
        assert!(stderr.contains("render_timeout_ms"), "{stderr}");
        assert!(!site.path().join("out").exists());
        // Limit, grace and a debug build's start on a loaded machine.
        assert!(took < Duration::from_secs(30), "{took:?}");
    }
}

#[test]
fn a_loop_in_a_template_that_pages_extend_is_reported_there() {
    let site = crate::common::temp_copy("sites", "missing-ru");
    with_timeout(site.path(), 500);
    let page = site.path().join(PAGE_TEMPLATE);
    let html = std::fs::read_to_string(&page).unwrap();
    write(
        &page,
        &html.replacen("<body>", &format!("<body>{NESTED_RANGE}"), 1),
    );
    let (code, stderr, _) = build(site.path());
    assert_eq!(code, Some(1), "{stderr}");
    // `record.html` extends `page.html`: the error is at the loop in `page.html`.
    let head = format!("error: {PAGE_TEMPLATE}:2:51: the page `");
    assert!(stderr.starts_with(&head), "{stderr}");
}

#[test]
fn serve_recovers_when_a_template_that_never_ends_is_fixed() {
    for body in [NESTED_RANGE, SILENT_LOOP] {
        let s = Server::start_with("missing-ru", &[], |root| with_timeout(root, 500));
        let record = "/lv/piezimes/both/";
        s.wait_for_page(record, 200, "Abās valodās.");
        let good = std::fs::read_to_string(s.path(PAGE_TEMPLATE)).unwrap();
        write(
            &s.path(PAGE_TEMPLATE),
            &good.replacen("<body>", &format!("<body>{body}"), 1),
        );
        s.wait_until("the timeout is reported", || {
            s.get("/__vestis/errors")
                .body
                .contains("took longer than 0.5 seconds")
        });
        // The last good site is still served meanwhile.
        assert_eq!(s.get(record).status, 200);
        write(
            &s.path(PAGE_TEMPLATE),
            &good.replace("<body>", "<body>Labots. "),
        );
        s.wait_for_page(record, 200, "Labots.");
        assert_eq!(s.get("/__vestis/errors").body, "[]");
    }
}

#[test]
fn a_newer_change_cancels_a_running_rebuild() {
    // Without the limit (an hour), only cancelling can end the stuck rebuild.
    let s = Server::start_with("missing-ru", &[], |root| with_timeout(root, 3_600_000));
    let record = "/lv/piezimes/both/";
    s.wait_for_page(record, 200, "Abās valodās.");
    let good = std::fs::read_to_string(s.path(PAGE_TEMPLATE)).unwrap();
    for (round, body) in [NESTED_RANGE, SILENT_LOOP].iter().enumerate() {
        let stuck = good.replacen("<body>", &format!("<body>{body}"), 1);
        write(&s.path(PAGE_TEMPLATE), &stuck);
        std::thread::sleep(Duration::from_millis(800));
        let fixed = format!("<body>Atcelts {round}. ");
        write(&s.path(PAGE_TEMPLATE), &good.replace("<body>", &fixed));
        s.wait_for_page(record, 200, &format!("Atcelts {round}."));
    }
}

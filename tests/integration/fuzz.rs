//! A bounded fuzz run of everything that reads an author's text: a record's `.yaml`, its
//! `.<lang>.md` (front matter + Markdown body), `site.yaml`, the YAML reader and Markdown
//! rendering. Inputs are arbitrary strings and structure-aware ones (YAML-ish lines,
//! front-matter fences, Markdown constructs, the odd bytes of real files); every case must
//! finish without a panic, within a time limit, and with diagnostics that print.
//!
//! `cargo test` runs a fixed number of cases (about ten seconds in all on a debug build);
//! `VESTIS_FUZZ_CASES=<n> cargo test --release --test fuzz` runs more.

use crate::common;

use std::path::Path;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::Config as RunConfig;

use vestis::config::Config;
use vestis::content::{LoadOptions, Site};
use vestis::diagnostics::Diagnostics;
use vestis::i18n::Locales;
use vestis::yaml::{self, Located, Node, Source};

/// Cases per property in `cargo test`.
const CASES: u32 = 512;

/// How long one case may take (a debug build on a busy 2-core machine takes milliseconds).
const CASE_LIMIT: Duration = Duration::from_secs(10);

/// The number of cases of each property: `VESTIS_FUZZ_CASES`, or `default`.
fn run_config(default: u32) -> RunConfig {
    let cases = std::env::var("VESTIS_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    RunConfig {
        cases,
        // Shrinking a failure is bounded too.
        max_shrink_time: 60_000,
        ..RunConfig::default()
    }
}

/// Runs `f` on another thread and fails when it panics or takes longer than [`CASE_LIMIT`]
/// (a hung case is left behind; the test fails instead of hanging).
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(CASE_LIMIT) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} took longer than {CASE_LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

/// Every diagnostic prints, with its file known, and the printed text stays bounded.
fn assert_printable(diagnostics: &Diagnostics, input_len: usize) {
    for d in diagnostics.items() {
        let shown = d.to_string();
        assert!(
            shown.len() <= 4 * input_len + 2_000,
            "{} bytes of diagnostics for {input_len} bytes of input:\n{shown}",
            shown.len()
        );
    }
}

/// Text pieces that trip up parsers: fences, indicators, escapes, odd characters.
fn odd_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("--- \n".to_string()),
        Just("+++\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\t".to_string()),
        Just("\0".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\u{FFFD}".to_string()),
        Just("\u{2028}".to_string()),
        Just("ā".to_string()),
        Just("ё".to_string()),
        Just("\u{0304}".to_string()),
        Just("\\".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just(": ".to_string()),
        Just("#".to_string()),
        Just("{{ x }}".to_string()),
        "\\PC{0,12}",
    ]
}

/// A YAML-ish line: a key from the schema (or not), a value of every kind, odd indentation.
fn yaml_line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("date"),
        Just("town"),
        Just("participants"),
        Just("venue"),
        Just("title"),
        Just("slug"),
        Just("summary"),
        Just("draft"),
        Just("publish_at"),
        Just("translation_of"),
        Just("dat"),
        Just("? complex"),
        Just("- item"),
        Just("<<"),
        Just(""),
    ];
    let value = prop_oneof![
        Just("2014-06-14".to_string()),
        Just("0000-01-01".to_string()),
        Just("2014-13-45".to_string()),
        Just("rezekne".to_string()),
        Just("100".to_string()),
        Just("-1".to_string()),
        Just("9007199254740993".to_string()),
        Just("1e400".to_string()),
        Just(".nan".to_string()),
        Just("~".to_string()),
        Just("yes".to_string()),
        Just("[a, [b, {c: d}]]".to_string()),
        Just("{a: 1, a: 2}".to_string()),
        Just("|\n  block\n   text".to_string()),
        Just(">-\n  folded".to_string()),
        Just("&anchor value".to_string()),
        Just("*anchor".to_string()),
        Just("!!binary aGk=".to_string()),
        Just("!custom x".to_string()),
        Just("'single ''quoted'''".to_string()),
        Just("\"esc \\u0000 \\x41 \\\"\"".to_string()),
        Just("\"unterminated".to_string()),
        Just("[[[[[[[[[[[[[[[[".to_string()),
        Just("../../etc/passwd".to_string()),
        Just("photo.jpg".to_string()),
        odd_piece(),
    ];
    let indent = prop_oneof![Just(""), Just(""), Just("  "), Just("\t"), Just("    ")];
    (indent, key, value).prop_map(|(i, k, v)| format!("{i}{k}: {v}\n"))
}

/// YAML text: mostly lines, some odd pieces between them.
fn yaml_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![4 => yaml_line(), 1 => odd_piece()];
    proptest::collection::vec(part, 0..16).prop_map(|parts| parts.concat())
}

/// A Markdown construct, with its odd variants.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Heading\n".to_string()),
        Just("## Programma\n\n".to_string()),
        Just("## Programma {#custom .wide}\n".to_string()),
        Just("Setext\n===\n".to_string()),
        Just("[link](https://example.org)".to_string()),
        Just("[rel](../towns/rezekne)".to_string()),
        Just("[anchor](#programma)".to_string()),
        Just("[ref][r]\n\n[r]: /x \"t\"\n".to_string()),
        Just("![img](photo.jpg \"title\")".to_string()),
        Just("<https://a.b>".to_string()),
        Just("<me@example.org>".to_string()),
        Just("<a href=\"x\">raw</a>".to_string()),
        Just("<script>alert(1)</script>\n".to_string()),
        Just("<!-- comment".to_string()),
        Just("```rust\ncode\n".to_string()),
        Just("```\n".to_string()),
        Just("    indented code\n".to_string()),
        Just("> quote\n> > nested\n".to_string()),
        Just("- item\n  - sub\n".to_string()),
        Just("1. one\n2) two\n".to_string()),
        Just("- [ ] task\n- [x] done\n".to_string()),
        Just("| a | b |\n|---|:-:|\n| 1 | 2 |\n".to_string()),
        Just("text[^1]\n\n[^1]: note\n".to_string()),
        Just("***\n".to_string()),
        Just("~~strike~~ *em* **strong** `code`".to_string()),
        Just("&amp; &#0; &#x110000; &bogus;".to_string()),
        Just("\\*escaped\\*".to_string()),
        Just("[".repeat(40)),
        Just("*".repeat(40)),
        Just("> ".repeat(40)),
        odd_piece(),
    ]
}

fn markdown_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![3 => markdown_piece(), 1 => "\\PC{0,20}"];
    proptest::collection::vec(part, 0..24).prop_map(|parts| parts.concat())
}

/// A `.<lang>.md` file: front matter (closed, unclosed or missing) and a body.
fn md_file() -> impl Strategy<Value = String> {
    let open = prop_oneof![4 => Just("---\n"), 1 => Just(""), 1 => Just("---\r\n"), 1 => Just("\u{FEFF}---\n")];
    let close =
        prop_oneof![4 => Just("---\n"), 1 => Just(""), 1 => Just("--- \n"), 1 => Just("...\n")];
    let title = prop_oneof![3 => Just("title: \"Skatuve\"\n"), 1 => Just("")];
    (open, title, yaml_text(), close, markdown_text())
        .prop_map(|(o, t, y, c, body)| format!("{o}{t}{y}{c}{body}"))
}

/// A site to load records into: the valid base site of the failure fixtures, its
/// configuration and messages read once.
struct Fixture {
    dir: tempfile::TempDir,
    config: Arc<Config>,
    locales: Arc<Locales>,
}

fn fixture() -> Fixture {
    let dir = common::temp_copy("invalid", "_base");
    let config = Config::load(dir.path()).unwrap();
    let languages = config.language_codes();
    let locales = Locales::load(&config.files, &config.theme_dir(), &languages).unwrap();
    Fixture {
        dir,
        config: Arc::new(config),
        locales: Arc::new(locales),
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).unwrap();
}

/// A record's `.yaml` and `.lv.md` of any shape load, or fail with diagnostics that print.
/// (One site for all cases: each case rewrites the same three files.)
#[test]
fn any_record_files_load_or_fail_cleanly() {
    let site = fixture();
    let root = site.dir.path();
    let mut runner = proptest::test_runner::TestRunner::new(run_config(CASES));
    let files = (yaml_text(), md_file(), any::<String>());
    let result = runner.run(&files, |(yaml, lv, raw)| {
        write(root, "content/events/stage.yaml", &yaml);
        write(root, "content/events/stage.lv.md", &lv);
        write(root, "content/towns/rezekne.ru.md", &raw);
        let (config, locales) = (site.config.clone(), site.locales.clone());
        let result = bounded("loading the records", move || {
            let options = LoadOptions {
                drafts: true,
                now: jiff::Timestamp::UNIX_EPOCH,
            };
            Site::load(&config, &locales, &options, None).map(|(_, warnings)| warnings)
        });
        let problems = match result {
            Ok(warnings) => warnings,
            Err(errors) => {
                prop_assert!(errors.has_errors());
                errors
            }
        };
        assert_printable(&problems, yaml.len() + lv.len() + raw.len());
        for d in problems.items() {
            prop_assert!(d.path.is_some(), "a record problem without its file: {d}");
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// `site.yaml` with odd lines added loads or fails with diagnostics that print.
#[test]
fn any_site_yaml_loads_or_fails_cleanly() {
    let site = fixture();
    let root = site.dir.path().to_path_buf();
    let base = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(run_config(CASES));
    let result = runner.run(&(yaml_text(), any::<bool>()), |(extra, at_end)| {
        let text = if at_end {
            format!("{base}{extra}")
        } else {
            format!("{extra}{base}")
        };
        write(&root, "site.yaml", &text);
        let dir = root.clone();
        let result = bounded("reading site.yaml", move || Config::load(&dir).map(|_| ()));
        if let Err(errors) = result {
            prop_assert!(errors.has_errors());
            assert_printable(&errors, text.len());
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

proptest! {
    // Cheap cases (no files): many more of them.
    #![proptest_config(run_config(8 * CASES))]

    /// Any Markdown renders: no NUL reaches the HTML, derived heading ids are unique, link
    /// positions lie in the source.
    #[test]
    fn any_markdown_renders(text in prop_oneof![markdown_text(), any::<String>()]) {
        let input = text.clone();
        let (out, inline) = bounded("rendering Markdown", move || {
            (vestis::markdown::render(&input), vestis::markdown::render_inline(&input))
        });
        prop_assert!(!out.html.text().contains('\0') && !inline.contains('\0'));
        let mut ids = std::collections::HashSet::new();
        for h in &out.headings {
            prop_assert!(!h.id.is_empty());
            // Only an explicit `{#id}` may repeat.
            prop_assert!(ids.insert(h.id.clone()) || text.contains(&format!("{{#{}", h.id)), "{h:?}");
        }
        for link in &out.links {
            prop_assert!(link.offset <= text.len() && text.is_char_boundary(link.offset));
            prop_assert!(link.line >= 1 && link.col >= 1);
        }
    }

    /// The YAML reader answers any text with a value or a located error that prints.
    #[test]
    fn any_yaml_parses_or_fails_cleanly(text in prop_oneof![yaml_text(), any::<String>()]) {
        let input = text.clone();
        let result = bounded("reading YAML", move || {
            let line_starts = std::cell::OnceCell::new();
            let source = Source::new(Path::new("x.yaml"), &input, 0, &line_starts);
            yaml::parse::<Located<Node>>(&input, source).map(|_| ()).map_err(Diagnostics::from)
        });
        if let Err(d) = result {
            assert_printable(&d, text.len());
        }
    }
}

//! The watcher never goes blind: folders replaced as a backup restore does, editors' atomic
//! saves, and edits made while a rebuild runs all reach the served page.

use std::path::Path;
use std::time::Duration;

use crate::server::{Server, write};

const RECORD: &str = "/lv/piezimes/both/";
const RECORD_LV: &str = "content/notes/both.lv.md";

fn text(body: &str) -> String {
    format!("---\ntitle: \"Abi\"\n---\n{body}\n")
}

/// `rm -rf <dir> && cp -a <backup> <dir>`, by the shell where there is one (`cp -a` keeps
/// the backup's modification times, as a restore does).
fn replace_folder(dir: &Path, backup: &Path) {
    if cfg!(unix) {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(r#"rm -rf "$1" && cp -a "$2" "$1""#)
            .args([
                "sh",
                &dir.display().to_string(),
                &backup.display().to_string(),
            ])
            .status()
            .unwrap();
        assert!(status.success());
    } else {
        std::fs::remove_dir_all(dir).unwrap();
        crate::common::copy_tree(backup, dir);
    }
}

#[test]
fn eight_restores_of_the_content_folder_each_followed_by_an_edit_are_all_seen() {
    restores_then_edits(&[], 8);
}

#[test]
fn restores_are_seen_when_polling_too() {
    restores_then_edits(&["--poll"], 3);
}

fn restores_then_edits(args: &[&str], rounds: usize) {
    let s = Server::start("missing-ru", args);
    let content = s.path("content");
    let backup = s.path("content.bak");
    crate::common::copy_tree(&content, &backup);
    for round in 1..=rounds {
        replace_folder(&content, &backup);
        if round % 2 == 0 {
            // Wait for the restore to show first (the edit then comes in its own batch).
            s.wait_for_page(RECORD, 200, "Abās valodās.");
        }
        write(&s.path(RECORD_LV), &text(&format!("Labojums {round}.")));
        s.wait_for_page(RECORD, 200, &format!("Labojums {round}."));
    }
}

#[test]
fn the_other_source_folders_can_be_restored_too() {
    let s = Server::start("full", &[]);
    for folder in ["static", "themes", "locales"] {
        let dir = s.path(folder);
        let backup = s.path(&format!("{folder}.bak"));
        crate::common::copy_tree(&dir, &backup);
        for round in 1..=3 {
            replace_folder(&dir, &backup);
            let css = format!("h1 {{ color: #00{round}; }} /* {folder} */\n");
            write(&s.path("static/site.css"), &css);
            s.wait_until(&format!("{folder} round {round} is served"), || {
                s.get("/site.css").body.contains(&css)
            });
        }
    }
    // A template edit after the themes were restored is seen.
    let page = s.path("themes/test/templates/base.html");
    let html = std::fs::read_to_string(&page).unwrap();
    write(&page, &html.replacen("<body", "<!-- atjaunots --><body", 1));
    s.wait_for_page("/lv/", 200, "atjaunots");
}

#[test]
fn atomic_saves_through_a_temporary_file_are_seen() {
    let s = Server::start("missing-ru", &[]);
    let target = s.path(RECORD_LV);
    for (i, temp) in [
        "content/notes/both.lv.md.tmp.4711",
        "content/notes/.goutputstream-ABC123",
        "content/notes/.both.lv.md.swp",
        "content/.both.lv.md.new",
    ]
    .iter()
    .enumerate()
    {
        let temp = s.path(temp);
        write(&temp, &text(&format!("Saglabāts {i}.")));
        std::fs::rename(&temp, &target).unwrap();
        s.wait_for_page(RECORD, 200, &format!("Saglabāts {i}."));
    }
}

#[test]
fn an_edit_made_while_a_rebuild_runs_is_seen() {
    // A theme slow enough (a rebuild takes ~0.5 s in a debug build) that the second edit
    // lands while the first one's rebuild runs: that rebuild is cancelled, the newest wins.
    let slow =
        "{% for a in range(end=3000) %}{% for b in range(end=1000) %}{% endfor %}{% endfor %}";
    let s = Server::start_with("missing-ru", &[], |root| {
        let page = root.join("themes/mini/templates/page.html");
        let html = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, html.replacen("<body>", &format!("<body>{slow}"), 1)).unwrap();
    });
    for round in 1..=3 {
        write(&s.path(RECORD_LV), &text(&format!("Pirmais {round}.")));
        std::thread::sleep(Duration::from_millis(100 * round));
        write(&s.path(RECORD_LV), &text(&format!("Otrais {round}.")));
        s.wait_for_page(RECORD, 200, &format!("Otrais {round}."));
    }
}

/// A FIFO among the records blocks whoever opens it for reading (until the `fs` work makes
/// reads non-blocking, a rebuild does): once it is gone, rebuilding must go on.
#[cfg(unix)]
#[test]
fn a_fifo_that_appears_and_goes_does_not_freeze_rebuilding() {
    let s = Server::start("missing-ru", &[]);
    let fifo = s.path("content/notes/stuck.lv.md");
    for round in 1..=2 {
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        std::thread::sleep(Duration::from_millis(500));
        std::fs::remove_file(&fifo).unwrap();
        write(&s.path(RECORD_LV), &text(&format!("Pēc caurules {round}.")));
        s.wait_for_page(RECORD, 200, &format!("Pēc caurules {round}."));
    }
}

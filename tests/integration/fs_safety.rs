//! What vestis reads from a site folder that holds more than ordinary files: named pipes,
//! devices, huge files and symbolic links (in and out of the site), in `check`, `build`,
//! `check --stamp` and serve's rebuild path; and the `theme:` setting as a plain folder name.
//!
//! Pipes and links cannot live in git reliably, so each test makes them in a temporary copy
//! of `tests/invalid/_base`. Every run of the binary has a time limit: a regression that hangs
//! fails instead of blocking the test run.

#![cfg(unix)]

use crate::common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

use common::{copy_tree, fixture};

/// The longest any run may take; each finishes in well under a second when nothing hangs.
const LIMIT: Duration = Duration::from_secs(60);

/// A temporary folder with the valid site in `site/` and room beside it for "outside" files.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture("invalid", "_base"), &dir.path().join("site"));
        Fixture { dir }
    }

    fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// A file outside the site, with its resolved path (as messages show it).
    fn outside(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path.canonicalize().unwrap()
    }

    /// Appends to (or creates) a file of the site.
    fn append(&self, rel: &str, text: &str) {
        let path = self.site().join(rel);
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, old + text).unwrap();
    }

    fn link(&self, target: impl AsRef<Path>, rel: &str) {
        let path = self.site().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, path).unwrap();
    }

    fn fifo(&self, rel: &str) {
        let path = self.site().join(rel);
        let _ = std::fs::remove_file(&path);
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success(), "mkfifo failed");
    }

    /// Runs `vestis <args> --root <site>` within [`LIMIT`]: exit code and stderr, with the
    /// temporary folder written as `<tmp>`.
    fn run(&self, args: &[&str]) -> (i32, String) {
        let output = Command::cargo_bin("vestis")
            .unwrap()
            .args(args)
            .arg("--root")
            .arg(self.site())
            .timeout(LIMIT)
            .output()
            .expect("vestis ran");
        let code = output
            .status
            .code()
            .expect("vestis finished within the time limit");
        let tmp = self.dir.path().canonicalize().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr)
            .replace(tmp.to_str().unwrap(), "<tmp>")
            .replace(self.dir.path().to_str().unwrap(), "<tmp>");
        (code, stderr)
    }

    /// `vestis check`, which must fail: its diagnostics.
    fn check_fails(&self) -> String {
        let (code, stderr) = self.run(&["check"]);
        assert_eq!(code, 1, "{stderr}");
        stderr
    }
}

const OUTSIDE_HELP: &str = "  = help: copy the file into the site folder instead of linking to it, or write `follow_external_links: true` in site.yaml if you trust where it points\n";

#[test]
fn a_named_pipe_as_a_record_is_refused_without_waiting() {
    let f = Fixture::new();
    f.fifo("content/towns/f.lv.md");
    assert_eq!(
        f.check_fails(),
        "error: content/towns/f.lv.md: `f.lv.md` is a named pipe (FIFO), not an ordinary file\n  = help: vestis reads only ordinary files here: remove it, or put a saved file in its place\n\n1 error, 0 warnings\n"
    );
    let (code, stderr) = f.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("`f.lv.md` is a named pipe (FIFO)"),
        "{stderr}"
    );
}

#[test]
fn named_pipes_in_static_templates_and_locales_are_refused_together() {
    let f = Fixture::new();
    std::fs::create_dir_all(f.site().join("static")).unwrap();
    f.fifo("static/pipe.css");
    f.fifo("themes/t/templates/pipe.html");
    let pipe = |path: &str| {
        let name = Path::new(path)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        format!(
            "error: {path}: `{name}` is a named pipe (FIFO), not an ordinary file\n  = help: vestis reads only ordinary files here: remove it, or put a saved file in its place\n\n"
        )
    };
    assert_eq!(
        f.check_fails(),
        format!(
            // The content loaded, so the translation report is made and counted too.
            "{}{}2 errors, 0 warnings; 2 translation findings\n",
            pipe("static/pipe.css"),
            pipe("themes/t/templates/pipe.html")
        )
    );
    f.fifo("locales/lv/pipe.ftl");
    assert_eq!(
        f.check_fails(),
        format!("{}1 error, 0 warnings\n", pipe("locales/lv/pipe.ftl"))
    );
}

#[test]
fn a_named_pipe_as_site_yaml_is_refused_without_waiting() {
    let f = Fixture::new();
    f.fifo("site.yaml");
    assert_eq!(
        f.check_fails(),
        "error: site.yaml: `site.yaml` is a named pipe (FIFO), not an ordinary file\n  = help: vestis reads only ordinary files here: remove it, or put a saved file in its place\n\n1 error, 0 warnings\n"
    );
}

#[test]
fn site_yaml_must_be_in_the_site() {
    let f = Fixture::new();
    let text = std::fs::read_to_string(f.site().join("site.yaml")).unwrap();
    let outside = f.outside("shared/site.yaml", &text);
    std::fs::remove_file(f.site().join("site.yaml")).unwrap();
    f.link(&outside, "site.yaml");
    assert_eq!(
        f.check_fails(),
        "error: site.yaml: `site.yaml` is a link to a file outside the site: <tmp>/shared/site.yaml\n  = help: copy site.yaml into the site folder: it cannot be a link to a file elsewhere\n\n1 error, 0 warnings\n"
    );
    // A link from inside the site is followed.
    std::fs::remove_file(f.site().join("site.yaml")).unwrap();
    std::fs::write(f.site().join("settings.yaml"), text).unwrap();
    f.link("settings.yaml", "site.yaml");
    let (code, stderr) = f.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_link_to_dev_zero_is_refused_and_never_read_without_bound() {
    let f = Fixture::new();
    f.link("/dev/zero", "content/towns/z.lv.md");
    assert_eq!(
        f.check_fails(),
        format!(
            "error: content/towns/z.lv.md: `z.lv.md` is a link to a file outside the site: /dev/zero\n{OUTSIDE_HELP}\n1 error, 0 warnings\n"
        )
    );
    // Trusted links may leave the site, but a device is still not a file.
    f.append("site.yaml", "follow_external_links: true\n");
    assert_eq!(
        f.check_fails(),
        "error: content/towns/z.lv.md: `z.lv.md` is a device, not an ordinary file\n  = help: vestis reads only ordinary files here: remove it, or put a saved file in its place\n\n1 error, 0 warnings\n"
    );
}

#[test]
fn a_record_file_linked_out_of_the_site_is_not_published() {
    let f = Fixture::new();
    let secret = f.outside("secret/passwd", "root:x:0:0\n");
    let yaml = std::fs::read_to_string(f.site().join("site.yaml"))
        .unwrap()
        .replace(
            "      venue:",
            "      photo:        { type: file }\n      venue:",
        );
    std::fs::write(f.site().join("site.yaml"), yaml).unwrap();
    f.append("content/events/stage.yaml", "photo: photo.jpg\n");
    f.link(&secret, "content/events/stage/photo.jpg");
    let (code, stderr) = f.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: content/events/stage/photo.jpg: `photo.jpg` is a link to a file outside the site: <tmp>/secret/passwd\n{OUTSIDE_HELP}\n1 error, 0 warnings\n"
        )
    );
    assert!(!f.site().join("public").exists());
    // Opted in, the same link is published.
    f.append("site.yaml", "follow_external_links: true\n");
    let (code, stderr) = f.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let media: Vec<PathBuf> = walkdir::WalkDir::new(f.site().join("public"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "photo.jpg")
        .map(|e| e.into_path())
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    assert_eq!(std::fs::read_to_string(&media[0]).unwrap(), "root:x:0:0\n");
}

#[test]
fn static_links_out_of_the_site_or_into_content_are_refused() {
    let f = Fixture::new();
    let secret = f.outside("passwd", "root:x:0:0\n");
    f.append("static/style.css", "body {}\n");
    f.link(&secret, "static/passwd.txt");
    f.link("../content", "static/src");
    f.link("style.css", "static/copy.css");
    let (code, stderr) = f.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: static/passwd.txt: `passwd.txt` is a link to a file outside the site: <tmp>/passwd\n{OUTSIDE_HELP}\nerror: static/src: `src` is a link to `content`, a source of the site, which is never published\n  = help: remove the link; to publish a record's file, put it in the record's folder and name it in a `file` or `image` field\n\n2 errors, 0 warnings\n"
        )
    );
    // Opting in to outside links never publishes the sources.
    f.append("site.yaml", "follow_external_links: true\n");
    std::fs::remove_file(f.site().join("static/src")).unwrap();
    f.link("../content/events/stage.yaml", "static/stage.yaml");
    let (code, stderr) = f.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: static/stage.yaml: `stage.yaml` is a link to `content/events/stage.yaml`, a source of the site, which is never published"),
        "{stderr}"
    );
    std::fs::remove_file(f.site().join("static/stage.yaml")).unwrap();
    let (code, stderr) = f.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let public = f.site().join("public");
    assert_eq!(
        std::fs::read_to_string(public.join("passwd.txt")).unwrap(),
        "root:x:0:0\n"
    );
    // A link inside the site is followed.
    assert_eq!(
        std::fs::read_to_string(public.join("copy.css")).unwrap(),
        "body {}\n"
    );
}

#[test]
fn serves_rebuild_path_refuses_the_same_links() {
    let f = Fixture::new();
    let secret = f.outside("passwd", "root:x:0:0\n");
    f.link(&secret, "static/passwd.txt");
    let options = common::options(&f.site());
    let mut cache = vestis::Cache::new();
    let problems = match vestis::render_site_cached(&options, &mut cache) {
        Ok(_) => panic!("a link out of the site was published"),
        Err(d) => d.to_string(),
    };
    assert!(
        problems.contains("`passwd.txt` is a link to a file outside the site"),
        "{problems}"
    );
}

#[test]
fn linked_themes_and_locales_must_stay_in_the_site() {
    let f = Fixture::new();
    let site = f.site();
    let elsewhere = f.dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::rename(site.join("themes/t"), elsewhere.join("t")).unwrap();
    std::fs::rename(site.join("locales/lv"), elsewhere.join("lv")).unwrap();
    f.link(elsewhere.join("t"), "themes/t");
    f.link(elsewhere.join("lv"), "locales/lv");
    assert_eq!(
        f.check_fails(),
        "error: themes/t: `t` is a link to a folder outside the site: <tmp>/elsewhere/t\n  = help: copy the folder into the site folder instead of linking to it, or write `follow_external_links: true` in site.yaml if you trust where it points\n\n1 error, 0 warnings\n"
    );
    // A theme linked from inside the site is fine; the locales are still outside.
    std::fs::remove_file(site.join("themes/t")).unwrap();
    std::fs::create_dir_all(site.join("shared")).unwrap();
    std::fs::rename(elsewhere.join("t"), site.join("shared/t")).unwrap();
    f.link("../shared/t", "themes/t");
    assert_eq!(
        f.check_fails(),
        format!(
            "error: locales/lv/site.ftl: `site.ftl` is a link to a file outside the site: <tmp>/elsewhere/lv/site.ftl\n{OUTSIDE_HELP}\n1 error, 0 warnings\n"
        )
    );
    f.append("site.yaml", "follow_external_links: true\n");
    let (code, stderr) = f.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn stamping_never_writes_through_a_link_out_of_the_site() {
    let f = Fixture::new();
    let site = f.site();
    let original = std::fs::read_to_string(site.join("content/towns/rezekne.ru.md")).unwrap();
    let outside = f.outside("rezekne.ru.md", &original);
    std::fs::remove_file(site.join("content/towns/rezekne.ru.md")).unwrap();
    f.link(&outside, "content/towns/rezekne.ru.md");
    let (code, stderr) = f.run(&["check", "--stamp"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: content/towns/rezekne.ru.md: `rezekne.ru.md` is a link to a file outside the site: <tmp>/rezekne.ru.md\n{OUTSIDE_HELP}\n1 error, 0 warnings\n"
        )
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), original);
    // Opted in, the stamp is written into the file the link points to; the link stays.
    f.append("site.yaml", "follow_external_links: true\n");
    let (code, stderr) = f.run(&["check", "--stamp"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(&outside)
            .unwrap()
            .contains("translation_of: ")
    );
    let link = site.join("content/towns/rezekne.ru.md");
    assert!(
        std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_record_linked_from_inside_the_site_is_read() {
    let f = Fixture::new();
    let site = f.site();
    std::fs::create_dir_all(site.join("drafts")).unwrap();
    std::fs::rename(
        site.join("content/towns/rezekne.lv.md"),
        site.join("drafts/rezekne.lv.md"),
    )
    .unwrap();
    f.link("../../drafts/rezekne.lv.md", "content/towns/rezekne.lv.md");
    let (code, stderr) = f.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
}

fn with_theme(f: &Fixture, theme: &str) {
    let yaml = std::fs::read_to_string(f.site().join("site.yaml"))
        .unwrap()
        .replace("theme: t\n", &format!("theme: {theme}\n"));
    std::fs::write(f.site().join("site.yaml"), yaml).unwrap();
}

fn restore_site_yaml(f: &Fixture) {
    let base = fixture("invalid", "_base").join("site.yaml");
    std::fs::copy(base, f.site().join("site.yaml")).unwrap();
}

#[test]
fn the_theme_is_a_folder_name_under_themes() {
    let f = Fixture::new();
    std::fs::create_dir_all(f.site().join("themes/plain/templates")).unwrap();
    for (theme, shown) in [("\"/abs/path\"", "/abs/path"), ("\"../..\"", "../..")] {
        with_theme(&f, theme);
        assert_eq!(
            f.check_fails(),
            format!(
                "error: site.yaml:6:8: `theme` must be the name of a folder in `themes/`, found `{shown}`\n  |\n6 | theme: {theme}\n  |        ^\n  = help: write only the folder's name, without `/` or `..`; the site's themes are `plain`, `t`\n\n1 error, 0 warnings\n"
            )
        );
        let (code, stderr) = f.run(&["build"]);
        assert_eq!(code, 1, "{stderr}");
        restore_site_yaml(&f);
    }
    with_theme(&f, "plian");
    assert_eq!(
        f.check_fails(),
        "error: site.yaml:6:8: there is no theme `plian`: the folder `themes/plian` does not exist\n  |\n6 | theme: plian\n  |        ^\n  = help: did you mean `plain`?\n\n1 error, 0 warnings\n"
    );
    restore_site_yaml(&f);
    with_theme(&f, "zzz");
    assert_eq!(
        f.check_fails(),
        "error: site.yaml:6:8: there is no theme `zzz`: the folder `themes/zzz` does not exist\n  |\n6 | theme: zzz\n  |        ^\n  = help: the site's themes are `plain`, `t`\n\n1 error, 0 warnings\n"
    );
}

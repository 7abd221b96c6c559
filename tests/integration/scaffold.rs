//! The authoring commands as a user meets them: `vestis init` writes a site that checks and
//! builds; `vestis new` writes records that build for every collection of a site, derives ids
//! from titles, and never overwrites anything.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use vestis::config::Config;

use common::{copy_tree, temp_copy};

fn vestis() -> Command {
    Command::cargo_bin("vestis").unwrap()
}

fn new_record(root: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    vestis()
        .arg("--root")
        .arg(root)
        .arg("new")
        .args(args)
        .assert()
}

fn build(root: &Path) {
    vestis()
        .arg("--root")
        .arg(root)
        .arg("build")
        .assert()
        .success();
}

/// The output file of a record's page in `lang` (its slug is its id).
fn record_page(config: &Config, lang: &str, collection: &str, id: &str) -> PathBuf {
    let segment = config.collections[collection].path_in(lang);
    let mut path = config.output_dir.join(lang);
    if !segment.is_empty() {
        path.push(segment);
    }
    path.join(id).join("index.html")
}

/// `vestis new` for every collection of the site at `root`, then a build in which every new
/// record has its page in every language.
fn new_record_in_every_collection_builds(root: &Path) {
    let config = Config::load(root).unwrap_or_else(|d| panic!("{d}"));
    for name in config.collections.keys() {
        new_record(root, &[name.as_str(), &format!("scaffold-{name}")])
            .success()
            .stdout(predicate::str::contains(format!("created content/{name}/")));
    }
    build(root);
    for name in config.collections.keys() {
        for lang in config.language_codes() {
            let page = record_page(&config, &lang, name, &format!("scaffold-{name}"));
            assert!(page.is_file(), "no page {}", page.display());
        }
    }
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

#[test]
fn init_with_a_base_url_writes_a_site_that_passes_check_strict_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    vestis()
        .arg("init")
        .arg(&site)
        .args(["--base-url", "https://www.biedriba-kopa.lv/"])
        .assert()
        .success()
        .stdout(predicate::str::contains("created a new site"))
        .stdout(predicate::str::contains("note:").not());
    assert!(read(site.join("site.yaml")).contains("base_url: \"https://www.biedriba-kopa.lv\""));
    vestis()
        .arg("--root")
        .arg(&site)
        .args(["check", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 errors, 0 warnings; 0 translation findings",
        ));
    build(&site);
    let home = read(site.join("public/lv/index.html"));
    assert!(home.contains("Atvērto durvju diena Daugavpilī"), "{home}");
    assert!(home.contains("https://www.biedriba-kopa.lv/lv/"), "{home}");
    assert!(
        site.join("public/ru/meropriyatiya/teatralnoe-shou-v-rezekne/index.html")
            .is_file()
    );
    assert!(site.join("public/ru/o-proekte/index.html").is_file());
}

#[test]
fn init_without_a_base_url_says_strict_fails_until_it_is_set() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    vestis()
        .arg("init")
        .arg(&site)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "`vestis check --strict` fails until you write there the address",
        ));
    // It builds (with a warning) but does not pass --strict.
    vestis()
        .arg("--root")
        .arg(&site)
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: site.yaml:5:11: `base_url` is still the placeholder `https://example.org`",
        ));
    vestis()
        .arg("--root")
        .arg(&site)
        .args(["check", "--strict"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`base_url` is still the placeholder",
        ));
}

#[test]
fn init_refuses_a_base_url_that_is_not_an_address() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    vestis()
        .arg("init")
        .arg(&site)
        .args(["--base-url", "www.biedriba-kopa.lv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not the address of a web site"));
    assert!(!site.exists());
}

#[test]
fn init_ships_the_repositorys_default_theme() {
    let tmp = tempfile::tempdir().unwrap();
    vestis().arg("init").arg(tmp.path()).assert().success();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&theme).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let rel = entry.path().strip_prefix(&theme).unwrap();
        let copy = tmp.path().join("themes/default").join(rel);
        assert_eq!(
            std::fs::read(entry.path()).unwrap(),
            std::fs::read(&copy).unwrap_or_default(),
            "{} differs",
            rel.display()
        );
        count += 1;
    }
    assert!(count > 0, "the repository has no themes/default");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    vestis()
        .arg("init")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not empty"));
    assert!(!tmp.path().join("site.yaml").exists());
}

#[test]
fn new_in_every_collection_of_the_full_fixture_builds() {
    let site = temp_copy("sites", "full");
    new_record_in_every_collection_builds(site.path());
}

#[test]
fn new_in_every_collection_of_the_sample_site_builds() {
    let tmp = tempfile::tempdir().unwrap();
    vestis().arg("init").arg(tmp.path()).assert().success();
    new_record_in_every_collection_builds(tmp.path());
}

/// The repository is itself an example site (SPEC §1): whatever collections its site.yaml
/// declares, a new record in each must build.
#[test]
fn new_in_every_collection_of_the_example_site_builds() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !repo.join("site.yaml").is_file() {
        eprintln!("skipped: the repository has no site.yaml yet");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("site.yaml"), tmp.path().join("site.yaml")).unwrap();
    for dir in ["content", "locales", "themes", "static"] {
        if repo.join(dir).is_dir() {
            copy_tree(&repo.join(dir), &tmp.path().join(dir));
        }
    }
    new_record_in_every_collection_builds(tmp.path());
}

#[test]
fn new_fills_required_fields_and_comments_out_optional_ones() {
    let site = temp_copy("sites", "full");
    new_record(site.path(), &["events", "harvest-fair"]).success();
    let yaml = read(site.path().join("content/events/harvest-fair.yaml"));
    assert!(yaml.contains("\ntown: cesis "), "first town by id:\n{yaml}");
    assert!(yaml.contains("\n# kind: show "), "optional enum:\n{yaml}");
    assert!(yaml.contains("# required"), "{yaml}");
    assert!(
        predicate::str::is_match(r"\n# participants: 0 +# int, min 0\n")
            .unwrap()
            .eval(&yaml),
        "{yaml}"
    );
    assert!(yaml.contains("\n# draft: true "), "{yaml}");
    assert!(
        !yaml.contains("venue"),
        "localized fields belong in the .md:\n{yaml}"
    );
    let lv = read(site.path().join("content/events/harvest-fair.lv.md"));
    assert!(lv.starts_with("---\ntitle: "), "{lv}");
    assert!(lv.contains("\n# venue: "), "{lv}");
    assert!(lv.contains("\n# photo_alt: "), "{lv}");
    let ru = read(site.path().join("content/events/harvest-fair.ru.md"));
    assert!(ru.contains("\ntranslation_of:"), "{ru}");
}

#[test]
fn new_writes_no_yaml_for_a_collection_without_neutral_fields() {
    let site = temp_copy("sites", "full");
    new_record(site.path(), &["towns", "valmiera", "--title", "Valmiera"])
        .success()
        .stdout("created content/towns/valmiera.lv.md\ncreated content/towns/valmiera.ru.md\n");
    assert!(!site.path().join("content/towns/valmiera.yaml").exists());
}

#[test]
fn new_derives_the_id_from_the_title() {
    let site = temp_copy("sites", "full");
    new_record(
        site.path(),
        &["events", "--title", "Integrācijas skatuve Rēzeknē"],
    )
    .success()
    .stdout(predicate::str::contains(
        "created content/events/integracijas-skatuve-rezekne.yaml",
    ));
    build(site.path());
    let page = read(
        site.path()
            .join("public/lv/pasakumi/integracijas-skatuve-rezekne/index.html"),
    );
    assert!(
        page.contains("<h1>Integrācijas skatuve Rēzeknē</h1>"),
        "{page}"
    );
}

#[test]
fn new_quotes_any_title_safely() {
    let site = temp_copy("sites", "full");
    let title = "Teātris: \"Sols\" # 1 \\ <b>";
    new_record(site.path(), &["plays", "sols", "--title", title]).success();
    build(site.path());
    let page = read(site.path().join("public/lv/izrades/sols/index.html"));
    assert!(
        page.contains("Teātris: &quot;Sols&quot; # 1 \\ &lt;b&gt;"),
        "{page}"
    );
}

#[test]
fn new_refuses_to_overwrite_and_writes_nothing() {
    let site = temp_copy("sites", "full");
    let dir = site.path().join("content/events");
    // Only the Russian text exists: the other files must not be written either.
    std::fs::write(dir.join("new-stage.ru.md"), "---\ntitle: Сцена\n---\n").unwrap();
    new_record(site.path(), &["events", "new-stage"])
        .code(1)
        .stderr(predicate::str::contains("content/events/new-stage.ru.md"));
    assert!(!dir.join("new-stage.yaml").exists());
    assert!(!dir.join("new-stage.lv.md").exists());
    new_record(site.path(), &["events", "rezekne-stage"])
        .code(1)
        .stderr(
            predicate::str::contains("rezekne-stage.lv.md")
                .or(predicate::str::contains("rezekne-stage.yaml")),
        );
    assert!(read(dir.join("rezekne-stage.yaml")).starts_with("date: 2014-06-14"));
}

#[test]
fn new_suggests_the_closest_collection() {
    let site = temp_copy("sites", "full");
    new_record(site.path(), &["evnts", "x"])
        .code(2)
        .stderr(predicate::str::contains("no collection `evnts`"))
        .stderr(predicate::str::contains("did you mean `events`?"));
}

#[test]
fn new_refuses_an_invalid_id_and_suggests_a_slug() {
    let site = temp_copy("sites", "full");
    new_record(site.path(), &["events", "Rēzeknes Skatuve"])
        .code(2)
        .stderr(predicate::str::contains("use `rezeknes-skatuve`"));
    new_record(site.path(), &["events", "../escape"])
        .code(2)
        .stderr(predicate::str::contains("use `escape`"));
    new_record(site.path(), &["events"])
        .code(2)
        .stderr(predicate::str::contains("needs an id or a `--title`"));
    assert!(!site.path().join("escape.yaml").exists());
    assert!(!site.path().join("content/escape.yaml").exists());
}

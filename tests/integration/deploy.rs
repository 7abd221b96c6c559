//! `vestis deploy` against real servers started here on 127.0.0.1 (tests/integration/deploy/servers.rs):
//! OpenSSH's sshd for SFTP, vsftpd for FTP and FTPS. Each test checks the files that land in
//! the server's folder against the built output, and how many were uploaded.

use crate::common;
mod servers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

use servers::{CuttingProxy, Sshd, TEST_PASSWORD, TEST_USER, Vsftpd};

/// Every file under `dir` (relative path → bytes), without vestis's marker and manifest and
/// without the files "uploaded by hand" before vestis.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .filter(|(p, _)| {
            let others = ["old.php", ".private/notes.txt", ".htaccess"];
            p != ".vestis-output" && p != ".vestis-manifest.json" && !others.contains(&p.as_str())
        })
        .collect()
}

/// A copy of the `full` fixture with `deploy_block` added to its site.yaml and some larger
/// files in `static/` (so an interrupted upload stops in the middle).
fn site(deploy_block: &str) -> tempfile::TempDir {
    let dir = common::temp_copy("sites", "full");
    let config = dir.path().join("site.yaml");
    let mut yaml = std::fs::read_to_string(&config).unwrap();
    yaml.push_str(deploy_block);
    std::fs::write(&config, yaml).unwrap();
    let files = dir.path().join("static/files");
    std::fs::create_dir_all(&files).unwrap();
    for i in 0..6u32 {
        let bytes: Vec<u8> = (0..40_000u32)
            .map(|n| (n.wrapping_mul(2_654_435_761).wrapping_add(i) >> 13) as u8)
            .collect();
        std::fs::write(files.join(format!("brochure-{i}.pdf")), bytes).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("home")).unwrap();
    dir
}

/// Runs `vestis deploy ARGS` on the site with its own HOME (so no real key or known_hosts
/// file of this machine is read or written) and the given password.
fn deploy(site: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut cmd = Command::cargo_bin("vestis").unwrap();
    cmd.arg("deploy").arg("--root").arg(site).args(args);
    cmd.env("HOME", site.join("home"))
        .env_remove("VESTIS_DEPLOY_PASSWORD");
    if let Some(p) = password {
        cmd.env("VESTIS_DEPLOY_PASSWORD", p);
    }
    cmd.timeout(std::time::Duration::from_secs(60));
    let out = cmd.output().unwrap();
    if std::env::var_os("SHOW").is_some() {
        eprintln!("=== deploy {args:?}\n{}", text(&out));
    }
    out
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "deploy failed:\n{}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn failed(out: Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "deploy should fail:\n{}",
        text(&out)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The number after `word` in "uploaded 12 files", "deleted 1".
fn count(stdout: &str, word: &str) -> usize {
    let rest = &stdout[stdout
        .find(word)
        .unwrap_or_else(|| panic!("no `{word}` in {stdout}"))
        + word.len()..];
    rest.trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Fails naming the paths that differ (not dumping their bytes).
fn same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let mut paths: Vec<&String> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    let differ: Vec<&&String> = paths.iter().filter(|p| a.get(**p) != b.get(**p)).collect();
    assert!(differ.is_empty(), "the trees differ in {differ:?}");
}

/// Paths whose bytes differ between two trees, or that only one has.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut paths: Vec<&String> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    paths.into_iter().filter(|p| a.get(*p) != b.get(*p)).count()
}

/// The whole life of a site online: a first deploy beside a file uploaded by hand, a deploy
/// with nothing to do, a dry run, an edit, a deleted record over the deletion cap.
fn life_cycle(site: &Path, www: &Path, password: Option<&str>, first_args: &[&str]) {
    let public = site.join("public");
    std::fs::write(www.join("old.php"), "<?php echo 1;").unwrap();
    std::fs::create_dir(www.join(".private")).unwrap();
    std::fs::write(www.join(".private/notes.txt"), "not for vestis").unwrap();
    let out = deploy(site, first_args, password);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = ok(out);
    assert!(
        stderr.contains("comparing files by name and size"),
        "{stderr}"
    );
    same(&tree(www), &tree(&public));
    assert_eq!(count(&stdout, "uploaded"), tree(&public).len());
    assert!(
        stdout.contains("kept 1 file on the server that vestis did not make: old.php"),
        "{stdout}"
    );
    assert!(www.join("old.php").exists());
    assert!(www.join(".vestis-manifest.json").exists());

    let stdout = ok(deploy(site, &[], password));
    assert_eq!(count(&stdout, "uploaded"), 0, "{stdout}");
    assert!(stdout.contains("nothing to upload"), "{stdout}");

    let before = tree(&public);
    let record = site.join("content/events/rezekne-stage.lv.md");
    let mut md = std::fs::read_to_string(&record).unwrap();
    md.push_str("\nJauna rindkopa par skatuvi.\n");
    std::fs::write(&record, md).unwrap();
    let online = tree(www);
    let stdout = ok(deploy(site, &["--dry-run"], password));
    assert!(
        stdout.starts_with("dry run, nothing was changed: 0 new, "),
        "{stdout}"
    );
    same(&tree(www), &online);
    same(&tree(&public), &before);

    let stdout = ok(deploy(site, &[], password));
    let after = tree(&public);
    let changed = differing(&before, &after);
    assert!(
        changed >= 1 && changed < after.len() / 2,
        "{changed} of {}",
        after.len()
    );
    assert_eq!(count(&stdout, "uploaded"), changed, "{stdout}");
    same(&tree(www), &after);

    for name in [
        "daugavpils-show.yaml",
        "daugavpils-show.lv.md",
        "daugavpils-show.ru.md",
    ] {
        std::fs::remove_file(site.join("content/events").join(name)).unwrap();
    }
    // The build refuses a link to a record that is gone: the page that linked it is edited too.
    let linking = site.join("content/events/rezekne-stage.lv.md");
    let text = std::fs::read_to_string(&linking).unwrap();
    let unlinked = text.replace(
        "[Daugavpils šovu](@/events/daugavpils-show)",
        "Daugavpils šovu",
    );
    assert_ne!(
        text, unlinked,
        "the fixture no longer links the deleted record"
    );
    std::fs::write(&linking, unlinked).unwrap();
    // Without the site's list of published addresses, the removed record's pages are deleted
    // online (with it, each old address would keep a "gone" page instead).
    std::fs::remove_file(site.join(".vestis/urls.json")).unwrap();
    let stderr = failed(deploy(site, &[], password));
    assert!(
        stderr.contains("more than the 2 allowed without asking; nothing was changed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: check the list with `vestis deploy --dry-run`"),
        "{stderr}"
    );
    same(&tree(www), &after);
    let stdout = ok(deploy(site, &["--yes"], password));
    let last = tree(&public);
    assert_eq!(
        count(&stdout, "deleted"),
        after.keys().filter(|p| !last.contains_key(*p)).count()
    );
    same(&tree(www), &last);
    let empty: Vec<String> = walkdir::WalkDir::new(www)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .filter(|e| std::fs::read_dir(e.path()).unwrap().next().is_none())
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(empty.is_empty(), "emptied folders were left: {empty:?}");
    assert!(www.join("old.php").exists());
    assert!(www.join(".private/notes.txt").exists());
}

fn url(scheme: &str, user: &str, port: u16, www: &Path) -> String {
    format!("{scheme}://{user}@127.0.0.1:{port}/{}/", www.display())
}

fn target(url: &str, extra: &str) -> String {
    format!("deploy:\n  targets:\n    main:\n      url: \"{url}\"\n      max_deletions: 2\n{extra}")
}

fn sftp_extra(sshd: &Sshd, known_hosts: &Path) -> String {
    format!(
        "      key: \"{}\"\n      known_hosts: \"{}\"\n",
        sshd.dir.join("client_key").display(),
        known_hosts.display()
    )
}

#[test]
fn sftp_uploads_only_what_changed() {
    let server = tempfile::tempdir().unwrap();
    let sshd = Sshd::start(server.path());
    let www = server.path().join("www");
    std::fs::create_dir(&www).unwrap();
    let known = server.path().join("known_hosts");
    std::fs::write(&known, sshd.known_hosts_line()).unwrap();
    let site = site(&target(
        &url("sftp", "root", sshd.port, &www),
        &sftp_extra(&sshd, &known),
    ));
    life_cycle(site.path(), &www, None, &[]);
}

#[test]
fn sftp_refuses_a_changed_host_key_and_asks_before_trusting_a_new_one() {
    let server = tempfile::tempdir().unwrap();
    let sshd = Sshd::start(server.path());
    let www = server.path().join("www");
    let known = server.path().join("known_hosts");
    let other = server.path().join("other_key");
    servers::keygen(&other);
    let other_pub = std::fs::read_to_string(other.with_extension("pub")).unwrap();
    let fields: Vec<&str> = other_pub.split_whitespace().collect();
    std::fs::write(
        &known,
        format!("[127.0.0.1]:{} {} {}\n", sshd.port, fields[0], fields[1]),
    )
    .unwrap();
    let site = site(&target(
        &url("sftp", "root", sshd.port, &www),
        &sftp_extra(&sshd, &known),
    ));

    let stderr = failed(deploy(site.path(), &[], None));
    assert!(
        stderr.contains("answered with a different key than the one trusted before (line 1 of"),
        "{stderr}"
    );
    assert!(
        stderr.contains("someone may be pretending to be the server"),
        "{stderr}"
    );
    assert!(!www.exists(), "something was uploaded to an impostor");

    std::fs::remove_file(&known).unwrap();
    let stderr = failed(deploy(site.path(), &[], None));
    assert!(
        stderr.contains("is not known yet (its key's fingerprint is SHA256:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("or run again with `--yes` to trust it"),
        "{stderr}"
    );
    assert!(!www.exists());

    // With --yes, files vestis did not make are deleted, hidden ones never.
    std::fs::create_dir_all(www.join("old")).unwrap();
    std::fs::write(www.join("old/old.php"), "<?php").unwrap();
    std::fs::write(www.join(".htaccess"), "Options -Indexes").unwrap();
    let stdout = ok(deploy(site.path(), &["--yes"], None));
    assert!(!stdout.contains("kept"), "{stdout}");
    assert!(!www.join("old").exists());
    assert!(www.join(".htaccess").exists());
    let learned = std::fs::read_to_string(&known).unwrap();
    assert!(
        learned.contains(&format!("[127.0.0.1]:{}", sshd.port)),
        "{learned}"
    );
    same(&tree(&www), &tree(&site.path().join("public")));
    let stdout = ok(deploy(site.path(), &[], None));
    assert_eq!(count(&stdout, "uploaded"), 0);
}

#[test]
fn sftp_logs_in_with_a_password_and_refuses_a_wrong_one() {
    servers::ensure_test_user();
    let server = tempfile::tempdir().unwrap();
    let sshd = Sshd::start(server.path());
    let www = server.path().join("www");
    std::fs::create_dir(&www).unwrap();
    servers::give_to_test_user(&www);
    let known = server.path().join("known_hosts");
    std::fs::write(&known, sshd.known_hosts_line()).unwrap();
    let extra = format!("      known_hosts: \"{}\"\n", known.display());
    let site = site(&target(&url("sftp", TEST_USER, sshd.port, &www), &extra));

    let stderr = failed(deploy(site.path(), &[], Some("not-the-password")));
    assert!(
        stderr.contains(&format!("refused the password for `{TEST_USER}`")),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: check the password in `VESTIS_DEPLOY_PASSWORD`"),
        "{stderr}"
    );
    let stderr = failed(deploy(site.path(), &[], None));
    assert!(
        stderr.contains("no password to log in to `127.0.0.1`"),
        "{stderr}"
    );
    assert!(tree(&www).is_empty());

    // A folder the user may not write into (root's): the file is named, nothing is claimed.
    std::fs::create_dir(www.join("lv")).unwrap();
    let stderr = failed(deploy(site.path(), &[], Some(TEST_PASSWORD)));
    assert!(
        stderr.contains("the server refused to make the folder `lv/"),
        "{stderr}"
    );
    assert!(stderr.contains("Permission denied"), "{stderr}");
    assert!(
        stderr.contains("no file was uploaded, the site online is as it was"),
        "{stderr}"
    );
    assert!(!www.join(".vestis-manifest.json").exists());
    servers::give_to_test_user(&www);
    ok(deploy(site.path(), &[], Some(TEST_PASSWORD)));
    same(&tree(&www), &tree(&site.path().join("public")));
}

#[test]
fn sftp_interrupted_deploy_is_finished_by_the_next() {
    let server = tempfile::tempdir().unwrap();
    let sshd = Sshd::start(server.path());
    // The first connection is cut after 120 kB, in the middle of the 240 kB of brochures.
    let proxy = CuttingProxy::start(sshd.port, 120_000);
    let www = server.path().join("www");
    let known = server.path().join("known_hosts");
    std::fs::write(
        &known,
        sshd.known_hosts_line()
            .replace(&sshd.port.to_string(), &proxy.port.to_string()),
    )
    .unwrap();
    let extra = format!("{}      connections: 1\n", sftp_extra(&sshd, &known));
    let site = site(&target(&url("sftp", "root", proxy.port, &www), &extra));

    let stderr = failed(deploy(site.path(), &[], None));
    assert!(
        stderr.contains("the connection to the server was lost while uploading"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the deploy stopped after 1 problem"),
        "{stderr}"
    );
    let public = tree(&site.path().join("public"));
    let partial = tree(&www);
    assert!(
        !partial.is_empty() && partial.len() < public.len(),
        "{} of {}",
        partial.len(),
        public.len()
    );
    for (path, bytes) in &partial {
        if !path.ends_with(".vestis-tmp") {
            let whole = Some(bytes) == public.get(path);
            assert!(whole, "`{path}` is half-written under its real name");
        }
    }
    let partial: Vec<&String> = partial
        .keys()
        .filter(|p| !p.ends_with(".vestis-tmp"))
        .collect();
    assert!(!www.join(".vestis-manifest.json").exists());

    let stdout = ok(deploy(site.path(), &[], None));
    assert_eq!(
        count(&stdout, "uploaded"),
        public.len() - partial.len(),
        "{stdout}"
    );
    same(&tree(&www), &public);
    assert_eq!(
        proxy.connections.load(std::sync::atomic::Ordering::Relaxed),
        2
    );
}

fn ftp_site(tls: bool) -> (tempfile::TempDir, Vsftpd, PathBuf, tempfile::TempDir) {
    servers::ensure_test_user();
    let server = tempfile::tempdir().unwrap();
    let vsftpd = Vsftpd::start(server.path(), tls);
    let www = server.path().join("www");
    std::fs::create_dir(&www).unwrap();
    servers::give_to_test_user(&www);
    let scheme = if tls { "ftps" } else { "ftp" };
    let extra = format!(
        "      known_hosts: \"{}\"\n",
        server.path().join("known_certificates").display()
    );
    let site = site(&target(&url(scheme, TEST_USER, vsftpd.port, &www), &extra));
    (server, vsftpd, www, site)
}

#[test]
fn ftp_uploads_only_what_changed_and_warns_that_it_is_unencrypted() {
    let (_server, _vsftpd, www, site) = ftp_site(false);
    let out = deploy(site.path(), &["--dry-run"], Some(TEST_PASSWORD));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    ok(out);
    assert!(stderr.contains("warning: site.yaml:"), "{stderr}");
    assert!(
        stderr.contains("uses plain FTP: the password and the files travel unencrypted"),
        "{stderr}"
    );
    life_cycle(site.path(), &www, Some(TEST_PASSWORD), &[]);
}

#[test]
fn ftps_pins_the_certificate_and_uploads_only_what_changed() {
    let (server, _vsftpd, www, site) = ftp_site(true);
    let stderr = failed(deploy(site.path(), &[], Some(TEST_PASSWORD)));
    assert!(
        stderr.contains("uses a certificate that is not known yet (SHA-256 fingerprint"),
        "{stderr}"
    );
    assert!(tree(&www).is_empty());
    let stderr = failed(deploy(site.path(), &["--yes"], Some("wrong")));
    assert!(
        stderr.contains(&format!("refused the password for `{TEST_USER}`")),
        "{stderr}"
    );
    let pins = std::fs::read_to_string(server.path().join("known_certificates")).unwrap();
    assert!(pins.starts_with("127.0.0.1:"), "{pins}");
    life_cycle(site.path(), &www, Some(TEST_PASSWORD), &[]);
}

#[test]
fn a_site_without_a_target_or_an_unknown_target_is_told_what_to_write() {
    let plain = common::temp_copy("sites", "full");
    let out = deploy(plain.path(), &["--dry-run"], None);
    let stderr = failed(out);
    assert!(
        stderr.contains("site.yaml has no `deploy:` block"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: add `deploy: { targets: { main: { url: \"sftp://"),
        "{stderr}"
    );

    let site = site(&target("sftp://ana@127.0.0.1:1/www/", ""));
    let out = deploy(site.path(), &["--target", "mian", "--dry-run"], None);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("there is no deploy target `mian` (site.yaml lists: main)"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `main`?"), "{stderr}");

    // Port 1 on loopback: nobody listens.
    let stderr = failed(deploy(site.path(), &["--dry-run"], None));
    assert!(
        stderr.contains("cannot reach the server `127.0.0.1` on port 1"),
        "{stderr}"
    );
    assert!(
        !site.path().join("public").exists(),
        "a dry run wrote the output"
    );
}

use std::os::unix::fs::symlink;

use super::*;
use crate::diagnostics::Diagnostics;

fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("content/events/a")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("site.yaml"), "title: x\n").unwrap();
    std::fs::write(root.join("content/events/a.yaml"), "date: 2020-01-01\n").unwrap();
    std::fs::write(root.join("content/events/a/photo.jpg"), "jpg").unwrap();
    std::fs::write(dir.path().join("outside.txt"), "secret").unwrap();
    (dir, root)
}

fn message(result: Result<Vec<u8>, Diagnostic>) -> String {
    let d = result.unwrap_err();
    format!("{}: {}", d.path.unwrap().display(), d.message)
}

#[test]
fn reads_ordinary_files_and_links_inside_the_site() {
    let (_dir, root) = site();
    let files = SiteFiles::new(&root, false);
    assert_eq!(
        files.read_source(Path::new("site.yaml")).unwrap(),
        b"title: x\n"
    );
    symlink("../site.yaml", root.join("static/copy.yaml")).unwrap();
    assert_eq!(
        files
            .read(&root.join("static/copy.yaml"), TEXT_LIMIT, Purpose::Source)
            .unwrap(),
        b"title: x\n"
    );
}

#[test]
fn refuses_links_out_of_the_site_unless_allowed() {
    let (dir, root) = site();
    symlink(dir.path().join("outside.txt"), root.join("static/o.txt")).unwrap();
    let strict = SiteFiles::new(&root, false);
    let target = dir.path().join("outside.txt").canonicalize().unwrap();
    assert_eq!(
        message(strict.read(Path::new("static/o.txt"), PUBLISHED_LIMIT, Purpose::Publish)),
        format!(
            "static/o.txt: `o.txt` is a link to a file outside the site: {}",
            target.display()
        )
    );
    let trusting = SiteFiles::new(&root, true);
    let bytes = trusting.read(Path::new("static/o.txt"), PUBLISHED_LIMIT, Purpose::Publish);
    assert_eq!(bytes.unwrap(), b"secret");
}

#[test]
fn published_files_never_come_from_the_sources() {
    let (_dir, root) = site();
    let files = SiteFiles::new(&root, true);
    symlink("../content/events/a.yaml", root.join("static/a.yaml")).unwrap();
    symlink("../../../site.yaml", root.join("content/events/a/site.txt")).unwrap();
    symlink("../a.yaml", root.join("content/events/a/record.txt")).unwrap();
    symlink(
        "../content/events/a/photo.jpg",
        root.join("static/photo.jpg"),
    )
    .unwrap();
    for (path, target) in [
        ("static/a.yaml", "content/events/a.yaml"),
        ("content/events/a/site.txt", "site.yaml"),
        ("content/events/a/record.txt", "content/events/a.yaml"),
        ("static/photo.jpg", "content/events/a/photo.jpg"),
    ] {
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        assert_eq!(
            message(files.read(Path::new(path), PUBLISHED_LIMIT, Purpose::Publish)),
            format!(
                "{path}: `{name}` is a link to `{target}`, a source of the site, which is never published"
            )
        );
    }
    // Read as a source (not published), a link into content/ is fine.
    assert!(
        files
            .read(Path::new("static/a.yaml"), TEXT_LIMIT, Purpose::Source)
            .is_ok()
    );
    // A record folder's own file is published from there.
    let photo = Path::new("content/events/a/photo.jpg");
    assert!(files.read(photo, PUBLISHED_LIMIT, Purpose::Publish).is_ok());
}

#[test]
fn refuses_pipes_folders_and_devices_without_waiting() {
    let (_dir, root) = site();
    let fifo = root.join("content/events/f.yaml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let files = SiteFiles::new(&root, true);
    assert_eq!(
        message(files.read_source(Path::new("content/events/f.yaml"))),
        "content/events/f.yaml: `f.yaml` is a named pipe (FIFO), not an ordinary file"
    );
    assert_eq!(
        message(files.read_source(Path::new("content/events/a"))),
        "content/events/a: `a` is a folder, not an ordinary file"
    );
    symlink("/dev/zero", root.join("content/events/z.yaml")).unwrap();
    assert_eq!(
        message(files.read_source(Path::new("content/events/z.yaml"))),
        "content/events/z.yaml: `z.yaml` is a device, not an ordinary file"
    );
}

#[test]
fn reads_are_bounded() {
    let (_dir, root) = site();
    let big = vec![b'a'; (TEXT_LIMIT.bytes + 1) as usize];
    std::fs::write(root.join("content/events/big.yaml"), &big).unwrap();
    let files = SiteFiles::new(&root, false);
    assert_eq!(
        message(files.read_source(Path::new("content/events/big.yaml"))),
        "content/events/big.yaml: the file is larger than 10 MB, the most vestis reads for a text file"
    );
    let exact = &big[..TEXT_LIMIT.bytes as usize];
    std::fs::write(root.join("content/events/big.yaml"), exact).unwrap();
    assert_eq!(
        files
            .read_source(Path::new("content/events/big.yaml"))
            .unwrap()
            .len(),
        exact.len()
    );
}

#[test]
fn a_read_stops_at_the_limit_whatever_the_reported_size() {
    // An endless reader that claims to be empty, like a device.
    assert_eq!(read_bounded(std::io::repeat(b'a'), 0, 1000).unwrap(), None);
    let exact = read_bounded(&b"abc"[..], 0, 3).unwrap();
    assert_eq!(exact.as_deref(), Some(&b"abc"[..]));
}

#[test]
fn walks_inside_links_and_reports_outside_ones_once() {
    let (dir, root) = site();
    std::fs::create_dir_all(dir.path().join("elsewhere/deep")).unwrap();
    std::fs::write(dir.path().join("elsewhere/deep/x.css"), "x").unwrap();
    std::fs::write(root.join("static/a.css"), "a").unwrap();
    symlink(dir.path().join("elsewhere"), root.join("static/out")).unwrap();
    symlink("../content", root.join("static/src")).unwrap();
    symlink("a.css", root.join("static/b.css")).unwrap();
    symlink("/", root.join("static/root")).unwrap();
    let files = SiteFiles::new(&root, false);
    let mut diagnostics = Diagnostics::new();
    let found: Vec<String> = files
        .walk(Path::new("static"), Purpose::Publish, &mut diagnostics)
        .into_iter()
        .map(|w| w.rel)
        .collect();
    assert_eq!(found, ["a.css", "b.css"]);
    let mut messages: Vec<String> = diagnostics
        .items()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    messages.sort();
    let out = dir.path().join("elsewhere").canonicalize().unwrap();
    assert_eq!(
        messages,
        [
            format!(
                "`out` is a link to a folder outside the site: {}",
                out.display()
            ),
            "`root` is a link to a folder outside the site: /".to_string(),
            "`src` is a link to `content`, a source of the site, which is never published"
                .to_string(),
        ]
    );
    let mut diagnostics = Diagnostics::new();
    let trusting = SiteFiles::new(&root, true);
    symlink("../../outside.txt", root.join("static/t.txt")).unwrap();
    std::fs::remove_file(root.join("static/root")).unwrap();
    let found: Vec<String> = trusting
        .walk(Path::new("static"), Purpose::Publish, &mut diagnostics)
        .into_iter()
        .map(|w| w.rel)
        .collect();
    assert_eq!(found, ["a.css", "b.css", "out/deep/x.css", "t.txt"]);
}

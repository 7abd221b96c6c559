use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;
use tempfile::TempDir;

use super::*;
use crate::output::target::SOURCE_DIRS;
use std::path::PathBuf;

/// A temporary directory holding a site root `site/` with its source directories.
fn site() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    for dir in ["content/news", "themes/default", "locales/lv", "static"] {
        fs::create_dir_all(root.join(dir)).unwrap();
    }
    fs::write(root.join("site.yaml"), "title: x\n").unwrap();
    (tmp, root)
}

fn output(files: &[(&str, &str)]) -> Output {
    let mut out = Output::new();
    for (path, text) in files {
        out.insert(*path, text.as_bytes().to_vec()).unwrap();
    }
    out
}

/// Every file (and link) under `dir`: relative path with `/` → bytes (link target).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_str().unwrap().replace('\\', "/");
            let bytes = match fs::read_link(e.path()) {
                Ok(target) => format!("-> {}", target.display()).into_bytes(),
                Err(_) => fs::read(e.path()).unwrap(),
            };
            (rel, bytes)
        })
        .collect()
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn expected(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    let mut map: BTreeMap<String, Vec<u8>> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    map.insert(MARKER_FILE.into(), MARKER_TEXT.as_bytes().to_vec());
    map
}

const FIRST: [(&str, &str); 4] = [
    ("index.html", "root"),
    ("lv/index.html", "lv home"),
    ("lv/pasakumi/a/index.html", "a"),
    ("ru/index.html", "ru home"),
];

#[test]
fn writes_a_fresh_directory_with_the_marker() {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    let report = write(&output(&FIRST), &out_dir, &root).unwrap();
    assert_eq!(
        report,
        WriteReport {
            files: 4,
            bytes: 19
        }
    );
    assert_eq!(tree(&out_dir), expected(&FIRST));
    // No temporary directory is left next to the output.
    let mut want = vec![
        "content",
        "locales",
        "public",
        "site.yaml",
        "static",
        "themes",
    ];
    want.sort();
    assert_eq!(names(&root), want);
}

#[test]
fn creates_missing_parents() {
    let (tmp, root) = site();
    let out_dir = tmp.path().join("deploy/www/public");
    write(&output(&FIRST), &out_dir, &root).unwrap();
    assert_eq!(tree(&out_dir), expected(&FIRST));
    assert_eq!(names(&tmp.path().join("deploy/www")), ["public"]);
}

#[test]
fn replaces_the_previous_output_and_drops_stale_files() {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    write(&output(&FIRST), &out_dir, &root).unwrap();
    let second = [("index.html", "new root"), ("ru/x/index.html", "x")];
    let report = write(&output(&second), &out_dir, &root).unwrap();
    assert_eq!(report.files, 2);
    assert_eq!(tree(&out_dir), expected(&second));
    assert!(!out_dir.join("lv").exists());
    // The previous output waits beside it for the next run, which removes it.
    let kept: Vec<String> = names(&root)
        .into_iter()
        .filter(|n| n.contains("vestis"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].starts_with(".public.vestis-old-"));
    assert_eq!(tree(&root.join(&kept[0])), expected(&FIRST));
    super::remove_previous(&out_dir);
    assert!(names(&root).iter().all(|n| !n.contains("vestis")));
    assert_eq!(tree(&out_dir), expected(&second));
}

#[test]
fn replaces_an_empty_directory() {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    fs::create_dir(&out_dir).unwrap();
    write(&output(&FIRST), &out_dir, &root).unwrap();
    assert_eq!(tree(&out_dir), expected(&FIRST));
}

#[test]
fn writes_an_empty_output() {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    let report = write(&Output::new(), &out_dir, &root).unwrap();
    assert_eq!(report, WriteReport { files: 0, bytes: 0 });
    assert_eq!(tree(&out_dir), expected(&[]));
}

/// Asserts that `write` refuses with a message containing `needle` and a suggestion, and
/// that nothing in the temporary directory changed.
fn assert_refused(tmp: &TempDir, out: &Output, out_dir: &Path, root: &Path, needle: &str) {
    let before = tree(tmp.path());
    let err = write(out, out_dir, root).unwrap_err();
    assert!(err.message.contains(needle), "{}", err.message);
    assert!(err.suggestion.is_some(), "{err:?}");
    assert_eq!(tree(tmp.path()), before);
}

#[test]
fn refuses_a_foreign_directory_and_leaves_it_alone() {
    let (tmp, root) = site();
    let out_dir = root.join("public");
    fs::create_dir(&out_dir).unwrap();
    fs::write(out_dir.join("precious.txt"), "mine").unwrap();
    assert_refused(
        &tmp,
        &output(&FIRST),
        &out_dir,
        &root,
        "was not made by vestis",
    );
    // A marker that is a directory, not a file, does not count.
    fs::create_dir(out_dir.join(MARKER_FILE)).unwrap();
    assert_refused(
        &tmp,
        &output(&FIRST),
        &out_dir,
        &root,
        "was not made by vestis",
    );
}

#[test]
fn refuses_the_site_root_and_its_ancestors() {
    let (tmp, root) = site();
    let out = output(&FIRST);
    assert_refused(&tmp, &out, &root, &root, "is the site root");
    assert_refused(
        &tmp,
        &out,
        &root.join("public/.."),
        &root,
        "is the site root",
    );
    assert_refused(&tmp, &out, tmp.path(), &root, "contains the site root");
    assert_refused(&tmp, &out, Path::new("/"), &root, "contains the site root");
}

#[test]
fn refuses_the_site_root_even_with_a_marker() {
    let (tmp, root) = site();
    fs::write(root.join(MARKER_FILE), "").unwrap();
    assert_refused(&tmp, &output(&FIRST), &root, &root, "is the site root");
}

#[test]
fn refuses_a_directory_holding_sources() {
    let (tmp, root) = site();
    let out_dir = tmp.path().join("other");
    for dir in SOURCE_DIRS {
        fs::create_dir_all(out_dir.join(dir)).unwrap();
        fs::write(out_dir.join(MARKER_FILE), "").unwrap();
        let needle = format!("holds a `{dir}/` directory");
        assert_refused(&tmp, &output(&FIRST), &out_dir, &root, &needle);
        fs::remove_dir_all(&out_dir).unwrap();
    }
}

#[test]
fn refuses_an_output_that_would_hold_sources() {
    let (tmp, root) = site();
    let out = output(&[("themes/x.css", "")]);
    assert_refused(
        &tmp,
        &out,
        &root.join("public"),
        &root,
        "top-level `themes/`",
    );
}

#[test]
fn refuses_a_directory_inside_the_sources() {
    let (tmp, root) = site();
    let out = output(&FIRST);
    for dir in [
        "content/news/public",
        "themes/public",
        "locales/x",
        "static/out",
    ] {
        assert_refused(&tmp, &out, &root.join(dir), &root, "is inside the site's");
    }
}

#[test]
fn refuses_a_file() {
    let (tmp, root) = site();
    let out_dir = root.join("public");
    fs::write(&out_dir, "not a dir").unwrap();
    assert_refused(&tmp, &output(&FIRST), &out_dir, &root, "is a file");
}

#[cfg(unix)]
#[test]
fn refuses_a_symlink() {
    let (tmp, root) = site();
    let real = tmp.path().join("real");
    fs::create_dir(&real).unwrap();
    fs::write(real.join(MARKER_FILE), "").unwrap();
    let out_dir = root.join("public");
    std::os::unix::fs::symlink(&real, &out_dir).unwrap();
    assert_refused(&tmp, &output(&FIRST), &out_dir, &root, "is a symbolic link");
}

#[cfg(unix)]
#[test]
fn follows_symlinks_above_the_output_directory() {
    let (tmp, root) = site();
    let real = tmp.path().join("real");
    fs::create_dir(&real).unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write(&output(&FIRST), &link.join("public"), &root).unwrap();
    assert_eq!(tree(&real.join("public")), expected(&FIRST));
    // The site root reached through a link is still the site root.
    std::os::unix::fs::symlink(&root, tmp.path().join("root-link")).unwrap();
    let err = write(&output(&FIRST), &tmp.path().join("root-link"), &root);
    assert!(err.is_err());
}

#[cfg(unix)]
#[test]
fn new_files_never_follow_an_existing_symlink() {
    let tmp = tempfile::tempdir().unwrap();
    let victim = tmp.path().join("victim");
    fs::write(&victim, "keep").unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    assert!(write_new(&link, b"evil").is_err());
    assert_eq!(fs::read(&victim).unwrap(), b"keep");
}

#[test]
fn a_failed_write_keeps_the_previous_output_and_no_temp_dir() {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    write(&output(&FIRST), &out_dir, &root).unwrap();
    let before = tree(&out_dir);
    // A file name longer than any file system allows fails after other files were written.
    let long = format!("lv/{}.html", "x".repeat(300));
    let out = output(&[("a.html", "a"), ("lv/b.html", "b"), (long.as_str(), "")]);
    let err = write(&out, &out_dir, &root).unwrap_err();
    assert!(
        err.message.contains("cannot write the output file"),
        "{err:?}"
    );
    assert_eq!(tree(&out_dir), before);
    assert!(names(&root).iter().all(|n| !n.contains("vestis")));
}

#[test]
fn a_refusing_gate_keeps_the_previous_output_and_no_temp_dir() {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    write(&output(&FIRST), &out_dir, &root).unwrap();
    let before = tree(&out_dir);
    let out = output(&[("a.html", "new")]);
    let mut asked = false;
    let gate = || {
        asked = true;
        Err("broken links")
    };
    match write_gated(&out, &out_dir, &root, gate) {
        Err(Gated::Refused(e)) => assert_eq!(e, "broken links"),
        other => panic!("{other:?}"),
    }
    assert!(asked);
    assert_eq!(tree(&out_dir), before);
    assert!(names(&root).iter().all(|n| !n.contains("vestis")));
    // A passing gate writes as `write` does.
    write_gated(&out, &out_dir, &root, || Ok::<(), &str>(())).unwrap();
    assert_eq!(tree(&out_dir), expected(&[("a.html", "new")]));
}

#[test]
fn leftovers_of_a_crashed_run_are_removed() {
    let (_tmp, root) = site();
    for name in [".public.vestis-old-1", ".public.vestis-new-2/lv"] {
        fs::create_dir_all(root.join(name)).unwrap();
        fs::write(root.join(name).join("f"), "x").unwrap();
    }
    fs::write(root.join(".public.vestis-old-1").join(MARKER_FILE), "").unwrap();
    fs::write(root.join(".public.vestis-new-2").join(MARKER_FILE), "").unwrap();
    // A run killed before it wrote its marker leaves an empty folder.
    fs::create_dir(root.join(".public.vestis-new-3")).unwrap();
    fs::create_dir(root.join(".other.vestis-old-1")).unwrap();
    write(&output(&FIRST), &root.join("public"), &root).unwrap();
    let leftovers: Vec<_> = names(&root)
        .into_iter()
        .filter(|n| n.contains("vestis"))
        .collect();
    assert_eq!(leftovers, [".other.vestis-old-1"]);
}

#[test]
fn folders_of_the_user_with_a_leftover_name_are_kept() {
    let (_tmp, root) = site();
    let theirs = [
        ".public.vestis-old-mine",
        ".public.vestis-new-x",
        ".public.vestis-old-7",
        ".public.vestis-new-8",
    ];
    for name in theirs {
        fs::create_dir(root.join(name)).unwrap();
        fs::write(root.join(name).join("notes.txt"), "mine").unwrap();
    }
    // A marker that is a folder does not make it vestis's.
    fs::create_dir(root.join(".public.vestis-old-7").join(MARKER_FILE)).unwrap();
    // Marked, but not a name vestis gives.
    fs::write(root.join(".public.vestis-old-mine").join(MARKER_FILE), "").unwrap();
    let out_dir = root.join("public");
    write(&output(&FIRST), &out_dir, &root).unwrap();
    write(&output(&FIRST), &out_dir, &root).unwrap();
    super::remove_previous(&out_dir);
    for name in theirs {
        assert_eq!(
            fs::read(root.join(name).join("notes.txt")).unwrap(),
            b"mine"
        );
    }
    let vestis: Vec<_> = names(&root)
        .into_iter()
        .filter(|n| n.contains("vestis"))
        .collect();
    let mut want = theirs.to_vec();
    want.sort();
    assert_eq!(vestis, want);
}

/// Replaces a first output by a second one with `exchange`; returns how.
fn replace_second(exchange: fn(&Path, &Path) -> io::Result<Exchange>) -> Replaced {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    write(&output(&FIRST), &out_dir, &root).unwrap();
    let target = check_target(Some(&output(&FIRST)), &out_dir, &root).unwrap();
    let (parent, name) = split_target(&target.path, &out_dir).unwrap();
    let staging = parent.join(format!(".{name}.vestis-new-{}", std::process::id()));
    fs::create_dir(&staging).unwrap();
    let second = [("index.html", "second")];
    fill(&output(&second), &staging).unwrap();
    let how = replace(&staging, &target, parent, name, exchange).unwrap();
    assert_eq!(tree(&out_dir), expected(&second));
    let old = parent.join(format!(".{name}.vestis-old-{}", std::process::id()));
    assert_eq!(tree(&old), expected(&FIRST));
    assert!(!staging.exists());
    how
}

#[cfg(any(target_os = "linux", target_vendor = "apple"))]
#[test]
fn the_previous_output_is_exchanged_in_one_step() {
    assert_eq!(replace_second(swap::exchange), Replaced::Exchanged);
}

#[test]
fn without_an_exchange_two_renames_replace_the_output() {
    assert_eq!(
        replace_second(|_, _| Ok(Exchange::Unsupported)),
        Replaced::Renamed
    );
}

/// A reader that looks at the output directory all the time while builds replace it never
/// finds it missing or without its marker (with two renames it would, now and then).
#[cfg(any(target_os = "linux", target_vendor = "apple"))]
#[test]
fn the_output_directory_never_disappears_while_being_replaced() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    write(&output(&FIRST), &out_dir, &root).unwrap();
    let done = AtomicBool::new(false);
    let (looks, misses) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let (mut looks, mut misses) = (0u32, 0u32);
            while !done.load(Ordering::Relaxed) {
                looks += 1;
                if !out_dir.join(MARKER_FILE).is_file() || !out_dir.join("index.html").is_file() {
                    misses += 1;
                }
            }
            (looks, misses)
        });
        for i in 0..300 {
            let text = format!("build {i}");
            write(&output(&[("index.html", &text)]), &out_dir, &root).unwrap();
        }
        done.store(true, Ordering::Relaxed);
        reader.join().unwrap()
    });
    assert!(looks > 0);
    assert_eq!(misses, 0, "missing in {misses} of {looks} looks");
    assert_eq!(fs::read(out_dir.join("index.html")).unwrap(), b"build 299");
}

#[test]
fn relative_output_directory_is_resolved() {
    let (_tmp, root) = site();
    let out_dir = root.join("content/../public");
    write(&output(&FIRST), &out_dir, &root).unwrap();
    assert_eq!(tree(&root.join("public")), expected(&FIRST));
}

/// 21,000 files of ~10 KB spread like a 10,000-record bilingual site.
fn big_output() -> Output {
    let body = "x".repeat(10_000);
    let mut out = Output::new();
    for i in 0..21_000 {
        let lang = if i % 2 == 0 { "lv" } else { "ru" };
        let path = format!("{lang}/c{}/r{i}/index.html", i % 7);
        out.insert(path, body.clone().into_bytes()).unwrap();
    }
    out
}

/// Writes the files of `out` into `dir` (directories made first), sequentially or with rayon.
fn write_files_into(out: &Output, dir: &Path, parallel: bool) {
    fs::create_dir(dir).unwrap();
    let mut dirs = BTreeSet::new();
    for (path, _) in out.iter() {
        dirs.extend(path.match_indices('/').map(|(i, _)| &path[..i]));
    }
    for d in dirs {
        fs::create_dir(dir.join(d)).unwrap();
    }
    let files: Vec<_> = out.iter().collect();
    let one = |(path, bytes): &(&str, &[u8])| write_new(&dir.join(path), bytes).unwrap();
    if parallel {
        files.par_iter().for_each(one);
    } else {
        files.iter().for_each(one);
    }
}

fn timed(what: &str, f: impl FnOnce()) {
    let start = Instant::now();
    f();
    eprintln!("{what}: {:.2?}", start.elapsed());
}

/// `cargo test --lib -- --ignored --nocapture write_speed`: times writing a large site,
/// in the directory `VESTIS_BENCH_DIR` (default: the system's temporary directory).
#[test]
#[ignore]
fn write_speed() {
    let base = std::env::var_os("VESTIS_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let tmp = tempfile::tempdir_in(base).unwrap();
    let root = tmp.path().join("site");
    fs::create_dir(&root).unwrap();
    let out = big_output();
    for round in 0..4 {
        for parallel in [round % 2 == 0, round % 2 == 1] {
            let dir = root.join(format!("bench-{round}-{parallel}"));
            timed(&format!("files only, parallel={parallel}"), || {
                write_files_into(&out, &dir, parallel)
            });
            timed("remove_dir_all", || fs::remove_dir_all(&dir).unwrap());
        }
    }
    let out_dir = root.join("public");
    for run in ["write fresh", "write replace", "write replace"] {
        timed(run, || {
            write(&out, &out_dir, &root).unwrap();
        });
    }
}

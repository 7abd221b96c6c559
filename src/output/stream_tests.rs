use std::collections::BTreeMap;

use tempfile::TempDir;

use super::*;
use crate::output::write;

/// A temporary directory holding a site root `site/` with its source directories.
fn site() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    for dir in ["content/news", "themes/default", "locales/lv", "static"] {
        fs::create_dir_all(root.join(dir)).unwrap();
    }
    (tmp, root)
}

/// Every file under `dir`: relative path → text.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_str().unwrap();
            (
                rel.replace('\\', "/"),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Names beside the output directory (its parent's entries), sorted.
fn siblings(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("public"))
        .collect();
    names.sort();
    names
}

/// An output whose page `lv/a/index.html` went to `staging` already, plus one kept file.
fn streamed(staging: &Staging) -> Output {
    let mut output = Output::new();
    let refused = output.insert_all_written(vec!["lv/a/index.html".into()]);
    assert!(refused.is_empty());
    staging
        .put("lv/a/index.html", b"<a href=\"/lv/\" id=\"top\">new</a>")
        .unwrap();
    output
        .insert_written("lv/index.html", b"home", staging)
        .unwrap();
    output.insert("style.css", b"css".to_vec()).unwrap();
    output
}

#[test]
fn files_go_to_the_staging_folder_at_once_and_are_swapped_in_at_the_end() {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    write(&Output::new(), &out_dir, &root).unwrap();
    fs::write(out_dir.join("old.html"), "old").unwrap();
    let staging = Staging::open(&out_dir, &root).unwrap();
    let output = streamed(&staging);
    // Written before the end, into the staging folder; the output is not touched yet.
    assert_eq!(
        fs::read_to_string(staging.dir.join("lv/a/index.html")).unwrap(),
        "<a href=\"/lv/\" id=\"top\">new</a>"
    );
    assert!(out_dir.join("old.html").exists());
    assert_eq!(output.get("lv/a/index.html"), None, "bytes are not kept");
    let report = staging.finish(&output, || Ok::<(), ()>(())).unwrap();
    assert_eq!(report.files, 3);
    let page = "<a href=\"/lv/\" id=\"top\">new</a>";
    assert_eq!(
        report.bytes,
        (page.len() + "home".len() + "css".len()) as u64
    );
    drop(staging);
    let files = tree(&out_dir);
    let paths: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [MARKER_FILE, "lv/a/index.html", "lv/index.html", "style.css"]
    );
    // The previous output is moved aside (the next build removes it), nothing else is left.
    let left = siblings(&root);
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left[0].starts_with(".public.vestis-old-"), "{left:?}");
}

#[test]
fn a_refused_gate_or_a_dropped_staging_leaves_the_previous_output_and_removes_the_new_folder() {
    let (_tmp, root) = site();
    let out_dir = root.join("public");
    let mut first = Output::new();
    first.insert("index.html", b"first".to_vec()).unwrap();
    write(&first, &out_dir, &root).unwrap();
    let before = tree(&out_dir);

    let staging = Staging::open(&out_dir, &root).unwrap();
    let output = streamed(&staging);
    let refused = staging.finish(&output, || Err("broken links"));
    assert!(matches!(refused, Err(Gated::Refused("broken links"))));
    drop(staging);
    assert_eq!(tree(&out_dir), before);
    assert_eq!(siblings(&root), ["public"]);

    // A build that fails while rendering never calls `finish`.
    let staging = Staging::open(&out_dir, &root).unwrap();
    staging.put("lv/index.html", b"half").unwrap();
    drop(staging);
    assert_eq!(tree(&out_dir), before);
    assert_eq!(siblings(&root), ["public"]);
}

#[test]
fn the_refusals_of_write_hold_and_paths_into_source_folders_fail_before_the_swap() {
    let (_tmp, root) = site();
    let mine = root.join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "keep").unwrap();
    let err = Staging::open(&mine, &root).unwrap_err();
    assert!(err.to_string().contains("was not made by vestis"), "{err}");
    assert!(Staging::open(&root.join("content/x"), &root).is_err());

    let out_dir = root.join("public");
    let staging = Staging::open(&out_dir, &root).unwrap();
    let mut output = Output::new();
    output
        .insert_written("content/x.html", b"x", &staging)
        .unwrap();
    let err = match staging.finish(&output, || Ok::<(), ()>(())) {
        Err(Gated::Write(d)) => d,
        other => panic!("{other:?}"),
    };
    assert!(err.to_string().contains("top-level `content/`"), "{err}");
    drop(staging);
    assert!(!out_dir.exists());
    assert!(siblings(&root).is_empty());
}

#[test]
fn pages_leave_their_links_and_ids_and_unsafe_paths_are_never_written() {
    let (_tmp, root) = site();
    let staging = Staging::open(&root.join("public"), &root).unwrap();
    staging
        .put("lv/x/index.html", b"<a href=\"../y/\" id=\"a\"></a>")
        .unwrap();
    staging.put("lv/x/photo.jpg", b"<a href=\"z\">").unwrap();
    let facts = staging.link_facts();
    let page = facts.get("lv/x/index.html").unwrap();
    assert_eq!(page.links().collect::<Vec<_>>(), ["../y/"]);
    assert!(page.has_id("a"));
    assert!(facts.get("lv/x/photo.jpg").is_none(), "only HTML is read");
    assert!(staging.put("../escape", b"x").is_err());
    assert!(staging.put("lv/x/index.html", b"twice").is_err());
    assert!(!root.join("escape").exists());
}

/// The errors of `staging`'s writes of `paths`, each as the render would report it.
fn write_errors(staging: &Staging, paths: &[&str]) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    for path in paths {
        if let Err(m) = staging.put(path, b"page") {
            diagnostics.push(Diagnostic::error(
                None,
                format!("cannot write `{path}`: {m}"),
            ));
        }
    }
    diagnostics
}

#[test]
fn after_the_disk_fills_up_the_files_not_tried_are_one_counted_error() {
    let (_tmp, root) = site();
    let staging = Staging::open(&root.join("public"), &root).unwrap();
    let written = write_errors(&staging, &["lv/a/index.html"]);
    assert!(written.is_empty(), "{written:?}");
    assert_eq!(staging.fold_not_tried(written.clone()), written);

    // What `noted` does when a write is told "no space left on device".
    staging.noted(io::Error::from(io::ErrorKind::StorageFull));
    let one = write_errors(&staging, &["lv/b/index.html"]);
    let folded = staging.fold_not_tried(one);
    let [only] = folded.items() else {
        panic!("one error: {folded:?}")
    };
    assert!(
        only.message
            .starts_with("1 more file was not written: the disk that holds")
    );
    assert!(!root.join("lv/b").exists() && !staging.dir.join("lv/b").exists());

    let two = write_errors(&staging, &["lv/c/index.html", "lv/d/index.html"]);
    let folded = staging.fold_not_tried(two);
    let [only] = folded.items() else {
        panic!("one error: {folded:?}")
    };
    assert!(
        only.message.starts_with("3 more files were not written"),
        "{only:?}"
    );
}

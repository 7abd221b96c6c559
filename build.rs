//! Embeds the files `vestis init` writes: the repository's default theme (`themes/default/`)
//! and the sample site (`src/scaffold/init_site/`).
//!
//! Generates `$OUT_DIR/embedded.rs` with two tables of `(relative path, include_bytes!(…))`,
//! sorted by path so the binary is reproducible. Cargo reruns this script whenever a file in
//! either folder is added, changed or removed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const TABLES: &[(&str, &str)] = &[
    ("THEME_FILES", "themes/default"),
    ("SITE_FILES", "src/scaffold/init_site"),
];

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-changed=build.rs");
    let mut code = String::new();
    for (name, dir) in TABLES {
        println!("cargo:rerun-if-changed={dir}");
        let root = manifest.join(dir);
        let mut files = Vec::new();
        if root.is_dir() {
            collect(&root, &root, &mut files);
        } else {
            println!("cargo:warning=`{dir}/` is missing: `vestis init` will refuse to run");
        }
        files.sort();
        let _ = writeln!(
            code,
            "/// Files of `{dir}/`: path relative to it, contents."
        );
        let _ = writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[");
        for rel in &files {
            let full = root.join(rel);
            let _ = writeln!(
                code,
                "    ({:?}, include_bytes!({:?})),",
                rel,
                full.display().to_string()
            );
        }
        code.push_str("];\n");
    }
    std::fs::write(out_dir.join("embedded.rs"), code).expect("write embedded.rs");
}

/// Every regular file under `dir` (hidden files and editor backups left out), as `/`-separated
/// paths relative to `root`.
fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir).expect("read an embedded folder");
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.is_file() {
            let rel = path.strip_prefix(root).expect("under root");
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
}

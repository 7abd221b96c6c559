//! Static files: the theme's `static/`, the site's `static/` (which wins on the same path) and
//! the files records refer to; with content hashes for `asset()`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::content::{FieldValue, Site, io_reason};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Files copied to the output as they are: output path → file on disk.
pub type StaticFiles = BTreeMap<String, PathBuf>;

/// The theme's and the site's static files; the site's win.
pub fn static_files(root: &Path, theme_dir: &Path, diagnostics: &mut Diagnostics) -> StaticFiles {
    let mut files = StaticFiles::new();
    for dir in [theme_dir.join("static"), root.join("static")] {
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).follow_links(true).into_iter() {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if let Some(rel) = e.path().strip_prefix(&dir).ok().and_then(|r| r.to_str()) {
                        files.insert(rel.replace('\\', "/"), e.path().to_path_buf());
                    }
                }
                Ok(_) => {}
                Err(e) if e.loop_ancestor().is_some() || e.io_error().is_some() => {
                    let path = e
                        .path()
                        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf());
                    if path.as_ref().is_some_and(|p| p.exists() || p.is_symlink())
                        || e.loop_ancestor().is_some()
                    {
                        diagnostics.push(
                            Diagnostic::warning(
                                path.as_deref(),
                                "skipped: a symbolic link loop or an unreadable file",
                            )
                            .with_suggestion("remove the link or fix its permissions"),
                        );
                    }
                }
                Err(_) => {}
            }
        }
    }
    files
}

/// Files that records refer to (`file` and `image` fields).
pub fn record_files(site: &Site) -> StaticFiles {
    let mut files = StaticFiles::new();
    let mut add = |v: &FieldValue| collect_files(v, &mut files);
    for record in &site.records {
        record.fields.values().for_each(&mut add);
        record
            .texts
            .values()
            .flat_map(|t| t.fields.values())
            .for_each(&mut add);
    }
    files
}

fn collect_files(value: &FieldValue, files: &mut StaticFiles) {
    match value {
        FieldValue::File(f) => {
            files.insert(f.output_path.clone(), f.source.clone());
        }
        FieldValue::List(items) => items.iter().for_each(|v| collect_files(v, files)),
        _ => {}
    }
}

/// Reads every file, reporting those that cannot be read.
pub fn read_all(
    root: &Path,
    files: &StaticFiles,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .filter_map(|(out, src)| match std::fs::read(src) {
            Ok(bytes) => Some((out.clone(), bytes)),
            Err(e) => {
                let rel = src.strip_prefix(root).unwrap_or(src);
                diagnostics.push(Diagnostic::error(
                    Some(rel),
                    format!("cannot read the file: {}", io_reason(&e)),
                ));
                None
            }
        })
        .collect()
}

/// Short content hash for cache busting.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

//! Static files: the theme's `static/`, the site's `static/` (which wins on the same path) and
//! the files records refer to; with content hashes for `asset()`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::content::{FieldValue, Site};
use crate::diagnostics::Diagnostics;
use crate::source_file::{PUBLISHED_LIMIT, Purpose, SiteFiles};

/// Files copied to the output as they are: output path → file on disk.
pub type StaticFiles = BTreeMap<String, PathBuf>;

/// The theme's and the site's static files; the site's win. Links are followed under the
/// site's link policy, and never into the sources (`content/`, `site.yaml`).
pub fn static_files(
    site_files: &SiteFiles,
    theme_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> StaticFiles {
    let mut files = StaticFiles::new();
    for dir in [theme_dir.join("static"), site_files.root().join("static")] {
        for file in site_files.walk(&dir, Purpose::Publish, diagnostics) {
            files.insert(file.rel, file.path);
        }
    }
    files
}

/// Files that records refer to (`file` and `image` fields, a `video`'s file, captions and
/// poster).
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
        FieldValue::Video(video) => {
            let mut add = |f: &crate::content::FileRef| {
                files.insert(f.output_path.clone(), f.source.clone());
            };
            if let crate::content::VideoSource::Local { file, captions, .. } = &video.source {
                add(file);
                captions.iter().for_each(|c| add(&c.file));
            }
            video.poster.iter().for_each(add);
        }
        _ => {}
    }
}

/// Reads every file, reporting those that cannot be read (or that the link policy refuses).
pub fn read_all(
    site_files: &SiteFiles,
    files: &StaticFiles,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .filter_map(
            |(out, src)| match site_files.read(src, PUBLISHED_LIMIT, Purpose::Publish) {
                Ok(bytes) => Some((out.clone(), bytes)),
                Err(d) => {
                    diagnostics.push(d);
                    None
                }
            },
        )
        .collect()
}

/// Short content hash for cache busting.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

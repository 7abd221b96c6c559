//! Static files: the theme's `static/`, the site's `static/` (which wins on the same path) and
//! the files records refer to; with content hashes for `asset()`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::config::{Config, FieldKind};
use crate::content::{FieldValue, Site};
use crate::diagnostics::Diagnostics;
use crate::media::Request;
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
    for record in &site.records {
        let mut add = |v: &FieldValue| collect_files(v, &mut files);
        record.fields.values().for_each(&mut add);
        record
            .texts
            .values()
            .flat_map(|t| t.fields.values())
            .for_each(&mut add);
        for body in record.texts.values().flat_map(|t| &t.files) {
            files.insert(body.file.output_path.clone(), body.file.source.clone());
        }
    }
    files
}

fn collect_files(value: &FieldValue, files: &mut StaticFiles) {
    match value {
        FieldValue::File(f) => {
            files.insert(f.output_path.clone(), f.source.clone());
        }
        FieldValue::List(items) => items.iter().for_each(|v| collect_files(v, files)),
        FieldValue::Gallery(photos) => {
            for p in photos {
                files.insert(p.file.output_path.clone(), p.file.source.clone());
            }
        }
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

/// The photos of `image` fields (and lists of them) and of galleries: what the image pipeline makes pictures
/// of, each once, with every place that names it.
pub fn image_requests(config: &Config, site: &Site) -> Vec<Request> {
    let mut requests: BTreeMap<PathBuf, Request> = BTreeMap::new();
    for record in &site.records {
        let Some(collection) = config.collections.get(&record.collection) else {
            continue;
        };
        let neutral = record.yaml_path.iter().map(|p| (p, &record.fields));
        let texts = record.texts.values().map(|t| (&t.path, &t.fields));
        for (file, fields) in neutral.chain(texts) {
            for (name, value) in fields {
                if let Some(spec) = collection.fields.get(name) {
                    // Only the photos the collection's `share_image` shares get a share crop.
                    let share = collection.share_image.shares(name);
                    add_images(&spec.kind, value, file, share, &mut requests);
                }
            }
        }
        // Photos shown in the Markdown body (`![…](zale.jpg)`), processed like fields.
        for text in record.texts.values() {
            for body in text.files.iter().filter(|b| b.is_image) {
                let value = FieldValue::File(body.file.clone());
                add_images(&FieldKind::Image, &value, &text.path, false, &mut requests);
            }
        }
    }
    requests.into_values().collect()
}

fn add_images(
    kind: &FieldKind,
    value: &FieldValue,
    file: &Path,
    share: bool,
    requests: &mut BTreeMap<PathBuf, Request>,
) {
    match (kind, value) {
        // A drawing (SVG) has no pixels to resize: it is published as it is.
        (FieldKind::Image, FieldValue::File(f)) if !is_svg(&f.source) => {
            let name = f
                .source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = match f.output_path.rsplit_once('.') {
                Some((stem, _)) if !stem.ends_with('/') => stem.to_string(),
                _ => f.output_path.clone(),
            };
            let request = requests.entry(f.source.clone()).or_insert_with(|| Request {
                source: f.source.clone(),
                original: f.output_path.clone(),
                stem,
                uses: Vec::new(),
                share,
                focus: f.focus,
            });
            // A photo named by a field and by a body gets its share crop.
            request.share |= share;
            request.focus = request.focus.or(f.focus);
            let place = (file.to_path_buf(), name);
            if !request.uses.contains(&place) {
                request.uses.push(place);
            }
        }
        // Only a record's own `image` is shared, not the photos of a list.
        (FieldKind::List(of), FieldValue::List(items)) => {
            items
                .iter()
                .for_each(|v| add_images(of, v, file, false, requests));
        }
        // A video's poster is a photo like an `image` field's (shown, never shared).
        (FieldKind::Video, FieldValue::Video(video)) => {
            if let Some(poster) = &video.poster {
                let value = FieldValue::File(poster.clone());
                add_images(&FieldKind::Image, &value, file, false, requests);
            }
        }
        // The photos of a gallery are shown, not shared (like those of a list).
        (FieldKind::Gallery, FieldValue::Gallery(photos)) => {
            for p in photos {
                let photo = FieldValue::File(p.file.clone());
                add_images(&FieldKind::Image, &photo, file, false, requests);
            }
        }
        _ => {}
    }
}

fn is_svg(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
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

//! The image pipeline: every photo a page shows (an `image` field) is read once per build,
//! turned upright, stripped of all metadata, resized to the widths of site.yaml's `images`
//! (never wider than it is) and encoded in each format, under names that carry a hash of the
//! source and the settings. What was made is kept in the site's cache (`.vestis/cache/images/`),
//! so an unchanged photo is never decoded again. The only home of the image crates; it knows
//! the configuration and nothing of templates or output files.

mod cache;
mod decode;
mod encode;
mod made;
mod strip;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::config::{Config, ImageSettings};
use crate::diagnostics::Diagnostic;
use crate::source_file::{PUBLISHED_LIMIT, Purpose};

pub use cache::CACHE_DIR;
pub use encode::Encoding;
pub use made::{ImageInfo, Images, Processed, Variant};
pub use strip::strip;

use cache::{Cache, Entry, EntryFile};
use encode::Focus;

/// Bumped when what the pipeline writes changes, so old cache entries are not reused.
const PIPELINE_VERSION: &str = "vestis-images-2";

/// A photo to process.
#[derive(Debug, Clone)]
pub struct Request {
    /// The file on disk (absolute).
    pub source: PathBuf,
    /// Where the file itself would be published (`media/events/x/photo.jpg`): what a Markdown
    /// body's `<img src>` names before the pipeline's pictures replace it.
    pub original: String,
    /// Output path without the extension (`media/events/x/photo`): the published files are
    /// `<stem>-<width>.<hash>.<ext>`.
    pub stem: String,
    /// Where it is named: the source file (relative to the site) and the name written there.
    pub uses: Vec<(PathBuf, String)>,
    /// Whether a 1200 × 630 crop for sharing is made too (photos of `image` fields).
    pub share: bool,
}

/// The size of a share image (`og:image`): what link previews show.
pub const SHARE_WIDTH: u32 = 1200;
/// See [`SHARE_WIDTH`].
pub const SHARE_HEIGHT: u32 = 630;

/// Processes every requested photo, in parallel, through the site's cache; prunes the cache
/// of what this run did not use when every photo could be processed.
pub fn process(config: &Config, requests: &[Request]) -> Processed {
    let cache = Cache::new(&config.root);
    let settings = &config.images;
    let results: Vec<(&Request, Result<Made, Failure>)> = requests
        .par_iter()
        .map(|r| (r, process_one(config, &cache, settings, r)))
        .collect();
    let mut done = Processed::default();
    let mut used = HashSet::new();
    for (request, result) in results {
        match result {
            Ok(made) => {
                done.decoded += usize::from(made.decoded);
                used.insert(made.key);
                done.files.extend(made.files);
                let info = Arc::new(made.info);
                let images = &mut done.images;
                images
                    .by_original
                    .insert(request.original.clone(), Arc::clone(&info));
                images.by_source.insert(request.source.clone(), info);
            }
            Err(Failure::Refused(refusal)) => {
                for d in locate(config, request, &refusal.message, &refusal.help) {
                    done.diagnostics.push(d);
                }
            }
            Err(Failure::Unreadable(d)) => done.diagnostics.push(d),
        }
    }
    if !done.diagnostics.has_errors() {
        cache.prune(&used);
    }
    done
}

struct Made {
    key: String,
    info: ImageInfo,
    files: Vec<(String, Vec<u8>)>,
    decoded: bool,
}

enum Failure {
    Refused(decode::Refusal),
    Unreadable(Diagnostic),
}

fn process_one(
    config: &Config,
    cache: &Cache,
    settings: &ImageSettings,
    r: &Request,
) -> Result<Made, Failure> {
    let bytes = config
        .files
        .read(&r.source, PUBLISHED_LIMIT, Purpose::Publish)
        .map_err(Failure::Unreadable)?;
    let key = cache_key(&bytes, settings, r.share);
    let name = r
        .uses
        .first()
        .map_or_else(|| r.stem.clone(), |u| u.1.clone());
    let (entry, encoded, decoded) = match cache.get(&key) {
        Some((entry, encoded)) => (entry, encoded, false),
        None => {
            let (entry, encoded) =
                make(&name, &bytes, settings, r.share).map_err(Failure::Refused)?;
            // A cache that cannot be written only costs time on the next build.
            let _ = cache.put(&key, &entry, &encoded);
            (entry, encoded, true)
        }
    };
    let short = &key[..10];
    let mut files = Vec::new();
    let mut variants = Vec::new();
    let mut encoded = encoded.into_iter();
    for (f, b) in entry.files.iter().zip(encoded.by_ref()) {
        let path = format!("{}-{}.{short}.{}", r.stem, f.width, f.encoding.extension());
        variants.push(Variant {
            encoding: f.encoding,
            width: f.width,
            height: f.height,
            path: path.clone(),
        });
        files.push((path, b));
    }
    let share = entry.share.as_ref().zip(encoded.next()).map(|(f, b)| {
        let path = format!("{}-share.{short}.{}", r.stem, f.encoding.extension());
        files.push((path.clone(), b));
        Variant {
            encoding: f.encoding,
            width: f.width,
            height: f.height,
            path,
        }
    });
    let original = match settings.keep_original {
        true => strip(&bytes, entry.orientation).map(|b| {
            let ext = r
                .source
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("jpg")
                .to_ascii_lowercase();
            let path = format!("{}.{short}.{ext}", r.stem);
            files.push((path.clone(), b));
            path
        }),
        false => None,
    };
    let info = ImageInfo {
        width: entry.width,
        height: entry.height,
        colour: entry.colour,
        variants,
        original,
        share,
    };
    Ok(Made {
        key,
        info,
        files,
        decoded,
    })
}

/// Decodes the photo once and makes every width in every format (and the share crop when
/// `share`).
fn make(
    name: &str,
    bytes: &[u8],
    settings: &ImageSettings,
    share: bool,
) -> Result<(Entry, Vec<Vec<u8>>), decode::Refusal> {
    let decoded = decode::decode(name, bytes)?;
    let image = &decoded.image;
    let (w, h) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let mut widths: Vec<u32> = settings.widths.iter().copied().filter(|&x| x < w).collect();
    // Never upscaled: a photo narrower than a width is published at its own width instead.
    if settings.widths.iter().any(|&x| x >= w) || widths.is_empty() {
        widths.push(w);
    }
    let failed = |e: String| decode::Refusal {
        message: format!("`{name}` could not be converted: {e}"),
        help: "save it again as JPEG in an image program".into(),
    };
    let sized: Vec<image::DynamicImage> = widths
        .par_iter()
        .map(|&width| {
            let height =
                ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32;
            encode::resize(image, width, height, Focus(0.5, 0.5))
        })
        .collect::<Result<_, _>>()
        .map_err(failed)?;
    let mut files = Vec::new();
    let mut encoded = Vec::new();
    for format in &settings.formats {
        let encoding = Encoding::of(*format, alpha);
        for img in &sized {
            let bytes = encode::encode(img, encoding, settings.quality, decoded.icc.as_deref())
                .map_err(failed)?;
            files.push(EntryFile {
                encoding,
                width: img.width(),
                height: img.height(),
                file: format!("{}.{}", img.width(), encoding.extension()),
            });
            encoded.push(bytes);
        }
    }
    let share = match share {
        true => {
            let (width, height) = share_size(w, h);
            let crop = encode::resize(image, width, height, Focus(0.5, 0.5)).map_err(failed)?;
            let encoding = Encoding::of(crate::config::ImageFormat::Jpeg, alpha);
            let bytes = encode::encode(&crop, encoding, settings.quality, decoded.icc.as_deref())
                .map_err(failed)?;
            encoded.push(bytes);
            Some(EntryFile {
                encoding,
                width,
                height,
                file: format!("share.{}", encoding.extension()),
            })
        }
        false => None,
    };
    let smallest = sized
        .first()
        .map_or_else(|| image.clone(), |s| s.thumbnail(16, 16));
    let entry = Entry {
        width: w,
        height: h,
        colour: encode::average_colour(&smallest),
        orientation: decoded.orientation,
        files,
        share,
    };
    Ok((entry, encoded))
}

/// The size of the share crop of a `w` × `h` photo: [`SHARE_WIDTH`] × [`SHARE_HEIGHT`], never
/// upscaled: a smaller photo gives the largest crop of that shape it has.
fn share_size(w: u32, h: u32) -> (u32, u32) {
    let (sw, sh) = (u64::from(SHARE_WIDTH), u64::from(SHARE_HEIGHT));
    let (w, h) = (u64::from(w), u64::from(h));
    // The widest crop of the share shape the photo holds.
    let width = w.min(h * sw / sh).min(sw).max(1);
    let height = ((width * sh + sw / 2) / sw).clamp(1, h.max(1));
    (width as u32, height as u32)
}

/// The cache key: the source's bytes, the settings, whether a share crop is made and the
/// pipeline's version.
fn cache_key(bytes: &[u8], settings: &ImageSettings, share: bool) -> String {
    let mut h = Sha256::new();
    h.update(Sha256::digest(bytes));
    h.update(PIPELINE_VERSION.as_bytes());
    h.update(
        format!(
            "{:?}|{:?}|{}|{}|{share}",
            settings.widths, settings.formats, settings.quality, settings.keep_original
        )
        .as_bytes(),
    );
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One error per place that names the photo, at the name.
fn locate(config: &Config, r: &Request, message: &str, help: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, name) in &r.uses {
        let mut d =
            Diagnostic::error(Some(file), message.to_string()).with_suggestion(help.to_string());
        if let Ok(text) = config.files.read_source(&config.root.join(file))
            && let Ok(text) = String::from_utf8(text)
            && let Some(at) = text.find(name.as_str())
        {
            d = d.at_offset(&text, at, name.len());
        }
        out.push(d);
    }
    if out.is_empty() {
        out.push(
            Diagnostic::error(Some(&r.source), message.to_string())
                .with_suggestion(help.to_string()),
        );
    }
    out
}

/// A raster file published as it is (a `file` field naming a photo, a picture in `static/`):
/// its metadata removed, its orientation kept. Other files come back unchanged.
pub fn published_as_is(bytes: Vec<u8>) -> Vec<u8> {
    match strip(&bytes, decode::orientation(&bytes)) {
        Some(stripped) => stripped,
        None => bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_crop_is_never_upscaled_and_keeps_its_shape() {
        assert_eq!(share_size(4032, 3024), (1200, 630));
        assert_eq!(share_size(1200, 630), (1200, 630));
        // Smaller: the largest crop of the share shape it has.
        assert_eq!(share_size(800, 600), (800, 420));
        // Wide and low: the full height.
        assert_eq!(share_size(2000, 300), (571, 300));
        assert_eq!(share_size(1, 1), (1, 1));
    }
}

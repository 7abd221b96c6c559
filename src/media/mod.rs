//! The image pipeline: every photo a page shows (an `image` field) is read once per build,
//! turned upright, stripped of all metadata, resized to the widths of site.yaml's `images`
//! (never wider than it is) and encoded in each format, under names that carry a hash of the
//! source and the settings. What was made is kept in the site's cache (`.vestis/cache/images/`),
//! so an unchanged photo is never decoded again. The only home of the image crates; it knows
//! the configuration and nothing of templates or output files.

mod cache;
mod decode;
mod encode;
mod hashes;
mod kept;
mod later;
mod make;
mod one;
mod resize;
mod resize_later;
mod resize_plan;
mod strip;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::FocalPoint;
use crate::diagnostics::{Diagnostic, Diagnostics};

pub use cache::CACHE_DIR;
pub use encode::Encoding;
pub use kept::{KEEP_BUDGET, Kept};
pub use later::{Later, warm};
pub use resize::{Fit, MAX_SIDE as MAX_RESIZE, ResizeJob, Resized, plan, run as resize_all};
pub use resize_later::later as resize_later;
pub use strip::strip;

use cache::Cache;
use hashes::Hashes;
use one::{Failure, Made, process_one};

/// Bumped when what the pipeline writes changes, so old cache entries are not reused.
const PIPELINE_VERSION: &str = "vestis-images-3";

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
    /// The part crops keep (`focus:` in the `.yaml`); the middle when not set.
    pub focus: Option<FocalPoint>,
}

/// The size of a share image (`og:image`): what link previews show.
pub const SHARE_WIDTH: u32 = 1200;
/// See [`SHARE_WIDTH`].
pub const SHARE_HEIGHT: u32 = 630;

/// One published picture of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Variant {
    /// Its encoding.
    pub encoding: Encoding,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Output path.
    pub path: String,
}

/// What the pipeline made of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageInfo {
    /// Width of the upright picture.
    pub width: u32,
    /// Height of the upright picture.
    pub height: u32,
    /// Average colour, `#rrggbb`.
    pub colour: String,
    /// Every published picture, by format (site.yaml's order), then width.
    pub variants: Vec<Variant>,
    /// The original, published without metadata (`images.keep_original`).
    pub original: Option<String>,
    /// The crop for sharing ([`SHARE_WIDTH`] × [`SHARE_HEIGHT`], or the largest crop of that
    /// shape a smaller photo has), when one was asked for.
    pub share: Option<Variant>,
    /// The source file (absolute), read again when a template asks for another size.
    pub source: PathBuf,
    /// Its cache key (source content, settings): what other sizes' keys start from.
    pub key: String,
    /// The output path of its pictures without width and extension (`media/events/x/photo`).
    pub stem: String,
    /// The part crops keep.
    pub focus: FocalPoint,
}

/// The processed photos of a build, by source file.
#[derive(Debug, Default, Clone)]
pub struct Images {
    by_source: HashMap<PathBuf, Arc<ImageInfo>>,
    by_original: HashMap<String, Arc<ImageInfo>>,
    /// Every published picture's path (and the original's) → its photo.
    by_path: HashMap<String, Arc<ImageInfo>>,
}

impl Images {
    /// What was made of the photo at `source`.
    pub fn get(&self, source: &Path) -> Option<&ImageInfo> {
        self.by_source.get(source).map(Arc::as_ref)
    }

    /// What was made of the photo that would be published at `path` (`media/events/x/a.jpg`).
    pub fn by_original(&self, path: &str) -> Option<&ImageInfo> {
        self.by_original.get(path).map(Arc::as_ref)
    }

    /// The photo one of whose pictures is published at `path` (an image value's `path`), or
    /// that would be published there as it is.
    pub fn by_path(&self, path: &str) -> Option<&ImageInfo> {
        let path = path.trim_start_matches('/');
        self.by_path
            .get(path)
            .or_else(|| self.by_original.get(path))
            .map(Arc::as_ref)
    }

    /// Whether no photo was processed.
    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }

    /// A hash of everything templates can see of the photos.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let mut all: Vec<_> = self.by_source.iter().collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all.hash(&mut h);
        h.finish()
    }
}

/// The result of [`process`].
#[derive(Debug, Default)]
pub struct Processed {
    /// What templates see.
    pub images: Images,
    /// The files to publish: output path → bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The files to publish that are in the image cache: output path → the cache's file,
    /// copied into the output without holding their bytes.
    pub copies: Vec<(String, PathBuf)>,
    /// Photos that could not be processed, located where they are named.
    pub diagnostics: Diagnostics,
    /// How many photos were decoded (the others came from the cache).
    pub decoded: usize,
    /// The cache entries used (see [`prune`]).
    pub used: HashSet<String>,
    /// Pictures made when first read (`defer`): their output paths and their maker.
    pub later: Vec<(Vec<String>, Arc<Later>)>,
    /// The same makers by source file: the other sizes templates ask of a photo are made by
    /// its maker, from one decoding ([`resize_later()`]).
    pub pending: HashMap<PathBuf, Arc<Later>>,
    /// The photos decoded, kept (within [`KEEP_BUDGET`]) for the other sizes templates ask
    /// of them ([`resize_all`]), so that they are not decoded again.
    pub kept: Kept,
}

/// Processes every requested photo, in parallel, through the site's cache (which [`prune`]
/// clears of what the build did not use, once the other sizes templates asked for are made).
/// With `defer` (`vestis serve`), photos not in the cache are only planned from their
/// headers: their pictures are made when first read (see [`Later`]).
pub fn process(config: &Config, requests: &[Request], defer: bool) -> Processed {
    let cache = Cache::new(&config.root);
    let shared = defer.then(|| Arc::new(config.clone()));
    let room = kept::Room::new(KEEP_BUDGET);
    let known = Hashes::load(&config.root);
    let results: Vec<(&Request, Result<Made, Failure>)> = requests
        .par_iter()
        .map(|r| {
            (
                r,
                process_one(config, &cache, &known, shared.as_ref(), &room, r),
            )
        })
        .collect();
    let mut done = Processed::default();
    let mut hashes = Hashes::default();
    let now = std::time::SystemTime::now();
    for (request, result) in results {
        match result {
            Ok(made) => {
                hashes.insert(request.source.clone(), made.stamp, made.digest, now);
                done.decoded += usize::from(made.decoded);
                done.used.insert(made.key);
                done.files.extend(made.files);
                done.copies.extend(made.copies);
                if let Some((_, maker)) = &made.later {
                    done.pending
                        .insert(request.source.clone(), Arc::clone(maker));
                }
                done.later.extend(made.later);
                if let Some(decoded) = made.kept {
                    done.kept.insert(request.source.clone(), decoded);
                }
                let info = Arc::new(made.info);
                let images = &mut done.images;
                for path in info.variants.iter().map(|v| &v.path).chain(&info.original) {
                    images.by_path.insert(path.clone(), Arc::clone(&info));
                }
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
    // Only this build's photos are kept: the index never grows with photos removed.
    if hashes != known {
        hashes.save(&config.root);
    }
    done
}

/// Removes from the site's cache every entry not in `used`; only after a build whose photos
/// could all be processed (a failed one may not have asked for all it needs).
pub fn prune(config: &Config, used: &HashSet<String>) {
    Cache::new(&config.root).prune(used);
}

/// The first 16 bytes of a digest in hex: a cache key.
fn hex(digest: &[u8]) -> String {
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// One error per place that names the photo, at the name.
pub(super) fn locate(config: &Config, r: &Request, message: &str, help: &str) -> Vec<Diagnostic> {
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

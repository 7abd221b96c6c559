//! Processing one photo of [`super::process`]: its content hash (from the stamp index when
//! the file is unchanged, else by reading it), its cache entry, or its pictures made now
//! (`vestis build`) or planned to be made when first asked for (`vestis serve`). A module of
//! its own so that the pipeline's entry point stays readable beside this step's details.

use std::path::PathBuf;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::config::{Config, ImageSettings};
use crate::content::FocalPoint;
use crate::diagnostics::Diagnostic;
use crate::source_file::{PUBLISHED_LIMIT, Purpose};

use super::cache::{Cache, EntryFile};
use super::hashes::{Hashes, Stamp};
use super::later::Later;
use super::make::make;
use super::{ImageInfo, PIPELINE_VERSION, Request, Variant, decode, hex, kept, later, strip};

pub(super) struct Made {
    pub(super) key: String,
    /// The source's stamp, taken before it was read, and the hash of its bytes.
    pub(super) stamp: Stamp,
    pub(super) digest: [u8; 32],
    pub(super) info: ImageInfo,
    pub(super) files: Vec<(String, Vec<u8>)>,
    pub(super) copies: Vec<(String, PathBuf)>,
    pub(super) later: Option<(Vec<String>, Arc<Later>)>,
    pub(super) decoded: bool,
    pub(super) kept: Option<decode::Decoded>,
}

/// A photo's encoded pictures: in memory, or in the cache (copied from there).
enum Pictures {
    Bytes(Vec<Vec<u8>>),
    Cached(Vec<PathBuf>),
}

pub(super) enum Failure {
    Refused(decode::Refusal),
    Unreadable(Diagnostic),
}

pub(super) fn process_one(
    config: &Config,
    cache: &Cache,
    known: &Hashes,
    defer: Option<&Arc<Config>>,
    room: &kept::Room,
    r: &Request,
) -> Result<Made, Failure> {
    let settings = &config.images;
    let focus = r.focus.unwrap_or(FocalPoint::MIDDLE);
    // The stamp before the bytes: a change after it shows in the next build's stamp.
    let meta = config
        .files
        .stat(&r.source, Purpose::Publish)
        .map_err(Failure::Unreadable)?;
    let stamp = Stamp::of(&meta);
    let read = || {
        config
            .files
            .read(&r.source, PUBLISHED_LIMIT, Purpose::Publish)
            .map_err(Failure::Unreadable)
    };
    // An unchanged photo found in the cache is not read at all.
    let (mut digest, mut bytes) = match known.get(&r.source, &stamp) {
        Some(digest) => (digest, None),
        None => {
            let bytes = read()?;
            (Sha256::digest(&bytes).into(), Some(bytes))
        }
    };
    let mut key = cache_key(&digest, settings, r.share, focus);
    let mut cached = cache.get_paths(&key);
    let needs_bytes = cached.is_none() || settings.keep_original;
    let bytes = match bytes.take() {
        Some(bytes) => bytes,
        None if needs_bytes => {
            let bytes = read()?;
            let fresh: [u8; 32] = Sha256::digest(&bytes).into();
            if fresh != digest {
                digest = fresh;
                key = cache_key(&digest, settings, r.share, focus);
                cached = cache.get_paths(&key);
            }
            bytes
        }
        None => Vec::new(),
    };
    let name = r
        .uses
        .first()
        .map_or_else(|| r.stem.clone(), |u| u.1.clone());
    let (entry, encoded, kept) = match cached {
        Some((entry, paths)) => (entry, Some(Pictures::Cached(paths)), None),
        None if defer.is_some() => {
            let entry = later::plan(&name, &bytes, settings, r.share).map_err(Failure::Refused)?;
            (entry, None, None)
        }
        None => {
            let (entry, encoded, decoded) =
                make(&name, &bytes, settings, r.share, focus).map_err(Failure::Refused)?;
            // Once in the cache, the pictures are copied from there: their bytes are not held
            // until the output is written. A cache that cannot be written only costs time on
            // the next build.
            let pictures = match cache.put(&key, &entry, &encoded) {
                Ok(()) => Pictures::Cached(cache.paths(&key, &entry)),
                Err(_) => Pictures::Bytes(encoded),
            };
            (entry, Some(pictures), Some(room.take(decoded)))
        }
    };
    let decoded = kept.is_some();
    let kept = kept.flatten();
    let short = &key[..10];
    let variant = |f: &EntryFile, path: String| Variant {
        encoding: f.encoding,
        width: f.width,
        height: f.height,
        path,
    };
    let variants: Vec<Variant> = entry
        .files
        .iter()
        .map(|f| {
            let path = format!("{}-{}.{short}.{}", r.stem, f.width, f.encoding.extension());
            variant(f, path)
        })
        .collect();
    let share = entry.share.as_ref().map(|f| {
        let path = format!("{}-share.{short}.{}", r.stem, f.encoding.extension());
        variant(f, path)
    });
    let paths: Vec<String> = variants
        .iter()
        .chain(&share)
        .map(|v| v.path.clone())
        .collect();
    let (mut files, mut copies) = (Vec::new(), Vec::new());
    let later = match (encoded, defer) {
        (Some(Pictures::Bytes(encoded)), _) => {
            files = paths.into_iter().zip(encoded).collect();
            None
        }
        (Some(Pictures::Cached(from)), _) => {
            copies = paths.into_iter().zip(from).collect();
            None
        }
        (None, Some(config)) => {
            let work = later::work(Arc::clone(config), r, key.clone(), entry.clone(), &paths);
            Some((paths, later::Later::new(work)))
        }
        (None, None) => None,
    };
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
        source: r.source.clone(),
        key: key.clone(),
        stem: r.stem.clone(),
        focus,
    };
    Ok(Made {
        key,
        stamp,
        digest,
        info,
        files,
        copies,
        later,
        decoded,
        kept,
    })
}

/// The cache key: the hash of the source's bytes, the settings, whether a share crop is made
/// and the pipeline's version.
fn cache_key(
    digest: &[u8; 32],
    settings: &ImageSettings,
    share: bool,
    focus: FocalPoint,
) -> String {
    let mut h = Sha256::new();
    h.update(digest);
    h.update(PIPELINE_VERSION.as_bytes());
    h.update(
        format!(
            "{:?}|{:?}|{}|{}|{share}|{focus:?}",
            settings.widths, settings.formats, settings.quality, settings.keep_original
        )
        .as_bytes(),
    );
    hex(&h.finalize())
}

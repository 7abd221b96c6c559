//! Other sizes and crops of a processed photo, asked for by templates (`resize(image=…,
//! width=…, height=…, fit=…)`): [`plan`] answers at once with the picture's size and
//! content-hashed names (computed from what the pipeline already knows of the photo, without
//! decoding it), and [`run`] makes every planned picture after the pages, through the same
//! cache, from the photo decoded before the pages when it was kept (see [`super::Kept`]),
//! else decoding it once for all the sizes asked of it.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::source_file::{PUBLISHED_LIMIT, Purpose};

use super::cache::{Cache, Entry, EntryFile};
use super::decode;
use super::encode::{self, Focus};
use super::kept::Kept;

pub use super::resize_plan::{Fit, MAX_SIDE, ResizeJob, plan};

/// What [`run`] made.
#[derive(Debug, Default)]
pub struct Resized {
    /// The files to publish: output path → bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The files to publish that are in the image cache: output path → the cache's file.
    pub copies: Vec<(String, PathBuf)>,
    /// How many photos were decoded for them.
    pub decoded: usize,
    /// The cache entries used.
    pub used: HashSet<String>,
    /// Photos that could not be read or converted.
    pub diagnostics: Vec<Diagnostic>,
}

/// Makes every picture of `jobs` (repeats once), in parallel per photo, from the cache where
/// it is there; the others from the photo in `kept`, or decoded once for all of them.
pub fn run(config: &Config, jobs: &[ResizeJob], kept: &Kept) -> Resized {
    let cache = Cache::new(&config.root);
    let mut by_source: BTreeMap<&PathBuf, BTreeMap<&str, &ResizeJob>> = BTreeMap::new();
    for job in jobs {
        by_source
            .entry(&job.source)
            .or_default()
            .insert(&job.key, job);
    }
    let results: Vec<_> = by_source
        .into_par_iter()
        .map(|(source, jobs)| {
            // What the cache holds is copied from it into the output, its bytes never read.
            let (mut copies, mut cached, mut rest) = (Vec::new(), Vec::new(), Vec::new());
            for job in jobs.into_values() {
                match cache.get_paths(&job.key) {
                    Some((_, from)) if from.len() == job.variants.len() => {
                        copies.extend(job.variants.iter().map(|v| v.path.clone()).zip(from));
                        cached.push(job.key.clone());
                    }
                    _ => rest.push(job),
                }
            }
            let made = match rest.is_empty() {
                true => (Vec::new(), false, Vec::new(), None),
                false => one_source(config, &cache, source, rest, kept.get(source)),
            };
            (made, copies, cached)
        })
        .collect();
    let mut done = Resized::default();
    for ((files, decoded, used, problem), copies, cached) in results {
        done.copies.extend(copies);
        done.used.extend(cached);
        done.files.extend(files);
        done.decoded += usize::from(decoded);
        done.used.extend(used);
        done.diagnostics.extend(problem);
    }
    done
}

pub(super) type SourceDone = (
    Vec<(String, Vec<u8>)>,
    bool,
    Vec<String>,
    Option<Diagnostic>,
);

pub(super) fn one_source(
    config: &Config,
    cache: &Cache,
    source: &Path,
    jobs: Vec<&ResizeJob>,
    kept: Option<&decode::Decoded>,
) -> SourceDone {
    let mut files = Vec::new();
    let mut used = Vec::new();
    let mut missing = Vec::new();
    for job in jobs {
        match cache.get(&job.key) {
            Some((_, bytes)) if bytes.len() == job.variants.len() => {
                publish(job, bytes, &mut files);
                used.push(job.key.clone());
            }
            _ => missing.push(job),
        }
    }
    if missing.is_empty() {
        return (files, false, used, None);
    }
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let problem = |message: String, help: String| {
        Diagnostic::error(Some(source), message).with_suggestion(help)
    };
    let fresh;
    let (decoded, new) = match kept {
        Some(decoded) => (decoded, false),
        None => {
            let bytes = match config.files.read(source, PUBLISHED_LIMIT, Purpose::Publish) {
                Ok(bytes) => bytes,
                Err(d) => return (files, false, used, Some(d)),
            };
            fresh = match decode::decode(&name, &bytes) {
                Ok(d) => d,
                Err(r) => return (files, true, used, Some(problem(r.message, r.help))),
            };
            (&fresh, true)
        }
    };
    for job in missing {
        match make(decoded, job, config.images.quality) {
            Ok(made) => {
                let entry = Entry {
                    width: job.width,
                    height: job.height,
                    colour: job.colour.clone(),
                    orientation: decoded.orientation,
                    files: job
                        .variants
                        .iter()
                        .map(|v| EntryFile {
                            encoding: v.encoding,
                            width: v.width,
                            height: v.height,
                            file: format!("{}.{}", v.width, v.encoding.extension()),
                        })
                        .collect(),
                    share: None,
                };
                // A cache that cannot be written only costs time on the next build.
                let _ = cache.put(&job.key, &entry, &made);
                publish(job, made, &mut files);
                used.push(job.key.clone());
            }
            Err(e) => {
                let r = super::make::conversion_failed(&name, e);
                return (files, new, used, Some(problem(r.message, r.help)));
            }
        }
    }
    (files, new, used, None)
}

fn make(decoded: &decode::Decoded, job: &ResizeJob, quality: u8) -> Result<Vec<Vec<u8>>, String> {
    let (x, y) = job.focus.fractions();
    let picture = encode::resize(&decoded.image, job.width, job.height, Focus(x, y))?;
    job.variants
        .iter()
        .map(|v| encode::encode(&picture, v.encoding, quality, decoded.icc.as_deref()))
        .collect()
}

fn publish(job: &ResizeJob, bytes: Vec<Vec<u8>>, files: &mut Vec<(String, Vec<u8>)>) {
    for (v, b) in job.variants.iter().zip(bytes) {
        files.push((v.path.clone(), b));
    }
}

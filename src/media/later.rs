//! Pictures made after the pages are served (`vestis serve`): on a first start with many new
//! photos, each photo not in the cache is only *planned* (its size and orientation read from
//! its header, which also refuses PDFs, GIFs and decompression bombs at once), so that pages
//! with their final, content-hashed names are served immediately; its pictures are made by
//! [`Later`] when first asked for (a request waits for that photo only) or by a background
//! thread that goes through all of them, whichever comes first. Each photo is still decoded
//! once, and what is made goes into the cache like a build's.

use std::sync::{Arc, Mutex, OnceLock, Weak};

use crate::config::{Config, ImageSettings};
use crate::content::FocalPoint;
use crate::source_file::{PUBLISHED_LIMIT, Purpose};

use super::cache::{Cache, Entry, EntryFile};
use super::{Encoding, Request, ResizeJob, decode};

/// What making a photo's pictures does, given the other sizes templates asked of it
/// ([`Later::attach`]): every output path with its bytes, or why not.
pub type Work = Box<dyn FnOnce(Vec<ResizeJob>) -> Result<Vec<(String, Vec<u8>)>, String> + Send>;

/// Every picture made: output path and bytes.
type Files = Vec<(String, Arc<Vec<u8>>)>;

/// The pictures of one photo (or one photo's other sizes), made once, when first needed.
pub struct Later {
    work: Mutex<Option<Work>>,
    /// Other sizes of the same photo, made from the same decoding (see [`Later::attach`]).
    extra: Mutex<Vec<ResizeJob>>,
    made: OnceLock<Result<Files, String>>,
}

impl std::fmt::Debug for Later {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match self.made.get() {
            None => "pending",
            Some(Ok(_)) => "made",
            Some(Err(_)) => "failed",
        };
        write!(f, "Later({state})")
    }
}

impl Later {
    /// Pictures `work` makes when first asked for.
    pub fn new(work: Work) -> Arc<Later> {
        Arc::new(Later {
            work: Mutex::new(Some(work)),
            extra: Mutex::new(Vec::new()),
            made: OnceLock::new(),
        })
    }

    /// Adds other sizes of the photo (`resize()`) to what this maker makes, so that the photo
    /// is decoded once for all of its pictures; `false` when it has started already (then
    /// they need a maker of their own).
    pub(super) fn attach(&self, jobs: Vec<ResizeJob>) -> bool {
        // Holding the work's lock: making cannot start between the look and the push.
        let Ok(work) = self.work.lock() else {
            return false;
        };
        match (work.is_some(), self.extra.lock()) {
            (true, Ok(mut extra)) => {
                extra.extend(jobs);
                true
            }
            _ => false,
        }
    }

    /// Makes the pictures now unless they are made (another caller making them meanwhile
    /// is waited for).
    fn make(&self) -> &Result<Files, String> {
        self.made.get_or_init(|| {
            let work = self.work.lock().ok().and_then(|mut w| w.take());
            let extra = self
                .extra
                .lock()
                .map(|mut e| std::mem::take(&mut *e))
                .unwrap_or_default();
            match work {
                Some(work) => work(extra)
                    .map(|files| files.into_iter().map(|(p, b)| (p, Arc::new(b))).collect()),
                None => Err("the picture could not be made".into()),
            }
        })
    }

    /// The bytes of the picture published at `path`.
    pub fn file(&self, path: &str) -> Result<Vec<u8>, String> {
        match self.make() {
            Ok(files) => files
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, b)| b.to_vec())
                .ok_or_else(|| format!("`{path}` was not made")),
            Err(e) => Err(e.clone()),
        }
    }
}

/// Makes every photo of `all` one after the other on a thread of its own, skipping those
/// whose site is no longer served (the last strong reference dropped with its output); the
/// thread ends when it is through.
pub fn warm(all: Vec<Weak<Later>>) {
    if all.is_empty() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("vestis-images".into())
        .spawn(move || {
            for later in all {
                if let Some(later) = later.upgrade() {
                    let _ = later.make();
                }
            }
        });
    // Without the thread the pictures are still made when asked for.
    drop(spawned);
}

/// How the pictures of a planned photo are made later: read again, decoded, made as
/// [`super::make::make`] makes them, kept in the cache, published under `paths` (the planned entry's files
/// in order).
pub(super) fn work(
    config: Arc<Config>,
    r: &Request,
    key: String,
    planned: Entry,
    paths: &[String],
) -> Work {
    let (source, share, paths) = (r.source.clone(), r.share, paths.to_vec());
    let request = r.clone();
    let focus = r.focus.unwrap_or(FocalPoint::MIDDLE);
    let name = r
        .uses
        .first()
        .map_or_else(|| r.stem.clone(), |u| u.1.clone());
    Box::new(move |extra: Vec<ResizeJob>| {
        let bytes = config
            .files
            .read(&source, PUBLISHED_LIMIT, Purpose::Publish)
            .map_err(|d| d.to_string())?;
        // Located like a build's error: at the line of the `.yaml`/`.md` that names it.
        let (entry, encoded, decoded) =
            super::make::make(&name, &bytes, &config.images, share, focus).map_err(|refusal| {
                super::locate(&config, &request, &refusal.message, &refusal.help)
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            })?;
        let sizes = |e: &Entry| {
            e.all_files()
                .map(|f| (f.encoding, f.width, f.height))
                .collect::<Vec<_>>()
        };
        if sizes(&entry) != sizes(&planned) || encoded.len() != paths.len() {
            return Err(format!("`{name}` changed while it was being processed"));
        }
        let cache = Cache::new(&config.root);
        let _ = cache.put(&key, &entry, &encoded);
        let mut files: Vec<(String, Vec<u8>)> = paths.into_iter().zip(encoded).collect();
        if !extra.is_empty() {
            // The other sizes from the same decoded photo: it is not decoded again.
            let jobs = extra.iter().collect();
            let (more, _, _, problem) =
                super::resize::one_source(&config, &cache, &source, jobs, Some(&decoded));
            if let Some(problem) = problem {
                return Err(problem.to_string());
            }
            files.extend(more);
        }
        Ok(files)
    })
}

/// The entry [`super::make::make`] will make of a photo, from its header alone (`vestis serve`: see
/// [`Later`]); its colour is a neutral grey until it is made.
pub(super) fn plan(
    name: &str,
    bytes: &[u8],
    settings: &ImageSettings,
    share: bool,
) -> Result<Entry, decode::Refusal> {
    let (w, h, alpha, orientation) = decode::probe(name, bytes)?;
    let mut files = Vec::new();
    for format in &settings.formats {
        let encoding = Encoding::of(*format, alpha);
        for (width, height) in super::make::sizes(w, h, settings) {
            files.push(EntryFile {
                encoding,
                width,
                height,
                file: format!("{width}.{}", encoding.extension()),
            });
        }
    }
    let share = share.then(|| {
        let (width, height) = super::make::share_size(w, h);
        let encoding = Encoding::of(crate::config::ImageFormat::Jpeg, alpha);
        EntryFile {
            encoding,
            width,
            height,
            file: format!("share.{}", encoding.extension()),
        }
    });
    Ok(Entry {
        width: w,
        height: h,
        colour: "#808080".into(),
        orientation,
        files,
        share,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_made_once_when_first_asked_for() {
        let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let later = Later::new(Box::new(move |_| {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(vec![
                ("a.jpg".into(), b"a".to_vec()),
                ("b.jpg".into(), b"b".to_vec()),
            ])
        }));
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 0);
        assert_eq!(later.file("b.jpg").unwrap(), b"b");
        assert_eq!(later.file("a.jpg").unwrap(), b"a");
        assert!(later.file("c.jpg").is_err());
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
        let failed = Later::new(Box::new(|_| Err("damaged".into())));
        assert_eq!(failed.file("a.jpg").unwrap_err(), "damaged");
    }

    fn job(key: &str) -> ResizeJob {
        ResizeJob {
            source: "/site/a.jpg".into(),
            key: key.into(),
            width: 10,
            height: 10,
            focus: FocalPoint::MIDDLE,
            variants: Vec::new(),
            colour: "#000000".into(),
        }
    }

    #[test]
    fn other_sizes_attached_before_making_are_made_by_the_same_work() {
        let runs = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&runs);
        let later = Later::new(Box::new(move |extra: Vec<ResizeJob>| {
            let keys: Vec<String> = extra.iter().map(|j| j.key.clone()).collect();
            seen.lock().unwrap().push(keys.clone());
            Ok(keys.into_iter().map(|k| (k, b"x".to_vec())).collect())
        }));
        assert!(later.attach(vec![job("a"), job("b")]));
        assert_eq!(later.file("b").unwrap(), b"x");
        // Once made, nothing more can join: the caller makes its own maker.
        assert!(!later.attach(vec![job("c")]));
        assert_eq!(
            *runs.lock().unwrap(),
            vec![vec!["a".to_string(), "b".into()]]
        );
    }
}

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
use super::{Encoding, Request, decode};

/// What making a photo's pictures does: every output path with its bytes, or why not.
pub type Work = Box<dyn FnOnce() -> Result<Vec<(String, Vec<u8>)>, String> + Send>;

/// Every picture made: output path and bytes.
type Files = Vec<(String, Arc<Vec<u8>>)>;

/// The pictures of one photo (or one photo's other sizes), made once, when first needed.
pub struct Later {
    work: Mutex<Option<Work>>,
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
            made: OnceLock::new(),
        })
    }

    /// Makes the pictures now unless they are made (another caller making them meanwhile
    /// is waited for).
    fn make(&self) -> &Result<Files, String> {
        self.made.get_or_init(|| {
            let work = self.work.lock().ok().and_then(|mut w| w.take());
            match work {
                Some(work) => {
                    work().map(|files| files.into_iter().map(|(p, b)| (p, Arc::new(b))).collect())
                }
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
    Box::new(move || {
        let bytes = config
            .files
            .read(&source, PUBLISHED_LIMIT, Purpose::Publish)
            .map_err(|d| d.to_string())?;
        // Located like a build's error: at the line of the `.yaml`/`.md` that names it.
        let (entry, encoded, _) = super::make::make(&name, &bytes, &config.images, share, focus)
            .map_err(|refusal| {
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
        let _ = Cache::new(&config.root).put(&key, &entry, &encoded);
        Ok(paths.into_iter().zip(encoded).collect())
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
        let later = Later::new(Box::new(move || {
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
        let failed = Later::new(Box::new(|| Err("damaged".into())));
        assert_eq!(failed.file("a.jpg").unwrap_err(), "damaged");
    }
}

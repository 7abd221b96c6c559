//! The explicit inputs of rendering besides the records: `site.yaml` with the URLs the build
//! uses, the theme's templates, every `.ftl` file, what the image pipeline made of the photos,
//! and every static file of the site and the theme, each *by content*. Derived values record
//! which of them they read (see `render::views`, `render::page_reads`); anything a page shows
//! comes through an input, so none can be forgotten silently. A new kind of input (share-card
//! fonts…) is one more field here, read in [`Inputs::read`] (or told, like the photos and the
//! static files, once the stage that reads them has run), and one more variant of the reads
//! of the values that use it.
//!
//! Two inputs are read before rendering, by the content stage: the record files (by the
//! watcher's paths or by their metadata, `content::record_inputs`) and the clock embargoes are
//! compared with (`content::LoadOptions::now`, a fixed moment per build). The clock decides
//! which records are published; every view and page reads that through the site (which
//! records exist, their order and places: `ViewRead::Place`, `PageRead::Structure`), so a
//! rebuild after an embargo passed shows the record like a fresh build does.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::memo::Fingerprint;
use crate::source_file::Purpose;

/// The fingerprints of this build's inputs; `None` where a file could not be read (the stage
/// that reads it reports why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inputs {
    /// `site.yaml` and the base URL and path the build uses.
    pub config: Fingerprint,
    /// Every template of the theme.
    pub templates: Fingerprint,
    /// Whether a template may read `body` from a record other than the record page's `page`
    /// (`render::body_reads`): record summaries then carry their bodies.
    pub summaries_carry_body: bool,
    /// Every `.ftl` file of the theme and the site.
    pub messages: Fingerprint,
    /// What the image pipeline made of the photos (sizes, variants, colours): `None` until
    /// [`Inputs::with_images`] has been told.
    pub images: Fingerprint,
    /// Every static file of the site and the theme (paths and bytes, as published): `None`
    /// until [`Inputs::with_static_files`] has been told.
    pub static_files: Fingerprint,
}

impl Inputs {
    /// Reads every input for its fingerprint.
    pub fn read(config: &Config) -> Inputs {
        let files = &config.files;
        let theme_dir = config.theme_dir();
        let site_yaml = files
            .read_source(Path::new(crate::config::CONFIG_FILE))
            .ok()
            .map(|text| crate::memo::fingerprint(&(text, &config.base_url, &config.base_path)));
        let mut summaries_carry_body = false;
        let templates = folders_fingerprint(config, &[theme_dir.join("templates")], &mut |t| {
            summaries_carry_body |=
                super::body_reads::reads_body_outside_page(&String::from_utf8_lossy(t));
        });
        Inputs {
            config: site_yaml,
            templates,
            summaries_carry_body,
            messages: folders_fingerprint(
                config,
                &[theme_dir.join("locales"), files.root().join("locales")],
                &mut |_| {},
            ),
            images: None,
            static_files: None,
        }
    }

    /// These inputs with the static files, read (by content) after the record views, before
    /// the pages: what `asset()` answers and which files exist depend on them.
    pub fn with_static_files(self, files: &[(String, Vec<u8>)]) -> Inputs {
        Inputs {
            static_files: Some(crate::memo::fingerprint(files)),
            ..self
        }
    }

    /// These inputs with the fingerprint of the processed photos, which exist only once the
    /// image pipeline has run (after the inputs were read, before the first view).
    pub fn with_images(self, images: u64) -> Inputs {
        Inputs {
            images: Some(images),
            ..self
        }
    }

    /// `site.yaml` together with the photos and whether summaries carry bodies: what every
    /// view reads besides its records (the image values a view shows come from the first two).
    pub fn config_and_images(&self) -> Fingerprint {
        self.config
            .zip(self.images)
            .map(|pair| crate::memo::fingerprint(&(pair, self.summaries_carry_body)))
    }

    /// Whether every input could be read: if not, nothing may be reused (two builds that both
    /// failed to read a file would otherwise look alike).
    pub fn complete(&self) -> bool {
        self.config.is_some() && self.templates.is_some() && self.messages.is_some()
    }

    /// One fingerprint of all of them.
    pub fn all(&self) -> Fingerprint {
        self.complete().then(|| {
            crate::memo::fingerprint(&(
                self.config,
                self.templates,
                self.messages,
                self.images,
                self.static_files,
            ))
        })
    }
}

/// The paths and contents of every source file under `dirs`, each file's text shown to
/// `inspect`.
fn folders_fingerprint(
    config: &Config,
    dirs: &[PathBuf],
    inspect: &mut dyn FnMut(&[u8]),
) -> Fingerprint {
    let files = &config.files;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for dir in dirs {
        // What the policy refuses is reported by the stage that reads it, not here.
        let mut ignored = crate::diagnostics::Diagnostics::new();
        for file in files.walk(dir, Purpose::Source, &mut ignored) {
            file.path.hash(&mut h);
            let text = files.read_source(&file.path).ok()?;
            inspect(&text);
            text.hash(&mut h);
        }
    }
    Some(h.finish())
}

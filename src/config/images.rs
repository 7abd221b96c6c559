//! The `images` settings of site.yaml: which widths and formats the image pipeline
//! (`src/media/`) makes of every photo, at what quality, and whether the original is
//! published too. They exist because a phone photo of 6 MB is too heavy for a reader on a
//! phone, and the right sizes depend on the theme's layout.

use serde::Deserialize;

use crate::yaml::Located;

use super::Resolver;

/// Widths made when site.yaml does not say.
pub const DEFAULT_WIDTHS: [u32; 3] = [480, 960, 1600];
/// The quality of lossy encodings when site.yaml does not say.
pub const DEFAULT_QUALITY: u8 = 80;
/// The widest image made (and the most widths), so that one setting cannot fill the disk.
const MAX_WIDTH: u64 = 8000;
const MAX_WIDTHS: usize = 8;

/// An encoding the pipeline writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    /// Lossy WebP (libwebp).
    Webp,
    /// Baseline JPEG; pictures with transparency get PNG instead.
    Jpeg,
}

impl ImageFormat {
    /// The MIME type, for `<source type=…>`.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Webp => "image/webp",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// `images:` as written in site.yaml.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImages {
    #[serde(default)]
    widths: Option<Located<Vec<u64>>>,
    #[serde(default)]
    formats: Option<Located<Vec<ImageFormat>>>,
    #[serde(default)]
    quality: Option<Located<u64>>,
    #[serde(default)]
    keep_original: bool,
}

/// What the image pipeline makes of each photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageSettings {
    /// Widths in pixels, ascending, without repeats; never wider than the source.
    pub widths: Vec<u32>,
    /// Formats, the preferred first; the last is the fallback every browser shows.
    pub formats: Vec<ImageFormat>,
    /// Lossy quality, 1–100.
    pub quality: u8,
    /// Also publish the original file (its metadata removed).
    pub keep_original: bool,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: DEFAULT_WIDTHS.to_vec(),
            formats: vec![ImageFormat::Webp, ImageFormat::Jpeg],
            quality: DEFAULT_QUALITY,
            keep_original: false,
        }
    }
}

impl Resolver<'_> {
    /// The `images` settings, with the defaults for what is not given.
    pub(super) fn images(&mut self, raw: Option<&RawImages>) -> ImageSettings {
        let mut settings = ImageSettings::default();
        let Some(raw) = raw else {
            return settings;
        };
        settings.keep_original = raw.keep_original;
        if let Some(widths) = &raw.widths {
            let ok = !widths.value.is_empty()
                && widths.value.len() <= MAX_WIDTHS
                && widths.value.iter().all(|w| (16..=MAX_WIDTH).contains(w));
            if ok {
                let mut w: Vec<u32> = widths.value.iter().map(|&w| w as u32).collect();
                w.sort_unstable();
                w.dedup();
                settings.widths = w;
            } else {
                self.error(
                    widths.pos,
                    format!("`images.widths` must list 1 to {MAX_WIDTHS} widths between 16 and {MAX_WIDTH} pixels"),
                )
                .suggestion = Some("for example `widths: [480, 960, 1600]`".into());
            }
        }
        if let Some(formats) = &raw.formats {
            if formats.value.is_empty() {
                self.error(formats.pos, "`images.formats` lists no format")
                    .suggestion = Some("write `formats: [webp, jpeg]`".into());
            } else {
                let mut f = formats.value.clone();
                f.dedup();
                settings.formats = f;
            }
        }
        if let Some(quality) = &raw.quality {
            if (1..=100).contains(&quality.value) {
                settings.quality = quality.value as u8;
            } else {
                self.error(
                    quality.pos,
                    format!(
                        "`images.quality` is {}: it must be between 1 and 100",
                        quality.value
                    ),
                )
                .suggestion = Some(format!("leave it out for the default, {DEFAULT_QUALITY}"));
            }
        }
        settings
    }
}

//! Making a photo's pictures from its bytes: decoded once, resized to every width of
//! site.yaml (never upscaled) and encoded in every format, plus the crop for sharing around
//! the photo's focal point. What the cache keeps of it is the [`Entry`].

use rayon::prelude::*;

use crate::config::ImageSettings;
use crate::content::FocalPoint;

use super::cache::{Entry, EntryFile};
use super::encode::{self, Encoding, Focus};
use super::{SHARE_HEIGHT, SHARE_WIDTH, decode};

/// The sizes a `w` × `h` photo is published at: each configured width below its own, and its
/// own width when a configured one is larger (never upscaled).
pub(super) fn sizes(w: u32, h: u32, settings: &ImageSettings) -> Vec<(u32, u32)> {
    let mut widths: Vec<u32> = settings.widths.iter().copied().filter(|&x| x < w).collect();
    if settings.widths.iter().any(|&x| x >= w) || widths.is_empty() {
        widths.push(w);
    }
    widths
        .into_iter()
        .map(|width| {
            let height =
                ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32;
            (width, height)
        })
        .collect()
}

/// Decodes the photo once and makes every width in every format (and the share crop when
/// `share`); the decoded photo is given back for other sizes of it (see [`super::kept`]).
pub(super) fn make(
    name: &str,
    bytes: &[u8],
    settings: &ImageSettings,
    share: bool,
    focus: FocalPoint,
) -> Result<(Entry, Vec<Vec<u8>>, decode::Decoded), decode::Refusal> {
    let decoded = decode::decode(name, bytes)?;
    let image = &decoded.image;
    let (w, h) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let failed = |e: String| conversion_failed(name, e);
    let sized: Vec<image::DynamicImage> = sizes(w, h, settings)
        .par_iter()
        .map(|&(width, height)| encode::resize(image, width, height, Focus(0.5, 0.5)))
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
            let (x, y) = focus.fractions();
            let crop = encode::resize(image, width, height, Focus(x, y)).map_err(failed)?;
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
    Ok((entry, encoded, decoded))
}

/// The refusal of a photo whose pictures could not be made.
pub(super) fn conversion_failed(name: &str, e: String) -> decode::Refusal {
    decode::Refusal {
        message: format!("`{name}` could not be converted: {e}"),
        help: "save it again as JPEG in an image program".into(),
    }
}

/// The size of the share crop of a `w` × `h` photo: [`SHARE_WIDTH`] × [`SHARE_HEIGHT`], never
/// upscaled: a smaller photo gives the largest crop of that shape it has.
pub(super) fn share_size(w: u32, h: u32) -> (u32, u32) {
    let (sw, sh) = (u64::from(SHARE_WIDTH), u64::from(SHARE_HEIGHT));
    let (w, h) = (u64::from(w), u64::from(h));
    // The widest crop of the share shape the photo holds.
    let width = w.min(h * sw / sh).min(sw).max(1);
    let height = ((width * sh + sw / 2) / sw).clamp(1, h.max(1));
    (width as u32, height as u32)
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

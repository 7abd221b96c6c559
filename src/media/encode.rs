//! Making one published picture from a decoded one: resizing (fast_image_resize, Lanczos3,
//! optionally cropped to an aspect ratio around a focal point) and encoding it as lossy WebP
//! (libwebp) or as the fallback every browser shows, JPEG, or PNG for pictures with
//! transparency. Nothing but the pixels and the ICC profile is written: no EXIF, no XMP.

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ExtendedColorType, ImageEncoder};
use img_parts::{Bytes, ImageICC};

use crate::config::ImageFormat;

/// A file format written to the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// Lossy WebP.
    Webp,
    /// Baseline JPEG.
    Jpeg,
    /// PNG (the fallback for pictures with transparency).
    Png,
}

impl Encoding {
    /// What `format` becomes for a picture with or without transparency.
    pub fn of(format: ImageFormat, alpha: bool) -> Encoding {
        match (format, alpha) {
            (ImageFormat::Webp, _) => Encoding::Webp,
            (ImageFormat::Jpeg, false) => Encoding::Jpeg,
            (ImageFormat::Jpeg, true) => Encoding::Png,
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Webp => "webp",
            Encoding::Jpeg => "jpg",
            Encoding::Png => "png",
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Encoding::Webp => "image/webp",
            Encoding::Jpeg => "image/jpeg",
            Encoding::Png => "image/png",
        }
    }
}

/// Where a crop keeps the picture: fractions of its width and height (0.5, 0.5 = the middle).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus(pub f64, pub f64);

/// `image` scaled to `width` × `height`; when that is another aspect ratio, the source is
/// first cropped to it around `focus` (`fit = "cover"`).
pub fn resize(
    image: &DynamicImage,
    width: u32,
    height: u32,
    focus: Focus,
) -> Result<DynamicImage, String> {
    if (image.width(), image.height()) == (width, height) {
        return Ok(image.clone());
    }
    let (pixel, buffer) = match image {
        DynamicImage::ImageRgba8(i) => (PixelType::U8x4, i.as_raw().clone()),
        other => (PixelType::U8x3, other.to_rgb8().into_raw()),
    };
    let src = Image::from_vec_u8(image.width(), image.height(), buffer, pixel)
        .map_err(|e| e.to_string())?;
    let mut dst = Image::new(width, height, pixel);
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .fit_into_destination(Some((focus.0.clamp(0.0, 1.0), focus.1.clamp(0.0, 1.0))));
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| e.to_string())?;
    let raw = dst.into_vec();
    let out = match pixel {
        PixelType::U8x4 => {
            image::RgbaImage::from_raw(width, height, raw).map(DynamicImage::ImageRgba8)
        }
        _ => image::RgbImage::from_raw(width, height, raw).map(DynamicImage::ImageRgb8),
    };
    out.ok_or_else(|| "the resized picture has the wrong size".to_string())
}

/// `image` encoded as `encoding`, with the ICC profile when there is one.
pub fn encode(
    image: &DynamicImage,
    encoding: Encoding,
    quality: u8,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, String> {
    let (w, h) = (image.width(), image.height());
    let mut out = Vec::new();
    match (encoding, image) {
        (Encoding::Webp, DynamicImage::ImageRgba8(i)) => {
            let webp = webp::Encoder::from_rgba(i.as_raw(), w, h)
                .encode_simple(false, f32::from(quality))
                .map_err(|e| format!("{e:?}"))?;
            out = with_icc_webp(&webp, icc);
        }
        (Encoding::Webp, other) => {
            let rgb = other.to_rgb8();
            let webp = webp::Encoder::from_rgb(rgb.as_raw(), w, h)
                .encode_simple(false, f32::from(quality))
                .map_err(|e| format!("{e:?}"))?;
            out = with_icc_webp(&webp, icc);
        }
        (Encoding::Jpeg, other) => {
            let rgb = other.to_rgb8();
            let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
            if let Some(icc) = icc {
                let _ = encoder.set_icc_profile(icc.to_vec());
            }
            encoder
                .write_image(rgb.as_raw(), w, h, ExtendedColorType::Rgb8)
                .map_err(|e| e.to_string())?;
        }
        (Encoding::Png, other) => {
            let rgba = other.to_rgba8();
            let mut encoder = PngEncoder::new(Cursor::new(&mut out));
            if let Some(icc) = icc {
                let _ = encoder.set_icc_profile(icc.to_vec());
            }
            encoder
                .write_image(rgba.as_raw(), w, h, ExtendedColorType::Rgba8)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(out)
}

fn with_icc_webp(webp: &[u8], icc: Option<&[u8]>) -> Vec<u8> {
    let Some(icc) = icc else {
        return webp.to_vec();
    };
    match img_parts::webp::WebP::from_bytes(Bytes::copy_from_slice(webp)) {
        Ok(mut file) => {
            file.set_icc_profile(Some(Bytes::copy_from_slice(icc)));
            file.encoder().bytes().to_vec()
        }
        Err(_) => webp.to_vec(),
    }
}

/// The picture's average colour as `#rrggbb`, shown while it loads.
pub fn average_colour(image: &DynamicImage) -> String {
    let rgb = image.to_rgb8();
    let n = u64::from(rgb.width()) * u64::from(rgb.height());
    let mut sum = [0u64; 3];
    for p in rgb.pixels() {
        for (s, c) in sum.iter_mut().zip(p.0) {
            *s += u64::from(c);
        }
    }
    let [r, g, b] = sum.map(|s| s.checked_div(n).unwrap_or(0));
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_resized_and_encoded_in_every_format() {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(300, 200, |x, _| {
            image::Rgb([(x % 256) as u8, 100, 50])
        }));
        let small = resize(&img, 150, 100, Focus(0.5, 0.5)).unwrap();
        assert_eq!((small.width(), small.height()), (150, 100));
        let square = resize(&img, 50, 50, Focus(0.0, 0.5)).unwrap();
        assert_eq!((square.width(), square.height()), (50, 50));
        let webp = encode(&small, Encoding::Webp, 80, None).unwrap();
        assert_eq!(&webp[8..12], b"WEBP");
        let jpeg = encode(&small, Encoding::Jpeg, 80, Some(b"icc")).unwrap();
        assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
        assert_eq!(image::load_from_memory(&jpeg).unwrap().width(), 150);
        assert_eq!(
            average_colour(&DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
                2,
                2,
                image::Rgb([255, 0, 16])
            ))),
            "#ff0010"
        );
    }
}

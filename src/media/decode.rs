//! Reading a photo: what kind of file it really is (by its first bytes, not its name),
//! decoding JPEG, PNG and WebP under limits, and turning it upright (EXIF orientation).
//! A picture of 20,000 × 20,000 pixels compresses to a few kilobytes and would take 1.6 GB to
//! decode: the size is read from the header first and refused before any pixel is.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// The widest or tallest picture accepted, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most pixels accepted (a 50-megapixel camera).
pub const MAX_PIXELS: u64 = 50_000_000;
/// The most memory one decoder may ask for.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// A decoded picture, upright, 8 bits per channel (RGB, or RGBA when it has transparency).
pub struct Decoded {
    /// The pixels.
    pub image: DynamicImage,
    /// The ICC colour profile, carried over into what is made of it.
    pub icc: Option<Vec<u8>>,
    /// The EXIF orientation it had (1 = upright).
    pub orientation: u8,
}

/// Why a file cannot be made into published pictures, in the officer's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

/// Decodes `bytes`, the file `name`.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Decoded, Refusal> {
    let (mut decoder, kind) = open(name, bytes)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|e| damaged(name, kind, bytes, Some(&e)))?;
    image.apply_orientation(orientation);
    // 16-bit, grey and CMYK pictures (the decoder gives CMYK as RGB) become 8-bit RGB(A).
    let image = match image.color().has_alpha() {
        true => DynamicImage::ImageRgba8(image.into_rgba8()),
        false => DynamicImage::ImageRgb8(image.into_rgb8()),
    };
    Ok(Decoded {
        image,
        icc,
        orientation: orientation.to_exif(),
    })
}

/// What a photo's header says, without decoding its pixels: the size of the upright
/// picture, whether it has transparency and its EXIF orientation; refused like [`decode`]
/// refuses what is not a photo, a cut JPEG or a picture too large (damage further in is only
/// found when it is decoded).
pub fn probe(name: &str, bytes: &[u8]) -> Result<(u32, u32, bool, u8), Refusal> {
    let (mut decoder, _) = open(name, bytes)?;
    let (w, h) = decoder.dimensions();
    let orientation = decoder
        .orientation()
        .map_or(1, image::metadata::Orientation::to_exif);
    let alpha = decoder.color_type().has_alpha();
    // Orientations 5 to 8 turn the picture a quarter.
    let (w, h) = if orientation >= 5 { (h, w) } else { (w, h) };
    Ok((w, h, alpha, orientation))
}

/// The decoder of a photo, its header read and its size checked against the limits (the one
/// check of [`decode`] and [`probe`]), with the name of its format for messages.
fn open<'a>(
    name: &str,
    bytes: &'a [u8],
) -> Result<(impl ImageDecoder + 'a, &'static str), Refusal> {
    let format = sniff(name, bytes)?;
    let kind = format_name(format);
    if format == image::ImageFormat::Jpeg && !has_end_marker(bytes) {
        // The JPEG decoder paints what is missing grey; a cut file is refused instead.
        return Err(damaged(name, kind, bytes, None));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader
        .into_decoder()
        .map_err(|e| damaged(name, kind, bytes, Some(&e)))?;
    let (w, h) = decoder.dimensions();
    within_limits(name, w, h)?;
    Ok((decoder, kind))
}

/// Refuses a picture of `w` × `h` pixels larger than vestis accepts.
fn within_limits(name: &str, w: u32, h: u32) -> Result<(), Refusal> {
    match w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        true => Err(too_large(name, w, h)),
        false => Ok(()),
    }
}

/// The EXIF orientation of a JPEG, PNG or WebP without decoding its pixels (1 when it has
/// none or cannot be read).
pub fn orientation(bytes: &[u8]) -> u8 {
    let Ok(reader) = ImageReader::new(Cursor::new(bytes)).with_guessed_format() else {
        return 1;
    };
    reader
        .into_decoder()
        .and_then(|mut d| d.orientation())
        .map_or(1, |o| o.to_exif())
}

/// The file's real format, from its first bytes.
fn sniff(name: &str, bytes: &[u8]) -> Result<image::ImageFormat, Refusal> {
    if bytes.starts_with(b"%PDF") {
        return Err(Refusal {
            message: format!("`{name}` is a PDF document, not a photo"),
            help: "export the page as a JPEG or PNG picture, or name the PDF in a `file` field to offer it for download".into(),
        });
    }
    match image::guess_format(bytes) {
        Ok(f @ (image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP)) => {
            Ok(f)
        }
        Ok(image::ImageFormat::Gif) => Err(Refusal {
            message: format!("`{name}` is a GIF picture; photos must be JPEG, PNG or WebP files"),
            help: "save a still picture as PNG; show an animation as a video".into(),
        }),
        _ if bytes.is_empty() => Err(Refusal {
            message: format!("`{name}` is empty"),
            help: "copy the photo again from the camera or the phone".into(),
        }),
        _ => Err(Refusal {
            message: format!("`{name}` is not a JPEG, PNG or WebP picture"),
            help: "open it in an image program and save it as JPEG".into(),
        }),
    }
}

fn format_name(format: image::ImageFormat) -> &'static str {
    match format {
        image::ImageFormat::Png => "PNG",
        image::ImageFormat::WebP => "WebP",
        _ => "JPEG",
    }
}

/// Whether a JPEG has its end marker after the start of its first scan (inside the scan
/// data, 0xFF is always followed by 0 or a restart marker, so `FF D9` is the real end).
fn has_end_marker(bytes: &[u8]) -> bool {
    let Some(scan) = bytes.windows(2).position(|w| w == [0xFF, 0xDA]) else {
        return false;
    };
    bytes[scan..].windows(2).any(|w| w == [0xFF, 0xD9])
}

fn damaged(name: &str, kind: &str, bytes: &[u8], error: Option<&image::ImageError>) -> Refusal {
    if let Some(image::ImageError::Limits(_)) = error {
        // The container's header alone says how large it is (no pixel is read).
        let header = img_parts::DynImage::from_bytes(img_parts::Bytes::copy_from_slice(bytes));
        if let Some((w, h)) = header.ok().flatten().and_then(|i| i.dimensions())
            && let Err(refusal) = within_limits(name, w, h)
        {
            return refusal;
        }
        return Refusal {
            message: format!("`{name}` is too large to open: it would need more than {} MB of memory", MAX_ALLOC / 1024 / 1024),
            help: "make it smaller in an image program: a photo for the web needs at most 4000 pixels across".into(),
        };
    }
    Refusal {
        message: format!(
            "`{name}` cannot be read as a {kind} picture: the file is damaged or incomplete"
        ),
        help:
            "copy it again from the camera or the phone, or export it again from the image program"
                .into(),
    }
}

fn too_large(name: &str, w: u32, h: u32) -> Refusal {
    Refusal {
        message: format!(
            "`{name}` is {w} × {h} pixels, larger than vestis accepts ({MAX_SIDE} pixels a side, {} megapixels)",
            MAX_PIXELS / 1_000_000
        ),
        help: "make it smaller in an image program: a photo for the web needs at most 4000 pixels across".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_judged_by_their_bytes() {
        let pdf = decode("a.jpg", b"%PDF-1.4 ...").err().unwrap();
        assert!(pdf.message.contains("PDF"), "{pdf:?}");
        let gif = decode("a.gif", b"GIF89a....").err().unwrap();
        assert!(gif.message.contains("GIF"), "{gif:?}");
        let text = decode("a.jpg", b"hello").err().unwrap();
        assert!(text.message.contains("not a JPEG"), "{text:?}");
    }

    #[test]
    fn a_truncated_jpeg_is_damaged() {
        let mut bytes = Vec::new();
        let img = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 10, 10]));
        img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
            .unwrap();
        let whole = decode("a.jpg", &bytes).ok().unwrap();
        assert_eq!(whole.image.width(), 64);
        let cut = decode("a.jpg", &bytes[..bytes.len() / 3]).err().unwrap();
        assert!(cut.message.contains("damaged"), "{cut:?}");
    }
}

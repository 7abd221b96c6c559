//! What templates see of a photo of an `image` field: the documented template API of images.
//! `url`, `width` and `height` are the fallback picture at its largest width; `srcset` lists the
//! fallback's widths and `sources` one `srcset` per format with its MIME type, for
//! `<picture><source type=… srcset=…>`; `colour` is the average colour to show while it loads.
//! A gallery's photo is an image value with its `caption`.

use std::borrow::Cow;

use serde::Serialize;
use tera::Value;

use crate::content::GalleryImage;
use crate::media::{Encoding, ImageInfo, Images, ResizeJob, Variant};

use super::api::{FileValue, to_value};
use super::urls::Urls;

/// An image value, as templates see it.
#[derive(Serialize)]
struct ImageValue<'a> {
    url: String,
    path: &'a str,
    width: u32,
    height: u32,
    alt: Option<&'a str>,
    srcset: String,
    sources: Vec<Source>,
    colour: &'a str,
    original: Option<String>,
    /// The focal point, `[across, down]` from 0 to 1: what `resize(fit="cover")` keeps.
    focus: [f64; 2],
}

/// One format's pictures.
#[derive(Serialize)]
struct Source {
    #[serde(rename = "type")]
    mime: &'static str,
    srcset: String,
}

/// The value of a processed photo with its `alt` text in the page's language.
pub(super) fn value(info: &ImageInfo, alt: Option<&str>, urls: &Urls) -> Value {
    let encodings = encodings(info);
    let Some(&fallback) = encodings.last() else {
        return Value::none();
    };
    let Some(largest) = largest(info, fallback) else {
        return Value::none();
    };
    let value = ImageValue {
        url: urls.url(&largest.path),
        path: &largest.path,
        width: largest.width,
        height: largest.height,
        alt,
        srcset: srcset(info, fallback, urls),
        sources: encodings
            .iter()
            .map(|&e| Source {
                mime: e.mime(),
                srcset: srcset(info, e, urls),
            })
            .collect(),
        colour: &info.colour,
        original: info.original.as_deref().map(|p| urls.url(p)),
        focus: fractions(info.focus),
    };
    Value::from_serializable(&value)
}

/// The value `resize` answers: an image value of one size (one picture per format).
pub(super) fn resized(job: &ResizeJob, alt: Option<&str>, urls: &Urls) -> Value {
    let Some(fallback) = job.variants.last() else {
        return Value::none();
    };
    let one = |v: &Variant| format!("{} {}w", urls.url(&v.path), v.width);
    let value = ImageValue {
        url: urls.url(&fallback.path),
        path: &fallback.path,
        width: job.width,
        height: job.height,
        alt,
        srcset: one(fallback),
        sources: job
            .variants
            .iter()
            .map(|v| Source {
                mime: v.encoding.mime(),
                srcset: one(v),
            })
            .collect(),
        colour: &job.colour,
        original: None,
        focus: fractions(job.focus),
    };
    to_value(&value)
}

/// A photo of a gallery: an image value (a plain `url`/`path` for a drawing, which the pipeline
/// does not process) with its `alt` and `caption` in `lang`.
pub(super) fn gallery_photo(
    images: &Images,
    photo: &GalleryImage,
    lang: &str,
    urls: &Urls,
) -> Value {
    let alt = photo.alt.get(lang).map(String::as_str);
    let processed = images
        .get(&photo.file.source)
        .and_then(|info| value(info, alt, urls).into_map());
    // This entry's own focal point (the same photo may be cut elsewhere in another entry).
    let mut processed = processed;
    if let (Some(map), Some(focus)) = (processed.as_mut(), photo.file.focus) {
        let [x, y] = fractions(focus);
        map.insert(
            "focus".into(),
            Value::from(vec![Value::from(x), Value::from(y)]),
        );
    }
    let mut map = processed.unwrap_or_else(|| {
        let file = FileValue {
            url: urls.url(&photo.file.output_path),
            path: &photo.file.output_path,
            alt,
        };
        to_value(&file).into_map().unwrap_or_default()
    });
    map.insert("caption".into(), photo.caption.get(lang).cloned().into());
    Value::from(map)
}

/// A Markdown body's `<img src="…/media/…/zale.jpg" alt="…" />` of a processed photo becomes a
/// `<picture>` with the pipeline's pictures, as `partials/picture.html` writes them (lazy: a
/// body's photos are below the record's first one). Borrowed when there is no such photo.
pub(super) fn body_pictures<'h>(html: &'h str, images: &Images, urls: &Urls) -> Cow<'h, str> {
    const IMG: &str = "<img src=\"";
    if images.is_empty() || !html.contains(IMG) {
        return Cow::Borrowed(html);
    }
    let prefix = urls.url("");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(IMG) {
        out.push_str(&rest[..at]);
        let after = &rest[at + IMG.len()..];
        let end = after.find('"').unwrap_or(after.len());
        let tag_end = after.find('>').map_or(after.len(), |e| e + 1);
        let info = after[..end]
            .strip_prefix(&prefix)
            .and_then(|path| images.by_original(path));
        match (info, tag_end > end) {
            (Some(info), true) => {
                out.push_str(&picture(info, &after[end + 1..tag_end], urls));
                rest = &after[tag_end..];
            }
            _ => {
                out.push_str(IMG);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `<picture>` for `info`; `attributes` is the rest of the original tag (` alt="…" />`).
fn picture(info: &ImageInfo, attributes: &str, urls: &Urls) -> String {
    const SIZES: &str = "(min-width: 60em) 40em, 100vw";
    let encodings = encodings(info);
    let Some((&fallback, preferred)) = encodings.split_last() else {
        return String::new();
    };
    let Some(largest) = largest(info, fallback) else {
        return String::new();
    };
    let mut out = String::from("<picture>");
    for &e in preferred {
        out.push_str(&format!(
            "<source type=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\">",
            e.mime(),
            srcset(info, e, urls)
        ));
    }
    let attributes = attributes
        .trim_end()
        .trim_end_matches('>')
        .trim_end_matches('/');
    out.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\" style=\"background-color:{}\"{}></picture>",
        urls.url(&largest.path),
        srcset(info, fallback, urls),
        largest.width,
        largest.height,
        info.colour,
        attributes.trim_end()
    ));
    out
}

fn fractions(focus: crate::content::FocalPoint) -> [f64; 2] {
    let (x, y) = focus.fractions();
    [x, y]
}

/// The formats of `info`, in site.yaml's order (the fallback last).
fn encodings(info: &ImageInfo) -> Vec<Encoding> {
    let mut all = Vec::new();
    for v in &info.variants {
        if !all.contains(&v.encoding) {
            all.push(v.encoding);
        }
    }
    all
}

/// `"/media/…-480.h.webp 480w, …"` for one format.
fn srcset(info: &ImageInfo, encoding: Encoding, urls: &Urls) -> String {
    info.variants
        .iter()
        .filter(|v| v.encoding == encoding)
        .map(|v| format!("{} {}w", urls.url(&v.path), v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The widest picture of one format.
/// The largest picture in the fallback format every browser shows (JPEG or PNG) and that
/// format's `srcset`: a video's poster.
pub(super) fn largest_fallback<'a>(
    info: &'a ImageInfo,
    urls: &Urls,
) -> Option<(&'a Variant, String)> {
    let fallback = *encodings(info).last()?;
    Some((largest(info, fallback)?, srcset(info, fallback, urls)))
}

fn largest(info: &ImageInfo, encoding: Encoding) -> Option<&Variant> {
    info.variants
        .iter()
        .filter(|v| v.encoding == encoding)
        .max_by_key(|v| v.width)
}

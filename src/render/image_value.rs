//! What templates see of a photo of an `image` field: the documented template API of images.
//! `url`, `width` and `height` are the fallback picture at its largest width; `srcset` lists the
//! fallback's widths and `sources` one `srcset` per format with its MIME type, for
//! `<picture><source type=… srcset=…>`; `colour` is the average colour to show while it loads.

use serde::Serialize;
use tera::Value;

use crate::media::{Encoding, ImageInfo};

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
    let mut encodings: Vec<Encoding> = Vec::new();
    for v in &info.variants {
        if !encodings.contains(&v.encoding) {
            encodings.push(v.encoding);
        }
    }
    let srcset_of = |e: Encoding| {
        info.variants
            .iter()
            .filter(|v| v.encoding == e)
            .map(|v| format!("{} {}w", urls.url(&v.path), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fallback = encodings.last().copied();
    let largest = info
        .variants
        .iter()
        .filter(|v| Some(v.encoding) == fallback)
        .max_by_key(|v| v.width);
    let Some(largest) = largest else {
        return Value::none();
    };
    let value = ImageValue {
        url: urls.url(&largest.path),
        path: &largest.path,
        width: largest.width,
        height: largest.height,
        alt,
        srcset: fallback.map(srcset_of).unwrap_or_default(),
        sources: encodings
            .iter()
            .map(|&e| Source {
                mime: e.mime(),
                srcset: srcset_of(e),
            })
            .collect(),
        colour: &info.colour,
        original: info.original.as_deref().map(|p| urls.url(p)),
    };
    Value::from_serializable(&value)
}

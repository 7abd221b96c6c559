//! A `video` field as templates see it (README, "Template reference", video values): what the
//! default theme's broadcast pages need to show a local poster and a "play" button first, and
//! the host's player only after a click.
//!
//! Apart from `context.rs` because a video is the one value that needs the record's other
//! fields (its image, as the poster when the video has none) and the site's languages.

use serde::Serialize;
use tera::Value;

use super::api::to_value;

use crate::config::{Config, FieldKind};
use crate::content::{FieldValue, FileRef, Record, Text, Video, VideoSource};
use crate::media::Images;

use super::urls::Urls;

/// A `video` field, as templates see it (README, "Video values").
#[derive(Serialize)]
struct VideoValue<'a> {
    title: &'a str,
    kind: &'static str,
    provider: &'a str,
    host: Option<&'a str>,
    src: Option<String>,
    #[serde(rename = "type")]
    mime: Option<&'static str>,
    embed_url: Option<&'a str>,
    watch_url: String,
    captions: Vec<CaptionValue<'a>>,
    poster: Option<PosterValue<'a>>,
}

/// One captions file of a local video.
#[derive(Serialize)]
struct CaptionValue<'a> {
    lang: &'a str,
    label: &'a str,
    url: String,
    default: bool,
}

/// A video's poster: `{url, path, width, height, srcset}`.
#[derive(Serialize)]
struct PosterValue<'a> {
    url: String,
    path: &'a str,
    width: Option<u32>,
    height: Option<u32>,
    srcset: Option<String>,
}

/// `{title, kind, provider, host, src, type, embed_url, watch_url, captions, poster}`.
pub(super) fn video_value(
    video: &Video,
    config: &Config,
    urls: &Urls,
    images: &Images,
    record: &Record,
    text: &Text,
    lang: &str,
) -> Value {
    let poster = video
        .poster
        .as_ref()
        .or_else(|| record_image(config, record, text))
        .map(|p| poster_value(p, urls, images));
    let value = match &video.source {
        VideoSource::Local {
            file,
            mime,
            captions,
        } => {
            let src = urls.url(&file.output_path);
            let captions = captions
                .iter()
                .map(|c| CaptionValue {
                    lang: &c.lang,
                    label: config
                        .languages
                        .iter()
                        .find(|l| l.code == c.lang)
                        .map_or(c.lang.as_str(), |l| l.name.as_str()),
                    url: urls.url(&c.file.output_path),
                    default: c.lang == lang,
                })
                .collect();
            VideoValue {
                title: &text.title,
                kind: "local",
                provider: "file",
                host: None,
                src: Some(src.clone()),
                mime: Some(*mime),
                embed_url: None,
                watch_url: src,
                captions,
                poster,
            }
        }
        VideoSource::Hosted(hosted) => VideoValue {
            title: &text.title,
            kind: "hosted",
            provider: hosted.provider.name(),
            host: Some(&hosted.host),
            src: None,
            mime: None,
            embed_url: hosted.embed_url.as_deref(),
            watch_url: hosted.watch_url.clone(),
            captions: Vec::new(),
            poster,
        },
    };
    to_value(&value)
}

/// The record's first image, the poster of a video that names none.
fn record_image<'a>(config: &Config, record: &'a Record, text: &'a Text) -> Option<&'a FileRef> {
    let collection = config.collections.get(&record.collection)?;
    collection
        .fields
        .iter()
        .filter(|(_, spec)| spec.kind == FieldKind::Image)
        .find_map(|(name, _)| match record.field(name, Some(text)) {
            Some(FieldValue::File(file)) => Some(file),
            _ => None,
        })
}

/// `{url, path, width, height, srcset}`: a photo's largest JPEG/PNG picture from the image
/// pipeline (metadata stripped) and its widths; a drawing (SVG) as its file, with the size and
/// `srcset` `none`.
fn poster_value<'a>(file: &'a FileRef, urls: &Urls, images: &'a Images) -> PosterValue<'a> {
    let picture = images
        .get(&file.source)
        .and_then(|info| super::image_value::largest_fallback(info, urls));
    match picture {
        Some((p, srcset)) => PosterValue {
            url: urls.url(&p.path),
            path: &p.path,
            width: Some(p.width),
            height: Some(p.height),
            srcset: Some(srcset),
        },
        None => PosterValue {
            url: urls.url(&file.output_path),
            path: &file.output_path,
            width: None,
            height: None,
            srcset: None,
        },
    }
}

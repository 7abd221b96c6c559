//! A `video` field as templates see it (README, "Template reference", video values): what the
//! default theme's broadcast pages need to show a local poster and a "play" button first, and
//! the host's player only after a click.
//!
//! Apart from `context.rs` because a video is the one value that needs the record's other
//! fields (its image, as the poster when the video has none) and the site's languages.

use tera::{Map, Value};

use crate::config::{Config, FieldKind};
use crate::content::{FieldValue, FileRef, Record, Text, Video, VideoSource};
use crate::media::Images;

use super::urls::Urls;

/// `{kind, provider, host, src, type, embed_url, watch_url, poster, captions, title}`.
pub(super) fn video_value(
    video: &Video,
    config: &Config,
    urls: &Urls,
    images: &Images,
    record: &Record,
    text: &Text,
    lang: &str,
) -> Value {
    let mut map = Map::new();
    map.insert("title".into(), text.title.as_str().into());
    match &video.source {
        VideoSource::Local {
            file,
            mime,
            captions,
        } => {
            let src = urls.url(&file.output_path);
            map.insert("kind".into(), "local".into());
            map.insert("provider".into(), "file".into());
            map.insert("host".into(), Value::none());
            map.insert("src".into(), src.as_str().into());
            map.insert("type".into(), (*mime).into());
            map.insert("embed_url".into(), Value::none());
            map.insert("watch_url".into(), src.into());
            let list: Vec<Value> = captions
                .iter()
                .map(|c| {
                    let label = config
                        .languages
                        .iter()
                        .find(|l| l.code == c.lang)
                        .map_or(c.lang.as_str(), |l| l.name.as_str());
                    let mut caption = Map::new();
                    caption.insert("lang".into(), c.lang.as_str().into());
                    caption.insert("label".into(), label.into());
                    caption.insert("url".into(), urls.url(&c.file.output_path).into());
                    caption.insert("default".into(), (c.lang == lang).into());
                    Value::from(caption)
                })
                .collect();
            map.insert("captions".into(), Value::from(list));
        }
        VideoSource::Hosted(hosted) => {
            map.insert("kind".into(), "hosted".into());
            map.insert("provider".into(), hosted.provider.name().into());
            map.insert("host".into(), hosted.host.as_str().into());
            map.insert("src".into(), Value::none());
            map.insert("type".into(), Value::none());
            map.insert("embed_url".into(), hosted.embed_url.clone().into());
            map.insert("watch_url".into(), hosted.watch_url.as_str().into());
            map.insert("captions".into(), Value::from(Vec::<Value>::new()));
        }
    }
    let poster = video
        .poster
        .as_ref()
        .or_else(|| record_image(config, record, text));
    map.insert(
        "poster".into(),
        poster.map_or_else(Value::none, |p| poster_value(p, urls, images)),
    );
    Value::from(map)
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
fn poster_value(file: &FileRef, urls: &Urls, images: &Images) -> Value {
    let mut map = Map::new();
    let picture = images
        .get(&file.source)
        .and_then(|info| super::image_value::largest_fallback(info, urls));
    match picture {
        Some((p, srcset)) => {
            map.insert("url".into(), urls.url(&p.path).into());
            map.insert("path".into(), p.path.as_str().into());
            map.insert("width".into(), p.width.into());
            map.insert("height".into(), p.height.into());
            map.insert("srcset".into(), srcset.into());
        }
        None => {
            map.insert("url".into(), urls.url(&file.output_path).into());
            map.insert("path".into(), file.output_path.as_str().into());
            map.insert("width".into(), Value::none());
            map.insert("height".into(), Value::none());
            map.insert("srcset".into(), Value::none());
        }
    }
    Value::from(map)
}

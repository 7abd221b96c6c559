//! `POST upload`: a file for a record's `file` or `image` field, into the record's folder.
//!
//! The file comes base64-encoded inside the JSON body (writes are JSON only). It must be at
//! most [`MAX_UPLOAD`] bytes; for an `image` field it must be a JPEG, PNG, GIF or WebP *by
//! its content* (the first bytes), and its name must end in that type's extension. The name
//! is made safe (lowercase `a-z0-9._-`), an existing file is never replaced (`photo-2.jpg`),
//! and then the field and each language's alt text are set in place like any save.
//!
//! A `gallery` or `video` field takes its files the same way, but the upload only stores the
//! file (the form then saves the whole gallery or video value): a gallery's photos are
//! pictures; a video's `role` is `video` (an MP4 or WebM by content), `poster` (a picture) or
//! `captions` (a WebVTT file for one language, stored as `<video name>.<lang>.vtt` beside the
//! video, where vestis looks for it, replacing that language's old captions).

use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::json;

use super::EditState;
use super::loaded::load;
use super::reply::{self, blocking, body, error, write_error};
use crate::config::FieldKind;
use crate::content::write::{self, Edit, TextEdit, Value, Version, files, form, quote};

/// The largest file the editor takes (after decoding).
pub(crate) const MAX_UPLOAD: usize = 10 * 1024 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    collection: String,
    id: String,
    field: String,
    filename: String,
    data: String,
    #[serde(default)]
    version: Option<Version>,
    #[serde(default)]
    alts: IndexMap<String, String>,
    /// For a `video` field: `video`, `poster` or `captions`.
    #[serde(default)]
    role: Option<String>,
    /// For captions: their language.
    #[serde(default)]
    lang: Option<String>,
    /// For captions: the video file (in the record's folder) they belong to.
    #[serde(default)]
    video: Option<String>,
}

/// What an upload is for, from its field's type and `role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// A `file` or `image` field: stored and set in the record.
    Field { image: bool },
    /// A gallery photo or a video's poster: a picture, stored only.
    Picture,
    /// A video file, stored only.
    Video,
    /// A video's captions for one language.
    Captions,
}

/// A video type recognised by its first bytes, with its extensions.
fn video_type(bytes: &[u8]) -> Option<&'static [&'static str]> {
    if bytes.starts_with(&[0x1a, 0x45, 0xdf, 0xa3]) {
        Some(&["webm"])
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        Some(&["mp4", "m4v"])
    } else {
        None
    }
}

/// Whether `bytes` is a WebVTT file (it must start with `WEBVTT`, after an optional BOM).
fn is_webvtt(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    text.starts_with(b"WEBVTT") && std::str::from_utf8(text).is_ok()
}

fn purpose(kind: &FieldKind, role: Option<&str>) -> Option<Purpose> {
    match (kind, role) {
        (FieldKind::File, None) => Some(Purpose::Field { image: false }),
        (FieldKind::Image, None) => Some(Purpose::Field { image: true }),
        (FieldKind::Gallery, None | Some("photo")) => Some(Purpose::Picture),
        (FieldKind::Video, Some("poster")) => Some(Purpose::Picture),
        (FieldKind::Video, Some("video")) => Some(Purpose::Video),
        (FieldKind::Video, Some("captions")) => Some(Purpose::Captions),
        _ => None,
    }
}

/// Checks the file's content against what it is for and its name's extension.
fn check_content(purpose: Purpose, data: &[u8], ext: &str) -> Result<(), Response> {
    let (found, what) = match purpose {
        Purpose::Field { image: false } => return Ok(()),
        Purpose::Field { image: true } | Purpose::Picture => (
            image_type(data),
            "this file is not a JPEG, PNG, GIF or WebP picture",
        ),
        Purpose::Video => (video_type(data), "this file is not an MP4 or WebM video"),
        Purpose::Captions => {
            return if is_webvtt(data) {
                Ok(())
            } else {
                Err(bad(
                    "this file is not a WebVTT captions file (its first line must be WEBVTT)",
                ))
            };
        }
    };
    let Some(exts) = found else {
        return Err(bad(what));
    };
    if !exts.contains(&ext) {
        return Err(bad(&format!(
            "this file is a {} file, but its name ends in .{ext}",
            exts[0].to_uppercase()
        )));
    }
    Ok(())
}

/// An image type recognised by its first bytes, with the extensions it may have.
fn image_type(bytes: &[u8]) -> Option<&'static [&'static str]> {
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(&["jpg", "jpeg"])
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(&["png"])
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(&["gif"])
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(&["webp"])
    } else {
        None
    }
}

/// A file name that is safe in any file system and URL: `Photo 1.JPG` → `photo-1.jpg`.
fn safe_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut out = String::new();
    for c in any_ascii::any_ascii(base).to_ascii_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' | '.' | '_' => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    let out = out.trim_matches(['-', '.']).replace("..", ".");
    let (stem, ext) = out.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty() && out.len() <= 100).then_some(out)
}

/// `name`, or `name-2`, `name-3`… when it is taken in `dir`.
fn free_name(dir: &Path, name: &str) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut candidate = name.to_string();
    let mut n = 1;
    while dir.join(&candidate).symlink_metadata().is_ok() {
        n += 1;
        candidate = format!("{stem}-{n}.{ext}");
    }
    candidate
}

fn bad(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, "bad-upload", message)
}

/// `POST upload`.
pub(crate) async fn upload(State(state): State<Arc<EditState>>, bytes: Bytes) -> Response {
    blocking(move || {
        let input: Input = match body(&bytes) {
            Ok(i) => i,
            Err(r) => return r,
        };
        store(&state.root, &input).unwrap_or_else(|r| r)
    })
    .await
}

fn store(root: &Path, input: &Input) -> Result<Response, Response> {
    let config = load(root)?.config;
    let paths = write::locate(&config, &input.collection, &input.id).map_err(write_error)?;
    let collection = &config.collections[&paths.collection];
    let field = collection.fields.get(&input.field);
    let Some((field, purpose)) =
        field.and_then(|f| Some((f, purpose(&f.kind, input.role.as_deref())?)))
    else {
        return Err(bad(&format!(
            "`{}` is not a file, image, gallery or video field of `{}` (or not for this kind of file)",
            input.field, collection.name
        )));
    };
    if input.data.len() > MAX_UPLOAD / 3 * 4 + 4 {
        return Err(too_large());
    }
    let data = base64::engine::general_purpose::STANDARD
        .decode(input.data.as_bytes())
        .map_err(|_| bad("the file did not arrive whole; try again"))?;
    if data.len() > MAX_UPLOAD {
        return Err(too_large());
    }
    let name = safe_name(&input.filename)
        .ok_or_else(|| bad("the file needs a name with an extension, such as photo.jpg"))?;
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    check_content(purpose, &data, ext)?;
    if !matches!(purpose, Purpose::Field { .. }) {
        return store_only(root, &paths, purpose, input, &name, &data);
    }
    for lang in input.alts.keys() {
        if paths.text(lang).is_none() {
            return Err(write_error(write::WriteError::NoLanguage(lang.clone())));
        }
    }
    let (now, version) = files::read_record(root, &paths).map_err(write_error)?;
    let expected = input.version.clone().unwrap_or(version);
    let dir = root.join(&paths.folder);
    std::fs::create_dir_all(&dir)
        .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, "io", &e.to_string()))?;
    let stored = free_name(&dir, &name);
    let mut edit = Edit {
        yaml_order: form::yaml_order(collection),
        text_order: form::text_order(collection),
        ..Edit::default()
    };
    if !field.localized {
        let yaml = now.first().and_then(|f| f.text.as_deref());
        edit.yaml
            .push((input.field.clone(), file_value(yaml, &input.field, &stored)));
    }
    for (lang, alt) in &input.alts {
        let mut front = vec![(
            format!("{}_alt", input.field),
            Value::Scalar(alt.clone(), quote::Kind::Text),
        )];
        if field.localized {
            let text = paths
                .text(lang)
                .and_then(|p| now.iter().find(|f| f.path == p))
                .and_then(|f| f.text.as_deref());
            let yaml = text.and_then(files::split_front_matter).map(|p| p.yaml);
            front.push((input.field.clone(), file_value(yaml, &input.field, &stored)));
        }
        edit.texts
            .insert(lang.clone(), TextEdit { front, body: None });
    }
    let planned = write::plan(&paths, &now, &edit).map_err(write_error)?;
    // The file first (a new name, never replacing one), then the values; a refused save
    // takes the file away again.
    let target = dir.join(&stored);
    write_new(&target, &data)?;
    match write::commit(root, &paths, &expected, &planned) {
        Ok(version) => Ok(reply::json(
            StatusCode::OK,
            &json!({"name": stored, "version": version}),
        )),
        Err(e) => {
            let _ = std::fs::remove_file(&target);
            Err(write_error(e))
        }
    }
}

/// The field's new value: the stored file's name or, when the field is written as a mapping
/// (`photo: { src: zale.jpg, focus: top }`), that mapping with only its `src` changed, so
/// the focus and the rest stay as written.
fn file_value(yaml: Option<&str>, field: &str, stored: &str) -> Value {
    let current = yaml
        .and_then(form::values)
        .and_then(|mut values| values.shift_remove(field));
    match current {
        Some(form::FormValue::Structured(serde_json::Value::Object(mut mapping)))
            if mapping.contains_key("src") =>
        {
            mapping.insert("src".into(), json!(stored));
            Value::Block(serde_json::Value::Object(mapping))
        }
        _ => Value::Scalar(stored.to_string(), quote::Kind::Text),
    }
}

/// A gallery photo, a video, its poster or captions: stored in the record's folder; the
/// form saves the field's value.
fn store_only(
    root: &Path,
    paths: &write::RecordPaths,
    purpose: Purpose,
    input: &Input,
    name: &str,
    data: &[u8],
) -> Result<Response, Response> {
    let dir = root.join(&paths.folder);
    std::fs::create_dir_all(&dir)
        .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, "io", &e.to_string()))?;
    let stored = if purpose == Purpose::Captions {
        let lang = input.lang.as_deref().unwrap_or("");
        if paths.text(lang).is_none() {
            return Err(write_error(write::WriteError::NoLanguage(lang.to_string())));
        }
        let video = input.video.as_deref().and_then(safe_name);
        let Some(stem) = video
            .filter(|v| dir.join(v).is_file())
            .and_then(|v| v.rsplit_once('.').map(|(s, _)| s.to_string()))
        else {
            return Err(bad(
                "add the video file first; its captions are stored beside it",
            ));
        };
        let stored = format!("{stem}.{lang}.vtt");
        files::write_atomic(&dir.join(&stored), data).map_err(write_error)?;
        stored
    } else {
        let stored = free_name(&dir, name);
        write_new(&dir.join(&stored), data)?;
        stored
    };
    let (_, version) = files::read_record(root, paths).map_err(write_error)?;
    Ok(reply::json(
        StatusCode::OK,
        &json!({"name": stored, "version": version}),
    ))
}

fn write_new(path: &Path, data: &[u8]) -> Result<(), Response> {
    use std::io::Write;
    let io = |e: std::io::Error| error(StatusCode::INTERNAL_SERVER_ERROR, "io", &e.to_string());
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io)?;
    file.write_all(data).map_err(io)?;
    file.sync_all().map_err(io)
}

fn too_large() -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        &format!(
            "the file is larger than {} MB; make it smaller first (a picture with fewer pixels, a video shorter or in lower quality)",
            MAX_UPLOAD / 1024 / 1024
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_content() {
        assert_eq!(
            image_type(b"\xff\xd8\xff\xe0rest"),
            Some(&["jpg", "jpeg"][..])
        );
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n...."), Some(&["png"][..]));
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8 "), Some(&["webp"][..]));
        assert_eq!(image_type(b"<svg onload=alert(1)>"), None);
        assert_eq!(image_type(b"MZ\x90\0"), None);
        assert_eq!(video_type(b"\x1a\x45\xdf\xa3\x01"), Some(&["webm"][..]));
        assert_eq!(
            video_type(b"\0\0\0\x18ftypmp42\0\0"),
            Some(&["mp4", "m4v"][..])
        );
        assert_eq!(video_type(b"\xff\xd8\xff\xe0"), None);
        assert!(is_webvtt(
            b"\xef\xbb\xbfWEBVTT\n\n00:00.000 --> 00:01.000\nSveiki"
        ));
        assert!(!is_webvtt(b"1\n00:00:00,000 --> 00:00:01,000\n"));
    }

    #[test]
    fn each_field_type_takes_its_kind_of_file() {
        assert_eq!(purpose(&FieldKind::Gallery, None), Some(Purpose::Picture));
        assert_eq!(
            purpose(&FieldKind::Video, Some("captions")),
            Some(Purpose::Captions)
        );
        assert_eq!(purpose(&FieldKind::Video, None), None);
        assert_eq!(purpose(&FieldKind::String, None), None);
        assert!(check_content(Purpose::Picture, b"<svg/>", "jpg").is_err());
        assert!(check_content(Purpose::Video, b"\xff\xd8\xff\xe0", "webm").is_err());
        assert!(check_content(Purpose::Video, b"\x1a\x45\xdf\xa3", "mp4").is_err());
        assert!(check_content(Purpose::Video, b"\x1a\x45\xdf\xa3", "webm").is_ok());
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("Photo 1.JPG").as_deref(), Some("photo-1.jpg"));
        assert_eq!(
            safe_name("../../etc/passwd.jpg").as_deref(),
            Some("passwd.jpg")
        );
        assert_eq!(
            safe_name("C:\\x\\Rēzekne foto.png").as_deref(),
            Some("rezekne-foto.png")
        );
        assert_eq!(safe_name(".htaccess"), None);
        assert_eq!(safe_name("noext"), None);
    }
}

//! The `video` field type: a TV broadcast as a file beside the record (an `.mp4`/`.webm`, its
//! captions `<name>.<lang>.vtt` found beside it) or as a link to a video host, with an optional
//! poster image. Hosted videos are what make a page talk to a third party, so the value keeps
//! what a page needs to show a local poster first and load the player only on a click.
//!
//! A value is written as a file name or a link (`video: interview.webm`,
//! `video: https://youtu.be/…`), or as a mapping `{ src: …, poster: still.jpg }`.

use std::path::Path;

use crate::diagnostics::did_you_mean;
use crate::source_file::{Purpose, TEXT_LIMIT};
use crate::yaml::slips::SHOWN_CHARS;
use crate::yaml::{Located, Node, short};

use super::FileRef;
use super::field_context::{FieldContext, PendingRef, Problem, resolve_file};
use super::video_url::{self, Hosted};
use crate::diagnostics::Diagnostics;

/// A validated `video` value.
#[derive(Debug, Clone, PartialEq)]
pub struct Video {
    /// Where the video itself is.
    pub source: VideoSource,
    /// The still shown before it plays (a file of the record's folder or `static/`).
    pub poster: Option<FileRef>,
}

/// A file of the site, or a video on a host's site.
#[derive(Debug, Clone, PartialEq)]
pub enum VideoSource {
    /// An `.mp4` or `.webm` published with the site.
    Local {
        /// The video file.
        file: FileRef,
        /// Its MIME type (`video/mp4`, `video/webm`).
        mime: &'static str,
        /// Captions per language, in the site's language order.
        captions: Vec<Caption>,
    },
    /// A link to YouTube, Vimeo or another site.
    Hosted(Hosted),
}

/// A WebVTT captions file for one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// The language code.
    pub lang: String,
    /// The `.vtt` file.
    pub file: FileRef,
}

const KEYS: &[&str] = &["src", "poster"];
const POSTER_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp", "avif", "gif"];

/// Checks a `video` value; problems go to `out.0`.
pub(super) fn check(
    name: &str,
    node: &Located<Node>,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
) -> Option<Video> {
    let source = ctx.source;
    // `settings_ok`: no unknown setting (the rest is still checked, to report every problem).
    let (src, poster, settings_ok) = match &node.value {
        Node::Map(entries) => {
            let mut src = None;
            let mut poster = None;
            let mut ok = true;
            for (key, value) in entries {
                match key.value.as_str() {
                    "src" => src = Some(value),
                    "poster" => poster = Some(value),
                    other => {
                        ok = false;
                        let help = did_you_mean(other, KEYS.iter().copied()).or_else(|| {
                            Some(format!(
                                "write the video's file or link after `src:` and its still image after `poster:`; `{name}` has no other settings"
                            ))
                        });
                        out.0.push(
                            source
                                .error_at(
                                    key.pos_in(&source),
                                    other.chars().count(),
                                    format!(
                                        "unknown setting `{}` of the video `{name}`",
                                        short(other, SHOWN_CHARS)
                                    ),
                                )
                                .with_optional_suggestion(help),
                        );
                    }
                }
            }
            let Some(src) = src else {
                out.0.push(
                    source
                        .error_at(node.pos_in(&source), 1, format!("the video `{name}` has no `src`"))
                        .with_suggestion("add `src:` with the video's file name (`interview.mp4`) or its address on YouTube, Vimeo or the TV's site"),
                );
                return None;
            };
            (src, poster, ok)
        }
        Node::Seq(_) => {
            out.0.push(
                source
                    .error_at(node.pos_in(&source), 1, format!("field `{name}` expects one video, found a list"))
                    .with_suggestion(format!("give each video its own record, or declare `{name}` as `{{ type: list, of: {{ type: video }} }}`")),
            );
            return None;
        }
        _ => (node, None, true),
    };
    let Some(text) = src.value.as_text().filter(|t| !t.trim().is_empty()) else {
        let message = format!(
            "field `{name}` expects a video file or a link to it, found {}",
            src.value.kind_name()
        );
        let help = "write a file name like `interview.mp4` or an address like `https://youtu.be/…`";
        push(out, ctx, src, (message, Some(help.into())));
        return None;
    };
    let mut poster_failed = false;
    let poster = match poster.filter(|p| !matches!(p.value, Node::Null)) {
        None => None,
        Some(p) => match check_poster(name, p, ctx) {
            Ok(file) => Some(file),
            Err(problem) => {
                push(out, ctx, p, problem);
                poster_failed = true;
                None
            }
        },
    };
    let video_source = match video_source(name, src, text.trim(), ctx, out) {
        Ok(s) => s,
        Err(problem) => {
            push(out, ctx, src, problem);
            return None;
        }
    };
    (settings_ok && !poster_failed).then_some(Video {
        source: video_source,
        poster,
    })
}

/// A problem located at `at`'s value.
fn push(
    out: &mut (Diagnostics, Vec<PendingRef>),
    ctx: &FieldContext<'_>,
    at: &Located<Node>,
    (message, help): Problem,
) {
    let len = at.value.as_text().map_or(1, |t| t.chars().count());
    let d = ctx
        .source
        .error_at(at.pos_in(&ctx.source), len, message)
        .with_optional_suggestion(help);
    out.0.push(d);
}

fn video_source(
    name: &str,
    at: &Located<Node>,
    text: &str,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
) -> Result<VideoSource, Problem> {
    if text.contains("://") {
        return video_url::parse(text)
            .map(VideoSource::Hosted)
            .map_err(|(m, h)| (format!("field `{name}`: {m}"), h));
    }
    if video_url::lacks_scheme(text) {
        return Err((
            format!(
                "field `{name}`: `{}` is a web address without `https://`",
                short(text, SHOWN_CHARS)
            ),
            Some(format!("write `https://{}`", short(text, SHOWN_CHARS))),
        ));
    }
    let extension = extension(text);
    let mime = match extension.as_str() {
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "" => {
            return Err((
                format!(
                    "field `{name}` expects a video file (`.mp4` or `.webm`) or a link, found `{}`",
                    short(text, SHOWN_CHARS)
                ),
                Some("write the file name with its extension, e.g. `interview.mp4`, or the whole address starting with `https://`".into()),
            ));
        }
        other => {
            return Err((
                format!("field `{name}`: `.{other}` files do not play in every browser"),
                Some("convert the video to `.mp4` (H.264) or `.webm`, e.g. with HandBrake, or put it on YouTube or Vimeo and write its link".into()),
            ));
        }
    };
    let file = resolve_file(name, text, ctx)?;
    let captions = captions(name, at, &file, ctx, out);
    Ok(VideoSource::Local {
        file,
        mime,
        captions,
    })
}

/// `interview.lv.vtt`, `interview.ru.vtt`… beside the video, for the site's languages.
fn captions(
    name: &str,
    at: &Located<Node>,
    video: &FileRef,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
) -> Vec<Caption> {
    let file_name = video
        .source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name.as_str(), |(s, _)| s);
    let out_dir = video
        .output_path
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir);
    let mut list = Vec::new();
    for lang in ctx.config.language_codes() {
        let vtt = format!("{stem}.{lang}.vtt");
        let path = video.source.with_file_name(&vtt);
        let shown = ctx.config.files.display_path(&path);
        if !path.is_file() {
            let srt = video.source.with_file_name(format!("{stem}.{lang}.srt"));
            if srt.is_file() {
                out.0.push(
                    ctx.source
                        .warning_at(at.pos_in(&ctx.source), at.value.as_text().map_or(1, |t| t.chars().count()), format!("field `{name}`: the captions `{stem}.{lang}.srt` are SubRip; browsers only show WebVTT (`.vtt`), so they are left out"))
                        .with_suggestion(format!("convert them to `{vtt}` (e.g. with Subtitle Edit, or by adding a first line `WEBVTT` and writing `.` instead of `,` in the times)")),
                );
            }
            continue;
        }
        match ctx.config.files.read(&path, TEXT_LIMIT, Purpose::Publish) {
            Ok(bytes) => {
                let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                if !bytes.starts_with(b"WEBVTT") {
                    out.0.push(
                        crate::diagnostics::Diagnostic::error(
                            Some(shown.as_path()),
                            "the captions file is not WebVTT: it must begin with the line `WEBVTT`",
                        )
                        .at_line_col(
                            &String::from_utf8_lossy(&bytes[..bytes.len().min(200)]),
                            1,
                            1,
                            1,
                        )
                        .with_suggestion(
                            "save the captions as WebVTT (`.vtt`) in your subtitle editor",
                        ),
                    );
                    continue;
                }
            }
            Err(d) => {
                out.0.push(d);
                continue;
            }
        }
        let output_path = if out_dir.is_empty() {
            vtt
        } else {
            format!("{out_dir}/{vtt}")
        };
        list.push(Caption {
            lang,
            file: FileRef {
                source: path,
                output_path,
                focus: None,
            },
        });
    }
    list
}

fn check_poster(
    name: &str,
    node: &Located<Node>,
    ctx: &FieldContext<'_>,
) -> Result<FileRef, Problem> {
    let text = node.value.as_text().unwrap_or_default();
    let ext = extension(&text);
    if !POSTER_EXTENSIONS.contains(&ext.as_str()) {
        return Err((
            format!(
                "field `{name}`: the poster `{}` is not a picture",
                short(&text, SHOWN_CHARS)
            ),
            Some("use a `.jpg`, `.png` or `.webp` still of the video".into()),
        ));
    }
    resolve_file(&format!("{name}.poster"), &text, ctx)
}

fn extension(text: &str) -> String {
    Path::new(text)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

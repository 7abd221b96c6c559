//! What checking one field value needs and leaves behind: where the value comes from
//! ([`FieldContext`]), the references it leaves for when the whole site is known
//! ([`PendingRef`]), and a file value resolved against the record's folder or `static/`.
//! Shared by `fields.rs` and the field types of their own (`gallery.rs`, `video.rs`), which
//! `fields.rs` dispatches to.

use std::path::{Component, Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml::slips::SHOWN_CHARS;
use crate::yaml::{Source, short};

use super::{FileRef, suggest};

/// A `ref` value waiting for the whole site to be known.
#[derive(Debug, Clone)]
pub(super) struct PendingRef {
    /// Target collection.
    pub to: String,
    /// Target id.
    pub id: String,
    /// The error to report if the target does not exist (located at the value).
    pub missing: Diagnostic,
}

/// The problems and pending references found while reading one record.
pub(super) type Sink = (Diagnostics, Vec<PendingRef>);

/// What checking a field needs to know about where the value comes from.
pub(super) struct FieldContext<'a> {
    pub config: &'a Config,
    pub source: Source<'a>,
    /// The record's folder, relative to the root (`content/events/<id>`).
    pub record_dir: PathBuf,
    /// Output folder of the record's own files (`media/events/<id>`).
    pub media_dir: String,
}

/// A problem with a value: what is wrong, and a suggestion when one is close.
pub(super) type Problem = (String, Option<String>);

/// A `file`/`image` value: relative to the record's folder, else to `static/`.
pub(super) fn resolve_file(
    name: &str,
    text: &str,
    ctx: &FieldContext<'_>,
) -> Result<FileRef, Problem> {
    let rel = text.trim().trim_start_matches('/');
    if !is_safe_relative(rel) {
        return Err((
            format!(
                "field `{name}` must be a path inside the record's folder or `static/`, found `{}`",
                short(text, SHOWN_CHARS)
            ),
            Some("write a path like `photo.jpg` (in the record's folder) without `..`".into()),
        ));
    }
    let in_record = ctx.record_dir.join(rel);
    if ctx.config.root.join(&in_record).is_file() {
        return Ok(FileRef {
            source: ctx.config.root.join(in_record),
            output_path: format!("{}/{rel}", ctx.media_dir),
            focus: None,
        });
    }
    let in_static = Path::new("static").join(rel);
    if ctx.config.root.join(&in_static).is_file() {
        return Ok(FileRef {
            source: ctx.config.root.join(in_static),
            output_path: rel.to_string(),
            focus: None,
        });
    }
    let similar = suggest::similar_file(&ctx.config.root, &ctx.record_dir, rel)
        .or_else(|| suggest::similar_file(&ctx.config.root, Path::new("static"), rel));
    let help = match similar {
        Some(file) => format!(
            "did you mean `{}`? File names must match exactly, capital letters and extension included",
            short(&file, SHOWN_CHARS)
        ),
        None => format!("put it in `{}/` or in `static/`", ctx.record_dir.display()),
    };
    Err((
        format!(
            "field `{name}`: file `{}` not found",
            short(rel, SHOWN_CHARS)
        ),
        Some(help),
    ))
}

/// Normal components only: no `..`, no root, no drive, no empty path.
pub(super) fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

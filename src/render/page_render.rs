//! Rendering one page with tera, under the render budget. A module of its own so that the
//! page pass (`render::page_pass`) and the stage list (`render::render`) do not depend on each
//! other.

use std::path::Path;
use std::sync::Arc;

use tera::Context;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

use super::budget;
use super::templates::{self, Templates};

/// One page rendered by tera.
pub(super) struct RenderedPage {
    pub(super) html: Arc<Vec<u8>>,
    /// Whether it called `records()` (noted while it rendered, see `Budget::note_records`).
    pub(super) read_records: bool,
    /// The pictures it asked `resize` for.
    pub(super) resizes: Vec<crate::media::ResizeJob>,
}

/// The error of an output file that cannot be added.
pub(super) fn cannot_write(path: &str, message: &str) -> Diagnostic {
    Diagnostic::error(None, format!("cannot write `{path}`: {message}"))
}

/// Renders the page at output `path` with template `name` and variables `ctx`.
pub(super) fn render_page(
    path: &str,
    name: &str,
    ctx: &Context,
    templates: &Templates,
    config: &Config,
) -> Result<RenderedPage, Diagnostic> {
    let text = templates
        .texts
        .get(name)
        .cloned()
        .unwrap_or_else(|| "".into());
    let budget = &templates.budget;
    let guard = budget.start_page(templates.dir.join(name), text, path, config.render_timeout);
    let mut html = Vec::with_capacity(8192);
    if let Err(e) = templates.tera.render_to(name, ctx, guard.writer(&mut html)) {
        if let Some(stop) = guard.stopped() {
            if let (budget::Stop::Timeout, Some((file, line, col))) = (stop, error_place(&e))
                && let Some(text) = templates.texts.get(file)
            {
                guard.locate(templates.dir.join(file), Arc::clone(text), line, col);
            }
            return Err(Diagnostic::error(None, "rendering was stopped"));
        }
        let sources = template_source(config, &templates.dir, &e);
        return Err(templates::template_error(&e, &templates.dir, &sources));
    }
    Ok(RenderedPage {
        html: Arc::new(html),
        read_records: guard.read_records(),
        resizes: guard.resizes(),
    })
}

/// The template, line and column (1-based) a rendering error points at.
fn error_place(e: &tera::Error) -> Option<(&str, usize, usize)> {
    match e.kind() {
        tera::ErrorKind::RenderingError(r) if r.span().start_line > 0 => {
            Some((r.filename(), r.span().start_line, r.span().start_col + 1))
        }
        _ => None,
    }
}

/// The text of the template an error points at, for its snippet.
fn template_source(config: &Config, dir: &Path, e: &tera::Error) -> Vec<(String, String)> {
    let name = match e.kind() {
        tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => {
            r.filename().to_string()
        }
        _ => return Vec::new(),
    };
    crate::content::read_text_in(&config.files, &dir.join(&name))
        .map(|t| vec![(name, t)])
        .unwrap_or_default()
}

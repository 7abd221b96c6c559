//! Rendering one page with tera, under the render budget: reused from the previous build when
//! its fingerprint is the same. A module of its own so that the page passes
//! (`render::page_pass`) and the stage list (`render::render`) do not depend on each other.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

use super::budget;
use super::memo;
use super::page_reads::{PageReads, Read};
use super::pages::{Page, PageEnv};
use super::templates::{self, Templates};

/// The memoisation inputs of one render.
pub(super) struct Memo {
    /// Hash of the theme, messages, configuration and every URL `url_for`/`asset` answer.
    pub(super) environment: u64,
    /// Hash of what `records()` answers.
    pub(super) records: u64,
}

/// One page rendered (or taken from the cache).
pub(super) struct RenderedPage {
    /// Output path.
    pub(super) path: String,
    pub(super) html: Arc<Vec<u8>>,
    /// Rendered in this run, not reused.
    pub(super) fresh: bool,
    /// What it was rendered from (memoised builds), besides what `records()` answered.
    pub(super) fingerprint: Option<u64>,
    /// What `records()` answered, when the page called it (memoised builds).
    pub(super) records: Option<u64>,
    /// What its variables read (see `render::page_reads`).
    pub(super) log: Vec<Read>,
}

/// The error of an output file that cannot be added.
pub(super) fn cannot_write(path: &str, message: &str) -> Diagnostic {
    Diagnostic::error(None, format!("cannot write `{path}`: {message}"))
}

/// Renders one page with template `name`.
pub(super) fn render_page(
    page: &Page,
    name: &str,
    env: &PageEnv<'_>,
    templates: &Templates,
    config: &Config,
    memo: Option<(&Memo, &memo::Pages)>,
) -> Result<RenderedPage, Diagnostic> {
    let path = page.output_file(config, env.builder.site);
    let mut reads = PageReads::new();
    let ctx = page.context(env, &mut reads);
    let fingerprint = memo.map(|(m, _)| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (m.environment, name).hash(&mut h);
        reads.key().hash(&mut h);
        h.finish()
    });
    let log = reads.into_log();
    if let (Some((m, cached)), Some(f)) = (memo, fingerprint)
        && let Some((html, records)) = memo::cached_page(cached, &path, f, m.records)
    {
        return Ok(RenderedPage {
            path,
            html,
            fresh: false,
            fingerprint,
            records,
            log,
        });
    }
    let text = templates
        .texts
        .get(name)
        .cloned()
        .unwrap_or_else(|| "".into());
    let budget = &templates.budget;
    let guard = budget.start_page(templates.dir.join(name), text, &path, config.render_timeout);
    let mut html = Vec::with_capacity(8192);
    if let Err(e) = templates
        .tera
        .render_to(name, &ctx, guard.writer(&mut html))
    {
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
    // Recorded while it rendered: a page that did not call `records()` does not depend on
    // the records it did not ask for (with the same variables it takes the same path again).
    let records = memo
        .filter(|_| guard.read_records())
        .map(|(m, _)| m.records);
    drop(guard);
    Ok(RenderedPage {
        path,
        html: Arc::new(html),
        fresh: true,
        fingerprint,
        records,
        log,
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

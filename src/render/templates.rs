//! Loading a theme's templates into tera and turning tera's errors into located diagnostics.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{ErrorKind, Tera};

use super::budget::Budget;
use crate::content::read_text_in;
use crate::diagnostics::{Diagnostic, Diagnostics, lowercase_first};
use crate::source_file::{Purpose, SiteFiles};

/// A theme's templates: tera, plus where each template came from (for diagnostics).
pub struct Templates {
    /// The loaded templates with the template API registered.
    pub tera: Tera,
    /// Folder of the templates, relative to the site root (`themes/default/templates`).
    pub dir: PathBuf,
    /// Every template's source by name, for error snippets and the render budget's messages.
    pub texts: HashMap<String, Arc<str>>,
    /// The budget pages are rendered under.
    pub budget: Budget,
}

/// Lists the theme's templates as `(name, path relative to root)`, sorted; links are
/// followed under the site's link policy.
fn template_files(
    files: &SiteFiles,
    dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, PathBuf)> {
    files
        .walk(dir, Purpose::Source, diagnostics)
        .into_iter()
        .filter(|file| {
            let is_template = [".html", ".xml", ".txt", ".json", ".ics"]
                .iter()
                .any(|s| file.rel.ends_with(s));
            is_template && !file.rel.starts_with('.')
        })
        .map(|file| {
            let path = dir.join(&file.rel);
            (file.rel, path)
        })
        .collect()
}

impl Templates {
    /// Reads every template of the theme in `themes/<theme>/templates/` into `tera` (which has
    /// the API's functions registered already, so unknown ones are caught), reporting every
    /// syntax error.
    pub fn load(files: &SiteFiles, theme: &str, mut tera: Tera) -> Result<Templates, Diagnostics> {
        let root = files.root();
        let dir = Path::new("themes").join(theme).join("templates");
        let mut diagnostics = Diagnostics::new();
        if !root.join(&dir).is_dir() {
            let d = Diagnostic::error(
                Some(Path::new("site.yaml")),
                format!("the theme `{theme}` has no folder `{}`", dir.display()),
            )
            .with_suggestion(
                "check `theme:` in site.yaml, or run `vestis init` to get the default theme",
            );
            return Err(d.into());
        }
        let mut sources = Vec::new();
        for (name, path) in template_files(files, &dir, &mut diagnostics) {
            match read_text_in(files, &path) {
                Ok(text) => sources.push((name, text)),
                Err(d) => diagnostics.push(d),
            }
        }
        for (name, text) in &sources {
            let mut alone = Tera::new();
            alone.register_from(&tera);
            if let Err(e) = alone.add_raw_template(name, text)
                && is_syntax_error(&e)
            {
                diagnostics.push(template_error(&e, &dir, &sources));
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            template_errors(&e, &dir, &sources)
                .into_iter()
                .for_each(|d| diagnostics.push(d));
            return Err(diagnostics);
        }
        let texts = sources
            .into_iter()
            .map(|(n, t)| (n, Arc::from(t)))
            .collect();
        Ok(Templates {
            tera,
            dir,
            texts,
            budget: Budget::new(),
        })
    }

    /// The first of `names` that the theme has.
    pub fn pick<'a>(&self, names: &[&'a str]) -> Option<&'a str> {
        names
            .iter()
            .copied()
            .find(|n| self.tera.contains_template(n))
    }
}

fn is_syntax_error(e: &tera::Error) -> bool {
    matches!(e.kind(), ErrorKind::SyntaxError(_))
}

/// A tera error as a diagnostic at the template's file, line and column.
/// A tera error as diagnostics: tera reports unknown functions, filters, tests and templates of
/// all templates in one pre-rendered message; each of its `--> name:line:col` blocks becomes
/// its own diagnostic.
pub fn template_errors(
    e: &tera::Error,
    dir: &Path,
    sources: &[(String, String)],
) -> Vec<Diagnostic> {
    if let ErrorKind::Msg(text) = e.kind() {
        let parsed = parse_reports(text, dir, sources);
        if !parsed.is_empty() {
            return parsed;
        }
    }
    vec![template_error(e, dir, sources)]
}

/// Parses tera's rendered reports: `error: <message>` then `--> <template>:<line>:<col>`.
fn parse_reports(text: &str, dir: &Path, sources: &[(String, String)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(place)) = (message, line.strip_prefix("--> ")) {
            let mut parts = place.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse::<usize>().ok());
            let row = parts.next().and_then(|r| r.parse::<usize>().ok());
            let (Some(col), Some(row), Some(name)) = (col, row, parts.next()) else {
                continue;
            };
            let d = Diagnostic::error(Some(&dir.join(name)), lowercase_first(m));
            let d = match sources.iter().find(|(n, _)| n == name) {
                Some((_, source)) => d.at_line_col(source, row, col + 1, 1),
                None => d,
            };
            out.push(d);
            message = None;
        }
    }
    out
}

/// A tera error as a diagnostic at the template's file, line and column.
pub fn template_error(e: &tera::Error, dir: &Path, sources: &[(String, String)]) -> Diagnostic {
    let report = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        let (path, message) = plain_error(e, dir);
        return Diagnostic::error(Some(&path), message);
    };
    let path = dir.join(report.filename());
    let message = error_message(report.message(), e);
    let span = report.span();
    let text = sources
        .iter()
        .find(|(n, _)| n == report.filename())
        .map(|(_, t)| t.as_str());
    let d = Diagnostic::error(Some(&path), message);
    match text {
        Some(text) if span.start_line > 0 => {
            let len = if span.start_line == span.end_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                1
            };
            d.at_line_col(text, span.start_line, span.start_col + 1, len)
        }
        _ => d,
    }
}

/// Tera's message, lowercased, with the cause of a failed function call appended.
fn error_message(message: &str, e: &tera::Error) -> String {
    let mut out = message.trim_end_matches('.').to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.contains(&text) {
            out = format!("{out}: {text}");
        }
        source = cause.source();
    }
    lowercase_first(&out)
}

fn plain_error(e: &tera::Error, dir: &Path) -> (PathBuf, String) {
    match e.kind() {
        ErrorKind::MissingParent { current, parent } => (
            dir.join(current),
            format!("the template extends `{parent}`, which the theme does not have"),
        ),
        ErrorKind::TemplateNotFound(name) => (
            dir.to_path_buf(),
            format!("the theme has no template `{name}`"),
        ),
        ErrorKind::CircularExtend { tpl, .. } => (
            dir.join(tpl),
            "the template extends itself through a loop".into(),
        ),
        _ => (dir.to_path_buf(), error_message(&e.to_string(), e)),
    }
}

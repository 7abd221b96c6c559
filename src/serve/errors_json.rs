//! The build's errors as the browser's overlay reads them (JSON). A module of its own so that
//! the serve state (which sends them with each failed build) and the HTTP handlers (which
//! answer `/__vestis/errors`) both use it without depending on each other.

use serde::Serialize;

use crate::diagnostics::Diagnostic;

/// One error as the browser sees it.
#[derive(Serialize)]
struct ErrorView<'a> {
    path: Option<String>,
    line: usize,
    col: usize,
    message: &'a str,
    source_line: Option<&'a str>,
    marker_len: usize,
    suggestion: Option<&'a str>,
    rendered: String,
}

/// The errors as a JSON array (see `reload::errors`, which serves them).
pub(crate) fn errors_json(errors: &[Diagnostic]) -> String {
    let views: Vec<ErrorView> = errors
        .iter()
        .map(|d| ErrorView {
            path: d
                .path
                .as_ref()
                .map(|p| p.display().to_string().replace('\\', "/")),
            line: d.line,
            col: d.col,
            message: &d.message,
            source_line: d.source_line.as_deref(),
            marker_len: d.marker_len,
            suggestion: d.suggestion.as_deref(),
            rendered: d.to_string(),
        })
        .collect();
    serde_json::to_string(&views).unwrap_or_else(|_| "[]".to_string())
}

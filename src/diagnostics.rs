//! Diagnostics: every problem vestis finds in a site, with its file, position, the offending
//! source line and a suggestion.
//!
//! Every stage of the pipeline returns *all* the problems it found as [`Diagnostics`]; only the
//! CLI decides how to print them. This module knows nothing about YAML, Markdown or templates:
//! callers give it a file's text and a position.

use std::fmt;
use std::path::{Path, PathBuf};

use excerpt::{Excerpt, shorten_quotes};

mod excerpt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built.
    Error,
    /// The site builds, but something is probably wrong (`--strict` makes it fail).
    Warning,
}

/// One problem, located in a file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root (`None` for problems of the whole run).
    pub path: Option<PathBuf>,
    /// 1-based line; 0 when the position inside the file is unknown.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub col: usize,
    /// What is wrong: lowercase, no trailing period, names in backticks.
    pub message: String,
    /// The source line the problem is on, when known.
    pub source_line: Option<String>,
    /// How many characters the marker under the source line covers (at least 1).
    pub marker_len: usize,
    /// A fix that is close, e.g. "did you mean `date`?".
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// An error about a file (or, with `path` `None`, about the whole run).
    pub fn error(path: Option<&Path>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    /// A warning about a file.
    pub fn warning(path: Option<&Path>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: Option<&Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.map(Path::to_path_buf),
            line: 0,
            col: 0,
            message: message.into(),
            source_line: None,
            marker_len: 1,
            suggestion: None,
        }
    }

    /// Places the diagnostic at a 1-based `line` and `col` (in characters) of `text`,
    /// copying the source line so it can be shown under the message.
    pub fn at_line_col(mut self, text: &str, line: usize, col: usize, len: usize) -> Self {
        self.line = line.max(1);
        self.col = col.max(1);
        self.source_line = text
            .lines()
            .nth(self.line - 1)
            .map(|l| l.trim_end_matches('\r').to_string());
        self.marker_len = len.max(1);
        self
    }

    /// Places the diagnostic at a byte offset of `text`; `len` is in bytes.
    pub fn at_offset(self, text: &str, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(text, (offset + len).min(text.len()));
        let marked = text[offset..end].split('\n').next().unwrap_or("");
        let chars = marked.trim_end_matches('\r').chars().count();
        self.at_line_col(text, line, col, chars)
    }

    /// Adds a suggestion shown after the snippet.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Adds a suggestion only when there is one.
    pub fn with_optional_suggestion(mut self, suggestion: Option<String>) -> Self {
        if suggestion.is_some() {
            self.suggestion = suggestion;
        }
        self
    }

    /// True for errors, false for warnings.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` as shown in the first line (or what of it is known).
    pub fn location(&self) -> String {
        let Some(path) = &self.path else {
            return String::new();
        };
        let path = path.display().to_string().replace('\\', "/");
        if self.line == 0 {
            path
        } else {
            format!("{path}:{}:{}", self.line, self.col)
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl fmt::Display for Diagnostic {
    /// Renders like rustc: `error: path:line:col: message`, the source line with a marker, and
    /// the suggestion.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let location = self.location();
        let message = shorten_quotes(&self.message);
        if location.is_empty() {
            writeln!(f, "{label}: {message}")?;
        } else {
            writeln!(f, "{label}: {location}: {message}")?;
        }
        let gutter = " ".repeat(self.line.to_string().len());
        if let Some(source) = &self.source_line {
            let shown = Excerpt::new(source, self.col, self.marker_len);
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {}", self.line, shown.text.replace('\t', " "))?;
            let pad = " ".repeat(shown.pad);
            writeln!(f, "{gutter} | {pad}{}", shown.marker)?;
        }
        if let Some(suggestion) = &self.suggestion {
            writeln!(f, "{gutter} = help: {suggestion}")?;
        }
        Ok(())
    }
}

/// All the problems of one run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records one problem and gives it back for adding a suggestion.
    pub fn push_mut(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        self.items.push(diagnostic);
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    /// Takes over all problems of another stage.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// The problems found so far.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Whether nothing at all was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Keeps only the problems for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// Sorts by file, then position, so output is stable whatever order stages ran in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
        });
        self.items.dedup();
    }

    /// The closing line: "2 errors, 1 warning".
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        format!(
            "{}, {}",
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning")
        )
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        write!(f, "{}", self.summary())
    }
}

/// A message as diagnostics write it (rustc style): the first letter in lowercase, for
/// messages that come from other libraries ("Unknown function" → "unknown function").
pub fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The closest candidate to `word`, phrased as "did you mean `x`?", when one is close enough
/// to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_and_suggestion() {
        let text = "title: x\ndat: 2013-06-15\n";
        let d = Diagnostic::error(
            Some(Path::new("content/events/a.yaml")),
            "unknown field `dat`",
        )
        .at_offset(text, 9, 3)
        .with_suggestion("did you mean `date`?");
        assert_eq!(
            d.to_string(),
            "error: content/events/a.yaml:2:1: unknown field `dat`\n  |\n2 | dat: 2013-06-15\n  | ^^^\n  = help: did you mean `date`?\n"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "title: Rēzekne x\n";
        let d = Diagnostic::error(None, "m").at_offset(text, text.find('x').unwrap(), 1);
        assert_eq!((d.line, d.col), (1, 16));
    }

    #[test]
    fn suggests_only_close_words() {
        assert_eq!(
            did_you_mean("dat", ["date", "town", "venue"]),
            Some("did you mean `date`?".to_string())
        );
        assert_eq!(did_you_mean("zzz", ["date", "town"]), None);
    }

    #[test]
    fn lowercase_first_handles_non_ascii_and_empty_text() {
        assert_eq!(
            lowercase_first("Unknown function `x`"),
            "unknown function `x`"
        );
        assert_eq!(lowercase_first("Ēdiens"), "ēdiens");
        assert_eq!(lowercase_first(""), "");
    }

    #[test]
    fn summary_counts_errors_and_warnings() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error(None, "a"));
        all.push(Diagnostic::warning(None, "b"));
        all.push(Diagnostic::error(None, "c"));
        assert_eq!(all.summary(), "2 errors, 1 warning");
    }
}

//! Splitting a `.md` file into its YAML front matter and Markdown body.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// A `.md` file cut in two.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// How many lines precede the YAML (the opening `---`).
    pub yaml_line_offset: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Cuts `text` (LF line ends) at its `---` lines.
pub(super) fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::error(Some(path), "the text has no front matter")
            .at_line_col(text, 1, 1, 1)
            .with_suggestion(
                "start the file with a `---` line, then `title: …`, then another `---` line",
            )
    };
    if text.starts_with("+++") {
        return Err(missing().with_suggestion(
            "vestis reads YAML front matter between `---` lines, not TOML `+++`",
        ));
    }
    let Some(after_open) = text.strip_prefix("---\n") else {
        return Err(missing());
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Ok(Split {
                yaml,
                yaml_line_offset: 1,
                body,
                body_line,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(Some(path), "the front matter is not closed")
            .at_line_col(text, 1, 1, 3)
            .with_suggestion("add a `---` line after the last front matter field"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: A\n---\n# Hi\n";
        let s = split(text, Path::new("a.lv.md")).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert_eq!(
            split("# Hi\n", Path::new("a")).unwrap_err().message,
            "the text has no front matter"
        );
        assert_eq!(
            split("---\ntitle: A\n", Path::new("a"))
                .unwrap_err()
                .message,
            "the front matter is not closed"
        );
    }

    #[test]
    fn empty_front_matter_and_body_are_allowed_here() {
        let s = split("---\n---\n", Path::new("a")).unwrap();
        assert_eq!((s.yaml, s.body), ("", ""));
    }
}

//! Checking a record as it would be saved, with the same diagnostics as `vestis check`.
//!
//! The check runs on the would-be site: a shadow copy of the site in `.vestis/shadow-…/`
//! (text files copied, other files hard-linked, so it costs little disk), with the record's
//! planned files written into it, checked by [`crate::check_run()`] exactly as `vestis check`
//! does, then removed. `.vestis/` is not watched, so this never triggers a rebuild. Each
//! diagnostic is then tied to the form field it is about ([`Located`]).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::BuildOptions;
use crate::content::write::{RecordPaths, files};
use crate::diagnostics::{Diagnostic, Severity};

/// A diagnostic placed on the form.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Located {
    /// The field (`date`, `title`, `body`, `photo_alt`); `None` when not tied to one.
    pub field: Option<String>,
    /// The text's language; `None` for the `.yaml` and other files.
    pub lang: Option<String>,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The Fluent id of the translated message, when there is one.
    pub code: Option<&'static str>,
    /// In the officer's language.
    pub message: String,
    /// vestis's English text.
    pub message_en: String,
    /// The suggestion.
    pub help: Option<String>,
    /// The file, relative to the site root.
    pub path: Option<String>,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub col: usize,
}

/// Every diagnostic of `vestis check` on the site with `planned` written, and whether that
/// run could happen at all.
pub(crate) fn would_be(
    root: &Path,
    planned: &[(PathBuf, String)],
) -> Result<Vec<Diagnostic>, String> {
    let shadow = Shadow::create(root).map_err(|e| format!("cannot prepare the check: {e}"))?;
    for (path, text) in planned {
        let target = shadow.dir.join(path);
        // Hard-linked or copied: replace, never write through (the original must not change).
        let _ = std::fs::remove_file(&target);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&target, text).map_err(|e| e.to_string())?;
    }
    Ok(check(&shadow.dir))
}

/// Every diagnostic of `vestis check` on the site at `root` as it is.
pub(crate) fn check(root: &Path) -> Vec<Diagnostic> {
    let options = BuildOptions {
        drafts: true,
        ..BuildOptions::new(root)
    };
    let run = crate::check_run(&options);
    match run.result {
        Ok(checked) => checked.rendered.warnings.items().to_vec(),
        Err(all) => all.items().to_vec(),
    }
}

/// The record's own diagnostics, placed on its fields.
pub(crate) fn for_record(
    all: &[Diagnostic],
    record: &RecordPaths,
    texts: &[(PathBuf, Option<String>)],
    ui: &str,
) -> Vec<Located> {
    let folder = record.folder.as_path();
    all.iter()
        .filter(|d| {
            d.path
                .as_deref()
                .is_some_and(|p| record.files().any(|f| f == p) || p.starts_with(folder))
        })
        .map(|d| place(d, record, texts, ui))
        .collect()
}

fn place(
    d: &Diagnostic,
    record: &RecordPaths,
    texts: &[(PathBuf, Option<String>)],
    ui: &str,
) -> Located {
    let path = d.path.clone().unwrap_or_default();
    let lang = super::reply::lang_of(&path);
    let text = texts
        .iter()
        .find(|(p, _)| *p == path)
        .and_then(|(_, t)| t.as_deref());
    let field = text.and_then(|t| field_at(t, d.line, path != record.yaml));
    let (code, message) = super::diag::translate(&d.message, ui);
    let help = d
        .suggestion
        .as_deref()
        .map(|h| super::diag::translate_help(h, ui));
    Located {
        field,
        lang,
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        code,
        message,
        message_en: d.message.clone(),
        help,
        path: d.path.as_ref().map(|p| p.to_string_lossy().into_owned()),
        line: d.line,
        col: d.col,
    }
}

/// The top-level key whose lines hold `line` (1-based) of a `.yaml` or, for a `.md`, of
/// its front matter; `body` below the front matter.
fn field_at(text: &str, line: usize, markdown: bool) -> Option<String> {
    if line == 0 {
        return None;
    }
    let (yaml, first_line) = match markdown {
        true => {
            let parts = files::split_front_matter(text)?;
            let front_lines = parts.yaml.lines().count();
            if line > front_lines + 2 {
                return Some("body".into());
            }
            (parts.yaml, 2)
        }
        false => (text, 1),
    };
    let wanted = line.checked_sub(first_line)?;
    let mut current = None;
    for (i, l) in yaml.lines().enumerate() {
        let starts_key = l
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
            && l.contains(':');
        if starts_key {
            current = l
                .split(':')
                .next()
                .map(|k| k.trim().trim_matches(['"', '\'']).to_string());
        }
        if i == wanted {
            return current;
        }
    }
    current
}

/// A throw-away copy of the site.
struct Shadow {
    dir: PathBuf,
}

impl Shadow {
    fn create(root: &Path) -> std::io::Result<Shadow> {
        let mut random = [0u8; 6];
        getrandom::fill(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
        let name: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let dir = root.join(".vestis").join(format!("shadow-{name}"));
        std::fs::create_dir_all(&dir)?;
        let shadow = Shadow { dir };
        for name in ["site.yaml", "content", "static", "themes", "locales"] {
            let from = root.join(name);
            if from.exists() {
                mirror(&from, &shadow.dir.join(name))?;
            }
        }
        Ok(shadow)
    }
}

impl Drop for Shadow {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Copies `from` to `to`: folders recreated, small text files copied, the rest hard-linked
/// (copied when the file system cannot link). Links are not followed.
fn mirror(from: &Path, to: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(from)?;
    if meta.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            mirror(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else if meta.is_file() {
        let text = from
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "md" | "ftl"));
        if text || std::fs::hard_link(from, to).is_err() {
            std::fs::copy(from, to)?;
        }
        Ok(())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_map_to_their_keys_and_the_body() {
        let yaml = "date: 2015-01-01\nplays:\n  - a\n  - b\n";
        assert_eq!(field_at(yaml, 1, false).as_deref(), Some("date"));
        assert_eq!(field_at(yaml, 4, false).as_deref(), Some("plays"));
        let md = "---\ntitle: A\nsummary: B\n---\n\nText\n";
        assert_eq!(field_at(md, 2, true).as_deref(), Some("title"));
        assert_eq!(field_at(md, 3, true).as_deref(), Some("summary"));
        assert_eq!(field_at(md, 6, true).as_deref(), Some("body"));
        assert_eq!(field_at(md, 0, true), None);
    }
}

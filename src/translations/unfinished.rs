//! Unfinished texts: the placeholders `vestis new` writes (`TODO` values and bodies, a
//! translation that still has the original's title and no text of its own, the grey
//! placeholder image) and images without alt text in a language that shows them.
//!
//! Each is a warning of every build (so `--strict` fails on it) and an item of the
//! translation report. Found from the loaded `Site` (values as read, so a `TODO` in a comment
//! does not count); the files are read again only to locate what was found.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, FieldKind};
use crate::content::{FieldValue, Record, Site, Text};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One unfinished thing, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfinished {
    /// The file to edit, relative to the site root.
    pub file: PathBuf,
    /// The text's language (`None` for a `.yaml` value).
    pub lang: Option<String>,
    /// 1-based line and column (0 when the file could not be read again).
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// What is unfinished, in words.
    pub what: String,
    /// What to do.
    pub help: String,
}

impl Unfinished {
    /// `content/press/x.ru.md:5:8: the title is …`, as the translation report lists it.
    pub fn listed(&self) -> String {
        let file = self.file.display().to_string().replace('\\', "/");
        match self.line {
            0 => format!("{file}: {}", self.what),
            line => format!("{file}:{line}:{}: {}", self.col, self.what),
        }
    }
}

/// Everything unfinished in the published records, in record order. The records are looked
/// at in parallel: each text's plain text is decompressed to see its beginning.
pub fn find(config: &Config, site: &Site) -> Vec<Unfinished> {
    let default = config.default_language();
    let per_record = site.records.par_iter().map(|record| {
        let mut found = Vec::new();
        let mut spot = Spotter {
            root: &config.root,
            found: &mut found,
        };
        if let Some(yaml) = &record.yaml_path {
            for (name, value) in &record.fields {
                spot.value(yaml, None, name, value);
            }
        }
        let original = record.texts.get(default);
        for (lang, text) in &record.texts {
            spot.text(text, lang, original.filter(|_| lang != default));
            spot.alts(config, record, text, lang);
        }
        found
    });
    let mut found: Vec<Unfinished> = per_record.flatten_iter().collect();
    found.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    found
}

/// The warnings of a build for what [`find`] found.
pub fn warnings(found: &[Unfinished]) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    for u in found {
        let mut d = Diagnostic::warning(Some(&u.file), u.what.clone()).with_suggestion(&u.help);
        d.line = u.line;
        d.col = u.col;
        diagnostics.push(d);
    }
    diagnostics
}

/// Whether a value is a placeholder `vestis new` wrote (`TODO`, `TODO: the title`).
fn is_todo(text: &str) -> bool {
    let text = text.trim_start();
    text == "TODO" || text.starts_with("TODO:") || text.starts_with("TODO ")
}

struct Spotter<'a> {
    root: &'a Path,
    found: &'a mut Vec<Unfinished>,
}

impl Spotter<'_> {
    fn push(&mut self, file: &Path, lang: Option<&str>, at: At<'_>, what: String, help: String) {
        let (line, col) = locate(self.root, file, at);
        self.found.push(Unfinished {
            file: file.to_path_buf(),
            lang: lang.map(str::to_string),
            line,
            col,
            what,
            help,
        });
    }

    /// A field value: a `TODO` text or the placeholder file of `vestis new`.
    fn value(&mut self, file: &Path, lang: Option<&str>, name: &str, value: &FieldValue) {
        match value {
            FieldValue::Text(t) | FieldValue::Markdown { source: t, .. } if is_todo(t) => {
                let what = format!("`{name}` is still the placeholder `{}`", t.trim());
                let help = format!("replace `{}` with the real {name}", t.trim());
                self.push(file, lang, At::Key(name), what, help);
            }
            FieldValue::File(f) if crate::scaffold::is_placeholder_file(&f.source) => {
                let shown = f.source.file_name().unwrap_or_default().to_string_lossy();
                let what = format!(
                    "`{name}` is still the placeholder file `{shown}` that `vestis new` made"
                );
                let help = format!(
                    "put the real file into the record's folder and write its name after `{name}:`"
                );
                self.push(file, lang, At::Key(name), what, help);
            }
            FieldValue::List(items) => {
                if let Some(first) = items.iter().find(|v| is_placeholder_value(v)) {
                    self.value(file, lang, name, first);
                }
            }
            _ => {}
        }
    }

    /// The built-in texts, the localized fields and the body of one text; for a translation
    /// (`original` given) also a title and body still the original's.
    fn text(&mut self, text: &Text, lang: &str, original: Option<&Text>) {
        let file = &text.path;
        let l = Some(lang);
        let builtins = [
            ("title", Some(&text.title)),
            ("summary", text.summary.as_ref()),
            ("description", text.description.as_ref()),
        ];
        for (key, value) in builtins {
            if let Some(v) = value.filter(|v| is_todo(v)) {
                let what = format!("`{key}` is still the placeholder `{}`", v.trim());
                let help = format!("write the real {key} in place of `{}`", v.trim());
                self.push(file, l, At::Key(key), what, help);
            }
        }
        for (name, value) in &text.fields {
            self.value(file, l, name, value);
        }
        for (name, alt) in &text.alts {
            if is_todo(alt) {
                let key = format!("{name}_alt");
                let what = format!("`{key}` is still the placeholder `{}`", alt.trim());
                let help = format!(
                    "describe what the image `{name}` shows, for readers who cannot see it"
                );
                self.push(file, l, At::Key(&key), what, help);
            }
        }
        // The plain text is trimmed already; its beginning is enough to see a `TODO`.
        let body_todo = is_todo(text.body.plain_text.unpack().start());
        if body_todo {
            let what = match original {
                Some(_) => {
                    "the text is not translated yet: it is still the placeholder `vestis new` wrote"
                }
                None => {
                    "the text is not written yet: it is still the placeholder `vestis new` wrote"
                }
            };
            let what = what.to_string();
            let help = "write the text below the front matter in place of the `TODO` line".into();
            self.push(file, l, At::Body(text.body_line), what, help);
        }
        let Some(original) = original else {
            return;
        };
        let same_body = text.body.plain_text.same_text(&original.body.plain_text);
        if text.title == original.title && (body_todo || same_body) && !is_todo(&text.title) {
            let what = format!(
                "the title is still the `{}` one (`{}`) and the text is not translated yet",
                original.lang, text.title
            );
            let help = format!(
                "translate the title and the text into `{lang}`, then run `vestis check --stamp {}`",
                file.display()
            );
            self.push(file, l, At::Key("title"), what, help);
        }
    }

    /// Every image the record shows in `lang` needs its alt text in that text.
    fn alts(&mut self, config: &Config, record: &Record, text: &Text, lang: &str) {
        let Some(collection) = config.collections.get(&record.collection) else {
            return;
        };
        for (name, spec) in &collection.fields {
            if !shows_image(&spec.kind) {
                continue;
            }
            let value = record.fields.get(name).or_else(|| text.fields.get(name));
            let shown = match value {
                Some(FieldValue::List(items)) => !items.is_empty(),
                Some(_) => true,
                None => false,
            };
            let alt = text.alts.get(name).map(|a| a.trim()).unwrap_or("");
            if shown && alt.is_empty() {
                let what = format!(
                    "the image `{name}` has no alt text in the `{lang}` text: readers who cannot see it get nothing"
                );
                let help = format!(
                    "add `{name}_alt: \"…\"` to the front matter: what the image shows, in this language"
                );
                self.push(
                    &text.path,
                    Some(lang),
                    At::FrontMatterEnd(text.body_line),
                    what,
                    help,
                );
            }
        }
    }
}

fn shows_image(kind: &FieldKind) -> bool {
    match kind {
        FieldKind::Image => true,
        FieldKind::List(of) => shows_image(of),
        _ => false,
    }
}

fn is_placeholder_value(value: &FieldValue) -> bool {
    match value {
        FieldValue::Text(t) | FieldValue::Markdown { source: t, .. } => is_todo(t),
        FieldValue::File(f) => crate::scaffold::is_placeholder_file(&f.source),
        _ => false,
    }
}

/// Where in a file something is.
#[derive(Clone, Copy)]
enum At<'a> {
    /// The value of a top-level key (`title: …`), in a `.yaml` or a front matter.
    Key(&'a str),
    /// The first line of the body with `TODO`, searching from this line on.
    Body(usize),
    /// The `---` that closes the front matter, the line before the body's first.
    FrontMatterEnd(usize),
}

/// `(line, col)` of `at` in `file`; `(0, 0)` when the file cannot be read again.
fn locate(root: &Path, file: &Path, at: At<'_>) -> (usize, usize) {
    let Ok(text) = crate::content::read_text(root, file) else {
        return (0, 0);
    };
    let lines = text.lines().map(|l| l.trim_end_matches('\r'));
    match at {
        At::Key(key) => {
            for (i, line) in lines.enumerate() {
                let Some(rest) = line.strip_prefix(key) else {
                    continue;
                };
                let Some(value) = rest.trim_start().strip_prefix(':') else {
                    continue;
                };
                let before = line.chars().count() - value.trim_start().chars().count();
                return (i + 1, before + 1);
            }
            (1, 1)
        }
        At::Body(from) => {
            for (i, line) in lines.enumerate().skip(from.saturating_sub(1)) {
                if let Some(at) = line.find("TODO") {
                    return (i + 1, line[..at].chars().count() + 1);
                }
            }
            (from.max(1), 1)
        }
        At::FrontMatterEnd(body_line) => (body_line.saturating_sub(1).max(1), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::is_todo;

    #[test]
    fn todo_values_are_recognised() {
        assert!(is_todo("TODO"));
        assert!(is_todo("TODO: write the text here"));
        assert!(is_todo("  TODO translate"));
        assert!(!is_todo("TODOS"));
        assert!(!is_todo("Nav TODO"));
    }
}

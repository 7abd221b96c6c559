//! `vestis check --stamp`: writes `translation_of: <hash of the original>` into the front
//! matter of translations, recording which version of the original they were made from.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source_file::{Purpose, SiteFiles, io_reason};

/// Stamps translations: the named files (re-stamping them), or with `files` empty every
/// translation that has no stamp yet. Returns the files written.
pub fn stamp(config: &Config, site: &Site, files: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostics> {
    let default = config.default_language();
    let wanted: Vec<PathBuf> = files.iter().map(|f| relative(&config.root, f)).collect();
    let mut written = Vec::new();
    let mut diagnostics = Diagnostics::new();
    let mut matched = Vec::new();
    for record in &site.records {
        let Some(original) = record.texts.get(default) else {
            continue;
        };
        for (lang, text) in record.texts.iter().filter(|(l, _)| *l != default) {
            let named = wanted.contains(&text.path);
            if named {
                matched.push(text.path.clone());
            }
            let fresh = wanted.is_empty() && text.translation_of.is_none();
            if !(named || fresh)
                || text.translation_of.as_deref() == Some(original.content_hash.as_str())
            {
                continue;
            }
            match write_stamp(&config.files, &text.path, &original.content_hash) {
                Ok(()) => written.push(text.path.clone()),
                Err(mut d) => {
                    d.message = format!("cannot stamp the `{lang}` text: {}", d.message);
                    diagnostics.push(d);
                }
            }
        }
    }
    for w in wanted.iter().filter(|w| !matched.contains(w)) {
        diagnostics.push(
            Diagnostic::error(Some(w), "not a translation of a published record").with_suggestion(
                format!("name a `.<lang>.md` file of a language other than `{default}`"),
            ),
        );
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(written)
    }
}

fn relative(root: &Path, file: &Path) -> PathBuf {
    let absolute = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(file))
            .unwrap_or_else(|_| file.to_path_buf())
    };
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    absolute
        .strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf())
}

/// Replaces or inserts the `translation_of:` line of the front matter, keeping line endings.
/// The file is read and written under the site's link policy: a link out of the site is
/// refused (unless `follow_external_links: true`), and the resolved file is the one written.
fn write_stamp(files: &SiteFiles, rel: &Path, hash: &str) -> Result<(), Diagnostic> {
    let resolved = files.resolve(rel, Purpose::Source)?;
    let bytes = files.read_source(rel)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Diagnostic::error(Some(rel), "the file is not UTF-8 text"))?;
    std::fs::write(&resolved, stamped(&text, hash)).map_err(|e| {
        Diagnostic::error(
            Some(rel),
            format!("cannot write the file: {}", io_reason(&e)),
        )
    })
}

fn stamped(text: &str, hash: &str) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line = format!("translation_of: {hash}");
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    let mut in_front = false;
    let mut done = false;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let trimmed = raw.trim_end().trim_start_matches('\u{feff}');
        if i == 0 && trimmed == "---" {
            in_front = true;
        } else if in_front && !done && trimmed.starts_with("translation_of:") {
            out.push_str(&line);
            out.push_str(newline);
            done = true;
            continue;
        } else if in_front && !done && trimmed == "---" {
            out.push_str(&line);
            out.push_str(newline);
            done = true;
            in_front = false;
        }
        out.push_str(raw);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::stamped;

    #[test]
    fn inserts_or_replaces_the_stamp_line() {
        assert_eq!(
            stamped("---\ntitle: A\n---\nBody\n", "ab12"),
            "---\ntitle: A\ntranslation_of: ab12\n---\nBody\n"
        );
        assert_eq!(
            stamped("---\ntranslation_of: old\ntitle: A\n---\n", "new"),
            "---\ntranslation_of: new\ntitle: A\n---\n"
        );
        assert_eq!(
            stamped("---\r\ntitle: A\r\n---\r\n", "x"),
            "---\r\ntitle: A\r\ntranslation_of: x\r\n---\r\n"
        );
    }
}

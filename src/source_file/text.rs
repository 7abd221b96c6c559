//! Text files of the site (`site.yaml`, records, snippets): read through [`super::SiteFiles`],
//! refused with a located message when they are not UTF-8 or empty, with a BOM dropped and
//! CRLF turned into LF.

use std::path::Path;

use crate::diagnostics::Diagnostic;

use super::SiteFiles;

/// Reads a text file of the site (path relative to `root`) under the strict link policy (for
/// site.yaml, before its policy is known, and for snippets); see [`read_text_in`].
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    read_text_in(&SiteFiles::new(root, false), rel)
}

/// Reads a text file of the site (path relative to the root) through [`crate::source_file`]:
/// refuses pipes, devices, links out of the site and files over 10 MB, then non-UTF-8 and
/// empty files, with a located message; drops a BOM and turns CRLF into LF.
pub fn read_text_in(files: &SiteFiles, rel: &Path) -> Result<String, Diagnostic> {
    let mut bytes = files.read_source(rel)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // The bytes read become the text without a copy, unless CRLFs must go.
    let text =
        String::from_utf8(bytes).map_err(|e| not_utf8(rel, e.as_bytes(), &e.utf8_error()))?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Some(rel), "the file is empty")
            .with_suggestion("write the record's fields, or delete the file"));
    }
    if text.contains("\r\n") {
        return Ok(text.replace("\r\n", "\n"));
    }
    Ok(text)
}

fn not_utf8(rel: &Path, bytes: &[u8], e: &std::str::Utf8Error) -> Diagnostic {
    let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
    let line = good.matches('\n').count() + 1;
    let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let mut d = Diagnostic::error(Some(rel), "the file is not UTF-8 text")
        .with_suggestion("save it as UTF-8 in your editor (\"Save with encoding\" → UTF-8)");
    d.line = line;
    d.col = col;
    d
}

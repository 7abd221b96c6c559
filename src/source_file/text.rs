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
    let bytes = files.read_source(rel)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(rel, bytes, &e))?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Some(rel), "the file is empty")
            .with_suggestion("write the record's fields, or delete the file"));
    }
    Ok(text.replace("\r\n", "\n"))
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

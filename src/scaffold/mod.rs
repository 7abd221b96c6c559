//! Authoring commands (SPEC §7): `vestis new` creates a record's files from its collection's
//! schema, `vestis init` writes a complete small bilingual site.
//!
//! Both only ever create files: a file that already exists is never overwritten, and when one
//! of the planned files exists nothing at all is written.

mod fields;
pub mod init;
pub mod new;

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

pub use fields::is_placeholder_file;
pub use init::{PLACEHOLDER_BASE_URL, init, init_with};
pub use new::{NewOptions, new_record};

/// The files of the default theme and of the sample site, embedded at compile time.
pub(crate) mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Why an authoring command did nothing.
#[derive(Debug)]
pub struct ScaffoldError {
    /// True when the command line itself is wrong (exit status 2), false when the site or the
    /// disk is (exit status 1).
    pub usage: bool,
    /// What is wrong, with suggestions.
    pub diagnostics: Diagnostics,
}

impl ScaffoldError {
    /// A mistake on the command line.
    pub fn usage(diagnostic: Diagnostic) -> Self {
        ScaffoldError {
            usage: true,
            diagnostics: diagnostic.into(),
        }
    }

    /// A problem with the site or the disk.
    pub fn site(diagnostics: impl Into<Diagnostics>) -> Self {
        ScaffoldError {
            usage: false,
            diagnostics: diagnostics.into(),
        }
    }
}

/// A file to create: its path relative to the base folder and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// Relative path (`content/events/x.yaml`).
    pub path: PathBuf,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Writes every file under `base`, or none: refuses (naming the files) when any of them
/// exists already, and removes what it wrote when a later write fails.
pub fn write_all(base: &Path, files: &[NewFile]) -> Result<(), ScaffoldError> {
    let mut existing = Diagnostics::new();
    for file in files {
        if base.join(&file.path).symlink_metadata().is_ok() {
            existing.push(
                Diagnostic::error(
                    Some(&file.path),
                    "the file exists already; nothing was written",
                )
                .with_suggestion("choose another id, or edit or delete the existing file"),
            );
        }
    }
    if !existing.is_empty() {
        return Err(ScaffoldError::site(existing));
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for file in files {
        if let Err(e) = write_new(base, file) {
            for path in written.iter().rev() {
                let _ = std::fs::remove_file(path);
            }
            let reason = crate::content::io_reason(&e);
            return Err(ScaffoldError::site(Diagnostic::error(
                Some(&file.path),
                format!("cannot write the file: {reason}; nothing was written"),
            )));
        }
        written.push(base.join(&file.path));
    }
    Ok(())
}

fn write_new(base: &Path, file: &NewFile) -> std::io::Result<()> {
    let full = base.join(&file.path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)?;
    out.write_all(&file.bytes)
}

/// `text` as a double-quoted YAML scalar (safe for any input).
pub(crate) fn yaml_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_anything_as_yaml() {
        assert_eq!(yaml_quote("Rēzekne"), "\"Rēzekne\"");
        assert_eq!(yaml_quote("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c\\n\"");
        assert_eq!(yaml_quote("\u{7}"), "\"\\u0007\"");
    }

    #[test]
    fn writes_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = |p: &str| NewFile {
            path: p.into(),
            bytes: b"x".to_vec(),
        };
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/2.txt"), "old").unwrap();
        let err = write_all(dir.path(), &[file("a/1.txt"), file("a/2.txt")]).unwrap_err();
        assert!(!err.usage);
        assert_eq!(err.diagnostics.items()[0].path, Some("a/2.txt".into()));
        assert!(!dir.path().join("a/1.txt").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a/2.txt")).unwrap(),
            "old"
        );
        write_all(dir.path(), &[file("b/c/1.txt")]).unwrap();
        assert!(dir.path().join("b/c/1.txt").is_file());
    }
}

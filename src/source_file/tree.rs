//! Listing the files below a folder of the site (static files, templates) under the link
//! policy of [`SiteFiles`]: links are entered only where the policy allows, so a link to `/`
//! cannot make vestis walk the whole disk, and a refused link is reported once, not per file.

use std::path::{Path, PathBuf};

use super::{Purpose, SiteFiles};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A file found below a walked folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walked {
    /// The path as walked (the folder joined with `rel`, not resolved).
    pub path: PathBuf,
    /// The path relative to the walked folder, with `/` separators.
    pub rel: String,
}

impl SiteFiles {
    /// Every entry below `dir` (relative to the root, or absolute under it) that is not a
    /// folder, sorted by path. Links are followed when the policy allows; refused ones are
    /// reported and not entered. Nothing is read. A missing `dir` gives no files.
    pub fn walk(&self, dir: &Path, purpose: Purpose, diagnostics: &mut Diagnostics) -> Vec<Walked> {
        let full = self.root.join(dir);
        if !full.is_dir() {
            return Vec::new();
        }
        // The folder itself, or one above it (a linked theme), may lead out of the site.
        if let Err(d) = self.resolve(&full, purpose) {
            diagnostics.push(d);
            return Vec::new();
        }
        let walker = walkdir::WalkDir::new(&full)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !e.path_is_symlink() || self.allows_link(e, purpose, diagnostics));
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        let mut later = Vec::new();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    let Some(rel) = e.path().strip_prefix(&full).ok().and_then(Path::to_str) else {
                        continue;
                    };
                    files.push(Walked {
                        rel: rel.replace('\\', "/"),
                        path: e.path().to_path_buf(),
                    });
                }
                Err(e) => {
                    // A link loop, a dangling link, or an unreadable folder; a file deleted
                    // while walking is just gone.
                    let Some(path) = e.path() else { continue };
                    // A link to a folder above (`/`) is a loop to walkdir: the policy first.
                    let refused = path.canonicalize().ok().and_then(|resolved| {
                        let rel = self.display_path(path);
                        self.check_target(&rel, &resolved, "folder", purpose).err()
                    });
                    if let Some(d) = refused {
                        later.push(d);
                    } else if e.loop_ancestor().is_some() || path.is_symlink() || path.exists() {
                        skipped.push(self.display_path(path));
                    }
                }
            }
        }
        later.into_iter().for_each(|d| diagnostics.push(d));
        for path in skipped {
            diagnostics.push(
                Diagnostic::warning(
                    Some(&path),
                    "skipped: a link that loops or points nowhere, or a folder that cannot be read",
                )
                .with_suggestion("remove the link or fix its permissions"),
            );
        }
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        files
    }

    /// Whether the link `e` may be followed; a refused one is reported.
    fn allows_link(
        &self,
        e: &walkdir::DirEntry,
        purpose: Purpose,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        let rel = self.display_path(e.path());
        // A dangling link fails here; walkdir reports it as an error right after.
        let Ok(resolved) = e.path().canonicalize() else {
            return true;
        };
        let kind = if e.file_type().is_dir() {
            "folder"
        } else {
            "file"
        };
        match self.check_target(&rel, &resolved, kind, purpose) {
            Ok(()) => true,
            Err(d) => {
                diagnostics.push(d);
                false
            }
        }
    }
}

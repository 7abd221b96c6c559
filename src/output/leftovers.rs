//! Recognising and deleting what earlier runs left beside the output directory: the previous
//! output moved aside and the temporary folder of a run that was killed. A folder is deleted
//! only when its name is one vestis gives *and* vestis's marker is inside (or it is empty),
//! so a folder of the user's is never deleted because of its name.

use std::fs;
use std::io;
use std::path::Path;

use super::target::MARKER_FILE;

/// Removes the leftovers of earlier runs next to the output: see [`is_leftover_name`] and
/// [`remove_leftover`].
pub(super) fn remove_leftovers(parent: &Path, name: &str) {
    remove_leftovers_but(parent, name, "");
}

/// Like [`remove_leftovers`], keeping the folder named `keep` (the staging folder of the
/// build that is running: a streamed build fills it while the leftovers are removed).
pub(super) fn remove_leftovers_but(parent: &Path, name: &str, keep: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if file_name
            .to_str()
            .is_some_and(|f| f != keep && is_leftover_name(f, name))
        {
            remove_leftover(&entry.path());
        }
    }
}

/// Whether `file_name` is a name vestis gives its temporary folders next to the output
/// `name`: `.<name>.vestis-new-<digits>` or `.<name>.vestis-old-<digits>`.
pub(super) fn is_leftover_name(file_name: &str, name: &str) -> bool {
    let Some(rest) = file_name
        .strip_prefix('.')
        .and_then(|f| f.strip_prefix(name))
        .and_then(|f| f.strip_prefix(".vestis-"))
    else {
        return false;
    };
    let Some(digits) = rest
        .strip_prefix("new-")
        .or_else(|| rest.strip_prefix("old-"))
    else {
        return false;
    };
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Deletes `dir`, a folder with a leftover's name, only when vestis made it: it holds the
/// [`MARKER_FILE`] (written first into every new output) or is empty (a run stopped before
/// writing the marker). A folder of the user's with such a name, a file or a link is left
/// alone. Best effort: errors are ignored, the next run tries again.
fn remove_leftover(dir: &Path) {
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return;
    }
    if fs::symlink_metadata(dir.join(MARKER_FILE)).is_ok_and(|m| m.is_file()) {
        let _ = remove_marked(dir);
    } else {
        // Fails, changing nothing, unless the directory is empty.
        let _ = fs::remove_dir(dir);
    }
}

/// Deletes a marked directory with its marker last, so that a run killed while deleting
/// leaves a folder still recognised as vestis's (or an empty one).
fn remove_marked(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER_FILE {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    fs::remove_file(dir.join(MARKER_FILE))?;
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_names_are_exactly_those_vestis_gives() {
        for yes in [".public.vestis-new-1", ".public.vestis-old-123456"] {
            assert!(is_leftover_name(yes, "public"), "{yes}");
        }
        for no in [
            ".public.vestis-old-",
            ".public.vestis-old-1a",
            ".public.vestis-old-mine",
            ".public.vestis-tmp-1",
            "public.vestis-old-1",
            ".other.vestis-old-1",
            ".public.vestis-old-1/..",
        ] {
            assert!(!is_leftover_name(no, "public"), "{no}");
        }
    }
}

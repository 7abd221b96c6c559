//! The two system calls the standard library lacks, and the home of `rustix` in vestis:
//! exchanging two directories in one step (for the output, below) and opening a source file
//! without waiting on a pipe or following a last link ([`open_without_waiting`], for
//! `source_file`).
//!
//! Replacing the output with two renames (`public` → aside, new → `public`) leaves a moment
//! with no `public/` at all; a build killed exactly then leaves the site without its output.
//! An atomic exchange (`renameat2(RENAME_EXCHANGE)` on Linux, `renameatx_np(RENAME_SWAP)` on
//! macOS) swaps the two names in one system call, so at every moment `public/` is either the
//! complete previous site or the complete new one.
//!
//! Where the system or the file system cannot exchange (other systems; on Linux a file system
//! that answers `EINVAL`, such as some network and FUSE file systems; a kernel older than
//! 3.15), [`exchange`] says [`Exchange::Unsupported`] and the caller falls back to the two
//! renames.

use std::io;
use std::path::Path;

/// What [`exchange`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exchange {
    /// The two paths were swapped atomically.
    Done,
    /// Nothing was changed: this system or file system cannot swap two paths atomically.
    Unsupported,
}

/// Swaps `a` and `b` (both must exist) atomically: afterwards `a` names what `b` named and
/// the other way round, and no moment exists in which either name is missing.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
pub fn exchange(a: &Path, b: &Path) -> io::Result<Exchange> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(Exchange::Done),
        // The flag is unknown to this file system (EINVAL), or the system call to this kernel
        // (ENOSYS); macOS answers ENOTSUP.
        Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP => {
            Ok(Exchange::Unsupported)
        }
        Err(e) => Err(e.into()),
    }
}

/// Swaps `a` and `b` atomically; this system has no such call.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<Exchange> {
    Ok(Exchange::Unsupported)
}

/// Sets `options` to open without waiting for a writer (`O_NONBLOCK`: a named pipe answers at
/// once instead of blocking the build) and without following a link in the last component
/// (`O_NOFOLLOW`: the caller has already resolved the path under its link policy).
#[cfg(unix)]
pub fn open_without_waiting(options: &mut std::fs::OpenOptions) {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    // The flags are small positive constants; the cast only changes the integer type
    // `custom_flags` expects (`c_int`) from rustix's (`c_uint`).
    let flags = (OFlags::NONBLOCK | OFlags::NOFOLLOW).bits();
    options.custom_flags(flags as std::ffi::c_int);
}

/// Elsewhere the options stay as they are: the file's type is still checked once it is open.
#[cfg(not(unix))]
pub fn open_without_waiting(_options: &mut std::fs::OpenOptions) {}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[cfg(any(target_os = "linux", target_vendor = "apple"))]
    #[test]
    fn swaps_two_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::write(a.join("f"), "from a").unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(b.join("f"), "from b").unwrap();
        assert_eq!(exchange(&a, &b).unwrap(), Exchange::Done);
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "from b");
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "from a");
    }

    #[test]
    fn a_missing_side_is_an_error_and_changes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        fs::create_dir(&a).unwrap();
        let missing = tmp.path().join("missing");
        if let Err(e) = exchange(&a, &missing) {
            assert_eq!(e.kind(), io::ErrorKind::NotFound);
        }
        assert!(a.is_dir());
        assert!(!missing.exists());
    }
}

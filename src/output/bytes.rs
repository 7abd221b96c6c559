//! The bytes of one output file: made already, or made when first read.
//!
//! `vestis serve` defers the big machine-readable files (feeds, calendars, search indexes,
//! sitemap: tens of megabytes on a large site, and nobody reads them while editing) so that a
//! rebuild does not pay for them; they are made from the same site on the first request, so
//! what is served equals what `vestis build` writes.

use std::fmt;
use std::sync::{Arc, OnceLock};

/// How a deferred file is made: its bytes, or a message saying why it could not be.
pub type Make = Box<dyn Fn() -> Result<Vec<u8>, String> + Send + Sync>;

/// Why a written file has no bytes in memory.
const WRITTEN: &str = "written to disk as it was made; its bytes are not kept";

/// A file's bytes, shared between builds and caches.
#[derive(Clone)]
pub(super) enum FileBytes {
    /// Made already.
    Ready(Arc<Vec<u8>>),
    /// Made on first read.
    Deferred(Arc<Deferred>),
    /// Written to the build's staging folder already (`vestis build` streams its output):
    /// its bytes are not kept, only that it is a file of the output.
    Written,
}

/// A file made on first read, once.
pub(super) struct Deferred {
    make: Make,
    made: OnceLock<Result<Vec<u8>, String>>,
}

impl FileBytes {
    /// A file made by `make` when first read.
    pub(super) fn deferred(make: Make) -> Self {
        FileBytes::Deferred(Arc::new(Deferred {
            make,
            made: OnceLock::new(),
        }))
    }

    /// The bytes (making a deferred file now); Err(message) when it could not be made.
    pub(super) fn bytes(&self) -> Result<&[u8], &str> {
        match self {
            FileBytes::Ready(b) => Ok(b.as_slice()),
            FileBytes::Deferred(d) => match d.made.get_or_init(|| (d.make)()) {
                Ok(b) => Ok(b.as_slice()),
                Err(message) => Err(message.as_str()),
            },
            FileBytes::Written => Err(WRITTEN),
        }
    }

    /// Whether this is a deferred file not made yet.
    pub(super) fn is_pending(&self) -> bool {
        matches!(self, FileBytes::Deferred(d) if d.made.get().is_none())
    }

    /// Whether both are the same allocation (so certainly equal, without comparing bytes).
    pub(super) fn same_allocation(&self, other: &FileBytes) -> bool {
        match (self, other) {
            (FileBytes::Ready(a), FileBytes::Ready(b)) => Arc::ptr_eq(a, b),
            (FileBytes::Deferred(a), FileBytes::Deferred(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl PartialEq for FileBytes {
    fn eq(&self, other: &Self) -> bool {
        self.same_allocation(other) || self.bytes() == other.bytes()
    }
}

impl Eq for FileBytes {}

impl fmt::Debug for FileBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileBytes::Ready(b) => write!(f, "{} bytes", b.len()),
            FileBytes::Deferred(_) if self.is_pending() => write!(f, "deferred"),
            FileBytes::Deferred(_) => write!(f, "deferred, made"),
            FileBytes::Written => write!(f, "written"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_deferred_file_is_made_once_on_first_read() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        let file = FileBytes::deferred(Box::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            Ok(b"feed".to_vec())
        }));
        assert!(file.is_pending());
        assert_eq!(calls.load(Ordering::SeqCst), 0);
        assert_eq!(file.bytes(), Ok(&b"feed"[..]));
        assert_eq!(file.clone().bytes(), Ok(&b"feed"[..]));
        assert!(!file.is_pending());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn equality_compares_bytes_across_kinds() {
        let ready = FileBytes::Ready(Arc::new(b"x".to_vec()));
        let deferred = FileBytes::deferred(Box::new(|| Ok(b"x".to_vec())));
        let failing = FileBytes::deferred(Box::new(|| Err("no".into())));
        assert_eq!(ready, deferred);
        assert_ne!(ready, failing);
        assert_eq!(failing.bytes(), Err("no"));
    }
}

//! Decoded photos kept from before the pages until after them, so that a photo a template
//! asks other sizes of (`resize()`) is not decoded a second time for them: which photos those
//! are is only known once the pages are rendered, and the page needs the photo's average
//! colour (which only decoding gives) before that. What is kept is bounded by
//! [`KEEP_BUDGET`]: a photo that does not fit is dropped at once and decoded again if a
//! template asks for another size of it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::decode::Decoded;

/// The most memory the kept pixels may take (a 12-megapixel photo takes 36 MB).
pub const KEEP_BUDGET: usize = 512 * 1024 * 1024;

/// The room left for kept photos during one [`super::process`] (shared by its threads).
#[derive(Debug)]
pub(super) struct Room {
    left: AtomicUsize,
}

impl Room {
    /// Room for `budget` bytes of pixels.
    pub(super) fn new(budget: usize) -> Room {
        Room {
            left: AtomicUsize::new(budget),
        }
    }

    /// `decoded` when its pixels fit in what is left (which they then take), else `None`.
    pub(super) fn take(&self, decoded: Decoded) -> Option<Decoded> {
        let size = decoded.image.as_bytes().len();
        self.left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                left.checked_sub(size)
            })
            .ok()
            .map(|_| decoded)
    }
}

/// The decoded photos of a build, by source file (absolute path).
#[derive(Default)]
pub struct Kept {
    photos: HashMap<PathBuf, Decoded>,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kept({} photos)", self.photos.len())
    }
}

impl Kept {
    /// Keeps `decoded`, the photo at `source`.
    pub(super) fn insert(&mut self, source: PathBuf, decoded: Decoded) {
        self.photos.insert(source, decoded);
    }

    /// The decoded photo at `source`, when it was kept.
    pub(super) fn get(&self, source: &Path) -> Option<&Decoded> {
        self.photos.get(source)
    }

    /// How many photos are kept.
    pub fn len(&self) -> usize {
        self.photos.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.photos.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(w: u32, h: u32) -> Decoded {
        Decoded {
            image: image::DynamicImage::new_rgb8(w, h),
            icc: None,
            orientation: 1,
        }
    }

    #[test]
    fn photos_are_kept_only_while_they_fit() {
        // Room for one 10 × 10 RGB photo (300 bytes) and a half.
        let room = Room::new(450);
        assert!(room.take(photo(10, 10)).is_some());
        assert!(room.take(photo(10, 10)).is_none());
        assert!(room.take(photo(5, 10)).is_some());
        let mut kept = Kept::default();
        kept.insert(PathBuf::from("/a.jpg"), photo(1, 1));
        assert!(kept.get(Path::new("/a.jpg")).is_some());
        assert!(kept.get(Path::new("/b.jpg")).is_none());
        assert_eq!(kept.len(), 1);
    }
}

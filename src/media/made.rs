//! What the image pipeline made of the photos: the pictures of each photo and their sizes,
//! as templates see them ([`Images`], an input of every view and page through its
//! [`Images::fingerprint`]). Split from `media/mod.rs`, which makes them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Diagnostics;

use super::Encoding;
#[cfg(doc)]
use super::{SHARE_HEIGHT, SHARE_WIDTH, process};

/// One published picture of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Variant {
    /// Its encoding.
    pub encoding: Encoding,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Output path.
    pub path: String,
}

/// What the pipeline made of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageInfo {
    /// Width of the upright picture.
    pub width: u32,
    /// Height of the upright picture.
    pub height: u32,
    /// Average colour, `#rrggbb`.
    pub colour: String,
    /// Every published picture, by format (site.yaml's order), then width.
    pub variants: Vec<Variant>,
    /// The original, published without metadata (`images.keep_original`).
    pub original: Option<String>,
    /// The crop for sharing ([`SHARE_WIDTH`] × [`SHARE_HEIGHT`], or the largest crop of that
    /// shape a smaller photo has), when one was asked for.
    pub share: Option<Variant>,
}

/// The processed photos of a build, by source file.
#[derive(Debug, Default, Clone)]
pub struct Images {
    pub(super) by_source: HashMap<PathBuf, Arc<ImageInfo>>,
    pub(super) by_original: HashMap<String, Arc<ImageInfo>>,
}

impl Images {
    /// What was made of the photo at `source`.
    pub fn get(&self, source: &Path) -> Option<&ImageInfo> {
        self.by_source.get(source).map(Arc::as_ref)
    }

    /// What was made of the photo that would be published at `path` (`media/events/x/a.jpg`).
    pub fn by_original(&self, path: &str) -> Option<&ImageInfo> {
        self.by_original.get(path).map(Arc::as_ref)
    }

    /// Whether no photo was processed.
    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }

    /// A hash of everything templates can see of the photos.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let mut all: Vec<_> = self.by_source.iter().collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all.hash(&mut h);
        h.finish()
    }
}

/// The result of [`process`].
#[derive(Debug, Default)]
pub struct Processed {
    /// What templates see.
    pub images: Images,
    /// The files to publish: output path → bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// Photos that could not be processed, located where they are named.
    pub diagnostics: Diagnostics,
    /// How many photos were decoded (the others came from the cache).
    pub decoded: usize,
}

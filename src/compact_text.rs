//! A text the build keeps for a long time but reads rarely, kept compressed: a record's body
//! HTML is held from reading to the end of the build (for the record's page, its feed entry,
//! a template that lists bodies), yet each is read once or twice. Compressed with LZ4 (fast
//! enough that compressing every body costs a few per cent of a build), it takes about half
//! the memory. This module is the crate's only home of `lz4_flex`.

use std::hash::Hasher;
use std::sync::Arc;

/// Texts shorter than this are kept as they are: compressing them saves too little.
const SMALLEST_COMPRESSED: usize = 128;

/// A text kept compressed, with its fingerprint (cloning shares it).
#[derive(Clone, PartialEq, Eq)]
pub struct CompactText {
    /// The LZ4 block with the text's length in front, or the text itself when `plain`.
    bytes: Arc<[u8]>,
    /// Whether `bytes` is the text itself.
    plain: bool,
    /// The text's length in bytes.
    len: usize,
    /// The Fx hash of the text: equal texts, equal hashes.
    hash: u64,
}

impl CompactText {
    /// Keeps `text` compressed.
    pub fn new(text: &str) -> CompactText {
        let mut h = crate::fast_hash::fast_hasher();
        h.write(text.as_bytes());
        let hash = h.finish();
        let plain = text.len() < SMALLEST_COMPRESSED;
        let bytes: Arc<[u8]> = if plain {
            text.as_bytes().into()
        } else {
            lz4_flex::block::compress_prepend_size(text.as_bytes()).into()
        };
        CompactText {
            bytes,
            plain,
            len: text.len(),
            hash,
        }
    }

    /// The text, decompressed.
    pub fn text(&self) -> String {
        let bytes = if self.plain {
            self.bytes.to_vec()
        } else {
            // The block was made by `new` from a whole text, so it decompresses; should it
            // not, the text shows empty rather than the build stopping.
            let out = lz4_flex::block::decompress_size_prepended(&self.bytes);
            debug_assert!(out.is_ok(), "a compact text was made by CompactText::new");
            out.unwrap_or_default()
        };
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The text's fingerprint (the Fx hash of its bytes).
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The memory it takes besides its own struct.
    pub fn stored_bytes(&self) -> usize {
        self.bytes.len()
    }
}

impl std::fmt::Debug for CompactText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("CompactText").field(&self.text()).finish()
    }
}

impl Default for CompactText {
    fn default() -> CompactText {
        CompactText::new("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_come_back_as_written_and_take_less_room() {
        let text = "<p>Rēzeknes teātris «Joriks» — Резекне. </p>\n".repeat(200);
        let compact = CompactText::new(&text);
        assert_eq!(compact.text(), text);
        assert_eq!(compact.len(), text.len());
        assert!(compact.stored_bytes() * 4 < text.len());
    }

    #[test]
    fn short_and_empty_texts_are_kept_as_they_are() {
        for text in ["", "<p>Īss.</p>"] {
            let compact = CompactText::new(text);
            assert_eq!(compact.text(), text);
            assert_eq!(compact.stored_bytes(), text.len());
            assert_eq!(compact.is_empty(), text.is_empty());
        }
    }

    #[test]
    fn equal_texts_have_equal_fingerprints_and_others_differ() {
        let a = "<p>viens</p>".repeat(20);
        let b = "<p>divi</p>".repeat(20);
        assert_eq!(CompactText::new(&a).hash(), CompactText::new(&a).hash());
        assert_ne!(CompactText::new(&a).hash(), CompactText::new(&b).hash());
        assert_eq!(CompactText::new(&a), CompactText::new(&a));
    }
}

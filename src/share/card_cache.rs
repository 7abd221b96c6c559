//! The cache of rendered share cards, `<site>/.vestis/cache/cards/<key>.png`: a card is drawn
//! once for a given template, fonts and texts (the key is their SHA-256), and a rebuild that
//! changes none of them draws nothing. Entries no card of the latest build uses are removed.
//!
//! The cache is an optimisation only: a file that cannot be read or written is drawn again,
//! never an error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".vestis/cache/cards";

/// A card larger than this is not read back (a 1200 × 630 PNG is far smaller).
const MAX_CARD_BYTES: u64 = 16 * 1024 * 1024;

/// Bumped when the drawing changes in a way the key does not show (layout rules, renderer).
const FORMAT: &[u8] = b"vestis-card-1";

/// The cache folder of the site at `root`.
pub struct CardCache {
    dir: PathBuf,
}

impl CardCache {
    /// The cache of the site at `root`.
    pub fn new(root: &Path) -> CardCache {
        CardCache {
            dir: root.join(CACHE_DIR),
        }
    }

    /// The key of a card: its template, fonts and texts (slot name and value, in order).
    pub fn key<'a>(
        template: &str,
        fonts_digest: &[u8; 32],
        values: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    ) -> String {
        let mut hasher = Sha256::new();
        hasher.update(FORMAT);
        hasher.update((template.len() as u64).to_le_bytes());
        hasher.update(template.as_bytes());
        hasher.update(fonts_digest);
        for (slot, value) in values {
            hasher.update((slot.len() as u64).to_le_bytes());
            hasher.update(slot.as_bytes());
            match value {
                Some(v) => {
                    hasher.update([1]);
                    hasher.update((v.len() as u64).to_le_bytes());
                    hasher.update(v.as_bytes());
                }
                None => hasher.update([0]),
            }
        }
        let digest = hasher.finalize();
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }

    /// Where the card of `key` is kept.
    pub fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.png"))
    }

    /// Whether the card of `key` is there.
    pub fn has(&self, key: &str) -> bool {
        std::fs::metadata(self.path(key)).is_ok_and(|m| m.is_file() && m.len() <= MAX_CARD_BYTES)
    }

    /// The card of `key`, when it is there and readable.
    pub fn read(path: &Path) -> Option<Vec<u8>> {
        use std::io::Read;
        let file = std::fs::File::open(path).ok()?;
        let mut bytes = Vec::new();
        file.take(MAX_CARD_BYTES + 1).read_to_end(&mut bytes).ok()?;
        (bytes.len() as u64 <= MAX_CARD_BYTES && bytes.starts_with(b"\x89PNG")).then_some(bytes)
    }

    /// Keeps a drawn card (best effort: written beside, then renamed, so a reader never sees
    /// half a file).
    pub fn store(&self, key: &str, png: &[u8]) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let temp = self.dir.join(format!(".{key}.{}.tmp", std::process::id()));
        if std::fs::write(&temp, png).is_ok() && std::fs::rename(&temp, self.path(key)).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }

    /// Removes the cards no key of `used` names; returns how many.
    pub fn prune(&self, used: &HashSet<String>) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name();
            let Some(key) = name.to_str().and_then(|n| n.strip_suffix(".png")) else {
                continue;
            };
            if !used.contains(key) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_changes_with_every_input() {
        let fonts = [0u8; 32];
        let base = CardCache::key("<svg/>", &fonts, [("title", Some("A"))].into_iter());
        assert_eq!(base.len(), 32);
        assert_eq!(
            base,
            CardCache::key("<svg/>", &fonts, [("title", Some("A"))].into_iter())
        );
        for other in [
            CardCache::key("<svg />", &fonts, [("title", Some("A"))].into_iter()),
            CardCache::key("<svg/>", &[1; 32], [("title", Some("A"))].into_iter()),
            CardCache::key("<svg/>", &fonts, [("title", Some("B"))].into_iter()),
            CardCache::key("<svg/>", &fonts, [("title", None)].into_iter()),
            CardCache::key("<svg/>", &fonts, [("date", Some("A"))].into_iter()),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn stored_cards_are_read_back_and_unused_ones_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let cache = CardCache::new(dir.path());
        cache.store("aa", b"\x89PNG one");
        cache.store("bb", b"\x89PNG two");
        assert!(cache.has("aa") && cache.has("bb") && !cache.has("cc"));
        assert_eq!(CardCache::read(&cache.path("bb")).unwrap(), b"\x89PNG two");
        let used: HashSet<String> = ["aa".to_string()].into();
        assert_eq!(cache.prune(&used), 1);
        assert!(cache.has("aa") && !cache.has("bb"));
    }
}

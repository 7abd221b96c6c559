//! What the build keeps of a record's plain text (its body without markup), taken once when
//! the record is read, instead of the whole text.
//!
//! Every record of a site is held in memory for the whole build, and its plain text is about
//! as large as its HTML; but nothing needs it whole. The search index needs its *words* and how
//! often each occurs, the search results and the feeds need its *beginning* (at most
//! [`START_CHARS`] characters), and the translation report needs to know whether two texts
//! are the same. [`PlainText`] keeps just that: the beginning, each distinct word once with
//! its count, and a fingerprint of the whole text.
//!
//! A word is a run of letters, digits and marks (Unicode categories L, N and M), the same
//! split the search index and the theme's search box use (`render::publish::search_fold` folds
//! the words this module splits).

use std::hash::{Hash, Hasher};

use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};

use crate::compact_text::CompactText;
use crate::fast_hash::{FastMap, fast_hasher, map_with_capacity};

/// How many characters of the beginning of a text are kept: one more than the longest
/// beginning anything shows (the search index's 1,000), so a cut text is still seen as cut.
pub const START_CHARS: usize = 1001;

/// Whether `c` belongs to a word: a letter, digit or mark.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_surely_letter_or_mark(c) {
        return true;
    }
    let gc = CodePointMapData::<GeneralCategory>::new().get(c);
    GeneralCategoryGroup::Letter.contains(gc)
        || GeneralCategoryGroup::Number.contains(gc)
        || GeneralCategoryGroup::Mark.contains(gc)
}

/// Whether `c` lies in a block of the site's scripts where every code point is a letter or a
/// mark: Latin-1's and Latin Extended-A/B's letters (Latvian's `āčēģīķļņšūž`) and the Cyrillic
/// block but for `҂` (U+0482, a symbol). The Unicode tables say the same (a test checks each
/// code point); this only spares them the lookup for nearly every letter of the site.
fn is_surely_letter_or_mark(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}')
        || (matches!(c, '\u{400}'..='\u{4FF}') && c != '\u{482}')
}

/// The words of `text` as written (before any folding), in order.
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// A text's beginning, its distinct words with their counts, and its fingerprint. The
/// beginning and the words are kept together, compressed (`crate::compact_text`): they are
/// read once, by the search index (and a feed, the translation report), and at 100,000
/// records they would take about 600 MB as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlainText {
    /// The first [`START_CHARS`] characters (the whole text when it is not longer), then the
    /// distinct words in the order they first occur, each after one space (never part of a
    /// word).
    packed: CompactText,
    /// The length in bytes of the beginning in `packed`.
    start_len: usize,
    /// Whether the beginning is the whole text.
    whole: bool,
    /// How often each word occurs (at most 255 is counted).
    counts: Box<[u8]>,
    /// The length and a hash of the whole text.
    fingerprint: (usize, u64),
}

impl PlainText {
    /// What is kept of `text`.
    pub fn new(text: &str) -> Self {
        // The byte where character number START_CHARS begins: the bytes that begin a
        // character are those that are not UTF-8 continuation bytes (0b10xx_xxxx).
        let cut = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b & 0xC0 != 0x80)
            .nth(START_CHARS)
            .map(|(at, _)| at);
        let (start, whole) = match cut.and_then(|at| text.get(..at)) {
            Some(start) => (start, false),
            None => (text, true),
        };
        // About one distinct word in every 16 bytes of text.
        let mut index: FastMap<&str, usize> = map_with_capacity(text.len() / 16);
        let mut packed = String::with_capacity(start.len() + text.len() / 2);
        packed.push_str(start);
        let mut counts: Vec<u8> = Vec::with_capacity(text.len() / 16);
        for word in raw_words(text) {
            let i = *index.entry(word).or_insert_with(|| {
                packed.push(' ');
                packed.push_str(word);
                counts.push(0);
                counts.len() - 1
            });
            counts[i] = counts[i].saturating_add(1);
        }
        let mut hasher = fast_hasher();
        text.hash(&mut hasher);
        PlainText {
            packed: CompactText::new(&packed),
            start_len: start.len(),
            whole,
            counts: counts.into_boxed_slice(),
            fingerprint: (text.len(), hasher.finish()),
        }
    }

    /// The beginning and the words, decompressed to be read.
    pub fn unpack(&self) -> Unpacked<'_> {
        Unpacked {
            packed: self.packed.text(),
            plain: self,
        }
    }

    /// Whether both are the same text (by length, a 64-bit hash of the whole text, and the
    /// beginning and words kept).
    pub fn same_text(&self, other: &PlainText) -> bool {
        self.fingerprint == other.fingerprint && self.packed == other.packed
    }
}

/// A [`PlainText`]'s beginning and words, decompressed.
pub struct Unpacked<'a> {
    packed: String,
    plain: &'a PlainText,
}

impl Unpacked<'_> {
    /// The beginning of the text: at most [`START_CHARS`] characters.
    pub fn start(&self) -> &str {
        self.packed.get(..self.plain.start_len).unwrap_or_default()
    }

    /// The whole text, when it is not longer than [`START_CHARS`] characters.
    pub fn whole(&self) -> Option<&str> {
        self.plain.whole.then(|| self.start())
    }

    /// Each distinct word (as written) with how often it occurs (255 at most), in the order
    /// the words first occur.
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        let words = self.packed.get(self.plain.start_len..).unwrap_or_default();
        let words = words.split(' ').filter(|w| !w.is_empty());
        words.zip(self.plain.counts.iter().map(|&n| u32::from(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_the_unicode_tables() {
        for c in ('\u{80}'..='\u{24F}').chain('\u{370}'..='\u{52F}') {
            if is_surely_letter_or_mark(c) {
                let gc = CodePointMapData::<GeneralCategory>::new().get(c);
                let word = GeneralCategoryGroup::Letter.contains(gc)
                    || GeneralCategoryGroup::Mark.contains(gc);
                assert!(word, "{c:?} (U+{:04X}) is not a letter or mark", c as u32);
            }
        }
        assert!(!is_word_char('\u{D7}') && !is_word_char('\u{F7}') && !is_word_char('\u{482}'));
        assert!(is_word_char('ž') && is_word_char('Ё') && is_word_char('\u{483}'));
    }

    #[test]
    fn a_short_text_is_kept_whole_with_its_word_counts() {
        let kept = PlainText::new("Rēzekne, rēzekne un Rēzekne — 2014. gads");
        let text = kept.unpack();
        assert_eq!(
            text.whole(),
            Some("Rēzekne, rēzekne un Rēzekne — 2014. gads")
        );
        let words: Vec<(&str, u32)> = text.words().collect();
        assert_eq!(
            words,
            [
                ("Rēzekne", 2),
                ("rēzekne", 1),
                ("un", 1),
                ("2014", 1),
                ("gads", 1)
            ]
        );
    }

    #[test]
    fn a_long_text_keeps_its_beginning_and_every_word() {
        let mut long = "ābols ".repeat(400);
        long.push_str("beigas");
        let kept = PlainText::new(&long);
        let text = kept.unpack();
        assert_eq!(text.whole(), None);
        assert_eq!(text.start().chars().count(), START_CHARS);
        assert!(long.starts_with(text.start()));
        let words: Vec<(&str, u32)> = text.words().collect();
        assert_eq!(words, [("ābols", 255), ("beigas", 1)]);
    }

    #[test]
    fn the_same_text_is_recognised_and_a_different_one_is_not() {
        let a = PlainText::new(&"vārds ".repeat(300));
        let b = PlainText::new(&"vārds ".repeat(300));
        let c = PlainText::new(&format!("{}cits", "vārds ".repeat(300)));
        assert!(a.same_text(&b));
        assert!(!a.same_text(&c));
        assert_eq!(PlainText::new("").unpack().words().count(), 0);
    }
}

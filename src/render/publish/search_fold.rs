//! How the search index and the search box see words: folded so that case, diacritics and the
//! script do not matter. `Rēzekne`, `REZEKNE`, `rezekne`, `Резекне` and `резекне` are all the
//! word `rezekne`; `ёлка` and `елка` are `elka`; `й` stays apart from `и` (`moj` ≠ `moi`).
//!
//! Folding one character, in this order (the theme's search script does the same, with the
//! table taken from the index's manifest, so both sides always agree):
//! 1. lower case;
//! 2. a letter of [`TABLE`] (Cyrillic) becomes its Latin spelling;
//! 3. otherwise the character is decomposed (Unicode NFD) and its marks are dropped
//!    (`ē` → `e`, `š` → `s`), and a base letter of [`TABLE`] is spelt in Latin.
//!
//! A word is a run of letters, digits and marks (Unicode categories L, N and M; the split is
//! `crate::plain_text`'s, which keeps the words of every record's text when it is read).
//!
//! The table spells Russian the way Latvian spells it, without diacritics (`ш` → `s` as in
//! `š`, `ч` → `c` as in `č`, `ж` → `z` as in `ž`): then a Russian name and its Latvian
//! spelling usually fold to the same word (`Резекне` / `Rēzekne`, `Ливаны` / `Līvāni`,
//! `Чехов` / `Čehovs`). It works both ways because both sides become Latin.

use icu_normalizer::DecomposingNormalizerBorrowed;
use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};

use crate::fast_hash::FastMap;
use crate::plain_text::raw_words;

/// Cyrillic letters (lower case) and their Latin spelling.
pub(crate) const TABLE: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "z"),
    ('з', "z"),
    ('и', "i"),
    ('й', "j"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "h"),
    ('ц', "c"),
    ('ч', "c"),
    ('ш', "s"),
    ('щ', "sc"),
    ('ъ', ""),
    ('ы', "i"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "ju"),
    ('я', "ja"),
    ('і', "i"),
    ('ї', "ji"),
    ('є', "je"),
    ('ґ', "g"),
    ('ў', "u"),
];

fn table(c: char) -> Option<&'static str> {
    TABLE.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

fn category(c: char) -> GeneralCategory {
    CodePointMapData::<GeneralCategory>::new().get(c)
}

/// Appends the folded form of `c` to `out`.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let nfd = DecomposingNormalizerBorrowed::new_nfd();
    let mut buf = [0u8; 4];
    for lower in c.to_lowercase() {
        if let Some(latin) = table(lower) {
            out.push_str(latin);
            continue;
        }
        for d in nfd.normalize(lower.encode_utf8(&mut buf)).chars() {
            if GeneralCategoryGroup::Mark.contains(category(d)) {
                continue;
            }
            match table(d) {
                Some(latin) => out.push_str(latin),
                None => out.push(d),
            }
        }
    }
}

/// `text` folded, character by character.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folds words, each distinct spelling once: a site's texts repeat a small vocabulary, and
/// folding (lower case, NFD, the table) costs far more than a hash lookup. Each distinct
/// folded word gets a number ([`WordId`]), so the index counts words without copying them.
#[derive(Default)]
pub(crate) struct Folder {
    /// Spelling → its folded word's number (`None`: it folds to nothing, like a lone `ь`).
    /// The spellings are copied: a text's words are read decompressed, one text at a time.
    spellings: FastMap<Box<str>, Option<WordId>>,
    /// Folded word → its number.
    ids: FastMap<Box<str>, WordId>,
    /// Number → folded word.
    words: Vec<Box<str>>,
}

/// The number of a distinct folded word of a [`Folder`], from 0 up in order of first sight.
pub(crate) type WordId = u32;

impl Folder {
    /// Calls `each` with the folded words of `text`, in order (empty ones, like a lone `ь`,
    /// left out).
    #[cfg(test)]
    pub(crate) fn words(&mut self, text: &str, mut each: impl FnMut(&str)) {
        let mut ids = Vec::new();
        self.word_ids(text, |id| ids.push(id));
        for id in ids {
            each(self.word(id));
        }
    }

    /// Calls `each` with the number of each folded word of `text`, in order (empty ones left
    /// out).
    pub(crate) fn word_ids(&mut self, text: &str, mut each: impl FnMut(WordId)) {
        for raw in raw_words(text) {
            let id = match self.spellings.get(raw) {
                Some(&id) => id,
                None => {
                    let id = self.id_of(fold(raw));
                    self.spellings.insert(raw.into(), id);
                    id
                }
            };
            if let Some(id) = id {
                each(id);
            }
        }
    }

    /// The folded word numbered `id`.
    pub(crate) fn word(&self, id: WordId) -> &str {
        &self.words[id as usize]
    }

    /// How many distinct folded words were seen.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    fn id_of(&mut self, folded: String) -> Option<WordId> {
        if folded.is_empty() {
            return None;
        }
        if let Some(&id) = self.ids.get(folded.as_str()) {
            return Some(id);
        }
        let id = WordId::try_from(self.words.len()).ok()?;
        let folded = folded.into_boxed_str();
        self.words.push(folded.clone());
        self.ids.insert(folded, id);
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_diacritics_and_script_fold_to_one_word() {
        for spelling in ["Rēzekne", "REZEKNE", "rezekne", "Резекне", "РЕЗЕКНЕ"] {
            assert_eq!(fold(spelling), "rezekne", "{spelling}");
        }
        assert_eq!(fold("ёлка"), fold("елка"));
        assert_eq!(fold("Ёлка"), "elka");
        assert_eq!(fold("Līvāni"), fold("Ливаны"));
        assert_eq!(fold("Čehovs"), "cehovs");
        assert!(fold("Чехов").starts_with("cehov"));
        // й is a letter of its own.
        assert_ne!(fold("мой"), fold("мои"));
        assert_eq!(fold("мой"), "moj");
        // Decomposed input folds like composed input.
        assert_eq!(fold("Re\u{304}zekne"), "rezekne");
    }

    fn words(text: &str) -> Vec<String> {
        let mut got = Vec::new();
        Folder::default().words(text, |w| got.push(w.to_string()));
        got
    }

    #[test]
    fn words_split_at_anything_but_letters_digits_and_marks() {
        let got = words("Rēzeknē, 14. jūnijā — «Ёлка»! 2014-06-14 объявление");
        assert_eq!(
            got,
            [
                "rezekne",
                "14",
                "junija",
                "elka",
                "2014",
                "06",
                "14",
                "objavlenie"
            ]
        );
        assert!(words("... ь —").is_empty());
        // A spelling seen before folds the same the second time (from the cache).
        let mut folder = Folder::default();
        let mut twice = Vec::new();
        folder.words("Ёлка ёлка Ёлка", |w| twice.push(w.to_string()));
        assert_eq!(twice, ["elka", "elka", "elka"]);
    }

    #[test]
    fn the_table_is_lower_case_cyrillic_without_repeats() {
        for (i, (c, latin)) in TABLE.iter().enumerate() {
            assert!(c.is_lowercase(), "{c}");
            assert!(latin.chars().all(|l| l.is_ascii_lowercase()), "{latin}");
            assert!(TABLE[..i].iter().all(|(k, _)| k != c), "{c} twice");
        }
    }
}

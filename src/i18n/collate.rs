//! Sorting text in a language's alphabetical order (ICU4X collator, CLDR tailorings):
//! Latvian c < č < d, Russian е < ё < ж.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::Locale;

use super::format::with_root_fallback;

/// The collator of one language.
#[derive(Debug)]
pub(crate) struct Collation {
    collator: CollatorBorrowed<'static>,
}

impl Collation {
    /// Loads the collation for `locale` (the root collation when CLDR has no tailoring).
    pub(crate) fn new(locale: &Locale) -> Result<Self, icu_provider::DataError> {
        let collator = with_root_fallback(locale, |l| {
            Collator::try_new(l.into(), CollatorOptions::default())
        })?;
        Ok(Collation { collator })
    }

    /// Compares two strings in the language's order.
    pub(crate) fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }
}

//! CLDR plural categories of a language (ICU4X `PluralRules`, cardinal).
//!
//! Fluent's own selectors reach the same ICU4X rules through the patched `intl_pluralrules`
//! (vendor/intl_pluralrules), so [`Plurals::category`] and a Fluent `{ $n -> … }` always agree.

use fixed_decimal::Decimal;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

use super::format::with_root_fallback;

/// The cardinal plural rules of one language.
#[derive(Debug)]
pub(crate) struct Plurals {
    rules: PluralRules,
}

impl Plurals {
    /// Loads the rules for `locale` from compiled CLDR data.
    pub(crate) fn new(locale: &Locale) -> Result<Self, icu_provider::DataError> {
        let rules = with_root_fallback(locale, |l| PluralRules::try_new_cardinal(l.into()))?;
        Ok(Plurals { rules })
    }

    /// The category of `n` written with its shortest round-trip digits, as Fluent writes a
    /// number argument: 1.5 is "1.5" (one fraction digit), 2.0 is "2" (an integer).
    pub(crate) fn category(&self, n: f64) -> &'static str {
        let decimal = if n.is_finite() {
            Decimal::try_from_str(&n.abs().to_string()).ok()
        } else {
            None
        };
        match decimal {
            Some(d) => category_name(self.rules.category_for(&d)),
            None => "other",
        }
    }

    /// The categories the language distinguishes, in CLDR order ("zero" … "other").
    pub(crate) fn categories(&self) -> Vec<&'static str> {
        self.rules.categories().map(category_name).collect()
    }
}

/// The CLDR keyword of a category, as written in Fluent variant keys.
pub(crate) fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

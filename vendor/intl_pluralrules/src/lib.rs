//! vestis's replacement for `intl_pluralrules` 7.0.2: the same public API, answered by ICU4X.
//!
//! Fluent calls [`PluralRules::get_locales`] to negotiate a locale, [`PluralRules::create`]
//! once per bundle and rule type, and [`PluralRules::select`] for every plural selector. The
//! original crate's rule tables were generated from CLDR 37 and disagree with current CLDR for
//! Latvian; here `select` rebuilds the number's decimal form from its operands and asks
//! `icu_plurals` (compiled CLDR data), so Fluent picks exactly the category ICU4X gives.

mod locales;
pub mod operands;

use std::convert::TryInto;
use std::sync::Arc;

use fixed_decimal::Decimal;
use unic_langid::LanguageIdentifier;

use crate::operands::PluralOperands;

/// The CLDR version the original crate's tables came from; ICU4X's data is newer.
pub static CLDR_VERSION: usize = 37;

/// A plural category, as in the original crate.
#[derive(Debug, Eq, PartialEq)]
pub enum PluralCategory {
    ZERO,
    ONE,
    TWO,
    FEW,
    MANY,
    OTHER,
}

/// Cardinal (`3 books`) or ordinal (`3rd book`) rules.
#[derive(Copy, Clone, Hash, PartialEq, Eq)]
pub enum PluralRuleType {
    /// Position in a sequence.
    ORDINAL,
    /// Quantities.
    CARDINAL,
}

/// Plural rules of one locale and rule type, backed by ICU4X.
#[derive(Clone)]
pub struct PluralRules {
    locale: LanguageIdentifier,
    rules: Arc<icu_plurals::PluralRules>,
}

impl PluralRules {
    /// Rules for `langid`. Fails only when ICU4X cannot build rules for it, which with
    /// compiled data (falling back to the root locale) does not happen for a valid identifier.
    pub fn create<L: Into<LanguageIdentifier>>(
        langid: L,
        prt: PluralRuleType,
    ) -> Result<Self, &'static str> {
        let locale: LanguageIdentifier = langid.into();
        let icu_locale = icu_locale_core::Locale::try_from_str(&locale.to_string())
            .map_err(|_| "unknown locale")?;
        let prefs = (&icu_locale).into();
        let rules = match prt {
            PluralRuleType::CARDINAL => icu_plurals::PluralRules::try_new_cardinal(prefs),
            PluralRuleType::ORDINAL => icu_plurals::PluralRules::try_new_ordinal(prefs),
        }
        .map_err(|_| "unknown locale")?;
        Ok(Self {
            locale,
            rules: Arc::new(rules),
        })
    }

    /// The plural category of `number` (an integer, a float, or its decimal string; trailing
    /// fraction zeros count, as in CLDR: `"1.0"` has `v = 1`).
    pub fn select<N: TryInto<PluralOperands>>(
        &self,
        number: N,
    ) -> Result<PluralCategory, &'static str> {
        let ops = number
            .try_into()
            .map_err(|_| "Argument can not be parsed to operands.")?;
        let decimal = to_decimal(&ops).ok_or("Argument can not be parsed to operands.")?;
        Ok(match self.rules.category_for(&decimal) {
            icu_plurals::PluralCategory::Zero => PluralCategory::ZERO,
            icu_plurals::PluralCategory::One => PluralCategory::ONE,
            icu_plurals::PluralCategory::Two => PluralCategory::TWO,
            icu_plurals::PluralCategory::Few => PluralCategory::FEW,
            icu_plurals::PluralCategory::Many => PluralCategory::MANY,
            icu_plurals::PluralCategory::Other => PluralCategory::OTHER,
        })
    }

    /// The locales Fluent may negotiate to (those the original crate knew).
    pub fn get_locales(_prt: PluralRuleType) -> Vec<LanguageIdentifier> {
        locales::LOCALES
            .iter()
            .filter_map(|id| id.parse().ok())
            .collect()
    }

    /// The locale these rules were created for.
    pub fn get_locale(&self) -> &LanguageIdentifier {
        &self.locale
    }
}

/// The absolute decimal `i.f` with `v` fraction digits (keeping trailing zeros) that the
/// operands describe.
fn to_decimal(ops: &PluralOperands) -> Option<Decimal> {
    let text = if ops.v == 0 {
        ops.i.to_string()
    } else {
        format!("{}.{:0>width$}", ops.i, ops.f, width = ops.v)
    };
    Decimal::try_from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn select(lang: &str, n: impl TryInto<PluralOperands>) -> PluralCategory {
        let pr = PluralRules::create(
            lang.parse::<LanguageIdentifier>().unwrap(),
            PluralRuleType::CARDINAL,
        )
        .unwrap();
        pr.select(n).unwrap()
    }

    #[test]
    fn follows_current_cldr_for_latvian() {
        assert_eq!(select("lv", 111), PluralCategory::ZERO);
        assert_eq!(select("lv", 1.5), PluralCategory::OTHER);
        assert_eq!(select("lv", 21), PluralCategory::ONE);
        assert_eq!(select("lv", "0.11"), PluralCategory::ZERO);
        assert_eq!(select("lv", "0.10"), PluralCategory::OTHER);
    }

    #[test]
    fn follows_cldr_for_russian() {
        assert_eq!(select("ru", 22), PluralCategory::FEW);
        assert_eq!(select("ru", 25), PluralCategory::MANY);
        assert_eq!(select("ru", "1.0"), PluralCategory::OTHER);
    }

    #[test]
    fn every_listed_locale_can_be_created() {
        for locale in PluralRules::get_locales(PluralRuleType::CARDINAL) {
            assert!(PluralRules::create(locale, PluralRuleType::ORDINAL).is_ok());
        }
    }
}

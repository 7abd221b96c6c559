//! Languages: Fluent messages, and dates, numbers, plurals and sorting from CLDR.
//!
//! [`Locales::load`] reads every language's `.ftl` files (theme first, then the site's, which
//! override the theme's messages) and builds its ICU4X formatters from compiled CLDR data, so
//! nothing is looked up or loaded while pages render. A [`Language`] is immutable and
//! Send + Sync: templates rendered in parallel share it.
//!
//! Plural categories come from ICU4X everywhere, including Fluent's own `{ $n -> … }`
//! selectors: the `intl_pluralrules` crate Fluent uses is replaced (see
//! vendor/intl_pluralrules) by one that answers with ICU4X.

mod collate;
mod format;
mod messages;
mod plural;
mod slug;
#[cfg(test)]
mod tests;
mod variants;

use std::cmp::Ordering;
use std::path::Path;

use icu_locale_core::Locale;
use unic_langid::LanguageIdentifier;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source_file::SiteFiles;
use collate::Collation;
use format::{DateFormats, NumberFormat};
use messages::Messages;
use plural::Plurals;

pub use format::DateStyle;
pub use slug::slugify;

/// A value passed to a Fluent message.
#[derive(Debug, Clone, PartialEq)]
pub enum MessageArg {
    /// A number: formatted per language and used for plural selection.
    Number(f64),
    /// Text, inserted as is.
    String(String),
}

impl From<f64> for MessageArg {
    fn from(n: f64) -> Self {
        MessageArg::Number(n)
    }
}

impl From<i64> for MessageArg {
    fn from(n: i64) -> Self {
        // Exact for every count a site can have (|n| < 2^53).
        MessageArg::Number(n as f64)
    }
}

impl From<&str> for MessageArg {
    fn from(s: &str) -> Self {
        MessageArg::String(s.to_string())
    }
}

impl From<String> for MessageArg {
    fn from(s: String) -> Self {
        MessageArg::String(s)
    }
}

/// All languages of a site, in the order of its configuration.
#[derive(Debug)]
pub struct Locales {
    languages: Vec<Language>,
}

impl Locales {
    /// Loads, for each language code in order, `<theme_dir>/locales/<lang>/*.ftl` then
    /// `<root>/locales/<lang>/*.ftl` (a site message overrides the theme's one with the same id).
    /// Missing dirs are fine. Every Fluent syntax error in every file is reported (path relative
    /// to root, line:col), as are messages defined twice in one directory and language codes
    /// that are not BCP 47 tags.
    pub fn load(
        files: &SiteFiles,
        theme_dir: &Path,
        languages: &[String],
    ) -> Result<Locales, Diagnostics> {
        let (locales, diagnostics) = Self::load_with_problems(files, theme_dir, languages);
        if diagnostics.has_errors() {
            Err(diagnostics)
        } else {
            Ok(locales)
        }
    }

    /// Like [`Locales::load`], but always gives the languages that could be loaded (a file
    /// with a syntax error contributes the messages that did parse) beside every problem, so
    /// that the content can still be checked in the same run.
    pub fn load_with_problems(
        files: &SiteFiles,
        theme_dir: &Path,
        languages: &[String],
    ) -> (Locales, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let mut loaded = Vec::with_capacity(languages.len());
        for code in languages {
            match Language::load(files, theme_dir, code) {
                Ok((language, problems)) => {
                    diagnostics.extend(problems);
                    loaded.push(language);
                }
                Err(problems) => diagnostics.extend(problems),
            }
        }
        (Locales { languages: loaded }, diagnostics)
    }

    /// The language with code `lang`, if the site has it.
    pub fn get(&self, lang: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == lang)
    }

    /// All languages, in the configured order.
    pub fn languages(&self) -> &[Language] {
        &self.languages
    }
}

/// One language: its messages and its CLDR formatting.
#[derive(Debug)]
pub struct Language {
    code: String,
    messages: Messages,
    dates: DateFormats,
    numbers: NumberFormat,
    plurals: Plurals,
    collation: Collation,
}

impl Language {
    /// Loads the language `code`; an `Err` is a code that is not a language tag or (a bug)
    /// missing compiled data. Problems in `.ftl` files come back beside the language.
    fn load(
        files: &SiteFiles,
        theme_dir: &Path,
        code: &str,
    ) -> Result<(Language, Diagnostics), Diagnostics> {
        let invalid = || {
            Diagnostics::from(
                Diagnostic::error(
                    None,
                    format!("language code `{code}` is not a valid BCP 47 language tag"),
                )
                .with_suggestion("use a code such as `lv`, `ru` or `en`"),
            )
        };
        let langid: LanguageIdentifier = code.parse().map_err(|_| invalid())?;
        let locale = Locale::try_from_str(code).map_err(|_| invalid())?;
        let data_error = |e: &dyn std::fmt::Display| {
            Diagnostics::from(Diagnostic::error(
                None,
                format!("no CLDR data for language `{code}`: {e}"),
            ))
        };
        let dates = DateFormats::new(&locale).map_err(|e| data_error(&e))?;
        let numbers = NumberFormat::new(&locale, true).map_err(|e| data_error(&e))?;
        let plurals = Plurals::new(&locale).map_err(|e| data_error(&e))?;
        let collation = Collation::new(&locale).map_err(|e| data_error(&e))?;
        let dirs = [
            theme_dir.join("locales").join(code),
            files.root().join("locales").join(code),
        ];
        let (messages, problems) = Messages::load(files, &dirs, langid);
        let language = Language {
            code: code.to_string(),
            messages,
            dates,
            numbers,
            plurals,
            collation,
        };
        Ok((language, problems))
    }

    /// The language code, as configured (`lv`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Formats a message (or `msg.attr`). Err(String) with a human message when missing
    /// ("message `x` is not defined for language `ru`") or when formatting reported errors.
    pub fn message(&self, key: &str, args: &[(&str, MessageArg)]) -> Result<String, String> {
        self.messages.format(&self.code, key, args)
    }

    /// Whether `key` (`msg` or `msg.attr`) can be formatted in this language.
    pub fn has_message(&self, key: &str) -> bool {
        self.messages.has(key)
    }

    /// The ids of all messages of this language (theme's and site's), sorted.
    pub fn message_ids(&self) -> Vec<String> {
        self.messages.ids().to_vec()
    }

    /// Formats a date: lv long "2013. gada 15. jūnijs", ru long "15 июня 2013 г.".
    pub fn format_date(&self, date: jiff::civil::Date, style: DateStyle) -> String {
        self.dates.date(date, style)
    }

    /// Formats a date with hours and minutes (`MonthYear`: year and month only).
    pub fn format_datetime(&self, dt: jiff::civil::DateTime, style: DateStyle) -> String {
        self.dates.datetime(dt, style)
    }

    /// Formats a number: 65458 → "65 458" (U+00A0), 12.5 → "12,5"; integers without decimals.
    pub fn format_number(&self, n: f64) -> String {
        self.numbers.format(n)
    }

    /// The CLDR plural category of `n`: "zero", "one", "two", "few", "many" or "other".
    pub fn plural_category(&self, n: f64) -> &'static str {
        self.plurals.category(n)
    }

    /// The plural categories this language distinguishes (lv: zero, one, other), for checking
    /// that a message has a variant for each.
    pub fn plural_categories(&self) -> Vec<&'static str> {
        self.plurals.categories()
    }

    /// The plural categories this language needs that the plural selects of message `id`
    /// lack (e.g. a Russian message without `few`).
    pub fn missing_plural_variants(&self, id: &str) -> Vec<&'static str> {
        self.messages
            .missing_plural_variants(id, &self.plural_categories())
    }

    /// Compares two strings in this language's alphabetical order.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collation.compare(a, b)
    }
}

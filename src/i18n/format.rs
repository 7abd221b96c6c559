//! Dates and numbers formatted per language from CLDR data (ICU4X compiled data).
//!
//! Every formatter is built once per language when the locales are loaded. A language ICU4X
//! has no data for gets the data of its nearest parent, ending at the root locale (ICU4X's own
//! fallback); if even that fails, [`with_root_fallback`] retries with the root locale.

use std::str::FromStr;

use fixed_decimal::Decimal;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{YM, YMD, YMDT};
use icu_datetime::input::{DateTime, Time};
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames};
use icu_datetime::{DateTimeFormatterLoadError, FixedCalendarDateTimeFormatter};
use icu_decimal::DecimalFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use writeable::TryWriteable;

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// Month as a word, e.g. lv "2013. gada 15. jūnijs", ru "15 июня 2013 г.".
    Long,
    /// Abbreviated month, e.g. lv "2013. g. 15. jūn.", ru "15 июн. 2013 г.".
    Medium,
    /// Numeric, e.g. lv "15.06.13.", ru "15.06.2013".
    Short,
    /// Year and month for headings, with the nominative (standalone) month:
    /// ru "июнь 2013 г.", lv "2013. g. jūnijs".
    MonthYear,
}

impl FromStr for DateStyle {
    type Err = String;

    /// Parses `long`, `medium`, `short` or `month_year`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "long" => Ok(DateStyle::Long),
            "medium" => Ok(DateStyle::Medium),
            "short" => Ok(DateStyle::Short),
            "month_year" => Ok(DateStyle::MonthYear),
            _ => Err(format!(
                "unknown date style `{s}`: expected `long`, `medium`, `short` or `month_year`"
            )),
        }
    }
}

/// Calls `make` for `locale`, and once more for the root locale if that fails.
pub(crate) fn with_root_fallback<T, E>(
    locale: &Locale,
    make: impl Fn(&Locale) -> Result<T, E>,
) -> Result<T, E> {
    make(locale).or_else(|_| make(&Locale::UNKNOWN))
}

type DateFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;
type DateTimeFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMDT>;
type MonthYearFormatter = FixedCalendarDateTimeFormatter<Gregorian, YM>;

/// The Gregorian date formatters of one language, one per [`DateStyle`].
#[derive(Debug)]
pub(crate) struct DateFormats {
    long: DateFormatter,
    medium: DateFormatter,
    short: DateFormatter,
    long_time: DateTimeFormatter,
    medium_time: DateTimeFormatter,
    short_time: DateTimeFormatter,
    month_year: MonthYear,
}

/// CLDR's `yMMMM` pattern for languages where ICU4X's year–month field set differs from it.
///
/// ICU4X derives `YM::long()` for lv from the long date pattern `y. 'gada' d. MMMM` minus the
/// day, which gives "2013. gada. jūnijs" (a stray period); CLDR's own `yMMMM` in lv.xml
/// (availableFormats) is `y. 'g'. MMMM`: "2013. g. jūnijs". Everywhere else ICU4X's field set
/// is CLDR's form (ru `LLLL y 'г'.`: "июнь 2013 г.").
const MONTH_YEAR_PATTERNS: &[(&str, &str)] = &[("lv", "y. 'g'. MMMM")];

/// The year–month formatter: ICU4X's field set, or a CLDR pattern with ICU4X's names.
#[derive(Debug)]
enum MonthYear {
    FieldSet(Box<MonthYearFormatter>),
    Pattern(
        Box<FixedCalendarDateTimeNames<Gregorian, YM>>,
        DateTimePattern,
    ),
}

impl MonthYear {
    fn new(locale: &Locale) -> Result<Self, DateTimeFormatterLoadError> {
        let language = locale.id.language.as_str();
        if let Some((_, text)) = MONTH_YEAR_PATTERNS.iter().find(|(l, _)| *l == language)
            && let Some(names) = Self::pattern(locale, text)
        {
            return Ok(names);
        }
        with_root_fallback(locale, |l| {
            MonthYearFormatter::try_new(l.into(), YM::long())
        })
        .map(|f| MonthYear::FieldSet(Box::new(f)))
    }

    fn pattern(locale: &Locale, text: &str) -> Option<Self> {
        let pattern = DateTimePattern::try_from_pattern_str(text).ok()?;
        let mut names = FixedCalendarDateTimeNames::<Gregorian, YM>::try_new(locale.into()).ok()?;
        names.include_for_pattern(&pattern).ok()?;
        Some(MonthYear::Pattern(Box::new(names), pattern))
    }

    fn format(&self, date: &Date<Gregorian>) -> String {
        match self {
            MonthYear::FieldSet(f) => f.format(date).to_string(),
            MonthYear::Pattern(names, pattern) => {
                match names
                    .with_pattern_unchecked(pattern)
                    .format(date)
                    .try_write_to_string()
                {
                    Ok(text) => text.into_owned(),
                    // The names for the pattern were loaded at construction: unreachable.
                    Err((_, partial)) => partial.into_owned(),
                }
            }
        }
    }
}

impl DateFormats {
    /// Loads the formatters for `locale` from compiled CLDR data.
    pub(crate) fn new(locale: &Locale) -> Result<Self, DateTimeFormatterLoadError> {
        let date =
            |fset: YMD| with_root_fallback(locale, |l| DateFormatter::try_new(l.into(), fset));
        let time =
            |fset: YMDT| with_root_fallback(locale, |l| DateTimeFormatter::try_new(l.into(), fset));
        Ok(DateFormats {
            long: date(YMD::long())?,
            medium: date(YMD::medium())?,
            short: date(YMD::short())?,
            long_time: time(YMD::long().with_time_hm())?,
            medium_time: time(YMD::medium().with_time_hm())?,
            short_time: time(YMD::short().with_time_hm())?,
            // CLDR's `yMMMM` form, with the standalone (nominative) month: ru "июнь 2013 г.".
            month_year: MonthYear::new(locale)?,
        })
    }

    /// Formats a calendar date.
    pub(crate) fn date(&self, date: jiff::civil::Date, style: DateStyle) -> String {
        let Some(icu) = to_icu_date(date) else {
            return date.to_string();
        };
        let text = match style {
            DateStyle::Long => self.long.format(&icu).to_string(),
            DateStyle::Medium => self.medium.format(&icu).to_string(),
            DateStyle::Short => self.short.format(&icu).to_string(),
            DateStyle::MonthYear => self.month_year.format(&icu),
        };
        normalize_spaces(&text)
    }

    /// Formats a date with hours and minutes (`MonthYear` leaves the time out).
    pub(crate) fn datetime(&self, dt: jiff::civil::DateTime, style: DateStyle) -> String {
        let (Some(date), Ok(time)) = (
            to_icu_date(dt.date()),
            Time::try_new(to_u8(dt.hour()), to_u8(dt.minute()), to_u8(dt.second()), 0),
        ) else {
            return dt.to_string();
        };
        let icu = DateTime { date, time };
        let text = match style {
            DateStyle::Long => self.long_time.format(&icu).to_string(),
            DateStyle::Medium => self.medium_time.format(&icu).to_string(),
            DateStyle::Short => self.short_time.format(&icu).to_string(),
            DateStyle::MonthYear => self.month_year.format(&icu.date),
        };
        normalize_spaces(&text)
    }
}

/// jiff's civil dates are proleptic Gregorian, like ICU4X's `Gregorian`.
fn to_icu_date(date: jiff::civil::Date) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(
        i32::from(date.year()),
        to_u8(date.month()),
        to_u8(date.day()),
    )
    .ok()
}

fn to_u8(n: i8) -> u8 {
    u8::try_from(n).unwrap_or(0)
}

/// A language's decimal number formatter.
#[derive(Debug)]
pub(crate) struct NumberFormat {
    formatter: DecimalFormatter,
}

impl NumberFormat {
    /// Loads the formatter for `locale`; `grouping` false never writes thousands separators.
    pub(crate) fn new(locale: &Locale, grouping: bool) -> Result<Self, icu_provider::DataError> {
        let mut options = DecimalFormatterOptions::default();
        if !grouping {
            options.grouping_strategy = Some(GroupingStrategy::Never);
        }
        let formatter =
            with_root_fallback(locale, |l| DecimalFormatter::try_new(l.into(), options))?;
        Ok(NumberFormat { formatter })
    }

    /// Formats `n` with the shortest digits that round-trip (12.5 → "12,5", 65458 → "65 458").
    /// NaN and infinities, which CLDR patterns cannot show, come out as Rust prints them.
    pub(crate) fn format(&self, n: f64) -> String {
        if !n.is_finite() {
            return n.to_string();
        }
        self.format_decimal_str(&n.to_string())
            .unwrap_or_else(|| n.to_string())
    }

    /// Formats a plain decimal string such as "-1234.50" (fraction zeros are kept).
    /// Latvian groups only from 5 integer digits (CLDR minimumGroupingDigits 2): lv "1234",
    /// ru "1 234".
    pub(crate) fn format_decimal_str(&self, text: &str) -> Option<String> {
        let decimal = Decimal::try_from_str(text).ok()?;
        Some(normalize_spaces(
            &self.formatter.format(&decimal).to_string(),
        ))
    }
}

/// The spec asks for U+00A0 NO-BREAK SPACE. CLDR (as compiled into ICU4X 2.x) gives U+00A0 as
/// the thousands separator for lv and ru, but U+202F NARROW NO-BREAK SPACE in other places:
/// ru dates ("2013\u{202F}г."), en times ("7:05\u{202F}PM"), some locales' numbers. Every
/// U+202F in formatted output becomes U+00A0: still unbreakable, and present in every font.
fn normalize_spaces(text: &str) -> String {
    text.replace('\u{202F}', "\u{A0}")
}

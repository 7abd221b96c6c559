//! Reading `date` and `datetime` values the way people write them, and saying precisely what
//! is wrong when one cannot be used: an impossible day ("February 2014 has 28 days"), a date
//! in another order (`15.06.2014` → `2014-06-15`, both readings when `05/06/2014` is
//! ambiguous), a year outside [`YEARS`].
//!
//! The year range exists so that every accepted date has a valid Atom (RFC 3339) and
//! iCalendar form: four-digit years, and a next day (iCalendar's exclusive end) that is one too.

use std::ops::RangeInclusive;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use crate::yaml::short;
use crate::yaml::slips::SHOWN_CHARS;

/// The years a date or date-time field may have.
pub const YEARS: RangeInclusive<i16> = 1800..=2200;

/// The years `publish_at` may have: wider, as a far-future embargo is a way to hold a record
/// back; every one of them still has a four-digit RFC 3339 form.
pub const PUBLISH_YEARS: RangeInclusive<i16> = 1..=9999;

/// A message and, when one is close, what to type instead.
pub(super) type Problem = (String, Option<String>);

/// Why a value is not a usable date: `None` when it does not look like a date at all (the
/// caller then says what a date looks like), else the precise problem.
pub(super) type DateError = Option<Problem>;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2013-06-15` exactly, within [`YEARS`].
pub(super) fn date(name: &str, text: &str) -> Result<Date, DateError> {
    precise(name, text, "")
}

/// [`date`], with `time` (` 18:30`) kept after the date in suggestions.
fn precise(name: &str, text: &str, time: &str) -> Result<Date, DateError> {
    let t = text.trim();
    let shown = short(t, SHOWN_CHARS);
    let Some((sep, parts)) = numeric_parts(t) else {
        return Err(None);
    };
    let [a, b, c] = parts;
    let len = |s: &str| s.len();
    if len(a) == 4 {
        let (y, m, d) = (num(a), num(b), num(c));
        let iso = sep == '-' && len(b) == 2 && len(c) == 2;
        let date = valid(name, &shown, y, m, d).map_err(Some)?;
        if !iso {
            return Err(Some((
                format!(
                    "field `{name}` is `{shown}`: dates are written year-month-day with `-` and two-digit months and days"
                ),
                Some(format!("write `{name}: {date}{time}`")),
            )));
        }
        return in_range(name, date, &YEARS).map_err(Some);
    }
    if len(c) != 4 {
        return Err(None);
    }
    let (x, y, year) = (num(a), num(b), num(c));
    let day_first = || valid(name, &shown, year, y, x);
    let month_first = || valid(name, &shown, year, x, y);
    let readings: Vec<Date> = match (x > 12, y > 12) {
        (true, _) => vec![day_first().map_err(Some)?],
        (false, true) => vec![month_first().map_err(Some)?],
        _ if x == y || sep == '.' => vec![day_first().map_err(Some)?],
        _ => [day_first(), month_first()].into_iter().flatten().collect(),
    };
    let message = format!("field `{name}` is `{shown}`: dates are written year-month-day");
    let help = match readings.as_slice() {
        [one] => format!("write `{name}: {one}{time}`"),
        [first, second] => format!(
            "write `{name}: {first}{time}` ({}) or `{name}: {second}{time}` ({}), whichever you meant",
            spoken(*first),
            spoken(*second)
        ),
        _ => return Err(None),
    };
    Err(Some((message, Some(help))))
}

/// `2013-06-15 18:30[:00]` (local, in `tz`) or RFC 3339 with an offset (converted to `tz`),
/// with a year in `years`.
pub(super) fn datetime(
    name: &str,
    text: &str,
    tz: &TimeZone,
    years: &RangeInclusive<i16>,
) -> Result<DateTime, DateError> {
    if let Some(dt) = parse_datetime(text, tz) {
        return in_range(name, dt.date(), years).map(|_| dt).map_err(Some);
    }
    let t = text.trim();
    let day = t.split([' ', 'T']).next().unwrap_or(t);
    let time = short(&t[day.len()..], SHOWN_CHARS);
    match precise(name, day, &time) {
        Err(Some(problem)) => Err(Some(problem)),
        _ => Err(None),
    }
}

/// Three runs of 1 to 4 ASCII digits joined by one separator (`-`, `.` or `/`).
fn numeric_parts(t: &str) -> Option<(char, [&str; 3])> {
    let sep = t.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '-' | '.' | '/') {
        return None;
    }
    let mut parts = t.split(sep);
    let out = [parts.next()?, parts.next()?, parts.next()?];
    let ok = parts.next().is_none()
        && out
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some((sep, out))
}

fn num(digits: &str) -> i16 {
    digits.parse().unwrap_or(0)
}

/// The date `y-m-d`, or why there is none ("February 2014 has 28 days").
fn valid(name: &str, shown: &str, y: i16, m: i16, d: i16) -> Result<Date, Problem> {
    if !(1..=12).contains(&m) {
        let swapped = (1..=12)
            .contains(&d)
            .then(|| Date::new(y, d as i8, m as i8).ok())
            .flatten();
        return Err((
            format!("field `{name}` is `{shown}`, but there is no month {m}"),
            Some(match swapped {
                Some(s) => format!("the month comes second (year-month-day): did you mean `{s}`?"),
                None => "the month comes second (year-month-day) and is 01 to 12".into(),
            }),
        ));
    }
    let first = Date::new(y.max(1), m as i8, 1).map_err(|_| year_problem(name, y, &YEARS))?;
    let days = first.days_in_month();
    if d < 1 || d > i16::from(days) {
        let month = MONTHS[(m - 1) as usize];
        return Err((
            format!("field `{name}` is `{shown}`, but {month} {y} has {days} days"),
            Some(format!(
                "check the day: the last day of {month} {y} is `{}`",
                first.last_of_month()
            )),
        ));
    }
    Date::new(y, m as i8, d as i8).map_err(|_| year_problem(name, y, &YEARS))
}

fn in_range(name: &str, date: Date, years: &RangeInclusive<i16>) -> Result<Date, Problem> {
    if years.contains(&date.year()) {
        Ok(date)
    } else {
        Err(year_problem(name, date.year(), years))
    }
}

fn year_problem(name: &str, year: i16, years: &RangeInclusive<i16>) -> Problem {
    (
        format!(
            "field `{name}` is in the year {year}: vestis accepts years {} to {}",
            years.start(),
            years.end()
        ),
        Some("check the year".into()),
    )
}

/// "5 June 2014".
fn spoken(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[(date.month() - 1) as usize],
        date.year()
    )
}

/// `2013-06-15 18:30[:00]` (local, in `tz`) or RFC 3339 with an offset (converted to `tz`).
pub(super) fn parse_datetime(text: &str, tz: &jiff::tz::TimeZone) -> Option<jiff::civil::DateTime> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Some(tz.to_datetime(ts));
    }
    if t.len() < 16 {
        return None;
    }
    t.replacen(' ', "T", 1).parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> (String, String) {
        let (m, h) = date("date", text).unwrap_err().unwrap();
        (m, h.unwrap_or_default())
    }

    #[test]
    fn iso_dates_in_range_are_accepted() {
        assert_eq!(
            date("date", " 2013-06-15 ").unwrap().to_string(),
            "2013-06-15"
        );
        assert_eq!(
            date("date", "2200-12-31").unwrap().to_string(),
            "2200-12-31"
        );
    }

    #[test]
    fn impossible_days_say_how_long_the_month_is() {
        let (m, h) = problem("2014-02-30");
        assert_eq!(
            m,
            "field `date` is `2014-02-30`, but February 2014 has 28 days"
        );
        assert_eq!(
            h,
            "check the day: the last day of February 2014 is `2014-02-28`"
        );
        assert!(
            problem("2016-02-30")
                .0
                .ends_with("February 2016 has 29 days")
        );
        assert!(problem("2014-04-00").0.ends_with("April 2014 has 30 days"));
    }

    #[test]
    fn a_month_above_12_suggests_the_swapped_date() {
        let (m, h) = problem("2014-13-01");
        assert_eq!(m, "field `date` is `2014-13-01`, but there is no month 13");
        assert!(h.ends_with("did you mean `2014-01-13`?"), "{h}");
    }

    #[test]
    fn other_orders_suggest_the_same_date_in_iso_form() {
        assert_eq!(problem("15.06.2014").1, "write `date: 2014-06-15`");
        assert_eq!(problem("06/15/2014").1, "write `date: 2014-06-15`");
        assert_eq!(problem("15/06/2014").1, "write `date: 2014-06-15`");
        assert_eq!(problem("5.6.2014").1, "write `date: 2014-06-05`");
        assert_eq!(problem("2014-6-5").1, "write `date: 2014-06-05`");
        assert_eq!(problem("2014/06/15").1, "write `date: 2014-06-15`");
        let (m, h) = problem("05/06/2014");
        assert!(m.ends_with("dates are written year-month-day"));
        assert_eq!(
            h,
            "write `date: 2014-06-05` (5 June 2014) or `date: 2014-05-06` (6 May 2014), whichever you meant"
        );
        assert!(
            problem("31.02.2014")
                .0
                .ends_with("February 2014 has 28 days")
        );
    }

    #[test]
    fn years_outside_the_range_are_refused() {
        for text in ["0000-01-01", "1799-12-31", "9999-12-31", "2201-01-01"] {
            let (m, _) = problem(text);
            assert!(
                m.contains("vestis accepts years 1800 to 2200"),
                "{text}: {m}"
            );
        }
    }

    #[test]
    fn words_are_left_to_the_general_message() {
        assert_eq!(date("date", "someday"), Err(None));
        assert_eq!(date("date", &"9".repeat(10_000)), Err(None));
        assert_eq!(date("date", "1.2.3.2014"), Err(None));
        let long = format!("2014-02-3{}", "0".repeat(10_000));
        assert_eq!(date("date", &long), Err(None));
    }

    #[test]
    fn datetimes_report_their_date_part() {
        let riga = TimeZone::get("Europe/Riga").unwrap();
        assert!(datetime("at", "2013-06-15 18:30", &riga, &YEARS).is_ok());
        let (_, h) = datetime("at", "15.06.2014 18:30", &riga, &YEARS)
            .unwrap_err()
            .unwrap();
        assert_eq!(h.as_deref(), Some("write `at: 2014-06-15 18:30`"));
        let (m, _) = datetime("at", "2014-02-30 18:30", &riga, &YEARS)
            .unwrap_err()
            .unwrap();
        assert!(m.ends_with("February 2014 has 28 days"), "{m}");
        let (m, _) = datetime("at", "0001-01-01T00:00:00Z", &riga, &YEARS)
            .unwrap_err()
            .unwrap();
        assert!(m.contains("accepts years"), "{m}");
        assert_eq!(datetime("at", "soon", &riga, &YEARS), Err(None));
    }
}

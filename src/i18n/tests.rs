//! Tests of the i18n module against CLDR's expected strings.

use super::*;

#[test]
fn explore() {
    let dir = tempfile::tempdir().unwrap();
    let langs: Vec<String> = ["lv", "ru", "en", "fr", "tlh"].iter().map(|s| s.to_string()).collect();
    let locales = Locales::load(dir.path(), &dir.path().join("themes/x"), &langs).unwrap();
    let d = jiff::civil::date(2013, 6, 15);
    let dt = d.at(19, 5, 0, 0);
    for l in locales.languages() {
        for s in [DateStyle::Long, DateStyle::Medium, DateStyle::Short, DateStyle::MonthYear] {
            println!("{} {:?} {:?} {:?}", l.code(), s, l.format_date(d, s), l.format_datetime(dt, s));
        }
        println!("{} {:?} {:?} {:?} {:?}", l.code(), l.format_number(65458.0), l.format_number(12.5), l.format_number(1234.0), l.format_number(-1234567.891));
    }
}

#[test]
fn explore_ym() {
    use icu_calendar::{Date, Gregorian};
    use icu_datetime::FixedCalendarDateTimeFormatter;
    use icu_datetime::fieldsets::{YM, M, Y};
    let d = Date::try_new_gregorian(2013, 6, 15).unwrap();
    for code in ["lv", "ru", "en"] {
        let loc: Locale = code.parse().unwrap();
        for (name, fs) in [("long", YM::long()), ("medium", YM::medium()), ("short", YM::short())] {
            let f = FixedCalendarDateTimeFormatter::<Gregorian, YM>::try_new((&loc).into(), fs).unwrap();
            println!("{code} YM {name} {:?}", f.format(&d).to_string());
        }
        let f = FixedCalendarDateTimeFormatter::<Gregorian, M>::try_new((&loc).into(), M::long()).unwrap();
        println!("{code} M long {:?}", f.format(&d).to_string());
        let f = FixedCalendarDateTimeFormatter::<Gregorian, Y>::try_new((&loc).into(), Y::long()).unwrap();
        println!("{code} Y long {:?}", f.format(&d).to_string());
    }
}

//! `/L/calendar.ics`: an iCalendar file (RFC 5545) with one `VEVENT` per record of the
//! `calendar: true` collections that has a date.
//!
//! The date is the collection's first `date` or `datetime` field (see [`super::When`]):
//! - a `date` gives an all-day event: `DTSTART;VALUE=DATE`, and `DTEND;VALUE=DATE` the day
//!   after its last day — the first later `date` field whose name starts with `end`
//!   (`end_date`) when the record has one, else the start day (RFC 5545's DTEND is exclusive);
//! - a `datetime` (local time in the site's `timezone`) is written in UTC (`…Z`), so no
//!   `VTIMEZONE` is needed; `DTEND` comes from the first later `datetime` field named `end…`,
//!   otherwise the event has no end (RFC 5545: it ends when it starts).
//!
//! Every event is in (no `feed_limit`: subscribers want them all), but small: `DESCRIPTION` is
//! the record's `summary` or `description` (see [`super::given_summary`]), never its body.
//!
//! `DTSTAMP` is the event's start in UTC, never the build time, so the file only changes when
//! the data does. `LOCATION` follows [`location`].

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use crate::config::{Collection, FieldKind, Lang};
use crate::content::FieldValue;

use super::super::context::ViewBuilder;
use super::{Item, When, date_field, newest_first, when_of};

/// Names of string fields that say where an event is (the first one with a value wins).
const PLACE_FIELDS: &[&str] = &["venue", "location", "place", "address"];
/// Names of `ref` fields whose target's title says where (the first one with a value wins).
const PLACE_REFS: &[&str] = &["venue", "location", "place", "town", "city"];

/// The calendar of language `lang`, with CRLF line ends and folded lines.
pub(super) fn calendar(b: &ViewBuilder<'_>, lang: Lang) -> String {
    let code = b.config.languages.code(lang);
    let mut ics = Ics::default();
    ics.line("BEGIN:VCALENDAR");
    ics.line("VERSION:2.0");
    ics.line("PRODID:-//vestis//vestis static site generator//EN");
    ics.line("CALSCALE:GREGORIAN");
    ics.line("METHOD:PUBLISH");
    ics.text(
        "X-WR-CALNAME",
        b.config.title.get(code).map_or("", String::as_str),
    );
    let host = url::Url::parse(&b.config.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    // Oldest first, as calendar files usually are.
    let mut items = newest_first(b, lang, |c| c.calendar);
    items.reverse();
    for item in items.iter().filter(|i| i.when.is_some()) {
        event(&mut ics, b, (lang, code), item, &host);
    }
    ics.line("END:VCALENDAR");
    ics.out
}

/// One `VEVENT`.
fn event(ics: &mut Ics, b: &ViewBuilder<'_>, lang: (Lang, &str), item: &Item, host: &str) {
    let (lang, code) = lang;
    let tz = &b.config.timezone;
    let record = &b.site.records[item.index];
    let (Some(when), Some(start), Some((text, _)), Some(path)) = (
        item.when,
        item.when.and_then(|w| w.zoned(tz)),
        b.site.text_in(item.index, code),
        b.site.view(lang).paths[item.index].as_deref(),
    ) else {
        return;
    };
    let collection = &b.config.collections[&record.collection];
    ics.line("BEGIN:VEVENT");
    ics.line(&format!("UID:{}-{}@{host}", record.collection, record.id));
    ics.line(&format!("DTSTAMP:{}", utc(&start)));
    match (when, end_of(b, item.index, code, collection, when)) {
        (When::Day(day), end) => {
            let last = match end {
                Some(When::Day(end)) => end,
                _ => day,
            };
            let after = last.tomorrow().unwrap_or(last);
            ics.line(&format!("DTSTART;VALUE=DATE:{}", day.strftime("%Y%m%d")));
            ics.line(&format!("DTEND;VALUE=DATE:{}", after.strftime("%Y%m%d")));
        }
        (When::Time(_), end) => {
            ics.line(&format!("DTSTART:{}", utc(&start)));
            if let Some(end) = end.and_then(|e| e.zoned(tz)) {
                ics.line(&format!("DTEND:{}", utc(&end)));
            }
        }
    }
    ics.text("SUMMARY", &text.title);
    if let Some(description) = super::given_summary(text) {
        ics.text("DESCRIPTION", description);
    }
    if let Some(place) = location(b, item.index, code, collection) {
        ics.text("LOCATION", &place);
    }
    ics.line(&format!("URL:{}", b.urls.permalink(path)));
    ics.line("END:VEVENT");
}

/// The end of an event: the first `date`/`datetime` field after the start field whose name
/// starts with `end`, of the start's kind, when the record has it and it is not before the
/// start.
fn end_of(
    b: &ViewBuilder<'_>,
    i: usize,
    lang: &str,
    collection: &Collection,
    start: When,
) -> Option<When> {
    let start_field = date_field(collection)?;
    let name = collection
        .fields
        .iter()
        .skip_while(|(name, _)| name.as_str() != start_field)
        .skip(1)
        .find(|(name, spec)| {
            name.starts_with("end") && matches!(spec.kind, FieldKind::Date | FieldKind::DateTime)
        })
        .map(|(name, _)| name)?;
    let end = when_of(b, i, lang, name)?;
    let ordered = match (start, end) {
        (When::Day(s), When::Day(e)) => e >= s,
        (When::Time(s), When::Time(e)) => e >= s,
        _ => false,
    };
    (start.same_kind(&end) && ordered).then_some(end)
}

/// Where an event takes place, in `lang`: the first string field named like a place
/// ([`PLACE_FIELDS`]) with a value, then the title of the target of the first `ref` field
/// named like a place ([`PLACE_REFS`]) that is published in `lang`, joined by `, `
/// (`Latgales vēstniecība GORS, Rēzekne`). `None` when neither exists.
fn location(b: &ViewBuilder<'_>, i: usize, lang: &str, collection: &Collection) -> Option<String> {
    let record = &b.site.records[i];
    let text = b.site.text_in(i, lang).map(|t| t.0);
    let named = |names: &[&str], name: &str| names.contains(&name);
    let place = collection
        .fields
        .iter()
        .filter(|(name, spec)| spec.kind == FieldKind::String && named(PLACE_FIELDS, name))
        .find_map(|(name, _)| match record.field(name, text) {
            Some(FieldValue::Text(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        });
    let target = collection
        .fields
        .iter()
        .filter(|(name, _)| named(PLACE_REFS, name))
        .find_map(
            |(name, spec)| match (&spec.kind, record.field(name, text)) {
                (FieldKind::Ref(to), Some(FieldValue::Ref(id))) => {
                    let t = b.site.find(to, id)?;
                    b.site.text_in(t, lang).map(|(t, _)| t.title.clone())
                }
                _ => None,
            },
        );
    let parts: Vec<String> = place.into_iter().chain(target).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `20140614T080000Z`.
fn utc(z: &ZonedDateTime) -> String {
    z.with_time_zone(TimeZone::UTC)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// An iCalendar text being written: content lines folded at 75 octets, ended by CRLF.
#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    /// Writes a content line (name, parameters and value, already escaped).
    fn line(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }

    /// Writes a property of value type TEXT, escaping its value.
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }
}

/// Appends `line` folded as RFC 5545 §3.1 asks: at most 75 octets per physical line (CRLF
/// excluded), continuation lines starting with one space, never splitting a UTF-8 character.
/// A physical line never ends in a space, because some readers trim line ends before
/// unfolding (the `ical` crate does): the space moves to the next line.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        while cut > 1 && rest.as_bytes()[cut - 1] == b' ' {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
}

/// TEXT escaping (RFC 5545 §3.3.11): `\` `;` `,` escaped, newlines as `\n`, other control
/// characters (which TEXT may not hold) dropped.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_values() {
        assert_eq!(
            escape_text("a\\b; c, d\r\ne\nf\u{7}"),
            "a\\\\b\\; c\\, d\\ne\\nf"
        );
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        fold_into(&mut out, "VERSION:2.0");
        assert_eq!(out, "VERSION:2.0\r\n");
        let mut out = String::new();
        let exactly = "X".repeat(75);
        fold_into(&mut out, &exactly);
        assert_eq!(out, format!("{exactly}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "Rēzekne ёлка ".repeat(20));
        let mut out = String::new();
        fold_into(&mut out, &line);
        let physical: Vec<&str> = out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        assert!(physical.len() > 3);
        for (n, l) in physical.iter().enumerate() {
            assert!(l.len() <= 75, "line {n} has {} octets", l.len());
            assert_eq!(n > 0, l.starts_with(' '), "{l:?}");
        }
        // At least one line had to stop short of 75 to keep a two-byte letter whole.
        assert!(physical.iter().any(|l| l.len() < 75 && l.len() > 70));
        let folded = &physical[..physical.len() - 1];
        assert!(folded.iter().all(|l| !l.ends_with(' ')));
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn a_fold_never_leaves_a_space_at_a_line_end() {
        let line = format!("{} {}", "a".repeat(74), "b".repeat(10));
        let mut out = String::new();
        fold_into(&mut out, &line);
        assert_eq!(
            out,
            format!("{}\r\n  {}\r\n", "a".repeat(74), "b".repeat(10))
        );
    }

    #[test]
    fn utc_times_use_the_z_form() {
        let tz = TimeZone::get("Europe/Riga").unwrap();
        let z = jiff::civil::date(2014, 6, 14)
            .at(11, 0, 0, 0)
            .to_zoned_datetime(tz)
            .unwrap();
        assert_eq!(utc(&z), "20140614T080000Z");
    }
}

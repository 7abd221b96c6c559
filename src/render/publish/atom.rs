//! `/L/atom.xml`: an Atom feed (RFC 4287) of the newest records of the `feed: true`
//! collections (at most `feed_limit`, see `feed`).
//!
//! Entries are newest first by their collection's first date field (see [`super::When`]).
//! An entry's `updated` is that date (a day at 00:00 in the site's time zone), else the
//! record's `publish_at`, else the Unix epoch; the feed's `updated` is its newest entry's
//! (the epoch for an empty feed). Nothing depends on when the build runs.

use std::io;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::super::context::ViewBuilder;
use super::feed::{entry_text, feed_items, full_content, summary_of};
use super::{Item, xml_safe};
use crate::config::Lang;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// The Atom feed of language `lang`.
pub(super) fn feed(b: &ViewBuilder<'_>, lang: Lang) -> io::Result<Vec<u8>> {
    let (items, stamps, newest) = dated_items(b, lang);
    let code = b.config.languages.code(lang);
    let home = b.urls.permalink(&format!("{code}/"));
    let title = b.config.title.get(code).map_or("", String::as_str);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("feed")
        .with_attribute(("xmlns", ATOM_NS))
        .with_attribute(("xml:lang", code))
        .write_inner_content(|w| {
            text_element(w, "title", title)?;
            let own = b.urls.permalink(&format!("{code}/atom.xml"));
            link(w, "self", "application/atom+xml", &own)?;
            link(w, "alternate", "text/html", &home)?;
            text_element(w, "updated", &rfc3339(&newest))?;
            text_element(w, "id", &home)?;
            w.create_element("author")
                .write_inner_content(|w| text_element(w, "name", title))?;
            text_element(w, "generator", "vestis")?;
            for (item, stamp) in items.iter().zip(&stamps) {
                entry(w, b, lang, item, stamp)?;
            }
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// One `<entry>`: the record in `lang` (its own text, or under `fallback` the default
/// language's, marked with `xml:lang`).
fn entry(
    w: &mut Writer<Vec<u8>>,
    b: &ViewBuilder<'_>,
    lang: Lang,
    item: &Item,
    stamp: &ZonedDateTime,
) -> io::Result<()> {
    let Some((text, permalink)) = entry_text(b, lang, item) else {
        return Ok(());
    };
    let mut element = w.create_element("entry");
    if text.lang != b.config.languages.code(lang) {
        element = element.with_attribute(("xml:lang", text.lang.as_str()));
    }
    element.write_inner_content(|w| {
        text_element(w, "title", &text.title)?;
        link(w, "alternate", "text/html", &permalink)?;
        text_element(w, "id", &permalink)?;
        text_element(w, "updated", &rfc3339(stamp))?;
        let summary = summary_of(text);
        if !summary.is_empty() {
            text_element(w, "summary", &summary)?;
        }
        if full_content(b, item.index) {
            let body = b.body_html(&text.body.html.text(), lang);
            w.create_element("content")
                .with_attribute(("type", "html"))
                .write_text_content(BytesText::new(&xml_safe(&body)))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// When an entry was last updated, as far as the data tells.
pub(super) fn updated(b: &ViewBuilder<'_>, item: &Item) -> ZonedDateTime {
    let tz = &b.config.timezone;
    item.when
        .and_then(|w| w.zoned(tz))
        .or_else(|| {
            b.site.records[item.index]
                .publish_at
                .map(|t| t.to_zoned_datetime(tz.clone()))
        })
        .unwrap_or_else(epoch)
}

/// The feed's entries of language `lang`, each entry's `updated`, and the newest of those (the
/// epoch for an empty feed): what the Atom and the RSS feed both start from.
pub(super) fn dated_items(
    b: &ViewBuilder<'_>,
    lang: Lang,
) -> (Vec<Item>, Vec<ZonedDateTime>, ZonedDateTime) {
    let items = feed_items(b, lang);
    let stamps: Vec<ZonedDateTime> = items.iter().map(|item| updated(b, item)).collect();
    let newest = stamps
        .iter()
        .max_by_key(|z| z.timestamp())
        .cloned()
        .unwrap_or_else(epoch);
    (items, stamps, newest)
}

pub(super) fn epoch() -> ZonedDateTime {
    jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(TimeZone::UTC)
}

/// RFC 3339 with the local offset: `2014-06-14T00:00:00+03:00`. An offset that is not a
/// whole number of minutes (local mean time before 1926 in Riga: +01:36:34) has no RFC 3339
/// form, so such a moment is written in UTC.
fn rfc3339(z: &ZonedDateTime) -> String {
    if z.offset().seconds() % 60 != 0 {
        return z
            .with_time_zone(TimeZone::UTC)
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string();
    }
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// `<name>text</name>`, the text made safe for XML.
pub(super) fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, kind: &str, href: &str) -> io::Result<()> {
    w.create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("type", kind))
        .with_attribute(("href", href))
        .write_empty()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_with_the_local_offset() {
        let tz = TimeZone::get("Europe/Riga").unwrap();
        let summer = jiff::civil::date(2014, 6, 14)
            .to_zoned_datetime(tz.clone())
            .unwrap();
        assert_eq!(rfc3339(&summer), "2014-06-14T00:00:00+03:00");
        let winter = jiff::civil::date(2014, 1, 5).at(18, 30, 0, 0);
        assert_eq!(
            rfc3339(&winter.to_zoned_datetime(tz).unwrap()),
            "2014-01-05T18:30:00+02:00"
        );
        assert_eq!(rfc3339(&epoch()), "1970-01-01T00:00:00+00:00");
        let old = jiff::civil::date(1920, 5, 1)
            .to_zoned_datetime(TimeZone::get("Europe/Riga").unwrap())
            .unwrap();
        assert_eq!(rfc3339(&old), "1920-04-30T22:23:26+00:00");
        // The earliest `publish_at` (year 1) still has four digits.
        let first = jiff::civil::date(1, 1, 1)
            .to_zoned_datetime(TimeZone::get("Europe/Riga").unwrap())
            .unwrap();
        assert!(
            rfc3339(&first).starts_with("0000-12-31T22:"),
            "{}",
            rfc3339(&first)
        );
    }
}

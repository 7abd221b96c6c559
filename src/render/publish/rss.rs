//! `/L/rss.xml`: an RSS 2.0 feed with the same entries as `/L/atom.xml` (see `feed`), for
//! readers and services that only know RSS.
//!
//! `description` is the entry's summary; under `feed_content: full` the body is in
//! `content:encoded` (the RSS content module). Dates are RFC 822 (`Sat, 14 Jun 2014 00:00:00
//! +0300`), taken from the same fields as the Atom feed's `updated`.

use std::io;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::super::context::ViewBuilder;
use super::atom::{dated_items, text_element};
use super::feed::{entry_text, full_content, summary_of};
use super::{Item, xml_safe};
use crate::config::Lang;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";

/// The RSS feed of language `lang`.
pub(super) fn feed(b: &ViewBuilder<'_>, lang: Lang) -> io::Result<Vec<u8>> {
    let (items, stamps, newest) = dated_items(b, lang);
    let code = b.config.languages.code(lang);
    let home = b.urls.permalink(&format!("{code}/"));
    let own = b.urls.permalink(&format!("{code}/rss.xml"));
    let title = b.config.title.get(code).map_or("", String::as_str);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("rss")
        .with_attribute(("version", "2.0"))
        .with_attribute(("xmlns:atom", ATOM_NS))
        .with_attribute(("xmlns:content", CONTENT_NS))
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| {
                text_element(w, "title", title)?;
                text_element(w, "link", &home)?;
                text_element(w, "description", title)?;
                text_element(w, "language", code)?;
                text_element(w, "lastBuildDate", &rfc822(&newest))?;
                text_element(w, "generator", "vestis")?;
                w.create_element("atom:link")
                    .with_attribute(("href", own.as_str()))
                    .with_attribute(("rel", "self"))
                    .with_attribute(("type", "application/rss+xml"))
                    .write_empty()?;
                for (item, stamp) in items.iter().zip(&stamps) {
                    entry(w, b, lang, item, stamp)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// One `<item>`.
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
    w.create_element("item").write_inner_content(|w| {
        text_element(w, "title", &text.title)?;
        text_element(w, "link", &permalink)?;
        w.create_element("guid")
            .with_attribute(("isPermaLink", "true"))
            .write_text_content(BytesText::new(&xml_safe(&permalink)))?;
        text_element(w, "pubDate", &rfc822(stamp))?;
        let summary = summary_of(text);
        if !summary.is_empty() {
            text_element(w, "description", &summary)?;
        }
        if full_content(b, item.index) {
            let body = b.body_html(&text.body.html.text(), lang);
            text_element(w, "content:encoded", &body)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// RFC 822 as RSS 2.0 wants it, with a four-digit year: `Sat, 14 Jun 2014 00:00:00 +0300`.
/// An offset that is not whole minutes (Riga before 1926) is written in UTC.
fn rfc822(z: &ZonedDateTime) -> String {
    let z = match z.offset().seconds() % 60 {
        0 => z.clone(),
        _ => z.with_time_zone(TimeZone::UTC),
    };
    z.strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
}

#[cfg(test)]
mod tests {
    use super::super::atom::epoch;
    use super::*;

    #[test]
    fn dates_are_rfc822_with_the_local_offset() {
        let tz = TimeZone::get("Europe/Riga").unwrap();
        let summer = jiff::civil::date(2014, 6, 14)
            .to_zoned_datetime(tz.clone())
            .unwrap();
        assert_eq!(rfc822(&summer), "Sat, 14 Jun 2014 00:00:00 +0300");
        let old = jiff::civil::date(1920, 5, 1).to_zoned_datetime(tz).unwrap();
        assert_eq!(rfc822(&old), "Fri, 30 Apr 1920 22:23:26 +0000");
        assert_eq!(rfc822(&epoch()), "Thu, 01 Jan 1970 00:00:00 +0000");
    }
}

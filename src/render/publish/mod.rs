//! The machine-readable outputs made beside the HTML pages: per language an Atom feed
//! (`/L/atom.xml`), an RSS 2.0 feed (`/L/rss.xml`), an iCalendar file (`/L/calendar.ics`) and
//! a search index (`/L/search.json` and its shards under `/L/search/`, see `search_index`);
//! for the whole site `/sitemap.xml` and `/robots.txt`.
//!
//! These are data formats with fixed shapes, not theme output: themes cannot change them, and
//! this module must not know tera or templates. Every file is a pure function of the site
//! model: no clock is read, every timestamp comes from a record's own fields, so identical
//! input gives byte-identical files.
//!
//! Which records go in: the records each language's list pages show (`site.views[L]`; drafts
//! and embargoed records are not in the model unless `--drafts`). Under
//! `translations.missing: fallback` that includes records shown in the default language's text;
//! the feed marks such entries with their own `xml:lang`.

mod atom;
mod calendar;
mod feed;
mod rss;
mod search;
mod search_fold;
mod search_index;
mod search_postings;
mod sitemap;

pub(crate) use feed::given_summary;

use std::cmp::Ordering;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use crate::config::{Collection, Config, FieldKind, Lang, Languages};
use crate::content::FieldValue;

use super::context::ViewBuilder;
use super::pages::Page;

/// One published file: which and in which language (empty for the site-wide ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The language, or `None` for `sitemap.xml` and `robots.txt`.
    pub lang: Option<Lang>,
    /// The file name (`atom.xml`).
    pub kind: &'static str,
}

impl Job {
    /// The output path (`lv/atom.xml`, `sitemap.xml`).
    pub fn path(&self, config: &Config) -> String {
        match self.lang {
            None => self.kind.to_string(),
            Some(lang) => format!("{}/{}", config.languages.code(lang), self.kind),
        }
    }
}

/// Every published file of the site, in a fixed order.
pub fn jobs(languages: &Languages) -> Vec<Job> {
    let mut jobs = Vec::new();
    for lang in languages.all() {
        for kind in ["atom.xml", "rss.xml", "calendar.ics", "search.json"] {
            jobs.push(Job {
                lang: Some(lang),
                kind,
            });
        }
    }
    for kind in ["sitemap.xml", "robots.txt"] {
        jobs.push(Job { lang: None, kind });
    }
    jobs
}

/// Makes one published file. Err(message) only if writing into memory failed.
///
/// `search.json` is the search index's manifest; with it come its shards and record files
/// (see [`search_files`]), which a caller must publish too.
pub fn make(b: &ViewBuilder<'_>, pages: &[Page], job: &Job) -> Result<Vec<u8>, String> {
    let failed = |e: std::io::Error| format!("cannot make `{}`: {e}", job.path(b.config));
    // The site-wide files (sitemap, robots.txt) have no language and read none.
    let lang = job.lang.unwrap_or(Lang::DEFAULT);
    Ok(match job.kind {
        "atom.xml" => atom::feed(b, lang).map_err(failed)?,
        "rss.xml" => rss::feed(b, lang).map_err(failed)?,
        "calendar.ics" => calendar::calendar(b, lang).into_bytes(),
        "search.json" => {
            // Only the manifest: the files beside it are published by `search_files`.
            search::index_into(b, lang, &mut |_, _| {}).map_err(|e| failed(e.into()))?
        }
        "sitemap.xml" => {
            // Only `sitemap.xml`: the parts of a large site's sitemap come from `make_files`.
            let mut files = sitemap::files(b, pages).map_err(failed)?;
            files.swap_remove(0).1
        }
        _ => sitemap::robots(b).into_bytes(),
    })
}

/// Whether `job` may make more files than its own (see [`make_files`]): then they are all
/// under the folder this returns.
pub fn folder_of_parts(job: &Job, config: &Config) -> Option<String> {
    match job.kind {
        "sitemap.xml" => Some("sitemap".to_string()),
        "search.json" => Some(format!("{}/search", config.languages.code(job.lang?))),
        _ => None,
    }
}

/// Makes every file of `job`: its own first, then the parts beside it (a search index's
/// shards, a large site's sitemaps).
pub fn make_files(b: &ViewBuilder<'_>, pages: &[Page], job: &Job) -> Result<Files, String> {
    let failed = |e: std::io::Error| format!("cannot make `{}`: {e}", job.path(b.config));
    match (job.kind, job.lang) {
        ("sitemap.xml", _) => sitemap::files(b, pages).map_err(failed),
        ("search.json", Some(lang)) => search_files(b, lang),
        _ => Ok(vec![(job.path(b.config), make(b, pages, job)?)]),
    }
}

/// Published files as `(output path, bytes)`.
pub type Files = Vec<(String, Vec<u8>)>;

/// Every file of language `lang`'s search index: `(path, bytes)`, the manifest
/// (`L/search.json`) first. Their names depend on the words of the site, so unlike the other
/// published files they cannot be announced before they are made.
pub fn search_files(b: &ViewBuilder<'_>, lang: Lang) -> Result<Files, String> {
    let code = b.config.languages.code(lang);
    let mut parts = Vec::new();
    let manifest = search_files_into(b, lang, &mut |path, bytes| parts.push((path, bytes)))?;
    let mut files = vec![(format!("{code}/search.json"), manifest)];
    files.extend(parts);
    Ok(files)
}

/// [`search_files`], handing each file but the manifest to `emit` as soon as it is made
/// (`vestis build` writes it at once); returns the manifest (`L/search.json`).
pub fn search_files_into(
    b: &ViewBuilder<'_>,
    lang: Lang,
    emit: &mut dyn FnMut(String, Vec<u8>),
) -> Result<Vec<u8>, String> {
    let code = b.config.languages.code(lang);
    search::index_into(b, lang, emit).map_err(|e| format!("cannot make `{code}/search.json`: {e}"))
}

/// When a record happens: the value of its collection's *first* `date` or `datetime` field
/// (schema order). A `date` is a whole day; a `datetime` is a local time in the site's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// A whole day.
    Day(Date),
    /// A local date and time.
    Time(DateTime),
}

impl When {
    /// The moment it starts: a day at 00:00, both in the site's time zone.
    pub(crate) fn zoned(&self, tz: &TimeZone) -> Option<ZonedDateTime> {
        let dt = match self {
            When::Day(d) => d.to_datetime(jiff::civil::Time::midnight()),
            When::Time(dt) => *dt,
        };
        tz.to_zoned_datetime(dt).ok()
    }

    /// Whether `other` is of the same kind (both days or both times).
    fn same_kind(&self, other: &When) -> bool {
        matches!(
            (self, other),
            (When::Day(_), When::Day(_)) | (When::Time(_), When::Time(_))
        )
    }
}

/// The name of the collection's first `date` or `datetime` field, if it has one.
pub(crate) fn date_field(collection: &Collection) -> Option<&str> {
    collection
        .fields
        .iter()
        .find(|(_, spec)| matches!(spec.kind, FieldKind::Date | FieldKind::DateTime))
        .map(|(name, _)| name.as_str())
}

/// The value of field `name` of record `i` as a [`When`], in `lang`.
fn when_of(b: &ViewBuilder<'_>, i: usize, lang: &str, name: &str) -> Option<When> {
    let text = b.site.text_in(i, lang).map(|t| t.0);
    match b.site.records[i].field(name, text)? {
        FieldValue::Date(d) => Some(When::Day(*d)),
        FieldValue::DateTime(dt) => Some(When::Time(*dt)),
        _ => None,
    }
}

/// A record chosen for a feed or calendar, with its date.
pub(crate) struct Item {
    /// Index into `Site::records`.
    pub index: usize,
    /// Its date, when its collection has a date field and the record a value.
    pub when: Option<When>,
    /// The moment `when` starts.
    pub at: Option<Timestamp>,
}

/// The records of `lang` from the collections `include` accepts, newest first; records
/// without a date come last, by collection (site.yaml order) then id.
pub(crate) fn newest_first(
    b: &ViewBuilder<'_>,
    lang: Lang,
    include: impl Fn(&Collection) -> bool,
) -> Vec<Item> {
    let code = b.config.languages.code(lang);
    let mut items = Vec::new();
    for (position, (name, collection)) in b.config.collections.iter().enumerate() {
        if !include(collection) {
            continue;
        }
        let field = date_field(collection);
        for &index in &b.site.view(lang).by_collection[name] {
            let when = field.and_then(|f| when_of(b, index, code, f));
            let at = when
                .and_then(|w| w.zoned(&b.config.timezone))
                .map(|z| z.timestamp());
            items.push((position, Item { index, when, at }));
        }
    }
    items.sort_by(|(pa, a), (pb, b_)| {
        let by_date = match (a.at, b_.at) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_date
            .then(pa.cmp(pb))
            .then_with(|| b.site.records[a.index].id.cmp(&b.site.records[b_.index].id))
    });
    items.into_iter().map(|(_, item)| item).collect()
}

/// `text` cut to at most `max` characters, at a word boundary when one is near, with `…`.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    Truncated::new(text, max).to_string()
}

/// [`truncate`] of a text without copying it: the kept beginning, shown (and serialized)
/// with `…` when the text was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Truncated<'a> {
    head: &'a str,
    cut: bool,
}

impl<'a> Truncated<'a> {
    /// At most `max` characters of `text`, cut at a word when one ends near the limit.
    pub(crate) fn new(text: &'a str, max: usize) -> Self {
        let Some((cut, _)) = text.char_indices().nth(max) else {
            return Truncated {
                head: text,
                cut: false,
            };
        };
        let head = &text[..cut];
        let head = match head.rfind(char::is_whitespace) {
            Some(space) if head[..space].chars().count() * 5 >= max * 4 => &head[..space],
            _ => head,
        };
        Truncated {
            head: head.trim_end(),
            cut: true,
        }
    }
}

impl std::fmt::Display for Truncated<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.head)?;
        match self.cut {
            true => f.write_str("…"),
            false => Ok(()),
        }
    }
}

impl serde::Serialize for Truncated<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The beginning of a record's plain text cut as [`Truncated`], decompressed only while it is
/// written (the search index holds one per record until its files are written).
#[derive(Clone, Copy)]
pub(crate) struct TextStart<'a> {
    /// The text.
    pub plain: &'a crate::plain_text::PlainText,
    /// At most this many characters.
    pub max: usize,
}

impl serde::Serialize for TextStart<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let unpacked = self.plain.unpack();
        serializer.collect_str(&Truncated::new(unpacked.start(), self.max))
    }
}

/// `text` without the characters XML 1.0 forbids (most C0 controls): a stray form feed
/// pasted into a record must not make the feed unreadable.
pub(crate) fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| {
        (!c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            && !matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.chars().all(allowed) {
        text.into()
    } else {
        text.chars()
            .filter(|&c| allowed(c))
            .collect::<String>()
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_keeps_short_text_and_cuts_long_text_at_a_word() {
        assert_eq!(truncate("īss teksts", 20), "īss teksts");
        assert_eq!(truncate("ābols bumbieris ķirsis", 18), "ābols bumbieris…");
        // No space near the end: cut inside the word rather than lose most of the text.
        assert_eq!(truncate("a bbbbbbbbbbbbbbbbbbbb", 10), "a bbbbbbbb…");
        assert_eq!(truncate("", 5), "");
    }

    #[test]
    fn xml_safe_drops_only_forbidden_characters() {
        assert_eq!(xml_safe("a\u{c}b\u{0}c\td\n"), "abc\td\n");
        assert_eq!(xml_safe("Rēzekne «ё» \u{a0}"), "Rēzekne «ё» \u{a0}");
    }

    #[test]
    fn a_day_starts_at_local_midnight() {
        let tz = TimeZone::get("Europe/Riga").unwrap();
        let day = When::Day(jiff::civil::date(2014, 6, 14));
        assert_eq!(
            day.zoned(&tz).unwrap().timestamp().to_string(),
            "2014-06-13T21:00:00Z"
        );
        let time = When::Time(jiff::civil::date(2014, 1, 14).at(11, 0, 0, 0));
        assert_eq!(
            time.zoned(&tz).unwrap().timestamp().to_string(),
            "2014-01-14T09:00:00Z"
        );
        assert!(day.same_kind(&When::Day(jiff::civil::date(2000, 1, 1))));
        assert!(!day.same_kind(&time));
    }
}

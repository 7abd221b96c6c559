//! Which share cards a site needs and what each one says: one per record page and language
//! (unless the record's own image has a share crop: [`own_image`], the one rule that
//! `meta.rs` follows too), and one site card per language. The values are the
//! texts the reader sees on the page: the title, the date written the page language's way
//! (CLDR, through `i18n`), the venue and town, the site's name, and the funding line (the
//! site's message `share-card-funding`, when its locales have one).

use std::path::PathBuf;

use crate::config::{Config, FieldKind};
use crate::content::{FieldValue, Record, Site, Text};
use crate::i18n::{DateStyle, Language, Locales};
use crate::media::{Images, Variant};

use super::card_path;

/// The Fluent message that gives a card's funding line, per language.
pub const FUNDING_MESSAGE: &str = "share-card-funding";

/// The texts one card shows, by slot.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardValues {
    /// `title`.
    pub title: String,
    /// `date`, formatted.
    pub date: Option<String>,
    /// `place`: the venue and town.
    pub place: Option<String>,
    /// `site`: the site's name (on a site card, its address).
    pub site: Option<String>,
    /// `funding`.
    pub funding: Option<String>,
}

impl CardValues {
    /// The value of a slot of the template (`None`: leave the slot out).
    pub fn get(&self, slot: &str) -> Option<&str> {
        let value = match slot {
            "title" => Some(&self.title),
            "date" => self.date.as_ref(),
            "place" => self.place.as_ref(),
            "site" => self.site.as_ref(),
            "funding" => self.funding.as_ref(),
            _ => None,
        };
        value.map(|v| v.trim()).filter(|v| !v.is_empty())
    }
}

/// One card to make.
#[derive(Debug, Clone)]
pub struct CardJob {
    /// Its output path ([`card_path`]).
    pub path: String,
    /// The page's language.
    pub lang: String,
    /// What it says.
    pub values: CardValues,
    /// The file its texts come from (the record's text, or site.yaml): where warnings point.
    pub source: PathBuf,
}

/// Every card of the site, in language then record order.
pub fn card_jobs(config: &Config, locales: &Locales, site: &Site, images: &Images) -> Vec<CardJob> {
    let mut jobs = Vec::new();
    for (lang, view) in &site.views {
        let Some(language) = locales.get(lang) else {
            continue;
        };
        let site_name = config.title.get(lang).cloned().unwrap_or_default();
        let funding = language
            .has_message(FUNDING_MESSAGE)
            .then(|| language.message(FUNDING_MESSAGE, &[]).ok())
            .flatten();
        jobs.push(CardJob {
            path: card_path(&format!("/{lang}/")),
            lang: lang.clone(),
            values: CardValues {
                title: site_name.clone(),
                date: None,
                place: None,
                site: Some(host_of(&config.base_url)),
                funding: funding.clone(),
            },
            source: PathBuf::from("site.yaml"),
        });
        for (i, path) in view.paths.iter().enumerate() {
            let (Some(path), Some((text, _))) = (path, site.text_in(i, lang)) else {
                continue;
            };
            let record = &site.records[i];
            if own_image(config, images, record, text).is_some() {
                continue;
            }
            let facts = RecordFacts {
                config,
                site,
                language,
                record,
                text,
            };
            jobs.push(CardJob {
                path: card_path(&format!("/{path}")),
                lang: lang.clone(),
                values: CardValues {
                    title: text.title.clone(),
                    date: facts.date(),
                    place: facts.place(),
                    site: Some(site_name.clone()),
                    funding: funding.clone(),
                },
                source: text.path.clone(),
            });
        }
    }
    jobs
}

/// A record's own image as a share image: the crop the image pipeline made of it for sharing.
#[derive(Debug, Clone, Copy)]
pub struct OwnImage<'a> {
    /// The crop (`<stem>-share.<hash>.jpg`) with its size.
    pub crop: &'a Variant,
    /// Its `alt` text in the text's language, when the record gives one.
    pub alt: Option<&'a str>,
}

/// The share crop of the record's first `image` field in `text`'s language that the
/// collection's `share_image` lets it share (none with `share_image: card`), when the pipeline
/// made one. The one rule of share images: a page whose record has it names it as `og:image`
/// (`meta.rs`), and exactly the other record pages get a drawn card (here).
pub fn own_image<'a>(
    config: &Config,
    images: &'a Images,
    record: &'a Record,
    text: &'a Text,
) -> Option<OwnImage<'a>> {
    let collection = config.collections.get(&record.collection)?;
    let (name, file) = collection
        .fields
        .iter()
        .filter(|(name, spec)| spec.kind == FieldKind::Image && collection.share_image.shares(name))
        .find_map(|(name, _)| match record.field(name, Some(text)) {
            Some(FieldValue::File(file)) => Some((name, file)),
            _ => None,
        })?;
    let crop = images.get(&file.source)?.share.as_ref()?;
    let alt = text
        .alts
        .get(name)
        .map(String::as_str)
        .filter(|a| !a.trim().is_empty());
    Some(OwnImage { crop, alt })
}

/// What a record's card says, read from its fields.
struct RecordFacts<'a> {
    config: &'a Config,
    site: &'a Site,
    language: &'a Language,
    record: &'a Record,
    text: &'a Text,
}

impl RecordFacts<'_> {
    /// `date` (and `end_date`), in the page's language.
    fn date(&self) -> Option<String> {
        let start = self.formatted("date")?;
        match self.formatted("end_date") {
            Some(end) if end != start => Some(format!("{start} – {end}")),
            _ => Some(start),
        }
    }

    fn formatted(&self, field: &str) -> Option<String> {
        match self.record.field(field, Some(self.text))? {
            FieldValue::Date(d) => Some(self.language.format_date(*d, DateStyle::Long)),
            FieldValue::DateTime(dt) => Some(self.language.format_datetime(*dt, DateStyle::Long)),
            _ => None,
        }
    }

    /// `venue, town` (either may be missing).
    fn place(&self) -> Option<String> {
        let venue = match self.record.field("venue", Some(self.text)) {
            Some(FieldValue::Text(v)) => Some(v.clone()),
            _ => None,
        };
        let town = self.town();
        let parts: Vec<String> = venue.into_iter().chain(town).collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The title of the record the `town` field refers to, in the page's language.
    fn town(&self) -> Option<String> {
        let Some(FieldValue::Ref(id)) = self.record.field("town", Some(self.text)) else {
            return None;
        };
        let spec = self.config.collections[&self.record.collection]
            .fields
            .get("town")?;
        let FieldKind::Ref(to) = &spec.kind else {
            return None;
        };
        let i = self.site.find(to, id)?;
        let (text, _) = self.site.text_in(i, self.language.code())?;
        Some(text.title.clone())
    }
}

/// `https://example.org/sub` → `example.org/sub`.
fn host_of(base_url: &str) -> String {
    base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .trim_end_matches('/')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_leave_their_slot_out() {
        let v = CardValues {
            title: "Izrāde".into(),
            date: Some("  ".into()),
            place: None,
            site: Some("Baltā māja".into()),
            funding: None,
        };
        assert_eq!(v.get("title"), Some("Izrāde"));
        assert_eq!(v.get("date"), None);
        assert_eq!(v.get("site"), Some("Baltā māja"));
        assert_eq!(v.get("nothing"), None);
    }

    #[test]
    fn the_site_card_shows_the_address_without_its_scheme() {
        assert_eq!(host_of("https://example.org/sub"), "example.org/sub");
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
    }
}

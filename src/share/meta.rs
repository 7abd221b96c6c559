//! The `share` template value: what a page shows when its link is shared (Open Graph and
//! Twitter tags) and its JSON-LD, made from the record, the collection's mapping and site.yaml.
//!
//! The caller (the render stage) says which page it is, in which language, its canonical
//! address and which other languages it really exists in; everything else is read here, and
//! every other record read for it is returned so that a memoised rebuild knows what the value
//! depends on.

use serde::Serialize;

use crate::i18n::MessageArg;

use super::card_jobs::own_image;
use super::env::{ShareEnv, iso_date, permalink};
use super::{CARD_HEIGHT, CARD_WIDTH, card_path, jsonld};

/// Which page a `share` value is for.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// A record page (index into `Site::records`).
    Record(usize),
    /// A language's home page.
    Home,
    /// A collection's list page `number` (1-based).
    List {
        /// The collection.
        collection: &'a str,
        /// The page number.
        number: usize,
    },
    /// A "page not found" page.
    NotFound,
    /// The language chooser at `/`.
    Chooser,
}

/// One page, as the render stage knows it.
pub struct PageFacts<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// What the page shows.
    pub subject: Subject<'a>,
    /// Its canonical absolute address (`og:url`).
    pub canonical: &'a str,
    /// Its URL path below the base path (`lv/pasakumi/x/`): where its card is.
    pub folder: &'a str,
    /// The other languages the page exists in with its own text, in site order.
    pub also_in: Vec<&'a str>,
}

/// The share image of a page (`og:image` and its size and alt text).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ShareImage {
    /// Absolute URL.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Its MIME type (`og:image:type`): `image/png` for a card, the crop's own type.
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// What the image shows, in the page's language.
    pub alt: String,
}

/// The `share` template value (README, "page.share"): one per page and language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Share {
    /// `og:title`.
    pub title: String,
    /// `og:description`: the record's description or summary, else the site's description,
    /// else the site title.
    pub description: String,
    /// `og:url`: the canonical absolute address.
    pub url: String,
    /// `og:type`: `article` for records, `website` otherwise.
    #[serde(rename = "type")]
    pub og_type: &'static str,
    /// `og:site_name`.
    pub site_name: String,
    /// `og:locale` (`lv_LV`).
    pub locale: String,
    /// `og:locale:alternate`: the locales of the other languages the page exists in.
    pub locale_alternates: Vec<String>,
    /// `og:image` with its size and alt text.
    pub image: ShareImage,
    /// `article:published_time` of a dated record (ISO 8601).
    pub published_time: Option<String>,
    /// `twitter:card`: always `summary_large_image`.
    pub twitter_card: &'static str,
    /// The page's JSON-LD, ready to go inside `<script type="application/ld+json">` (every
    /// `<` written as `\u003c`, so no `</script>` can end it early); `None` when the page has
    /// none.
    pub jsonld: Option<String>,
}

/// The share value of one page, and the indexes of the other records read to make it.
pub fn page_share(env: &ShareEnv<'_>, page: &PageFacts<'_>) -> (Share, Vec<usize>) {
    let config = env.config;
    let lang = page.lang;
    let site_name = config.title.get(lang).cloned().unwrap_or_default();
    let site_description = config
        .share
        .description
        .get(lang)
        .cloned()
        .unwrap_or_else(|| site_name.clone());
    let locale_of = |code: &str| {
        config
            .share
            .locales
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    };
    let mut reads = Vec::new();
    let image = share_image(env, page);
    let (title, description, published_time, jsonld) = match page.subject {
        Subject::Record(i) => {
            let text = env.site.text_in(i, lang).map(|t| t.0);
            let title = text.map(|t| t.title.clone()).unwrap_or_default();
            let description = text
                .and_then(|t| t.description.clone().or_else(|| t.summary.clone()))
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| site_description.clone());
            let record = &env.site.records[i];
            let mapping = config.collections[&record.collection].jsonld.as_ref();
            let date_field = mapping.and_then(|m| m.start.as_deref()).unwrap_or("date");
            let published = record
                .field(date_field, text)
                .and_then(|v| iso_date(config, v));
            let facts = jsonld::RecordFacts {
                index: i,
                lang,
                url: page.canonical,
                image: &image.url,
                description: &description,
            };
            let json = mapping.map(|m| jsonld::record(env, m, &facts, &mut reads));
            (title, description, published, json)
        }
        Subject::Home => {
            let json = config
                .share
                .organization
                .as_ref()
                .map(|o| jsonld::site_organization(config, o, lang));
            (site_name.clone(), site_description.clone(), None, json)
        }
        Subject::List { collection, number } => {
            let label = message(env, lang, &format!("collection-{collection}"), &[])
                .unwrap_or_else(|| collection.to_string());
            let args = [("number", MessageArg::Number(number as f64))];
            let title = match number {
                1 => label,
                _ => match message(env, lang, "pagination-page", &args) {
                    Some(page) => format!("{label} · {page}"),
                    None => format!("{label} · {number}"),
                },
            };
            (title, site_description.clone(), None, None)
        }
        Subject::NotFound => {
            let title = message(env, lang, "not-found-title", &[]).unwrap_or(site_name.clone());
            (title, site_description.clone(), None, None)
        }
        Subject::Chooser => (site_name.clone(), site_description.clone(), None, None),
    };
    let alt = match (image.alt, page.subject) {
        (Some(alt), _) => alt,
        (None, Subject::Record(_)) => title.clone(),
        (None, _) => site_name.clone(),
    };
    let share = Share {
        title,
        description,
        url: page.canonical.to_string(),
        og_type: match page.subject {
            Subject::Record(_) => "article",
            _ => "website",
        },
        site_name,
        locale: locale_of(lang),
        locale_alternates: page.also_in.iter().map(|l| locale_of(l)).collect(),
        image: ShareImage {
            url: image.url,
            width: image.width,
            height: image.height,
            mime: image.mime,
            alt,
        },
        published_time,
        twitter_card: "summary_large_image",
        jsonld: jsonld.map(|v| jsonld::script_text(&v)),
    };
    (share, reads)
}

/// A page's share image before its alt text is settled: its absolute URL, size and the alt
/// text of a record's own image.
struct Chosen {
    url: String,
    width: u32,
    height: u32,
    mime: &'static str,
    alt: Option<String>,
}

/// A page's share image: the share crop of a record's own image ([`own_image`], the rule the
/// cards follow too), else the record's card; the language's site card for every other page.
fn share_image(env: &ShareEnv<'_>, page: &PageFacts<'_>) -> Chosen {
    let card = |path: String| Chosen {
        url: permalink(env.config, &path),
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        mime: "image/png",
        alt: None,
    };
    let Subject::Record(i) = page.subject else {
        return card(card_path(&format!("/{}/", page.lang)));
    };
    let own = env
        .site
        .text_in(i, page.lang)
        .and_then(|(text, _)| own_image(env.config, env.images, &env.site.records[i], text));
    match own {
        Some(own) => Chosen {
            url: permalink(env.config, &own.crop.path),
            width: own.crop.width,
            height: own.crop.height,
            mime: own.crop.encoding.mime(),
            alt: own.alt.map(str::to_string),
        },
        None => card(card_path(page.folder)),
    }
}

fn message(
    env: &ShareEnv<'_>,
    lang: &str,
    key: &str,
    args: &[(&str, MessageArg)],
) -> Option<String> {
    env.locales.get(lang)?.message(key, args).ok()
}

//! The `site` variable: the same on every page of one language.

use serde::Serialize;

/// The site as one language's pages see it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteValue<'a> {
    /// The site title in this language (empty when site.yaml has none for it).
    pub title: &'a str,
    /// The absolute base URL, without a trailing slash.
    pub base_url: &'a str,
    /// Its path part (`/sub`, or empty).
    pub base_path: &'a str,
    /// The first language's code.
    pub default_language: &'a str,
    /// Every language of the site, in order, with its home page.
    pub languages: Vec<LanguageLink<'a>>,
    /// The collections with list pages in this language.
    pub collections: Vec<CollectionLink<'a>>,
}

/// A language of the site and its home page.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink<'a> {
    /// Its code (`lv`).
    pub code: &'a str,
    /// Its name in itself (`Latviešu`).
    pub name: &'a str,
    /// Its home page (root-relative).
    pub url: String,
    /// Its home page (absolute).
    pub permalink: String,
}

/// A collection with list pages.
#[derive(Debug, Clone, Serialize)]
pub struct CollectionLink<'a> {
    /// Its name (`events`).
    pub name: &'a str,
    /// Its first list page in this language (root-relative).
    pub url: String,
    /// How many records it has in this language.
    pub count: usize,
}

//! The variables of a page, as one struct: what `{{ lang }}`, `{{ page }}`, `{{ records }}`…
//! are on each kind of page.

use serde::Serialize;
use tera::Value;

use crate::share::meta::Share;

use super::{Paginator, Translation};

/// Every variable a page's template gets. Those of one kind of page only are absent (not
/// `none`) on the others.
#[derive(Debug, Clone, Serialize)]
pub struct PageVars<'a> {
    /// The page's language; the default language on the chooser and the root 404 page.
    pub lang: &'a str,
    /// `home`, `list`, `record`, `chooser` or `404`.
    pub page_kind: &'static str,
    /// Whether `vestis serve` renders.
    pub serve_mode: bool,
    /// This page (root-relative).
    pub current_url: &'a str,
    /// This page (absolute).
    pub current_permalink: &'a str,
    /// This page, or the original language's page for a `fallback` text (absolute).
    pub canonical_url: &'a str,
    /// The site ([`super::SiteValue`], made once per language).
    pub site: Value,
    /// This page in the other languages.
    pub translations: &'a [Translation<'a>],
    /// What a shared link shows (README, "`share`").
    pub share: &'a Share,
    /// List and record pages: the collection's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<&'a str>,
    /// Record pages: the full record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<Value>,
    /// List pages: this page's records, as summaries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<Vec<Value>>,
    /// List pages: where this page is among the collection's list pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paginator: Option<Paginator>,
}

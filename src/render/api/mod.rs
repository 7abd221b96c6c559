//! The template API: every value a template sees, as typed structs.
//!
//! This module *is* the template API reference (README, "Template API", says the same in the
//! officer's words). Each struct below is one kind of value; its fields, in their order, are
//! the keys a template reads. The render code fills these structs and turns each into a tera
//! value once ([`to_value`]); record values are then shared between pages (tera values are
//! reference-counted, so cloning them is cheap).
//!
//! - [`Stub`] `{id, collection, lang, title, url, permalink}`: a record named by another
//!   record (a `ref` field of a summary).
//! - [`Summary`]: a stub with `slug`, `summary`, `description`, `body` (HTML, marked safe),
//!   `untranslated`, `text_lang`, `translations` ([`Translation`]) and every schema field by
//!   name. Items of a list page's `records`, of `records(collection=…)`, of `backrefs`, and ref
//!   targets of a full record are summaries.
//! - A *full record* (`page` on record pages): its summary with `ref` fields upgraded to the
//!   targets' summaries and `backrefs` (`{<collection>: [summary, …]}` for every collection).
//! - Field values by kind: text, numbers, booleans and dates as themselves (dates as ISO
//!   text); `markdown` as HTML marked safe; `enum` as [`EnumValue`]; `file` as [`FileValue`];
//!   `image` as the image value of `render::image_value` (a [`FileValue`] when the pipeline
//!   did not process it); `gallery` as a list of those with a `caption`; `video` as
//!   `render::video_value` describes; `ref` as a [`Stub`] (`none` when the target is not
//!   published in the page's language); lists as lists (`none` items left out).
//! - [`Paginator`] (list pages) with its [`PageLink`]s.
//! - [`SiteValue`] (`site` on every page) with its [`LanguageLink`]s and [`CollectionLink`]s.
//! - [`PageVars`]: the variables of every page.
//!
//! URLs: `url` values are root-relative and include the base path; `permalink` values are
//! absolute. A value that may be absent is `none` (never undefined).

mod list;
mod page;
mod record;
mod site;

use serde::Serialize;
use tera::Value;

pub use list::{PAGE_WINDOW, PageLink, Paginator, page_window};
pub use page::PageVars;
pub use record::{EnumValue, FieldKeys, FileValue, Html, Stub, Summary, Translation};
pub use site::{CollectionLink, LanguageLink, SiteValue};

/// `value` as a tera value. The API's structs hold only text, numbers, booleans, lists, maps
/// with text keys and tera values, which always convert; `none` stands in should one not.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    Value::try_from_serializable(value).unwrap_or_else(|_| Value::none())
}

#[cfg(test)]
mod tests;

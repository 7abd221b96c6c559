//! The tera functions and filters of the template API (`t`, `url_for`, `asset`, `records`,
//! `format_date`, `format_number`, `sum`): thin wrappers over i18n and the prepared lookups.
//!
//! Each reads the page's language from the template variable `lang`.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use crate::content::Site;
use crate::i18n::{DateStyle, Language, Locales, MessageArg};

use super::budget::Budget;
use super::context::Urls;

/// Record URLs, answered from the site itself (no table of every record is built).
pub struct RecordUrls {
    /// The site.
    pub site: Arc<Site>,
    /// URL building.
    pub urls: Urls,
}

impl RecordUrls {
    /// The URL of record `collection/id` in `lang`, when it is published there.
    fn get(&self, lang: &str, collection: &str, id: &str) -> Option<String> {
        let i = self.site.find(collection, id)?;
        let path = self.site.views.get(lang)?.paths[i].as_deref()?;
        Some(self.urls.url(path))
    }
}

/// Lookups the functions answer from, built once per build.
pub struct Lookups {
    /// `(lang, collection, id)` → record URL.
    pub record_urls: RecordUrls,
    /// `(lang, collection)` → list page URL.
    pub list_urls: HashMap<(String, String), String>,
    /// `(lang, collection)` → the records (summaries) in order.
    pub records: HashMap<(String, String), Value>,
    /// Static file path (`style.css`) → cache-busting URL (`/style.css?h=1a2b3c4d`).
    pub assets: HashMap<String, String>,
    /// Collection names, for "did you mean".
    pub collections: Vec<String>,
}

/// Registers every function and filter of the template API on `tera`; `records()` notes each
/// call on the page `budget` says is rendering (so a rebuild knows which pages read records).
pub fn register(tera: &mut Tera, locales: Arc<Locales>, lookups: Arc<Lookups>, budget: Budget) {
    let l = locales.clone();
    tera.register_function("t", move |kwargs: Kwargs, state: &State| {
        translate(&l, &kwargs, state)
    });
    let l = locales.clone();
    tera.register_function("has_message", move |kwargs: Kwargs, state: &State| {
        let key: String = kwargs.must_get::<String>("key")?;
        Ok::<_, Error>(language_arg(&l, &kwargs, state)?.has_message(&key))
    });
    let k = lookups.clone();
    tera.register_function("url_for", move |kwargs: Kwargs, state: &State| {
        url_for(&k, &kwargs, state)
    });
    let k = lookups.clone();
    tera.register_function("asset", move |kwargs: Kwargs, _: &State| asset(&k, &kwargs));
    let k = lookups;
    tera.register_function("records", move |kwargs: Kwargs, state: &State| {
        budget.note_records();
        records(&k, &kwargs, state)
    });
    let l = locales.clone();
    tera.register_filter(
        "format_date",
        move |v: &str, kwargs: Kwargs, state: &State| format_date(&l, v, &kwargs, state),
    );
    let l = locales;
    tera.register_filter(
        "format_number",
        move |v: Value, _: Kwargs, state: &State| {
            let n = v.as_f64().ok_or_else(|| {
                Error::message(format!("`format_number` needs a number, got `{v}`"))
            })?;
            Ok::<_, Error>(language(&l, state)?.format_number(n))
        },
    );
    tera.register_filter("sum", sum);
}

fn page_lang(state: &State) -> TeraResult<String> {
    state
        .get::<String>("lang")?
        .ok_or_else(|| Error::message("the variable `lang` is not set on this page"))
}

fn language<'a>(locales: &'a Locales, state: &State) -> TeraResult<&'a Language> {
    let lang = page_lang(state)?;
    locales
        .get(&lang)
        .ok_or_else(|| Error::message(format!("no messages are loaded for language `{lang}`")))
}

/// The language named by a `lang=` argument, else the page's.
fn language_arg<'a>(
    locales: &'a Locales,
    kwargs: &Kwargs,
    state: &State,
) -> TeraResult<&'a Language> {
    match kwargs.get::<String>("lang")? {
        Some(lang) => locales.get(&lang).ok_or_else(|| {
            Error::message(format!("`lang`: `{lang}` is not a language of this site"))
        }),
        None => language(locales, state),
    }
}

fn translate(locales: &Locales, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
    let key: String = kwargs.must_get::<String>("key")?;
    let mut args = Vec::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str().filter(|n| *n != "key" && *n != "lang") else {
            continue;
        };
        let arg = match value.as_f64() {
            Some(n) if value.is_number() => MessageArg::Number(n),
            _ => MessageArg::String(
                value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_string),
            ),
        };
        args.push((name.to_string(), arg));
    }
    let args: Vec<(&str, MessageArg)> = args.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
    language_arg(locales, kwargs, state)?
        .message(&key, &args)
        .map_err(Error::message)
}

fn url_for(lookups: &Lookups, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
    let lang = match kwargs.get::<String>("lang")? {
        Some(lang) => lang,
        None => page_lang(state)?,
    };
    let collection: String = kwargs.must_get::<String>("collection")?;
    if !lookups.collections.contains(&collection) {
        let hint = hint_suffix(&collection, &lookups.collections);
        return Err(Error::message(format!(
            "`url_for`: no collection `{collection}`{hint}"
        )));
    }
    match kwargs.get::<String>("id")? {
        Some(id) => lookups
            .record_urls
            .get(&lang, &collection, &id)
            .ok_or_else(|| {
                Error::message(format!(
                    "`url_for`: no published record `{collection}/{id}` in `{lang}`"
                ))
            }),
        None => lookups
            .list_urls
            .get(&(lang, collection.clone()))
            .cloned()
            .ok_or_else(|| {
                Error::message(format!(
                    "`url_for`: collection `{collection}` has no list page"
                ))
            }),
    }
}

/// "; did you mean `x`?" when a candidate is close to `word`, else nothing.
fn hint_suffix<'a>(word: &str, candidates: impl IntoIterator<Item = &'a String>) -> String {
    crate::diagnostics::did_you_mean(word, candidates.into_iter().map(String::as_str))
        .map(|h| format!("; {h}"))
        .unwrap_or_default()
}

fn asset(lookups: &Lookups, kwargs: &Kwargs) -> TeraResult<String> {
    let path: String = kwargs.must_get::<String>("path")?;
    let key = path.trim_start_matches('/');
    lookups.assets.get(key).cloned().ok_or_else(|| {
        let hint = hint_suffix(key, lookups.assets.keys());
        Error::message(format!(
            "`asset`: no file `{key}` in `static/` or the theme's `static/`{hint}"
        ))
    })
}

fn records(lookups: &Lookups, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let lang = page_lang(state)?;
    let collection: String = kwargs.must_get::<String>("collection")?;
    lookups
        .records
        .get(&(lang, collection.clone()))
        .cloned()
        .ok_or_else(|| {
            let hint = hint_suffix(&collection, &lookups.collections);
            Error::message(format!("`records`: no collection `{collection}`{hint}"))
        })
}

fn format_date(
    locales: &Locales,
    value: &str,
    kwargs: &Kwargs,
    state: &State,
) -> TeraResult<String> {
    let style_name = kwargs
        .get::<String>("style")?
        .unwrap_or_else(|| "long".into());
    let style = DateStyle::from_str(&style_name).map_err(|_| {
        Error::message(format!(
            "`format_date`: unknown style `{style_name}`; use long, medium, short or month_year"
        ))
    })?;
    let language = language(locales, state)?;
    if let Ok(date) = jiff::civil::Date::from_str(value) {
        return Ok(language.format_date(date, style));
    }
    if let Ok(dt) = jiff::civil::DateTime::from_str(value) {
        return Ok(language.format_datetime(dt, style));
    }
    Err(Error::message(format!(
        "`format_date` needs a date like `2013-06-15`, got `{value}`"
    )))
}

/// `records | sum(field="participants")`: missing values count as 0; the sum of integers is
/// an integer.
fn sum(list: Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let field: String = kwargs.must_get::<String>("field")?;
    let items = list.as_array().ok_or_else(|| {
        Error::message(format!(
            "`sum` needs a list of records, got `{}`",
            list.name()
        ))
    })?;
    let mut total_int: i64 = 0;
    let mut total_float = 0.0;
    let mut all_int = true;
    for item in items {
        let Some(v) = item
            .as_map()
            .and_then(|m| m.get(&tera::value::Key::from(field.clone())))
        else {
            continue;
        };
        if let Some(i) = v.as_i64() {
            total_int = total_int.saturating_add(i);
            total_float += i as f64;
        } else if let Some(f) = v.as_f64() {
            all_int = false;
            total_float += f;
        }
    }
    Ok(if all_int {
        Value::from(total_int)
    } else {
        Value::from(total_float)
    })
}

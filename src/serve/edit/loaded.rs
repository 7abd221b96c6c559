//! The site as far as it loads, for the editor's handlers: its configuration always, its
//! messages, records and translation report when they load (a site that does not build can
//! still be opened and fixed). Every handler that reads the site starts here, so it is its
//! own module rather than part of one handler's file.

use std::collections::HashMap;
use std::path::Path;

use axum::http::StatusCode;
use axum::response::Response;

use super::reply::{error, write_error};
use crate::config::Config;
use crate::content::write::{self, RecordPaths};
use crate::content::{LoadOptions, Site};
use crate::i18n::Locales;
use crate::translations::TranslationReport;

/// The site as far as it loads: config, messages, records, translation report.
pub(crate) struct Loaded {
    pub config: Config,
    pub locales: Option<Locales>,
    pub site: Option<Site>,
    pub report: Option<TranslationReport>,
}

pub(crate) fn load(root: &Path) -> Result<Loaded, Response> {
    let config = Config::load(root)
        .map_err(|d| error(StatusCode::INTERNAL_SERVER_ERROR, "invalid", &d.to_string()))?;
    let (locales, _) =
        Locales::load_with_problems(&config.files, &config.theme_dir(), &config.language_codes());
    let options = LoadOptions {
        drafts: true,
        now: jiff::Timestamp::now(),
    };
    let site = Site::load(&config, &locales, &options, None)
        .ok()
        .map(|(s, _)| s);
    let report = site
        .as_ref()
        .map(|s| TranslationReport::build(&config, &locales, s));
    Ok(Loaded {
        config,
        locales: Some(locales),
        site,
        report,
    })
}

/// The site and the files of the record a request names (`collection=…&id=…`): the start of
/// every handler that reads one record.
pub(crate) fn load_record(
    root: &Path,
    query: &HashMap<String, String>,
) -> Result<(Loaded, RecordPaths), Response> {
    let loaded = load(root)?;
    let get = |k: &str| query.get(k).map(String::as_str).unwrap_or("");
    let paths = write::locate(&loaded.config, get("collection"), get("id")).map_err(write_error)?;
    Ok((loaded, paths))
}

//! The stages of [`super::render`] that are more than one call: record views for every
//! language, the template functions' answers, the `site` values, loading the templates, and
//! the published data files. Each is a function of its inputs; `render` lists them in order.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Tera, Value};

use crate::config::Lang;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::output::{Ahead, Output};

use super::api::{CollectionLink, LanguageLink, SiteValue, to_value};
use super::assets;
use super::budget::Budget;
use super::context::{MissingLabel, RecordViews, ViewBuilder};
use super::deferred;
use super::functions::{self, Lookups};
use super::inputs::Inputs;
use super::page_render::cannot_write;
use super::pages::{self, Page};
use super::publish;
use super::templates::Templates;
use super::views::{self, ViewMemo, ViewsJob};

/// Stub and summary views of every record, per language (site order); the enum labels they
/// lack are reported.
pub(super) fn record_views(
    b: &ViewBuilder<'_>,
    inputs: &Inputs,
    memo: &mut ViewMemo,
    keep: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, Vec<Option<RecordViews>>)> {
    let by_identity = views::identities(b);
    let mut missing = Vec::new();
    let views = b
        .config
        .languages
        .all()
        .map(|lang| {
            let job = ViewsJob {
                lang,
                inputs,
                by_identity: &by_identity,
                keep,
            };
            let v = b.views(&job, &mut missing, memo);
            (b.config.languages.code(lang).to_string(), v)
        })
        .collect();
    report_missing_labels(&missing, diagnostics);
    views
}

/// The `site` variable of every language.
pub(super) fn site_values(b: &ViewBuilder<'_>) -> Vec<(String, Value)> {
    b.config
        .languages
        .all()
        .map(|l| (b.config.languages.code(l).to_string(), site_value(b, l)))
        .collect()
}

/// The `site` variable in language `l`.
fn site_value(b: &ViewBuilder<'_>, l: Lang) -> Value {
    let (config, urls) = (b.config, b.urls);
    let lang = config.languages.code(l);
    let home = |code: &str| format!("{code}/");
    let site = SiteValue {
        title: config.title.get(lang).map_or("", String::as_str),
        base_url: &config.base_url,
        base_path: urls.base_path(),
        default_language: config.default_language(),
        languages: config
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: &l.code,
                name: &l.name,
                url: urls.url(&home(&l.code)),
                permalink: urls.permalink(&home(&l.code)),
            })
            .collect(),
        collections: config
            .collections
            .values()
            .filter(|c| c.has_list(lang))
            .map(|c| CollectionLink {
                name: &c.name,
                url: urls.url(&pages::list_path(config, l, &c.name, 1)),
                count: b.site.view(l).by_collection[&c.name].len(),
            })
            .collect(),
    };
    to_value(&site)
}

/// The theme's templates, with the template functions answering from `lookups`.
pub(super) fn templates(
    config: &crate::config::Config,
    locales: &Arc<Locales>,
    lookups: Lookups,
    budget: &Budget,
    resizes: &Arc<super::resize_fn::Resizes>,
) -> Result<Templates, Diagnostics> {
    let mut tera = Tera::new();
    super::resize_fn::register(&mut tera, Arc::clone(resizes), budget.clone());
    functions::register(
        &mut tera,
        locales.clone(),
        Arc::new(lookups),
        budget.clone(),
    );
    let range_budget = budget.clone();
    tera.register_function("range", move |kwargs: tera::Kwargs, _: &tera::State| {
        super::range::range(&range_budget, &kwargs)
    });
    let mut templates = Templates::load(&config.files, &config.theme, tera)?;
    templates.budget = budget.clone();
    Ok(templates)
}

/// The published data files: feeds, calendars, sitemap, search indexes.
pub(super) struct Published<'a> {
    /// Views and URLs.
    pub builder: &'a ViewBuilder<'a>,
    /// The site (kept by deferred files).
    pub site: &'a Arc<crate::content::Site>,
    /// Messages and formatting.
    pub locales: &'a Arc<Locales>,
    /// The processed photos (kept by deferred files).
    pub images: &'a Arc<crate::media::Images>,
    /// Every page.
    pub pages: Vec<Page>,
    /// The site's static files (a `static/robots.txt` replaces the generated one).
    pub static_files: &'a assets::StaticFiles,
    /// Make them when first read instead of now (`vestis serve`).
    pub defer: bool,
    /// Under `vestis build`: the staging folder each file is written into as it is made.
    pub sink: Option<&'a crate::output::Staging>,
}

impl Published<'_> {
    /// Adds the files to `output`.
    pub(super) fn add_to(self, output: &mut Output, diagnostics: &mut Diagnostics) {
        let b = self.builder;
        let (search_jobs, jobs): (Vec<publish::Job>, Vec<publish::Job>) =
            publish::jobs(&b.config.languages)
                .into_iter()
                .filter(|job| {
                    !(job.path(b.config) == "robots.txt"
                        && self.static_files.contains_key("robots.txt"))
                })
                .partition(|job| job.kind == "search.json");
        let sink = self.sink;
        if self.defer {
            // `vestis serve`: every file is made when first read; a search index (many files
            // named after its words) and a sitemap (parts on a large site) as a group, when
            // their first file or one beside it is.
            let inputs =
                deferred::Inputs::new(b.config, self.site, self.locales, self.pages, self.images);
            for job in search_jobs.into_iter().chain(jobs) {
                let path = job.path(b.config);
                let added = match publish::folder_of_parts(&job, b.config) {
                    Some(dir) => {
                        output.insert_deferred_group(path.clone(), &dir, inputs.group_later(job))
                    }
                    None => output.insert_deferred(path.clone(), inputs.make_later(job)),
                };
                if let Err(message) = added {
                    diagnostics.push(cannot_write(&path, &message));
                }
            }
            return;
        }
        // Under `build` each language's search index is written as it is made (in parallel),
        // so that the index of every language is not held in memory at once.
        let search: Vec<Result<Vec<(String, Ahead)>, String>> = search_jobs
            .par_iter()
            .map(|job| {
                let lang = job.lang.unwrap_or(Lang::DEFAULT);
                let Some(sink) = sink else {
                    return Ok(kept(publish::search_files(b, lang)?));
                };
                // Each shard and record file is written as soon as it is made.
                let mut written = Vec::new();
                let manifest = publish::search_files_into(b, lang, &mut |path, bytes| {
                    written.extend(output.write_ahead(vec![(path, bytes)], sink))
                })?;
                let code = b.config.languages.code(lang);
                let manifest = (format!("{code}/search.json"), manifest);
                let mut files = output.write_ahead(vec![manifest], sink);
                files.append(&mut written);
                Ok(files)
            })
            .collect();
        insert_made(output, search, sink, diagnostics);
        // Under `build` each file is written as soon as its job made it (the sitemap and
        // calendars of a large site are megabytes each: they are not all held at once).
        let made: Vec<Result<Vec<(String, Ahead)>, String>> = jobs
            .par_iter()
            .map(|job| {
                let files = publish::make_files(b, &self.pages, job)?;
                Ok(match sink {
                    Some(sink) => output.write_ahead(files, sink),
                    None => kept(files),
                })
            })
            .collect();
        insert_made(output, made, sink, diagnostics);
    }
}

/// Files not written yet, to be inserted into the output as they are.
fn kept(files: publish::Files) -> Vec<(String, Ahead)> {
    files
        .into_iter()
        .map(|(path, bytes)| (path, Ahead::Kept(bytes)))
        .collect()
}

/// Adds what each publishing job made (written already or not) to `output`, or the error
/// saying why a file or a job failed.
fn insert_made(
    output: &mut Output,
    made: Vec<Result<Vec<(String, Ahead)>, String>>,
    sink: Option<&crate::output::Staging>,
    diagnostics: &mut Diagnostics,
) {
    for files in made {
        match files {
            Ok(files) => {
                for (path, file) in files {
                    if let Err(message) = output.insert_ahead(path.clone(), file, sink) {
                        diagnostics.push(cannot_write(&path, &message));
                    }
                }
            }
            Err(message) => diagnostics.push(Diagnostic::error(None, message)),
        }
    }
}

/// Adds one file to `output` (with a `sink`, writes it there at once and keeps only its
/// path), or the error saying why it cannot be.
pub(super) fn insert(
    output: &mut Output,
    path: String,
    bytes: Vec<u8>,
    sink: Option<&crate::output::Staging>,
    diagnostics: &mut Diagnostics,
) {
    let added = match sink {
        Some(sink) => output.insert_written(path.clone(), &bytes, sink),
        None => output.insert(path.clone(), bytes),
    };
    if let Err(message) = added {
        diagnostics.push(cannot_write(&path, &message));
    }
}

/// One error per missing label and language, naming the first record that needs it.
fn report_missing_labels(missing: &[MissingLabel], diagnostics: &mut Diagnostics) {
    let mut grouped: std::collections::BTreeMap<(&str, &str), Vec<&MissingLabel>> =
        Default::default();
    for m in missing {
        grouped
            .entry((m.lang.as_str(), m.key.as_str()))
            .or_default()
            .push(m);
    }
    for ((lang, key), uses) in grouped {
        let others = match uses.len() - 1 {
            0 => String::new(),
            1 => " (and 1 other record)".to_string(),
            n => format!(" (and {n} other records)"),
        };
        diagnostics.push(
            Diagnostic::error(
                Some(&uses[0].record),
                format!("the enum label `{key}` is not defined for language `{lang}`{others}"),
            )
            .with_suggestion(format!(
                "add `{key} = …` to `locales/{lang}/` (a .ftl file)"
            )),
        );
    }
}

pub(super) fn lookups(
    b: &ViewBuilder<'_>,
    site: &Arc<crate::content::Site>,
    views: &[(String, Vec<Option<RecordViews>>)],
    static_bytes: &[(String, Vec<u8>)],
) -> Lookups {
    let mut lookups = Lookups {
        record_urls: functions::RecordUrls {
            site: Arc::clone(site),
            urls: b.urls.clone(),
        },
        list_urls: HashMap::new(),
        records: HashMap::new(),
        assets: HashMap::new(),
        collections: b.config.collections.keys().cloned().collect(),
    };
    for (l, (lang, lang_views)) in b.config.languages.all().zip(views) {
        let view = b.site.view(l);
        for (name, list) in &view.by_collection {
            if b.config.collections[name].has_list(lang) {
                lookups.list_urls.insert(
                    (lang.clone(), name.clone()),
                    b.urls.url(&pages::list_path(b.config, l, name, 1)),
                );
            }
            let records: Vec<Value> = list
                .iter()
                .filter_map(|&i| lang_views[i].as_ref().map(|v| v.summary.clone()))
                .collect();
            lookups
                .records
                .insert((lang.clone(), name.clone()), Value::from(records));
        }
    }
    let assets: HashMap<String, String> = static_bytes
        .iter()
        .map(|(path, bytes)| {
            (
                path.clone(),
                format!("{}?h={}", b.urls.url(path), assets::content_hash(bytes)),
            )
        })
        .collect();
    lookups.assets = assets;
    lookups
}

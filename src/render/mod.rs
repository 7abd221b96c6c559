//! The render stage: site + theme + locales → every output file, in memory.
//!
//! The one home of tera. Pages are rendered in parallel; every template problem of the run is
//! reported. This stage never touches the output directory.

mod assets;
pub mod budget;
pub mod context;
mod deferred;
mod functions;
mod memo;
mod page_pass;
mod page_reads;
mod page_render;
mod page_reuse;
pub mod pages;
mod publish;
mod sources;
mod structure;
mod templates;
mod urls;
mod view_cache;
mod view_reuse;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Tera, Value};

use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::output::links::PageSources;
use crate::output::{Ahead, Output};

use context::{MissingLabel, RecordViews, Urls, ViewBuilder};
use functions::Lookups;
use pages::{Page, PageEnv};
use structure::{lookup_hashes, record_structure};
use templates::Templates;
use view_cache::ViewMemo;

pub use memo::{PageCache, RenderCache};
pub use page_pass::RenderStats;

use page_render::{Memo, cannot_write};
pub use view_cache::ViewCache;

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Rendering for `vestis serve` (templates see `serve_mode = true`).
    pub serve_mode: bool,
    /// Make the feeds, calendars, search indexes and sitemap when first read instead of now
    /// (`vestis serve`: a rebuild does not pay for files nobody reads while editing).
    pub defer_published: bool,
    /// Record which template and text made each page, for the link check.
    pub link_sources: bool,
    /// Stops pages that render too long, and the whole build when cancelled.
    pub budget: budget::Budget,
    /// Where `vestis build` writes each file as soon as it is made (see
    /// [`crate::output::Staging`]); the output then holds its path, not its bytes.
    pub sink: Option<Arc<crate::output::Staging>>,
}

/// What rendering made.
#[derive(Debug)]
pub struct RenderOutput {
    /// Every output file.
    pub output: Output,
    /// Where each HTML page came from (template, record text), for the link check; empty
    /// unless [`RenderOptions::link_sources`].
    pub sources: PageSources,
    /// How many pages were rendered and how many reused.
    pub stats: RenderStats,
}

/// Renders every page and the published data files (feeds, calendars, sitemap, search
/// indexes) and collects every static file into an [`Output`].
pub fn render(
    config: &Config,
    locales: &Arc<Locales>,
    site: &Arc<Site>,
    options: &RenderOptions,
    mut cache: Option<&mut RenderCache>,
) -> Result<RenderOutput, Diagnostics> {
    let mut phases = crate::timing::Phases::start();
    let mut diagnostics = Diagnostics::new();
    let urls = Urls::new(config);
    let builder = ViewBuilder {
        config,
        site,
        locales,
        urls: &urls,
    };
    let environment = cache.as_ref().and_then(|_| memo::environment_hash(config));
    if environment.is_none()
        && let Some(stale) = cache.take()
    {
        // A source could not be read for its hash: nothing is reused, and this run's render
        // (whose errors say what could not be read) starts the cache over.
        *stale = RenderCache::new();
    }
    let structure = cache.as_ref().map(|_| record_structure(&builder));
    let mut view_memo = cache
        .as_deref_mut()
        .zip(environment)
        .zip(structure.as_ref())
        .map(|((c, environment), s)| ViewMemo {
            cache: &mut c.views,
            environment,
            structure: view_cache::hash_of(&(environment, s.links, s.texts)),
        });
    let mut missing = Vec::new();
    let views: Vec<(String, Vec<Option<RecordViews>>)> = config
        .language_codes()
        .into_iter()
        .map(|l| {
            let v = builder.views(&l, &mut missing, view_memo.as_mut());
            (l, v)
        })
        .collect();
    report_missing_labels(&missing, &mut diagnostics);
    phases.mark("record views");
    let static_files = assets::static_files(&config.files, &config.theme_dir(), &mut diagnostics);
    let static_bytes = assets::read_all(&config.files, &static_files, &mut diagnostics);
    let record_bytes =
        assets::read_all(&config.files, &assets::record_files(site), &mut diagnostics);
    phases.mark("static files");
    let lookups = lookups(&builder, site, &views, &static_bytes);
    phases.mark("lookups");
    let site_values: Vec<(String, Value)> = config
        .language_codes()
        .into_iter()
        .map(|l| {
            let v = pages::site_value(config, site, &urls, &l);
            (l, v)
        })
        .collect();
    let site_hashes: Vec<u64> = site_values
        .iter()
        .map(|(_, v)| memo::value_hash(v))
        .collect();
    let mut tera = Tera::new();
    let hashes = structure
        .as_ref()
        .map(|s| lookup_hashes(&builder, &lookups, &views, s));
    phases.mark("lookup hashes");
    let records_budget = options.budget.clone();
    functions::register(
        &mut tera,
        locales.clone(),
        Arc::new(lookups),
        records_budget,
    );
    let range_budget = options.budget.clone();
    tera.register_function("range", move |kwargs: tera::Kwargs, _: &tera::State| {
        budget::range(&range_budget, &kwargs)
    });
    let mut templates = match Templates::load(&config.files, &config.theme, tera) {
        Ok(templates) => templates,
        // The static files' and labels' problems found so far are reported too.
        Err(problems) => {
            diagnostics.extend(problems);
            diagnostics.sort();
            return Err(diagnostics);
        }
    };
    templates.budget = options.budget.clone();
    phases.mark("templates");
    let memo = environment
        .zip(hashes.as_ref())
        .map(|(environment, hashes)| Memo {
            environment: view_cache::hash_of(&(environment, hashes.links)),
            records: hashes.records,
        });
    let env = PageEnv {
        builder: &builder,
        views: &views,
        site_values: &site_values,
        site_hashes: &site_hashes,
        serve_mode: options.serve_mode,
    };
    let all_pages = pages::all_pages(config, site);
    let choices = choose_templates(&all_pages, site, &templates);
    phases.mark("page list");
    let job = page_pass::PagesJob {
        pages: &all_pages,
        choices: &choices,
        env: &env,
        templates: &templates,
        config,
        sink: options.sink.as_deref(),
    };
    let done = match (cache, memo.as_ref(), hashes.as_ref()) {
        (Some(cache), Some(memo), Some(hashes)) => {
            let structure = page_pass::structure_hash(&job, memo, hashes.order, options.serve_mode);
            page_pass::render_memoised(&job, cache, memo, structure)
        }
        _ => page_pass::render_fresh(&job),
    };
    phases.mark("pages");
    if options.budget.is_cancelled() {
        // The pages' own errors are those of interrupted renders: only the timeouts count.
        let timeouts = options.budget.timeouts();
        return Err(match timeouts.is_empty() {
            true => Diagnostic::error(None, "the build was cancelled").into(),
            false => timeouts,
        });
    }
    let page_pass::PagesDone {
        mut output,
        stats,
        diagnostics: page_diagnostics,
    } = done;
    let page_sources = match options.link_sources {
        true => page_pass::sources(&job),
        false => PageSources::new(),
    };
    diagnostics.extend(page_diagnostics);
    let mut sources = match options.link_sources {
        true => sources::static_pages(&config.root, &static_files),
        false => PageSources::new(),
    };
    sources.extend(page_sources);
    // What only the pages needed (the record views, the templates with their lookups) is
    // freed before the search index and feeds are made: the build's peak memory is then.
    drop(templates);
    drop(views);
    phases.mark("output of pages");
    let (search_jobs, jobs): (Vec<publish::Job>, Vec<publish::Job>) =
        publish::jobs(&config.language_codes())
            .into_iter()
            // A site's own `static/robots.txt` replaces the generated one.
            .filter(|job| !(job.path() == "robots.txt" && static_files.contains_key("robots.txt")))
            .partition(|job| job.kind == "search.json");
    let sink = options.sink.as_deref();
    // A search index is many files named after its words: made now, also under `serve`.
    // Under `build` each language's files are written as they are made (in parallel), so that
    // the index of every language is not held in memory at once.
    let search: Vec<Result<Vec<(String, Ahead)>, String>> = search_jobs
        .par_iter()
        .map(|job| {
            let files = publish::search_files(&builder, &job.lang)?;
            Ok(match sink {
                Some(sink) => output.write_ahead(files, sink),
                None => files
                    .into_iter()
                    .map(|(p, b)| (p, Ahead::Kept(b)))
                    .collect(),
            })
        })
        .collect();
    for files in search {
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
    if options.defer_published {
        let inputs = deferred::Inputs::new(config, site, locales, all_pages);
        for job in jobs {
            let path = job.path();
            if let Err(message) = output.insert_deferred(path.clone(), inputs.make_later(job)) {
                diagnostics.push(cannot_write(&path, &message));
            }
        }
    } else {
        let made: Vec<(String, Result<Vec<u8>, String>)> = jobs
            .par_iter()
            .map(|job| (job.path(), publish::make(&builder, &all_pages, job)))
            .collect();
        for (path, bytes) in made {
            match bytes {
                Ok(bytes) => insert(&mut output, path, bytes, sink, &mut diagnostics),
                Err(message) => diagnostics.push(Diagnostic::error(None, message)),
            }
        }
    }
    for (path, bytes) in static_bytes.into_iter().chain(record_bytes) {
        if !output.contains(&path) {
            insert(&mut output, path, bytes, sink, &mut diagnostics);
        }
    }
    phases.mark("publishing files");
    diagnostics.sort();
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(RenderOutput {
            output,
            sources,
            stats,
        })
    }
}

/// Adds a file to the output, or with a `sink`, writes it there at once.
fn insert(
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

/// The template of every kind of page (see [`Page::template_key`]), or the error saying which
/// templates the theme lacks.
fn choose_templates<'a>(
    pages: &'a [Page],
    site: &'a Site,
    templates: &Templates,
) -> HashMap<(&'static str, &'a str), Result<String, Diagnostic>> {
    let mut choices = HashMap::new();
    for page in pages {
        choices.entry(page.template_key(site)).or_insert_with(|| {
            let names = page.templates(site);
            let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
            match templates.pick(&candidates) {
                Some(name) => Ok(name.to_string()),
                None => {
                    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                    Err(Diagnostic::error(
                        Some(&templates.dir),
                        format!(
                            "the theme has no template for this page; add {}",
                            list.join(" or ")
                        ),
                    ))
                }
            }
        });
    }
    choices
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

fn lookups(
    b: &ViewBuilder<'_>,
    site: &Arc<Site>,
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
    for (lang, lang_views) in views {
        let view = &b.site.views[lang];
        for (name, list) in &view.by_collection {
            if b.config.collections[name].has_list(lang) {
                lookups.list_urls.insert(
                    (lang.clone(), name.clone()),
                    b.urls.url(&pages::list_path(b.config, lang, name, 1)),
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

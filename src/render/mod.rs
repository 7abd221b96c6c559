//! The render stage: site + theme + locales → every output file, in memory.
//!
//! The one home of tera. Pages are rendered in parallel; every template problem of the run is
//! reported. This stage never touches the output directory.

mod assets;
pub mod context;
mod functions;
mod memo;
pub mod pages;
mod publish;
mod sources;
mod templates;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Tera, Value};

use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::output::Output;
use crate::output::links::PageSources;

use context::{MissingLabel, RecordViews, Urls, ViewBuilder};
use functions::Lookups;
use pages::{Page, PageEnv};
use templates::Templates;

pub use memo::PageCache;

/// Variables every page may have: what a page's fingerprint hashes.
const CONTEXT_KEYS: &[&str] = &[
    "lang",
    "page_kind",
    "serve_mode",
    "current_url",
    "current_permalink",
    "canonical_url",
    "site",
    "translations",
    "collection",
    "page",
    "records",
    "paginator",
];

/// What one render did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Pages rendered by tera in this run.
    pub rendered: usize,
    /// Pages taken unchanged from the cache.
    pub reused: usize,
}

/// The memoisation inputs of one render.
struct Memo<'a> {
    cache: &'a PageCache,
    environment: u64,
    records: u64,
    reading_records: std::collections::HashSet<String>,
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Rendering for `vestis serve` (templates see `serve_mode = true`).
    pub serve_mode: bool,
}

/// What rendering made.
#[derive(Debug)]
pub struct RenderOutput {
    /// Every output file.
    pub output: Output,
    /// Where each HTML page came from (template, record text), for the link check.
    pub sources: PageSources,
    /// How many pages were rendered and how many reused.
    pub stats: RenderStats,
}

/// One page rendered (or taken from the cache).
struct RenderedPage {
    /// Output path.
    path: String,
    html: String,
    /// Rendered in this run, not reused.
    fresh: bool,
    /// The template's name (`events/record.html`).
    template: String,
}

/// Renders every page and the published data files (feeds, calendars, sitemap, search
/// indexes) and collects every static file into an [`Output`].
pub fn render(
    config: &Config,
    locales: &Arc<Locales>,
    site: &Site,
    options: &RenderOptions,
    cache: Option<&PageCache>,
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
    let mut missing = Vec::new();
    let views: Vec<(String, Vec<Option<RecordViews>>)> = config
        .language_codes()
        .into_iter()
        .map(|l| {
            let v = builder.views(&l, &mut missing);
            (l, v)
        })
        .collect();
    report_missing_labels(&missing, &mut diagnostics);
    phases.mark("record views");
    let static_files = assets::static_files(&config.root, &config.theme_dir(), &mut diagnostics);
    let static_bytes = assets::read_all(&config.root, &static_files, &mut diagnostics);
    let record_bytes =
        assets::read_all(&config.root, &assets::record_files(site), &mut diagnostics);
    phases.mark("static files");
    let lookups = lookups(&builder, &views, &static_bytes);
    let (links_hash, records_hash) = match cache {
        Some(_) => lookups.hashes(),
        None => (0, 0),
    };
    phases.mark("lookups");
    let mut tera = Tera::new();
    functions::register(&mut tera, locales.clone(), Arc::new(lookups));
    let templates = Templates::load(&config.root, &config.theme, tera)?;
    let memo = cache.map(|cache| Memo {
        cache,
        environment: memo::environment_hash(&config.root, &config.theme_dir(), &[links_hash]),
        records: records_hash,
        reading_records: memo::templates_reading_records(&templates.sources),
    });
    let site_values: Vec<(String, Value)> = config
        .language_codes()
        .into_iter()
        .map(|l| {
            let v = pages::site_value(config, site, &urls, &l);
            (l, v)
        })
        .collect();
    let env = PageEnv {
        builder: &builder,
        views: &views,
        site_values: &site_values,
        serve_mode: options.serve_mode,
    };
    let all_pages = pages::all_pages(config, site);
    phases.mark("templates and page list");
    let rendered: Vec<Result<RenderedPage, Diagnostic>> = all_pages
        .par_iter()
        .map(|page| render_page(page, &env, &templates, config, memo.as_ref()))
        .collect();
    phases.mark("pages");
    let mut output = Output::new();
    let mut stats = RenderStats::default();
    let mut sources = sources::static_pages(&config.root, &static_files);
    for (page, result) in all_pages.iter().zip(rendered) {
        match result {
            Ok(done) => {
                if done.fresh {
                    stats.rendered += 1;
                } else {
                    stats.reused += 1;
                }
                let template = templates.dir.join(done.template);
                sources.insert(done.path.clone(), sources::page(&builder, page, template));
                insert(
                    &mut output,
                    done.path,
                    done.html.into_bytes(),
                    &mut diagnostics,
                );
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if let Some(cache) = cache {
        cache.retain(&output.iter().map(|(p, _)| p.to_string()).collect());
    }
    phases.mark("output of pages");
    let published = publish::files(&builder, &all_pages);
    add_published(published, &static_files, &mut output, &mut diagnostics);
    for (path, bytes) in static_bytes.into_iter().chain(record_bytes) {
        if !output.contains(&path) {
            insert(&mut output, path, bytes, &mut diagnostics);
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

/// Adds the feeds, calendars, search indexes, sitemap and robots.txt; a site's own
/// `static/robots.txt` replaces the generated one.
fn add_published(
    published: Result<Vec<(String, Vec<u8>)>, String>,
    static_files: &assets::StaticFiles,
    output: &mut Output,
    diagnostics: &mut Diagnostics,
) {
    match published {
        Ok(files) => files
            .into_iter()
            .filter(|(path, _)| !(path == "robots.txt" && static_files.contains_key(path)))
            .for_each(|(path, bytes)| insert(output, path, bytes, diagnostics)),
        Err(message) => diagnostics.push(Diagnostic::error(None, message)),
    }
}

fn insert(output: &mut Output, path: String, bytes: Vec<u8>, diagnostics: &mut Diagnostics) {
    if let Err(message) = output.insert(path.clone(), bytes) {
        diagnostics.push(Diagnostic::error(
            None,
            format!("cannot write `{path}`: {message}"),
        ));
    }
}

/// Renders one page: `(output path, HTML, template name)`.
fn render_page(
    page: &Page,
    env: &PageEnv<'_>,
    templates: &Templates,
    config: &Config,
    memo: Option<&Memo<'_>>,
) -> Result<RenderedPage, Diagnostic> {
    let names = page.templates(env.builder.site);
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    let Some(name) = templates.pick(&candidates) else {
        let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        return Err(Diagnostic::error(
            Some(&templates.dir),
            format!(
                "the theme has no template for this page; add {}",
                list.join(" or ")
            ),
        ));
    };
    let ctx = page.context(env);
    let path = page.output_file(config, env.builder.site);
    let fingerprint = memo.map(|m| {
        let records = m.reading_records.contains(name).then_some(m.records);
        memo::page_fingerprint(m.environment, name, &ctx, CONTEXT_KEYS, records)
    });
    if let (Some(m), Some(f)) = (memo, fingerprint)
        && let Some(html) = m.cache.get(&path, f)
    {
        return Ok(RenderedPage {
            path,
            html,
            fresh: false,
            template: name.to_string(),
        });
    }
    let html = templates.tera.render(name, &ctx).map_err(|e| {
        let sources = template_source(config, &templates.dir, &e);
        templates::template_error(&e, &templates.dir, &sources)
    })?;
    if let (Some(m), Some(f)) = (memo, fingerprint) {
        m.cache.put(path.clone(), f, html.clone());
    }
    Ok(RenderedPage {
        path,
        html,
        fresh: true,
        template: name.to_string(),
    })
}

/// The text of the template an error points at, for its snippet.
fn template_source(config: &Config, dir: &Path, e: &tera::Error) -> Vec<(String, String)> {
    let name = match e.kind() {
        tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => {
            r.filename().to_string()
        }
        _ => return Vec::new(),
    };
    std::fs::read_to_string(config.root.join(dir).join(&name))
        .map(|t| vec![(name, t.replace("\r\n", "\n"))])
        .unwrap_or_default()
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
    views: &[(String, Vec<Option<RecordViews>>)],
    static_bytes: &[(String, Vec<u8>)],
) -> Lookups {
    let mut lookups = Lookups {
        collections: b.config.collections.keys().cloned().collect(),
        ..Default::default()
    };
    for (lang, lang_views) in views {
        let view = &b.site.views[lang];
        for (i, path) in view.paths.iter().enumerate() {
            if let Some(path) = path {
                let r = &b.site.records[i];
                lookups.record_urls.insert(
                    (lang.clone(), r.collection.clone(), r.id.clone()),
                    b.urls.url(path),
                );
            }
        }
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

//! The render stage: site + theme + locales → every output file, in memory.
//!
//! The one home of tera. Pages are rendered in parallel; every template problem of the run is
//! reported. This stage never touches the output directory.

pub mod api;
mod assets;
mod body_reads;
pub mod budget;
pub mod context;
mod deferred;
mod full_record;
mod functions;
mod image_value;
mod inputs;
mod memo;
mod old_pages;
mod page_pass;
mod page_reads;
mod page_render;
mod page_share;
mod page_vars;
pub mod pages;
mod publish;
mod range;
mod resize_fn;
mod sources;
mod stages;
mod structure;
mod templates;
mod urls;
mod value_hash;
mod video_value;
mod view_reads;
pub mod views;

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::output::Output;
use crate::output::links::PageSources;

use context::{Urls, ViewBuilder};
use pages::{Page, PageEnv};
use structure::{lookup_hashes, record_structure};
use templates::Templates;

pub use memo::RenderCache;
pub use page_pass::RenderStats;

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
    /// The addresses published before (`.vestis/urls.json`), for the pages at old addresses;
    /// `None` when the file cannot be read (the pipeline reports why).
    pub old_urls: Option<Arc<crate::redirects::UrlRecord>>,
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
    /// How many photos were decoded (the others came from the image cache).
    pub images_decoded: usize,
    /// What the image pipeline made of the photos (the share cards need the share crops).
    pub images: Arc<crate::media::Images>,
    /// The theme's pages at old addresses (old output path → HTML; see `old_pages.rs`).
    pub old_pages: std::collections::BTreeMap<String, String>,
}

/// Renders every page and the published data files (feeds, calendars, sitemap, search
/// indexes) and collects every static file into an [`Output`]. With `cache`, derived values
/// whose recorded reads answer the same come from it and what is made goes into it; without,
/// the same stages run with an empty memo (a cold build).
pub fn render(
    config: &Config,
    locales: &Arc<Locales>,
    site: &Arc<Site>,
    options: &RenderOptions,
    cache: Option<&mut RenderCache>,
) -> Result<RenderOutput, Diagnostics> {
    // 1. The explicit inputs besides the records, each read by content. One that cannot be
    // read (the stage that reads it says why) means nothing is reused or kept: two builds
    // that both failed to read it would look alike.
    let inputs = inputs::Inputs::read(config);
    let mut cold = RenderCache::new();
    // A cold build's memo is dropped when it ends: what it keeps is freed as soon as it is
    // no longer needed instead (see after the pages).
    let keeps_memo = cache.is_some() && inputs.complete();
    let memo = match cache {
        Some(memo) if inputs.complete() => memo,
        Some(stale) => {
            *stale = RenderCache::new();
            &mut cold
        }
        None => &mut cold,
    };
    let mut phases = crate::timing::Phases::start();
    let mut diagnostics = Diagnostics::new();
    let urls = Urls::new(config);
    // `vestis serve` makes the photos not in the cache when first asked for (or by a thread
    // of their own) instead of before the pages.
    let defer_images = options.defer_published;
    let requests = assets::image_requests(config, site);
    let mut photos = crate::media::process(config, &requests, defer_images);
    diagnostics.extend(std::mem::take(&mut photos.diagnostics));
    let images = Arc::new(std::mem::take(&mut photos.images));
    // What templates see of the photos is an input of every view and page.
    let inputs = inputs.with_images(images.fingerprint());
    phases.mark(&format!("images ({} decoded)", photos.decoded));
    let builder = ViewBuilder {
        config,
        site,
        locales,
        urls: &urls,
        images: &images,
    };
    // 2. Record views (summaries) per language.
    let views = stages::record_views(
        &builder,
        &inputs,
        &mut memo.views,
        keeps_memo,
        &mut diagnostics,
    );
    phases.mark("record views");
    // 3. Static and record files, by content.
    let static_files = assets::static_files(&config.files, &config.theme_dir(), &mut diagnostics);
    // Pictures in `static/` are published without their metadata too.
    let static_bytes: Vec<(String, Vec<u8>)> =
        assets::read_all(&config.files, &static_files, &mut diagnostics)
            .into_iter()
            .map(|(path, bytes)| (path, crate::media::published_as_is(bytes)))
            .collect();
    let mut published = assets::record_files(site);
    // The photos of `image` fields are published as the pipeline's pictures instead.
    published.retain(|_, source| images.get(source).is_none());
    let record_bytes: Vec<(String, Vec<u8>)> =
        assets::read_all(&config.files, &published, &mut diagnostics)
            .into_iter()
            .map(|(path, bytes)| (path, crate::media::published_as_is(bytes)))
            .chain(photos.files)
            .collect();
    // The static files are an input of every page, by content.
    let inputs = inputs.with_static_files(&static_bytes);
    phases.mark("static files");
    // 4. What the template functions answer (`url_for`, `asset`, `records()`).
    let lookups = stages::lookups(&builder, site, &views, &static_bytes);
    let site_values = stages::site_values(&builder);
    let site_hashes: Vec<u64> = site_values
        .iter()
        .map(|(_, v)| value_hash::value_hash(v))
        .collect();
    let hashes = lookup_hashes(&builder, &lookups, &views, &record_structure(&builder));
    phases.mark("lookups");
    // 5. The theme's templates, with the functions registered.
    let resizes = Arc::new(resize_fn::Resizes::new(Arc::clone(&images), urls.clone()));
    let templates = stages::templates(config, locales, lookups, &options.budget, &resizes);
    let templates = match templates {
        Ok(templates) => templates,
        // The static files' and labels' problems found so far are reported too.
        Err(problems) => {
            diagnostics.extend(problems);
            diagnostics.sort();
            return Err(diagnostics);
        }
    };
    phases.mark("templates");
    // 6. The pages.
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
    let environment = crate::memo::fingerprint(&(inputs.all(), hashes.links));
    let page_inputs = page_pass::PageInputs {
        environment,
        structure: page_pass::structure_hash(&job, environment, hashes.order, options.serve_mode),
        records: hashes.records,
    };
    let done = page_pass::render_pages(&job, &mut memo.pages, &page_inputs);
    phases.mark("pages");
    if options.budget.is_cancelled() {
        // The pages' own errors are those of interrupted renders: only the timeouts count.
        let timeouts = options.budget.timeouts();
        return Err(match timeouts.is_empty() {
            true => Diagnostic::error(None, "the build was cancelled").into(),
            false => timeouts,
        });
    }
    let mut output = done.output;
    diagnostics.extend(done.diagnostics);
    // The other sizes templates asked for (pages rendered now and pages reused).
    let mut jobs = resizes.asked();
    jobs.extend(done.resizes);
    let mut later = std::mem::take(&mut photos.later);
    let mut used = std::mem::take(&mut photos.used);
    let resized = match defer_images {
        true => {
            let (makers, keys) = crate::media::resize_later(config, &jobs, &photos.pending);
            later.extend(makers);
            used.extend(keys);
            crate::media::Resized::default()
        }
        false => crate::media::resize_all(config, &jobs, &photos.kept),
    };
    // The photos decoded before the pages are no longer needed.
    photos.kept = crate::media::Kept::default();
    resized
        .diagnostics
        .iter()
        .for_each(|d| diagnostics.push(d.clone()));
    used.extend(resized.used);
    phases.mark(&format!("resized photos ({} decoded)", resized.decoded));
    // 6b. The pages at old addresses, while the theme's templates are loaded.
    let old_urls = options.old_urls.as_deref();
    let old_pages = old_pages::render(&env, &templates, &output, old_urls, &mut diagnostics);
    // What only the pages needed (the record views, the templates with their lookups) is
    // freed before the pages' sources, the search index and feeds are made.
    let template_dir = templates.dir.clone();
    drop(templates);
    drop(views);
    if !keeps_memo {
        // The cold memo holds the same record views: they are freed only with it.
        *memo = RenderCache::new();
    }
    // 7. Where each page came from, for the link check.
    let sources = match options.link_sources {
        true => {
            let mut sources = sources::static_pages(&config.root, &static_files);
            sources.extend(sources::pages(
                &builder,
                &all_pages,
                &choices,
                &template_dir,
            ));
            sources
        }
        false => PageSources::new(),
    };
    phases.mark("output of pages");
    // 8. Feeds, calendars, sitemap, search indexes; then the static and record files.
    let published = stages::Published {
        builder: &builder,
        site,
        locales,
        images: &images,
        pages: all_pages,
        static_files: &static_files,
        defer: options.defer_published,
        sink: options.sink.as_deref(),
    };
    published.add_to(&mut output, &mut diagnostics);
    for (path, bytes) in static_bytes
        .into_iter()
        .chain(record_bytes)
        .chain(resized.files)
    {
        if !output.contains(&path) {
            stages::insert(
                &mut output,
                path,
                bytes,
                options.sink.as_deref(),
                &mut diagnostics,
            );
        }
    }
    // The pictures the image cache holds are copied from it (their bytes never held).
    for (path, from) in std::mem::take(&mut photos.copies)
        .into_iter()
        .chain(resized.copies)
    {
        if !output.contains(&path)
            && let Err(message) = output.insert_copied(path.clone(), &from, options.sink.as_deref())
        {
            diagnostics.push(page_render::cannot_write(&path, &message));
        }
    }
    let mut warm = Vec::new();
    for (paths, maker) in later {
        for path in paths {
            let m = Arc::clone(&maker);
            let file = path.clone();
            if let Err(message) = output.insert_deferred(path, Box::new(move || m.file(&file))) {
                diagnostics.push(Diagnostic::error(None, message));
            }
        }
        warm.push(Arc::downgrade(&maker));
    }
    phases.mark("publishing files");
    diagnostics.sort();
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        crate::media::prune(config, &used);
        // The pictures not made yet are made one after the other from now on.
        crate::media::warm(warm);
        Ok(RenderOutput {
            output,
            sources,
            stats: done.stats,
            images_decoded: photos.decoded + resized.decoded,
            images,
            old_pages,
        })
    }
}

/// The template of every kind of page (see [`Page::template_key`]), or the error saying which
/// templates the theme lacks.
fn choose_templates<'a>(
    pages: &'a [Page],
    site: &'a Site,
    templates: &Templates,
) -> page_pass::Choices<'a> {
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

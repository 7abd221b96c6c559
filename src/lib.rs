//! vestis: a static site generator for bilingual civic publicity sites.
//!
//! The pipeline is a chain of typed values:
//! `site.yaml` ──[`config`]──▶ `Config` ──[`i18n`]──▶ `Locales` ──[`content`]──▶ `Site`
//! ──[`render`]──▶ `Output` ──[`output::write`]──▶ disk.
//! [`build`] runs the whole chain; [`check`] stops before writing. Every stage reports all the
//! problems it finds.
//!
//! One gate for `build`, `serve` and `check`: every run renders through `render_loaded`, which
//! also checks the internal links and anchors of the rendered pages and adds the warnings of
//! unfinished work (placeholders, an `example.*` base URL, missing alt text). An error there
//! fails the run: `build` writes nothing, `serve` keeps the last good site and shows the errors.

// Stages return `Result<_, Diagnostic(s)>`: the error path carries a whole located message
// (path, position, source line, suggestion) and is rare; boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod content;
pub mod deploy;
pub mod diagnostics;
pub mod i18n;
pub mod markdown;
pub mod media;
pub mod memo;
pub mod output;
pub mod redirects;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod share;
mod snippets;
pub mod source_file;
pub mod sys;
pub mod timing;
pub mod translations;
pub mod yaml;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use config::Config;
use content::{LoadOptions, Site};
use diagnostics::{Diagnostic, Diagnostics};
use i18n::Locales;
use output::Output;
use output::links::PageSources;
use render::RenderOptions;
use snippets::with_snippets;

/// Everything a build or check run needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holds `site.yaml`).
    pub root: PathBuf,
    /// Include drafts and embargoed records.
    pub drafts: bool,
    /// Write here instead of `output_dir` of site.yaml.
    pub output_dir: Option<PathBuf>,
    /// Use this base URL instead of site.yaml's.
    pub base_url: Option<String>,
    /// Rendering for `vestis serve`.
    pub serve_mode: bool,
    /// The moment embargoes are compared with (default: now).
    pub now: Option<jiff::Timestamp>,
    /// Stops pages that render longer than `render_timeout_ms`; cancels the build. Clones of
    /// the options share it, and once it has stopped a build (a timeout, a cancel) every
    /// later build under it stops too: give each build that may be cancelled its own.
    pub budget: render::budget::Budget,
}

impl BuildOptions {
    /// Default options for the site at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            drafts: false,
            output_dir: None,
            base_url: None,
            serve_mode: false,
            now: None,
            budget: render::budget::Budget::new(),
        }
    }
}

/// A site rendered in memory.
#[derive(Debug)]
pub struct Rendered {
    /// The resolved configuration (with `--base-url` applied).
    pub config: Config,
    /// Every output file.
    pub output: Output,
    /// Where each HTML page came from (template, record text): what the link check blames.
    pub sources: PageSources,
    /// HTML pages per language (`("lv", 70)`), plus `("", n)` for language-neutral pages.
    pub pages: Vec<(String, usize)>,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
    /// How much work the build did.
    pub stats: BuildStats,
    /// Every address the site has published, this build's included: what `vestis build`
    /// saves as `.vestis/urls.json` once the output is in place.
    pub urls: redirects::UrlRecord,
}

/// What a build did.
#[derive(Debug)]
pub struct Report {
    /// The rendered site.
    pub rendered: Rendered,
    /// Where it was written.
    pub output_dir: PathBuf,
    /// How long the whole build took.
    pub elapsed: Duration,
}

/// The loaded (not yet rendered) site.
struct Loaded {
    config: Config,
    locales: Arc<Locales>,
    site: Arc<Site>,
    warnings: Diagnostics,
}

/// What earlier builds computed, for fast rebuilds (`vestis serve`): records read and pages
/// rendered, each keyed by a fingerprint of everything it depends on. A build with a cache
/// produces exactly what a build without one does. It has one owner (serve's loop), who lends
/// it to one rebuild at a time as `&mut`; nothing in it is locked.
#[derive(Default)]
pub struct Cache {
    records: content::RecordCache,
    render: render::RenderCache,
    links: output::links::LinkCache,
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }
}

/// How much work a build did (the rest came from the cache).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildStats {
    /// Records read and checked from disk.
    pub records_read: usize,
    /// Pages rendered by the templates.
    pub pages_rendered: usize,
    /// Pages reused unchanged from the cache.
    pub pages_reused: usize,
    /// Share cards drawn (the others came from `.vestis/cache/cards/`).
    pub cards_rendered: usize,
    /// Photos decoded by the image pipeline (the others came from `.vestis/cache/images/`).
    pub images_decoded: usize,
}

/// Runs config → locales → content.
fn load(options: &BuildOptions, cache: Option<&mut Cache>) -> Result<Loaded, Diagnostics> {
    let mut phases = timing::Phases::start();
    let mut config = Config::load(&options.root)?;
    if let Some(base_url) = &options.base_url {
        config = config
            .with_base_url(base_url)
            .map_err(|m| Diagnostics::from(Diagnostic::error(None, format!("--base-url: {m}"))))?;
    }
    let languages = config.language_codes();
    // Problems in .ftl files do not stop the content from being checked in the same run.
    let (locales, mut problems) =
        Locales::load_with_problems(&config.files, &config.theme_dir(), &languages);
    problems.extend(config.base_url_warnings.clone());
    problems.extend(config.warnings.clone());
    let locales = Arc::new(locales);
    phases.mark("config and locales");
    let load = LoadOptions {
        drafts: options.drafts,
        now: options.now.unwrap_or_else(jiff::Timestamp::now),
    };
    let (site, warnings) = match Site::load(&config, &locales, &load, cache.map(|c| &mut c.records))
    {
        Ok((site, warnings)) if !problems.has_errors() => (site, warnings),
        Ok((_, warnings)) => {
            problems.extend(warnings);
            problems.sort();
            return Err(problems);
        }
        Err(content) => {
            problems.extend(content);
            problems.sort();
            return Err(problems);
        }
    };
    let mut warnings = warnings;
    warnings.extend(problems);
    Ok(Loaded {
        config,
        locales,
        site: Arc::new(site),
        warnings,
    })
}

/// Runs config → locales → content → render, keeping the output in memory.
pub fn render_site(options: &BuildOptions) -> Result<Rendered, Diagnostics> {
    render_loaded(load(options, None)?, options, None)
}

/// Like [`render_site`], reusing what `cache` holds from earlier builds and updating it.
/// Every source file is looked at (its metadata) to find what changed.
pub fn render_site_cached(
    options: &BuildOptions,
    cache: &mut Cache,
) -> Result<Rendered, Diagnostics> {
    render_site_changed(options, cache, content::Changes::unknown())
}

/// Like [`render_site_cached`], told which source files changed since the previous build
/// with this cache (as a file watcher saw them): only the records those files belong to are
/// read again. When the changes cannot be followed that way (a file added or removed, a
/// folder, [`content::Changes::unknown`]) every file is looked at, as without the hint.
pub fn render_site_changed(
    options: &BuildOptions,
    cache: &mut Cache,
    changes: content::Changes,
) -> Result<Rendered, Diagnostics> {
    cache.records.changed(changes);
    let loaded = load(options, Some(&mut *cache))?;
    render_loaded(loaded, options, Some(cache))
}

/// Renders a loaded site and checks its internal links (the gate every run passes).
fn render_loaded(
    loaded: Loaded,
    options: &BuildOptions,
    mut cache: Option<&mut Cache>,
) -> Result<Rendered, Diagnostics> {
    let rendered = render_unchecked(loaded, options, cache.as_deref_mut(), None)?;
    broken_links(&rendered, cache).map(|()| rendered)
}

/// The link gate: every broken internal link and anchor of a rendered site, with the
/// warnings, as the errors of the run.
fn broken_links(rendered: &Rendered, cache: Option<&mut Cache>) -> Result<(), Diagnostics> {
    broken_links_with(rendered, None, cache)
}

/// Like [`broken_links`], for pages written already whose links are in `facts`.
fn broken_links_with(
    rendered: &Rendered,
    facts: Option<&output::links::LinkFacts>,
    cache: Option<&mut Cache>,
) -> Result<(), Diagnostics> {
    let mut phases = timing::Phases::start();
    let config = &rendered.config;
    let broken = match facts {
        Some(facts) => output::links::check_streamed(
            &rendered.output,
            facts,
            &rendered.sources,
            &config.base_url,
        ),
        None => output::links::check_cached(
            &rendered.output,
            &rendered.sources,
            &config.base_url,
            cache.map(|c| &mut c.links),
        ),
    };
    phases.mark("link check");
    if broken.is_empty() {
        return Ok(());
    }
    let mut all = with_snippets(broken, &config.root);
    all.extend(rendered.warnings.clone());
    all.sort();
    Err(all)
}

/// Renders a loaded site, with the warnings of unfinished texts; links not checked yet.
/// With a `sink`, every file is written there as it is made (see [`build`]).
fn render_unchecked(
    loaded: Loaded,
    options: &BuildOptions,
    cache: Option<&mut Cache>,
    sink: Option<Arc<output::Staging>>,
) -> Result<Rendered, Diagnostics> {
    let Loaded {
        config,
        locales,
        site,
        mut warnings,
    } = loaded;
    let unfinished = translations::unfinished::find(&config, &site);
    let unfinished = translations::unfinished::warnings(&unfinished);
    warnings.extend(with_snippets(unfinished, &config.root));
    warnings.extend(share::checks::event_warnings(&config, &site));
    let render_options = RenderOptions {
        serve_mode: options.serve_mode,
        defer_published: options.serve_mode,
        link_sources: true,
        budget: options.budget.clone(),
        sink,
    };
    let render_cache = cache.map(|c| &mut c.render);
    let with_warnings = |mut d: Diagnostics| {
        d.extend(warnings.clone());
        d.sort();
        d
    };
    let render::RenderOutput {
        mut output,
        sources,
        stats: render_stats,
        images_decoded,
        images,
        old_pages,
    } = render::render(&config, &locales, &site, &render_options, render_cache)
        .map_err(with_warnings)?;
    let extras = share_and_redirect(&config, &locales, &site, &images, &old_pages, &mut output)
        .map_err(|d| with_warnings(with_snippets(d, &config.root)))?;
    warnings.extend(with_snippets(extras.warnings, &config.root));
    warnings.sort();
    let pages = count_pages(&config, &output);
    let stats = BuildStats {
        records_read: site.records_read,
        pages_rendered: render_stats.rendered,
        pages_reused: render_stats.reused,
        cards_rendered: extras.cards_rendered,
        images_decoded,
    };
    Ok(Rendered {
        config,
        output,
        sources,
        pages,
        warnings,
        stats,
        urls: extras.urls,
    })
}

/// What the share cards and the pages of old addresses added to a rendered output.
struct Extras {
    warnings: Diagnostics,
    /// Every address published, this build's included (saved after a build).
    urls: redirects::UrlRecord,
    cards_rendered: usize,
}

/// Adds the share cards and the pages of old addresses (aliases, `.vestis/urls.json`) to a
/// rendered output.
fn share_and_redirect(
    config: &Config,
    locales: &Locales,
    site: &Site,
    images: &media::Images,
    themed: &std::collections::BTreeMap<String, String>,
    output: &mut Output,
) -> Result<Extras, Diagnostics> {
    let (stats, mut warnings) = share::add_cards(config, locales, site, images, output)?;
    let previous = redirects::UrlRecord::load(&config.root).map_err(Diagnostics::from)?;
    let added = redirects::add(config, locales, site, output, &previous, themed);
    warnings.extend(added.warnings);
    Ok(Extras {
        warnings,
        urls: previous.merged(&redirects::UrlRecord::of_site(config, site)),
        cards_rendered: stats.rendered,
    })
}

/// Renders the site and writes it to the output directory (atomically), streaming: each file
/// goes into a fresh folder beside the output directory as soon as it is made, so the output
/// is never held in memory as a whole; the folder is swapped in when everything, the link
/// check last, passed, and removed otherwise (the previous output stays as it was). The
/// returned output holds the paths of the files, not their bytes (see [`build_in_memory`]).
///
/// The previous output, which the last build left beside the output directory, is removed in
/// a background thread while this build reads and renders (disk work overlapping CPU work).
pub fn build(options: &BuildOptions) -> Result<Report, Diagnostics> {
    let start = Instant::now();
    let loaded = load(options, None)?;
    let output_dir = output_dir_of(options, &loaded.config);
    let staging = match output::Staging::open(&output_dir, &loaded.config.root) {
        Ok(staging) => Arc::new(staging),
        // The output directory is refused: the site's own problems are reported too.
        Err(refusal) => {
            let mut all = Diagnostics::from(refusal);
            if let Err(more) = render_loaded(loaded, options, None) {
                all.extend(more);
            }
            all.sort();
            return Err(all);
        }
    };
    let rendered = render_unchecked(loaded, options, None, Some(Arc::clone(&staging)))?;
    // The link check runs while the last files (search index, feeds, static files) are
    // written; the new output is swapped in only when it passes.
    std::thread::scope(|scope| {
        let facts = staging.link_facts();
        let links = scope.spawn(|| broken_links_with(&rendered, Some(facts), None));
        let gate = || link_verdict(links.join());
        staging.finish(&rendered.output, gate).map_err(gate_failure)
    })?;
    let mut rendered = rendered;
    save_urls(&mut rendered, options);
    Ok(Report {
        rendered,
        output_dir,
        elapsed: start.elapsed(),
    })
}

/// Like [`build`], keeping every file's bytes in the returned output (what `vestis deploy`
/// uploads): the whole site is rendered in memory, then written.
pub fn build_in_memory(options: &BuildOptions) -> Result<Report, Diagnostics> {
    let start = Instant::now();
    let loaded = load(options, None)?;
    let output_dir = output_dir_of(options, &loaded.config);
    let cleanup = {
        let dir = output_dir.clone();
        std::thread::spawn(move || output::remove_previous(&dir))
    };
    let rendered = render_unchecked(loaded, options, None, None);
    let _ = cleanup.join();
    let rendered = rendered?;
    // The link check runs while the output is written into its temporary folder (CPU work
    // beside disk work); the new output is swapped in only when it passes.
    std::thread::scope(|scope| {
        let links = scope.spawn(|| broken_links(&rendered, None));
        let gate = || link_verdict(links.join());
        output::write_gated(&rendered.output, &output_dir, &rendered.config.root, gate)
            .map_err(gate_failure)
    })?;
    let mut rendered = rendered;
    save_urls(&mut rendered, options);
    Ok(Report {
        rendered,
        output_dir,
        elapsed: start.elapsed(),
    })
}

/// The verdict of the link check that ran on its own thread: a thread that panicked is a
/// failed check (nothing is swapped in).
fn link_verdict(joined: std::thread::Result<Result<(), Diagnostics>>) -> Result<(), Diagnostics> {
    joined.unwrap_or_else(|_| {
        Err(Diagnostics::from(Diagnostic::error(
            None,
            "the link check stopped unexpectedly; nothing was written",
        )))
    })
}

/// Why a gated write did not swap the new output in, as the build's diagnostics.
fn gate_failure(e: output::Gated<Diagnostics>) -> Diagnostics {
    match e {
        output::Gated::Write(d) => Diagnostics::from(d),
        output::Gated::Refused(all) => all,
    }
}

/// Saves `.vestis/urls.json` after a build's output is in place: the addresses are recorded
/// only once they are really published, and never from a build that shows drafts (their
/// addresses would later look removed). A failure is a warning; the next build tries again.
fn save_urls(rendered: &mut Rendered, options: &BuildOptions) {
    let saved = if options.drafts || options.serve_mode {
        Ok(())
    } else {
        rendered.urls.save(&rendered.config.root)
    };
    if let Err(e) = saved {
        let at = std::path::Path::new(redirects::URLS_FILE);
        rendered.warnings.push(
            Diagnostic::warning(
                Some(at),
                format!("the list of published addresses could not be updated: {e}"),
            )
            .with_suggestion(
                "check that the site folder can be written to; the next build tries again",
            ),
        );
    }
}

/// The absolute output directory of a build.
fn output_dir_of(options: &BuildOptions, config: &Config) -> PathBuf {
    match &options.output_dir {
        Some(dir) if dir.is_absolute() => dir.clone(),
        Some(dir) => std::env::current_dir()
            .map(|c| c.join(dir))
            .unwrap_or_else(|_| dir.clone()),
        None => config.output_dir.clone(),
    }
}

/// What `check` found besides errors.
#[derive(Debug)]
pub struct Checked {
    /// The site as it would be built.
    pub rendered: Rendered,
    /// What each language lacks.
    pub report: translations::TranslationReport,
}

/// Everything `build` checks (the internal links and anchors included), without writing
/// anything, plus the translation report.
pub fn check(options: &BuildOptions) -> Result<Checked, Diagnostics> {
    check_run(options).result
}

/// What [`check_run`] found: the translation report whenever the content loaded (errors in
/// rendering or links do not hide it), and the check's result.
#[derive(Debug)]
pub struct CheckRun {
    /// The translation report; `None` when the content has errors that stop it loading.
    pub report: Option<translations::TranslationReport>,
    /// The checked site, or every problem found.
    pub result: Result<Checked, Diagnostics>,
}

/// Like [`check`], keeping the translation report when the check fails after loading.
pub fn check_run(options: &BuildOptions) -> CheckRun {
    let loaded = match load(options, None) {
        Ok(loaded) => loaded,
        Err(d) => {
            return CheckRun {
                report: None,
                result: Err(d),
            };
        }
    };
    let report =
        translations::TranslationReport::build(&loaded.config, &loaded.locales, &loaded.site);
    let result = render_loaded(loaded, options, None).map(|rendered| Checked {
        rendered,
        report: report.clone(),
    });
    CheckRun {
        report: Some(report),
        result,
    }
}

/// Stamps translations with the hash of their original (see [`translations::stamp`]).
pub fn stamp_translations(
    options: &BuildOptions,
    files: &[PathBuf],
) -> Result<Vec<PathBuf>, Diagnostics> {
    let loaded = load(options, None)?;
    translations::stamp(&loaded.config, &loaded.site, files)
}

/// HTML pages per language: files under `<lang>/` ending in `.html`.
fn count_pages(config: &Config, output: &Output) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = config
        .language_codes()
        .into_iter()
        .map(|l| (l, 0))
        .collect();
    let mut neutral = 0;
    for path in output.paths().filter(|p| p.ends_with(".html")) {
        let first = path.split('/').next().unwrap_or("");
        match counts
            .iter_mut()
            .find(|(l, _)| l == first && path.contains('/'))
        {
            Some((_, n)) => *n += 1,
            None => neutral += 1,
        }
    }
    counts.push((String::new(), neutral));
    counts
}

//! The gate every run passes: config → locales → content ([`load`]), then render, share
//! cards and old addresses, then the internal link check ([`render_loaded`]). `build`,
//! `check` and `serve` all come through here (see `build_run.rs`, `check_run.rs`).

use std::sync::Arc;

use crate::config::Config;
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::output::{self, Output};
use crate::render::{self, RenderOptions};
use crate::snippets::with_snippets;
use crate::{
    BuildOptions, BuildStats, Cache, Rendered, media, redirects, share, timing, translations,
};

/// The loaded (not yet rendered) site.
pub(crate) struct Loaded {
    pub(crate) config: Config,
    pub(crate) locales: Arc<Locales>,
    pub(crate) site: Arc<Site>,
    pub(crate) warnings: Diagnostics,
}

/// Runs config → locales → content.
pub(crate) fn load(
    options: &BuildOptions,
    cache: Option<&mut Cache>,
) -> Result<Loaded, Diagnostics> {
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
pub(crate) fn render_loaded(
    loaded: Loaded,
    options: &BuildOptions,
    mut cache: Option<&mut Cache>,
) -> Result<Rendered, Diagnostics> {
    let rendered = render_unchecked(loaded, options, cache.as_deref_mut(), None)?;
    broken_links(&rendered, cache).map(|()| rendered)
}

/// The link gate: every broken internal link and anchor of a rendered site, with the
/// warnings, as the errors of the run.
pub(crate) fn broken_links(
    rendered: &Rendered,
    cache: Option<&mut Cache>,
) -> Result<(), Diagnostics> {
    broken_links_with(rendered, None, cache)
}

/// Like [`broken_links`], for pages written already whose links are in `facts`.
pub(crate) fn broken_links_with(
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
/// With a `sink`, every file is written there as it is made (see [`crate::build`]).
pub(crate) fn render_unchecked(
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
    // Read once for the build (the theme's pages at old addresses, then the built-in ones);
    // a damaged file is reported after rendering, with the render's own problems first.
    let mut kept = redirects::KeptUrls::default();
    let mut cache = cache;
    let kept_urls = cache.as_deref_mut().map_or(&mut kept, |c| &mut c.urls);
    let previous = redirects::UrlRecord::load_reusing(&config.root, kept_urls);
    let render_options = RenderOptions {
        serve_mode: options.serve_mode,
        defer_published: options.serve_mode,
        link_sources: true,
        budget: options.budget.clone(),
        sink,
        old_urls: previous.as_ref().ok().cloned(),
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
    let previous = previous.map_err(|d| with_warnings(with_snippets(d.into(), &config.root)))?;
    let old = OldAddresses {
        previous: &previous,
        themed: &old_pages,
        keep_list: !options.serve_mode,
    };
    let extras = share_and_redirect(&config, &locales, &site, &images, &old, &mut output)
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
        next_embargo: site.next_embargo,
    })
}

/// What the share cards and the pages of old addresses added to a rendered output.
struct Extras {
    warnings: Diagnostics,
    /// Every address published, this build's included (saved after a build).
    urls: redirects::UrlRecord,
    cards_rendered: usize,
}

/// What the pages at old addresses are made from.
struct OldAddresses<'a> {
    /// `.vestis/urls.json` as read for this build.
    previous: &'a redirects::UrlRecord,
    /// The pages the theme rendered for them (old address → HTML).
    themed: &'a std::collections::BTreeMap<String, String>,
    /// Whether to make the list to save after the build (not under `serve`).
    keep_list: bool,
}

/// Adds the share cards and the pages of old addresses (aliases, `.vestis/urls.json`) to a
/// rendered output.
fn share_and_redirect(
    config: &Config,
    locales: &Locales,
    site: &Site,
    images: &media::Images,
    old: &OldAddresses<'_>,
    output: &mut Output,
) -> Result<Extras, Diagnostics> {
    let mut phases = timing::Phases::start();
    let (stats, mut warnings) = share::add_cards(config, locales, site, images, output)?;
    phases.mark("share cards");
    let added = redirects::add(config, locales, site, output, old.previous, old.themed);
    warnings.extend(added.warnings);
    let urls = match old.keep_list {
        true => old
            .previous
            .merged(&redirects::UrlRecord::of_site(config, site)),
        false => redirects::UrlRecord::default(),
    };
    phases.mark("old addresses");
    Ok(Extras {
        warnings,
        urls,
        cards_rendered: stats.rendered,
    })
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

//! Rendering every page of the site: from scratch (`build`, `check`), or memoised (`serve`),
//! where an unchanged page is taken from the previous build. The memoised pass has a fast path
//! (see [`super::page_reuse`]) when the site's structure did not change.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::output::links::PageSources;

use super::memo::RenderCache;
use super::page_render::{Memo, cannot_write, render_page};
use super::page_reuse::{Entry, Previous};
use super::pages::{Page, PageEnv};
use super::sources;
use super::templates::Templates;

/// What rendering the pages needs.
pub(super) struct PagesJob<'a> {
    /// Every page, in a stable order.
    pub pages: &'a [Page],
    /// The template of every kind of page (or why there is none).
    pub choices: &'a HashMap<(&'static str, &'a str), Result<String, Diagnostic>>,
    /// The pages' variables.
    pub env: &'a PageEnv<'a>,
    /// The theme.
    pub templates: &'a Templates,
    /// The configuration.
    pub config: &'a Config,
    /// Where each page is written as soon as it is rendered (`vestis build`).
    pub sink: Option<&'a crate::output::Staging>,
}

/// What one render did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Pages rendered by tera in this run.
    pub rendered: usize,
    /// Pages taken unchanged from the cache.
    pub reused: usize,
}

/// The rendered pages.
pub(super) struct PagesDone {
    /// The pages (and nothing else yet).
    pub output: Output,
    /// How many were rendered and reused.
    pub stats: RenderStats,
    /// Template errors.
    pub diagnostics: Diagnostics,
}

impl PagesJob<'_> {
    /// The template of `page`.
    fn template<'s>(&'s self, page: &'s Page) -> Result<&'s str, Diagnostic> {
        match self.choices.get(&page.template_key(self.env.builder.site)) {
            Some(Ok(name)) => Ok(name),
            Some(Err(d)) => Err(d.clone()),
            None => Err(Diagnostic::error(None, "no template chosen for a page")),
        }
    }
}

/// Which template and text made each page, for the link check: a pass of its own (cheap: no
/// rendering), so that a memoised rebuild has every page's source too.
pub(super) fn sources(job: &PagesJob<'_>) -> PageSources {
    job.pages
        .par_iter()
        .filter_map(|page| {
            let name = job.template(page).ok()?;
            let template = job.templates.dir.join(name);
            let path = page.output_file(job.config, job.env.builder.site);
            Some((path, sources::page(job.env.builder, page, template)))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// Renders every page with tera.
pub(super) fn render_fresh(job: &PagesJob<'_>) -> PagesDone {
    if let Some(sink) = job.sink {
        return render_streamed(job, sink);
    }
    let rendered: Vec<Result<super::page_render::RenderedPage, Diagnostic>> = job
        .pages
        .par_iter()
        .map(|page| {
            let name = job.template(page)?;
            render_page(page, name, job.env, job.templates, job.config, None)
        })
        .collect();
    let mut done = PagesDone {
        output: Output::new(),
        stats: RenderStats::default(),
        diagnostics: Diagnostics::new(),
    };
    let mut files = Vec::with_capacity(rendered.len());
    for result in rendered {
        match result {
            Ok(page_done) => {
                done.stats.rendered += 1;
                files.push((page_done.path, page_done.html));
            }
            Err(d) => done.diagnostics.push(d),
        }
    }
    for (path, message) in done.output.insert_all_shared(files) {
        done.diagnostics.push(cannot_write(&path, &message));
    }
    done
}

/// Renders every page with tera, writing each into `sink` as soon as it is made: the output
/// keeps the pages' paths (checked before anything is written), not their bytes.
fn render_streamed(job: &PagesJob<'_>, sink: &crate::output::Staging) -> PagesDone {
    let site = job.env.builder.site;
    let paths: Vec<String> = job
        .pages
        .par_iter()
        .map(|page| page.output_file(job.config, site))
        .collect();
    let mut done = PagesDone {
        output: Output::new(),
        stats: RenderStats::default(),
        diagnostics: Diagnostics::new(),
    };
    let refused = done.output.insert_all_written(paths.clone());
    let skip: std::collections::HashSet<&str> = refused.iter().map(|(p, _)| p.as_str()).collect();
    let results: Vec<Result<(), Diagnostic>> = job
        .pages
        .par_iter()
        .zip(&paths)
        .map(|(page, path)| {
            let name = job.template(page)?;
            let page_done = render_page(page, name, job.env, job.templates, job.config, None)?;
            if skip.contains(path.as_str()) {
                return Ok(());
            }
            sink.put(path, &page_done.html)
                .map_err(|message| cannot_write(path, &message))
        })
        .collect();
    for result in results {
        match result {
            Ok(()) => done.stats.rendered += 1,
            Err(d) => done.diagnostics.push(d),
        }
    }
    for (path, message) in refused {
        done.diagnostics.push(cannot_write(&path, &message));
    }
    done
}

/// The hash of everything that decides the list of pages and every page's variables except
/// the record views it shows: theme, messages, configuration and URLs (`memo.environment`),
/// the order of records and the texts they show (`order`), the `site` variables, the
/// templates chosen.
pub(super) fn structure_hash(job: &PagesJob<'_>, memo: &Memo, order: u64, serve: bool) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (memo.environment, order, job.env.site_hashes, serve).hash(&mut h);
    job.pages.len().hash(&mut h);
    let mut choices: Vec<_> = job
        .choices
        .iter()
        .map(|(key, name)| (key, name.as_ref().ok()))
        .collect();
    choices.sort();
    choices.hash(&mut h);
    h.finish()
}

/// Whether what `page` read when it was last made (`log`) reads the same now; the site's
/// structure is the previous build's, so record indexes name the same records.
fn still_valid(job: &PagesJob<'_>, page: &Page, log: &[super::page_reads::Read]) -> bool {
    let site = job.env.builder.site;
    let lang = page.lang(job.config);
    super::page_reads::still_valid(log, site, lang, job.env.views_in(lang))
}

/// What became of one page in a memoised pass.
enum Outcome {
    /// Exactly as in the previous build (fast path).
    Same,
    /// Looked up by fingerprint or rendered; `fresh` when tera rendered it.
    Made { entry: Entry, fresh: bool },
}

/// Renders the pages whose inputs changed, reusing the others from `cache`.
pub(super) fn render_memoised(
    job: &PagesJob<'_>,
    cache: &mut RenderCache,
    memo: &Memo,
    structure: u64,
) -> PagesDone {
    let previous = cache.previous.take_if(structure, job.pages.len());
    let by_path = &cache.pages.pages;
    let outcomes: Vec<Result<Outcome, Diagnostic>> = job
        .pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| {
            let name = job.template(page)?;
            if let Some(previous) = previous.as_ref()
                && let old = &previous.pages[index]
                && old.records.is_none_or(|r| r == memo.records)
                && still_valid(job, page, &old.log)
            {
                return Ok(Outcome::Same);
            }
            let memo = Some((memo, by_path));
            let done = render_page(page, name, job.env, job.templates, job.config, memo)?;
            let entry = Entry {
                path: done.path,
                log: done.log,
                records: done.records,
                fingerprint: done.fingerprint.unwrap_or_default(),
                html: done.html,
            };
            Ok(Outcome::Made {
                entry,
                fresh: done.fresh,
            })
        })
        .collect();
    let mut done = PagesDone {
        output: Output::new(),
        stats: RenderStats::default(),
        diagnostics: Diagnostics::new(),
    };
    let mut made: Vec<(usize, Entry)> = Vec::new();
    for (index, outcome) in outcomes.into_iter().enumerate() {
        match outcome {
            Ok(Outcome::Same) => done.stats.reused += 1,
            Ok(Outcome::Made { entry, fresh }) => {
                if fresh {
                    done.stats.rendered += 1;
                } else {
                    done.stats.reused += 1;
                }
                made.push((index, entry));
            }
            Err(d) => done.diagnostics.push(d),
        }
    }
    let complete = done.diagnostics.is_empty();
    match previous {
        Some(mut previous) => {
            cache.pages.update(made.iter().map(|(_, e)| e));
            for (index, entry) in made {
                if let Err(message) = previous
                    .output
                    .replace_shared(&entry.path, entry.html.clone())
                {
                    done.diagnostics.push(cannot_write(&entry.path, &message));
                }
                previous.pages[index] = entry;
            }
            done.output = previous.output.clone();
            if complete {
                cache.previous.keep(previous);
            }
        }
        None => {
            cache.pages.replace(made.iter().map(|(_, e)| e));
            let files = made
                .iter()
                .map(|(_, e)| (e.path.clone(), Arc::clone(&e.html)))
                .collect();
            for (path, message) in done.output.insert_all_shared(files) {
                done.diagnostics.push(cannot_write(&path, &message));
            }
            if complete && done.diagnostics.is_empty() {
                cache.previous.keep(Previous {
                    structure,
                    pages: made.into_iter().map(|(_, e)| e).collect(),
                    output: done.output.clone(),
                });
            }
        }
    }
    done
}

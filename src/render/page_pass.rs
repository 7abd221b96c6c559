//! Rendering every page of the site as derived values of the memo (`crate::memo`): a page is
//! taken from the memo while every read it recorded (see `render::page_reads`) answers the
//! same; otherwise its variables are made, and when they are the ones it was rendered with
//! (early cutoff) its HTML is still reused; only then does tera render it. A cold build
//! (`build`, `check`) is the same pass with an empty memo.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::memo::{Current, Entry, Memo};
use crate::output::Output;

use super::page_reads::{PageAnswers, PageRead, PageReads};
use super::page_render::{cannot_write, render_page};
use super::pages::{Page, PageEnv};
use super::templates::Templates;

/// The template chosen for each kind of page (see [`Page::template_key`]), or why none is.
pub(super) type Choices<'a> = HashMap<(&'static str, &'a str), Result<String, Diagnostic>>;

/// A page as the memo keeps it.
#[derive(Clone)]
pub struct PageValue {
    html: Arc<Vec<u8>>,
    /// The key of its variables and template (see `PageReads::key`).
    key: u64,
    /// The pictures it asked `resize` for: published again when the page is reused.
    resizes: Arc<[crate::media::ResizeJob]>,
}

/// Rendered pages by output path.
pub type PageMemo = Memo<String, PageRead, PageValue>;

/// What rendering the pages needs.
pub(super) struct PagesJob<'a> {
    /// Every page, in a stable order.
    pub pages: &'a [Page],
    /// The template of every kind of page (or why there is none).
    pub choices: &'a Choices<'a>,
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
    /// The pictures of reused pages asked `resize` for when they were rendered.
    pub resizes: Vec<crate::media::ResizeJob>,
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

/// What the pages' reads answer in this build besides the views.
pub(super) struct PageInputs {
    /// Hash of theme, messages, configuration and every URL `url_for`/`asset` answer.
    pub environment: u64,
    /// Fingerprint of the structure ([`structure_hash`]).
    pub structure: u64,
    /// Hash of what `records()` answers.
    pub records: u64,
}

/// Renders every page, writing each into `sink` as soon as it is made (`vestis build`): the
/// output keeps the pages' paths (checked before anything is written), not their bytes, and
/// nothing is stored in the memo (a build's memo is dropped when it ends). The pages come
/// from the same [`page_outcome`] as in [`render_pages`].
fn render_streamed(
    job: &PagesJob<'_>,
    memo: &PageMemo,
    inputs: &PageInputs,
    sink: &crate::output::Staging,
) -> PagesDone {
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
        resizes: Vec::new(),
    };
    let refused = done.output.insert_all_written(paths.clone());
    let skip: HashSet<&str> = refused.iter().map(|(p, _)| p.as_str()).collect();
    let results: Vec<Result<(), Diagnostic>> = job
        .pages
        .par_iter()
        .zip(&paths)
        .map(|(page, path)| {
            let value = match page_outcome(job, memo, inputs, page, path)? {
                Outcome::Reused(value) => value,
                Outcome::Made { entry, .. } => entry.value,
            };
            let html = value.html;
            if skip.contains(path.as_str()) {
                return Ok(());
            }
            sink.put(path, &html)
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
/// the record views it shows: theme, messages, configuration and URLs (`environment`), the
/// order of records and the texts they show (`order`), the `site` variables, the templates
/// chosen.
pub(super) fn structure_hash(job: &PagesJob<'_>, environment: u64, order: u64, serve: bool) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (environment, order, job.env.site_hashes, serve).hash(&mut h);
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

/// What became of one page.
enum Outcome {
    /// Taken from the memo: its reads answer the same.
    Reused(PageValue),
    /// Made in this run; `rendered` when tera rendered it (not when its variables were the
    /// ones its HTML was made from).
    Made {
        entry: Entry<PageRead, PageValue>,
        rendered: bool,
    },
}

/// Renders the pages whose reads changed, reusing the others from `memo`, and stores what
/// was made; pages no longer in the site are forgotten.
pub(super) fn render_pages(
    job: &PagesJob<'_>,
    memo: &mut PageMemo,
    inputs: &PageInputs,
) -> PagesDone {
    if let Some(sink) = job.sink {
        return render_streamed(job, memo, inputs, sink);
    }
    let stored: &PageMemo = memo;
    let outcomes: Vec<(String, Result<Outcome, Diagnostic>)> = job
        .pages
        .par_iter()
        .map(|page| {
            let path = page.output_file(job.config, job.env.builder.site);
            let outcome = page_outcome(job, stored, inputs, page, &path);
            (path, outcome)
        })
        .collect();
    let mut done = PagesDone {
        output: Output::new(),
        stats: RenderStats::default(),
        diagnostics: Diagnostics::new(),
        resizes: Vec::new(),
    };
    let present: HashSet<&str> = outcomes.iter().map(|(p, _)| p.as_str()).collect();
    memo.retain(|path| present.contains(path.as_str()));
    let mut files = Vec::with_capacity(outcomes.len());
    for (path, outcome) in outcomes {
        match outcome {
            Ok(Outcome::Reused(value)) => {
                done.stats.reused += 1;
                done.resizes.extend(value.resizes.iter().cloned());
                files.push((path, value.html));
            }
            Ok(Outcome::Made { entry, rendered }) => {
                match rendered {
                    true => done.stats.rendered += 1,
                    false => {
                        done.stats.reused += 1;
                        done.resizes.extend(entry.value.resizes.iter().cloned());
                    }
                }
                files.push((path.clone(), Arc::clone(&entry.value.html)));
                memo.store(path, entry);
            }
            Err(d) => done.diagnostics.push(d),
        }
    }
    for (path, message) in done.output.insert_all_shared(files) {
        done.diagnostics.push(cannot_write(&path, &message));
    }
    done
}

/// One page: from the memo, or made now.
fn page_outcome(
    job: &PagesJob<'_>,
    memo: &PageMemo,
    inputs: &PageInputs,
    page: &Page,
    path: &str,
) -> Result<Outcome, Diagnostic> {
    let name = job.template(page)?;
    let answers = PageAnswers {
        structure: inputs.structure,
        records: inputs.records,
        site: job.env.builder.site,
        lang: page.lang(),
        views: job.env.views_in(page.lang()),
    };
    let key_of =
        |reads: &PageReads| crate::memo::fingerprint(&(inputs.environment, name, reads.key()));
    let old = memo.peek(path);
    if let Some(entry) = old.filter(|e| e.holds(&answers)) {
        return Ok(Outcome::Reused(entry.value.clone()));
    }
    let mut reads = PageReads::new();
    let ctx = page.context(job.env, &mut reads);
    let key = key_of(&reads);
    let mut reads = reads.into_reads(inputs.structure);
    // Early cutoff: the same variables and template give the same page, unless it called
    // `records()` and that answers differently now.
    if let Some(old) = old.filter(|e| e.value.key == key)
        && old
            .reads
            .iter()
            .all(|(read, was)| *read != PageRead::Records || answers.answer(read) == *was)
    {
        if old.reads.iter().any(|(read, _)| *read == PageRead::Records) {
            reads.note(PageRead::Records, Some(inputs.records));
        }
        let value = old.value.clone();
        return Ok(Outcome::Made {
            entry: Entry {
                fingerprint: key,
                value,
                reads,
            },
            rendered: false,
        });
    }
    let rendered = render_page(path, name, &ctx, job.templates, job.config)?;
    // Noted while it rendered: a page that did not call `records()` does not depend on the
    // records it did not ask for.
    if rendered.read_records {
        reads.note(PageRead::Records, Some(inputs.records));
    }
    Ok(Outcome::Made {
        entry: Entry {
            fingerprint: key,
            value: PageValue {
                html: rendered.html,
                key,
                resizes: rendered.resizes.into(),
            },
            reads,
        },
        rendered: true,
    })
}

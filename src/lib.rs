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

mod build_run;
mod check_run;
pub mod compact_text;
pub mod config;
pub mod content;
pub mod deploy;
pub mod diagnostics;
mod fast_hash;
pub mod i18n;
pub mod markdown;
pub mod media;
pub mod memo;
pub mod output;
mod pipeline;
pub mod plain_text;
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
use std::time::Duration;

use config::Config;
use diagnostics::Diagnostics;
use output::Output;
use output::links::PageSources;

pub use build_run::{build, build_in_memory};
pub use check_run::{CheckRun, Checked, check, check_run, stamp_translations};
pub use pipeline::{render_site, render_site_cached, render_site_changed};

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
    /// saves as `.vestis/urls.json` once the output is in place (empty under `serve`, which
    /// never saves it).
    pub urls: redirects::UrlRecord,
    /// The earliest embargo still ahead of this build's clock: `serve` rebuilds then.
    pub next_embargo: Option<jiff::Timestamp>,
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

/// What earlier builds computed, for fast rebuilds (`vestis serve`): records read and pages
/// rendered, each keyed by a fingerprint of everything it depends on. A build with a cache
/// produces exactly what a build without one does. It has one owner (serve's loop), who lends
/// it to one rebuild at a time as `&mut`; nothing in it is locked.
#[derive(Default)]
pub struct Cache {
    records: content::RecordCache,
    render: render::RenderCache,
    links: output::links::LinkCache,
    /// `.vestis/urls.json` as last parsed.
    urls: redirects::KeptUrls,
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

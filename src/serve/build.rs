//! The one place `serve` builds the site: the same pipeline as `vestis build`, with a
//! [`Cache`] kept between rebuilds so that an edit re-reads only the records whose files
//! changed (told by the watcher which files those are) and re-renders only the pages whose
//! inputs changed. Each rebuild runs on its own thread under its own render budget, so that
//! the loop deciding what to build next is never stuck in one.

use std::sync::Arc;

use crate::content::Changes;
use crate::diagnostics::Diagnostics;
use crate::render::budget::Budget;
use crate::{BuildOptions, Cache, Rendered};

/// A rebuild, ready to run on another thread.
pub(crate) type Job = Box<dyn FnOnce() -> Result<Rendered, Diagnostics> + Send>;

/// Rebuilds the site with fixed options (serve mode, local base URL).
pub(crate) struct Builder {
    options: BuildOptions,
    cache: Arc<Cache>,
}

impl Builder {
    /// A builder for these options, with an empty cache.
    pub(crate) fn new(options: BuildOptions) -> Self {
        Builder {
            options,
            cache: Arc::new(Cache::new()),
        }
    }

    /// A rebuild that renders the site in memory, reusing the cache: `changes` are the
    /// source files changed since the previous rebuild ([`Changes::unknown`] when not known).
    /// The budget stops it (its pages run too long, or [`Budget::cancel`]).
    pub(crate) fn job(&self, changes: Changes) -> (Budget, Job) {
        let budget = Budget::new();
        let options = BuildOptions {
            budget: budget.clone(),
            ..self.options.clone()
        };
        let cache = Arc::clone(&self.cache);
        let job = move || crate::render_site_changed(&options, &cache, changes);
        (budget, Box::new(job))
    }

    /// Starts over with an empty cache: a rebuild that was given up may still hold (and be
    /// changing) the old one.
    pub(crate) fn forget_cache(&mut self) {
        self.cache = Arc::new(Cache::new());
    }
}

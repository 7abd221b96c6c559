//! The one place `serve` builds the site: the same pipeline as `vestis build`, with a
//! [`Cache`] kept between rebuilds so that an edit re-reads only the records whose files
//! changed (told by the watcher which files those are) and re-renders only the pages whose
//! inputs changed. Each rebuild runs on its own thread under its own render budget, so that
//! the loop deciding what to build next is never stuck in one.
//!
//! The cache has one owner at a time, and no locks: the builder lends it to a rebuild by
//! moving it into the job, and the job hands it back with its outcome ([`Done`]). A rebuild
//! that is given up never hands it back, so the next one starts with an empty cache.

use crate::content::Changes;
use crate::diagnostics::Diagnostics;
use crate::render::budget::Budget;
use crate::{BuildOptions, Cache, Rendered};

/// What a rebuild gives back: its outcome, and the cache it was lent (updated).
pub(crate) struct Done {
    pub(crate) outcome: Result<Rendered, Diagnostics>,
    pub(crate) cache: Box<Cache>,
}

/// A rebuild, ready to run on another thread. It always ends with `Ok` (the build's own
/// errors are in [`Done::outcome`]); an `Err` can only come from the thread around it.
pub(crate) type Job = Box<dyn FnOnce() -> Result<Done, Diagnostics> + Send>;

/// Rebuilds the site with fixed options (serve mode, local base URL).
pub(crate) struct Builder {
    options: BuildOptions,
    /// `None` while a rebuild holds it, or after one was given up.
    cache: Option<Box<Cache>>,
}

impl Builder {
    /// A builder for these options, with an empty cache.
    pub(crate) fn new(options: BuildOptions) -> Self {
        Builder {
            options,
            cache: Some(Box::new(Cache::new())),
        }
    }

    /// A rebuild that renders the site in memory, lent the cache (an empty one when the last
    /// rebuild was given up and never gave its back): `changes` are the source files changed
    /// since the previous rebuild ([`Changes::unknown`] when not known). The budget stops it
    /// (its pages run too long, or [`Budget::cancel`]).
    pub(crate) fn job(&mut self, changes: Changes) -> (Budget, Job) {
        let budget = Budget::new();
        let options = BuildOptions {
            budget: budget.clone(),
            ..self.options.clone()
        };
        let mut cache = self.cache.take().unwrap_or_else(|| Box::new(Cache::new()));
        let job = move || {
            let outcome = crate::render_site_changed(&options, &mut cache, changes);
            Ok(Done { outcome, cache })
        };
        (budget, Box::new(job))
    }

    /// Takes back the cache a finished rebuild was lent.
    pub(crate) fn restore(&mut self, cache: Box<Cache>) {
        self.cache = Some(cache);
    }
}

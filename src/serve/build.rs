//! The one place `serve` builds the site: the same pipeline as `vestis build`, with a
//! [`Cache`] kept between rebuilds so that an edit re-reads only the records whose files
//! changed (told by the watcher which files those are) and re-renders only the pages whose
//! inputs changed.

use crate::content::Changes;
use crate::diagnostics::Diagnostics;
use crate::{BuildOptions, Cache, Rendered};

/// Rebuilds the site with fixed options (serve mode, local base URL).
pub(crate) struct Builder {
    options: BuildOptions,
    cache: Cache,
}

impl Builder {
    /// A builder for these options, with an empty cache.
    pub(crate) fn new(options: BuildOptions) -> Self {
        Builder {
            options,
            cache: Cache::new(),
        }
    }

    /// Renders the site in memory, reusing the cache: `changes` are the source files changed
    /// since the previous rebuild ([`Changes::unknown`] when not known).
    pub(crate) fn rebuild(&mut self, changes: Changes) -> Result<Rendered, Diagnostics> {
        crate::render_site_changed(&self.options, &self.cache, changes)
    }
}

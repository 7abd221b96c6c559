//! The one place `serve` builds the site. Today every rebuild is a full `render_site`, the
//! same call `vestis build` makes; memoisation (parsed files and rendered pages cached by
//! content hash) will live behind this type without the rest of `serve` changing.

use crate::diagnostics::Diagnostics;
use crate::{BuildOptions, Rendered};

/// Rebuilds the site with fixed options (serve mode, local base URL).
#[derive(Debug)]
pub(crate) struct Builder {
    options: BuildOptions,
}

impl Builder {
    /// A builder for these options.
    pub(crate) fn new(options: BuildOptions) -> Self {
        Builder { options }
    }

    /// Renders the whole site in memory.
    pub(crate) fn rebuild(&mut self) -> Result<Rendered, Diagnostics> {
        crate::render_site(&self.options)
    }
}

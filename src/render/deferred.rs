//! Published files made when first read (`vestis serve`): what they need is kept, owned, until
//! then. They are made by the same code from the same site as `vestis build` makes them.

use std::sync::Arc;

use crate::config::Config;
use crate::content::Site;
use crate::i18n::Locales;
use crate::media::Images;
use crate::output::{Make, MakeGroup};

use super::context::{Urls, ViewBuilder};
use super::pages::Page;
use super::publish::{self, Job};

/// The site as one render saw it.
pub(super) struct Inputs {
    config: Config,
    site: Arc<Site>,
    locales: Arc<Locales>,
    pages: Vec<Page>,
    images: Arc<Images>,
}

impl Inputs {
    /// Keeps what the published files of this render are made from.
    pub(super) fn new(
        config: &Config,
        site: &Arc<Site>,
        locales: &Arc<Locales>,
        pages: Vec<Page>,
        images: &Arc<Images>,
    ) -> Arc<Self> {
        Arc::new(Inputs {
            config: config.clone(),
            site: Arc::clone(site),
            locales: Arc::clone(locales),
            pages,
            images: Arc::clone(images),
        })
    }

    /// How to make `job`'s file later.
    pub(super) fn make_later(self: &Arc<Self>, job: Job) -> Make {
        let inputs = Arc::clone(self);
        Box::new(move || inputs.with_builder(|b| publish::make(b, &inputs.pages, &job)))
    }

    /// How to make every file of `job` later (a search index's manifest and the files
    /// beside it, a sitemap and its parts).
    pub(super) fn group_later(self: &Arc<Self>, job: Job) -> MakeGroup {
        let inputs = Arc::clone(self);
        Box::new(move || inputs.with_builder(|b| publish::make_files(b, &inputs.pages, &job)))
    }

    fn with_builder<T>(&self, make: impl FnOnce(&ViewBuilder<'_>) -> T) -> T {
        let urls = Urls::new(&self.config);
        let builder = ViewBuilder {
            config: &self.config,
            site: &self.site,
            locales: &self.locales,
            urls: &urls,
            images: &self.images,
        };
        make(&builder)
    }
}

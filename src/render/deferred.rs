//! Published files made when first read (`vestis serve`): what they need is kept, owned, until
//! then. They are made by the same code from the same site as `vestis build` makes them.

use std::sync::Arc;

use crate::config::Config;
use crate::content::Site;
use crate::i18n::Locales;
use crate::media::Images;
use crate::output::Make;

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
        Box::new(move || {
            let urls = Urls::new(&inputs.config);
            let builder = ViewBuilder {
                config: &inputs.config,
                site: &inputs.site,
                locales: &inputs.locales,
                urls: &urls,
                images: &inputs.images,
            };
            publish::make(&builder, &inputs.pages, &job)
        })
    }
}

//! The pictures `resize()` asked for, made when first read (`vestis serve`): one maker per
//! photo ([`Later`]) with the output paths it makes. It joins the two modules it needs,
//! [`super::later`] (deferred makers) and [`super::resize`] (making the pictures), so that
//! neither imports the other back.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;

use super::cache::Cache;
use super::later::Later;
use super::resize::{ResizeJob, one_source};

/// Makers of pictures with the output paths each makes.
pub type Makers = Vec<(Vec<String>, Arc<Later>)>;

/// The pictures of `jobs` made when first read (`vestis serve`, see [`Later`]): one maker per
/// photo, with the output paths it makes; and the cache entries they use.
/// A photo whose pictures are still to be made (`pending`, by source) makes the other sizes
/// too, from the same decoding.
pub fn later(
    config: &Config,
    jobs: &[ResizeJob],
    pending: &HashMap<PathBuf, Arc<Later>>,
) -> (Makers, HashSet<String>) {
    let config = Arc::new(config.clone());
    let mut by_source: BTreeMap<PathBuf, BTreeMap<String, ResizeJob>> = BTreeMap::new();
    for job in jobs {
        by_source
            .entry(job.source.clone())
            .or_default()
            .insert(job.key.clone(), job.clone());
    }
    let used = jobs.iter().map(|j| j.key.clone()).collect();
    let makers = by_source
        .into_iter()
        .map(|(source, jobs)| {
            let jobs: Vec<ResizeJob> = jobs.into_values().collect();
            let paths = jobs
                .iter()
                .flat_map(|j| j.variants.iter().map(|v| v.path.clone()))
                .collect();
            if let Some(maker) = pending.get(&source)
                && maker.attach(jobs.clone())
            {
                return (paths, Arc::clone(maker));
            }
            let config = Arc::clone(&config);
            let later = Later::new(Box::new(move |_| {
                let cache = Cache::new(&config.root);
                let (files, _, _, problem) =
                    one_source(&config, &cache, &source, jobs.iter().collect(), None);
                match problem {
                    Some(d) => Err(d.to_string()),
                    None => Ok(files),
                }
            }));
            (paths, later)
        })
        .collect();
    (makers, used)
}

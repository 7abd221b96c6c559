//! The two ways of being told about changes, for [`super::Watcher`]: the system's own change
//! notifications (inotify on Linux) and notify's poller, both debounced the same way.
//!
//! Kept apart from `watch.rs`, which decides what is watched and what a batch of events
//! means; this file only makes and drives the notify debouncers.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{Debouncer, NoCache, RecommendedCache, new_debouncer_opt};

use super::{DebounceResult, Sink};

/// How long the files must stay quiet before a burst of events becomes one rebuild. Editors
/// save in well under 10 ms (write, or write a temporary file and rename it); every
/// millisecond here is added to each edit-to-browser time. A burst longer than this (a `git
/// checkout`) gives a second rebuild, which finds little left to do.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// How often the polling fallback looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The notify watcher in use: the system's own (inotify, FSEvents, …) or the poller.
pub(super) enum Backend {
    /// The system's change notifications.
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Looking at the files every [`POLL_INTERVAL`].
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Backend {
    /// Watches `path` (its subfolders too with [`RecursiveMode::Recursive`]).
    pub(super) fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    /// Stops watching `path`.
    pub(super) fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        }
    }
}

/// The debouncer's handler: hands every batch to the sink.
fn handler(sink: &Sink) -> impl FnMut(DebounceResult) + Send + 'static {
    let sink = Arc::clone(sink);
    move |batch| sink(batch)
}

/// A backend on the system's change notifications.
pub(super) fn native_backend(sink: &Sink) -> notify::Result<Backend> {
    let debouncer = new_debouncer_opt(
        DEBOUNCE,
        None,
        handler(sink),
        RecommendedCache::new(),
        notify::Config::default(),
    )?;
    Ok(Backend::Native(debouncer))
}

/// A backend that polls, for when the system's notifications run out or are not wanted.
pub(super) fn poll_backend(sink: &Sink) -> notify::Result<Backend> {
    // notify's poller compares modification times in whole seconds: without comparing
    // contents, a second save within the same second would go unnoticed.
    let config = notify::Config::default()
        .with_poll_interval(POLL_INTERVAL)
        .with_compare_contents(true);
    let debouncer = new_debouncer_opt(DEBOUNCE, None, handler(sink), NoCache, config)?;
    Ok(Backend::Poll(debouncer))
}

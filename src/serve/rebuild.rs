//! Deciding when to rebuild: the loop between the watcher and the builds.
//!
//! Rebuilds run on threads of their own ([`crate::render::budget::spawn_watched`]); this loop
//! only waits for messages (a batch of file events, a finished build), so no rebuild can
//! freeze it. The newest change wins: a change that arrives while a rebuild runs cancels that
//! rebuild (its pages stop at their next budget check) and a new one starts, with every file
//! looked at again. A rebuild that does not stop by itself is given up, and the next one starts
//! with an empty cache (the old one may still be in use): a page past its limit (a template
//! loop the budget cannot interrupt) after [`GRACE`], a cancelled rebuild (a read that never
//! returns) after [`GIVE_UP_CANCELLED`]. A page that runs past `render_timeout_ms` ends its rebuild with the
//! timeout as its error, and the last good site stays.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::build::{Builder, Done};
use super::state::Shared;
use super::watch::{DebounceResult, Touched, Watcher};
use crate::content::Changes;
use crate::diagnostics::Diagnostics;
use crate::render::budget::{Budget, GRACE, spawn_watched};
use crate::{Cache, Rendered};

/// What the loop hears about.
pub(crate) enum Msg {
    /// A batch of file events (or watch errors).
    Watch(DebounceResult),
    /// A rebuild finished (`id` tells which: a rebuild given up may still finish later).
    Built {
        id: u64,
        outcome: Box<Result<Rendered, Diagnostics>>,
        /// The cache the rebuild was lent; `None` when its thread failed.
        cache: Option<Box<Cache>>,
        took: Duration,
    },
}

/// How often the loop looks at a running rebuild's budget and, when idle, at whether a
/// source folder was replaced without an event saying so.
const TICK: Duration = Duration::from_millis(100);

/// How long a cancelled rebuild may take to stop. Only rendering checks for cancellation, so
/// a rebuild cancelled while it reads a large site finishes reading first: giving it up
/// sooner would make the next rebuild start without a cache, which costs a full build.
const GIVE_UP_CANCELLED: Duration = Duration::from_secs(10);

/// The rebuild under way.
struct Running {
    id: u64,
    budget: Budget,
    /// What the changes it builds touched.
    touched: Touched,
    started: Instant,
    /// When a newer change cancelled it.
    cancelled: Option<Instant>,
}

/// The loop's state.
pub(crate) struct Conductor {
    watcher: Watcher,
    builder: Builder,
    shared: Arc<Shared>,
    sender: Sender<Msg>,
    /// Changes not built yet (batches that needed no rebuild add up too).
    pending: Changes,
    /// What they touched.
    touched: Touched,
    running: Option<Running>,
    next_id: u64,
    /// When the last site built changes by the clock alone (its next embargo passes).
    next_embargo: Option<jiff::Timestamp>,
}

impl Conductor {
    /// A loop for this watcher and builder; `sender` is the sending end of the loop's channel.
    pub(crate) fn new(
        watcher: Watcher,
        builder: Builder,
        shared: Arc<Shared>,
        sender: Sender<Msg>,
    ) -> Self {
        Conductor {
            watcher,
            builder,
            shared,
            sender,
            pending: Changes::none(),
            touched: Touched::Nothing,
            running: None,
            next_id: 0,
            next_embargo: None,
        }
    }

    /// Rebuilds when `at` (the served site's next embargo) has passed, even if no file
    /// changes: the record then appears on its pages (the build's clock is read anew).
    pub(crate) fn rebuild_at(&mut self, at: Option<jiff::Timestamp>) {
        self.next_embargo = at;
    }

    /// Runs until the channel closes.
    pub(crate) fn run(mut self, messages: &Receiver<Msg>) {
        loop {
            match messages.recv_timeout(TICK) {
                Ok(Msg::Watch(batch)) => self.heard(batch),
                Ok(Msg::Built {
                    id,
                    outcome,
                    cache,
                    took,
                }) => self.built(id, *outcome, cache, took),
                Err(RecvTimeoutError::Timeout) => self.idle(),
                Err(RecvTimeoutError::Disconnected) => return,
            }
            self.watchdog();
            self.start_if_needed();
        }
    }

    /// A batch of events: note its changes; a change cancels the rebuild under way.
    fn heard(&mut self, batch: DebounceResult) {
        let batch = self.watcher.take(batch);
        self.pending.merge(batch.changes);
        self.touched = self.touched.max(batch.touched);
        if batch.touched == Touched::Nothing {
            return;
        }
        if let Some(running) = self.running.as_mut().filter(|r| r.cancelled.is_none()) {
            running.budget.cancel();
            running.cancelled = Some(Instant::now());
        }
    }

    /// A rebuild finished: take back its cache and serve it, unless it was cancelled or
    /// given up (a rebuild given up has been replaced: its cache is dropped).
    fn built(
        &mut self,
        id: u64,
        outcome: Result<Rendered, Diagnostics>,
        cache: Option<Box<Cache>>,
        took: Duration,
    ) {
        let Some(running) = self.running.take_if(|r| r.id == id) else {
            return;
        };
        if let Some(cache) = cache {
            self.builder.restore(cache);
        }
        if running.cancelled.is_some() {
            // Whatever it read may already be stale: the next rebuild looks at every file.
            self.redo(running.touched);
            return;
        }
        if let Ok(rendered) = &outcome {
            self.watcher.ignore(&rendered.config.output_dir);
            self.next_embargo = rendered.next_embargo;
        }
        let mut phases = crate::timing::Phases::start();
        self.shared.publish(outcome, took, Some(running.touched));
        phases.mark("serve the new site");
    }

    /// No message for a tick: a source folder replaced without an event still counts, and
    /// so does an embargo that has passed (nothing changed on disk: only the clock).
    fn idle(&mut self) {
        if self.running.is_none() && self.watcher.moved() {
            self.pending.merge(Changes::unknown());
            self.touched = Touched::Sources;
        }
        if self
            .next_embargo
            .is_some_and(|at| at <= jiff::Timestamp::now())
        {
            self.next_embargo = None;
            self.touched = Touched::Sources;
        }
    }

    /// Gives up a rebuild whose page runs past its limit without stopping (its timeout is
    /// the error shown), or that a newer change cancelled and that does not stop.
    fn watchdog(&mut self) {
        let Some(running) = &self.running else {
            return;
        };
        let stuck_after_cancel = running
            .cancelled
            .is_some_and(|at| at.elapsed() > GIVE_UP_CANCELLED);
        let overdue = running.cancelled.is_none() && running.budget.overdue(GRACE);
        if !stuck_after_cancel && !overdue {
            return;
        }
        // Given up: its cache never comes back, so the next rebuild starts with an empty one.
        let Some(running) = self.running.take() else {
            return;
        };
        if overdue {
            let took = running.started.elapsed();
            let timeouts = running.budget.timeouts();
            self.shared
                .publish(Err(timeouts), took, Some(running.touched));
            // The files are still as they were: wait for the next change.
            self.pending.merge(Changes::unknown());
        } else {
            self.redo(running.touched);
        }
    }

    /// The changes of a rebuild that did not finish must be built again.
    fn redo(&mut self, touched: Touched) {
        self.pending.merge(Changes::unknown());
        self.touched = self.touched.max(touched);
    }

    /// Starts a rebuild when changes wait and none runs.
    fn start_if_needed(&mut self) {
        if self.running.is_some() || self.touched == Touched::Nothing {
            return;
        }
        if self.watcher.resync() {
            self.pending.merge(Changes::unknown());
        }
        let changes = std::mem::replace(&mut self.pending, Changes::none());
        let touched = std::mem::replace(&mut self.touched, Touched::Nothing);
        let (budget, job) = self.builder.job(changes);
        let id = self.next_id;
        self.next_id += 1;
        let sender = self.sender.clone();
        let started = Instant::now();
        let done = move |finished: Result<Done, Diagnostics>| {
            let took = started.elapsed();
            let (outcome, cache) = match finished {
                Ok(Done { outcome, cache }) => (outcome, Some(cache)),
                Err(d) => (Err(d), None),
            };
            let outcome = Box::new(outcome);
            let _ = sender.send(Msg::Built {
                id,
                outcome,
                cache,
                took,
            });
        };
        if let Err(d) = spawn_watched(job, done) {
            self.shared.publish(Err(d), Duration::ZERO, Some(touched));
            return;
        }
        self.running = Some(Running {
            id,
            budget,
            touched,
            started,
            cancelled: None,
        });
    }
}

/// The first build, before the site is served: the same budget and watchdog, waited for.
pub(crate) fn first_build(builder: &mut Builder) -> (Result<Rendered, Diagnostics>, Duration) {
    let started = Instant::now();
    let (budget, job) = builder.job(Changes::unknown());
    // Given up (`Err`): its thread keeps the cache, and the next rebuild starts with none.
    let outcome = match crate::render::budget::run_watched(&budget, job) {
        Ok(Done { outcome, cache }) => {
            builder.restore(cache);
            outcome
        }
        Err(d) => Err(d),
    };
    (outcome, started.elapsed())
}

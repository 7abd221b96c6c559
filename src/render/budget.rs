//! The render budget: a page whose template runs longer than `render_timeout_ms` (site.yaml)
//! is stopped and reported at its template, and a whole build can be cancelled (`serve`
//! does so when a newer change arrives).
//!
//! tera has no step limit or interruption hook, so the budget is checked where tera calls
//! back into vestis: every write of page output (through `BudgetWriter`) and every
//! `range()` call (vestis registers its own `range`, the same as tera's, which checks the
//! budget first: `render::range`). A loop that neither writes nor calls `range` cannot be interrupted; for
//! that case [`Budget::overdue`] lets a watchdog (see [`run_watched`]) name the page and give
//! up on the build while the render thread is left behind. Each watched run gets its own
//! thread pool, so a left-behind thread never takes a worker from the next build.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// How long past its limit a page that does not stop by itself is waited for.
pub const GRACE: Duration = Duration::from_secs(1);

/// The budget of one build; clones share it.
#[derive(Clone, Debug, Default)]
pub struct Budget {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    cancelled: AtomicBool,
    /// The pages being rendered now, per thread (a stack: work stealing may nest them).
    running: Mutex<HashMap<ThreadId, Vec<Running>>>,
    /// The pages stopped for running too long.
    timeouts: Mutex<Vec<Diagnostic>>,
}

/// A page being rendered.
#[derive(Debug, Clone)]
struct Running {
    /// The template file, relative to the site root.
    template: PathBuf,
    /// The template's text (for the location of the message).
    text: Arc<str>,
    /// The output path of the page.
    page: String,
    limit: Duration,
    deadline: Instant,
    /// Set when the page calls `records()`: one flag per render.
    read_records: Arc<AtomicBool>,
    /// The pictures the page asked `resize` for.
    resizes: Arc<Mutex<Vec<crate::media::ResizeJob>>>,
}

/// Why a page's rendering was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// It ran longer than its limit.
    Timeout,
    /// The build was cancelled (a newer change, or another page's timeout).
    Cancelled,
}

impl Budget {
    /// A budget nothing has used yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops every page of the build at its next check.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::Release);
    }

    /// Whether [`Budget::cancel`] was called (or a page ran out of time).
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::Acquire)
    }

    /// The timeouts reported so far (empty when no page ran out of time).
    pub fn timeouts(&self) -> Diagnostics {
        let timeouts = lock(&self.inner.timeouts);
        let mut out = Diagnostics::new();
        timeouts.iter().cloned().for_each(|d| out.push(d));
        out
    }

    /// Marks the start of a page's rendering on this thread; it ends when the guard drops.
    pub(crate) fn start_page(
        &self,
        template: PathBuf,
        text: Arc<str>,
        page: &str,
        limit: Duration,
    ) -> PageGuard<'_> {
        let running = Running {
            template,
            text,
            page: page.to_string(),
            limit,
            deadline: Instant::now() + limit,
            read_records: Arc::default(),
            resizes: Arc::default(),
        };
        let thread = std::thread::current().id();
        lock(&self.inner.running)
            .entry(thread)
            .or_default()
            .push(running.clone());
        PageGuard {
            budget: self,
            running,
            thread,
        }
    }

    /// Checks the page this thread renders now (if any): `Err` once it must stop.
    pub(crate) fn check_current(&self) -> Result<(), Stop> {
        let thread = std::thread::current().id();
        let running = lock(&self.inner.running);
        let late = running
            .get(&thread)
            .and_then(|stack| stack.last())
            .filter(|r| Instant::now() > r.deadline)
            .cloned();
        drop(running);
        if let Some(late) = late {
            self.time_out(&late, None);
            return Err(Stop::Timeout);
        }
        match self.is_cancelled() {
            true => Err(Stop::Cancelled),
            false => Ok(()),
        }
    }

    /// Notes that the page this thread renders now called `records()` (recorded, not guessed).
    pub(crate) fn note_records(&self) {
        let thread = std::thread::current().id();
        if let Some(page) = lock(&self.inner.running)
            .get(&thread)
            .and_then(|s| s.last())
        {
            page.read_records.store(true, Ordering::Relaxed);
        }
    }

    /// Notes that the page this thread renders now asked `resize` for `job`.
    pub(crate) fn note_resize(&self, job: &crate::media::ResizeJob) {
        let thread = std::thread::current().id();
        if let Some(page) = lock(&self.inner.running)
            .get(&thread)
            .and_then(|s| s.last())
        {
            lock(&page.resizes).push(job.clone());
        }
    }

    /// For a watchdog: reports every page running longer than its limit plus `grace` (pages
    /// that do not stop by themselves) and cancels the build. Returns whether there was one.
    pub fn overdue(&self, grace: Duration) -> bool {
        let now = Instant::now();
        let late: Vec<Running> = lock(&self.inner.running)
            .values()
            .flatten()
            .filter(|r| now > r.deadline + grace)
            .cloned()
            .collect();
        for running in &late {
            self.time_out(running, None);
        }
        !late.is_empty()
    }

    fn check(&self, running: &Running, span: Option<(usize, usize)>) -> Result<(), Stop> {
        if Instant::now() > running.deadline {
            self.time_out(running, span);
            return Err(Stop::Timeout);
        }
        match self.is_cancelled() {
            true => Err(Stop::Cancelled),
            false => Ok(()),
        }
    }

    /// Records that `running` ran out of time (once per page: a place given later replaces
    /// the guessed one) and stops the build.
    fn time_out(&self, running: &Running, at: Option<(usize, usize)>) {
        self.cancel();
        let d = timeout_diagnostic(running, at);
        let mut timeouts = lock(&self.inner.timeouts);
        match timeouts.iter_mut().find(|t| t.message == d.message) {
            Some(known) if at.is_some() => *known = d,
            Some(_) => {}
            None => timeouts.push(d),
        }
    }
}

/// Ends a page's entry in the budget when dropped.
pub(crate) struct PageGuard<'a> {
    budget: &'a Budget,
    running: Running,
    thread: ThreadId,
}

impl PageGuard<'_> {
    /// `out` wrapped so that every write checks the budget first.
    pub(crate) fn writer<W: Write>(&self, out: W) -> BudgetWriter<'_, W> {
        BudgetWriter {
            guard: self,
            out,
            writes: 0,
        }
    }

    /// The page ran out of time at `line:col` of `template` (where tera noticed: the page's
    /// own template, or one it extends or includes), whose text is `text`.
    pub(crate) fn locate(&self, template: PathBuf, text: Arc<str>, line: usize, col: usize) {
        let running = Running {
            template,
            text,
            ..self.running.clone()
        };
        self.budget.time_out(&running, Some((line, col)));
    }

    /// Whether the page called `records()` so far.
    pub(crate) fn read_records(&self) -> bool {
        self.running.read_records.load(Ordering::Relaxed)
    }

    /// The pictures the page asked `resize` for so far.
    pub(crate) fn resizes(&self) -> Vec<crate::media::ResizeJob> {
        lock(&self.running.resizes).clone()
    }

    /// Why the page was stopped, if it was.
    pub(crate) fn stopped(&self) -> Option<Stop> {
        if Instant::now() > self.running.deadline {
            self.budget.time_out(&self.running, None);
            Some(Stop::Timeout)
        } else {
            self.budget.is_cancelled().then_some(Stop::Cancelled)
        }
    }
}

impl Drop for PageGuard<'_> {
    fn drop(&mut self) {
        let mut running = lock(&self.budget.inner.running);
        if let Some(stack) = running.get_mut(&self.thread) {
            stack.pop();
            if stack.is_empty() {
                running.remove(&self.thread);
            }
        }
    }
}

/// A writer that fails once the page must stop (tera then returns an error).
pub(crate) struct BudgetWriter<'a, W> {
    guard: &'a PageGuard<'a>,
    out: W,
    writes: u32,
}

impl<W: Write> Write for BudgetWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // The flag on every write; the clock (a system call on some platforms) every 64th.
        self.writes = self.writes.wrapping_add(1);
        let stop = if self.writes.is_multiple_of(64) {
            self.guard.budget.check(&self.guard.running, None).is_err()
        } else {
            self.guard.budget.is_cancelled()
        };
        if stop {
            return Err(io::Error::other("the render budget is used up"));
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Where the message points without a place from tera: the template's first loop (only a
/// loop can keep a template busy), or its first line.
fn timeout_diagnostic(running: &Running, at: Option<(usize, usize)>) -> Diagnostic {
    let seconds = running.limit.as_secs_f64();
    let message = format!(
        "the page `{}` took longer than {} to make, so vestis stopped it: a loop in this \
         template (or in one it includes) probably runs too many times",
        running.page,
        plural_seconds(seconds)
    );
    let help = format!(
        "make the loop shorter (look at `range(end=…)` and at loops inside loops); if the \
         page really needs more time, raise `render_timeout_ms` in site.yaml (now {})",
        running.limit.as_millis()
    );
    let d = Diagnostic::error(Some(&running.template), message).with_suggestion(help);
    let (line, col) = at.unwrap_or_else(|| first_loop(&running.text));
    d.at_line_col(&running.text, line, col, 1)
}

fn plural_seconds(seconds: f64) -> String {
    if seconds == 1.0 {
        "1 second".into()
    } else {
        format!("{seconds} seconds")
    }
}

/// Line and column (1-based) of the first `{% for` / `{%- for` in `text`, else 1:1.
fn first_loop(text: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let mut search = 0;
        while let Some(at) = line[search..].find("{%") {
            let start = search + at;
            let rest = line[start + 2..]
                .trim_start_matches(['-', '+'])
                .trim_start();
            if rest.starts_with("for ") {
                return (i + 1, line[..start].chars().count() + 1);
            }
            search = start + 2;
        }
    }
    (1, 1)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts `work` (a build) on its own thread and thread pool, then hands its outcome to
/// `done` (on that thread). A thread left behind by a build that never ends keeps its pool,
/// so the next build still has every worker.
pub fn spawn_watched<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Diagnostics> + Send + 'static,
    done: impl FnOnce(Result<T, Diagnostics>) + Send + 'static,
) -> Result<(), Diagnostics> {
    std::thread::Builder::new()
        .name("vestis-build".into())
        .spawn(move || {
            let outcome = match rayon::ThreadPoolBuilder::new().build() {
                Ok(pool) => pool.install(work),
                Err(_) => work(),
            };
            done(outcome);
        })
        .map(drop)
        .map_err(|e| Diagnostic::error(None, format!("cannot start a build: {e}")).into())
}

/// Runs `work` (a build) as [`spawn_watched`] does and waits for it, watching `budget`: when a
/// page stays busy past its limit plus [`GRACE`] (a loop the budget cannot interrupt), the
/// build is given up and the timeout returned; its thread is left to finish on its own (the
/// process exiting ends it).
pub fn run_watched<T: Send + 'static>(
    budget: &Budget,
    work: impl FnOnce() -> Result<T, Diagnostics> + Send + 'static,
) -> Result<T, Diagnostics> {
    let (done_tx, done) = std::sync::mpsc::channel();
    spawn_watched(work, move |outcome| drop(done_tx.send(outcome)))?;
    loop {
        match done.recv_timeout(Duration::from_millis(50)) {
            Ok(outcome) => return outcome,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Diagnostic::error(None, "the build stopped unexpectedly").into());
            }
            Err(RecvTimeoutError::Timeout) => {
                if budget.overdue(GRACE) {
                    return Err(budget.timeouts());
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "budget_tests.rs"]
mod tests;

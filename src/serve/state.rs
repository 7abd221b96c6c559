//! What the server shows right now, shared between the rebuild thread and the HTTP handlers:
//! the last good site, the errors of the latest build (if it failed) and the channel that tells
//! open pages what to do. The rebuild thread is the only writer; handlers take a cheap
//! snapshot (`Arc`) per request, so a rebuild never blocks a reader.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{broadcast, watch};

use super::watch::Touched;
use crate::Rendered;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;

/// The site as served at one moment.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// The last site that built (empty until one does).
    pub(crate) output: Arc<Output>,
    /// Counts successful builds; pages carry it so they can tell they are stale.
    pub(crate) generation: u64,
    /// The errors of the latest build; empty when it succeeded.
    pub(crate) errors: Arc<Vec<Diagnostic>>,
}

/// What open pages are told after a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// Reload the page (the payload is the new generation).
    Reload(u64),
    /// Only stylesheets changed: re-fetch them (the payload is the new generation).
    Css(u64),
    /// The build failed: show these errors (a JSON array).
    Errors(String),
}

/// The state handed to every handler.
#[derive(Debug)]
pub(crate) struct Shared {
    snapshot: watch::Sender<Arc<Snapshot>>,
    events: broadcast::Sender<Event>,
}

impl Shared {
    /// Nothing built yet.
    pub(crate) fn new() -> Self {
        Shared {
            snapshot: watch::Sender::new(Arc::new(Snapshot::default())),
            events: broadcast::Sender::new(64),
        }
    }

    /// The site as it is now.
    pub(crate) fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.borrow())
    }

    /// A stream of the events from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// Takes a build's outcome: serves the new site (or keeps the last good one and records
    /// the errors), tells open pages, and prints one line (plus diagnostics) to the terminal.
    /// `cause` is what the file changes touched; `None` for the first build.
    pub(crate) fn publish(
        &self,
        outcome: Result<Rendered, Diagnostics>,
        took: Duration,
        cause: Option<Touched>,
    ) {
        let ms = took.as_millis();
        match outcome {
            Ok(rendered) => {
                for warning in rendered.warnings.items() {
                    eprintln!("{warning}");
                }
                let styles_only = cause == Some(Touched::Styles);
                let change = self.publish_site(rendered.output, styles_only);
                match (cause, change) {
                    (None, _) => println!("built {} files in {ms} ms", self.current().output.len()),
                    (_, Change::Nothing) => println!("rebuilt in {ms} ms (nothing changed)"),
                    (_, Change::Css) => println!("rebuilt in {ms} ms (stylesheets only)"),
                    (_, Change::Pages) => println!("rebuilt in {ms} ms"),
                }
            }
            Err(diagnostics) => {
                eprintln!("{diagnostics}");
                let errors = self.publish_errors(&diagnostics);
                let plural = if errors == 1 { "" } else { "s" };
                match cause {
                    None => println!(
                        "build failed: {errors} error{plural} (the site appears once fixed)"
                    ),
                    Some(_) => println!(
                        "rebuild failed: {errors} error{plural} (still serving the last good site)"
                    ),
                }
            }
        }
    }

    /// Serves a new site. `styles_only`: the sources that changed were all stylesheets, so
    /// pages may swap them even though fingerprinted links (`style.css?h=…`) changed too.
    fn publish_site(&self, output: Output, styles_only: bool) -> Change {
        let old = self.current();
        let change = match classify(&old.output, &output) {
            // The overlay must go: a full reload is what clears it everywhere.
            _ if !old.errors.is_empty() => Change::Pages,
            Change::Pages if styles_only => Change::Css,
            change => change,
        };
        let generation = old.generation + 1;
        let previous = self.snapshot.send_replace(Arc::new(Snapshot {
            output: Arc::new(output),
            generation,
            errors: Arc::default(),
        }));
        // Freeing a large site takes tens of milliseconds: not on the way to the reload.
        drop(std::thread::spawn(move || drop((previous, old))));
        // No receivers (no open page) is not an error.
        let _ = match change {
            Change::Nothing => Ok(0),
            Change::Css => self.events.send(Event::Css(generation)),
            Change::Pages => self.events.send(Event::Reload(generation)),
        };
        change
    }

    /// A problem found after the build, when a file was first asked for (a picture of a
    /// damaged photo, see `media/later.rs`): printed in the terminal and added to the pages'
    /// error overlay, once; the site served stays (the next build clears it, or finds it
    /// again).
    pub(crate) fn report_late(&self, problem: &str) {
        let old = self.current();
        if old.errors.iter().any(|d| d.message == problem) {
            return;
        }
        eprintln!("{problem}");
        let mut errors: Vec<Diagnostic> = old.errors.as_ref().clone();
        errors.push(Diagnostic::error(None, problem.to_string()));
        self.show_errors(&old, errors);
    }

    /// Records the errors (only errors, not warnings); returns how many there are.
    fn publish_errors(&self, diagnostics: &Diagnostics) -> usize {
        let old = self.current();
        let errors: Vec<Diagnostic> = diagnostics
            .items()
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        let count = errors.len();
        self.show_errors(&old, errors);
        count
    }

    /// Serves `old`'s site with `errors` instead of its own, and tells the pages.
    fn show_errors(&self, old: &Snapshot, errors: Vec<Diagnostic>) {
        let errors = Arc::new(errors);
        self.snapshot.send_replace(Arc::new(Snapshot {
            output: Arc::clone(&old.output),
            generation: old.generation,
            errors: Arc::clone(&errors),
        }));
        let _ = self
            .events
            .send(Event::Errors(super::errors_json::errors_json(&errors)));
    }
}

/// How a new build differs from the one served before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Byte for byte the same site.
    Nothing,
    /// Only `.css` files were added, changed or removed.
    Css,
    /// Anything else.
    Pages,
}

fn classify(old: &Output, new: &Output) -> Change {
    let changed = old.changed_paths(new);
    if changed.is_empty() {
        Change::Nothing
    } else if changed
        .iter()
        .all(|p| p.to_ascii_lowercase().ends_with(".css"))
    {
        Change::Css
    } else {
        Change::Pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        let mut out = Output::new();
        for (path, text) in files {
            out.insert(*path, text.as_bytes().to_vec()).unwrap();
        }
        out
    }

    #[test]
    fn classifies_what_changed_between_builds() {
        let base = output(&[("index.html", "a"), ("style.css", "x")]);
        assert_eq!(classify(&base, &base.clone()), Change::Nothing);
        let css = output(&[("index.html", "a"), ("style.css", "y")]);
        assert_eq!(classify(&base, &css), Change::Css);
        let more_css = output(&[("index.html", "a"), ("style.css", "x"), ("b.CSS", "")]);
        assert_eq!(classify(&base, &more_css), Change::Css);
        let page = output(&[("index.html", "b"), ("style.css", "y")]);
        assert_eq!(classify(&base, &page), Change::Pages);
        let removed = output(&[("style.css", "x")]);
        assert_eq!(classify(&base, &removed), Change::Pages);
    }

    #[test]
    fn a_failed_build_keeps_the_site_and_a_fixed_one_reloads() {
        let shared = Shared::new();
        let mut events = shared.subscribe();
        shared.publish_site(output(&[("index.html", "a")]), false);
        assert_eq!(events.try_recv().unwrap(), Event::Reload(1));
        shared.publish_site(output(&[("index.html", "a?h=2")]), true);
        assert_eq!(events.try_recv().unwrap(), Event::Css(2));
        let broken = Diagnostics::from(Diagnostic::error(None, "bad"));
        assert_eq!(shared.publish_errors(&broken), 1);
        assert!(matches!(events.try_recv().unwrap(), Event::Errors(json) if json.contains("bad")));
        let now = shared.current();
        assert_eq!((now.generation, now.errors.len()), (2, 1));
        assert_eq!(now.output.get("index.html"), Some(&b"a?h=2"[..]));
        // The same site again, after errors: the overlay must go, so pages reload.
        let same = output(&[("index.html", "a?h=2")]);
        assert_eq!(shared.publish_site(same, true), Change::Pages);
        assert_eq!(events.try_recv().unwrap(), Event::Reload(3));
        assert!(shared.current().errors.is_empty());
    }
}

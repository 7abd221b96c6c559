//! Watching the site's sources: `site.yaml`, `content/`, `static/`, `themes/`, `locales/`.
//!
//! The root is watched non-recursively (for `site.yaml` and for those folders appearing or
//! disappearing) and each folder recursively. Events come debounced (a burst of saves becomes
//! one batch) and are filtered: reads (`EventKind::Access`, which a rebuild itself causes),
//! editor temp files, the output folder and anything else in the root are dropped. When a
//! folder is replaced (removed and restored, renamed back) its watch is renewed.
//! When inotify runs out of watches (ENOSPC) the watcher falls back to polling.
//! This module knows nothing about building or serving.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{ErrorKind, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::file_id::{FileId, get_file_id};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

use crate::content::Changes;

/// One debounced batch of events (or errors), as the watcher sends it.
pub(crate) type DebounceResult = DebounceEventResult;

/// The folders of a site that are watched recursively.
pub(crate) const SOURCE_DIRS: [&str; 4] = ["content", "static", "themes", "locales"];

/// What a batch of events touched, from least to most: merging two batches takes the `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Touched {
    /// Nothing of the site's sources (reads, temp files, the output folder).
    Nothing,
    /// Only stylesheets (`.css` outside `templates/`): pages can swap them without reloading.
    Styles,
    /// Anything else.
    Sources,
}

/// What one or more batches of events touched, and which source paths (for a rebuild that
/// reads only what changed).
#[derive(Debug)]
pub(crate) struct Batch {
    /// The most any event touched.
    pub touched: Touched,
    /// The source paths of the events; unknown when events may have been lost (watch
    /// errors, a rescan, an event without paths).
    pub changes: Changes,
}

impl Batch {
    /// Adds a later batch.
    pub(crate) fn merge(&mut self, other: Batch) {
        self.touched = self.touched.max(other.touched);
        self.changes.merge(other.changes);
    }
}

/// How long the files must stay quiet before a burst of events becomes one rebuild. Editors
/// save in well under 10 ms (write, or write a temporary file and rename it); every
/// millisecond here is added to each edit-to-browser time. A burst longer than this (a `git
/// checkout`) gives a second rebuild, which finds little left to do.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// How often the polling fallback looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

const INOTIFY_HINT: &str = "note: the system's limit of watched folders (inotify) is reached; \
    vestis falls back to polling, which is slower.\n  \
    To raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 \
    (add it to /etc/sysctl.conf to keep it)";

enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        }
    }
}

/// The site's file watcher. Batches arrive on the channel given to [`Watcher::start`]; hand
/// each one to [`Watcher::take`].
pub(crate) struct Watcher {
    backend: Backend,
    sender: Sender<DebounceResult>,
    root: PathBuf,
    /// Each source folder with the identity it had when it was last watched.
    dirs: Vec<(PathBuf, Option<FileId>)>,
    /// Folders whose changes never matter (the output folder).
    ignored: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (an absolute path); batches go to `sender`.
    pub(crate) fn start(
        root: &Path,
        poll: bool,
        sender: Sender<DebounceResult>,
    ) -> notify::Result<Self> {
        let backend = if poll {
            poll_backend(&sender)?
        } else {
            native_backend(&sender)?
        };
        let mut watcher = Watcher {
            backend,
            sender,
            root: root.to_path_buf(),
            dirs: SOURCE_DIRS.iter().map(|d| (root.join(d), None)).collect(),
            ignored: vec![root.join("public")],
        };
        match watcher.watch_all() {
            Err(e) if matches!(e.kind, ErrorKind::MaxFilesWatch) => watcher.fall_back_to_poll()?,
            other => other?,
        }
        Ok(watcher)
    }

    /// Never rebuild for changes under `dir` (the output folder).
    pub(crate) fn ignore(&mut self, dir: &Path) {
        if !self.ignored.iter().any(|d| d == dir) {
            self.ignored.push(dir.to_path_buf());
        }
    }

    /// What a batch touched (anything but [`Touched::Nothing`] needs a rebuild) and which
    /// source paths. Reports watch errors, and switches to polling when inotify is out of
    /// watches.
    pub(crate) fn take(&mut self, batch: DebounceResult) -> Batch {
        match batch {
            Ok(events) => {
                let mut out = Batch {
                    touched: Touched::Nothing,
                    changes: Changes::none(),
                };
                for event in events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                {
                    out.merge(self.batch_of(&event.event));
                }
                out
            }
            Err(errors) => {
                let exhausted = errors
                    .iter()
                    .any(|e| matches!(e.kind, ErrorKind::MaxFilesWatch));
                if exhausted && matches!(self.backend, Backend::Native(_)) {
                    if let Err(e) = self.fall_back_to_poll() {
                        eprintln!("error: cannot watch the site's files: {e}");
                    }
                    return Batch {
                        touched: Touched::Sources,
                        changes: Changes::unknown(),
                    };
                }
                for e in errors {
                    eprintln!("warning: file watcher: {e}");
                }
                // Nothing to rebuild for, but events may be lost: the next rebuild looks at
                // every file.
                Batch {
                    touched: Touched::Nothing,
                    changes: Changes::unknown(),
                }
            }
        }
    }

    /// One event as a batch: its source paths, or unknown changes when the backend lost
    /// events (a rescan) or did not say which paths changed.
    fn batch_of(&self, event: &notify::Event) -> Batch {
        if event.need_rescan() {
            return Batch {
                touched: Touched::Sources,
                changes: Changes::unknown(),
            };
        }
        if event.paths.is_empty() {
            return Batch {
                touched: self.touched(event),
                changes: Changes::unknown(),
            };
        }
        let sources = event.paths.iter().filter(|p| self.is_source(p));
        Batch {
            touched: self.touched(event),
            changes: Changes::paths(sources.cloned()),
        }
    }

    /// Renews the watch of every source folder that appeared, disappeared or was replaced
    /// since it was last watched (a watch follows the old folder, not the name). Returns
    /// whether any was renewed: changes made in between were not seen.
    pub(crate) fn resync(&mut self) -> bool {
        let mut renewed = false;
        for i in 0..self.dirs.len() {
            let (dir, known) = &self.dirs[i];
            let now = get_file_id(dir).ok();
            if now == *known {
                continue;
            }
            renewed = true;
            let dir = dir.clone();
            // The old watch may already be gone with its folder: nothing to undo then.
            let _ = self.backend.unwatch(&dir);
            let now = match self.watch_dir(&dir) {
                Ok(()) => now,
                Err(e) => {
                    eprintln!("warning: cannot watch {}: {e}", dir.display());
                    None
                }
            };
            self.dirs[i].1 = now;
        }
        renewed
    }

    fn watch_all(&mut self) -> notify::Result<()> {
        self.backend
            .watch(&self.root.clone(), RecursiveMode::NonRecursive)?;
        for i in 0..self.dirs.len() {
            let dir = self.dirs[i].0.clone();
            self.watch_dir(&dir)?;
            self.dirs[i].1 = get_file_id(&dir).ok();
        }
        Ok(())
    }

    /// Watches `dir` recursively when it exists (a missing folder is fine: the root's watch
    /// sees it appear).
    fn watch_dir(&mut self, dir: &Path) -> notify::Result<()> {
        if dir.is_dir() {
            self.backend.watch(dir, RecursiveMode::Recursive)
        } else {
            Ok(())
        }
    }

    fn fall_back_to_poll(&mut self) -> notify::Result<()> {
        eprintln!("{INOTIFY_HINT}");
        self.backend = poll_backend(&self.sender)?;
        self.dirs.iter_mut().for_each(|(_, id)| *id = None);
        self.watch_all()
    }

    fn touched(&self, event: &notify::Event) -> Touched {
        if matches!(event.kind, EventKind::Access(_)) {
            return Touched::Nothing;
        }
        let sources = event.paths.iter().filter(|p| self.is_source(p));
        sources
            .map(|p| source_kind(p))
            .max()
            .unwrap_or(Touched::Nothing)
    }

    /// `site.yaml` or a file under a source folder, not a temp file, not in the output.
    fn is_source(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        if self.ignored.iter().any(|d| path.starts_with(d)) || is_temp_file(path) {
            return false;
        }
        let mut parts = relative.components();
        let first = parts.next().and_then(|c| c.as_os_str().to_str());
        match first {
            Some("site.yaml") => parts.next().is_none(),
            Some(dir) => SOURCE_DIRS.contains(&dir),
            None => false,
        }
    }
}

/// A stylesheet, unless it sits among templates (where it may be inlined into pages).
fn source_kind(path: &Path) -> Touched {
    let css = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("css"));
    let in_templates = path.components().any(|c| c.as_os_str() == "templates");
    if css && !in_templates {
        Touched::Styles
    } else {
        Touched::Sources
    }
}

/// Editors' backup, lock and swap files: `a.md~`, `.#a.md`, `.a.md.swp`, vim's `4913` probe.
fn is_temp_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with('~')
        || name.starts_with(".#")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

fn native_backend(sender: &Sender<DebounceResult>) -> notify::Result<Backend> {
    let debouncer = new_debouncer_opt(
        DEBOUNCE,
        None,
        sender.clone(),
        RecommendedCache::new(),
        notify::Config::default(),
    )?;
    Ok(Backend::Native(debouncer))
}

fn poll_backend(sender: &Sender<DebounceResult>) -> notify::Result<Backend> {
    // notify's poller compares modification times in whole seconds: without comparing
    // contents, a second save within the same second would go unnoticed.
    let config = notify::Config::default()
        .with_poll_interval(POLL_INTERVAL)
        .with_compare_contents(true);
    let debouncer = new_debouncer_opt(DEBOUNCE, None, sender.clone(), NoCache, config)?;
    Ok(Backend::Poll(debouncer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, Flag, ModifyKind};
    use notify_debouncer_full::DebouncedEvent;
    use std::time::Instant;

    fn watcher(root: &Path) -> Watcher {
        let (tx, _rx) = std::sync::mpsc::channel();
        Watcher::start(root, false, tx).unwrap()
    }

    fn event(kind: EventKind, path: PathBuf) -> notify::Event {
        notify::Event::new(kind).add_path(path)
    }

    #[test]
    fn only_source_changes_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let w = watcher(root);
        let modify = EventKind::Modify(ModifyKind::Any);
        let touched = |p: &str| w.touched(&event(modify, root.join(p)));
        let relevant = |p: &str| touched(p) != Touched::Nothing;
        assert_eq!(touched("static/site.css"), Touched::Styles);
        assert_eq!(touched("themes/t/templates/inline.css"), Touched::Sources);
        assert_eq!(touched("content/events/a.lv.md"), Touched::Sources);
        assert!(relevant("site.yaml"));
        assert!(relevant("content/events/a.lv.md"));
        assert!(relevant("themes/default/static/style.css"));
        assert!(relevant("content"));
        assert!(!relevant("public/index.html"));
        assert!(!relevant("README.md"));
        assert!(!relevant("site.yaml/x"));
        assert!(!relevant("content/events/a.lv.md~"));
        assert!(!relevant("content/events/.#a.lv.md"));
        assert!(!relevant("content/events/.a.lv.md.swp"));
        assert!(!relevant("content/events/4913"));
        let read = event(
            EventKind::Access(AccessKind::Any),
            root.join("content/a.lv.md"),
        );
        assert_eq!(w.touched(&read), Touched::Nothing);
        let created = event(
            EventKind::Create(CreateKind::File),
            root.join("static/a.css"),
        );
        assert_eq!(w.touched(&created), Touched::Styles);
    }

    #[test]
    fn batches_carry_the_source_paths_or_unknown_changes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut w = watcher(root);
        let modify = EventKind::Modify(ModifyKind::Any);
        let text = root.join("content/events/a.lv.md");
        let events = vec![
            DebouncedEvent::new(event(modify, text.clone()), Instant::now()),
            DebouncedEvent::new(event(modify, root.join("public/a.html")), Instant::now()),
            DebouncedEvent::new(event(modify, root.join("content/a.lv.md~")), Instant::now()),
        ];
        let batch = w.take(Ok(events));
        assert_eq!(batch.touched, Touched::Sources);
        assert_eq!(batch.changes, Changes::paths([text]));
        // Lost events: a rescan, an event without paths, a watch error.
        let rescan = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        let batch = w.take(Ok(vec![DebouncedEvent::new(rescan, Instant::now())]));
        assert_eq!(batch.touched, Touched::Sources);
        assert!(!batch.changes.is_known());
        let pathless = notify::Event::new(modify);
        let batch = w.take(Ok(vec![DebouncedEvent::new(pathless, Instant::now())]));
        assert!(!batch.changes.is_known());
        let batch = w.take(Err(vec![notify::Error::generic("lost")]));
        assert_eq!(batch.touched, Touched::Nothing);
        assert!(!batch.changes.is_known());
    }

    #[test]
    fn the_output_folder_can_be_moved_into_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = watcher(dir.path());
        let out = dir.path().join("static/built");
        w.ignore(&out);
        let e = event(EventKind::Modify(ModifyKind::Any), out.join("index.html"));
        assert_eq!(w.touched(&e), Touched::Nothing);
    }
}

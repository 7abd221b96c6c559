//! Watching the site's sources: `site.yaml`, `content/`, `static/`, `themes/`, `locales/`.
//!
//! The root is watched non-recursively (for `site.yaml` and for those folders appearing or
//! disappearing) and each folder recursively; the rest of the root (the output folder, `.git`)
//! is not watched, so it costs no watches. Events come debounced (a burst of saves becomes
//! one batch) and are filtered: reads (`EventKind::Access`, which a rebuild itself causes),
//! editor temp files, the output folder and anything else in the root are dropped.
//!
//! A watch follows a folder, not its name: when `content/` is removed and restored (a backup
//! restore, an unzip, a sync tool), the old watch is gone with the old folder. So every event
//! that names a source folder itself (created, removed, renamed, changed) marks it to be
//! watched anew before the next rebuild, whatever its identity says (a restored folder often
//! gets the very inode number the removed one had), and the folders' identities are compared
//! too, on every batch and every idle tick ([`Watcher::moved`]). Whenever the watcher cannot be
//! sure it saw everything (a watch renewed, a dropped event, a rescan, a watch error) the batch
//! says "unknown changes": the rebuild looks at every file rather than trust the events.
//! When inotify runs out of watches (ENOSPC) the watcher falls back to polling.
//! This module knows nothing about building or serving.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use notify::event::ModifyKind;
use notify::{ErrorKind, EventKind, RecursiveMode};
use notify_debouncer_full::DebounceEventResult;
use notify_debouncer_full::file_id::{FileId, get_file_id};

use crate::content::Changes;

#[path = "watch_backend.rs"]
mod backend;
use backend::{Backend, native_backend, poll_backend};

/// One debounced batch of events (or errors), as the watcher sends it.
pub(crate) type DebounceResult = DebounceEventResult;

/// Where the watcher sends its batches.
pub(crate) type Sink = Arc<dyn Fn(DebounceResult) + Send + Sync>;

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

const INOTIFY_HINT: &str = "note: the system's limit of watched folders (inotify) is reached; \
    vestis falls back to polling, which is slower.\n  \
    To raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 \
    (add it to /etc/sysctl.conf to keep it)";

/// A watched source folder.
struct Dir {
    path: PathBuf,
    /// Its identity when it was last watched (`None`: it did not exist).
    id: Option<FileId>,
    /// An event named the folder itself: watch it anew whatever its identity says.
    stale: bool,
}

/// The site's file watcher. Batches arrive through the sink given to [`Watcher::start`]; hand
/// each one to [`Watcher::take`].
pub(crate) struct Watcher {
    backend: Backend,
    sink: Sink,
    root: PathBuf,
    dirs: Vec<Dir>,
    /// Folders whose changes never matter (the output folder).
    ignored: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (an absolute path); batches go to `sender`.
    pub(crate) fn start(root: &Path, poll: bool, sink: Sink) -> notify::Result<Self> {
        let backend = if poll {
            poll_backend(&sink)?
        } else {
            native_backend(&sink)?
        };
        let dirs = SOURCE_DIRS.iter().map(|d| Dir {
            path: root.join(d),
            id: None,
            stale: false,
        });
        let mut watcher = Watcher {
            backend,
            sink,
            root: root.to_path_buf(),
            dirs: dirs.collect(),
            // `.vestis/` holds caches the build itself writes (the image cache).
            ignored: vec![root.join("public"), root.join(".vestis")],
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
                    self.mark_named_dirs(&event.event);
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
                if matches!(self.backend, Backend::Poll(_)) {
                    // The poller compares whole states, so it loses nothing; its errors are
                    // paths it could not read, again on every pass: rebuilding for each would
                    // never stop. The next rebuild still looks at every file.
                    return Batch {
                        touched: Touched::Nothing,
                        changes: Changes::unknown(),
                    };
                }
                // Events may be lost, and watches with them: watch every folder anew and
                // rebuild looking at every file.
                self.dirs.iter_mut().for_each(|d| d.stale = true);
                Batch {
                    touched: Touched::Sources,
                    changes: Changes::unknown(),
                }
            }
        }
    }

    /// One event as a batch: its source paths, or unknown changes when the backend lost
    /// events (a rescan) or did not say which paths changed.
    fn batch_of(&mut self, event: &notify::Event) -> Batch {
        if event.need_rescan() {
            // The backend's queue overflowed: watches may be missing as well as events.
            self.dirs.iter_mut().for_each(|d| d.stale = true);
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

    /// Marks the source folders an event names themselves (not a file inside them) as
    /// created, removed, renamed or anything unspecific: the folder may have been replaced,
    /// and its watch gone with the old one. Such an event on the root itself marks them all.
    /// A folder's contents or times changing (its own write time moves whenever an entry is
    /// added) do not replace it.
    fn mark_named_dirs(&mut self, event: &notify::Event) {
        if matches!(
            event.kind,
            EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_))
        ) {
            return;
        }
        for path in &event.paths {
            let all = *path == self.root;
            for dir in self.dirs.iter_mut().filter(|d| all || d.path == *path) {
                dir.stale = true;
            }
        }
    }

    /// Whether a source folder appeared, disappeared or was replaced (its identity differs
    /// from when it was last watched) without an event saying so. Cheap: one `stat` each.
    pub(crate) fn moved(&self) -> bool {
        self.dirs.iter().any(|d| get_file_id(&d.path).ok() != d.id)
    }

    /// Renews the watch of every source folder an event named, or whose identity changed,
    /// since it was last watched (a watch follows the old folder, not the name). Returns
    /// whether any was renewed: changes made in between were not seen.
    pub(crate) fn resync(&mut self) -> bool {
        let mut renewed = false;
        for i in 0..self.dirs.len() {
            let now = get_file_id(&self.dirs[i].path).ok();
            if now == self.dirs[i].id && !self.dirs[i].stale {
                continue;
            }
            renewed = true;
            let dir = self.dirs[i].path.clone();
            // The old watch may already be gone with its folder: nothing to undo then.
            let _ = self.backend.unwatch(&dir);
            let now = match self.watch_dir(&dir) {
                Ok(()) => now,
                Err(e) => {
                    eprintln!("warning: cannot watch {}: {e}", dir.display());
                    None
                }
            };
            self.dirs[i].id = now;
            self.dirs[i].stale = false;
        }
        renewed
    }

    fn watch_all(&mut self) -> notify::Result<()> {
        self.backend
            .watch(&self.root.clone(), RecursiveMode::NonRecursive)?;
        for i in 0..self.dirs.len() {
            let dir = self.dirs[i].path.clone();
            // The identity first: a folder replaced right after is then seen as moved.
            self.dirs[i].id = get_file_id(&dir).ok();
            self.dirs[i].stale = false;
            self.watch_dir(&dir)?;
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
        self.backend = poll_backend(&self.sink)?;
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

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;

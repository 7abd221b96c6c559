//! The watcher's filtering and its fallbacks to "unknown changes".

use super::*;
use notify::event::{AccessKind, CreateKind, Flag, ModifyKind};
use notify_debouncer_full::DebouncedEvent;
use std::time::Instant;

fn watcher(root: &Path) -> Watcher {
    Watcher::start(root, false, Arc::new(|_| {})).unwrap()
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
    // What builds write into the site itself: the card cache, the list of published addresses.
    assert!(!relevant(".vestis/cache/cards/0123.png"));
    assert!(!relevant(".vestis/urls.json"));
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
    assert_eq!(batch.touched, Touched::Sources);
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

#[test]
fn a_source_folder_named_by_an_event_is_watched_anew_even_with_the_same_identity() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("content")).unwrap();
    let mut w = watcher(root);
    assert!(!w.resync(), "nothing changed yet");
    assert!(!w.moved());
    // `rm -rf content && cp -a backup content`: the new folder often has the old inode, so
    // only the events tell that the watch went with the old folder.
    let create = EventKind::Create(CreateKind::Folder);
    let batch = w.take(Ok(vec![DebouncedEvent::new(
        event(create, root.join("content")),
        Instant::now(),
    )]));
    assert_eq!(batch.touched, Touched::Sources);
    assert!(w.resync(), "the named folder is renewed");
    assert!(!w.resync(), "and only once");
    // The folder's times or a file inside changing do not renew it.
    let times = EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::WriteTime));
    w.take(Ok(vec![DebouncedEvent::new(
        event(times, root.join("content")),
        Instant::now(),
    )]));
    assert!(!w.resync());
    let inside = event(
        EventKind::Modify(ModifyKind::Any),
        root.join("content/a.lv.md"),
    );
    w.take(Ok(vec![DebouncedEvent::new(inside, Instant::now())]));
    assert!(!w.resync());
    // A lost event renews every folder.
    let rescan = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
    w.take(Ok(vec![DebouncedEvent::new(rescan, Instant::now())]));
    assert!(w.resync());
}

#[test]
fn a_folder_that_appears_or_goes_without_an_event_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut w = watcher(root);
    std::fs::create_dir(root.join("static")).unwrap();
    assert!(w.moved());
    assert!(w.resync());
    assert!(!w.moved());
    std::fs::remove_dir(root.join("static")).unwrap();
    assert!(w.moved());
}

//! The render budget: timeouts, their place, cancelling, `range`, the watchdog.

use super::*;
use crate::render::range::range;
use std::path::Path;

#[test]
fn the_first_loop_is_found() {
    assert_eq!(first_loop("<p>\n  {%- for a in x %}"), (2, 3));
    assert_eq!(first_loop("{{ a }} {% if b %}{% for c in d %}"), (1, 19));
    assert_eq!(first_loop("{% format %}"), (1, 1));
    assert_eq!(first_loop("Ā {% for x in y %}"), (1, 3));
}

#[test]
fn a_page_over_its_limit_stops_and_cancels_the_build() {
    let budget = Budget::new();
    let text: Arc<str> = "<p>\n{% for a in b %}x{% endfor %}\n".into();
    let template = PathBuf::from("themes/t/templates/index.html");
    let guard = budget.start_page(template.clone(), text, "lv/index.html", Duration::ZERO);
    std::thread::sleep(Duration::from_millis(2));
    assert_eq!(budget.check_current(), Err(Stop::Timeout));
    assert!(budget.is_cancelled());
    let mut out = Vec::new();
    assert!(guard.writer(&mut out).write_all(b"x").is_err());
    let timeouts = budget.timeouts();
    assert_eq!(timeouts.items().len(), 1);
    let d = &timeouts.items()[0];
    assert_eq!(d.path.as_deref(), Some(template.as_path()));
    assert_eq!((d.line, d.col), (2, 1));
    assert!(
        d.message
            .contains("`lv/index.html` took longer than 0 seconds")
    );
    assert_eq!(guard.stopped(), Some(Stop::Timeout));
    // tera's place of the stop replaces the guess.
    let other: Arc<str> = "a\nb {% for x in y %}".into();
    guard.locate("themes/t/templates/base.html".into(), other, 2, 5);
    let located = budget.timeouts();
    assert_eq!(located.items().len(), 1);
    let d = &located.items()[0];
    assert_eq!((d.line, d.col), (2, 5));
    assert_eq!(
        d.path.as_deref(),
        Some(Path::new("themes/t/templates/base.html"))
    );
    assert_eq!(d.source_line.as_deref(), Some("b {% for x in y %}"));
    drop(guard);
    assert_eq!(budget.check_current(), Err(Stop::Cancelled));
}

#[test]
fn range_counts_like_teras_and_stops_when_cancelled() {
    let budget = Budget::new();
    let mut tera = tera::Tera::new();
    let b = budget.clone();
    tera.register_function("range", move |kwargs: tera::Kwargs, _: &tera::State| {
        range(&b, &kwargs)
    });
    let run = |template: &str| {
        let context = tera::Context::new();
        tera.render_str(template, &context, false)
    };
    let loop_of = |args: &str| format!("{{% for i in range({args}) %}}{{{{ i }}}},{{% endfor %}}");
    assert_eq!(run(&loop_of("end=3")).unwrap(), "0,1,2,");
    assert_eq!(
        run(&loop_of("start=10, end=0, step_by=-4")).unwrap(),
        "10,6,2,"
    );
    assert_eq!(run(&loop_of("start=2, end=2")).unwrap(), "");
    assert!(run(&loop_of("end=100001")).is_err());
    assert!(run(&loop_of("end=1, step_by=0")).is_err());
    budget.cancel();
    let stopped = run(&loop_of("end=3")).unwrap_err();
    assert!(format!("{stopped:?}").contains("budget"), "{stopped:?}");
}

#[test]
fn a_watched_run_gives_up_on_a_page_that_never_stops() {
    let budget = Budget::new();
    let inside = budget.clone();
    let started = Instant::now();
    let outcome: Result<(), Diagnostics> = run_watched(&budget, move || {
        let text: Arc<str> = "{% for a in b %}{% endfor %}".into();
        let path = PathBuf::from("t.html");
        let _guard = inside.start_page(path, text, "index.html", Duration::from_millis(10));
        // A render that checks nothing, for longer than the test waits.
        std::thread::sleep(Duration::from_secs(30));
        Ok(())
    });
    let errors = outcome.unwrap_err();
    assert!(errors.items()[0].message.contains("`index.html`"));
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_call_of_records_is_noted_for_the_page_rendering_now_only() {
    let budget = Budget::new();
    budget.note_records(); // no page running: nothing to note, no panic
    let long = Duration::from_secs(60);
    let a = budget.start_page("a.html".into(), "".into(), "a/index.html", long);
    assert!(!a.read_records());
    {
        let b = budget.start_page("b.html".into(), "".into(), "b/index.html", long);
        budget.note_records();
        assert!(b.read_records());
    }
    assert!(!a.read_records());
    budget.note_records();
    assert!(a.read_records());
    drop(a);
    let c = budget.start_page("a.html".into(), "".into(), "a/index.html", long);
    assert!(!c.read_records(), "a new render starts with a new flag");
}

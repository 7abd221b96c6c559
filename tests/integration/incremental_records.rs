//! Pages that read the records through the `records()` template function are found by noting
//! the call while they render, not by searching the template text: however the call is
//! written (with a space, inside a component, only on some pages), a record edit makes the
//! pages that called it again, and only those (plus the pages that show the record).

use crate::common;

use std::path::Path;

use common::{options, save, temp_copy};
use vestis::{Cache, Rendered};

/// Rebuilds with the cache and checks every file against a build from scratch.
fn rebuild_and_compare(root: &Path, cache: &mut Cache) -> Rendered {
    let cached = vestis::render_site_cached(&options(root), cache).unwrap();
    let fresh = vestis::render_site(&options(root)).unwrap();
    let names = |r: &Rendered| {
        r.output
            .iter()
            .map(|(p, _)| p.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&cached), names(&fresh), "different file lists");
    for ((path, a), (_, b)) in cached.output.iter().zip(fresh.output.iter()) {
        assert!(a == b, "{path} differs from the full build");
    }
    cached
}

fn page(r: &Rendered, path: &str) -> String {
    common::page(r, path)
}

#[test]
fn a_page_that_called_records_however_written_is_made_again_when_a_record_changes() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    let templates = root.join("themes/test/templates");
    // A component (defined with whitespace control) calling `records()`, used by one event's
    // page only; another event's page calls it written with a space.
    save(
        &templates.join("components.html"),
        "{%- component town_list(lang) %}<ul id=\"component-towns\">\
         {% for t in records(collection=\"towns\") %}<li>{{ t.title }}</li>{% endfor %}</ul>\
         {% endcomponent town_list %}",
    );
    let record = templates.join("events/record.html");
    let text = std::fs::read_to_string(&record).unwrap().replace(
        "</article>",
        "{% if page.id == \"rezekne-stage\" %}{{<town_list lang={lang}/>}}{% endif %}\
         {% if page.id == \"daugavpils-show\" %}<ul id=\"spaced-towns\">\
         {% for t in records (collection=\"towns\") %}<li>{{ t.title }}</li>{% endfor %}</ul>\
         {% endif %}</article>",
    );
    save(&record, &text);

    let mut cache = Cache::new();
    let first = rebuild_and_compare(root, &mut cache);
    let calling = |r: &Rendered, marker: &str| -> Vec<String> {
        r.output
            .iter()
            .filter(|(p, b)| p.starts_with("lv/") && String::from_utf8_lossy(b).contains(marker))
            .map(|(p, _)| p.to_string())
            .collect()
    };
    let component = calling(&first, "id=\"component-towns\"");
    let spaced = calling(&first, "id=\"spaced-towns\"");
    assert_eq!(
        (component.len(), spaced.len()),
        (1, 1),
        "{component:?} {spaced:?}"
    );
    let unchanged = rebuild_and_compare(root, &mut cache);
    assert_eq!(unchanged.stats.pages_rendered, 0, "{:?}", unchanged.stats);

    // A town renamed in place: on those two event pages only `records()` shows it.
    save(
        &root.join("content/towns/cesis.lv.md"),
        "---\ntitle: \"Cēsis jaunā\"\n---\n",
    );
    let renamed = rebuild_and_compare(root, &mut cache);
    for path in component.iter().chain(&spaced) {
        assert!(page(&renamed, path).contains("Cēsis jaunā"), "{path}");
    }
    // Pages that did not call `records()` (and do not show the town) were reused.
    assert!(
        renamed.stats.pages_rendered < first.stats.pages_rendered,
        "{:?}",
        renamed.stats
    );
    assert!(renamed.stats.pages_reused > 0, "{:?}", renamed.stats);
}

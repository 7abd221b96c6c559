//! Record bodies outside the record's own page: summaries carry `body` only when a template
//! reads it from a list (`render::body_reads`), and then show it exactly as the record page
//! does (`@/` links resolved, root-relative links under the base path). On the fixture
//! `tests/sites/full` (base path `/sub`), whose own templates read only `page.body`.

use crate::common;

use common::{by_id, page, render, save, temp_copy};

const RECORD: &str = "lv/pasakumi/integracijas-skatuve/index.html";
const LISTS: [&str; 2] = ["lv/pasakumi/index.html", "lv/pasakumi/page/2/index.html"];

/// The body a list shows of the record, if any (`<div class="listed-body">` before its title).
fn listed_body(rendered: &vestis::Rendered) -> Option<String> {
    LISTS.iter().find_map(|path| {
        let html = page(rendered, path);
        let title = html.find("Integrācijas skatuve Rēzeknē</a>")?;
        let start = html[..title].rfind("<div class=\"listed-body\">")?;
        let end = start + html[start..].find("</div>!")?;
        Some(html[start + "<div class=\"listed-body\">".len()..end].to_string())
    })
}

/// The fixture built with `slot` shown before each listed record's title (in
/// `<div class="listed-body">…</div>!`).
fn render_with_list_slot(slot: &str) -> vestis::Rendered {
    let site = temp_copy("sites", "full");
    let list = site.path().join("themes/test/templates/list.html");
    let changed = std::fs::read_to_string(&list).unwrap().replace(
        "<li><a href=\"{{ r.url }}\">",
        &format!("<li><div class=\"listed-body\">{slot}</div>!<a href=\"{{{{ r.url }}}}\">"),
    );
    save(&list, &changed);
    render(site.path())
}

#[test]
fn the_record_page_has_its_body_resolved_and_lists_that_do_not_ask_get_none() {
    // The list names no body: its records' keys are shown instead.
    let rendered = render_with_list_slot("{% for kv in r | pairs %}{{ kv[0] }} {% endfor %}");
    let body = by_id(&page(&rendered, RECORD), "body");
    assert!(
        body.contains("<h2 id=\"programma\">Programma</h2>"),
        "{body}"
    );
    assert!(
        body.contains("href=\"/sub/lv/pasakumi/daugavpils-show/\""),
        "the @/ link is resolved under the base path: {body}"
    );
    let keys = listed_body(&rendered).expect("the list shows the record's keys");
    assert!(
        keys.contains(" title ") && keys.contains(" description "),
        "{keys}"
    );
    assert!(
        !keys.contains("body"),
        "a summary carries no body here: {keys}"
    );
}

#[test]
fn a_list_that_shows_bodies_shows_them_as_the_record_page_does() {
    let rendered = render_with_list_slot("{{ r.body | safe }}");
    let listed = listed_body(&rendered).expect("the list shows the record's body");
    assert!(
        listed.contains("<h2 id=\"programma\">Programma</h2>"),
        "{listed}"
    );
    assert!(page(&rendered, RECORD).contains(listed.trim()));
    assert!(listed.contains("href=\"/sub/lv/pasakumi/daugavpils-show/\""));
}

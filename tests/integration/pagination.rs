//! List pages of a collection with many of them, in the default theme: each links to the
//! first, the last and its near neighbours with `…` between, not to every list page (which
//! would put thousands of links on each page of a large site and make the build quadratic).

use crate::common;

/// The page numbers a list page's pagination shows, `…` for a gap, prev/next left out.
fn shown_numbers(html: &str) -> String {
    let nav = &html[html.find("class=\"pagination\"").expect("a pagination nav")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    let mut shown = Vec::new();
    for item in nav.split("<li").skip(1) {
        if item.contains("page-prev") || item.contains("page-next") {
            continue;
        }
        if item.contains("page-gap") {
            shown.push("…".to_string());
            continue;
        }
        let text = &item[..item.find("</a>").unwrap()];
        let number = &text[text.rfind('>').unwrap() + 1..];
        let current = if item.contains("aria-current=\"page\"") {
            "*"
        } else {
            ""
        };
        shown.push(format!("{number}{current}"));
    }
    shown.join(" ")
}

#[test]
fn many_list_pages_link_the_ends_and_the_neighbours() {
    let site = common::example_copy();
    let yaml_path = site.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let one_per_page = yaml.replacen(
        "path: { lv: pasakumi, ru: meropriyatiya }\n    sort: date desc\n    paginate: 10",
        "path: { lv: pasakumi, ru: meropriyatiya }\n    sort: date desc\n    paginate: 1",
        1,
    );
    assert_ne!(yaml, one_per_page, "the example's events paginate by 10");
    common::save(&yaml_path, &one_per_page);
    let r = common::render(site.path());
    let last = 1 + r
        .output
        .paths()
        .filter(|p| p.starts_with("lv/pasakumi/page/") && p.ends_with("/index.html"))
        .count();
    assert!(
        last >= 12,
        "enough list pages for gaps on both sides: {last}"
    );
    let list = |n: usize| {
        let path = if n == 1 {
            "lv/pasakumi/index.html".to_string()
        } else {
            format!("lv/pasakumi/page/{n}/index.html")
        };
        common::page(&r, &path)
    };
    assert_eq!(shown_numbers(&list(1)), format!("1* 2 3 … {last}"));
    assert_eq!(shown_numbers(&list(6)), format!("1 … 4 5 6* 7 8 … {last}"));
    assert_eq!(
        shown_numbers(&list(last)),
        format!("1 … {} {} {last}*", last - 2, last - 1)
    );
    assert!(
        r.output
            .get(&format!("lv/pasakumi/page/{last}/index.html"))
            .is_some()
    );
}

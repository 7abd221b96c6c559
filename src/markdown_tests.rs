//! Tests of `markdown.rs`: rendering, heading ids, links, plain text, NUL bytes and the
//! linear time of heading ids.

use super::*;

fn ids(md: &str) -> Vec<String> {
    render(md).headings.into_iter().map(|h| h.id).collect()
}

#[test]
fn headings_get_ids_from_their_text() {
    let out = render("# Hello, World!\n\n## Second  *level*\n");
    assert_eq!(
        out.headings,
        vec![
            Heading {
                level: 1,
                id: "hello-world".into(),
                text: "Hello, World!".into()
            },
            Heading {
                level: 2,
                id: "second-level".into(),
                text: "Second level".into()
            },
        ]
    );
    assert!(
        out.html
            .text()
            .contains("<h1 id=\"hello-world\">Hello, World!</h1>")
    );
    assert!(out.html.text().contains("<h2 id=\"second-level\">"));
}

#[test]
fn cyrillic_and_latvian_letters_stay_in_ids() {
    assert_eq!(ids("## Что мы сделали?"), ["что-мы-сделали"]);
    assert_eq!(
        ids("## Ģimeņu Dienas Pasākumi 2024"),
        ["ģimeņu-dienas-pasākumi-2024"]
    );
    // Decomposed ā (a + combining macron) keeps its mark.
    assert_eq!(ids("# Ta\u{0304}"), ["ta\u{0304}"]);
    let out = render("# Что мы сделали?");
    assert!(out.html.text().contains("<h1 id=\"что-мы-сделали\">"));
}

#[test]
fn punctuation_runs_become_one_dash_and_are_trimmed() {
    assert_eq!(ids("# -- «Rīga» — (2024) --"), ["rīga-2024"]);
    assert_eq!(ids("# `code_name` here"), ["code-name-here"]);
    assert_eq!(ids("# ???"), ["section"]);
}

#[test]
fn duplicate_headings_get_numbered_ids() {
    assert_eq!(
        ids("# Plāns\n\n# Plāns\n\n# Plāns\n\n# Plāns 1\n"),
        ["plāns", "plāns-1", "plāns-2", "plāns-1-1"]
    );
}

#[test]
fn explicit_id_wins_and_reserves_it() {
    let out = render("# Intro\n\n# Something {#intro}\n\n# Other {#custom .wide}\n");
    let got: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(got, ["intro-1", "intro", "custom"]);
    assert_eq!(out.headings[1].text, "Something");
    assert!(
        out.html
            .text()
            .contains("<h1 id=\"custom\" class=\"wide\">Other</h1>")
    );
}

#[test]
fn heading_ids_are_escaped() {
    let out = render("# A {#a\"b}\n");
    assert!(!out.html.text().contains("id=\"a\"b\""));
}

#[test]
fn tables_render() {
    let out = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert!(out.html.text().contains("<table>"));
    assert!(out.html.text().contains("<th>a</th>"));
    assert!(out.html.text().contains("<td>2</td>"));
    assert_eq!(out.plain_text.unpack().start(), "a b 1 2");
}

#[test]
fn footnotes_render() {
    let out = render("Text[^1].\n\n[^1]: The note.\n");
    assert!(out.html.text().contains("class=\"footnote-reference\""));
    assert!(out.html.text().contains("class=\"footnote-definition\""));
    assert!(out.html.text().contains("The note."));
    assert_eq!(out.plain_text.unpack().start(), "Text. The note.");
}

#[test]
fn strikethrough_and_task_lists_render() {
    let out = render("~~old~~ new\n\n- [x] done\n- [ ] todo\n");
    assert!(out.html.text().contains("<del>old</del>"));
    assert!(out.html.text().contains("checked=\"\""));
    assert_eq!(out.html.text().matches("type=\"checkbox\"").count(), 2);
    assert_eq!(out.plain_text.unpack().start(), "old new done todo");
}

#[test]
fn raw_html_is_kept() {
    let md = "<div class=\"map\"><iframe src=\"x\"></iframe></div>\n\nA <b>bold</b> word.\n";
    let out = render(md);
    assert!(
        out.html
            .text()
            .contains("<div class=\"map\"><iframe src=\"x\"></iframe></div>")
    );
    assert!(out.html.text().contains("A <b>bold</b> word."));
    assert_eq!(out.plain_text.unpack().start(), "A bold word.");
}

#[test]
fn links_and_images_are_listed_with_offsets() {
    let md =
        "See [a](../a/) and ![pic](img.png \"t\").\n\n<https://x.lv> <me@x.lv> [r]\n\n[r]: /ref/\n";
    let out = render(md);
    let dests: Vec<_> = out.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(
        dests,
        [
            "../a/",
            "img.png",
            "https://x.lv",
            "mailto:me@x.lv",
            "/ref/"
        ]
    );
    for link in &out.links {
        let at = &md[link.offset..];
        assert!(at.starts_with('[') || at.starts_with("![") || at.starts_with('<'));
    }
    assert_eq!(out.links[0].offset, md.find("[a]").unwrap());
    assert_eq!(out.links[1].offset, md.find("![pic]").unwrap());
    let positions: Vec<_> = out.links.iter().map(|l| (l.line, l.col)).collect();
    assert_eq!(positions, [(1, 5), (1, 20), (3, 1), (3, 16), (3, 26)]);
}

#[test]
fn link_columns_count_characters() {
    let out = render("Ģērbs —\nžē [x](/y/)\n");
    assert_eq!((out.links[0].line, out.links[0].col), (2, 4));
}

#[test]
fn plain_text_collapses_whitespace_and_drops_markup() {
    let md = "# Title\n\nOne *two*   **three**\nfour  \nfive `six`.\n\n> quote\n\n    code\n";
    assert_eq!(
        render(md).plain_text.unpack().start(),
        "Title One two three four five six. quote code"
    );
}

#[test]
fn empty_input() {
    let out = render("");
    assert_eq!(out.html.text(), "");
    assert!(out.headings.is_empty() && out.links.is_empty());
    assert_eq!(out.plain_text.unpack().start(), "");
}

#[test]
fn inline_drops_the_paragraph() {
    assert_eq!(
        render_inline("Ar *uzsvaru* & [saiti](/x/)"),
        "Ar <em>uzsvaru</em> &amp; <a href=\"/x/\">saiti</a>"
    );
    assert_eq!(render_inline("plain"), "plain");
    assert_eq!(render_inline(""), "");
}

#[test]
fn inline_keeps_blocks_that_are_not_one_paragraph() {
    assert_eq!(render_inline("a\n\nb"), "<p>a</p>\n<p>b</p>");
    assert_eq!(render_inline("- x"), "<ul>\n<li>x</li>\n</ul>");
}

#[test]
fn a_nul_byte_becomes_the_replacement_character() {
    let source = "a\0b [x\0](y\0z)\n\n# T\0itle\n\n`c\0` <i>\0</i>\n";
    let out = render(source);
    assert!(!out.html.text().contains('\0'), "{:?}", out.html.text());
    assert!(
        out.html.text().contains("a\u{FFFD}b"),
        "{}",
        out.html.text()
    );
    assert!(
        out.html.text().contains("<code>c\u{FFFD}</code>"),
        "{}",
        out.html.text()
    );
    assert!(!out.plain_text.unpack().start().contains('\0'));
    assert_eq!(out.headings[0].text, "T\u{FFFD}itle");
    // The link keeps its position in the source as written, with the NUL.
    let link = &out.links[0];
    assert_eq!(link.offset, source.find('[').unwrap());
    assert_eq!((link.line, link.col), (1, 5));
    assert!(!link.dest.contains('\0'));
    let inline = render_inline("x\0y");
    assert_eq!(inline, "x\u{FFFD}y");
}

#[test]
fn offsets_after_several_nul_bytes_point_into_the_source() {
    let source = "\0\0 [a](b) \0 [c](d)\n";
    let offsets: Vec<usize> = render(source).links.iter().map(|l| l.offset).collect();
    assert_eq!(offsets, [3, 12]);
    assert_eq!(&source[offsets[1]..offsets[1] + 3], "[c]");
}

/// `count` times the same heading.
fn same_heading(count: usize) -> String {
    "## Programma\n\n".repeat(count)
}

#[test]
fn many_identical_headings_are_numbered_in_linear_time() {
    let start = std::time::Instant::now();
    let out = render(&same_heading(20_000));
    let elapsed = start.elapsed();
    assert_eq!(out.headings.len(), 20_000);
    assert_eq!(out.headings[0].id, "programma");
    assert_eq!(out.headings[1].id, "programma-1");
    assert_eq!(out.headings[19_999].id, "programma-19999");
    // Quadratic numbering took about 16 s for this in a release build; linear takes well
    // under a second even unoptimised on a busy machine.
    assert!(elapsed.as_secs() < 8, "{elapsed:?}");
}

#[test]
fn numbering_resumes_past_ids_taken_by_other_headings() {
    let md = "# A 1\n\n# A\n\n# A\n\n# A {#a-2}\n\n# A\n\n# A 1\n";
    assert_eq!(ids(md), ["a-1", "a", "a-3", "a-2", "a-4", "a-1-1"]);
}

/// `cargo test --release --lib -- --ignored --nocapture heading_scaling`: times n and 4n
/// identical headings.
#[test]
#[ignore]
fn heading_scaling() {
    for n in [3_000, 12_000, 40_000, 160_000] {
        let text = same_heading(n);
        let start = std::time::Instant::now();
        let out = render(&text);
        eprintln!("{n} headings: {:.3?}", start.elapsed());
        assert_eq!(out.headings.len(), n);
    }
}

#[test]
fn only_html_a_page_may_change_needs_resolving() {
    for (md, needs) in [
        ("Plain *text* and [a site](https://example.org).\n", false),
        ("[Home](/lv/)\n", true),
        ("[The play](@/events/izrade)\n", true),
        ("![Hall](https://example.org/zale.jpg)\n", true),
        ("a = b / c, <em>raw</em>\n", false),
    ] {
        assert_eq!(render(md).html_needs_resolving, needs, "{md}");
    }
}

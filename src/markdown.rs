//! Markdown → HTML: the only user of pulldown-cmark.
//!
//! A record's Markdown body becomes HTML plus what later stages need from it without
//! re-parsing: heading ids (for anchors and a table of contents), every link destination
//! (for the broken-link check) and the plain text (for the search index).
//!
//! This module must not know about records, languages, URLs or templates: it takes a string
//! and returns values. Rewriting links to other records belongs to the caller, which knows
//! the site; raw HTML is the author's and is passed through untouched.

use std::collections::HashSet;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd, html};

/// A heading of the document, with the id it was rendered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, up to 6 for `######`.
    pub level: u8,
    /// The `id` attribute: the explicit `{#id}` if given, otherwise derived from the text
    /// and unique within the document.
    pub id: String,
    /// The heading's text without markup, whitespace collapsed.
    pub text: String,
}

/// A link or image destination found in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (`mailto:` added for email autolinks, as in the HTML).
    pub dest: String,
    /// Byte offset of the link (its opening `[`, `![` or `<`) in the Markdown source.
    pub offset: usize,
    /// 1-based line of that offset in the Markdown source.
    pub line: usize,
    /// 1-based column of that offset, in characters.
    pub col: usize,
}

/// The result of rendering a Markdown document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMarkdown {
    /// The HTML body.
    pub html: String,
    /// The headings, in document order.
    pub headings: Vec<Heading>,
    /// Every link and image destination, in document order. Links inside raw HTML are not
    /// parsed and so not listed.
    pub links: Vec<Link>,
    /// The text without markup and raw HTML, whitespace collapsed to single spaces.
    pub plain_text: String,
}

/// The Markdown dialect of record bodies: CommonMark plus tables, footnotes,
/// strikethrough, task lists and heading attributes (`# Title {#id .class}`).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown document to HTML, giving every heading an `id`.
pub fn render(markdown: &str) -> RenderedMarkdown {
    let mut events = Vec::new();
    let mut links = Vec::new();
    let mut lines = LineCounter::default();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                ..
            }
            | Tag::Image {
                link_type,
                dest_url,
                ..
            },
        ) = &event
        {
            let dest = if *link_type == LinkType::Email {
                format!("mailto:{dest_url}")
            } else {
                dest_url.to_string()
            };
            let (line, col) = lines.position(markdown, range.start);
            links.push(Link {
                dest,
                offset: range.start,
                line,
                col,
            });
        }
        events.push(event);
    }
    let headings = assign_heading_ids(&mut events);
    let plain_text = plain_text(&events);
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut html, events.into_iter());
    RenderedMarkdown {
        html,
        headings,
        links,
        plain_text,
    }
}

/// Turns byte offsets into lines and columns, scanning the source once when the offsets
/// grow (links come in document order) and from the start otherwise. The column is counted
/// on the way too, so that many links on one long line cost one pass, not one per link.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
    /// Characters between the start of the line and `offset`.
    col: usize,
}

impl LineCounter {
    /// The 1-based line and column (in characters) of `offset` in `text`.
    fn position(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        if offset < self.offset || !text.is_char_boundary(offset) {
            *self = LineCounter::default();
        }
        for &b in &text.as_bytes()[self.offset..offset] {
            if b == b'\n' {
                self.line += 1;
                self.col = 0;
            } else if b & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: a new character.
                self.col += 1;
            }
        }
        self.offset = offset;
        (self.line + 1, self.col + 1)
    }
}

/// Renders a one-line Markdown field (a title, a caption): the same HTML as [`render`]
/// without the `<p>…</p>` wrapped around a single paragraph and without the final newline.
pub fn render_inline(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let inner = if is_single_paragraph(&events) {
        &events[1..events.len() - 1]
    } else {
        &events[..]
    };
    let mut html = String::with_capacity(markdown.len() + 16);
    html::push_html(&mut html, inner.iter().cloned());
    html.truncate(html.trim_end_matches('\n').len());
    html
}

/// True when the events are exactly one paragraph: `Start(Paragraph)` … its matching end.
fn is_single_paragraph(events: &[Event]) -> bool {
    if !matches!(events.first(), Some(Event::Start(Tag::Paragraph))) {
        return false;
    }
    let mut depth = 0usize;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i == events.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// A heading found in the event stream, before its id is decided.
struct FoundHeading {
    /// Index of its `Start` event.
    index: usize,
    level: u8,
    explicit_id: Option<String>,
    text: String,
}

/// Sets the `id` of every heading start event and returns the headings.
///
/// Explicit ids are kept as written (even when repeated: the author asked for them);
/// derived ids never collide with an explicit id or an earlier derived one.
fn assign_heading_ids(events: &mut [Event]) -> Vec<Heading> {
    let found = find_headings(events);
    let mut used: HashSet<String> = found.iter().filter_map(|h| h.explicit_id.clone()).collect();
    let mut headings = Vec::with_capacity(found.len());
    for heading in found {
        let id = match heading.explicit_id {
            Some(id) => id,
            None => unique_id(heading_slug(&heading.text), &mut used),
        };
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[heading.index] {
            *slot = Some(id.clone().into());
        }
        headings.push(Heading {
            level: heading.level,
            id,
            text: heading.text,
        });
    }
    headings
}

/// Collects the headings with their text (the text and code inside them).
fn find_headings(events: &[Event]) -> Vec<FoundHeading> {
    let mut found = Vec::new();
    let mut current: Option<FoundHeading> = None;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some(FoundHeading {
                    index,
                    level: *level as u8,
                    explicit_id: id.as_ref().map(|id| id.to_string()),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut heading) = current.take() {
                    heading.text = collapse_whitespace(&heading.text);
                    found.push(heading);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = &mut current {
                    heading.text.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(heading) = &mut current {
                    heading.text.push(' ');
                }
            }
            _ => {}
        }
    }
    found
}

/// `base`, or `base-1`, `base-2`… whichever is not used yet; records the result as used.
fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 1;
    while used.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// The id derived from a heading's text: lowercase, letters and digits of any script kept,
/// every run of other characters turned into one `-`, no `-` at either end.
/// A heading with no letter or digit gets `section`.
pub fn heading_slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        // A combining mark (decomposed `ā` = `a` + U+0304) belongs to the letter before it.
        let mark = is_combining_mark(c) && !slug.is_empty() && !pending_dash;
        if c.is_alphanumeric() || mark {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// The combining diacritical marks block, which covers the decomposed Latvian letters.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The document's text for the search index: text and code, with a space wherever a
/// block ends or a line breaks, without raw HTML, footnote markers or task checkboxes.
fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            Event::End(end) if !is_inline(end) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// Inline elements do not separate words: `foo*bar*` is one word.
fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Trims and turns every run of whitespace into one space.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
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
                .contains("<h1 id=\"hello-world\">Hello, World!</h1>")
        );
        assert!(out.html.contains("<h2 id=\"second-level\">"));
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
        assert!(out.html.contains("<h1 id=\"что-мы-сделали\">"));
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
                .contains("<h1 id=\"custom\" class=\"wide\">Other</h1>")
        );
    }

    #[test]
    fn heading_ids_are_escaped() {
        let out = render("# A {#a\"b}\n");
        assert!(!out.html.contains("id=\"a\"b\""));
    }

    #[test]
    fn tables_render() {
        let out = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("<th>a</th>"));
        assert!(out.html.contains("<td>2</td>"));
        assert_eq!(out.plain_text, "a b 1 2");
    }

    #[test]
    fn footnotes_render() {
        let out = render("Text[^1].\n\n[^1]: The note.\n");
        assert!(out.html.contains("class=\"footnote-reference\""));
        assert!(out.html.contains("class=\"footnote-definition\""));
        assert!(out.html.contains("The note."));
        assert_eq!(out.plain_text, "Text. The note.");
    }

    #[test]
    fn strikethrough_and_task_lists_render() {
        let out = render("~~old~~ new\n\n- [x] done\n- [ ] todo\n");
        assert!(out.html.contains("<del>old</del>"));
        assert!(out.html.contains("checked=\"\""));
        assert_eq!(out.html.matches("type=\"checkbox\"").count(), 2);
        assert_eq!(out.plain_text, "old new done todo");
    }

    #[test]
    fn raw_html_is_kept() {
        let md = "<div class=\"map\"><iframe src=\"x\"></iframe></div>\n\nA <b>bold</b> word.\n";
        let out = render(md);
        assert!(
            out.html
                .contains("<div class=\"map\"><iframe src=\"x\"></iframe></div>")
        );
        assert!(out.html.contains("A <b>bold</b> word."));
        assert_eq!(out.plain_text, "A bold word.");
    }

    #[test]
    fn links_and_images_are_listed_with_offsets() {
        let md = "See [a](../a/) and ![pic](img.png \"t\").\n\n<https://x.lv> <me@x.lv> [r]\n\n[r]: /ref/\n";
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
            render(md).plain_text,
            "Title One two three four five six. quote code"
        );
    }

    #[test]
    fn empty_input() {
        let out = render("");
        assert_eq!(out.html, "");
        assert!(out.headings.is_empty() && out.links.is_empty());
        assert_eq!(out.plain_text, "");
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
}

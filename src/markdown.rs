//! Markdown → HTML: the only user of pulldown-cmark.
//!
//! A record's Markdown body becomes HTML plus what later stages need from it without
//! re-parsing: heading ids (for anchors and a table of contents), every link destination
//! (for the broken-link check) and the plain text (for the search index).
//!
//! This module must not know about records, languages, URLs or templates: it takes a string
//! and returns values. Rewriting links to other records belongs to the caller, which knows
//! the site; raw HTML is the author's and is passed through untouched.

use std::borrow::Cow;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, html};

use crate::compact_text::CompactText;
use crate::plain_text::PlainText;

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
    /// The HTML body, kept compressed for the build (see `crate::compact_text`).
    pub html: CompactText,
    /// Whether a page may show the HTML changed ([`needs_resolving`]): it has a root-relative
    /// or `@/` destination, or a photo. The others are shown exactly as rendered.
    pub html_needs_resolving: bool,
    /// The headings, in document order.
    pub headings: Vec<Heading>,
    /// Every link and image destination, in document order. Links inside raw HTML are not
    /// parsed and so not listed.
    pub links: Vec<Link>,
    /// The text without markup and raw HTML, whitespace collapsed to single spaces: what the
    /// build keeps of it (its beginning, its words, see [`PlainText`]).
    pub plain_text: PlainText,
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
pub fn render(source: &str) -> RenderedMarkdown {
    render_resolving(source, &mut |_, _| None)
}

/// Like [`render`]; each relative link or image destination (`zale.jpg`, `programma.pdf#p2`:
/// no scheme, not starting with `/`, `#`, `?` or `@`) is offered to `resolve` with whether it
/// is an image, and replaced by the URL it returns (the link list gets the new destination).
pub fn render_resolving(
    source: &str,
    resolve: &mut dyn FnMut(&str, bool) -> Option<String>,
) -> RenderedMarkdown {
    let (markdown, nuls) = without_nul(source);
    let markdown = markdown.as_ref();
    // About one event in every 12 bytes of Markdown.
    let mut events = Vec::with_capacity(markdown.len() / 12);
    let mut links = Vec::new();
    let mut lines = LineCounter::default();
    for (mut event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let is_image = matches!(event, Event::Start(Tag::Image { .. }));
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event
            && is_relative(dest_url)
            && let Some(url) = resolve(dest_url, is_image)
        {
            *dest_url = url.into();
        }
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
                offset: nuls.source_offset(range.start),
                line,
                col,
            });
        }
        events.push(event);
    }
    let headings = assign_heading_ids(&mut events);
    let plain_text = PlainText::new(&plain_text(&events));
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut html, events.into_iter());
    // Kept with the record for the whole build.
    links.shrink_to_fit();
    RenderedMarkdown {
        html_needs_resolving: needs_resolving(&html),
        html: CompactText::new(&html),
        headings,
        links,
        plain_text,
    }
}

/// Whether a page may show `html` otherwise than it is (see `render::context`): a root-relative
/// destination moves under the base path, an `@/` link becomes the target's URL, a photo
/// becomes a `<picture>`.
pub fn needs_resolving(html: &str) -> bool {
    html.contains("=\"/") || html.contains("=\"@/") || html.contains("<img")
}

/// A destination relative to the record's folder: no scheme, not rooted, not an anchor, a
/// query or an `@/` record link.
fn is_relative(dest: &str) -> bool {
    let scheme = dest
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && !s.contains('/'));
    !dest.is_empty() && !scheme && !dest.starts_with(['/', '#', '?', '@'])
}

/// CommonMark (§2.3 "Insecure characters"): U+0000 is replaced by U+FFFD REPLACEMENT
/// CHARACTER, which pulldown-cmark leaves to its callers. Returns the text to parse and the
/// places of the replacements (U+FFFD is 3 bytes where NUL was 1; lines and columns in
/// characters stay the same).
fn without_nul(source: &str) -> (Cow<'_, str>, NulShifts) {
    if !source.contains('\0') {
        return (Cow::Borrowed(source), NulShifts::default());
    }
    let replaced_at = source
        .match_indices('\0')
        .enumerate()
        .map(|(i, (at, _))| at + 2 * i)
        .collect();
    (
        Cow::Owned(source.replace('\0', "\u{FFFD}")),
        NulShifts { replaced_at },
    )
}

/// Where [`without_nul`] put a U+FFFD, as byte offsets in the replaced text (ascending).
#[derive(Default)]
struct NulShifts {
    replaced_at: Vec<usize>,
}

impl NulShifts {
    /// The byte offset in the source of a byte offset in the replaced text.
    fn source_offset(&self, offset: usize) -> usize {
        let before = self.replaced_at.partition_point(|&at| at < offset);
        offset - 2 * before
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
pub fn render_inline(source: &str) -> String {
    let (markdown, _) = without_nul(source);
    let markdown = markdown.as_ref();
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

#[path = "markdown_headings.rs"]
mod headings;

pub use headings::heading_slug;
use headings::{assign_heading_ids, plain_text};

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;

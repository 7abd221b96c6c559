//! Headings of a Markdown body: each gets an `id` (kept as written, else made from its text
//! and never repeated) for the page's links and table of contents. Split from `markdown.rs`,
//! which renders the body.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Heading;

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
///
/// Linear time in the number and length of the headings (see [`UniqueIds`]).
pub(super) fn assign_heading_ids(events: &mut [Event]) -> Vec<Heading> {
    let found = find_headings(events);
    let mut ids = UniqueIds {
        used: found.iter().filter_map(|h| h.explicit_id.clone()).collect(),
        next: HashMap::new(),
    };
    let mut headings = Vec::with_capacity(found.len());
    for heading in found {
        let id = match heading.explicit_id {
            Some(id) => id,
            None => ids.unique(heading_slug(&heading.text)),
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

/// The ids given so far, and for each base the next number to try.
///
/// Complexity: a candidate `base-n` names exactly one (base, n) (`n` has no `-`), every base
/// resumes at the number after its last try, and `used` only grows, so each candidate is
/// tried at most once per document: O(headings + ids skipped) hash look-ups, linear in the
/// size of the document. (Trying `base-1`, `base-2`… from 1 each time was quadratic: 40,000
/// identical headings took a minute.)
struct UniqueIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UniqueIds {
    /// `base`, or `base-1`, `base-2`… whichever is not used yet; records the result as used.
    fn unique(&mut self, base: String) -> String {
        let n = self.next.entry(base.clone()).or_insert(0);
        loop {
            let candidate = if *n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            *n += 1;
            if !self.used.contains(&candidate) {
                self.used.insert(candidate.clone());
                return candidate;
            }
        }
    }
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
pub(super) fn plain_text(events: &[Event]) -> String {
    let mut text = Collapsed::default();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push(t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.gap(),
            Event::End(end) if !is_inline(end) => text.gap(),
            _ => {}
        }
    }
    // Not kept (only what `PlainText` takes of it is): no shrinking, which would copy it.
    text.text
}

/// Text put together piece by piece with whitespace collapsed on the way: the same as
/// [`collapse_whitespace`] of all the pieces joined, without making the joined text first.
#[derive(Default)]
struct Collapsed {
    text: String,
    /// Whitespace came after the last word: the next word is preceded by one space.
    space: bool,
}

impl Collapsed {
    fn push(&mut self, piece: &str) {
        if is_collapsed(piece) {
            // Nearly every piece of prose: its words are one space apart already.
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(piece);
            self.space = false;
            return;
        }
        let mut words = piece.split_whitespace();
        let Some(first) = words.next() else {
            self.space |= !piece.is_empty();
            return;
        };
        if (self.space || piece.starts_with(char::is_whitespace)) && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(first);
        for word in words {
            self.text.push(' ');
            self.text.push_str(word);
        }
        self.space = piece.ends_with(char::is_whitespace);
    }

    /// A separation between words, as whitespace would be.
    fn gap(&mut self) {
        self.space = true;
    }
}

/// Whether `piece` is already as [`collapse_whitespace`] makes it and not empty: no whitespace
/// at either end, and none inside but single ASCII spaces. Looks at bytes; a character is
/// decoded only where a byte begins one of the few non-ASCII whitespace characters (U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 all begin with
/// 0xC2, 0xE1, 0xE2 or 0xE3 in UTF-8).
fn is_collapsed(piece: &str) -> bool {
    let bytes = piece.as_bytes();
    if bytes.first().is_none_or(|&b| b == b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3
                if piece
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_whitespace) =>
            {
                return false;
            }
            _ => after_space = false,
        }
    }
    true
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

    #[test]
    fn collapsing_piece_by_piece_equals_collapsing_the_joined_text() {
        let pieces = [
            "",
            " ",
            "Rēzekne",
            " un",
            "\u{a0}Daugavpils ",
            "",
            "  ",
            "kopā",
            "\n",
            "—",
            "x",
            "y  z",
            " ",
            "\t",
            "a\u{2003}b",
            "c\u{85}d e",
            "f\u{3000}",
            "\u{1680}g",
            "h\u{2014}i\u{ab}j\u{bb}",
        ];
        // Every run of up to four consecutive pieces, with and without a gap before each.
        for start in 0..pieces.len() {
            for len in 1..=4.min(pieces.len() - start) {
                for gaps in 0..(1u32 << len) {
                    let mut collapsed = Collapsed::default();
                    let mut joined = String::new();
                    for (i, piece) in pieces[start..start + len].iter().enumerate() {
                        if gaps & (1 << i) != 0 {
                            collapsed.gap();
                            joined.push(' ');
                        }
                        collapsed.push(piece);
                        joined.push_str(piece);
                    }
                    assert_eq!(collapsed.text, collapse_whitespace(&joined), "{joined:?}");
                }
            }
        }
    }
}

//! Source lines under diagnostics found after the files were read (broken links, unfinished
//! texts): each file is read and split into lines once however many diagnostics it has, and a
//! very long line is shown cut around the marker, so that 25,000 problems on one 5 MB line
//! cost 25,000 short windows, not 25,000 copies of the line. Linear in the files' size plus
//! the number of diagnostics.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;

/// Lines longer than this many characters are shown as a window around the marker.
const LONGEST_SHOWN: usize = 160;
/// Characters shown before the marker in such a window.
const BEFORE_MARKER: usize = 60;
/// Every how many characters a long line's byte offset is noted.
const STEP: usize = 64;

/// One line of a file, with a sparse index of character positions when it is long.
struct Line {
    text: String,
    /// Byte offset of every `STEP`th character, and the number of characters (long lines).
    index: Option<(Vec<usize>, usize)>,
}

impl Line {
    fn new(text: &str) -> Line {
        let text = text.trim_end_matches('\r').to_string();
        if text.len() <= LONGEST_SHOWN {
            return Line { text, index: None };
        }
        let mut offsets = Vec::new();
        let mut count = 0;
        for (i, (at, _)) in text.char_indices().enumerate() {
            if i % STEP == 0 {
                offsets.push(at);
            }
            count = i + 1;
        }
        let index = (count > LONGEST_SHOWN).then_some((offsets, count));
        Line { text, index }
    }

    /// The byte offset of character `k` (at most the line's end).
    fn byte_of(&self, offsets: &[usize], k: usize) -> usize {
        let Some(&start) = offsets.get(k / STEP) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(k % STEP)
            .map_or(self.text.len(), |(at, _)| start + at)
    }

    /// The line as shown for a marker at 1-based character `col`, and the marker's column in it.
    fn shown(&self, col: usize) -> (String, usize) {
        let Some((offsets, count)) = &self.index else {
            return (self.text.clone(), col);
        };
        let first = col.saturating_sub(1).saturating_sub(BEFORE_MARKER);
        let last = (first + LONGEST_SHOWN).min(*count);
        let (from, to) = (self.byte_of(offsets, first), self.byte_of(offsets, last));
        let mut shown = String::new();
        let mut col = col - first;
        if first > 0 {
            shown.push('…');
            col += 1;
        }
        shown.push_str(&self.text[from..to]);
        if last < *count {
            shown.push('…');
        }
        (shown, col)
    }
}

/// Adds the source line under each diagnostic that has a line but no snippet yet.
pub(crate) fn with_snippets(diagnostics: Diagnostics, root: &Path) -> Diagnostics {
    let mut files: HashMap<PathBuf, Option<Vec<Line>>> = HashMap::new();
    let mut out = Diagnostics::new();
    for d in diagnostics.items() {
        let mut d = d.clone();
        if let Some(path) = d
            .path
            .clone()
            .filter(|_| d.line > 0 && d.source_line.is_none())
        {
            let file = files.entry(path).or_insert_with_key(|p| {
                let text = crate::content::read_text(root, p).ok()?;
                Some(text.lines().map(Line::new).collect())
            });
            if let Some(line) = file.as_ref().and_then(|f| f.get(d.line - 1)) {
                let (shown, col) = line.shown(d.col.max(1));
                let room = shown.chars().count().saturating_sub(col - 1).max(1);
                d.source_line = Some(shown);
                d.col = col;
                d.marker_len = d.marker_len.min(room);
            }
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(
            Line::new("title: x\r").shown(8),
            ("title: x".to_string(), 8)
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_marker() {
        let text = format!("{}[x](#nope){}", "ā".repeat(1000), "b".repeat(1000));
        let line = Line::new(&text);
        let (shown, col) = line.shown(1001);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().count(), LONGEST_SHOWN + 2);
        let marked: String = shown.chars().skip(col - 1).take(4).collect();
        assert_eq!(marked, "[x](");
        // At the start: no leading cut.
        let (shown, col) = line.shown(1);
        assert_eq!((shown.chars().next(), col), (Some('ā'), 1));
    }
}

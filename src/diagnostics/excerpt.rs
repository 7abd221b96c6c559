//! How much of a source line and of a quoted value a diagnostic shows: all of a normal
//! line, and a cut around the marker of a very long one (a 10 MB value on one line), so
//! that printing a diagnostic is bounded whatever the input.

/// At most this many characters of a quoted value (between backticks) are shown in a message.
const QUOTE_MAX: usize = 60;

/// The message with every quoted value longer than [`QUOTE_MAX`] characters cut, with `…`:
/// messages quote what the author wrote, which may be a whole 10 MB line.
pub(super) fn shorten_quotes(message: &str) -> std::borrow::Cow<'_, str> {
    let too_long = |part: &str| part.chars().nth(QUOTE_MAX).is_some();
    if !message.split('`').skip(1).step_by(2).any(too_long) {
        return message.into();
    }
    let mut out = String::with_capacity(LINE_MAX * 2);
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && too_long(part) {
            let end = part
                .char_indices()
                .nth(QUOTE_MAX)
                .map_or(part.len(), |(b, _)| b);
            out.push_str(&part[..end]);
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out.into()
}

/// At most this many characters of a long source line are shown (plus `…` at a cut end).
const LINE_MAX: usize = 120;
/// A source line of up to this many characters is shown whole.
const WHOLE_MAX: usize = 160;
/// Characters shown before the marker when a long line is cut.
const BEFORE_MARKER: usize = 40;
/// At most this many `^` are drawn (then `…`).
const MARKER_MAX: usize = 60;

/// The part of a source line shown under a message, and its marker. A line of up to
/// [`WHOLE_MAX`] characters is shown whole; a longer one (a 10 MB value on one line) is cut
/// around the marker, with `…` where text was left out, so a diagnostic stays a few lines
/// whatever the input. Linear in the line's length.
pub(super) struct Excerpt {
    pub text: String,
    /// Spaces before the marker.
    pub pad: usize,
    /// `^^^`, ending in `…` when the marked text goes on past what is drawn.
    pub marker: String,
}

impl Excerpt {
    /// `col` is the 1-based column of the marker, `len` its length, both in characters.
    pub fn new(source: &str, col: usize, len: usize) -> Self {
        let chars = source.chars().count();
        let start = col.saturating_sub(1);
        let len = len.max(1);
        if chars <= WHOLE_MAX && start + len <= WHOLE_MAX + 1 {
            return Excerpt {
                text: source.to_string(),
                pad: start,
                marker: "^".repeat(len),
            };
        }
        let start = start.min(chars);
        let from = start.saturating_sub(BEFORE_MARKER);
        let to = chars.min(from + LINE_MAX);
        let byte = |n: usize| {
            source
                .char_indices()
                .nth(n)
                .map_or(source.len(), |(i, _)| i)
        };
        let (from_byte, to_byte) = (byte(from), byte(to));
        let mut text = String::with_capacity(to_byte - from_byte + 8);
        if from > 0 {
            text.push('…');
        }
        text.push_str(&source[from_byte..to_byte]);
        if to < chars {
            text.push('…');
        }
        let drawn = len.min(MARKER_MAX);
        let mut marker = "^".repeat(drawn);
        if drawn < len {
            marker.push('…');
        }
        Excerpt {
            text,
            pad: start - from + usize::from(from > 0),
            marker,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostics::Diagnostic;

    /// The printed source line and marker line of a diagnostic (without the gutter).
    fn snippet(d: &Diagnostic) -> (String, String) {
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        let cut = |l: &str| l.split_once(" | ").map_or(String::new(), |(_, t)| t.into());
        (cut(lines[2]), cut(lines[3]))
    }

    #[test]
    fn a_ten_megabyte_line_is_cut_around_the_marker() {
        let mut text = "participants: ".to_string();
        let value_at = text.len();
        text.push_str(&"ā".repeat(5_000_000));
        text.push_str("7X");
        text.push_str(&"x".repeat(5_000_000));
        text.push('\n');
        // The whole value marked.
        let d = Diagnostic::error(Some(Path::new("a.yaml")), "not a number").at_offset(
            &text,
            value_at,
            text.len() - value_at - 1,
        );
        let shown = d.to_string();
        assert!(shown.len() < 600, "{} bytes", shown.len());
        let (line, marker) = snippet(&d);
        assert!(
            line.starts_with("participants: āā") && line.ends_with('…'),
            "{line}"
        );
        assert_eq!(
            marker.trim_start().chars().filter(|&c| c == '^').count(),
            MARKER_MAX
        );
        assert!(marker.ends_with('…'));
        // The marker starts under the value's first character.
        let pad = marker.len() - marker.trim_start().len();
        assert_eq!(line.chars().nth(pad), Some('ā'));
        // One character deep inside the line: cut on both sides, still under it.
        let x = text.find("7X").unwrap() + 1;
        let d = Diagnostic::error(None, "m").at_offset(&text, x, 1);
        let (line, marker) = snippet(&d);
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert!(line.chars().count() <= LINE_MAX + 2);
        assert_eq!(marker.trim_start(), "^");
        assert_eq!(line.chars().nth(marker.len() - 1), Some('X'));
    }

    #[test]
    fn long_quoted_values_in_messages_are_cut() {
        let long = "9".repeat(1_000_000);
        let message = format!("field `participants` expects a whole number, found text `{long}`");
        let shown = Diagnostic::error(None, message).to_string();
        let want = format!(
            "field `participants` expects a whole number, found text `{}…`",
            "9".repeat(QUOTE_MAX)
        );
        assert_eq!(shown, format!("error: {want}\n"));
        let short = "unknown field `dat`, did you mean `date`?";
        assert_eq!(shorten_quotes(short), short);
    }

    #[test]
    fn short_lines_are_shown_whole_and_a_marker_at_the_end_is_kept() {
        let text = format!("{}\n", "y".repeat(WHOLE_MAX));
        let d = Diagnostic::error(None, "m").at_line_col(&text, 1, WHOLE_MAX + 1, 1);
        let (line, marker) = snippet(&d);
        assert_eq!(line, "y".repeat(WHOLE_MAX));
        assert_eq!(marker, format!("{}^", " ".repeat(WHOLE_MAX)));
        // Past the end of a long line: cut before, the marker right after the text.
        let text = "z".repeat(1_000);
        let d = Diagnostic::error(None, "m").at_line_col(&text, 1, 1_001, 1);
        let (line, marker) = snippet(&d);
        assert!(line.starts_with('…') && !line.ends_with('…'), "{line}");
        assert_eq!(marker.len() - 1, line.chars().count());
    }
}

//! Fitting a text into a box of a share card: greedy word wrapping, shrinking the font from
//! the template's size down to its smallest until the text takes at most the allowed lines,
//! and, as a last resort, cutting the last line with "…".
//!
//! It knows nothing of SVG or fonts: widths come from a `measure` function (the width of a
//! string at font size 1, from the font's advance widths, see `card_font.rs`), so the result
//! states each line's width and tests can check that every line stays inside the box.

/// The box a slot's text must fit in, from the template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    /// The widest a line may be, in card pixels.
    pub max_width: f32,
    /// At most this many lines.
    pub max_lines: usize,
    /// The font size tried first (the template's `font-size`).
    pub size: f32,
    /// The smallest font size allowed (`data-min-size`).
    pub min_size: f32,
}

/// A text laid out in its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The font size chosen.
    pub size: f32,
    /// The lines, in order.
    pub lines: Vec<String>,
    /// Each line's width at `size`, in card pixels (never more than the box's width).
    pub widths: Vec<f32>,
    /// Whether the text had to be cut (it did not fit even at the smallest size).
    pub cut: bool,
}

/// How much smaller each try is, in pixels.
const STEP: f32 = 2.0;
const ELLIPSIS: char = '…';

/// Lays `text` out in `bounds`; `measure(s)` is the width of `s` at font size 1.
pub fn fit(text: &str, bounds: TextBox, measure: &dyn Fn(&str) -> f32) -> Fitted {
    let words: Vec<&str> = text.split_whitespace().collect();
    let max_lines = bounds.max_lines.max(1);
    let mut size = bounds.size.max(bounds.min_size);
    loop {
        let lines = wrap(&words, bounds.max_width / size, measure);
        let last_try = size - STEP < bounds.min_size;
        if lines.len() <= max_lines || last_try {
            let cut = lines.len() > max_lines;
            let mut lines = lines;
            if cut {
                lines.truncate(max_lines);
                let last = lines.pop().unwrap_or_default();
                lines.push(with_ellipsis(&last, bounds.max_width / size, measure));
            }
            let widths = lines.iter().map(|l| measure(l) * size).collect();
            return Fitted {
                size,
                lines,
                widths,
                cut,
            };
        }
        size -= STEP;
    }
}

/// Greedy wrapping of `words` into lines at most `width` wide (at font size 1); a word wider
/// than a whole line is broken between characters.
fn wrap(words: &[&str], width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if measure(word) <= width {
            line = word.to_string();
            continue;
        }
        for ch in word.chars() {
            let mut longer = line.clone();
            longer.push(ch);
            if measure(&longer) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line.push(ch);
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `line` shortened until it fits `width` with "…" after it.
fn with_ellipsis(line: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    loop {
        let kept: String = chars.iter().collect();
        let candidate = format!("{}{ELLIPSIS}", kept.trim_end());
        if measure(&candidate) <= width || chars.is_empty() {
            return candidate;
        }
        chars.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character half an em wide.
    fn half_em(s: &str) -> f32 {
        s.chars().count() as f32 * 0.5
    }

    const BOX: TextBox = TextBox {
        max_width: 100.0,
        max_lines: 2,
        size: 20.0,
        min_size: 10.0,
    };

    #[test]
    fn a_short_text_keeps_the_template_size_on_one_line() {
        let fitted = fit("Rēzekne", BOX, &half_em);
        assert_eq!(fitted.size, 20.0);
        assert_eq!(fitted.lines, ["Rēzekne"]);
        assert_eq!(fitted.widths, [70.0]);
        assert!(!fitted.cut);
    }

    #[test]
    fn a_longer_text_wraps_then_shrinks() {
        // At 20 px a line holds 10 characters: three lines; only at 12 px (16 characters)
        // do the last two names share a line.
        let fitted = fit("Daugavpils Līvāni Jēkabpils", BOX, &half_em);
        assert_eq!(fitted.size, 12.0);
        assert_eq!(fitted.lines, ["Daugavpils", "Līvāni Jēkabpils"]);
        assert!(!fitted.cut);
    }

    #[test]
    fn lines_never_exceed_the_box_even_when_cut() {
        let text = "Интеграционная сцена ".repeat(20);
        let fitted = fit(&text, BOX, &half_em);
        assert_eq!(fitted.size, 10.0);
        assert!(fitted.cut);
        assert_eq!(fitted.lines.len(), 2);
        assert!(fitted.lines[1].ends_with('…'));
        assert!(
            fitted.widths.iter().all(|w| *w <= BOX.max_width),
            "{fitted:?}"
        );
    }

    #[test]
    fn a_word_wider_than_the_box_is_broken() {
        let word = "x".repeat(50);
        let fitted = fit(&word, BOX, &half_em);
        assert!(
            fitted.widths.iter().all(|w| *w <= BOX.max_width),
            "{fitted:?}"
        );
        assert!(fitted.lines.len() <= 2);
    }

    #[test]
    fn empty_text_gives_no_lines() {
        assert!(fit("  ", BOX, &half_em).lines.is_empty());
    }
}

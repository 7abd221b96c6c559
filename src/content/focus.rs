//! The focal point of a photo: the part a crop keeps (the share picture, `resize(fit="cover")`
//! in templates). Written in the record's `.yaml` with the photo, as a mapping:
//! `photo: { src: zale.jpg, focus: [0.3, 0.6] }` (how far across and how far down, from 0 to 1)
//! or `focus: top-left` (one of [`WORDS`]). Without one, crops keep the middle.

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::yaml::slips::SHOWN_CHARS;
use crate::yaml::{Located, Node, short};

use super::FileRef;
use super::field_context::{FieldContext, PendingRef, resolve_file};

/// Where a crop keeps the picture, in thousandths of its width and height from the top left
/// (`500, 500` is the middle).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FocalPoint {
    /// Thousandths of the width, from the left.
    pub x: u16,
    /// Thousandths of the height, from the top.
    pub y: u16,
}

impl FocalPoint {
    /// The middle of the picture.
    pub const MIDDLE: FocalPoint = FocalPoint { x: 500, y: 500 };

    /// As fractions (0.0 to 1.0) across and down.
    pub fn fractions(self) -> (f64, f64) {
        (f64::from(self.x) / 1000.0, f64::from(self.y) / 1000.0)
    }
}

/// The words `focus:` takes, with the point each means.
pub const WORDS: &[(&str, FocalPoint)] = &[
    ("center", FocalPoint { x: 500, y: 500 }),
    ("top", FocalPoint { x: 500, y: 0 }),
    ("bottom", FocalPoint { x: 500, y: 1000 }),
    ("left", FocalPoint { x: 0, y: 500 }),
    ("right", FocalPoint { x: 1000, y: 500 }),
    ("top-left", FocalPoint { x: 0, y: 0 }),
    ("top-right", FocalPoint { x: 1000, y: 0 }),
    ("bottom-left", FocalPoint { x: 0, y: 1000 }),
    ("bottom-right", FocalPoint { x: 1000, y: 1000 }),
];

const KEYS: &[&str] = &["src", "focus"];

/// An `image` field written as a mapping, `{ src: zale.jpg, focus: … }`; every problem goes to
/// `out.0`, at its line.
pub(super) fn image(
    name: &str,
    node: &Located<Node>,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
) -> Option<FileRef> {
    let Node::Map(entries) = &node.value else {
        return None;
    };
    let (mut src, mut focus, mut ok) = (None, None, true);
    for (key, value) in entries {
        match key.value.as_str() {
            "src" => src = Some(value),
            "focus" => focus = Some(value),
            other => {
                ok = false;
                let help = did_you_mean(other, KEYS.iter().copied()).unwrap_or_else(|| {
                    "a photo has `src:` (the file) and, if you want, `focus:` (the part a crop keeps)".into()
                });
                let message = format!(
                    "unknown setting `{}` of the photo `{name}`",
                    short(other, SHOWN_CHARS)
                );
                let at = key.pos_in(&ctx.source);
                let d = ctx.source.error_at(at, other.chars().count(), message);
                out.0.push(d.with_suggestion(help));
            }
        }
    }
    let Some(src) = src else {
        let message = format!("the photo `{name}` has no `src`");
        let d = ctx.source.error_at(node.pos_in(&ctx.source), 1, message);
        out.0.push(d.with_suggestion(format!(
            "add `src:` with the photo's file name, e.g. `{name}: {{ src: zale.jpg, focus: top }}`"
        )));
        return None;
    };
    let focus = match focus {
        Some(f) => Some(point(&format!("the photo `{name}`"), f, ctx, out)?),
        None => None,
    };
    let text = src.value.as_text().unwrap_or_default();
    match resolve_file(name, &text, ctx) {
        Ok(file) => ok.then_some(FileRef { focus, ..file }),
        Err((message, help)) => {
            let len = text.chars().count().max(1);
            let d = ctx.source.error_at(src.pos_in(&ctx.source), len, message);
            out.0.push(d.with_optional_suggestion(help));
            None
        }
    }
}

/// A `focus:` value: `[across, down]` with numbers from 0 to 1, or one of [`WORDS`]; `what`
/// names the photo in messages ("the photo `photo`").
pub(super) fn point(
    what: &str,
    node: &Located<Node>,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
) -> Option<FocalPoint> {
    let words = || WORDS.iter().map(|(w, _)| *w);
    let fraction = |n: &Node| match n {
        Node::Int(i) => Some(*i as f64),
        Node::Float(f) => Some(*f),
        _ => None,
    };
    let found = match &node.value {
        Node::Seq(items) => {
            let pair: Vec<Option<f64>> = items.iter().map(|i| fraction(&i.value)).collect();
            if let [Some(x), Some(y)] = pair[..]
                && (0.0..=1.0).contains(&x)
                && (0.0..=1.0).contains(&y)
            {
                // Rounded to thousandths: finer than any crop needs.
                let x = (x * 1000.0).round() as u16;
                let y = (y * 1000.0).round() as u16;
                return Some(FocalPoint { x, y });
            }
            let shown: Vec<String> = items
                .iter()
                .map(|i| {
                    i.value
                        .as_text()
                        .unwrap_or_else(|| i.value.kind_name().into())
                })
                .collect();
            format!("`[{}]`", short(&shown.join(", "), SHOWN_CHARS))
        }
        other => {
            let text = other.as_text().unwrap_or_default();
            let word = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
            if let Some((_, p)) = WORDS.iter().find(|(w, _)| *w == word) {
                return Some(*p);
            }
            if let Some(hint) = did_you_mean(&word, words()) {
                let message = format!(
                    "the `focus` of {what} is `{}`, which is not a place in a picture",
                    short(&text, SHOWN_CHARS)
                );
                let at = node.pos_in(&ctx.source);
                let d = ctx
                    .source
                    .error_at(at, text.chars().count().max(1), message);
                out.0.push(d.with_suggestion(hint));
                return None;
            }
            format!("{} `{}`", other.kind_name(), short(&text, SHOWN_CHARS))
        }
    };
    let list: Vec<String> = words().map(|w| format!("`{w}`")).collect();
    let message = format!(
        "the `focus` of {what} must be two numbers from 0 to 1 (how far across, how far down) or a place such as `top`, found {found}"
    );
    let len = node.value.as_text().map_or(1, |t| t.chars().count().max(1));
    let d = ctx.source.error_at(node.pos_in(&ctx.source), len, message);
    out.0.push(d.with_suggestion(format!(
        "write e.g. `focus: [0.5, 0.3]` (the middle, a third from the top) or one of {}",
        list.join(", ")
    )));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_name_the_corners_and_the_middle() {
        let of = |w: &str| WORDS.iter().find(|(n, _)| *n == w).map(|(_, p)| *p);
        assert_eq!(of("center"), Some(FocalPoint::MIDDLE));
        assert_eq!(of("top-left").map(FocalPoint::fractions), Some((0.0, 0.0)));
        assert_eq!(of("bottom").map(FocalPoint::fractions), Some((0.5, 1.0)));
    }
}

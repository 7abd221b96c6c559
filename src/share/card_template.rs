//! The theme's share card template (`<theme>/share/card.svg`): an ordinary SVG whose text
//! elements marked `data-slot="title"` (or `date`, `place`, `site`, `funding`) are filled with
//! a record's values. Each slot says the box its text must fit: `font-size` (the size tried
//! first), `data-min-size`, `data-max-width`, `data-max-lines` and `data-line-height`
//! (default 1.2). Filling replaces the element by one with the chosen size and a `<tspan>` per
//! line; everything else in the file is kept byte for byte, so a designer can edit the
//! template in any SVG editor.

use std::ops::Range;
use std::path::{Path, PathBuf};

use resvg::usvg::roxmltree;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

use super::card_layout::{Fitted, TextBox};

/// The values a card template may show.
pub const SLOTS: &[&str] = &["title", "date", "place", "site", "funding"];

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// Its slots, in file order.
    pub slots: Vec<Slot>,
}

/// One `data-slot` text element.
#[derive(Debug, Clone)]
pub struct Slot {
    /// `title`, `date`, ….
    pub name: String,
    /// Where the element is in the template's text.
    range: Range<usize>,
    /// Its attributes, but for `font-size` and the `data-*` ones (kept on the filled element).
    attrs: Vec<(String, String)>,
    /// Where the first line's baseline starts.
    x: f32,
    y: f32,
    /// The box the text must fit in.
    pub bounds: TextBox,
    /// Distance between baselines, in font sizes.
    line_height: f32,
    /// The font the text is drawn and measured with.
    pub family: String,
    /// Its CSS weight (400 normal, 700 bold).
    pub weight: u16,
    /// The element's line in the template (for messages).
    pub line: usize,
}

impl Template {
    /// Parses `text` (the contents of `path`), reporting every problem of every slot.
    pub fn parse(path: &Path, text: String) -> Result<Template, Diagnostics> {
        let doc = match roxmltree::Document::parse(&text) {
            Ok(doc) => doc,
            Err(e) => {
                let pos = e.pos();
                let d = Diagnostic::error(
                    Some(path),
                    format!("the share card template is not valid SVG: {e}"),
                )
                .at_line_col(&text, pos.row as usize, pos.col as usize, 1);
                return Err(d.into());
            }
        };
        let mut problems = Diagnostics::new();
        let mut slots = Vec::new();
        for node in doc
            .descendants()
            .filter(|n| n.attribute("data-slot").is_some())
        {
            match slot(path, &text, &doc, node) {
                Ok(s) => slots.push(s),
                Err(d) => problems.push(d),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        drop(doc);
        Ok(Template {
            path: path.to_path_buf(),
            text,
            slots,
        })
    }

    /// The SVG with every slot replaced by its laid-out lines (`None`: the slot is dropped).
    pub fn fill(&self, laid_out: &[Option<Fitted>]) -> String {
        let mut svg = String::with_capacity(self.text.len() + 1024);
        let mut at = 0;
        for (slot, fitted) in self.slots.iter().zip(laid_out) {
            svg.push_str(&self.text[at..slot.range.start]);
            if let Some(fitted) = fitted {
                svg.push_str(&slot.element(fitted));
            }
            at = slot.range.end;
        }
        svg.push_str(&self.text[at..]);
        svg
    }
}

impl Slot {
    fn element(&self, fitted: &Fitted) -> String {
        let mut out = String::from("<text");
        for (name, value) in &self.attrs {
            out.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
        out.push_str(&format!(" font-size=\"{}\">", fitted.size));
        let step = fitted.size * self.line_height;
        for (i, line) in fitted.lines.iter().enumerate() {
            let y = self.y + step * i as f32;
            out.push_str(&format!(
                "<tspan x=\"{}\" y=\"{y}\">{}</tspan>",
                self.x,
                escape(line)
            ));
        }
        out.push_str("</text>");
        out
    }

    /// The lowest point the text may reach (the last allowed line's baseline).
    pub fn last_baseline(&self) -> f32 {
        self.y + self.bounds.size * self.line_height * (self.bounds.max_lines.max(1) - 1) as f32
    }

    /// Where the text starts, left edge.
    pub fn x(&self) -> f32 {
        self.x
    }
}

fn slot(
    path: &Path,
    text: &str,
    doc: &roxmltree::Document<'_>,
    node: roxmltree::Node<'_, '_>,
) -> Result<Slot, Diagnostic> {
    let pos = doc.text_pos_at(node.range().start);
    let (line, col) = (pos.row as usize, pos.col as usize);
    let at =
        |message: String| Diagnostic::error(Some(path), message).at_line_col(text, line, col, 5);
    let name = node.attribute("data-slot").unwrap_or_default().to_string();
    if !SLOTS.contains(&name.as_str()) {
        let d = at(format!(
            "the share card template has an unknown slot `{name}`"
        ));
        return Err(match did_you_mean(&name, SLOTS.iter().copied()) {
            Some(close) => d.with_suggestion(close),
            None => d.with_suggestion(format!("the slots are: {}", SLOTS.join(", "))),
        });
    }
    if node.tag_name().name() != "text" {
        return Err(at(format!(
            "`data-slot=\"{name}\"` must be on a `<text>` element"
        )));
    }
    let number = |attr: &str, default: Option<f32>| -> Result<f32, Diagnostic> {
        match node.attribute(attr) {
            Some(v) => v
                .trim()
                .trim_end_matches("px")
                .parse::<f32>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| {
                    at(format!(
                        "slot `{name}`: `{attr}` must be a number, found `{v}`"
                    ))
                }),
            None => default.ok_or_else(|| {
                at(format!("slot `{name}` has no `{attr}`")).with_suggestion(format!(
                    "add `{attr}=\"…\"` to the `<text data-slot=\"{name}\">` element"
                ))
            }),
        }
    };
    let size = number("font-size", None)?;
    let min_size = number("data-min-size", Some(size))?.clamp(1.0, size.max(1.0));
    let bounds = TextBox {
        max_width: number("data-max-width", None)?,
        max_lines: number("data-max-lines", Some(1.0))?.clamp(1.0, 20.0) as usize,
        size: size.max(1.0),
        min_size,
    };
    let weight = match node.attribute("font-weight").unwrap_or("400") {
        "bold" => 700,
        "normal" => 400,
        w => w.parse::<u16>().unwrap_or(400),
    };
    let attrs = node
        .attributes()
        .filter(|a| a.namespace().is_none())
        .filter(|a| a.name() != "font-size" && !a.name().starts_with("data-"))
        .filter(|a| a.name() != "x" && a.name() != "y")
        .map(|a| (a.name().to_string(), a.value().to_string()))
        .collect();
    Ok(Slot {
        family: node
            .attribute("font-family")
            .unwrap_or("sans-serif")
            .to_string(),
        weight,
        range: node.range(),
        attrs,
        x: number("x", Some(0.0))?,
        y: number("y", Some(0.0))?,
        bounds,
        line_height: number("data-line-height", Some(1.2))?.clamp(0.5, 4.0),
        name,
        line,
    })
}

/// Text and attribute values escaped for XML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">
<rect width="1200" height="630" fill="#fff"/>
<text data-slot="title" x="80" y="200" font-size="60" data-min-size="30" data-max-width="1000" data-max-lines="3" font-family="DejaVu Sans" font-weight="bold" fill="#000">t</text>
</svg>"##;

    #[test]
    fn slots_are_read_with_their_boxes() {
        let t = Template::parse(Path::new("card.svg"), SVG.to_string()).unwrap();
        assert_eq!(t.slots.len(), 1);
        let s = &t.slots[0];
        assert_eq!(
            (s.name.as_str(), s.weight, s.family.as_str()),
            ("title", 700, "DejaVu Sans")
        );
        assert_eq!(
            s.bounds,
            TextBox {
                max_width: 1000.0,
                max_lines: 3,
                size: 60.0,
                min_size: 30.0
            }
        );
        assert_eq!(s.line, 3);
    }

    #[test]
    fn filling_replaces_only_the_slot_and_escapes() {
        let t = Template::parse(Path::new("card.svg"), SVG.to_string()).unwrap();
        let fitted = Fitted {
            size: 40.0,
            lines: vec!["A & B".into(), "<c>".into()],
            widths: vec![1.0, 1.0],
            cut: false,
        };
        let svg = t.fill(&[Some(fitted)]);
        assert!(
            svg.contains(
                r#"<tspan x="80" y="200">A &amp; B</tspan><tspan x="80" y="248">&lt;c&gt;</tspan>"#
            ),
            "{svg}"
        );
        assert!(svg.contains(r#"font-size="40""#) && svg.contains(r##"fill="#000""##));
        assert!(svg.starts_with("<svg") && svg.contains("<rect"));
        assert!(!t.fill(&[None]).contains("<text"));
    }

    #[test]
    fn a_misspelt_slot_and_a_missing_width_are_both_reported() {
        let svg = SVG
            .replace(r#"data-slot="title""#, r#"data-slot="titel""#)
            .replace(
                "</svg>",
                r#"<text data-slot="date" font-size="20">d</text></svg>"#,
            );
        let problems = Template::parse(Path::new("card.svg"), svg).unwrap_err();
        let text: Vec<String> = problems.items().iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            text,
            [
                "the share card template has an unknown slot `titel`",
                "slot `date` has no `data-max-width`",
            ]
        );
        assert_eq!(
            problems.items()[0].suggestion.as_deref(),
            Some("did you mean `title`?")
        );
    }
}

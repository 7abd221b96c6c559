//! The `gallery` field type: a list of photos, each shown as a thumbnail that opens large. A
//! photo is written as its file name (`- zale.jpg`) or as a mapping with its text per language:
//! `- { src: zale.jpg, alt: { lv: …, ru: … }, caption: { lv: …, ru: … } }` (a plain text for
//! `alt`/`caption` is used in every language). Every photo goes through the image pipeline.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::yaml::slips::SHOWN_CHARS;
use crate::yaml::{Located, Node, short};

use super::FileRef;
use super::field_context::{FieldContext, PendingRef, resolve_file};

/// One photo of a gallery.
#[derive(Debug, Clone, PartialEq)]
pub struct GalleryImage {
    /// The photo file.
    pub file: FileRef,
    /// Text for readers who cannot see it, by language code.
    pub alt: BTreeMap<String, String>,
    /// The caption under it, by language code.
    pub caption: BTreeMap<String, String>,
}

const KEYS: &[&str] = &["src", "alt", "caption", "focus"];

/// Checks a `gallery` value (a list of photos); every problem goes to `out.0`.
pub(super) fn check(
    name: &str,
    node: &Located<Node>,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
) -> Option<Vec<GalleryImage>> {
    let Node::Seq(items) = &node.value else {
        error(
            out,
            ctx,
            node,
            format!(
                "field `{name}` expects a list of photos, found {}",
                node.value.kind_name()
            ),
            format!(
                "write one photo a line under `{name}:`, each starting with `- `, e.g. `- zale.jpg`"
            ),
        );
        return None;
    };
    let photos: Vec<GalleryImage> = items
        .iter()
        .filter_map(|item| photo(name, item, ctx, out))
        .collect();
    (photos.len() == items.len()).then_some(photos)
}

fn photo(
    name: &str,
    item: &Located<Node>,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
) -> Option<GalleryImage> {
    let mut ok = true;
    let mut focus = None;
    let (src, alt, caption) = match &item.value {
        Node::Map(entries) => {
            let (mut src, mut alt, mut caption) = (None, None, None);
            for (key, value) in entries {
                match key.value.as_str() {
                    "src" => src = Some(value),
                    "alt" => alt = Some(value),
                    "caption" => caption = Some(value),
                    "focus" => match super::focus::point(
                        &format!("a photo of the gallery `{name}`"),
                        value,
                        ctx,
                        out,
                    ) {
                        Some(p) => focus = Some(p),
                        None => ok = false,
                    },
                    other => {
                        ok = false;
                        let help = did_you_mean(other, KEYS.iter().copied()).unwrap_or_else(|| {
                            "a photo of a gallery has `src:` (the file), `alt:` (what it shows), `caption:` and `focus:` (the part a crop keeps)".into()
                        });
                        out.0.push(
                            ctx.source
                                .error_at(
                                    key.pos_in(&ctx.source),
                                    other.chars().count(),
                                    format!(
                                        "unknown setting `{}` of a photo of the gallery `{name}`",
                                        short(other, SHOWN_CHARS)
                                    ),
                                )
                                .with_suggestion(help),
                        );
                    }
                }
            }
            let Some(src) = src else {
                error(
                    out,
                    ctx,
                    item,
                    format!("a photo of the gallery `{name}` has no `src`"),
                    "add `src:` with the photo's file name, e.g. `src: zale.jpg`".into(),
                );
                return None;
            };
            (src, alt, caption)
        }
        Node::Seq(_) | Node::Null => {
            error(
                out,
                ctx,
                item,
                format!(
                    "field `{name}` expects a photo's file name, found {}",
                    item.value.kind_name()
                ),
                "write the file name after `- `, e.g. `- zale.jpg`".into(),
            );
            return None;
        }
        _ => (item, None, None),
    };
    let alt = alt.and_then(|a| texts(name, "alt", a, ctx, out, &mut ok));
    let caption = caption.and_then(|c| texts(name, "caption", c, ctx, out, &mut ok));
    let text = src.value.as_text().unwrap_or_default();
    let file = match resolve_file(name, &text, ctx) {
        Ok(file) => file,
        Err((message, help)) => {
            let len = text.chars().count().max(1);
            out.0.push(
                ctx.source
                    .error_at(src.pos_in(&ctx.source), len, message)
                    .with_optional_suggestion(help),
            );
            return None;
        }
    };
    ok.then(|| GalleryImage {
        file: FileRef { focus, ..file },
        alt: alt.unwrap_or_default(),
        caption: caption.unwrap_or_default(),
    })
}

/// `alt: text` (every language) or `alt: { lv: …, ru: … }`.
fn texts(
    name: &str,
    what: &str,
    node: &Located<Node>,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
    ok: &mut bool,
) -> Option<BTreeMap<String, String>> {
    let codes: Vec<&str> = ctx
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    match &node.value {
        Node::Map(entries) => {
            let mut map = BTreeMap::new();
            for (key, value) in entries {
                let lang = key.value.as_str();
                let text = value.value.as_text();
                if !codes.contains(&lang) {
                    *ok = false;
                    let help = did_you_mean(lang, codes.iter().copied())
                        .unwrap_or_else(|| format!("the site's languages are {}", quoted(&codes)));
                    out.0.push(
                        ctx.source
                            .error_at(
                                key.pos_in(&ctx.source),
                                lang.chars().count(),
                                format!(
                                    "`{}` is not a language of the site (in the `{what}` of a photo of `{name}`)",
                                    short(lang, SHOWN_CHARS)
                                ),
                            )
                            .with_suggestion(help),
                    );
                } else if let Some(text) =
                    text.filter(|_| !matches!(value.value, Node::Seq(_) | Node::Map(_)))
                {
                    map.insert(lang.to_string(), text);
                } else {
                    *ok = false;
                    error(
                        out,
                        ctx,
                        value,
                        format!(
                            "the `{what}` of a photo of `{name}` in `{lang}` must be text, found {}",
                            value.value.kind_name()
                        ),
                        format!("write it after `{lang}: ` on one line"),
                    );
                }
            }
            Some(map)
        }
        Node::Seq(_) => {
            *ok = false;
            error(
                out,
                ctx,
                node,
                format!("the `{what}` of a photo of `{name}` must be text, found a list"),
                format!("write one text per language, e.g. `{what}: {{ lv: …, ru: … }}`"),
            );
            None
        }
        value => value
            .as_text()
            .map(|t| codes.iter().map(|c| (c.to_string(), t.clone())).collect()),
    }
}

fn quoted(codes: &[&str]) -> String {
    codes
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn error(
    out: &mut (Diagnostics, Vec<PendingRef>),
    ctx: &FieldContext<'_>,
    at: &Located<Node>,
    message: String,
    help: String,
) {
    let len = at.value.as_text().map_or(1, |t| t.chars().count().max(1));
    out.0.push(
        ctx.source
            .error_at(at.pos_in(&ctx.source), len, message)
            .with_suggestion(help),
    );
}

//! Share cards: the 1200 × 630 PNG a link preview shows (Facebook, X, messengers), drawn for
//! every record page and language without its own image and once per language for the site,
//! from the theme's SVG template (`card_template.rs`) with the theme's fonts only
//! (`card_font.rs`), each text wrapped and shrunk to fit its box (`card_layout.rs`).
//!
//! Cards are drawn in parallel and kept in `.vestis/cache/cards/` (`card_cache.rs`), so a
//! rebuild that changes no card's template, fonts or texts draws nothing. A theme without
//! `share/card.svg` gets no cards. resvg, usvg, fontdb, tiny-skia and skrifa live only here.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use resvg::{tiny_skia, usvg};

use crate::config::Config;
use crate::content::{Site, read_text_in};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::media::Images;
use crate::output::Output;

use super::card_cache::CardCache;
use super::card_font::{Face, Fonts};
use super::card_jobs::{CardJob, CardValues, card_jobs};
use super::card_layout::{Fitted, fit};
use super::card_template::Template;

/// Card width in pixels (what Open Graph consumers expect for large previews).
pub const CARD_WIDTH: u32 = 1200;
/// Card height in pixels.
pub const CARD_HEIGHT: u32 = 630;
/// The template, inside the theme's folder.
pub const TEMPLATE: &str = "share/card.svg";

/// What making the cards did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CardStats {
    /// Cards drawn in this run.
    pub rendered: usize,
    /// Cards taken from the cache.
    pub reused: usize,
}

/// A theme's template with its fonts, ready to draw cards.
pub struct CardRenderer {
    template: Template,
    fonts: Fonts,
}

impl CardRenderer {
    /// The theme's card template and fonts; `Ok(None)` when the theme has no template.
    pub fn load(config: &Config) -> Result<Option<CardRenderer>, Diagnostics> {
        let rel = Path::new("themes").join(&config.theme).join(TEMPLATE);
        if !config.root.join(&rel).is_file() {
            return Ok(None);
        }
        let text = read_text_in(&config.files, &rel).map_err(Diagnostics::from)?;
        let template = Template::parse(&rel, text);
        let fonts = Fonts::load(config);
        let (template, fonts) = match (template, fonts) {
            (Ok(t), Ok(f)) => (t, f),
            (t, f) => {
                let mut all = Diagnostics::new();
                all.extend(t.err().unwrap_or_default());
                all.extend(f.err().unwrap_or_default());
                return Err(all);
            }
        };
        CardRenderer::new(template, fonts).map(Some)
    }

    /// A renderer for `template` with `fonts`; an error for each slot whose font is not
    /// among them.
    pub fn new(template: Template, fonts: Fonts) -> Result<CardRenderer, Diagnostics> {
        let renderer = CardRenderer { template, fonts };
        let mut problems = Diagnostics::new();
        for slot in &renderer.template.slots {
            if renderer.fonts.face(&slot.family, slot.weight).is_none() {
                problems.push(
                    Diagnostic::error(
                        Some(&renderer.template.path),
                        format!(
                            "slot `{}` uses the font `{}`, which is not among the theme's fonts",
                            slot.name, slot.family
                        ),
                    )
                    .at_line_col(&renderer.template.text, slot.line, 1, 1)
                    .with_suggestion(format!(
                        "use one of: {}",
                        renderer.fonts.families().join(", ")
                    )),
                );
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(renderer)
    }

    fn face(&self, slot: usize) -> Option<Face<'_>> {
        let slot = &self.template.slots[slot];
        self.fonts.face(&slot.family, slot.weight)
    }

    /// Each slot's text laid out in its box (`None`: the card has no value for it).
    pub fn lay_out(&self, values: &CardValues) -> Vec<Option<Fitted>> {
        (0..self.template.slots.len())
            .map(|i| {
                let slot = &self.template.slots[i];
                let text = values.get(&slot.name)?;
                let face = self.face(i)?;
                Some(fit(text, slot.bounds, &|s| face.measure(s)))
            })
            .collect()
    }

    /// The characters of `values` that the slots' fonts cannot draw, with their slot.
    pub fn missing_glyphs(&self, values: &CardValues) -> Vec<(String, Vec<char>)> {
        (0..self.template.slots.len())
            .filter_map(|i| {
                let slot = &self.template.slots[i];
                let missing = self.face(i)?.missing(values.get(&slot.name)?);
                (!missing.is_empty()).then(|| (slot.name.clone(), missing))
            })
            .collect()
    }

    /// The template's slots (for tests and messages).
    pub fn slots(&self) -> &[super::card_template::Slot] {
        &self.template.slots
    }

    /// The cache key of a card with `values`.
    pub fn key(&self, values: &CardValues) -> String {
        let slots = self.template.slots.iter();
        let values = slots.map(|s| (s.name.as_str(), values.get(&s.name)));
        CardCache::key(&self.template.text, &self.fonts.digest, values)
    }

    /// Draws one card as PNG bytes.
    pub fn render(&self, values: &CardValues) -> Result<Vec<u8>, String> {
        let svg = self.template.fill(&self.lay_out(values));
        let options = usvg::Options {
            fontdb: self.fonts.database(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| e.to_string())?;
        let mut pixmap = tiny_skia::Pixmap::new(CARD_WIDTH, CARD_HEIGHT)
            .ok_or_else(|| "cannot make a card-sized image".to_string())?;
        let size = tree.size();
        let transform = tiny_skia::Transform::from_scale(
            CARD_WIDTH as f32 / size.width(),
            CARD_HEIGHT as f32 / size.height(),
        );
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        pixmap.encode_png().map_err(|e| e.to_string())
    }
}

/// Adds every card of the site to `output`, drawing those the cache lacks, and removes the
/// cache's unused entries. Returns what it did and the warnings (characters a font lacks).
pub fn add_cards(
    config: &Config,
    locales: &Locales,
    site: &Site,
    images: &Images,
    output: &mut Output,
) -> Result<(CardStats, Diagnostics), Diagnostics> {
    let Some(renderer) = CardRenderer::load(config)? else {
        return Ok((CardStats::default(), Diagnostics::new()));
    };
    let renderer = Arc::new(renderer);
    let cache = CardCache::new(&config.root);
    let jobs = card_jobs(config, locales, site, images);
    let mut warnings = Diagnostics::new();
    for job in &jobs {
        for (slot, chars) in renderer.missing_glyphs(&job.values) {
            warnings.push(missing_glyph_warning(config, job, &slot, &chars));
        }
    }
    let keys: Vec<String> = jobs.par_iter().map(|j| renderer.key(&j.values)).collect();
    let drawn: Vec<Option<Result<Vec<u8>, String>>> = jobs
        .par_iter()
        .zip(&keys)
        .map(|(job, key)| {
            if cache.has(key) {
                return None;
            }
            let png = renderer.render(&job.values);
            if let Ok(bytes) = &png {
                cache.store(key, bytes);
            }
            Some(png)
        })
        .collect();
    let mut stats = CardStats::default();
    let mut problems = Diagnostics::new();
    for ((job, key), drawn) in jobs.into_iter().zip(&keys).zip(drawn) {
        let inserted = match drawn {
            Some(Ok(png)) => {
                stats.rendered += 1;
                output.insert(job.path.clone(), png)
            }
            Some(Err(e)) => {
                problems.push(Diagnostic::error(
                    Some(&renderer.template.path),
                    format!("the share card `{}` could not be drawn: {e}", job.path),
                ));
                continue;
            }
            None => {
                stats.reused += 1;
                let (renderer, path) = (Arc::clone(&renderer), cache.path(key));
                let values = job.values.clone();
                // Read on first use; drawn again if the cached file went away meanwhile.
                let make =
                    move || CardCache::read(&path).map_or_else(|| renderer.render(&values), Ok);
                output.insert_deferred(job.path.clone(), Box::new(make))
            }
        };
        if let Err(message) = inserted {
            warnings.push(Diagnostic::warning(
                Some(&job.source),
                format!("the share card `{}` is not written: {message}", job.path),
            ));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    cache.prune(&keys.into_iter().collect::<HashSet<_>>());
    Ok((stats, warnings))
}

fn missing_glyph_warning(config: &Config, job: &CardJob, slot: &str, chars: &[char]) -> Diagnostic {
    let shown: Vec<String> = chars
        .iter()
        .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
        .collect();
    let d = Diagnostic::warning(
        Some(&job.source),
        format!(
            "the share card font has no letter for {} in the {slot} of the `{}` card: it would show as an empty box",
            shown.join(", "),
            job.lang
        ),
    );
    let d = match read_text_in(&config.files, &job.source) {
        Ok(text) => locate_first(d, &text, chars),
        Err(_) => d,
    };
    d.with_suggestion(format!(
        "replace the letter, or add a font that has it to `themes/{}/fonts/` and name it in `{TEMPLATE}`",
        config.theme
    ))
}

/// Points `d` at the first line of `text` with one of `chars`.
fn locate_first(d: Diagnostic, text: &str, chars: &[char]) -> Diagnostic {
    match text.char_indices().find(|(_, c)| chars.contains(c)) {
        Some((offset, _)) => d.at_offset(text, offset, 1),
        None => d,
    }
}

#[cfg(test)]
#[path = "card_tests.rs"]
mod tests;

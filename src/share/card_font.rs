//! The fonts of share cards: only the files in the theme's `fonts/` folder, never the
//! system's (a card must look the same on every machine that builds the site), loaded once
//! per build into a `fontdb` database that the SVG renderer uses, and read with `skrifa` for
//! what the layout needs: advance widths and whether a character has a glyph.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use resvg::usvg::fontdb;
use sha2::{Digest, Sha256};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The theme's fonts.
pub struct Fonts {
    db: Arc<fontdb::Database>,
    /// SHA-256 of every font file's bytes, in file order (part of each card's cache key).
    pub digest: [u8; 32],
}

impl Fonts {
    /// Reads every `.ttf`/`.otf` of `<theme>/fonts/`, in name order.
    pub fn load(config: &Config) -> Result<Fonts, Diagnostics> {
        let dir = Path::new("themes").join(&config.theme).join("fonts");
        let mut names: Vec<PathBuf> = match std::fs::read_dir(config.root.join(&dir)) {
            Ok(entries) => entries
                .filter_map(|e| e.ok())
                .map(|e| dir.join(e.file_name()))
                .filter(|p| is_font_file(p))
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        let mut files = Vec::new();
        let mut problems = Diagnostics::new();
        for name in names {
            match config.files.read_source(&name) {
                Ok(bytes) => files.push((name, bytes)),
                Err(d) => problems.push(d),
            }
        }
        match Fonts::from_files(&dir, files) {
            Ok(fonts) if !problems.has_errors() => Ok(fonts),
            Ok(_) => Err(problems),
            Err(more) => {
                problems.extend(more);
                Err(problems)
            }
        }
    }

    /// Fonts from files already read (`dir` is the folder they came from, for messages).
    pub fn from_files(dir: &Path, files: Vec<(PathBuf, Vec<u8>)>) -> Result<Fonts, Diagnostics> {
        let mut db = fontdb::Database::new();
        let mut hasher = Sha256::new();
        let mut problems = Diagnostics::new();
        for (name, bytes) in files {
            if FontRef::new(&bytes).is_err() {
                problems.push(
                    Diagnostic::error(Some(&name), "this file is not a font vestis can read")
                        .with_suggestion("use a TrueType (`.ttf`) or OpenType (`.otf`) font file"),
                );
                continue;
            }
            hasher.update(&bytes);
            db.load_font_data(bytes);
        }
        if db.is_empty() && !problems.has_errors() {
            problems.push(
                Diagnostic::error(
                    Some(dir),
                    "the theme has a share card template but no fonts",
                )
                .with_suggestion(format!(
                    "put the `.ttf` files the card uses into `{}`",
                    dir.display()
                )),
            );
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Fonts {
            db: Arc::new(db),
            digest: hasher.finalize().into(),
        })
    }

    /// The database the SVG renderer draws with.
    pub fn database(&self) -> Arc<fontdb::Database> {
        Arc::clone(&self.db)
    }

    /// The face the renderer picks for `family` at `weight` (CSS matching), if any.
    pub fn face(&self, family: &str, weight: u16) -> Option<Face<'_>> {
        let families = [fontdb::Family::Name(family)];
        let query = fontdb::Query {
            families: &families,
            weight: fontdb::Weight(weight),
            ..fontdb::Query::default()
        };
        let id = self.db.query(&query)?;
        Some(Face { fonts: self, id })
    }

    /// The families the fonts have (for messages).
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .db
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// One face of the theme's fonts.
#[derive(Clone, Copy)]
pub struct Face<'a> {
    fonts: &'a Fonts,
    id: fontdb::ID,
}

impl Face<'_> {
    /// The width of `text` at font size 1 (advance widths; a character without a glyph counts
    /// as the font's "missing" box, as it is drawn).
    pub fn measure(&self, text: &str) -> f32 {
        self.with_font(|font| {
            let metrics = font.glyph_metrics(Size::new(1.0), LocationRef::default());
            let charmap = font.charmap();
            text.chars()
                .map(|c| {
                    let glyph = charmap.map(c).unwrap_or(GlyphId::NOTDEF);
                    metrics.advance_width(glyph).unwrap_or(0.0)
                })
                .sum()
        })
        .unwrap_or(0.0)
    }

    /// The characters of `text` the face has no glyph for (each once, in order).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = self
            .with_font(|font| {
                let charmap = font.charmap();
                text.chars()
                    .filter(|c| !c.is_whitespace() && charmap.map(*c).is_none())
                    .collect()
            })
            .unwrap_or_default();
        let mut seen = Vec::new();
        missing.retain(|c| {
            let new = !seen.contains(c);
            seen.push(*c);
            new
        });
        missing
    }

    fn with_font<T>(&self, f: impl FnOnce(&FontRef<'_>) -> T) -> Option<T> {
        self.fonts.db.with_face_data(self.id, |data, index| {
            FontRef::from_index(data, index).ok().map(|font| f(&font))
        })?
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
}

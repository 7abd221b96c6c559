//! Share cards through the whole build: a card per record page and language without its own
//! image and a site card per language, at `share::card_path`; drawn once and then taken from
//! `.vestis/cache/cards/` (a warm rebuild draws nothing); unused cache entries pruned.

use crate::common;

use std::path::Path;

use common::{copy_tree, options, temp_copy};
use vestis::BuildOptions;

/// A copy of the `full` fixture whose theme has the default theme's card and fonts.
fn site_with_cards() -> tempfile::TempDir {
    let site = temp_copy("sites", "full");
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let theme = site.path().join("themes/test");
    copy_tree(&default.join("share"), &theme.join("share"));
    copy_tree(&default.join("fonts"), &theme.join("fonts"));
    site
}

fn build(root: &Path) -> vestis::Report {
    let opts = BuildOptions {
        output_dir: Some(root.join("public")),
        ..options(root)
    };
    vestis::build(&opts).unwrap_or_else(|d| panic!("the build failed:\n{d}"))
}

fn cached(root: &Path) -> usize {
    std::fs::read_dir(root.join(vestis::share::CACHE_DIR))
        .map(|d| d.count())
        .unwrap_or(0)
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn cards_are_drawn_once_then_reused_and_pruned() {
    let site = site_with_cards();
    let root = site.path();
    let first = build(root);
    let drawn = first.rendered.stats.cards_rendered;
    assert!(drawn >= 10, "only {drawn} cards");
    assert_eq!(cached(root), drawn);
    for card in [
        "lv/share.png",
        "ru/share.png",
        "lv/pasakumi/daugavpils-show/share.png",
        "ru/meropriyatiya/daugavpils-show/share.png",
    ] {
        let bytes = std::fs::read(root.join("public").join(card)).unwrap();
        assert_eq!(png_size(&bytes), (1200, 630), "{card}");
    }
    let before = std::fs::read(root.join("public/lv/pasakumi/daugavpils-show/share.png")).unwrap();

    let warm = build(root);
    assert_eq!(
        warm.rendered.stats.cards_rendered, 0,
        "a warm rebuild drew cards"
    );
    let after = std::fs::read(root.join("public/lv/pasakumi/daugavpils-show/share.png")).unwrap();
    assert_eq!(before, after);

    // One title changed: one card drawn, the old one's cache entry removed.
    let lv = root.join("content/events/daugavpils-show.lv.md");
    let text = std::fs::read_to_string(&lv).unwrap();
    std::fs::write(
        &lv,
        text.replace("Šovs Daugavpilī", "Šovs Daugavpilī, otrā daļa"),
    )
    .unwrap();
    let changed = build(root);
    assert_eq!(changed.rendered.stats.cards_rendered, 1);
    assert_eq!(cached(root), drawn);
    assert_ne!(
        std::fs::read(root.join("public/lv/pasakumi/daugavpils-show/share.png")).unwrap(),
        before
    );
}

#[test]
fn a_theme_without_a_card_template_gets_no_cards() {
    let site = temp_copy("sites", "full");
    let report = build(site.path());
    assert_eq!(report.rendered.stats.cards_rendered, 0);
    assert!(!report.rendered.output.contains("lv/share.png"));
    assert!(!site.path().join(".vestis/cache").exists());
}

#[test]
fn a_letter_the_card_fonts_lack_is_a_located_warning() {
    let site = site_with_cards();
    let root = site.path();
    let lv = root.join("content/events/daugavpils-show.lv.md");
    let text = std::fs::read_to_string(&lv).unwrap();
    std::fs::write(&lv, text.replace("Šovs Daugavpilī", "Šovs 漢")).unwrap();
    let report = vestis::render_site(&options(root)).unwrap_or_else(|d| panic!("{d}"));
    let warnings = report.warnings.to_string();
    assert!(
        warnings.contains("warning: content/events/daugavpils-show.lv.md:2:14: the share card font has no letter for `漢` (U+6F22) in the title of the `lv` card"),
        "{warnings}"
    );
}

#[test]
fn a_record_with_a_photo_shares_a_crop_of_it_and_gets_no_card() {
    let site = site_with_cards();
    let root = site.path();
    let photo = image::RgbImage::from_fn(800, 600, |x, y| image::Rgb([x as u8, y as u8, 90]));
    std::fs::create_dir_all(root.join("content/events/daugavpils-show")).unwrap();
    photo
        .save(root.join("content/events/daugavpils-show/photo.jpg"))
        .unwrap();
    let yaml = root.join("content/events/daugavpils-show.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}photo: photo.jpg\n")).unwrap();
    build(root);
    let public = root.join("public");
    for page in [
        "lv/pasakumi/daugavpils-show/",
        "ru/meropriyatiya/daugavpils-show/",
    ] {
        assert!(
            !public.join(page).join("share.png").exists(),
            "{page}: a card was drawn for a record with a photo"
        );
    }
    // A drawing (SVG) has no pixels to crop: its record keeps its cards.
    assert!(
        public
            .join("lv/pasakumi/integracijas-skatuve/share.png")
            .exists()
    );
    // 800 × 600 is never enlarged: the largest 1200 × 630-shaped crop it has.
    let crops: Vec<_> = std::fs::read_dir(public.join("media/events/daugavpils-show"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("photo-share."))
        .collect();
    assert_eq!(crops.len(), 1, "{crops:?}");
    let bytes = std::fs::read(&crops[0]).unwrap();
    assert_eq!(common::image_size(&bytes), Some((800, 420)));
}

#[test]
fn share_image_card_keeps_the_card_of_a_record_with_a_photo() {
    let site = site_with_cards();
    let root = site.path();
    let photo = image::RgbImage::from_fn(1600, 900, |x, y| image::Rgb([x as u8, y as u8, 90]));
    std::fs::create_dir_all(root.join("content/events/daugavpils-show")).unwrap();
    photo
        .save(root.join("content/events/daugavpils-show/photo.jpg"))
        .unwrap();
    let yaml = root.join("content/events/daugavpils-show.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}photo: photo.jpg\n")).unwrap();
    let config = root.join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replacen(
        "    path: { lv: pasakumi, ru: meropriyatiya }\n",
        "    path: { lv: pasakumi, ru: meropriyatiya }\n    share_image: card\n",
        1,
    );
    assert!(text.contains("share_image: card"));
    std::fs::write(&config, text).unwrap();
    build(root);
    let public = root.join("public");
    for page in [
        "lv/pasakumi/daugavpils-show/",
        "ru/meropriyatiya/daugavpils-show/",
    ] {
        let card = public.join(page).join("share.png");
        let bytes = std::fs::read(&card).unwrap_or_else(|e| panic!("{page}: no card: {e}"));
        assert_eq!(png_size(&bytes), (1200, 630), "{page}");
    }
    // The photo is still shown, but no share crop of it is made.
    let made: Vec<String> = std::fs::read_dir(public.join("media/events/daugavpils-show"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(made.iter().any(|n| n.starts_with("photo")), "{made:?}");
    assert!(!made.iter().any(|n| n.contains("-share.")), "{made:?}");
}

//! The default theme's card with long Latvian and Russian texts: every line inside the card's
//! margins, every character drawn by the shipped fonts, a 1200 × 630 PNG out.

use std::path::{Path, PathBuf};

use super::*;

/// Nothing may come closer to the card's edges than this (what the browser test checks too).
const MARGIN: f32 = 40.0;

fn default_theme() -> CardRenderer {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let template = std::fs::read_to_string(theme.join(TEMPLATE)).unwrap();
    let template = Template::parse(Path::new(TEMPLATE), template).unwrap();
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(theme.join("fonts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttf"))
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    let fonts = Fonts::from_files(Path::new("fonts"), files).unwrap();
    CardRenderer::new(template, fonts).unwrap()
}

fn values(title: &str, date: &str, place: &str, site: &str, funding: &str) -> CardValues {
    CardValues {
        title: title.into(),
        date: Some(date.into()),
        place: Some(place.into()),
        site: Some(site.into()),
        funding: Some(funding.into()),
    }
}

fn latvian() -> CardValues {
    values(
        "Interaktīvais šovs „Mēs esam dažādi, bet kopā” Daugavpils Vienības nama lielajā zālē ar Rēzeknes, Līvānu un Jēkabpils novada mazākumtautību jauniešu līdzdalību un ģimeņu, skolotāju un brīvprātīgo palīdzību",
        "2014. gada 14. jūnijs – 2014. gada 15. jūnijs",
        "Latgales vēstniecība GORS, Rēzekne",
        "Biedrības „Baltā māja” pieredze mazākumtautību integrācijai",
        "Ar Islandes, Lihtenšteinas un Norvēģijas finansiālu atbalstu, izmantojot EEZ finanšu instrumentu",
    )
}

fn russian() -> CardValues {
    values(
        "Интерактивное шоу «Мы разные, но вместе» в большом зале Даугавпилсского Дома единства с участием молодёжи национальных меньшинств Резекне, Ливан и Екабпилсского края, при поддержке семей, учителей и добровольцев",
        "14 июня 2014 г. – 15 июня 2014 г.",
        "Латгальское посольство GORS, Резекне",
        "Опыт общества «Балта Мая» для интеграции нацменьшинств",
        "При финансовой поддержке Исландии, Лихтенштейна и Норвегии через Финансовый механизм ЕЭЗ",
    )
}

#[test]
fn long_latvian_and_russian_texts_stay_inside_the_card() {
    let renderer = default_theme();
    for v in [latvian(), russian()] {
        let laid_out = renderer.lay_out(&v);
        for (slot, fitted) in renderer.slots().iter().zip(&laid_out) {
            let fitted = fitted
                .as_ref()
                .unwrap_or_else(|| panic!("slot {} is empty", slot.name));
            assert!(!fitted.lines.is_empty());
            assert!(
                fitted.lines.len() <= slot.bounds.max_lines,
                "{}: {fitted:?}",
                slot.name
            );
            assert!(fitted.size >= slot.bounds.min_size && fitted.size <= slot.bounds.size);
            for (line, width) in fitted.lines.iter().zip(&fitted.widths) {
                assert!(
                    *width <= slot.bounds.max_width,
                    "{}: `{line}` is {width} px",
                    slot.name
                );
                assert!(
                    slot.x() + width <= CARD_WIDTH as f32 - MARGIN,
                    "{}: `{line}`",
                    slot.name
                );
            }
            assert!(slot.x() >= MARGIN);
            assert!(
                slot.last_baseline() <= CARD_HEIGHT as f32 - MARGIN,
                "{}",
                slot.name
            );
        }
        // The long titles need the smaller sizes, and still fit whole or cut with "…".
        let title = laid_out[1].as_ref().unwrap();
        assert!(title.size < 64.0, "{title:?}");
    }
}

#[test]
fn the_shipped_fonts_have_every_latvian_and_russian_letter() {
    let renderer = default_theme();
    let alphabet = "AaĀāBbCcČčDdEeĒēFfGgĢģHhIiĪīJjKkĶķLlĻļMmNnŅņOoPpRrSsŠšTtUuŪūVvZzŽž \
                    АаБбВвГгДдЕеЁёЖжЗзИиЙйКкЛлМмНнОоПпРрСсТтУуФфХхЦцЧчШшЩщЪъЫыЬьЭэЮюЯя \
                    0123456789 „”«»–—…€№.,:;!?()";
    let v = values(alphabet, alphabet, alphabet, alphabet, alphabet);
    assert_eq!(
        renderer.missing_glyphs(&v),
        Vec::<(String, Vec<char>)>::new()
    );
    assert!(renderer.missing_glyphs(&latvian()).is_empty());
    assert!(renderer.missing_glyphs(&russian()).is_empty());
}

#[test]
fn a_letter_the_fonts_lack_is_found() {
    let renderer = default_theme();
    let mut v = latvian();
    v.title = "Izrāde 漢字".into();
    assert_eq!(
        renderer.missing_glyphs(&v),
        [("title".to_string(), vec!['漢', '字'])]
    );
}

#[test]
fn a_card_is_a_1200_by_630_png() {
    let renderer = default_theme();
    let png = renderer.render(&russian()).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR: width and height, big-endian, right after the chunk's length and name.
    assert_eq!(
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        CARD_WIDTH
    );
    assert_eq!(
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
        CARD_HEIGHT
    );
    assert_ne!(renderer.key(&russian()), renderer.key(&latvian()));
}

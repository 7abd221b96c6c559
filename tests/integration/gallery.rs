//! Galleries seen from outside: every photo of a `gallery` field goes through the image
//! pipeline, the page shows each with its alt text and caption in the page's language, and a
//! photo written as a plain file name is accepted.

use crate::common;

/// A new site (`vestis init`) whose events have a `gallery` field; the first event shows
/// `gallery_yaml` and has the photos `photos` in its folder.
fn site_with_gallery(gallery_yaml: &str, photos: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    vestis::scaffold::init(dir.path()).unwrap();
    let site_yaml = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    let text = text.replacen(
        "      photo:        { type: image }\n",
        "      photo:        { type: image }\n      gallery:      { type: gallery }\n",
        1,
    );
    assert!(text.contains("type: gallery"), "{text}");
    std::fs::write(&site_yaml, text).unwrap();
    let record = dir.path().join("content/events/open-day-daugavpils.yaml");
    let yaml = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, format!("{yaml}gallery:\n{gallery_yaml}")).unwrap();
    let folder = dir.path().join("content/events/open-day-daugavpils");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, bytes) in photos {
        std::fs::write(folder.join(name), bytes).unwrap();
    }
    dir
}

fn record_page(rendered: &vestis::Rendered, lang: &str) -> String {
    rendered
        .output
        .iter()
        .find(|(p, b)| {
            p.starts_with(&format!("{lang}/"))
                && p.ends_with("index.html")
                && String::from_utf8_lossy(b).contains("data-gallery")
        })
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("the page with the gallery")
}

#[test]
fn a_gallery_shows_every_photo_processed_with_its_texts() {
    let site = site_with_gallery(
        "  - src: zale.jpg\n    alt: { lv: \"Skatītāji zālē\", ru: \"Зрители в зале\" }\n    caption: { lv: \"Pirms izrādes\", ru: \"Перед спектаклем\" }\n  - skatuve.jpg\n  - src: ainava.jpg\n    alt: Ainava\n",
        &[
            ("zale.jpg", common::jpeg(1200, 800)),
            ("skatuve.jpg", common::jpeg(600, 900)),
            ("ainava.jpg", common::jpeg(2000, 1000)),
        ],
    );
    let rendered = common::render(site.path());
    let lv = record_page(&rendered, "lv");
    let ru = record_page(&rendered, "ru");
    // Each photo through the pipeline: resized, in WebP and JPEG, with its size on the page.
    for page in [&lv, &ru] {
        assert!(page.contains("open-day-daugavpils/zale-960."), "{page}");
        assert!(
            page.contains("data-width=\"1200\" data-height=\"800\""),
            "{page}"
        );
        assert!(
            page.contains("data-width=\"600\" data-height=\"900\""),
            "{page}"
        );
        // The thumbnails are 4:3 cut-outs (`resize` in partials/gallery.html).
        assert_eq!(
            page.matches("width=\"480\" height=\"360\"").count(),
            3,
            "{page}"
        );
        assert!(page.contains("open-day-daugavpils/zale-480x360."), "{page}");
        assert!(page.contains("open-day-daugavpils/ainava-1600."), "{page}");
        assert!(page.contains("type=\"image/webp\""), "{page}");
        assert_eq!(page.matches("data-gallery-item").count(), 3, "{page}");
        assert!(page.contains("<dialog"), "{page}");
        assert!(page.contains("gallery.js"), "{page}");
    }
    // Texts in the page's language; a plain text is used in both.
    assert!(lv.contains("alt=\"Skatītāji zālē\""), "{lv}");
    assert!(
        lv.contains("<figcaption>Pirms izrādes</figcaption>"),
        "{lv}"
    );
    assert!(ru.contains("alt=\"Зрители в зале\""), "{ru}");
    assert!(
        ru.contains("<figcaption>Перед спектаклем</figcaption>"),
        "{ru}"
    );
    assert!(lv.contains("alt=\"Ainava\"") && ru.contains("alt=\"Ainava\""));
    // The photo without alt text: its link is still named, "photo 2 of 3".
    assert!(lv.contains("aria-label=\"Fotoattēls 2 no 3\""), "{lv}");
    // Without JavaScript a thumbnail links to the large picture, which is published.
    let href = lv
        .split("class=\"gallery-link\" href=\"/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a thumbnail link");
    assert!(href.contains("zale-1200."), "{href}");
    let large = rendered
        .output
        .get(href)
        .expect("the large picture is published");
    let img = image::load_from_memory(large).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 800));
    // The gallery is not repeated among the record's facts.
    assert!(!lv.contains("<dt>Galerija</dt>"), "{lv}");
}

#[test]
fn a_gallery_photo_that_is_not_a_picture_is_refused_at_its_line() {
    let site = site_with_gallery(
        "  - zale.jpg\n  - src: plakats.jpg\n",
        &[
            ("zale.jpg", common::jpeg(400, 300)),
            ("plakats.jpg", b"%PDF-1.4\n".to_vec()),
        ],
    );
    let errors = match vestis::render_site(&common::options(site.path())) {
        Ok(_) => panic!("a PDF in a gallery was accepted"),
        Err(d) => d.to_string(),
    };
    assert!(
        errors.contains("content/events/open-day-daugavpils.yaml:"),
        "{errors}"
    );
    assert!(errors.contains("plakats.jpg"), "{errors}");
}

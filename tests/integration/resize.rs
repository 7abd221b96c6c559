//! `resize()` in templates and the focal point of a photo, seen from outside: the picture a
//! template asks for is published at the size it states, cut around the photo's `focus:`
//! (which the share crop follows too), through the image cache (a second build decodes
//! nothing); bad arguments are template errors in words.

use crate::common;

use std::io::Cursor;

/// A photo whose left half is red and right half blue.
fn halves(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, _| match x < w / 2 {
        true => image::Rgb([220, 20, 20]),
        false => image::Rgb([20, 20, 220]),
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}

/// A new site (`vestis init`) whose first event shows `photo: <photo_yaml>` and has a gallery
/// `gallery_yaml`; `wide.jpg` (2400 × 600, red then blue) is in its folder.
fn site(photo_yaml: &str, gallery_yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    vestis::scaffold::init(dir.path()).unwrap();
    let site_yaml = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap().replacen(
        "      photo:        { type: image }\n",
        "      photo:        { type: image }\n      gallery:      { type: gallery }\n",
        1,
    );
    std::fs::write(&site_yaml, text).unwrap();
    let record = dir.path().join("content/events/open-day-daugavpils.yaml");
    let yaml = std::fs::read_to_string(&record).unwrap();
    std::fs::write(
        &record,
        format!("{yaml}photo: {photo_yaml}\ngallery:\n{gallery_yaml}"),
    )
    .unwrap();
    let folder = dir.path().join("content/events/open-day-daugavpils");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("wide.jpg"), halves(2400, 600)).unwrap();
    dir
}

/// The average colour of a published picture: (red, blue).
fn red_blue(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap().to_rgb8();
    let n = img.width() * img.height();
    let (r, b) = img.pixels().fold((0u32, 0u32), |(r, b), p| {
        (r + u32::from(p.0[0]), b + u32::from(p.0[2]))
    });
    (r / n, b / n)
}

/// The published file whose path contains `part` and ends with `ext`.
fn published<'a>(rendered: &'a vestis::Rendered, part: &str, ext: &str) -> (String, &'a [u8]) {
    rendered
        .output
        .iter()
        .find(|(p, _)| p.contains(part) && p.ends_with(ext))
        .map(|(p, b)| (p.to_string(), b))
        .unwrap_or_else(|| panic!("no `{part}…{ext}`: {:?}", common::paths(rendered)))
}

fn record_page(rendered: &vestis::Rendered) -> String {
    rendered
        .output
        .iter()
        .find(|(p, b)| {
            p.starts_with("lv/")
                && p.ends_with("index.html")
                && String::from_utf8_lossy(b).contains("data-gallery")
        })
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("the page with the gallery")
}

#[test]
fn gallery_thumbnails_are_cut_around_the_focal_point_and_cached() {
    let site = site(
        "wide.jpg",
        "  - { src: wide.jpg, focus: right }\n  - { src: wide.jpg, focus: [0.0, 0.5] }\n",
    );
    let rendered = common::render(site.path());
    let page = record_page(&rendered);
    // Two thumbnails of 480 × 360 (4:3), each in WebP and JPEG, named on the page.
    let thumbs: Vec<(String, Vec<u8>)> = rendered
        .output
        .iter()
        .filter(|(p, _)| p.contains("wide-480x360.") && p.ends_with(".jpg"))
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    assert_eq!(thumbs.len(), 2, "{:?}", common::paths(&rendered));
    for (path, bytes) in &thumbs {
        assert!(page.contains(&format!("/{path} 480w")), "{path}: {page}");
        assert_eq!(common::image_size(bytes), Some((480, 360)), "{path}");
    }
    assert!(page.contains("width=\"480\" height=\"360\""), "{page}");
    assert_eq!(
        rendered
            .output
            .iter()
            .filter(|(p, _)| p.contains("wide-480x360.") && p.ends_with(".webp"))
            .count(),
        2
    );
    // `right` keeps the blue half, `[0.0, 0.5]` the red one.
    let colours: Vec<(u32, u32)> = thumbs.iter().map(|(_, b)| red_blue(b)).collect();
    assert!(
        colours.iter().any(|&(r, b)| b > 180 && r < 60),
        "{colours:?}"
    );
    assert!(
        colours.iter().any(|&(r, b)| r > 180 && b < 60),
        "{colours:?}"
    );
    // The link still leads to the whole photo (at its largest width).
    assert!(
        page.contains("data-width=\"1600\" data-height=\"400\""),
        "{page}"
    );
    // One photo, decoded once for its widths, its share crop and both thumbnails.
    assert_eq!(rendered.stats.images_decoded, 1, "{:?}", rendered.stats);
    // A second build takes every picture from the cache.
    let again = common::render(site.path());
    assert_eq!(again.stats.images_decoded, 0);
    assert_eq!(common::paths(&again).len(), common::paths(&rendered).len());
    for (path, bytes) in &thumbs {
        assert_eq!(again.output.get(path), Some(&bytes[..]), "{path}");
    }
}

#[test]
fn the_share_crop_follows_the_focal_point() {
    let share = |photo: &str| {
        let site = site(photo, "  - wide.jpg\n");
        let rendered = common::render(site.path());
        let (_, bytes) = published(&rendered, "wide-share.", ".jpg");
        red_blue(bytes)
    };
    let (r, b) = share("{ src: wide.jpg, focus: left }");
    assert!(r > 180 && b < 60, "left: {r} {b}");
    let (r, b) = share("{ src: wide.jpg, focus: [1, 0.5] }");
    assert!(b > 180 && r < 60, "right: {r} {b}");
    // Without one, the middle: both halves.
    let (r, b) = share("wide.jpg");
    assert!(r > 60 && b > 60, "middle: {r} {b}");
}

/// Where the record template's article starts: where the tests put their calls.
const ARTICLE: &str = "<article class=\"record wrap\" aria-labelledby=\"record-title\">";

/// Builds `site` with the record template ending in `call`; the errors as the officer sees them.
fn template_error(call: &str) -> String {
    let site = site("wide.jpg", "  - wide.jpg\n");
    let template = site.path().join("themes/default/templates/record.html");
    let text = std::fs::read_to_string(&template).unwrap();
    let text = text.replacen(ARTICLE, &format!("{ARTICLE}{call}"), 1);
    assert!(text.contains(call), "record.html has no record article");
    std::fs::write(&template, text).unwrap();
    match vestis::render_site(&common::options(site.path())) {
        Ok(_) => panic!("`{call}` was accepted"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn a_template_can_ask_for_any_size_and_bad_arguments_are_located() {
    let site = site("wide.jpg", "  - wide.jpg\n");
    let template = site.path().join("themes/default/templates/record.html");
    let call = "{% if page.photo %}{% set s = resize(image=page.photo, width=300) %}<img id=\"small\" src=\"{{ s.url }}\" width=\"{{ s.width }}\" height=\"{{ s.height }}\">{% set c = resize(image=page.photo, width=5000, height=5000, fit=\"contain\") %}<img id=\"contained\" src=\"{{ c.url }}\" width=\"{{ c.width }}\" height=\"{{ c.height }}\">{% endif %}";
    let text = std::fs::read_to_string(&template).unwrap().replacen(
        ARTICLE,
        &format!("{ARTICLE}{call}"),
        1,
    );
    std::fs::write(&template, text).unwrap();
    let rendered = common::render(site.path());
    let page = common::page(&rendered, &page_of(&rendered));
    assert!(page.contains("width=\"300\" height=\"75\""), "{page}");
    // Never upscaled.
    assert!(page.contains("width=\"2400\" height=\"600\""), "{page}");
    let (path, bytes) = published(&rendered, "wide-300x75.", ".jpg");
    assert!(page.contains(&format!("/{path}")), "{page}");
    assert_eq!(common::image_size(bytes), Some((300, 75)));
    for (call, words) in [
        (
            "{{ resize(image=page.photo, width=0) }}",
            "`resize`: `width` must be a whole number of pixels from 1 to 8000",
        ),
        (
            "{{ resize(image=page.photo, width=10, height=10, fit=\"cove\") }}",
            "did you mean `cover`?",
        ),
        (
            "{{ resize(image=page.photo, widht=10) }}",
            "there is no setting `widht`; did you mean `width`?",
        ),
        (
            "{{ resize(image=page.photo) }}",
            "give a `width`, a `height` or both",
        ),
        (
            "{{ resize(image=\"logo.svg\", width=10) }}",
            "is not a photo of the image pipeline",
        ),
    ] {
        let text = template_error(call);
        assert!(text.contains(words), "{call}: {text}");
        assert!(text.contains("templates/record.html:"), "{call}: {text}");
    }
}

/// The output path of the first event's page in Latvian.
fn page_of(rendered: &vestis::Rendered) -> String {
    rendered
        .output
        .iter()
        .find(|(p, b)| p.starts_with("lv/") && String::from_utf8_lossy(b).contains("id=\"small\""))
        .map(|(p, _)| p.to_string())
        .unwrap_or_else(|| panic!("no page of the event: {:?}", common::paths(rendered)))
}

#[test]
fn a_cold_build_decodes_each_photo_once_whatever_the_sizes_asked() {
    // `wide.jpg` is the record's photo and in its gallery; `tall.png` only in the gallery:
    // each gets its widths (and `wide.jpg` its share crop) before the pages, and the
    // gallery's thumbnails after them.
    let site = site(
        "wide.jpg",
        "  - { src: wide.jpg, focus: right }\n  - tall.png\n",
    );
    let folder = site.path().join("content/events/open-day-daugavpils");
    let tall = image::RgbImage::from_fn(300, 900, |_, y| image::Rgb([(y % 256) as u8, 90, 30]));
    tall.save(folder.join("tall.png")).unwrap();
    let rendered = common::render(site.path());
    let thumbs = common::paths(&rendered)
        .into_iter()
        .filter(|p| p.contains("x360.") || p.contains("x225."))
        .count();
    // One cut of each, in two formats.
    assert_eq!(thumbs, 4, "{:?}", common::paths(&rendered));
    assert_eq!(rendered.stats.images_decoded, 2, "{:?}", rendered.stats);
    let again = common::render(site.path());
    assert_eq!(again.stats.images_decoded, 0);
}

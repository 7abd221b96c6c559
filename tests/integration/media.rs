//! The image pipeline seen from outside: every published raster is free of metadata and
//! upright, a rebuild with unchanged photos decodes none, and each kind of bad picture is
//! either refused at the line that names it or converted (documented pass-throughs).

use crate::common;

use std::io::Cursor;
use std::path::Path;

use vestis::Rendered;

/// Every output file that is a raster picture.
fn rasters(rendered: &Rendered) -> Vec<(String, Vec<u8>)> {
    rendered
        .output
        .iter()
        .filter(|(p, _)| {
            [".jpg", ".jpeg", ".png", ".webp"]
                .iter()
                .any(|e| p.ends_with(e))
        })
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// No EXIF (so no GPS), no XMP, no comments or text chunks.
fn assert_no_metadata(path: &str, bytes: &[u8]) {
    for mark in [
        &b"Exif\0"[..],
        b"GPS",
        b"xmpmeta",
        b"officer",
        b"tEXt",
        b"XMP ",
    ] {
        assert!(
            !contains(bytes, mark),
            "{path} still has {:?}",
            String::from_utf8_lossy(mark)
        );
    }
}

#[test]
fn the_example_site_publishes_upright_pictures_without_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["site.yaml", "content", "locales", "themes", "static"] {
        let (from, to) = (root.join(part), dir.path().join(part));
        match from.is_dir() {
            true => common::copy_tree(&from, &to),
            false if from.exists() => drop(std::fs::copy(&from, &to).unwrap()),
            false => {}
        }
    }
    let first = common::render(dir.path());
    let pictures = rasters(&first);
    assert!(pictures.len() >= 16, "{:?}", common::paths(&first));
    for (path, bytes) in &pictures {
        assert_no_metadata(path, bytes);
        let img = image::load_from_memory(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(img.width() <= 1600, "{path} is {} wide", img.width());
    }
    // `zale.jpg` is stored sideways (800 × 600 turned, orientation 6): published upright,
    // with the blue sky at the top.
    let (_, zale) = pictures
        .iter()
        .find(|(p, _)| p.contains("exchange-liepaja/zale-900.") && p.ends_with(".jpg"))
        .expect("zale at its own width, 900");
    let img = image::load_from_memory(zale).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (900, 1200));
    let top = img.get_pixel(450, 20);
    assert!(
        top[2] > 150 && top[0] < 150,
        "the top is sky, found {top:?}"
    );
    // The 4000-pixel photo is published at the configured widths only, never wider.
    assert!(
        pictures
            .iter()
            .any(|(p, _)| p.contains("collaboration-daugavpils/photo-1600."))
    );
    let page = common::page(&first, "lv/pasakumi/pieredzes-apmaina-liepaja/index.html");
    assert!(page.contains("width=\"900\" height=\"1200\""), "{page}");
    assert!(page.contains("type=\"image/webp\""));
    // The second build finds every photo in the cache and makes the same files.
    let second = common::render(dir.path());
    assert!(first.stats.images_decoded >= 4, "{:?}", first.stats);
    assert_eq!(second.stats.images_decoded, 0);
    assert_eq!(rasters(&second), pictures);
}

/// The build's errors, as the officer sees them.
fn refused(name: &str, bytes: &[u8]) -> String {
    let site = common::site_with_photo(name, bytes);
    match vestis::render_site(&common::options(site.path())) {
        Ok(_) => panic!("`{name}` was accepted"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn a_pdf_named_jpg_is_refused_at_its_line() {
    let text = refused("photo.jpg", b"%PDF-1.7\n1 0 obj\n");
    assert!(
        text.contains("content/events/open-day-daugavpils.yaml:5:8"),
        "{text}"
    );
    assert!(
        text.contains("`photo.jpg` is a PDF document, not a photo"),
        "{text}"
    );
}

#[test]
fn a_truncated_or_corrupt_picture_is_refused() {
    let whole = common::jpeg(300, 200);
    let text = refused("photo.jpg", &whole[..whole.len() / 4]);
    assert!(text.contains("damaged or incomplete"), "{text}");
    let text = refused("photo.png", b"\x89PNG\r\n\x1a\nnot really");
    assert!(text.contains("damaged or incomplete"), "{text}");
}

/// A PNG header announcing 20,000 × 20,000 pixels: 1.6 GB once decoded.
fn bomb() -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(20_000u32.to_be_bytes());
    ihdr.extend(20_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    png.extend([0, 0, 0, 0]);
    png.extend(b"IEND");
    png.extend(crc32(b"IEND").to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_decompression_bomb_is_refused_before_decoding() {
    let text = refused("photo.png", &bomb());
    assert!(
        text.contains("is 20000 × 20000 pixels, larger than vestis accepts"),
        "{text}"
    );
    assert!(text.contains("open-day-daugavpils.yaml:5:8"), "{text}");
}

#[test]
fn an_animated_gif_is_refused() {
    let text = refused("photo.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00");
    assert!(text.contains("`photo.gif` is a GIF picture"), "{text}");
}

/// A real animated GIF: two 1 × 1 frames that loop forever (NETSCAPE2.0).
fn animated_gif() -> Vec<u8> {
    let mut gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
    gif.extend([0, 0, 0, 255, 255, 255]);
    gif.extend(b"\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00");
    for _ in 0..2 {
        // A delay of 0.1 s, then one pixel of colour 0.
        gif.extend(b"\x21\xF9\x04\x04\x0A\x00\x00\x00");
        gif.extend(b"\x2C\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00");
    }
    gif.push(0x3B);
    gif
}

#[test]
fn an_animated_gif_is_refused_at_its_line() {
    let text = refused("photo.gif", &animated_gif());
    assert!(
        text.contains("content/events/open-day-daugavpils.yaml:5:8"),
        "{text}"
    );
    assert!(text.contains("`photo.gif` is a GIF picture"), "{text}");
    assert!(text.contains("show an animation as a video"), "{text}");
}

/// A CMYK JPEG (Adobe APP14, four components), one flat 8 × 8 block per component.
fn cmyk_jpeg() -> Vec<u8> {
    let seg = |marker: u8, body: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend(((body.len() + 2) as u16).to_be_bytes());
        s.extend(body);
        s
    };
    let mut j = vec![0xFF, 0xD8];
    j.extend(seg(0xEE, b"Adobe\0\x64\0\0\0\0\0"));
    let mut dqt = vec![0];
    dqt.extend([1u8; 64]);
    j.extend(seg(0xDB, &dqt));
    j.extend(seg(
        0xC0,
        &[
            8, 0, 8, 0, 8, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0,
        ],
    ));
    // One code of one bit in each table: DC category 0, AC end of block.
    let mut dc = vec![0x00, 1];
    dc.extend([0u8; 15]);
    dc.push(0);
    j.extend(seg(0xC4, &dc));
    let mut ac = vec![0x10, 1];
    ac.extend([0u8; 15]);
    ac.push(0);
    j.extend(seg(0xC4, &ac));
    j.extend(seg(0xDA, &[4, 1, 0, 2, 0, 3, 0, 4, 0, 0, 63, 0]));
    j.push(0x00);
    j.extend([0xFF, 0xD9]);
    j
}

#[test]
fn cmyk_and_16_bit_pictures_are_converted() {
    let mut png16 = Vec::new();
    let img = image::ImageBuffer::<image::Rgb<u16>, _>::from_fn(64, 40, |x, _| {
        image::Rgb([x as u16 * 1000, 30_000, 65_535])
    });
    img.write_to(&mut Cursor::new(&mut png16), image::ImageFormat::Png)
        .unwrap();
    for (name, bytes) in [("photo.jpg", cmyk_jpeg()), ("photo.png", png16)] {
        let site = common::site_with_photo(name, &bytes);
        let rendered = common::render(site.path());
        let made: Vec<_> = rasters(&rendered)
            .into_iter()
            .filter(|(p, _)| p.contains("open-day-daugavpils/photo-"))
            .collect();
        // Two sizes (WebP and JPEG) and the share crop.
        assert_eq!(made.len(), 3, "{name}: {:?}", common::paths(&rendered));
        for (path, bytes) in made {
            let img = image::load_from_memory(&bytes).unwrap();
            assert!(
                matches!(
                    img.color(),
                    image::ColorType::Rgb8 | image::ColorType::Rgba8
                ),
                "{path}: {:?}",
                img.color()
            );
        }
    }
}

#[test]
fn markdown_images_and_links_beside_the_record_are_published() {
    let site = common::site_with_photo("photo.jpg", &common::jpeg(1200, 800));
    let folder = site.path().join("content/events/open-day-daugavpils");
    std::fs::write(folder.join("zale.jpg"), common::jpeg(1000, 600)).unwrap();
    std::fs::write(folder.join("programma.pdf"), b"%PDF-1.4\n").unwrap();
    let text = site.path().join("content/events/open-day-daugavpils.lv.md");
    let body = std::fs::read_to_string(&text).unwrap();
    std::fs::write(
        &text,
        format!("{body}\n![Skatītāji](zale.jpg)\n\n[programma](programma.pdf)\n"),
    )
    .unwrap();
    let rendered = common::render(site.path());
    let page = rendered
        .output
        .iter()
        .find(|(p, b)| {
            p.starts_with("lv/") && p.ends_with("index.html") && contains(b, b"programma.pdf")
        })
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("the page with the body");
    assert!(
        page.contains("href=\"/media/events/open-day-daugavpils/programma.pdf\""),
        "{page}"
    );
    assert!(page.contains("alt=\"Skatītāji\""), "{page}");
    assert!(page.contains("open-day-daugavpils/zale-960."), "{page}");
    assert!(page.contains("width=\"1000\" height=\"600\""), "{page}");
    assert!(
        rendered
            .output
            .contains("media/events/open-day-daugavpils/programma.pdf")
    );
    // A name that is not in the folder is an error at its line.
    std::fs::write(&text, format!("{body}\n![Skatītāji](nav.jpg)\n")).unwrap();
    let errors = match vestis::render_site(&common::options(site.path())) {
        Ok(_) => panic!("a missing picture was accepted"),
        Err(d) => d.to_string(),
    };
    assert!(
        errors.contains("content/events/open-day-daugavpils.lv.md:"),
        "{errors}"
    );
    assert!(errors.contains("nav.jpg"), "{errors}");
}

#[test]
fn pictures_in_static_lose_their_metadata_too() {
    let site = common::site_with_photo("photo.jpg", &common::jpeg(200, 100));
    let mut png = Vec::new();
    image::RgbImage::from_pixel(8, 8, image::Rgb([1, 2, 3]))
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let text = b"tEXtComment\0GPS 56.5N, by the officer";
    let mut chunk = ((text.len() - 4) as u32).to_be_bytes().to_vec();
    chunk.extend(text);
    chunk.extend(crc32(text).to_be_bytes());
    png.splice(33..33, chunk);
    assert!(image::load_from_memory(&png).is_ok());
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/logo.png"), &png).unwrap();
    let rendered = common::render(site.path());
    let published = rendered
        .output
        .get("logo.png")
        .expect("logo.png is published");
    assert_no_metadata("logo.png", published);
    assert!(image::load_from_memory(published).is_ok());
}

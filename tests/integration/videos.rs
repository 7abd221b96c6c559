//! `video` fields: the template values of hosted and local videos (fixture `tests/sites/videos`,
//! whose theme prints every key), and the default theme's broadcast pages of the example site:
//! a poster and a play button that loads nothing from the host, the local clip with captions.

use crate::common;

use std::path::Path;

use common::{by_id, fixture, page, paths, render, temp_copy};
use vestis::Rendered;

/// The `poster=` key of a photo that went through the image pipeline: its largest JPEG at
/// `stem-<width>.<hash>.jpg` with its real size; the file is published, without the source's
/// metadata (the fixtures' stills carry a JPEG comment, `Lavc…`), and the original is not.
fn assert_pipeline_poster(r: &Rendered, key: &str, stem: &str, size: (u32, u32)) {
    let (w, h) = size;
    let rest = key
        .strip_prefix(&format!("poster=/raidijumi-vietne/{stem}-{w}."))
        .unwrap_or_else(|| panic!("{key}"));
    let (hash, rest) = rest.split_once(".jpg ").unwrap_or_else(|| panic!("{key}"));
    let path = format!("{stem}-{w}.{hash}.jpg");
    assert_eq!(rest, format!("{path} {w}x{h}"));
    let bytes = r
        .output
        .get(&path)
        .unwrap_or_else(|| panic!("{path}"))
        .to_vec();
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!((img.width(), img.height()), size);
    assert!(
        !bytes.windows(4).any(|x| x == b"Lavc"),
        "{path} keeps the comment"
    );
    assert!(
        !bytes.windows(5).any(|x| x == b"Exif\0"),
        "{path} keeps EXIF"
    );
    let published = paths(r);
    for original in [format!("{stem}.jpg"), format!("{stem}.png")] {
        assert!(
            !published.contains(&original),
            "{original} is published as it is"
        );
    }
}

fn video_keys(html: &str) -> Vec<String> {
    by_id(html, "video")
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_youtube_link_without_poster_takes_the_records_image() {
    // A copy of its own: the tests run at once, and each build keeps a photo cache in the site.
    let site = temp_copy("sites", "videos");
    let r = render(site.path());
    let mut keys = video_keys(&page(&r, "lv/raidijumi/yt/index.html"));
    assert_pipeline_poster(&r, &keys[7], "media/broadcasts/yt/still", (960, 540));
    keys[7] = "poster=…".into();
    assert_eq!(
        keys,
        [
            "kind=hosted",
            "provider=youtube",
            "host=youtube.com",
            "src=-",
            "type=-",
            "embed_url=https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&start=65",
            "watch_url=https://www.youtube.com/watch?v=M7lc1UVf-VE&t=65s",
            "poster=…",
            "captions=",
            "title=Raidījums yt",
        ]
    );
}

#[test]
fn vimeo_and_other_hosts() {
    // A copy of its own: the tests run at once, and each build keeps a photo cache in the site.
    let site = temp_copy("sites", "videos");
    let r = render(site.path());
    let vimeo = video_keys(&page(&r, "ru/peredachi/vimeo/index.html"));
    assert_eq!(vimeo[1], "provider=vimeo");
    assert_eq!(
        vimeo[5],
        "embed_url=https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123"
    );
    assert_eq!(vimeo[6], "watch_url=https://vimeo.com/76979871/abc123");
    // A PNG poster without transparency becomes a JPEG.
    assert_pipeline_poster(&r, &vimeo[7], "media/broadcasts/vimeo/still", (160, 90));
    assert_eq!(vimeo[9], "title=Передача vimeo");
    let tv = video_keys(&page(&r, "lv/raidijumi/tv/index.html"));
    assert_eq!(
        tv[..8],
        [
            "kind=hosted",
            "provider=link",
            "host=ltv.lsm.lv",
            "src=-",
            "type=-",
            "embed_url=-",
            "watch_url=https://ltv.lsm.lv/lv/raidijums/latgales-studija/",
            "poster=-",
        ]
    );
}

#[test]
fn a_local_file_is_published_with_its_captions_and_poster() {
    // A copy of its own: the tests run at once, and each build keeps a photo cache in the site.
    let site = temp_copy("sites", "videos");
    let r = render(site.path());
    for (lang, default) in [("lv", "true"), ("ru", "false")] {
        let html = page(
            &r,
            &format!(
                "{lang}/{}/local/index.html",
                if lang == "lv" {
                    "raidijumi"
                } else {
                    "peredachi"
                }
            ),
        );
        let keys = video_keys(&html);
        assert_eq!(keys[0], "kind=local");
        assert_eq!(keys[1], "provider=file");
        assert_eq!(
            keys[3],
            "src=/raidijumi-vietne/media/broadcasts/local/clip.webm"
        );
        assert_eq!(keys[4], "type=video/webm");
        assert_eq!(
            keys[8],
            format!(
                "captions=lv Latviešu /raidijumi-vietne/media/broadcasts/local/clip.lv.vtt {default};"
            ),
            "only the languages with a .vtt file have captions"
        );
    }
    let published = paths(&r);
    let keys = video_keys(&page(&r, "lv/raidijumi/local/index.html"));
    assert_pipeline_poster(&r, &keys[7], "media/broadcasts/local/still", (160, 90));
    for file in ["clip.webm", "clip.lv.vtt"] {
        let path = format!("media/broadcasts/local/{file}");
        assert!(published.contains(&path), "{path} is not published");
    }
    let source =
        std::fs::read(fixture("sites", "videos").join("content/broadcasts/local/clip.webm"))
            .unwrap();
    assert_eq!(
        r.output
            .get("media/broadcasts/local/clip.webm")
            .unwrap()
            .to_vec(),
        source
    );
}

/// The example site's broadcast pages (default theme).
#[test]
fn the_default_theme_shows_a_poster_and_a_button_that_loads_nothing() {
    let r = render(Path::new(env!("CARGO_MANIFEST_DIR")));
    let lv = page(&r, "lv/raidijumi/raidijums-pirmais-sovs/index.html");
    let ru = page(&r, "ru/peredachi/peredacha-pervoe-shou/index.html");
    for html in [&lv, &ru] {
        // The poster went through the image pipeline: its own size, so nothing shifts.
        let poster = html
            .split(r#"<img class="video-poster" src="/media/broadcasts/broadcast-first-show/poster-960."#)
            .nth(1)
            .unwrap_or_else(|| panic!("{html}"));
        let tag = &poster[..poster.find('>').unwrap()];
        assert!(tag.contains(r#" width="960" height="540""#), "{tag}");
        let srcset = r#" srcset="/media/broadcasts/broadcast-first-show/poster-480."#;
        assert!(tag.contains(srcset), "{tag}");
        assert!(html.contains(r#"<a class="video-play" href="https://www.youtube.com/watch?v=M7lc1UVf-VE" data-embed="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1""#));
        assert!(html.contains("video.js"), "the facade script is loaded");
        assert!(!html.contains("<iframe"), "no player before the click");
        // Nothing on the page is loaded from another site: every src is local.
        for src in html.split(" src=\"").skip(1) {
            assert!(
                src.starts_with('/'),
                "a request leaves the site: {}",
                &src[..src.find('"').unwrap_or(src.len())]
            );
        }
    }
    assert!(lv.contains("Atskaņot — ielādē saturu no youtube.com"));
    assert!(ru.contains("Воспроизвести — загружает содержимое с youtube.com"));

    let tv = page(&r, "lv/raidijumi/raidijums-projekta-sakums/index.html");
    assert!(tv.contains("Skatīties vietnē ltv.lsm.lv"), "{tv}");
    assert!(
        !tv.contains("data-embed"),
        "a host that cannot be embedded gets a link only"
    );
    assert!(!tv.contains("video.js"));

    let local = page(&r, "ru/peredachi/peredacha-final-shou/index.html");
    assert!(local.contains(r#"<video class="video-frame" controls preload="none" poster="/media/broadcasts/broadcast-shows-finale/poster-960."#), "{local}");
    assert!(local.contains(
        r#"<source src="/media/broadcasts/broadcast-shows-finale/sizet.webm" type="video/webm">"#
    ));
    assert!(local.contains(r#"<track kind="captions" src="/media/broadcasts/broadcast-shows-finale/sizet.ru.vtt" srclang="ru" label="Русский" default>"#));
    assert!(local.contains(r#"srclang="lv" label="Latviešu">"#));
    for file in ["sizet.webm", "sizet.lv.vtt", "sizet.ru.vtt"] {
        assert!(paths(&r).contains(&format!("media/broadcasts/broadcast-shows-finale/{file}")));
    }
}

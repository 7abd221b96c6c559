//! `vestis serve` on a first start with many new photos: the page is served at once with the
//! final, content-hashed names of its pictures, before the photos are processed; a picture
//! asked for before its turn is made on demand, and the rest arrive in the background.

use crate::common;
use crate::server;

use std::io::Cursor;
use std::path::Path;

use server::Server;

const PHOTOS: usize = 10;
const PAGE: &str = "/lv/pasakumi/atverto-durvju-diena-daugavpili/";

fn jpeg(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            ((x * seed) % 256) as u8,
            ((y + seed * 7) % 256) as u8,
            ((x ^ y) % 256) as u8,
        ])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}

/// Replaces the fixture copy at `root` by a new site (`vestis init`) whose first event has a
/// gallery of [`PHOTOS`] new photos.
fn many_photos(root: &Path) {
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        match path.is_dir() {
            true => std::fs::remove_dir_all(&path).unwrap(),
            false => std::fs::remove_file(&path).unwrap(),
        }
    }
    vestis::scaffold::init(root).unwrap();
    let site_yaml = root.join("site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap().replacen(
        "      photo:        { type: image }\n",
        "      photo:        { type: image }\n      gallery:      { type: gallery }\n",
        1,
    );
    std::fs::write(&site_yaml, text).unwrap();
    let folder = root.join("content/events/open-day-daugavpils");
    std::fs::create_dir_all(&folder).unwrap();
    let mut gallery = String::from("gallery:\n");
    for i in 0..PHOTOS {
        let name = format!("foto-{i:02}.jpg");
        std::fs::write(folder.join(&name), jpeg(1600, 1200, i as u32 + 1)).unwrap();
        gallery.push_str(&format!("  - {name}\n"));
    }
    let record = root.join("content/events/open-day-daugavpils.yaml");
    let yaml = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, format!("{yaml}{gallery}")).unwrap();
}

/// Entries in the site's image cache (one per photo, one per photo's other sizes).
fn cached(root: &Path) -> usize {
    std::fs::read_dir(root.join(".vestis/cache/images"))
        .map(|d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
        .unwrap_or(0)
}

fn bytes(server: &Server, path: &str) -> (u16, Vec<u8>) {
    let mut response = server
        .agent()
        .get(&format!("{}{path}", server.url))
        .call()
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(50 * 1024 * 1024)
        .read_to_vec()
        .unwrap_or_default();
    (status, body)
}

#[test]
fn pages_are_served_before_the_photos_and_each_photo_when_it_is_ready() {
    let s = Server::start_with("full", &[], many_photos);
    s.wait_for_page(PAGE, 200, "data-gallery");
    let page = s.get(PAGE).body;
    let done_when_served = cached(&s.path(""));
    assert!(
        done_when_served < 2 * PHOTOS,
        "all {done_when_served} pictures were made before the page was served"
    );
    // The page names the final pictures: the thumbnails and the large ones.
    let thumbs: Vec<&str> = page
        .split("src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| src.contains("-480x360.") && src.ends_with(".jpg"))
        .collect();
    assert_eq!(thumbs.len(), PHOTOS, "{page}");
    // The last photo's thumbnail, asked for before its turn, is made on demand.
    let (status, body) = bytes(&s, thumbs[PHOTOS - 1]);
    assert_eq!(status, 200, "{}", s.log());
    assert_eq!(common::image_size(&body), Some((480, 360)));
    let large = page
        .split("class=\"gallery-link\" href=\"")
        .nth(PHOTOS)
        .and_then(|rest| rest.split('"').next())
        .expect("the last photo's link");
    let (status, body) = bytes(&s, large);
    assert_eq!(status, 200, "{large}: {}", s.log());
    assert_eq!(common::image_size(&body), Some((1600, 1200)));
    // The others are made in the background, into the cache.
    // (Bounded: a debug build on a loaded machine takes a while for all of them.)
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while cached(&s.path("")) < 2 * PHOTOS {
        assert!(
            std::time::Instant::now() < deadline,
            "only {} pictures were made in the background; log:\n{}",
            cached(&s.path("")),
            s.log()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let (status, body) = bytes(&s, thumbs[0]);
    assert_eq!(status, 200);
    assert_eq!(common::image_size(&body), Some((480, 360)));
}

/// A PNG cut in the middle of its pixels: its header (size, colours) reads, so `vestis serve`
/// serves the page at once; only making its pictures on the first request finds the damage.
fn cut_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(400, 300, |x, y| {
        image::Rgb([
            (x * 7 % 256) as u8,
            (y * 13 % 256) as u8,
            ((x ^ y) % 256) as u8,
        ])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out.truncate(out.len() / 2);
    out
}

#[test]
fn a_damaged_photo_found_on_first_request_is_told_at_its_line() {
    let s = Server::start_with("full", &[], |root| {
        many_photos(root);
        let folder = root.join("content/events/open-day-daugavpils");
        std::fs::write(folder.join("bojats.png"), cut_png()).unwrap();
        let record = root.join("content/events/open-day-daugavpils.yaml");
        let yaml = std::fs::read_to_string(&record).unwrap();
        std::fs::write(&record, format!("{yaml}photo: bojats.png\n")).unwrap();
    });
    s.wait_for_page(PAGE, 200, "bojats-");
    let page = s.get(PAGE).body;
    let picture = page
        .split(['"', ' ', ','])
        .find(|p| p.contains("/bojats-") && p.ends_with(".jpg"))
        .unwrap_or_else(|| panic!("no picture of the damaged photo in {page}"));
    // Pages name pictures by the full address (`base_url` is the server's).
    let picture = picture
        .strip_prefix(s.url.as_str())
        .unwrap_or(picture)
        .to_string();
    let answer = s.get(&picture);
    assert_eq!(answer.status, 500, "{picture}: {}", s.log());
    // The reason, at the line of the record that names the photo, as `vestis build` says it.
    for part in [
        "content/events/open-day-daugavpils.yaml:",
        "photo: bojats.png",
        "damaged or incomplete",
        "help:",
    ] {
        assert!(answer.body.contains(part), "{part} in {}", answer.body);
    }
    // Shown in the pages' error overlay and printed in the terminal.
    let errors = s.get("/__vestis/errors").body;
    assert!(errors.contains("bojats.png"), "{errors}");
    s.wait_until("the terminal shows the problem", || {
        s.log().contains("damaged or incomplete")
    });
}

//! Helpers shared by the integration tests: locating fixtures, rendering them in memory,
//! copying them to temporary folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vestis::{BuildOptions, Rendered};

/// `tests/sites/<name>` or `tests/invalid/<name>`.
pub fn fixture(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(kind)
        .join(name)
}

/// Options with a fixed "now" (2020-01-01) so embargo tests do not depend on the clock.
pub fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        now: Some("2020-01-01T00:00:00Z".parse().unwrap()),
        ..BuildOptions::new(root)
    }
}

/// Renders a fixture site in memory, panicking with the diagnostics if it fails.
pub fn render(root: &Path) -> Rendered {
    match vestis::render_site(&options(root)) {
        Ok(r) => r,
        Err(d) => panic!("{} did not build:\n{d}", root.display()),
    }
}

/// A produced file as text.
pub fn page(rendered: &Rendered, path: &str) -> String {
    let bytes = rendered
        .output
        .get(path)
        .unwrap_or_else(|| panic!("no `{path}` in the output; have: {:?}", paths(rendered)));
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Every produced path.
pub fn paths(rendered: &Rendered) -> Vec<String> {
    rendered.output.iter().map(|(p, _)| p.to_string()).collect()
}

/// Copies a folder tree (for tests that change a fixture).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of a fixture site.
pub fn temp_copy(kind: &str, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture(kind, name), dir.path());
    dir
}

/// The inner HTML of the element with `id` (up to the first closing tag of its kind).
pub fn by_id(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no element #{id} in:\n{html}"));
    let tag_start = html[..start].rfind('<').unwrap() + 1;
    let tag: String = html[tag_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let open_end = html[start..].find('>').unwrap() + start + 1;
    let close = html[open_end..].find(&format!("</{tag}>")).unwrap() + open_end;
    html[open_end..close].to_string()
}

/// Writes a file and moves its modification time forward, as a later save would.
pub fn save(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(later)
        .unwrap();
}

/// The width and height a PNG or JPEG file says it has (its header: IHDR, or the first
/// start-of-frame segment), `None` for anything else.
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |at: usize| -> Option<u32> {
        Some(u32::from(u16::from_be_bytes(
            bytes.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let be32 = |at: usize| -> Option<u32> {
            Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        return Some((be32(16)?, be32(20)?));
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let len = be16(at + 2)? as usize;
        // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return Some((be16(at + 7)?, be16(at + 5)?));
        }
        at += 2 + len;
    }
    None
}

/// A JPEG of `w` × `h` pixels (a gradient).
pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut out),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    out
}

/// A new site (`vestis init`) whose first event shows `photo.<ext>` holding `bytes`.
pub fn site_with_photo(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    vestis::scaffold::init(dir.path()).unwrap();
    let record = dir.path().join("content/events/open-day-daugavpils.yaml");
    let yaml = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, format!("{yaml}photo: {name}\n")).unwrap();
    let folder = dir.path().join("content/events/open-day-daugavpils");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(name), bytes).unwrap();
    dir
}

/// The example site (settings, content, theme, `.vestis/urls.json`) in a temporary folder.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "locales", "static", "themes"] {
        copy_tree(&repo.join(part), &dir.path().join(part));
    }
    std::fs::create_dir_all(dir.path().join(".vestis")).unwrap();
    for file in ["site.yaml", ".vestis/urls.json"] {
        std::fs::copy(repo.join(file), dir.path().join(file)).unwrap();
    }
    dir
}

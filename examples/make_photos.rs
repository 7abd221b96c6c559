//! Draws the example site's photos: noise-textured scenes (a sky, hills, a stage with
//! spectators) written as a phone would write them, with EXIF (the orientation, a GPS
//! position, the camera), XMP and a comment, so that the image pipeline has real work on every
//! `scripts/test`: turning pictures upright and removing every trace of where they were taken.
//!
//! ```text
//! cargo run --example make_photos -- content
//! ```
//!
//! The pictures are the same on every run (a fixed seed), so re-running changes nothing.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{Rgb, RgbImage, RgbaImage};
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::{Bytes, ImageEXIF};

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "content".into()));
    // Held sideways, as a phone stores a portrait: orientation 6 turns it upright.
    let upright = scene(900, 1200, 1);
    let stored = image::imageops::rotate270(&upright);
    write_jpeg(
        &root.join("events/exchange-liepaja/zale.jpg"),
        &stored,
        6,
        78,
    )?;
    // The wide one: 4000 pixels across.
    write_jpeg(
        &root.join("events/collaboration-daugavpils/photo.jpg"),
        &scene(4000, 2250, 2),
        1,
        45,
    )?;
    let rotated = image::imageops::rotate180(&scene(1600, 1067, 3));
    write_jpeg(
        &root.join("events/exchange-lithuania/photo.jpg"),
        &rotated,
        3,
        70,
    )?;
    // The gallery of the Liepāja exchange reuses two of them (the same bytes: no new blob).
    for (from, to) in [
        (
            "events/exchange-lithuania/photo.jpg",
            "events/exchange-liepaja/skatuve.jpg",
        ),
        (
            "events/collaboration-daugavpils/photo.jpg",
            "events/exchange-liepaja/ainava.jpg",
        ),
    ] {
        std::fs::copy(root.join(from), root.join(to))?;
    }
    write_png(
        &root.join("events/info-results-daugavpils/chart.png"),
        640,
        400,
    )?;
    Ok(())
}

/// A small deterministic generator (xorshift), so the pictures never change.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % 1000) as f32 / 1000.0
    }
}

/// Sky on top (blue), hills, a dark stage with round heads of spectators at the bottom.
fn scene(w: u32, h: u32, seed: u64) -> RgbImage {
    let mut noise = Noise(0x9E37_79B9_7F4A_7C15 ^ seed);
    let grid: Vec<f32> = (0..64 * 64).map(|_| noise.next()).collect();
    let smooth = |x: f32, y: f32| {
        let (gx, gy) = (x * 15.0, y * 15.0);
        let (ix, iy) = (gx as usize, gy as usize);
        let (fx, fy) = (gx - ix as f32, gy - iy as f32);
        let g = |i: usize, j: usize| grid[(j % 64) * 64 + (i % 64)];
        let top = g(ix, iy) * (1.0 - fx) + g(ix + 1, iy) * fx;
        let bottom = g(ix, iy + 1) * (1.0 - fx) + g(ix + 1, iy + 1) * fx;
        top * (1.0 - fy) + bottom * fy
    };
    let heads: Vec<(f32, f32)> = (0..24)
        .map(|_| (noise.next(), 0.8 + noise.next() * 0.15))
        .collect();
    RgbImage::from_fn(w, h, |x, y| {
        let (u, v) = (x as f32 / w as f32, y as f32 / h as f32);
        let n = smooth(u, v) * 40.0;
        let hill = 0.45 + 0.08 * (u * 9.0 + seed as f32).sin();
        let head = heads.iter().any(|&(hx, hy)| {
            let (dx, dy) = ((u - hx) * w as f32 / h as f32, v - hy);
            dx * dx + dy * dy < 0.0016
        });
        let [r, g, b] = if head {
            [200.0, 150.0, 120.0]
        } else if v < hill {
            [70.0 + n, 130.0 + n, 230.0]
        } else if v < 0.75 {
            [60.0 + n, 150.0 + n, 60.0]
        } else {
            [60.0 + n, 35.0 + n / 2.0, 30.0]
        };
        Rgb([r as u8, g as u8, b as u8])
    })
}

/// EXIF as a phone writes it: the orientation, the camera, and a GPS position (Rēzekne).
fn exif(orientation: u16) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value.to_be_bytes());
    };
    // IFD0 at 8: 3 entries (12 bytes each) + next-IFD offset → ends at 8 + 2 + 36 + 4 = 50.
    t.extend_from_slice(&3u16.to_be_bytes());
    entry(&mut t, 0x010F, 2, 4, u32::from_be_bytes(*b"Cam\0")); // Make
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation) << 16); // Orientation
    entry(&mut t, 0x8825, 4, 1, 50); // the GPS IFD
    t.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD at 50: 4 entries → ends at 50 + 2 + 48 + 4 = 104; the rationals follow.
    t.extend_from_slice(&4u16.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, 104);
    entry(&mut t, 0x0003, 2, 2, u32::from_be_bytes(*b"E\0\0\0"));
    entry(&mut t, 0x0004, 5, 3, 128);
    t.extend_from_slice(&0u32.to_be_bytes());
    for (num, den) in [(56, 1), (30, 1), (1234, 100), (27, 1), (20, 1), (5678, 100)] {
        t.extend_from_slice(&(num as u32).to_be_bytes());
        t.extend_from_slice(&(den as u32).to_be_bytes());
    }
    t
}

fn write_jpeg(path: &Path, img: &RgbImage, orientation: u16, quality: u8) -> anyhow::Result<()> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(img)?;
    let mut jpeg = Jpeg::from_bytes(Bytes::from(bytes))?;
    jpeg.set_exif(Some(Bytes::from(exif(orientation))));
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>56,30.2N</exif:GPSLatitude></x:xmpmeta>";
    jpeg.segments_mut().insert(
        2,
        JpegSegment::new_with_contents(markers::APP1, Bytes::from_static(xmp)),
    );
    let comment = JpegSegment::new_with_contents(
        markers::COM,
        Bytes::from_static(b"taken by the officer's phone"),
    );
    jpeg.segments_mut().insert(3, comment);
    save(path, &jpeg.encoder().bytes())
}

/// A PNG with transparency and a text chunk (where and by whom), as drawing programs write.
fn write_png(path: &Path, w: u32, h: u32) -> anyhow::Result<()> {
    let img = RgbaImage::from_fn(w, h, |x, y| {
        let bar = (x / 80) as u8;
        let top = h - (u32::from(bar) * 37 % h).max(40);
        match y > top {
            true => image::Rgba([40 + bar * 20, 90, 160, 255]),
            false => image::Rgba([255, 255, 255, 0]),
        }
    });
    let mut bytes = Vec::new();
    img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)?;
    let mut png = img_parts::png::Png::from_bytes(Bytes::from(bytes))?;
    let text = img_parts::png::PngChunk::new(
        *b"tEXt",
        Bytes::from_static(b"Comment\0GPS 56.5N 27.3E, drawn by the officer"),
    );
    png.chunks_mut().insert(1, text);
    save(path, &png.encoder().bytes())
}

fn save(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)?;
    println!("{} ({} kB)", path.display(), bytes.len() / 1024);
    Ok(())
}

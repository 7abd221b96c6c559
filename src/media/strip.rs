//! Removing metadata from a raster file without re-encoding it (img-parts): for the originals
//! that are published as they are (`images.keep_original`, a `file` field naming a photo).
//! A phone's photo carries where it was taken (EXIF GPS), the camera, the owner's name (XMP,
//! IPTC) and comments; none of it may leave the site. The ICC colour profile stays (it is how
//! the colours look right), and the EXIF orientation is kept alone, in a minimal EXIF block,
//! so that the original still shows upright.

use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;
use img_parts::webp::{CHUNK_EXIF, CHUNK_XMP, WebP};
use img_parts::{Bytes, ImageEXIF};

/// PNG chunks that carry text, EXIF or a time stamp.
const PNG_METADATA: [[u8; 4]; 5] = [*b"tEXt", *b"zTXt", *b"iTXt", *b"eXIf", *b"tIME"];

/// `bytes` without metadata, or `None` when the file is not a JPEG, PNG or WebP that can be
/// read. `orientation` is the EXIF orientation (1–8) to keep; 1 writes no EXIF at all.
pub fn strip(bytes: &[u8], orientation: u8) -> Option<Vec<u8>> {
    let b = Bytes::copy_from_slice(bytes);
    let exif = (orientation > 1).then(|| Bytes::from(orientation_exif(orientation)));
    let out = match bytes {
        [0xFF, 0xD8, ..] => {
            let mut jpeg = Jpeg::from_bytes(b).ok()?;
            jpeg.segments_mut()
                .retain(|s| keep_jpeg_segment(s.marker(), s.contents()));
            jpeg.set_exif(exif);
            jpeg.encoder().bytes()
        }
        [0x89, b'P', b'N', b'G', ..] => {
            let mut png = Png::from_bytes(b).ok()?;
            png.chunks_mut()
                .retain(|c| !PNG_METADATA.contains(&c.kind()));
            png.set_exif(exif);
            png.encoder().bytes()
        }
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => {
            let mut webp = WebP::from_bytes(b).ok()?;
            webp.remove_chunks_by_id(CHUNK_XMP);
            webp.remove_chunks_by_id(CHUNK_EXIF);
            webp.set_exif(exif);
            webp.encoder().bytes()
        }
        _ => return None,
    };
    Some(out.to_vec())
}

/// JFIF (APP0), the ICC profile (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14, which
/// CMYK files need) stay; EXIF and XMP (APP1), IPTC (APP13), every other application segment
/// and comments (COM) go.
fn keep_jpeg_segment(marker: u8, contents: &[u8]) -> bool {
    match marker {
        markers::APP0 | markers::APP14 => true,
        markers::APP2 => contents.starts_with(b"ICC_PROFILE\0"),
        markers::APP1..=markers::APP15 | markers::COM => false,
        _ => true,
    }
}

/// A TIFF structure with one tag, Orientation (0x0112), as EXIF holds it.
fn orientation_exif(orientation: u8) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&0x0112u16.to_be_bytes());
    t.extend_from_slice(&3u16.to_be_bytes());
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&u16::from(orientation).to_be_bytes());
    t.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_loses_exif_xmp_and_comments_but_keeps_icc() {
        let seg = |marker: u8, body: &[u8]| {
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
            s.extend_from_slice(body);
            s
        };
        let mut file = vec![0xFF, 0xD8];
        file.extend(seg(markers::APP1, b"Exif\0\0MM\0\x2aGPS-secret"));
        file.extend(seg(
            markers::APP1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>",
        ));
        file.extend(seg(markers::APP13, b"Photoshop 3.0\0IPTC-owner"));
        file.extend(seg(markers::COM, b"a comment"));
        file.extend(seg(markers::APP2, b"ICC_PROFILE\0\x01\x01profile"));
        file.extend([0xFF, 0xD9]);
        let out = strip(&file, 1).unwrap();
        let text = String::from_utf8_lossy(&out);
        for gone in ["GPS-secret", "xmpmeta", "IPTC-owner", "a comment"] {
            assert!(!text.contains(gone), "{gone} left in {text}");
        }
        assert!(text.contains("ICC_PROFILE"));
        let rotated = strip(&file, 6).unwrap();
        assert!(String::from_utf8_lossy(&rotated).contains("Exif"));
    }

    #[test]
    fn other_files_are_not_touched() {
        assert_eq!(strip(b"%PDF-1.7", 1), None);
    }
}

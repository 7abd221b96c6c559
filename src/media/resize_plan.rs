//! The size and names of another picture of a processed photo that a template asks for
//! (`resize(image=…, width=…, height=…, fit=…)`): answered at once, from what the pipeline
//! already knows of the photo, without decoding it, so that pages render before any picture is
//! made. A module of its own because this arithmetic (fits, never upscaling, content-hashed
//! names) is what templates see, while [`super::resize`] is the making.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::content::FocalPoint;

use super::encode::Encoding;
use super::{ImageInfo, Variant};

/// The largest width or height a template may ask for.
pub const MAX_SIDE: u32 = 8000;

/// How a picture is fitted to the size asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fit {
    /// Exactly `width` × `height`, cropped around the focal point (Zola's `fill`, Hugo's
    /// `Fill`).
    Cover,
    /// Within `width` × `height`, its shape kept (Zola's `fit`, Hugo's `Fit`).
    Contain,
    /// `width` wide, its shape kept (Zola's `fit_width`).
    Width,
    /// `height` high, its shape kept (Zola's `fit_height`).
    Height,
}

impl Fit {
    /// The words a template writes.
    pub const NAMES: &'static [&'static str] = &["cover", "contain", "width", "height"];

    /// The fit named `name`.
    pub fn parse(name: &str) -> Option<Fit> {
        match name {
            "cover" => Some(Fit::Cover),
            "contain" => Some(Fit::Contain),
            "width" => Some(Fit::Width),
            "height" => Some(Fit::Height),
            _ => None,
        }
    }
}

/// One picture a template asked for: what [`super::resize::run`] makes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResizeJob {
    /// The photo (absolute path).
    pub source: PathBuf,
    /// Its cache key: the photo's key, the size and the crop.
    pub key: String,
    /// Width of the picture made.
    pub width: u32,
    /// Height of the picture made.
    pub height: u32,
    /// The part a crop keeps.
    pub focus: FocalPoint,
    /// Its pictures, one per format (the fallback last).
    pub variants: Vec<Variant>,
    /// The average colour of the photo.
    pub colour: String,
}

/// The picture of `info` that `width`, `height` and `fit` ask for (never wider or higher
/// than the photo), with the names [`super::resize::run`] will publish it under; `Err` says in plain words
/// what is wrong with the arguments.
pub fn plan(
    info: &ImageInfo,
    width: Option<u32>,
    height: Option<u32>,
    fit: Option<Fit>,
    focus: Option<FocalPoint>,
) -> Result<ResizeJob, String> {
    let focus = focus.unwrap_or(info.focus);
    for (name, side) in [("width", width), ("height", height)] {
        if let Some(side) = side.filter(|&s| s == 0 || s > MAX_SIDE) {
            return Err(format!(
                "`{name}` is {side}: it must be a number of pixels from 1 to {MAX_SIDE}"
            ));
        }
    }
    let fit = match (fit, width, height) {
        (Some(fit), ..) => fit,
        (None, Some(_), Some(_)) => Fit::Cover,
        (None, Some(_), None) => Fit::Width,
        (None, None, Some(_)) => Fit::Height,
        (None, None, None) => return Err("give a `width`, a `height` or both".into()),
    };
    let (w, h) = (u64::from(info.width), u64::from(info.height));
    let scaled = |num: u64, den: u64, of: u64| ((of * num + den / 2) / den).max(1);
    let (out_w, out_h) = match (fit, width, height) {
        (Fit::Width, Some(tw), _) => {
            let tw = u64::from(tw).min(w);
            (tw, scaled(tw, w, h))
        }
        (Fit::Height, _, Some(th)) => {
            let th = u64::from(th).min(h);
            (scaled(th, h, w), th)
        }
        (Fit::Contain, Some(tw), Some(th)) => {
            let (tw, th) = (u64::from(tw), u64::from(th));
            // The smaller of the two scales, never above 1.
            if tw * h <= th * w {
                let tw = tw.min(w);
                (tw, scaled(tw, w, h))
            } else {
                let th = th.min(h);
                (scaled(th, h, w), th)
            }
        }
        (Fit::Cover, Some(tw), Some(th)) => {
            let (tw, th) = (u64::from(tw), u64::from(th));
            // A photo smaller than the box gives the largest crop of the box's shape it has.
            if tw <= w && th <= h {
                (tw, th)
            } else if tw * h <= th * w {
                (scaled(tw, th, h).min(w), h)
            } else {
                (w, scaled(th, tw, w).min(h))
            }
        }
        (fit, ..) => {
            let needs = match fit {
                Fit::Width => "`width`",
                Fit::Height => "`height`",
                Fit::Cover | Fit::Contain => "both `width` and `height`",
            };
            let name = Fit::NAMES[fit as usize];
            return Err(format!("`fit=\"{name}\"` needs {needs}"));
        }
    };
    let (out_w, out_h) = (out_w as u32, out_h as u32);
    let mut h = Sha256::new();
    h.update(info.key.as_bytes());
    h.update(format!("resize|{out_w}|{out_h}|{focus:?}").as_bytes());
    let key = super::hex(&h.finalize());
    let short = &key[..10];
    let mut encodings: Vec<Encoding> = Vec::new();
    for v in &info.variants {
        if !encodings.contains(&v.encoding) {
            encodings.push(v.encoding);
        }
    }
    let variants = encodings
        .into_iter()
        .map(|encoding| Variant {
            encoding,
            width: out_w,
            height: out_h,
            path: format!(
                "{}-{out_w}x{out_h}.{short}.{}",
                info.stem,
                encoding.extension()
            ),
        })
        .collect();
    Ok(ResizeJob {
        source: info.source.clone(),
        key,
        width: out_w,
        height: out_h,
        focus,
        variants,
        colour: info.colour.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(w: u32, h: u32) -> ImageInfo {
        ImageInfo {
            width: w,
            height: h,
            colour: "#000000".into(),
            variants: vec![Variant {
                encoding: Encoding::Jpeg,
                width: w,
                height: h,
                path: "media/x/a-1.h.jpg".into(),
            }],
            original: None,
            share: None,
            source: PathBuf::from("/site/a.jpg"),
            key: "k".into(),
            stem: "media/x/a".into(),
            focus: FocalPoint::MIDDLE,
        }
    }

    fn size(w: u32, h: u32, tw: Option<u32>, th: Option<u32>, fit: Option<Fit>) -> (u32, u32) {
        let job = plan(&info(w, h), tw, th, fit, None).unwrap();
        (job.width, job.height)
    }

    #[test]
    fn sizes_follow_the_fit_and_are_never_upscaled() {
        assert_eq!(size(4000, 3000, Some(400), Some(400), None), (400, 400));
        assert_eq!(size(4000, 3000, Some(400), None, None), (400, 300));
        assert_eq!(size(4000, 3000, None, Some(300), None), (400, 300));
        assert_eq!(
            size(4000, 3000, Some(400), Some(400), Some(Fit::Contain)),
            (400, 300)
        );
        assert_eq!(
            size(3000, 4000, Some(400), Some(400), Some(Fit::Contain)),
            (300, 400)
        );
        // Smaller than asked: its own width, or the largest crop of the shape it has.
        assert_eq!(size(800, 600, Some(1600), None, None), (800, 600));
        assert_eq!(size(800, 600, Some(1000), Some(1000), None), (600, 600));
        assert_eq!(size(800, 600, Some(2000), Some(500), None), (800, 200));
    }

    #[test]
    fn names_carry_the_size_and_a_hash() {
        let job = plan(&info(4000, 3000), Some(400), Some(400), None, None).unwrap();
        let path = &job.variants[0].path;
        assert!(
            path.starts_with("media/x/a-400x400.") && path.ends_with(".jpg"),
            "{path}"
        );
        let other = plan(&info(4000, 3000), Some(401), Some(400), None, None).unwrap();
        assert_ne!(job.key, other.key);
        let top = FocalPoint { x: 500, y: 0 };
        let elsewhere = plan(&info(4000, 3000), Some(400), Some(400), None, Some(top)).unwrap();
        assert_ne!(job.key, elsewhere.key);
        assert_ne!(job.variants[0].path, elsewhere.variants[0].path);
    }

    #[test]
    fn bad_arguments_are_refused_in_words() {
        let e = plan(&info(10, 10), None, None, None, None).unwrap_err();
        assert!(e.contains("give a `width`"), "{e}");
        let e = plan(&info(10, 10), Some(0), None, None, None).unwrap_err();
        assert!(e.contains("from 1 to"), "{e}");
        let e = plan(&info(10, 10), Some(5), None, Some(Fit::Cover), None).unwrap_err();
        assert!(e.contains("needs both"), "{e}");
    }
}

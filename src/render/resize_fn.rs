//! The `resize` template function: another size or crop of a processed photo,
//! `resize(image=page.photo, width=400, height=300, fit="cover")`, answered at
//! once with an image value (its size and final, content-hashed names are known without
//! decoding the photo); the pictures are made after the pages (see `media::resize_all`),
//! each photo decoded once for every size asked of it. Every call is noted on the build's
//! [`Resizes`] and on the page that made it, so a page taken from the memo still gets its
//! pictures published.

use std::sync::{Arc, Mutex};

use tera::{Error, Kwargs, TeraResult, Value};

use crate::media::{Fit, Images, ResizeJob};

use super::budget::Budget;
use super::urls::Urls;

/// What `resize` answers from, and every picture asked for in this build.
pub struct Resizes {
    images: Arc<Images>,
    urls: Urls,
    asked: Mutex<Vec<ResizeJob>>,
}

impl Resizes {
    /// For one build's photos.
    pub fn new(images: Arc<Images>, urls: Urls) -> Self {
        Resizes {
            images,
            urls,
            asked: Mutex::new(Vec::new()),
        }
    }

    /// Every picture asked for so far.
    pub fn asked(&self) -> Vec<ResizeJob> {
        self.asked.lock().map(|a| a.clone()).unwrap_or_default()
    }
}

/// Registers `resize` on `tera`.
pub fn register(tera: &mut tera::Tera, resizes: Arc<Resizes>, budget: Budget) {
    tera.register_function("resize", move |kwargs: Kwargs, _: &tera::State| {
        let job = plan(&resizes, &kwargs)?;
        let alt = kwargs
            .get::<Value>("image")?
            .and_then(|v| {
                v.as_map()
                    .and_then(|m| m.get(&tera::value::Key::from("alt")).cloned())
            })
            .and_then(|a| a.as_str().map(str::to_string));
        let value = super::image_value::resized(&job, alt.as_deref(), &resizes.urls);
        budget.note_resize(&job);
        if let Ok(mut asked) = resizes.asked.lock() {
            asked.push(job);
        }
        Ok::<_, Error>(value)
    });
}

const ARGS: &[&str] = &["image", "width", "height", "fit"];

fn plan(resizes: &Resizes, kwargs: &Kwargs) -> TeraResult<ResizeJob> {
    let fail = |m: String| Error::message(format!("`resize`: {m}"));
    for (key, _) in kwargs.iter() {
        let key = key.as_str().unwrap_or_default();
        if !ARGS.contains(&key) {
            let help = crate::diagnostics::did_you_mean(key, ARGS.iter().copied())
                .map(|h| format!("; {h}"))
                .unwrap_or_else(|| "; it takes `image`, `width`, `height` and `fit`".into());
            return Err(fail(format!("there is no setting `{key}`{help}")));
        }
    }
    let image = kwargs.get::<Value>("image")?.ok_or_else(|| {
        fail("say which photo, e.g. `resize(image=page.photo, width=400)`".into())
    })?;
    let path = match (image.as_map(), image.as_str()) {
        (Some(map), _) => map
            .get(&tera::value::Key::from("path"))
            .and_then(|p| p.as_str().map(str::to_string)),
        (None, Some(path)) => Some(path.to_string()),
        _ => None,
    };
    let info = path
        .as_deref()
        .and_then(|p| resizes.images.by_path(p))
        .ok_or_else(|| match (&path, image.is_none()) {
            (_, true) => fail("the `image` is empty: this record has no photo there (check it with `{% if … %}` first)".into()),
            (Some(p), _) => fail(format!("`{p}` is not a photo of the image pipeline (a drawing or a file of `static/` cannot be resized)")),
            (None, _) => fail(format!("`image` must be a photo (an image field's value), found {}", image.name())),
        })?;
    let side = |name: &str| -> TeraResult<Option<u32>> {
        match kwargs.get::<Value>(name)? {
            None => Ok(None),
            Some(v) => match v.as_i128() {
                Some(n) if n > 0 && n <= i128::from(crate::media::MAX_RESIZE) => Ok(Some(n as u32)),
                _ => Err(fail(format!(
                    "`{name}` must be a whole number of pixels from 1 to {}, found `{v}`",
                    crate::media::MAX_RESIZE
                ))),
            },
        }
    };
    let (width, height) = (side("width")?, side("height")?);
    let fit = match kwargs.get::<Value>("fit")? {
        None => None,
        Some(v) => {
            let name = v.as_str().unwrap_or_default().to_string();
            Some(Fit::parse(&name).ok_or_else(|| {
                let hint = crate::diagnostics::did_you_mean(&name, Fit::NAMES.iter().copied())
                    .unwrap_or_else(|| "use `cover`, `contain`, `width` or `height`".into());
                fail(format!("`fit` cannot be `{v}`; {hint}"))
            })?)
        }
    };
    // The value's own focal point (a gallery entry's), else the photo's.
    let focus = image
        .as_map()
        .and_then(|m| m.get(&tera::value::Key::from("focus")))
        .and_then(|f| {
            f.as_array()
                .map(|a| a.iter().filter_map(Value::as_f64).collect::<Vec<_>>())
        })
        .and_then(|xy| match xy[..] {
            [x, y] if (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y) => {
                Some(crate::content::FocalPoint {
                    x: (x * 1000.0).round() as u16,
                    y: (y * 1000.0).round() as u16,
                })
            }
            _ => None,
        });
    crate::media::plan(info, width, height, fit, focus).map_err(fail)
}

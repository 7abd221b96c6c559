//! The image cache seen from outside: a rebuild does not read an unchanged photo (its hash is
//! kept by its stamp, `.vestis/cache/sources.json`) yet never misses a replaced one, and in
//! `vestis serve` a photo's pictures of every size come from one decoding.

use crate::common;

use std::path::Path;

use vestis::Rendered;

/// Every output file that is a raster picture.
fn rasters(rendered: &Rendered) -> Vec<(String, Vec<u8>)> {
    rendered
        .output
        .iter()
        .filter(|(p, _)| [".jpg", ".png", ".webp"].iter().any(|e| p.ends_with(e)))
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect()
}

/// Sets the modification time of `path` to `then`.
fn modified_at(path: &Path, then: std::time::SystemTime) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_times(std::fs::FileTimes::new().set_modified(then))
        .unwrap();
}

#[test]
fn a_photo_replaced_in_place_with_its_size_and_time_kept_is_made_again() {
    let (first, mut second) = (common::jpeg(64, 48), common::jpeg(64, 40));
    // The same length (bytes after the end marker are ignored by every reader).
    let len = first.len().max(second.len());
    let mut first = first;
    first.resize(len, 0);
    second.resize(len, 0);
    let site = common::site_with_photo("photo.jpg", &first);
    let photo = site
        .path()
        .join("content/events/open-day-daugavpils/photo.jpg");
    // An hour old, as a photo copied from a camera.
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    modified_at(&photo, then);
    let built = common::render(site.path());
    assert_eq!(built.stats.images_decoded, 1);
    let index = std::fs::read_to_string(site.path().join(".vestis/cache/sources.json")).unwrap();
    assert!(
        index.contains("photo.jpg"),
        "the photo's hash is kept: {index}"
    );
    let again = common::render(site.path());
    assert_eq!(again.stats.images_decoded, 0);
    assert_eq!(rasters(&again), rasters(&built));
    // Overwritten in place (same file, same size), its old modification time put back, as
    // `cp -p` does: only its change time tells.
    std::fs::write(&photo, &second).unwrap();
    modified_at(&photo, then);
    assert_eq!(std::fs::metadata(&photo).unwrap().len() as usize, len);
    let replaced = common::render(site.path());
    assert_eq!(replaced.stats.images_decoded, 1, "the new photo is read");
    let sizes: Vec<_> = rasters(&replaced)
        .iter()
        .filter(|(p, _)| p.contains("/photo-"))
        .map(|(p, b)| (p.clone(), common::image_size(b)))
        .collect();
    assert!(sizes.iter().any(|(_, s)| *s == Some((64, 40))), "{sizes:?}");
    assert!(sizes.iter().all(|(_, s)| *s != Some((64, 48))), "{sizes:?}");
}

#[test]
fn in_serve_a_photo_is_decoded_once_for_its_widths_and_its_other_sizes() {
    let site = common::site_with_photo("photo.jpg", &common::jpeg(800, 600));
    let config = vestis::config::Config::load(site.path()).unwrap();
    let source = site
        .path()
        .join("content/events/open-day-daugavpils/photo.jpg");
    let request = vestis::media::Request {
        source: source.clone(),
        original: "media/events/open-day-daugavpils/photo.jpg".into(),
        stem: "media/events/open-day-daugavpils/photo".into(),
        uses: Vec::new(),
        share: true,
        focus: None,
    };
    // `vestis serve`: the photo is only planned; one maker will make its pictures.
    let processed = vestis::media::process(&config, &[request], true);
    assert_eq!(processed.decoded, 0);
    assert_eq!(processed.later.len(), 1);
    let info = processed.images.get(&source).unwrap();
    let job = vestis::media::plan(info, Some(300), Some(300), None, None).unwrap();
    let (makers, _) =
        vestis::media::resize_later(&config, std::slice::from_ref(&job), &processed.pending);
    // The other size is made by the same maker, so from the same single decoding.
    assert_eq!(makers.len(), 1);
    assert!(std::sync::Arc::ptr_eq(&makers[0].1, &processed.later[0].1));
    let maker = &makers[0].1;
    // The fallback (JPEG) picture, the last.
    let thumb = maker.file(&job.variants.last().unwrap().path).unwrap();
    assert_eq!(common::image_size(&thumb), Some((300, 300)));
    let widest = &info.variants.last().unwrap().path;
    assert!(common::image_size(&maker.file(widest).unwrap()).is_some());
}

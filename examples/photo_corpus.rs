//! The photo corpus of the images benchmark (`scripts/bench-images.sh`): `RECORDS` records
//! in two languages, each with two noise-textured JPEG photos of `WIDTH` × `HEIGHT` (12
//! megapixels by default), written as three sites that ask for the same pictures: a vestis
//! site (the photos in a `list` of images: 480, 960 and 1600 wide in WebP and JPEG, quality
//! 80, no share crop), its Zola twin (`resize_image(op="fit_width")` for each width and
//! format) and its Hugo twin (`.Resize "480x webp q80"` …). The photos are the same bytes in
//! the three; every photo is different (a seed per photo), so no tool can share work.
//!
//! ```text
//! cargo run --release --example photo_corpus -- OUT [RECORDS] [WIDTH] [HEIGHT]
//! ```
//!
//! Writes `OUT/vestis`, `OUT/zola` and `OUT/hugo`. Never commit the corpus.

use std::path::Path;

use image::{Rgb, RgbImage};

const WIDTHS: [u32; 3] = [480, 960, 1600];
const QUALITY: u8 = 80;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out =
        std::path::PathBuf::from(args.next().ok_or_else(|| {
            anyhow::anyhow!("usage: photo_corpus OUT [RECORDS] [WIDTH] [HEIGHT]")
        })?);
    let records: usize = args.next().map_or(Ok(100), |a| a.parse())?;
    let width: u32 = args.next().map_or(Ok(4000), |a| a.parse())?;
    let height: u32 = args.next().map_or(Ok(3000), |a| a.parse())?;
    vestis_site(&out.join("vestis"), records)?;
    zola_site(&out.join("zola"), records)?;
    hugo_site(&out.join("hugo"), records)?;
    for i in 0..records {
        for (n, name) in ["a.jpg", "b.jpg"].iter().enumerate() {
            let bytes = photo(width, height, (i * 2 + n) as u64 + 1)?;
            let id = id(i);
            for dir in [
                out.join("vestis/content/shows").join(&id),
                out.join("zola/content/shows").join(&id),
                out.join("hugo/content/shows").join(&id),
            ] {
                std::fs::create_dir_all(&dir)?;
                std::fs::write(dir.join(name), &bytes)?;
            }
        }
    }
    Ok(())
}

fn id(i: usize) -> String {
    format!("show-{i:04}")
}

/// A picture like a photo to an encoder: a gradient with coarse shapes and fine noise.
fn photo(w: u32, h: u32, seed: u64) -> anyhow::Result<Vec<u8>> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 56) as u8
    };
    let tint = (seed * 37 % 200) as u8;
    let img = RgbImage::from_fn(w, h, |x, y| {
        let n = noise() / 4;
        let band = ((x / 97 + y / 61) % 5) as u8 * 20;
        Rgb([
            ((x * 200 / w) as u8).wrapping_add(n).wrapping_add(band),
            ((y * 180 / h) as u8).wrapping_add(n).wrapping_add(tint / 2),
            tint.wrapping_add(n).wrapping_add(band / 2),
        ])
    });
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    img.write_with_encoder(encoder)?;
    Ok(out)
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)?;
    Ok(())
}

fn vestis_site(root: &Path, records: usize) -> anyhow::Result<()> {
    write(
        &root.join("site.yaml"),
        &format!(
            r#"title: {{ lv: "Foto", ru: "Фото" }}
base_url: "https://bench.vestis.test"
languages:
  - {{ code: lv, name: "Latviešu" }}
  - {{ code: ru, name: "Русский" }}
theme: t
images:
  widths: {WIDTHS:?}
  formats: [webp, jpeg]
  quality: {QUALITY}
collections:
  shows:
    path: {{ lv: izrades, ru: spektakli }}
    fields:
      photos: {{ type: list, of: {{ type: image }} }}
"#
        ),
    )?;
    let t = root.join("themes/t/templates");
    write(
        &t.join("base.html"),
        "<!doctype html><html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\"><title>{{ site.title }}</title></head><body>{% block main %}{% endblock main %}</body></html>\n",
    )?;
    write(
        &t.join("index.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>{{ site.title }}</h1>{% endblock main %}\n",
    )?;
    write(
        &t.join("list.html"),
        "{% extends \"base.html\" %}{% block main %}<ul>{% for r in records %}<li><a href=\"{{ r.url }}\">{{ r.title }}</a></li>{% endfor %}</ul>{% endblock main %}\n",
    )?;
    write(
        &t.join("record.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>{{ page.title }}</h1>{% for img in page.photos %}<picture>{% for s in img.sources %}<source type=\"{{ s.type }}\" srcset=\"{{ s.srcset }}\">{% endfor %}<img src=\"{{ img.url }}\" width=\"{{ img.width }}\" height=\"{{ img.height }}\" alt=\"\"></picture>{% endfor %}{% endblock main %}\n",
    )?;
    for page in ["404.html", "chooser.html"] {
        write(
            &t.join(page),
            "{% extends \"base.html\" %}{% block main %}<h1>{{ site.title }}</h1>{% endblock main %}\n",
        )?;
    }
    write(&root.join("themes/t/locales/lv/main.ftl"), "x = x\n")?;
    write(&root.join("themes/t/locales/ru/main.ftl"), "x = x\n")?;
    for i in 0..records {
        let id = id(i);
        let dir = root.join("content/shows");
        write(
            &dir.join(format!("{id}.yaml")),
            "photos:\n  - a.jpg\n  - b.jpg\n",
        )?;
        write(
            &dir.join(format!("{id}.lv.md")),
            &format!("---\ntitle: \"Izrāde {i}\"\nphotos_alt: \"Skatuve\"\n---\nTeksts.\n"),
        )?;
        write(
            &dir.join(format!("{id}.ru.md")),
            &format!("---\ntitle: \"Спектакль {i}\"\nphotos_alt: \"Сцена\"\n---\nТекст.\n"),
        )?;
    }
    Ok(())
}

fn zola_site(root: &Path, records: usize) -> anyhow::Result<()> {
    write(
        &root.join("config.toml"),
        "base_url = \"https://example.org\"\ndefault_language = \"lv\"\ntitle = \"Foto\"\n\n[languages.ru]\ntitle = \"Фото\"\n",
    )?;
    write(
        &root.join("templates/index.html"),
        "<h1>{{ config.title }}</h1>\n",
    )?;
    write(
        &root.join("templates/section.html"),
        "<ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>\n",
    )?;
    let mut page = String::from("<h1>{{ page.title }}</h1>{% for photo in page.extra.photos %}");
    for format in ["webp", "jpg"] {
        for w in WIDTHS {
            page.push_str(&format!(
                "{{% set r = resize_image(path=photo, width={w}, op=\"fit_width\", format=\"{format}\", quality={QUALITY}) %}}<img src=\"{{{{ r.url }}}}\" width=\"{{{{ r.width }}}}\" height=\"{{{{ r.height }}}}\">"
            ));
        }
    }
    page.push_str("{% endfor %}\n");
    write(&root.join("templates/page.html"), &page)?;
    write(
        &root.join("content/shows/_index.md"),
        "+++\ntitle = \"Izrādes\"\n+++\n",
    )?;
    write(
        &root.join("content/shows/_index.ru.md"),
        "+++\ntitle = \"Спектакли\"\n+++\n",
    )?;
    for i in 0..records {
        let id = id(i);
        let extra = format!("[extra]\nphotos = [\"shows/{id}/a.jpg\", \"shows/{id}/b.jpg\"]\n");
        let dir = root.join("content/shows").join(&id);
        write(
            &dir.join("index.md"),
            &format!("+++\ntitle = \"Izrāde {i}\"\n{extra}+++\nTeksts.\n"),
        )?;
        write(
            &dir.join("index.ru.md"),
            &format!("+++\ntitle = \"Спектакль {i}\"\n{extra}+++\nТекст.\n"),
        )?;
    }
    Ok(())
}

fn hugo_site(root: &Path, records: usize) -> anyhow::Result<()> {
    write(
        &root.join("hugo.toml"),
        &format!(
            "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"lv\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n\n[imaging]\nquality = {QUALITY}\nresampleFilter = \"Lanczos\"\n\n[languages.lv]\nweight = 1\ntitle = \"Foto\"\n[languages.ru]\nweight = 2\ntitle = \"Фото\"\n"
        ),
    )?;
    write(
        &root.join("layouts/index.html"),
        "<h1>{{ .Site.Title }}</h1>\n",
    )?;
    write(
        &root.join("layouts/_default/list.html"),
        "<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>\n",
    )?;
    let mut page =
        String::from("<h1>{{ .Title }}</h1>{{ range .Resources.ByType \"image\" }}{{ $img := . }}");
    for format in ["webp", "jpg"] {
        for w in WIDTHS {
            page.push_str(&format!(
                "{{{{ $r := $img.Resize \"{w}x {format} q{QUALITY}\" }}}}<img src=\"{{{{ $r.RelPermalink }}}}\" width=\"{{{{ $r.Width }}}}\" height=\"{{{{ $r.Height }}}}\">"
            ));
        }
    }
    page.push_str("{{ end }}\n");
    write(&root.join("layouts/_default/single.html"), &page)?;
    for i in 0..records {
        let dir = root.join("content/shows").join(id(i));
        write(
            &dir.join("index.lv.md"),
            &format!("---\ntitle: \"Izrāde {i}\"\n---\nTeksts.\n"),
        )?;
        write(
            &dir.join("index.ru.md"),
            &format!("---\ntitle: \"Спектакль {i}\"\n---\nТекст.\n"),
        )?;
    }
    Ok(())
}

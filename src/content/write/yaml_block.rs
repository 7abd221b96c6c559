//! Writing a structured value (a gallery's photos, a video with its poster) as the YAML a
//! person would write, for the one entry of a record the form changed.
//!
//! Records are flat, except for these two field types: a gallery is a list of photos, each a
//! file name or a mapping `{src, alt, caption}` whose texts are per language; a video is a
//! file name or link, or a mapping `{src, poster}`. The span editor ([`super::yaml_edit`])
//! replaces only that entry's lines with what [`entry`] writes, and reads the result back to
//! check it; everything else in the file stays byte for byte.

use serde_json::Value as J;

use super::quote::{self, Kind};

/// Why a structured value cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` holds something a gallery or video cannot hold")]
pub struct Unwritable(pub String);

/// Whether `value` has the shapes this module writes: texts; mappings of texts or of
/// per-language texts; lists of texts or of such mappings. Anything deeper is refused.
pub fn writable(value: &J) -> bool {
    let text_map = |m: &serde_json::Map<String, J>| m.values().all(J::is_string);
    let item = |v: &J| match v {
        J::String(_) => true,
        J::Object(m) => m.values().all(|v| match v {
            J::String(_) => true,
            J::Object(inner) => text_map(inner),
            _ => false,
        }),
        _ => false,
    };
    match value {
        J::Array(items) => items.iter().all(item),
        other => item(other),
    }
}

/// The whole entry `key: …` (with its line break), as a block: `key:` then the photos or
/// the video's keys indented by two spaces.
pub fn entry(key: &str, value: &J, newline: &str) -> Result<String, Unwritable> {
    entry_in(key, value, newline, &[])
}

/// [`entry`], with per-language texts (`alt: { lv: …, ru: … }`) in `languages` order (the
/// site's), other keys after them; the JSON map itself is in alphabetical order.
pub fn entry_in(
    key: &str,
    value: &J,
    newline: &str,
    languages: &[&str],
) -> Result<String, Unwritable> {
    if !writable(value) {
        return Err(Unwritable(key.to_string()));
    }
    let mut out = format!("{key}:");
    match value {
        J::String(s) => out.push_str(&format!(" {}{newline}", text(s))),
        J::Array(items) if items.is_empty() => out.push_str(&format!(" []{newline}")),
        J::Array(items) => {
            out.push_str(newline);
            for item in items {
                match item {
                    J::Object(map) => {
                        for (i, (k, v)) in ordered(map).into_iter().enumerate() {
                            let lead = if i == 0 { "  - " } else { "    " };
                            out.push_str(&format!(
                                "{lead}{}: {}{newline}",
                                key_text(k),
                                inline(v, languages)
                            ));
                        }
                        if map.is_empty() {
                            out.push_str(&format!("  - {{}}{newline}"));
                        }
                    }
                    other => out.push_str(&format!("  - {}{newline}", inline(other, languages))),
                }
            }
        }
        J::Object(map) => {
            out.push_str(newline);
            for (k, v) in ordered(map) {
                out.push_str(&format!(
                    "  {}: {}{newline}",
                    key_text(k),
                    inline(v, languages)
                ));
            }
        }
        _ => return Err(Unwritable(key.to_string())),
    }
    Ok(out)
}

/// A photo's or a video's keys in the order people write them: `src` first, then `alt`,
/// `caption`, `poster`, then any other.
fn ordered(map: &serde_json::Map<String, J>) -> Vec<(&String, &J)> {
    const FIRST: &[&str] = &["src", "alt", "caption", "poster"];
    let rank = |k: &str| FIRST.iter().position(|f| *f == k).unwrap_or(FIRST.len());
    let mut entries: Vec<(&String, &J)> = map.iter().collect();
    entries.sort_by_key(|(k, _)| rank(k));
    entries
}

/// A text or a per-language mapping on one line: `"…"` or `{ lv: "…", ru: "…" }`.
fn inline(value: &J, languages: &[&str]) -> String {
    match value {
        J::String(s) => text(s),
        J::Object(map) => {
            let rank = |k: &str| languages.iter().position(|l| *l == k).unwrap_or(usize::MAX);
            let mut entries: Vec<(&String, &J)> = map.iter().collect();
            entries.sort_by_key(|(k, _)| rank(k));
            let parts: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{}: {}", key_text(k), flow_text(v.as_str().unwrap_or(""))))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        _ => String::new(),
    }
}

fn text(s: &str) -> String {
    quote::scalar(s, Kind::Text, None)
}

/// A text inside `{ … }` (an alt text, a caption): always in double quotes, as the example
/// site writes them, so that `,` `:` `{` `}` in a sentence never end it.
fn flow_text(s: &str) -> String {
    quote::double(s)
}

fn key_text(k: &str) -> String {
    if quote::plain_is_text(k) {
        k.to_string()
    } else {
        quote::double(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_gallery_is_written_as_a_block_list_of_photos() {
        let gallery = json!([
            "zale.jpg",
            {"src": "skatuve.jpg", "alt": {"lv": "Skatuve, jūra", "ru": "Сцена"}, "caption": "Vakars: 2014"}
        ]);
        assert_eq!(
            entry("gallery", &gallery, "\n").unwrap(),
            "gallery:\n  - zale.jpg\n  - src: skatuve.jpg\n    alt: { lv: \"Skatuve, jūra\", ru: \"Сцена\" }\n    caption: \"Vakars: 2014\"\n"
        );
        assert_eq!(entry("gallery", &json!([]), "\n").unwrap(), "gallery: []\n");
    }

    #[test]
    fn a_video_is_a_name_or_a_mapping() {
        assert_eq!(
            entry("video", &json!("sizet.webm"), "\r\n").unwrap(),
            "video: sizet.webm\r\n"
        );
        assert_eq!(
            entry(
                "video",
                &json!({"src": "https://vimeo.com/1", "poster": "p.jpg"}),
                "\n"
            )
            .unwrap(),
            "video:\n  src: https://vimeo.com/1\n  poster: p.jpg\n"
        );
    }

    #[test]
    fn per_language_texts_follow_the_site_order() {
        let gallery = json!([{"src": "a.jpg", "alt": {"lv": "Zāle", "ru": "Зал", "de": "Saal"}}]);
        assert_eq!(
            entry_in("gallery", &gallery, "\n", &["ru", "lv"]).unwrap(),
            "gallery:\n  - src: a.jpg\n    alt: { ru: \"Зал\", lv: \"Zāle\", de: \"Saal\" }\n"
        );
    }

    #[test]
    fn deeper_values_are_refused() {
        assert!(entry("gallery", &json!([{"src": {"a": {"b": "c"}}}]), "\n").is_err());
        assert!(entry("gallery", &json!([1]), "\n").is_err());
        assert!(entry("video", &json!(true), "\n").is_err());
    }
}

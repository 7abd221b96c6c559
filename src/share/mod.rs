//! Sharing and being found: what a link to a page shows when it is shared (Open Graph and
//! Twitter tags, the `share` template value), the share cards (`card*.rs`: the PNG images of
//! link previews, drawn from the theme's SVG template), the page's structured data (JSON-LD
//! from the collection's `jsonld:` mapping) and the checks that a search engine's event result
//! needs.
//!
//! It sits on top of the pipeline: it reads the resolved `Config`, the `Site` model and the
//! `Locales`, and knows nothing about tera, templates or how output is written. The render
//! stage asks it for one value per page ([`meta::page_share`]); `lib.rs` adds
//! [`checks::event_warnings`] to the warnings of a run and the cards ([`add_cards`]) to the
//! output after rendering.

pub mod card;
mod card_cache;
pub mod card_font;
pub mod card_jobs;
pub mod card_layout;
pub mod card_template;
pub mod checks;
pub mod env;
mod jsonld;
pub mod meta;

pub use card::{CARD_HEIGHT, CARD_WIDTH, CardRenderer, CardStats, add_cards};
pub use card_cache::CACHE_DIR;

/// The share card's file name, in the folder of the page it belongs to.
pub const CARD_FILE: &str = "share.png";

/// The output-relative path of the share card of the page at `page_url`: `share.png` in the
/// page's own folder. `page_url` is the page's URL path below the site's base path
/// (`/lv/pasakumi/x/` → `lv/pasakumi/x/share.png`; `lv/404.html` → `lv/share.png`). Pages
/// that are not records use their language's site card: pass the language's home (`/lv/`).
///
/// The one rule shared with the card renderer: both ask this function, so the image a page
/// names is the file that is made.
pub fn card_path(page_url: &str) -> String {
    let path = page_url.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_start_matches('/');
    let folder = path.rfind('/').map_or("", |i| &path[..=i]);
    format!("{folder}{CARD_FILE}")
}

#[cfg(test)]
mod tests {
    use super::card_path;

    #[test]
    fn the_card_is_in_the_page_folder() {
        assert_eq!(
            card_path("/lv/pasakumi/x/"),
            "lv/pasakumi/x/share.png".to_string()
        );
        assert_eq!(card_path("lv/pasakumi/x/"), "lv/pasakumi/x/share.png");
        assert_eq!(card_path("/lv/"), "lv/share.png");
        assert_eq!(card_path("/lv/404.html"), "lv/share.png");
        assert_eq!(card_path("/ru/x/?a=1#b"), "ru/x/share.png");
        assert_eq!(card_path("/"), "share.png");
        assert_eq!(card_path(""), "share.png");
        assert_eq!(
            card_path("/lv/pasakumi/x/index.html"),
            "lv/pasakumi/x/share.png"
        );
    }
}

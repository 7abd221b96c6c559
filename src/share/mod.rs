//! Sharing: what a link to the site looks like when it is shared. This part draws the share
//! cards (`card*.rs`), the PNG images of link previews; the Open Graph values that point to
//! them are built from the same [`card_path`].
//!
//! It comes after rendering (it reads the loaded site and adds files to the output) and knows
//! nothing of templates or of how the output is written.

pub mod card;
mod card_cache;
pub mod card_font;
pub mod card_jobs;
pub mod card_layout;
pub mod card_template;

pub use card::{CARD_HEIGHT, CARD_WIDTH, CardRenderer, CardStats, add_cards};
pub use card_cache::CACHE_DIR;

/// The output path (relative, `/`-separated) of the share image of the page at `page_url`, a
/// site-relative URL without the base path: `/lv/pasakumi/x/` → `lv/pasakumi/x/share.png`,
/// `/lv/` (a language's home: the site card) → `lv/share.png`.
pub fn card_path(page_url: &str) -> String {
    let path = page_url.trim_start_matches('/');
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let folder = path.trim_end_matches('/');
    if folder.is_empty() {
        "share.png".to_string()
    } else {
        format!("{folder}/share.png")
    }
}

#[cfg(test)]
mod tests {
    use super::card_path;

    #[test]
    fn the_card_lies_in_the_page_folder() {
        assert_eq!(card_path("/lv/pasakumi/x/"), "lv/pasakumi/x/share.png");
        assert_eq!(card_path("/ru/"), "ru/share.png");
        assert_eq!(
            card_path("/lv/pasakumi/x/index.html"),
            "lv/pasakumi/x/share.png"
        );
        assert_eq!(card_path("lv/x"), "lv/x/share.png");
        assert_eq!(card_path("/"), "share.png");
    }
}

//! The HTML of redirect and "gone" pages. A redirect page sends the browser on at once
//! (`<meta http-equiv="refresh">`), tells search engines where the page lives now
//! (`rel=canonical`) and shows a link for readers whose browser does not follow; a gone page
//! says the page was removed and links to the list it was in, and is kept out of search
//! engines (`noindex`). Both are in the language of the page they replace.
//!
//! The words come from the theme's messages (`redirect-title`, `redirect-text`,
//! `gone-title`, `gone-text`, `gone-list`); a theme without them gets the built-in ones.

use crate::i18n::Language;

/// What a redirect or gone page needs to know.
pub struct PageWords<'a> {
    /// The page language's messages, when the site has that language.
    pub language: Option<&'a Language>,
    /// Its code (`lv`).
    pub lang: &'a str,
}

impl PageWords<'_> {
    fn word(&self, key: &str) -> String {
        if let Some(text) = self
            .language
            .filter(|l| l.has_message(key))
            .and_then(|l| l.message(key, &[]).ok())
        {
            return text;
        }
        built_in(self.lang, key).to_string()
    }
}

/// A redirect page: `url` the new page's address as links use it (root-relative),
/// `permalink` its absolute address, `title` its title.
pub fn redirect_page(words: &PageWords<'_>, url: &str, permalink: &str, title: &str) -> String {
    let heading = words.word("redirect-title");
    let text = words.word("redirect-text");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{heading}</title>\n\
         <meta http-equiv=\"refresh\" content=\"0; url={permalink}\">\n\
         <link rel=\"canonical\" href=\"{permalink}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         </head>\n<body>\n<main>\n<h1>{heading}</h1>\n\
         <p>{text} <a href=\"{url}\">{title}</a></p>\n</main>\n</body>\n</html>\n",
        lang = escape(words.lang),
        heading = escape(&heading),
        text = escape(&text),
        permalink = escape(permalink),
        url = escape(url),
        title = escape(title),
    )
}

/// A gone page: `list_url` the root-relative address of the list the page was in (or the
/// language's home).
pub fn gone_page(words: &PageWords<'_>, list_url: &str) -> String {
    let heading = words.word("gone-title");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{heading}</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         </head>\n<body>\n<main>\n<h1>{heading}</h1>\n<p>{text}</p>\n\
         <p><a href=\"{list_url}\">{list}</a></p>\n</main>\n</body>\n</html>\n",
        lang = escape(words.lang),
        heading = escape(&heading),
        text = escape(&words.word("gone-text")),
        list = escape(&words.word("gone-list")),
        list_url = escape(list_url),
    )
}

/// The words of a theme that has no messages for these pages: Latvian, Russian, else English.
fn built_in(lang: &str, key: &str) -> &'static str {
    match (lang, key) {
        ("lv", "redirect-title") => "Lapa ir pārcelta",
        ("lv", "redirect-text") => "Šī lapa tagad atrodas šeit:",
        ("lv", "gone-title") => "Lapa ir noņemta",
        ("lv", "gone-text") => "Šīs lapas vairs nav vietnē.",
        ("lv", "gone-list") => "Skatīt sarakstu",
        ("ru", "redirect-title") => "Страница перенесена",
        ("ru", "redirect-text") => "Теперь эта страница находится здесь:",
        ("ru", "gone-title") => "Страница удалена",
        ("ru", "gone-text") => "Этой страницы больше нет на сайте.",
        ("ru", "gone-list") => "Посмотреть список",
        (_, "redirect-title") => "This page has moved",
        (_, "redirect-text") => "It is now here:",
        (_, "gone-title") => "This page was removed",
        (_, "gone-text") => "The page is no longer on this site.",
        _ => "See the list",
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_page_refreshes_names_its_canonical_and_links() {
        let words = PageWords {
            language: None,
            lang: "ru",
        };
        let html = redirect_page(&words, "/ru/x/", "https://e.org/ru/x/", "Спектакль «А&Б»");
        assert!(html.contains("<html lang=\"ru\">"));
        assert!(
            html.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://e.org/ru/x/\">")
        );
        assert!(html.contains("<link rel=\"canonical\" href=\"https://e.org/ru/x/\">"));
        assert!(html.contains("<a href=\"/ru/x/\">Спектакль «А&amp;Б»</a>"));
        assert!(html.contains("Страница перенесена"));
    }

    #[test]
    fn a_gone_page_is_noindex_and_links_to_the_list() {
        let words = PageWords {
            language: None,
            lang: "lv",
        };
        let html = gone_page(&words, "/lv/pasakumi/");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(html.contains("<a href=\"/lv/pasakumi/\">Skatīt sarakstu</a>"));
        assert!(!html.contains("refresh"));
    }
}

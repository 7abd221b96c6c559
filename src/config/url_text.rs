//! The characters a URL setting may hold. The `url` crate forgives tabs and line breaks (it
//! drops them while parsing), but vestis writes the setting's text itself into robots.txt,
//! the sitemap, calendars and links, so such characters are refused before parsing.

/// Refuses a URL setting holding a control character (a line break, a tab…) or a space:
/// the URL parser silently drops tabs and line breaks, but the text itself goes into
/// robots.txt, the sitemap, calendars and every canonical link, where a line break starts a
/// new line (in robots.txt, a `Disallow: /` of the attacker's). Err(what was found).
pub(super) fn check_url_characters(text: &str) -> Result<(), String> {
    let Some(c) = text
        .chars()
        .find(|c| c.is_control() || c.is_whitespace() || is_invisible_format(*c))
    else {
        return Ok(());
    };
    let what = match c {
        '\n' | '\r' => "a line break".to_string(),
        '\t' => "a tab".to_string(),
        ' ' => "a space".to_string(),
        c if c.is_whitespace() => format!("an invisible space (U+{:04X})", u32::from(c)),
        c if is_invisible_format(c) => {
            format!("an invisible formatting character (U+{:04X})", u32::from(c))
        }
        c => format!("an invisible control character (U+{:04X})", u32::from(c)),
    };
    Err(what)
}

/// Zero-width and direction-changing characters: invisible, and a way to make an address
/// look like another.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_it_found() {
        assert_eq!(
            check_url_characters("https://example.org/a-b_c?d=e#f"),
            Ok(())
        );
        let found = |text| check_url_characters(text).unwrap_err();
        assert_eq!(found("https://example.org\n"), "a line break");
        assert_eq!(found("https://example.org\r"), "a line break");
        assert_eq!(found("https://exa\tmple.org"), "a tab");
        assert_eq!(found(" https://example.org"), "a space");
        assert_eq!(
            found("https://example.org\u{2028}"),
            "an invisible space (U+2028)"
        );
        assert_eq!(
            found("https://exa\u{200b}mple.org"),
            "an invisible formatting character (U+200B)"
        );
        assert_eq!(
            found("https://example.org\u{7f}"),
            "an invisible control character (U+007F)"
        );
    }
}

//! URL slugs from titles: Latvian diacritics and Cyrillic transliterated to ASCII.

/// Makes an ASCII slug of `text`: letters transliterated (`Rēzekne` → `rezekne`,
/// `Интеграционная сцена` → `integratsionnaya-stsena`; the hard and soft signs ъ/ь are
/// dropped), lowercase, only `[a-z0-9-]`, words joined by single `-`, none at either end.
/// Apostrophes vanish without splitting a word (`Jāņa's` → `janas`).
///
/// Returns an empty string when `text` has no letter or digit at all.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().filter(|c| !matches!(c, 'ъ' | 'Ъ' | 'ь' | 'Ь')) {
        let ascii = if c.is_ascii() {
            c.to_string()
        } else {
            any_ascii::any_ascii_char(c).to_string()
        };
        for a in ascii.chars() {
            match a {
                'a'..='z' | '0'..='9' | 'A'..='Z' => {
                    if pending_dash && !slug.is_empty() {
                        slug.push('-');
                    }
                    pending_dash = false;
                    slug.push(a.to_ascii_lowercase());
                }
                '\'' | '`' => {}
                _ => pending_dash = true,
            }
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn transliterates_latvian_and_russian() {
        assert_eq!(slugify("Rēzekne"), "rezekne");
        assert_eq!(
            slugify("Interneta vietne: Ķegums, Līvāni"),
            "interneta-vietne-kegums-livani"
        );
        assert_eq!(slugify("Интеграционная сцена"), "integratsionnaya-stsena");
        assert_eq!(slugify("Объявление о съезде"), "obyavlenie-o-sezde");
        assert_eq!(slugify("Ёлка и щука"), "elka-i-shchuka");
    }

    #[test]
    fn keeps_only_single_inner_dashes() {
        assert_eq!(slugify("  --Hello,   World!--  "), "hello-world");
        assert_eq!(slugify("2013. gada 15. jūnijs"), "2013-gada-15-junijs");
        assert_eq!(slugify("Jāņa's"), "janas");
        assert_eq!(slugify("«Балта Мая» — 2013"), "balta-maya-2013");
    }

    #[test]
    fn nothing_sluggable_gives_empty() {
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("!!! — ???"), "");
    }

    #[test]
    fn output_is_always_a_clean_slug() {
        let samples = [
            "Ā ā Č č Ē ē Ģ ģ Ī ī Ķ ķ Ļ ļ Ņ ņ Š š Ū ū Ž ž",
            "Съешь же ещё этих мягких французских булок, да выпей чаю",
            "日本語のテキスト 🎉 emoji\ttab\nnewline",
            "a--b__c..d//e\\f",
        ];
        for s in samples {
            let slug = slugify(s);
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{slug}"
            );
            assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        }
    }
}

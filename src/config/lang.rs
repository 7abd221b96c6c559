//! Languages as a small index type: a [`Lang`] is a language's place in the site's order
//! (`languages:` in site.yaml), and the [`Languages`] table answers its code and name by that
//! index. Code that renders pages passes `Lang` values instead of code strings, so finding a
//! language's views, `site` value or messages is an index, not a search by code; a code
//! written by a user (a file name's `.ru`, a `lang="…"` argument) is turned into a `Lang` with
//! [`Languages::find`] where it is read.

use std::ops::Deref;

use super::Language;

/// The most languages a site may list (a [`Lang`] is one byte).
pub const MAX_LANGUAGES: usize = 255;

/// One of the site's languages: its index in [`Languages`]. The first is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(u8);

impl Lang {
    /// The default (first) language.
    pub const DEFAULT: Lang = Lang(0);

    /// The language's place in the site's order.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// The site's languages in order, indexed by [`Lang`]. Derefs to the list for code that
/// walks every language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Languages(Vec<Language>);

impl Languages {
    /// The table of `list`, cut at [`MAX_LANGUAGES`] (site.yaml's check reports a longer list).
    pub fn new(mut list: Vec<Language>) -> Self {
        list.truncate(MAX_LANGUAGES);
        Languages(list)
    }

    /// Every language, in order.
    pub fn all(&self) -> impl Iterator<Item = Lang> + Clone + use<> {
        // `new` keeps at most MAX_LANGUAGES, so every index fits in a byte.
        (0..self.0.len() as u8).map(Lang)
    }

    /// Every language but `lang`, in order.
    pub fn others(&self, lang: Lang) -> impl Iterator<Item = Lang> + Clone + use<> {
        self.all().filter(move |&l| l != lang)
    }

    /// The language's entry (its code and name).
    pub fn get(&self, lang: Lang) -> Option<&Language> {
        self.0.get(lang.index())
    }

    /// The language's code (`lv`); empty for a `Lang` of another site.
    pub fn code(&self, lang: Lang) -> &str {
        self.get(lang).map_or("", |l| l.code.as_str())
    }

    /// The language's name in itself (`Latviešu`); empty for a `Lang` of another site.
    pub fn name(&self, lang: Lang) -> &str {
        self.get(lang).map_or("", |l| l.name.as_str())
    }

    /// The language a user-written `code` names, if the site has it.
    pub fn find(&self, code: &str) -> Option<Lang> {
        let i = self.0.iter().position(|l| l.code == code)?;
        u8::try_from(i).ok().map(Lang)
    }
}

impl Deref for Languages {
    type Target = [Language];

    fn deref(&self) -> &[Language] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Languages {
    type Item = &'a Language;
    type IntoIter = std::slice::Iter<'a, Language>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Languages {
        let lang = |code: &str, name: &str| Language {
            code: code.into(),
            name: name.into(),
        };
        Languages::new(vec![lang("lv", "Latviešu"), lang("ru", "Русский")])
    }

    #[test]
    fn a_lang_is_an_index_into_the_table() {
        let t = table();
        let all: Vec<Lang> = t.all().collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0], Lang::DEFAULT);
        assert_eq!(t.code(all[1]), "ru");
        assert_eq!(t.name(all[1]), "Русский");
        assert_eq!(t.find("ru"), Some(all[1]));
        assert_eq!(t.find("en"), None);
        assert_eq!(t.others(all[0]).collect::<Vec<_>>(), [all[1]]);
    }

    #[test]
    fn a_table_never_holds_more_languages_than_a_lang_can_name() {
        let many = (0..300)
            .map(|i| Language {
                code: format!("l{i}"),
                name: String::new(),
            })
            .collect();
        let t = Languages::new(many);
        assert_eq!(t.all().count(), MAX_LANGUAGES);
        assert_eq!(t.code(t.all().last().unwrap_or(Lang::DEFAULT)), "l254");
    }
}

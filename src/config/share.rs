//! The sharing settings of site.yaml: the site's `description` (what a shared link shows when a
//! page has none) and `share:` (Open Graph locales, the organisation behind the site and who
//! funds it), and a collection's `share_image:` (which picture its records share). Each
//! collection's `jsonld:` mapping is in `jsonld.rs`.
//!
//! Only the file format and its checks live here; what is made of them (the `share` template
//! value, JSON-LD) is `crate::share`'s business.

use indexmap::IndexMap;
use serde::Deserialize;

use super::{FieldKind, FieldSpec, RawLocalized, Resolver};
use crate::diagnostics::did_you_mean;
use crate::yaml::Located;

/// Open Graph locales (`language_TERRITORY`) of common site languages; `share.locales`
/// overrides them and names the others.
const OG_LOCALES: &[(&str, &str)] = &[
    ("lv", "lv_LV"),
    ("ru", "ru_RU"),
    ("en", "en_GB"),
    ("lt", "lt_LT"),
    ("et", "et_EE"),
    ("uk", "uk_UA"),
    ("be", "be_BY"),
    ("pl", "pl_PL"),
    ("de", "de_DE"),
    ("fr", "fr_FR"),
    ("fi", "fi_FI"),
    ("sv", "sv_SE"),
    ("no", "nb_NO"),
    ("da", "da_DK"),
];

/// The organisation behind the site (`share.organization`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Its name per language (the site title when not given).
    pub name: IndexMap<String, String>,
    /// Its web address (the site's base URL when not given).
    pub url: Option<String>,
    /// Who funds the project (`funder`).
    pub funders: Vec<Funder>,
}

/// One funder of the organisation's project.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funder {
    /// The funder's name.
    pub name: String,
    /// Its web address.
    #[serde(default)]
    pub url: Option<String>,
}

/// The sharing settings of the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareConfig {
    /// `description` per language; empty when site.yaml has none.
    pub description: IndexMap<String, String>,
    /// The Open Graph locale of every site language.
    pub locales: IndexMap<String, String>,
    /// The organisation, when site.yaml names one.
    pub organization: Option<Organization>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawShare {
    #[serde(default)]
    locales: IndexMap<String, Located<String>>,
    #[serde(default)]
    organization: Option<RawOrganization>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganization {
    #[serde(default)]
    name: Option<Located<RawLocalized>>,
    #[serde(default)]
    url: Option<Located<String>>,
    #[serde(default)]
    funder: Vec<Funder>,
}

/// Which picture a collection's record pages share (`share_image:` of the collection).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ShareImageRule {
    /// Not given: a 1200 × 630 crop of the first `image` field that has a photo, else the card.
    #[default]
    FirstPhoto,
    /// `share_image: <field>`: a crop of this `image` field's photo, else the card.
    Field(String),
    /// `share_image: card`: always the drawn card, even when the record has a photo.
    Card,
}

impl ShareImageRule {
    /// Whether the photo of `field` (an `image` field) is shared, so that its crop is needed.
    pub fn shares(&self, field: &str) -> bool {
        match self {
            ShareImageRule::FirstPhoto => true,
            ShareImageRule::Field(name) => name == field,
            ShareImageRule::Card => false,
        }
    }
}

/// The Open Graph locale vestis knows for `code`.
fn known_locale(code: &str) -> Option<&'static str> {
    OG_LOCALES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

impl Resolver<'_> {
    /// The sharing settings: `description`, `share.locales` (every language gets one: the
    /// table above, else `xx_XX` from the code, with a warning) and `share.organization`.
    pub(super) fn share(
        &mut self,
        description: Option<&Located<RawLocalized>>,
        raw: Option<&RawShare>,
        codes: &[String],
        warnings: &mut crate::diagnostics::Diagnostics,
    ) -> ShareConfig {
        let description = description
            .map(|d| self.localized(d, codes, "`description`", false))
            .unwrap_or_default();
        let mut locales = IndexMap::new();
        let given = raw.map(|r| &r.locales);
        for (code, value) in given.into_iter().flatten() {
            let valid = value.value.len() <= 12
                && value.value.split('_').count() == 2
                && value
                    .value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !codes.contains(code) {
                let hint = did_you_mean(code, codes.iter().map(String::as_str));
                self.error(
                    value.pos,
                    format!(
                        "`share.locales` has language `{code}`, which `languages` does not list"
                    ),
                )
                .suggestion = hint;
            } else if !valid {
                self.error(
                    value.pos,
                    format!("`share.locales` gives `{}` for `{code}`: an Open Graph locale is a language and a country, like `lv_LV`", value.value),
                );
            }
            locales.insert(code.clone(), value.value.clone());
        }
        for code in codes {
            if locales.contains_key(code) {
                continue;
            }
            let locale = known_locale(code).map(str::to_string).unwrap_or_else(|| {
                let guess = format!("{code}_{}", code.to_ascii_uppercase());
                warnings.push(
                    crate::diagnostics::Diagnostic::warning(
                        Some(self.source.path),
                        format!("vestis does not know the Open Graph locale of language `{code}` and uses `{guess}`"),
                    )
                    .with_suggestion(format!("add `share: {{ locales: {{ {code}: {guess} }} }}` with the right country")),
                );
                guess
            });
            locales.insert(code.clone(), locale);
        }
        let organization = raw
            .and_then(|r| r.organization.as_ref())
            .map(|o| Organization {
                name: o
                    .name
                    .as_ref()
                    .map(|n| self.localized(n, codes, "`share.organization.name`", false))
                    .unwrap_or_default(),
                url: o.url.as_ref().map(|u| u.value.clone()),
                funders: o.funder.clone(),
            });
        ShareConfig {
            description,
            locales,
            organization,
        }
    }
}

impl Resolver<'_> {
    /// A collection's `share_image:`: `card`, or one of its `image` fields.
    pub(super) fn share_image(
        &mut self,
        collection: &str,
        raw: Option<&Located<String>>,
        fields: &IndexMap<String, FieldSpec>,
    ) -> ShareImageRule {
        let Some(given) = raw else {
            return ShareImageRule::FirstPhoto;
        };
        let value = given.value.trim();
        if value == "card" {
            return ShareImageRule::Card;
        }
        let images: Vec<&str> = fields
            .iter()
            .filter(|(_, spec)| spec.kind == FieldKind::Image)
            .map(|(name, _)| name.as_str())
            .collect();
        if images.contains(&value) {
            return ShareImageRule::Field(value.to_string());
        }
        let choices: Vec<String> = std::iter::once("card")
            .chain(images.iter().copied())
            .map(|c| format!("`{c}`"))
            .collect();
        let shown = crate::yaml::short(value, crate::yaml::slips::SHOWN_CHARS);
        let message = match fields.get(value) {
            Some(_) => format!(
                "`share_image` of `{collection}` names `{shown}`, which is not an `image` field: shared links show a photo of an `image` field, or the drawn card"
            ),
            None => format!(
                "`share_image` of `{collection}` is `{shown}`: write `card` (shared links show the drawn card) or the name of an `image` field (they show a crop of its photo)"
            ),
        };
        let close = did_you_mean(value, std::iter::once("card").chain(images.iter().copied()));
        let listed = match choices.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        let help = match images.is_empty() {
            true => format!("write `card`, or add an `image` field to `{collection}` and name it"),
            false => format!("use {listed}"),
        };
        self.error(given.pos, message).suggestion = Some(close.unwrap_or(help));
        ShareImageRule::FirstPhoto
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `share_image` rule of a collection with `fields`, or the errors' messages and helps.
    fn share_image(line: &str) -> Result<ShareImageRule, Vec<(String, Option<String>)>> {
        let dir = tempfile::tempdir().unwrap();
        let yaml = format!(
            "title: T\nbase_url: \"https://balta-maja.test\"\nlanguages:\n  - {{ code: lv, name: L }}\ncollections:\n  events:\n{line}    fields:\n      photo: {{ type: image }}\n      poster: {{ type: image }}\n      venue: {{ type: string }}\n"
        );
        std::fs::write(dir.path().join("site.yaml"), yaml).unwrap();
        match super::super::Config::load(dir.path()) {
            Ok(config) => Ok(config.collections["events"].share_image.clone()),
            Err(d) => Err(d
                .items()
                .iter()
                .map(|d| {
                    (
                        format!("{}:{} {}", d.line, d.col, d.message),
                        d.suggestion.clone(),
                    )
                })
                .collect()),
        }
    }

    #[test]
    fn share_image_is_card_or_an_image_field() {
        assert_eq!(share_image(""), Ok(ShareImageRule::FirstPhoto));
        assert_eq!(
            share_image("    share_image: card\n"),
            Ok(ShareImageRule::Card)
        );
        assert_eq!(
            share_image("    share_image: poster\n"),
            Ok(ShareImageRule::Field("poster".into()))
        );
        let rule = ShareImageRule::Field("poster".into());
        assert!(rule.shares("poster") && !rule.shares("photo"));
        assert!(!ShareImageRule::Card.shares("photo"));
        assert!(ShareImageRule::FirstPhoto.shares("photo"));
    }

    #[test]
    fn a_wrong_share_image_is_located_with_a_suggestion() {
        let errors = share_image("    share_image: photos\n").unwrap_err();
        assert_eq!(
            errors,
            vec![(
                "7:18 `share_image` of `events` is `photos`: write `card` (shared links show the drawn card) or the name of an `image` field (they show a crop of its photo)".to_string(),
                Some("did you mean `photo`?".to_string())
            )]
        );
        let errors = share_image("    share_image: venue\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .0
                .contains("names `venue`, which is not an `image` field"),
            "{errors:?}"
        );
        assert_eq!(
            errors[0].1.as_deref(),
            Some("use `card`, `photo` or `poster`")
        );
    }

    #[test]
    fn latvian_and_russian_have_their_countries() {
        assert_eq!(known_locale("lv"), Some("lv_LV"));
        assert_eq!(known_locale("ru"), Some("ru_RU"));
        assert_eq!(known_locale("xx"), None);
    }
}

//! The sharing settings of site.yaml: the site's `description` (what a shared link shows when a
//! page has none) and `share:` (Open Graph locales, the organisation behind the site and who
//! funds it). Each collection's `jsonld:` mapping is in `jsonld.rs`.
//!
//! Only the file format and its checks live here; what is made of them (the `share` template
//! value, JSON-LD) is `crate::share`'s business.

use indexmap::IndexMap;
use serde::Deserialize;

use super::{RawLocalized, Resolver};
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latvian_and_russian_have_their_countries() {
        assert_eq!(known_locale("lv"), Some("lv_LV"));
        assert_eq!(known_locale("ru"), Some("ru_RU"));
        assert_eq!(known_locale("xx"), None);
    }
}

//! What the share value and the JSON-LD are both made from: the pipeline's values
//! ([`ShareEnv`]) and the two ways a page's facts are written for the outside world (an
//! absolute permalink, an ISO 8601 date). It exists so that `meta` (the Open Graph value) and
//! `jsonld` (structured data) can share them without depending on each other.

use crate::config::Config;
use crate::content::{FieldValue, Site};
use crate::i18n::Locales;
use crate::media::Images;

/// What the share value is made from besides the page.
pub struct ShareEnv<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The content.
    pub site: &'a Site,
    /// The theme's and site's messages (list and 404 titles).
    pub locales: &'a Locales,
    /// What the image pipeline made of the photos (a record's share crop).
    pub images: &'a Images,
}

/// `lv/x/` → `https://example.org/sub/lv/x/`, as the render stage writes permalinks.
pub(super) fn permalink(config: &Config, path: &str) -> String {
    format!("{}/{path}", config.base_url)
}

/// A date as ISO 8601: a day as `2014-11-15`, a local time with its offset in the site's
/// time zone (`2014-11-15T18:00:00+02:00`).
pub(super) fn iso_date(config: &Config, value: &FieldValue) -> Option<String> {
    match value {
        FieldValue::Date(d) => Some(d.to_string()),
        FieldValue::DateTime(dt) => {
            let zoned = config.timezone.to_zoned_datetime(*dt).ok()?;
            Some(zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_in(tz: &str) -> Config {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.yaml"),
            format!(
                "title: T\nbase_url: \"https://balta-maja.test\"\nlanguages:\n  - {{ code: lv, name: L }}\ntimezone: \"{tz}\"\n"
            ),
        )
        .unwrap();
        Config::load(dir.path()).unwrap()
    }

    #[test]
    fn local_times_carry_the_offset_of_their_season() {
        let config = config_in("Europe/Riga");
        let summer = jiff::civil::date(2014, 6, 14).at(18, 30, 0, 0);
        let winter = jiff::civil::date(2014, 11, 15).at(18, 0, 0, 0);
        assert_eq!(
            iso_date(&config, &FieldValue::DateTime(summer)).as_deref(),
            Some("2014-06-14T18:30:00+03:00")
        );
        assert_eq!(
            iso_date(&config, &FieldValue::DateTime(winter)).as_deref(),
            Some("2014-11-15T18:00:00+02:00")
        );
        let day = jiff::civil::date(2014, 11, 15);
        assert_eq!(
            iso_date(&config, &FieldValue::Date(day)).as_deref(),
            Some("2014-11-15")
        );
        assert_eq!(iso_date(&config, &FieldValue::Int(3)), None);
    }
}

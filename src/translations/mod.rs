//! The translation report of `vestis check`: per language, what is not translated (records,
//! Fluent messages, plural variants) and which translations went stale; and `--stamp`, which
//! records in a translation what original it was made from.
//!
//! Comes after the content stage: it reads the `Site`, the `Locales` and the theme's
//! templates, and never renders anything. [`unfinished`] finds the placeholders left in the
//! texts, which every build warns about and the report lists.

mod stamp;
pub mod unfinished;
mod usage;

use std::fmt;
use std::path::PathBuf;

use crate::config::{Config, FieldKind};
use crate::content::Site;
use crate::i18n::Locales;

pub use stamp::stamp;
pub use unfinished::Unfinished;

/// A translation whose original changed after it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The translation (`content/events/x.ru.md`).
    pub translation: PathBuf,
    /// Its default-language original.
    pub original: PathBuf,
}

/// What one language lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageReport {
    /// Language code.
    pub lang: String,
    /// Records with no text in this language (`events/x`).
    pub missing_records: Vec<String>,
    /// Messages other languages or the templates have but this language lacks.
    pub missing_messages: Vec<String>,
    /// Messages whose plural selects lack categories this language needs: `(id, categories)`.
    pub incomplete_plurals: Vec<(String, Vec<&'static str>)>,
    /// Translations whose original changed since they were stamped.
    pub stale: Vec<Stale>,
    /// Translations that were never stamped (so staleness is unknown).
    pub unstamped: Vec<PathBuf>,
    /// Placeholders and missing alt texts in this language's texts (for the default
    /// language also those of the `.yaml` files).
    pub unfinished: Vec<Unfinished>,
}

impl LanguageReport {
    /// Every item listed: each counts in the summary and makes `--strict` fail.
    pub fn findings(&self) -> usize {
        self.missing_records.len()
            + self.missing_messages.len()
            + self.incomplete_plurals.len()
            + self.stale.len()
            + self.unstamped.len()
            + self.unfinished.len()
    }
}

/// The whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranslationReport {
    /// Per language, in the site's order.
    pub languages: Vec<LanguageReport>,
    /// Messages defined but used by no template or enum label: `(id, languages)`.
    pub unused_messages: Vec<(String, Vec<String>)>,
}

impl TranslationReport {
    /// Builds the report for a loaded site.
    pub fn build(config: &Config, locales: &Locales, site: &Site) -> TranslationReport {
        let usage = usage::Usage::scan(config, &enum_labels(config));
        let mut all_ids: Vec<String> = locales
            .languages()
            .iter()
            .flat_map(|l| l.message_ids())
            .collect();
        all_ids.extend(usage.literal_keys().map(str::to_string));
        all_ids.sort();
        all_ids.dedup();
        let mut languages: Vec<LanguageReport> = config
            .languages
            .iter()
            .map(|l| language_report(config, locales, site, &l.code, &all_ids))
            .collect();
        for u in unfinished::find(config, site) {
            let lang = u.lang.as_deref().unwrap_or(config.default_language());
            if let Some(report) = languages.iter_mut().find(|l| l.lang == lang) {
                report.unfinished.push(u);
            }
        }
        let mut unused: Vec<(String, Vec<String>)> = Vec::new();
        for language in locales.languages() {
            for id in language
                .message_ids()
                .into_iter()
                .filter(|id| !usage.uses(id))
            {
                match unused.iter_mut().find(|(u, _)| *u == id) {
                    Some((_, langs)) => langs.push(language.code().to_string()),
                    None => unused.push((id, vec![language.code().to_string()])),
                }
            }
        }
        unused.sort();
        TranslationReport {
            languages,
            unused_messages: unused,
        }
    }

    /// Number of findings: every item the report lists (`--strict` fails on any).
    pub fn findings(&self) -> usize {
        self.languages
            .iter()
            .map(LanguageReport::findings)
            .sum::<usize>()
            + self.unused_messages.len()
    }
}

/// Every enum label message the records' schemas need.
fn enum_labels(config: &Config) -> Vec<String> {
    let mut labels = Vec::new();
    for (collection, c) in &config.collections {
        for (field, spec) in &c.fields {
            let kind = match &spec.kind {
                FieldKind::List(of) => of.as_ref(),
                other => other,
            };
            if let FieldKind::Enum(values) = kind {
                labels.extend(values.iter().map(|v| format!("{collection}-{field}-{v}")));
            }
        }
    }
    labels
}

fn language_report(
    config: &Config,
    locales: &Locales,
    site: &Site,
    lang: &str,
    all_ids: &[String],
) -> LanguageReport {
    let mut report = LanguageReport {
        lang: lang.to_string(),
        ..Default::default()
    };
    let default = config.default_language();
    for record in &site.records {
        match record.texts.get(lang) {
            None => report
                .missing_records
                .push(format!("{}/{}", record.collection, record.id)),
            Some(text) if lang != default => {
                let Some(original) = record.texts.get(default) else {
                    continue;
                };
                match &text.translation_of {
                    None => report.unstamped.push(text.path.clone()),
                    Some(hash) if *hash != original.content_hash => {
                        report.stale.push(Stale {
                            translation: text.path.clone(),
                            original: original.path.clone(),
                        });
                    }
                    Some(_) => {}
                }
            }
            Some(_) => {}
        }
    }
    if let Some(language) = locales.get(lang) {
        report.missing_messages = all_ids
            .iter()
            .filter(|id| !language.has_message(id))
            .cloned()
            .collect();
        for id in language.message_ids() {
            let missing = language.missing_plural_variants(&id);
            if !missing.is_empty() {
                report.incomplete_plurals.push((id, missing));
            }
        }
    }
    report
}

impl fmt::Display for TranslationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "translations:")?;
        for (i, l) in self.languages.iter().enumerate() {
            if l.findings() == 0 {
                writeln!(f, "  {}: complete", l.lang)?;
                continue;
            }
            writeln!(f, "  {}:", l.lang)?;
            list(f, "records without text", &l.missing_records)?;
            list(f, "messages missing", &l.missing_messages)?;
            let plurals: Vec<String> = l
                .incomplete_plurals
                .iter()
                .map(|(id, c)| format!("{id} (lacks {})", c.join(", ")))
                .collect();
            list(f, "plural variants missing", &plurals)?;
            let stale: Vec<String> = l
                .stale
                .iter()
                .map(|s| {
                    format!(
                        "{} ({} changed)",
                        s.translation.display(),
                        s.original.display()
                    )
                })
                .collect();
            list(f, "stale translations", &stale)?;
            let unstamped: Vec<String> = l
                .unstamped
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            list(f, "not stamped (run `vestis check --stamp`)", &unstamped)?;
            let unfinished: Vec<String> = l.unfinished.iter().map(Unfinished::listed).collect();
            let title = match i {
                0 => "not written yet (placeholders)",
                _ => "not translated yet (placeholders)",
            };
            list(f, title, &unfinished)?;
        }
        if !self.unused_messages.is_empty() {
            writeln!(f, "  all languages:")?;
            let unused: Vec<String> = self
                .unused_messages
                .iter()
                .map(|(id, langs)| format!("{id} ({})", langs.join(", ")))
                .collect();
            list(f, "messages defined but unused", &unused)?;
        }
        Ok(())
    }
}

fn list(f: &mut fmt::Formatter<'_>, title: &str, items: &[String]) -> fmt::Result {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(f, "    {title} ({}):", items.len())?;
    for item in items {
        writeln!(f, "      {item}")?;
    }
    Ok(())
}

//! Which messages the theme uses: literal `t(key="…")` calls in its templates, key prefixes of
//! computed keys (`t(key="collection-" ~ name)`), and the enum labels of the schemas.

use std::collections::BTreeSet;

use crate::config::Config;
use crate::source_file::Purpose;

/// Message ids and id prefixes that something uses.
pub(super) struct Usage {
    /// Keys of `t(key="…")` calls and enum labels: these must exist in every language.
    literal: BTreeSet<String>,
    /// Prefixes of computed keys (`t(key="collection-" ~ name)`).
    prefixes: BTreeSet<String>,
    /// Every quoted string in the templates: a key kept in a map or variable
    /// (`{"key": "home-shows"}`, later `t(key=item.key)`) counts as used.
    quoted: BTreeSet<String>,
}

impl Usage {
    /// Scans the theme's templates.
    pub(super) fn scan(config: &Config, enum_labels: &[String]) -> Usage {
        let mut usage = Usage {
            literal: enum_labels.iter().cloned().collect(),
            prefixes: BTreeSet::new(),
            quoted: BTreeSet::new(),
        };
        // Messages vestis itself reads (optional: it has its own words when they are absent).
        let built_in = crate::redirects::MESSAGE_IDS.iter();
        let built_in = built_in.chain([crate::share::card_jobs::FUNDING_MESSAGE].iter());
        usage.quoted.extend(built_in.map(|id| id.to_string()));
        let dir = config.theme_dir().join("templates");
        // The build reads and reports the same files; here an unreadable one is left out.
        let mut ignored = crate::diagnostics::Diagnostics::new();
        for file in config.files.walk(&dir, Purpose::Source, &mut ignored) {
            if let Ok(text) = crate::content::read_text_in(&config.files, &file.path) {
                usage.add_template(&text);
            }
        }
        usage
    }

    fn add_template(&mut self, text: &str) {
        self.quoted.extend(quoted_strings(text));
        for (key, is_prefix) in keys_in(text) {
            if is_prefix {
                self.prefixes.insert(key);
            } else {
                self.literal.insert(key);
            }
        }
    }

    /// Keys written out in full.
    pub(super) fn literal_keys(&self) -> impl Iterator<Item = &str> {
        self.literal.iter().map(String::as_str)
    }

    /// Whether message `id` is used.
    pub(super) fn uses(&self, id: &str) -> bool {
        self.literal.contains(id)
            || self.quoted.contains(id)
            || self.prefixes.iter().any(|p| id.starts_with(p.as_str()))
    }
}

/// Every `"…"` and `'…'` string in a template (single line, no escapes needed for ids).
fn quoted_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for quote in ['"', '\''] {
        for line in text.lines() {
            let parts: Vec<&str> = line.split(quote).collect();
            out.extend(
                parts
                    .iter()
                    .skip(1)
                    .step_by(2)
                    .take(parts.len() / 2)
                    .map(|s| s.to_string()),
            );
        }
    }
    out
}

/// `(key, is_prefix)` for every `t(key="…")` in a template.
fn keys_in(text: &str) -> Vec<(String, bool)> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("t(") {
        let preceded_by_ident = text.len() - rest.len() + at > 0
            && rest[..at]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + 2..];
        if preceded_by_ident {
            continue;
        }
        let after = rest.trim_start();
        let Some(after) = after.strip_prefix("key") else {
            continue;
        };
        let Some(after) = after.trim_start().strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let Some(end) = after[1..].find(quote) else {
            continue;
        };
        let key = after[1..1 + end].to_string();
        let is_prefix = after[1 + end + 1..].trim_start().starts_with('~');
        keys.push((key, is_prefix));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::keys_in;

    #[test]
    fn quoted_strings_count_as_uses() {
        let strings = super::quoted_strings(
            r#"{% set items = [{"key": "home-shows"}, {'key': 'home-plays'}] %}"#,
        );
        assert!(strings.contains(&"home-shows".to_string()), "{strings:?}");
        assert!(strings.contains(&"home-plays".to_string()), "{strings:?}");
    }

    #[test]
    fn finds_literal_keys_and_prefixes() {
        let text = r#"{{ t(key="home-title") }} {{ t( key = 'x' , count=3) }} {{ t(key="collection-" ~ c.name) }} {{ format(key="no") }}"#;
        assert_eq!(
            keys_in(text),
            [
                ("home-title".to_string(), false),
                ("x".to_string(), false),
                ("collection-".to_string(), true)
            ]
        );
    }
}

//! Memoised rendering for rebuilds (`vestis serve`): a page is rendered again only when a hash
//! of everything it can read changed — its template variables, the theme and messages (the
//! "environment"), and, for templates that call `records()`, every collection's records.
//!
//! The cache only skips work: a page rendered from the cache is byte-identical to a fresh
//! render because every input of the render is in its fingerprint.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use tera::Value;

use crate::config::Config;
use crate::source_file::Purpose;

/// The pages of one build: output path → (fingerprint, HTML).
pub(super) type Pages = HashMap<String, (u64, Arc<Vec<u8>>)>;

/// What earlier renders made, for memoised rebuilds (`vestis serve`).
#[derive(Default)]
pub struct RenderCache {
    pub(super) pages: PageCache,
    pub(super) previous: super::page_reuse::PreviousPages,
    pub(super) views: super::view_cache::ViewCache,
}

impl RenderCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Rendered pages of the previous build, by output path. Owned by the [`super::RenderCache`]
/// a rebuild is lent as `&mut`: no locks.
#[derive(Default)]
pub struct PageCache {
    pub(super) pages: Pages,
}

impl PageCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the pages of this build (and so forgets those it did not produce).
    pub(super) fn replace<'a>(
        &mut self,
        pages: impl Iterator<Item = &'a super::page_reuse::Entry>,
    ) {
        self.pages = pages
            .map(|e| (e.path.clone(), (e.fingerprint, Arc::clone(&e.html))))
            .collect();
    }

    /// Updates the pages this build made anew (the others are as they were).
    pub(super) fn update<'a>(&mut self, pages: impl Iterator<Item = &'a super::page_reuse::Entry>) {
        for e in pages {
            self.pages
                .insert(e.path.clone(), (e.fingerprint, Arc::clone(&e.html)));
        }
    }
}

/// The page at `path` in `pages` if it was rendered with the same fingerprint.
pub(super) fn cached_page(pages: &Pages, path: &str, fingerprint: u64) -> Option<Arc<Vec<u8>>> {
    pages
        .get(path)
        .filter(|(f, _)| *f == fingerprint)
        .map(|(_, html)| html.clone())
}

/// Feeds a tera value into a hasher: kind, content and whether it is marked safe.
pub fn hash_value(value: &Value, h: &mut impl Hasher) {
    value.is_safe().hash(h);
    if let Some(map) = value.as_map() {
        1u8.hash(h);
        map.len().hash(h);
        for (k, v) in map {
            k.as_str().hash(h);
            hash_value(v, h);
        }
    } else if let Some(items) = value.as_array() {
        2u8.hash(h);
        items.len().hash(h);
        items.iter().for_each(|v| hash_value(v, h));
    } else if let Some(s) = value.as_str() {
        3u8.hash(h);
        s.hash(h);
    } else if let Some(b) = value.as_bool() {
        4u8.hash(h);
        b.hash(h);
    } else if let Some(i) = value.as_i128() {
        5u8.hash(h);
        i.hash(h);
    } else if let Some(f) = value.as_f64() {
        6u8.hash(h);
        f.to_bits().hash(h);
    } else {
        7u8.hash(h);
        value.is_none().hash(h);
    }
}

/// The hash of one tera value (see [`hash_value`]).
pub fn value_hash(value: &Value) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    hash_value(value, &mut h);
    h.finish()
}

/// Which templates can call `records()`: those whose source, or the source of a template they
/// extend, include or import, contains it. A theme that defines components is treated as
/// all-reading when any template calls `records()` (a component may be used anywhere).
pub fn templates_reading_records(sources: &[(String, String)]) -> HashSet<String> {
    let calls = calls_records;
    let any_call = sources.iter().any(|(_, t)| calls(t));
    let components = sources.iter().any(|(_, t)| defines_component(t));
    let by_name: HashMap<&str, &str> = sources
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    sources
        .iter()
        .filter(|(name, _)| {
            (any_call && components) || closure(name, &by_name).iter().any(|t| calls(by_name[t]))
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Whether a template's text may call `records()`: the name followed by `(`, spaces between
/// allowed, as tera allows them (`records (collection="towns")`).
fn calls_records(text: &str) -> bool {
    let after_names = text.split("records").skip(1);
    after_names
        .into_iter()
        .any(|rest| rest.trim_start().starts_with('('))
}

/// Whether a template's text defines a component: `{% component`, also with whitespace
/// control (`{%- component`) or other spacing.
fn defines_component(text: &str) -> bool {
    let tags = text.split("{%").skip(1);
    tags.into_iter().any(|tag| {
        let tag = tag.trim_start_matches(['-', '+']).trim_start();
        tag.strip_prefix("component")
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    })
}

/// `name` and every template it reaches through `extends`, `include` and `import`.
fn closure<'a>(name: &'a str, by_name: &HashMap<&'a str, &'a str>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    let mut todo = vec![name];
    while let Some(current) = todo.pop() {
        let Some((&key, text)) = by_name.get_key_value(current) else {
            continue;
        };
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        todo.extend(
            referenced(text)
                .into_iter()
                .filter_map(|r| by_name.get_key_value(r.as_str()).map(|(k, _)| *k)),
        );
    }
    seen
}

/// Template names after `extends`, `include` and `import` tags.
fn referenced(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in ["extends", "include", "import"] {
        for part in text.split(tag).skip(1) {
            let part = part.trim_start();
            if let Some(quote) = part.chars().next().filter(|c| *c == '"' || *c == '\'')
                && let Some(end) = part[1..].find(quote)
            {
                out.push(part[1..1 + end].to_string());
            }
        }
    }
    out
}

/// Hash of everything a page or view reads besides the records: the configuration (site.yaml
/// and the URLs the build uses) and every template and `.ftl` file of the theme and the site.
/// `None` when one of them cannot be read: then nothing can be reused (the stage that reads
/// the file reports why).
pub fn environment_hash(config: &Config) -> Option<u64> {
    let (files, theme_dir) = (&config.files, &config.theme_dir());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    files
        .read_source(Path::new(crate::config::CONFIG_FILE))
        .ok()?
        .hash(&mut h);
    (&config.base_url, &config.base_path).hash(&mut h);
    for dir in [
        theme_dir.join("templates"),
        theme_dir.join("locales"),
        files.root().join("locales"),
    ] {
        // What the policy refuses is reported by the stage that reads it, not here.
        let mut ignored = crate::diagnostics::Diagnostics::new();
        for file in files.walk(&dir, Purpose::Source, &mut ignored) {
            file.path.hash(&mut h);
            files.read_source(&file.path).ok()?.hash(&mut h);
        }
    }
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_templates_that_reach_records_through_inheritance() {
        let sources = vec![
            (
                "base.html".to_string(),
                "<html>{% block main %}{% endblock %}</html>".to_string(),
            ),
            (
                "index.html".to_string(),
                "{% extends \"base.html\" %}{{ records(collection='x') }}".to_string(),
            ),
            (
                "list.html".to_string(),
                "{% extends \"base.html\" %}{% include \"partials/latest.html\" %}".to_string(),
            ),
            (
                "partials/latest.html".to_string(),
                "{% for r in records(collection='x') %}{% endfor %}".to_string(),
            ),
            (
                "record.html".to_string(),
                "{% extends \"base.html\" %}".to_string(),
            ),
        ];
        let reading = templates_reading_records(&sources);
        assert!(reading.contains("index.html"));
        assert!(reading.contains("list.html"));
        assert!(!reading.contains("record.html"));
        assert!(!reading.contains("base.html"));
    }

    #[test]
    fn finds_calls_of_records_written_with_a_space() {
        let sources = vec![
            (
                "spaced.html".to_string(),
                "{% for r in records (collection='x') %}{% endfor %}".to_string(),
            ),
            (
                "newline.html".to_string(),
                "{{ records\n\t(collection='x') | length }}".to_string(),
            ),
            ("word.html".to_string(), "<p>records (3)</p>".to_string()),
            ("plain.html".to_string(), "<p>records: 3</p>".to_string()),
        ];
        let reading = templates_reading_records(&sources);
        assert!(reading.contains("spaced.html"));
        assert!(reading.contains("newline.html"));
        // Text that only looks like a call is counted too: rendering it again costs time, never a stale page.
        assert!(reading.contains("word.html"));
        assert!(!reading.contains("plain.html"));
    }

    #[test]
    fn a_component_defined_with_whitespace_control_makes_every_template_read_records() {
        let component = "{%- component towns(lang) %}{{ records(collection='t') | length }}\
            {% endcomponent towns %}";
        let sources = vec![
            ("components.html".to_string(), component.to_string()),
            (
                "list.html".to_string(),
                "{{<towns lang={lang}/>}}".to_string(),
            ),
        ];
        let reading = templates_reading_records(&sources);
        assert!(reading.contains("list.html"), "{reading:?}");
        assert!(defines_component("{%component x() %}{% endcomponent x %}"));
        assert!(!defines_component("{% endcomponent x %}{% components %}"));
    }

    #[test]
    fn value_hashes_differ_by_content_and_safety() {
        let hash = |v: &Value| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            hash_value(v, &mut h);
            h.finish()
        };
        assert_ne!(hash(&Value::from("a")), hash(&Value::from("b")));
        assert_ne!(hash(&Value::from("a")), hash(&Value::safe_string("a")));
        assert_eq!(
            hash(&Value::from(vec![1, 2])),
            hash(&Value::from(vec![1, 2]))
        );
        assert_ne!(hash(&Value::from(1)), hash(&Value::from(1.0)));
    }
}

//! Whether a theme shows records' bodies anywhere but on their own pages. A record's body is
//! the largest thing a record's summary would hold: summaries live for the whole build (one
//! per record and language, shared by every list), so they carry `body` only when some
//! template may read it from a record other than the page's own `page`. The record page's
//! `page` always has it (`render::full_record`).
//!
//! The answer comes from the templates' text, erring towards "yes": any `.body`,
//! `["body"]` or `key="body"` on something other than `page`, or `page` given a new value
//! (`{% for page in … %}`, `{% set page = … %}`, a macro argument named `page`), means lists
//! may read bodies. A template that reaches `body` by a computed key (`record[name]` with
//! `name` set to `"body"`) is not seen; the README says to write `record.body` instead.

/// Whether `template` may read `body` from a record other than the record page's `page`.
pub fn reads_body_outside_page(template: &str) -> bool {
    rebinds_page(template) || body_accesses(template).any(|owner| owner != "page")
}

/// The name written before each `.body`, `["body"]` or `['body']` (empty when it is not a
/// plain name: `x[0].body`, `(a | first).body`), and an empty name for each
/// `key="body"` (the `get` filter).
fn body_accesses(template: &str) -> impl Iterator<Item = &str> {
    let patterns = [
        ".body",
        "[\"body\"]",
        "['body']",
        "key=\"body\"",
        "key='body'",
    ];
    patterns.into_iter().flat_map(move |pattern| {
        template.match_indices(pattern).filter_map(move |(at, _)| {
            let after = &template[at + pattern.len()..];
            if pattern == ".body" && after.starts_with(is_name_char) {
                return None; // `.body_attrs`, `.bodycount`
            }
            if pattern.starts_with("key") {
                return Some("");
            }
            Some(name_before(&template[..at]))
        })
    })
}

/// The name that ends `text` (`page` in `{{ page`), empty when it does not end in a name or
/// the name is itself a part (`a.page`).
fn name_before(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    if text[..start].ends_with(['.', ']', ')']) {
        return "";
    }
    &text[start..]
}

/// Whether `page` is given a new value anywhere: a loop variable, a `set`, a macro argument.
fn rebinds_page(template: &str) -> bool {
    let words: Vec<&str> = template
        .split(|c: char| !is_name_char(c))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .any(|pair| matches!(pair[0], "for" | "set" | "set_global") && pair[1] == "page")
        || loop_binds_page(template)
        || macro_takes_page(template)
}

/// `{% for key, page in … %}`: the loop's second name.
fn loop_binds_page(template: &str) -> bool {
    template.match_indices("for ").any(|(at, _)| {
        let head = &template[at + 4..];
        let head = &head[..head.find(" in ").unwrap_or(0)];
        head.split(',').any(|name| name.trim() == "page")
    })
}

/// `{% macro card(page) %}`, `{% macro card(x, page=none) %}`.
fn macro_takes_page(template: &str) -> bool {
    template.match_indices("macro ").any(|(at, _)| {
        let rest = &template[at..];
        let Some(open) = rest.find('(') else {
            return false;
        };
        let close = rest[open..].find(')').map_or(rest.len(), |c| open + c);
        rest[open + 1..close]
            .split(',')
            .any(|arg| arg.split('=').next().is_some_and(|n| n.trim() == "page"))
    })
}

/// A character of a tera name.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::reads_body_outside_page;

    #[test]
    fn the_record_pages_own_body_and_html_body_tags_are_not_lists_reading_bodies() {
        for template in [
            "{{ page.body | safe }}",
            "<body class=\"x\">{% block body_attrs %}{% endblock %}</body>",
            "{{ page[\"body\"] }} <div class=\"event-body\"></div>",
            "{% set builtin = [\"id\", \"body\"] %}{{ page.bodyless }}",
            "{% for record in section.records %}{{ record.title }}{% endfor %}",
        ] {
            assert!(!reads_body_outside_page(template), "{template}");
        }
    }

    #[test]
    fn bodies_read_from_other_records_or_a_rebound_page_are_seen() {
        for template in [
            "{% for r in records %}{{ r.body | safe }}{% endfor %}",
            "{{ page.translations[0].body }}",
            "{{ (records | first).body }}",
            "{{ record['body'] }}",
            "{{ record | get(key=\"body\") }}",
            "{% for page in section.records %}{{ page.body }}{% endfor %}",
            "{% for i, page in records %}{{ page.body }}{% endfor %}",
            "{% set page = records[0] %}{{ page.body }}",
            "{% macro card(title, page=none) %}{{ page.body }}{% endmacro %}",
        ] {
            assert!(reads_body_outside_page(template), "{template}");
        }
    }
}

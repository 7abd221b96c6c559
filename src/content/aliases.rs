//! `aliases:` — the old addresses of a record (`/lv/old-name/`), each of which gets a page
//! sending the reader on to the record. Read from the front matter (the alias leads to that
//! language's page) or the `.yaml` (to the page in the default language). Each alias is
//! checked here, where its line is known: a path inside the site, no `..`, no scheme or host,
//! no `?` or `#`.

use crate::yaml::{Located, Node, Pos, Source};

use super::field_context::Sink;

/// One old address of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The output path the redirect is written at: `lv/old/` (a folder: `index.html` inside)
    /// or `old.html` (a file).
    pub path: String,
    /// Where the alias is written (for messages), already shifted for front matter.
    pub pos: Pos,
}

impl Alias {
    /// The file of the redirect page in the output: `lv/old/index.html`, `old.html`; `None`
    /// for an old address no page can stand for (`old.php`: only `_redirects`/`.htaccess`).
    pub fn page_file(&self) -> Option<String> {
        page_file(&self.path)
    }
}

/// The file a redirect page at output path `path` is written to (see [`Alias::page_file`]).
pub fn page_file(path: &str) -> Option<String> {
    if path.ends_with('/') {
        return Some(format!("{path}index.html"));
    }
    let last = path.rsplit('/').next().unwrap_or(path);
    let lower = last.to_ascii_lowercase();
    (lower.ends_with(".html") || lower.ends_with(".htm")).then(|| path.to_string())
}

const EXAMPLE: &str = "/lv/old-page/";

/// Reads an `aliases:` value (a list of paths, or one path), reporting each bad one.
pub(super) fn read(node: &Located<Node>, source: Source<'_>, out: &mut Sink) -> Vec<Alias> {
    let items: Vec<&Located<Node>> = match &node.value {
        Node::Null => Vec::new(),
        Node::Seq(items) => items.iter().collect(),
        Node::Str(_) => vec![node],
        other => {
            out.0.push(
                source
                    .error_at(
                        node.pos_in(&source),
                        1,
                        format!(
                            "`aliases` expects a list of old addresses, found {}",
                            other.kind_name()
                        ),
                    )
                    .with_suggestion(format!("write `aliases: [\"{EXAMPLE}\"]`")),
            );
            return Vec::new();
        }
    };
    let mut aliases = Vec::new();
    for item in items {
        let pos = item.pos_in(&source);
        let Node::Str(text) = &item.value else {
            out.0.push(
                source
                    .error_at(
                        pos,
                        1,
                        format!(
                            "an alias must be an old address like `{EXAMPLE}`, found {}",
                            item.value.kind_name()
                        ),
                    )
                    .with_suggestion(format!("write the old address in quotes: `\"{EXAMPLE}\"`")),
            );
            continue;
        };
        match normalize(text) {
            Ok(path) => aliases.push(Alias { path, pos }),
            Err((message, help)) => out.0.push(
                source
                    .error_at(pos, text.chars().count().max(1), message)
                    .with_suggestion(help),
            ),
        }
    }
    aliases
}

/// `/lv/old/` → `lv/old/`, `old.html` → `old.html`, `/lv/vecā%20lapa` → `lv/vecā lapa/`; or
/// what is wrong, and how to fix it.
pub fn normalize(alias: &str) -> Result<String, (String, String)> {
    let text = alias.trim();
    let shown = crate::yaml::short(text, 60);
    if let Some((scheme, rest)) = text.split_once("://").filter(|(s, _)| is_scheme(s)) {
        let path = rest.find('/').map_or("/", |at| &rest[at..]);
        let _ = scheme;
        return Err((
            format!(
                "the alias `{shown}` is a full web address; an alias is an old address on this site"
            ),
            format!("write only the part after the host: `{path}`"),
        ));
    }
    if text.starts_with("//") || text.split_once(':').is_some_and(|(s, _)| is_scheme(s)) {
        return Err((
            format!("the alias `{shown}` is not an address on this site"),
            format!("write the old address of the page on this site, like `{EXAMPLE}`"),
        ));
    }
    if text.contains(['?', '#']) {
        let cut = text.split(['?', '#']).next().unwrap_or("");
        return Err((
            format!(
                "the alias `{shown}` has a `?` or `#` part, which a redirect page cannot answer"
            ),
            format!("write the address without it: `{cut}`"),
        ));
    }
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
    if decoded.contains(|c: char| c == '\\' || c.is_control()) {
        return Err((
            format!("the alias `{shown}` contains a backslash or a control character"),
            "separate the parts of an address with `/`".to_string(),
        ));
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Err((
            format!("the alias `{shown}` contains `.` or `..`, which could point outside the site"),
            format!("write the whole old address from the site's start, like `{EXAMPLE}`"),
        ));
    }
    let Some(last) = segments.last() else {
        return Err((
            format!("the alias `{shown}` is the site's home address, which is always a real page"),
            format!("write the old address of the record's page, like `{EXAMPLE}`"),
        ));
    };
    let joined = segments.join("/");
    let is_file = last.contains('.') && !alias.trim_end().ends_with('/');
    let path = if is_file {
        joined
    } else {
        format!("{joined}/")
    };
    crate::output::validate_path(path.trim_end_matches('/')).map_err(|m| {
        (
            format!("the alias `{shown}` cannot be written: {m}"),
            format!("write the old address like `{EXAMPLE}`"),
        )
    })?;
    Ok(path)
}

fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_aliases_become_output_paths() {
        assert_eq!(normalize("/lv/old/").unwrap(), "lv/old/");
        assert_eq!(normalize("lv/old").unwrap(), "lv/old/");
        assert_eq!(normalize("/old.html").unwrap(), "old.html");
        assert_eq!(normalize("/lv/vec%C4%81-lapa/").unwrap(), "lv/vecā-lapa/");
        assert_eq!(normalize("/v1.2/").unwrap(), "v1.2/");
        assert_eq!(page_file("lv/old/").as_deref(), Some("lv/old/index.html"));
        assert_eq!(page_file("old.HTM").as_deref(), Some("old.HTM"));
        assert_eq!(page_file("index.php"), None);
    }

    #[test]
    fn bad_aliases_say_what_to_write_instead() {
        let (m, help) = normalize("https://example.org/lv/old/").unwrap_err();
        assert!(m.contains("full web address"), "{m}");
        assert_eq!(help, "write only the part after the host: `/lv/old/`");
        for bad in [
            "../secret/",
            "/lv/../../etc/",
            "//evil.example/x",
            "mailto:a@b.lv",
            "/",
            "/a?id=3",
            "/a\\b",
        ] {
            assert!(normalize(bad).is_err(), "{bad}");
        }
        assert_eq!(
            normalize("/a?id=3").unwrap_err().1,
            "write the address without it: `/a`"
        );
    }
}

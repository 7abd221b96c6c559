//! The internal link check of `vestis check`: every `href`, `src` and `srcset` of every HTML
//! page of an [`Output`] that points into the site must name a file of the output, and its
//! `#fragment` an element `id` of that page.
//!
//! Pure: it reads the output in memory and a map saying where each page came from
//! ([`PageSource`]), and returns diagnostics. It must not know records, templates or
//! languages; the render stage fills the map.
//!
//! HTML is read with html5gum, a WHATWG-conformant tokenizer: attribute values come decoded
//! (`&amp;`), unquoted and oddly spaced attributes are read like a browser reads them, and
//! `<script>`/`<style>` contents are not mistaken for tags. No tree is built, so a page costs
//! one linear pass.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use rayon::prelude::*;
use url::Url;

use super::Output;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

/// Where each HTML page came from: output path (`lv/pasakumi/x/index.html`) → source.
pub type PageSources = BTreeMap<String, PageSource>;

/// Where one page came from, to name the file to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSource {
    /// The template that rendered the page (relative to the site root), or for an HTML file
    /// copied from `static/`, that file.
    pub template: PathBuf,
    /// For a record page: its text, whose body's links are blamed on the text.
    pub text: Option<TextSource>,
}

/// The text (`.md` file) of a record page and the links its Markdown body makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSource {
    /// The `.md` file, relative to the site root.
    pub file: PathBuf,
    /// The body's links as they appear in the page, with their place in the file.
    pub links: Vec<SourceLink>,
}

/// A link of a Markdown body: the URL the page holds, and where the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// The URL as rendered into the page (base path added, `@/` resolved).
    pub href: String,
    /// 1-based line in the `.md` file.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
}

/// What one page links to and which ids it has.
struct Scanned {
    links: Vec<String>,
    ids: HashSet<String>,
}

/// Checks every internal link of every HTML page of `output`, for a site published at
/// `base_url`. Each broken (source, target) pair is reported once, as an error located in
/// the `.md` file (with line and column) when the link comes from a record's body, otherwise
/// in the page's template; the message names the page.
pub fn check(output: &Output, sources: &PageSources, base_url: &str) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let Ok(base) = Url::parse(&format!("{}/", base_url.trim_end_matches('/'))) else {
        return diagnostics;
    };
    let pages: Vec<(&str, &[u8])> = output
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .collect();
    let scanned: HashMap<&str, Scanned> = pages
        .par_iter()
        .map(|(path, bytes)| (*path, scan(&String::from_utf8_lossy(bytes))))
        .collect();
    let mut problems: BTreeMap<(Blame, String), Problem> = BTreeMap::new();
    for (path, _) in &pages {
        let Ok(page_url) = base.join(path) else {
            continue;
        };
        for href in &scanned[path].links {
            let Some(broken) = judge(output, &scanned, &base, &page_url, href) else {
                continue;
            };
            let blame = blame(sources.get(*path), href);
            let key = (blame, broken.target_key());
            problems
                .entry(key)
                .and_modify(|p| p.more_pages += 1)
                .or_insert(Problem {
                    href: href.clone(),
                    page: page_url.path().trim_end_matches("index.html").to_string(),
                    broken,
                    more_pages: 0,
                });
        }
    }
    for ((blame, _), problem) in problems {
        diagnostics.push(problem.diagnostic(&blame, output, &scanned, &base));
    }
    diagnostics.sort();
    diagnostics
}

/// The `href`, `src` and `srcset` URLs (in document order) and the `id`s of a page.
fn scan(html: &str) -> Scanned {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut scanned = Scanned {
        links: Vec::new(),
        ids: HashSet::new(),
    };
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        for (name, value) in &tag.attributes {
            let value = String::from_utf8_lossy(&value.value);
            match &name[..] {
                b"href" | b"src" => scanned.links.push(value.trim().to_string()),
                b"srcset" => scanned.links.extend(srcset_urls(&value)),
                b"id" => drop(scanned.ids.insert(value.into_owned())),
                b"name" if &tag.name[..] == b"a" => drop(scanned.ids.insert(value.into_owned())),
                _ => {}
            }
        }
    }
    scanned
}

/// The URLs of a `srcset` (`a.png 1x, b.png 2x`).
fn srcset_urls(srcset: &str) -> Vec<String> {
    srcset
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// What is wrong with a link.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Broken {
    /// No such file: the URL path looked for.
    Missing(String),
    /// The page exists but has no such id: `(page path, id)`.
    Anchor(String, String),
    /// A root-relative URL that leaves the site's base path.
    OutsideBase(String),
    /// An `@/<collection>/<id>` link that names no published record (left as written).
    Unresolved,
}

impl Broken {
    fn target_key(&self) -> String {
        match self {
            Broken::Missing(p) | Broken::OutsideBase(p) => p.clone(),
            Broken::Unresolved => String::new(),
            Broken::Anchor(p, id) => format!("{p}#{id}"),
        }
    }
}

/// Whether `href` on the page at `page_url` is a broken internal link; `None` when it works
/// or is not internal (another host or scheme, `mailto:`, `#` alone, empty).
fn judge(
    output: &Output,
    scanned: &HashMap<&str, Scanned>,
    base: &Url,
    page_url: &Url,
    href: &str,
) -> Option<Broken> {
    if href.is_empty() || href == "#" {
        return None;
    }
    if href.starts_with("@/") {
        return Some(Broken::Unresolved);
    }
    let target = page_url.join(href).ok()?;
    if target.scheme() != base.scheme()
        || target.host_str() != base.host_str()
        || target.port_or_known_default() != base.port_or_known_default()
    {
        return None;
    }
    let Some(rel) = target.path().strip_prefix(base.path()) else {
        return Some(Broken::OutsideBase(target.path().to_string()));
    };
    let rel = percent_decode(rel);
    // `/x/` is `x/index.html`; `/x` is the file `x`, or the folder when servers redirect.
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else if output.contains(&rel) {
        rel
    } else {
        format!("{rel}/index.html")
    };
    if !output.contains(&file) {
        return Some(Broken::Missing(percent_decode(target.path())));
    }
    let fragment = percent_decode(target.fragment().unwrap_or(""));
    match scanned.get(file.as_str()) {
        Some(page) if !fragment.is_empty() && !page.ids.contains(&fragment) => {
            Some(Broken::Anchor(file, fragment))
        }
        _ => None,
    }
}

/// The file to blame for a broken link on a page: the record's `.md` when its body has the
/// link, otherwise the template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Blame {
    file: Option<PathBuf>,
    line: usize,
    col: usize,
}

fn blame(source: Option<&PageSource>, href: &str) -> Blame {
    let Some(source) = source else {
        return Blame {
            file: None,
            line: 0,
            col: 0,
        };
    };
    let wanted = percent_decode(href);
    let in_body = source.text.as_ref().and_then(|text| {
        let link = text
            .links
            .iter()
            .find(|l| percent_decode(&l.href) == wanted)?;
        Some(Blame {
            file: Some(text.file.clone()),
            line: link.line,
            col: link.col,
        })
    });
    in_body.unwrap_or_else(|| Blame {
        file: Some(source.template.clone()),
        line: 0,
        col: 0,
    })
}

/// A broken link, as first seen.
struct Problem {
    href: String,
    page: String,
    broken: Broken,
    more_pages: usize,
}

impl Problem {
    fn diagnostic(
        &self,
        blame: &Blame,
        output: &Output,
        scanned: &HashMap<&str, Scanned>,
        base: &Url,
    ) -> Diagnostic {
        let href = &self.href;
        let (what, suggestion) = match &self.broken {
            Broken::Missing(path) => (
                format!("broken link `{href}`: the site has no page or file at `{path}`"),
                sibling(path, output, base),
            ),
            Broken::Unresolved => (
                format!("broken link `{href}`: no published record has this collection and id"),
                Some(
                    "write `@/<collection>/<id>` with the id of a record that is not a draft"
                        .into(),
                ),
            ),
            Broken::Anchor(file, id) => {
                let ids = scanned.get(file.as_str()).map(|s| &s.ids);
                let target = format!("{}{}", base.path(), file.trim_end_matches("index.html"));
                (
                    format!(
                        "broken link `{href}`: the page `{target}` has no element with id `{id}`"
                    ),
                    ids.and_then(|ids| did_you_mean(id, ids.iter().map(String::as_str))),
                )
            }
            Broken::OutsideBase(path) => (
                format!(
                    "broken link `{href}`: `{path}` is outside the site, which is published under `{}`",
                    base.path()
                ),
                Some(
                    "build internal URLs with `url_for(…)`, `asset(…)` or `site.base_path`"
                        .to_string(),
                ),
            ),
        };
        let mut message = format!("{what} (on the page `{}`", self.page);
        match self.more_pages {
            0 => message.push(')'),
            1 => message.push_str(" and 1 other page)"),
            n => message.push_str(&format!(" and {n} other pages)")),
        }
        let mut d =
            Diagnostic::error(blame.file.as_deref(), message).with_optional_suggestion(suggestion);
        d.line = blame.line;
        d.col = blame.col;
        d
    }
}

/// A page or file of the same folder as the missing URL `path` whose name is close
/// (`/lv/pasakumi/rezekn/` → `/lv/pasakumi/rezekne/`), as a suggestion.
fn sibling(path: &str, output: &Output, base: &Url) -> Option<String> {
    let trimmed = path.trim_end_matches('/');
    let (parent, name) = trimmed.rsplit_once('/')?;
    let parent = format!("{parent}/");
    let rel_parent = parent.strip_prefix(base.path()).unwrap_or(&parent);
    let siblings: Vec<String> = output
        .iter()
        .filter_map(|(p, _)| p.strip_prefix(rel_parent))
        .filter_map(|rest| rest.split('/').next())
        .map(str::to_string)
        .collect();
    let best = did_you_mean(name, siblings.iter().map(String::as_str))?;
    let close = best
        .trim_start_matches("did you mean `")
        .trim_end_matches("`?");
    let slash = if path.ends_with('/') { "/" } else { "" };
    Some(format!("did you mean `{parent}{close}{slash}`?"))
}

/// `%C4%93` → `ē`; malformed escapes are kept as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;

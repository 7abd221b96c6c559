//! The report of the link check: which file to blame for each broken link, one diagnostic
//! per (file, target), and the suggestions (a close page of the same folder, a close id).
//!
//! Cost: O(broken links) plus, per page that has a broken link, one pass over the links of
//! its Markdown body (indexed once, not searched per link), plus the suggestions, which may
//! spend at most [`SUGGESTION_BUDGET`] characters of comparison in one check; problems past
//! the budget get no suggestion. So the report stays linear however many broken links and
//! ids a page has (20,000 broken `#anchor`s on a page of 20,000 headings: no n² comparisons).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use super::{Broken, PageSource, PageSources, Site, percent_decode};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

/// Characters the suggestions may compare in one check (about 0.1 s of work at most).
const SUGGESTION_BUDGET: usize = 4_000_000;

/// Candidates longer than this are never suggested (nobody mistypes them into a near miss).
const LONGEST_CANDIDATE: usize = 200;

/// The file to blame for a broken link on a page: the record's `.md` when its body has the
/// link, otherwise the template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Blame {
    file: Option<PathBuf>,
    line: usize,
    col: usize,
}

/// A broken link, as first seen.
struct Problem {
    href: String,
    page: String,
    broken: Broken,
    more_pages: usize,
}

/// The links of one page's Markdown body by decoded URL: the first place each was written.
type BodyLinks = HashMap<String, (usize, usize)>;

/// One diagnostic per (blamed file and place, target), sorted.
pub(super) fn report(
    site: &Site<'_>,
    sources: &PageSources,
    broken: Vec<(&str, String, Broken)>,
) -> Diagnostics {
    let mut problems: BTreeMap<(Blame, String), Problem> = BTreeMap::new();
    let mut bodies: HashMap<&str, BodyLinks> = HashMap::new();
    for (page, href, broken) in broken {
        let source = sources.get(page);
        let body = bodies.entry(page).or_insert_with(|| body_links(source));
        let blame = blame(source, body, &href);
        let key = (blame, broken.target_key());
        problems
            .entry(key)
            .and_modify(|p| p.more_pages += 1)
            .or_insert_with(|| Problem {
                href,
                page: shown_page(site, page),
                broken,
                more_pages: 0,
            });
    }
    let mut suggest = Suggest::new(site);
    let mut diagnostics = Diagnostics::new();
    for ((blame, _), problem) in problems {
        diagnostics.push(problem.diagnostic(&blame, &mut suggest));
    }
    diagnostics.sort();
    diagnostics
}

/// `lv/a/index.html` → `/sub/lv/a/`.
fn shown_page(site: &Site<'_>, page: &str) -> String {
    site.base
        .join(page)
        .map(|u| u.path().trim_end_matches("index.html").to_string())
        .unwrap_or_else(|_| page.to_string())
}

fn body_links(source: Option<&PageSource>) -> BodyLinks {
    let mut links = BodyLinks::new();
    for link in source
        .and_then(|s| s.text.as_ref())
        .map_or(&[][..], |t| &t.links)
    {
        links
            .entry(percent_decode(&link.href))
            .or_insert((link.line, link.col));
    }
    links
}

fn blame(source: Option<&PageSource>, body: &BodyLinks, href: &str) -> Blame {
    let Some(source) = source else {
        return Blame {
            file: None,
            line: 0,
            col: 0,
        };
    };
    let in_body = source.text.as_ref().and_then(|text| {
        let (line, col) = *body.get(&percent_decode(href))?;
        Some(Blame {
            file: Some(text.file.clone()),
            line,
            col,
        })
    });
    in_body.unwrap_or_else(|| Blame {
        file: Some(source.template.clone()),
        line: 0,
        col: 0,
    })
}

impl Problem {
    fn diagnostic(&self, blame: &Blame, suggest: &mut Suggest<'_, '_>) -> Diagnostic {
        let href = &self.href;
        let base = suggest.site.base;
        let (what, suggestion) = match &self.broken {
            Broken::Missing(path) => (
                format!("broken link `{href}`: the site has no page or file at `{path}`"),
                suggest.sibling(path),
            ),
            Broken::Unresolved => (
                format!("broken link `{href}`: no published record has this collection and id"),
                Some(
                    "write `@/<collection>/<id>` with the id of a published record; a draft or \
                     embargoed record is published only with `--drafts`"
                        .into(),
                ),
            ),
            Broken::Anchor(file, id) => {
                let target = format!("{}{}", base.path(), file.trim_end_matches("index.html"));
                (
                    format!(
                        "broken link `{href}`: the page `{target}` has no element with id `{id}`"
                    ),
                    suggest.id(file, id),
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

/// Suggestions, within the comparison budget.
struct Suggest<'s, 'a> {
    site: &'s Site<'a>,
    budget: usize,
    /// Every output path, sorted (made on the first missing page).
    paths: Option<Vec<&'a str>>,
    /// Names directly under a folder (`lv/pasakumi/` → `rezekne`, …), per folder asked.
    children: HashMap<String, Arc<Candidates<'a>>>,
    /// The ids of a page, per page asked.
    ids: HashMap<String, Arc<Candidates<'a>>>,
}

/// Names to compare with, and what comparing a word with all of them costs (without the
/// word's share): known before comparing, so that a spent budget costs nothing more.
struct Candidates<'a> {
    names: Vec<&'a str>,
    chars: usize,
}

impl<'a> Candidates<'a> {
    fn new(mut names: Vec<&'a str>) -> Self {
        names.retain(|n| n.len() <= LONGEST_CANDIDATE);
        names.sort_unstable();
        names.dedup();
        let chars = names.iter().map(|n| n.len()).sum();
        Candidates { names, chars }
    }
}

impl<'s, 'a> Suggest<'s, 'a> {
    fn new(site: &'s Site<'a>) -> Self {
        Suggest {
            site,
            budget: SUGGESTION_BUDGET,
            paths: None,
            children: HashMap::new(),
            ids: HashMap::new(),
        }
    }

    /// "did you mean `c`?" for the closest of `candidates` to `word`, if the budget allows
    /// comparing them all. O(1) when it does not.
    fn closest(&mut self, word: &str, candidates: &Candidates<'_>) -> Option<String> {
        let cost = candidates.chars + candidates.names.len() * word.len();
        if cost > self.budget || word.len() > LONGEST_CANDIDATE {
            return None;
        }
        self.budget -= cost;
        did_you_mean(word, candidates.names.iter().copied())
    }

    /// An id of the page `file` close to `id`.
    fn id(&mut self, file: &str, id: &str) -> Option<String> {
        let ids = match self.ids.get(file) {
            Some(ids) => Arc::clone(ids),
            None => {
                let scanned = self.site.scanned.get(file)?;
                let names: Vec<&'a str> = scanned.ids().collect();
                let ids = Arc::new(Candidates::new(names));
                self.ids.insert(file.to_string(), Arc::clone(&ids));
                ids
            }
        };
        self.closest(id, &ids)
    }

    /// A page or file of the same folder as the missing URL `path` whose name is close
    /// (`/lv/pasakumi/rezekn/` → `/lv/pasakumi/rezekne/`).
    fn sibling(&mut self, path: &str) -> Option<String> {
        let trimmed = path.trim_end_matches('/');
        let (parent, name) = trimmed.rsplit_once('/')?;
        let parent = format!("{parent}/");
        let rel_parent = parent
            .strip_prefix(self.site.base.path())
            .unwrap_or(&parent)
            .to_string();
        let names = self.children_of(&rel_parent);
        let best = self.closest(name, &names)?;
        let best = best
            .trim_start_matches("did you mean `")
            .trim_end_matches("`?");
        let slash = if path.ends_with('/') { "/" } else { "" };
        Some(format!("did you mean `{parent}{best}{slash}`?"))
    }

    /// The distinct names directly under the output folder `rel_parent` (`""` is the root).
    fn children_of(&mut self, rel_parent: &str) -> Arc<Candidates<'a>> {
        if let Some(names) = self.children.get(rel_parent) {
            return Arc::clone(names);
        }
        let output = self.site.output;
        let paths = self
            .paths
            .get_or_insert_with(|| output.paths().collect::<Vec<&'a str>>());
        let start = paths.partition_point(|p| *p < rel_parent);
        let mut names: Vec<&'a str> = Vec::new();
        for path in paths[start..]
            .iter()
            .take_while(|p| p.starts_with(rel_parent))
        {
            let name = path[rel_parent.len()..].split('/').next().unwrap_or("");
            if names.last() != Some(&name) {
                names.push(name);
            }
        }
        let names = Arc::new(Candidates::new(names));
        self.children
            .insert(rel_parent.to_string(), Arc::clone(&names));
        names
    }
}

//! The page → source map of a render: which template made each HTML page and, for a record
//! page, which `.md` file holds its body and where each of the body's links was written.
//! The link check uses it to name the file to fix instead of an output path.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::output::links::{PageSource, PageSources, SourceLink, TextSource};

use super::assets::StaticFiles;
use super::context::ViewBuilder;
use super::page_pass::Choices;
use super::pages::Page;

/// Which template and text made each page, for the link check: a pass of its own (cheap: no
/// rendering), so that a memoised rebuild has every page's source too. It reads no record
/// view, so a build makes it after they are freed (its peak memory is then lower).
pub fn pages(
    b: &ViewBuilder<'_>,
    pages: &[Page],
    choices: &Choices<'_>,
    template_dir: &Path,
) -> PageSources {
    pages
        .par_iter()
        .filter_map(|p| {
            let Some(Ok(name)) = choices.get(&p.template_key(b.site)) else {
                return None;
            };
            let path = p.output_file(b.config, b.site);
            Some((path, page(b, p, template_dir.join(name))))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The source of a rendered page; `template` is relative to the site root.
pub fn page(b: &ViewBuilder<'_>, page: &Page, template: PathBuf) -> PageSource {
    let (lang, code) = (page.lang(), page.code(b.config));
    let text = match page {
        Page::Record { index, .. } => b.site.text_in(*index, code).map(|(text, _)| TextSource {
            file: text.path.clone(),
            links: text
                .body
                .links
                .iter()
                .map(|link| SourceLink {
                    href: b.link_href(&link.dest, lang),
                    line: text.body_line + link.line - 1,
                    col: link.col,
                })
                .collect(),
        }),
        _ => None,
    };
    PageSource { template, text }
}

/// HTML files copied from `static/` (the theme's or the site's) are their own source.
pub fn static_pages(root: &Path, files: &StaticFiles) -> PageSources {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, file)| {
            let template = file.strip_prefix(root).unwrap_or(file).to_path_buf();
            (
                path.clone(),
                PageSource {
                    template,
                    text: None,
                },
            )
        })
        .collect()
}

//! The page → source map of a render: which template made each HTML page and, for a record
//! page, which `.md` file holds its body and where each of the body's links was written.
//! The link check uses it to name the file to fix instead of an output path.

use std::path::{Path, PathBuf};

use crate::output::links::{PageSource, PageSources, SourceLink, TextSource};

use super::assets::StaticFiles;
use super::context::ViewBuilder;
use super::pages::Page;

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

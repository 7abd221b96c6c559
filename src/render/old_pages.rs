//! The pages at old addresses (a renamed record's old address, an `aliases:` entry, a removed
//! record's address: `crate::redirects`) in the site's theme: `redirect.html` and `gone.html`
//! get the variables of the language's "not found" page (`site`, `lang`, `translations`,
//! `share`, …, so they can extend `base.html`) plus `target`, and `page_kind` is `redirect` or
//! `gone`. A theme without one of the templates gets `crate::redirects`' built-in page for it.
//!
//! It lives in the render stage because only here are the theme's templates loaded; which
//! pages there are is `crate::redirects::plan`'s answer, asked again (with the whole output)
//! when the pages are added, so a page rendered here that a static file turns out to take is
//! simply not used.

use std::collections::BTreeMap;

use tera::{Map, Value};

use crate::content::page_file;
use crate::diagnostics::Diagnostics;
use crate::output::Output;
use crate::redirects::{self, OldAddress, UrlRecord};

use super::page_reads::PageReads;
use super::page_render::render_page;
use super::pages::{Page, PageEnv};
use super::templates::Templates;

/// The template of a redirect page and of a gone page.
const REDIRECT_TEMPLATE: &str = "redirect.html";
const GONE_TEMPLATE: &str = "gone.html";

/// The theme's HTML of every page at an old address (old output path → HTML). `output` holds
/// the rendered pages (a real page always wins), `previous` the addresses published before
/// (`None`: `.vestis/urls.json` is damaged, which the pipeline reports). A template's error
/// is added to `diagnostics`.
pub(super) fn render(
    env: &PageEnv<'_>,
    templates: &Templates,
    output: &Output,
    previous: Option<&UrlRecord>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let mut themed = BTreeMap::new();
    let redirect = templates.pick(&[REDIRECT_TEMPLATE]);
    let gone = templates.pick(&[GONE_TEMPLATE]);
    if redirect.is_none() && gone.is_none() {
        return themed;
    }
    let b = env.builder;
    let config = b.config;
    let Some(previous) = previous else {
        return themed;
    };
    let mut failed: Vec<&str> = Vec::new();
    let planned = redirects::plan(config, b.site, previous, &|file| output.contains(file));
    for (from, (lang, old)) in &planned.pages {
        let Some(file) = page_file(from) else {
            continue;
        };
        let (template, kind, to, title) = match old {
            OldAddress::Moved { to, title } => (redirect, "redirect", to, Some(title.as_str())),
            OldAddress::Gone { list } => (gone, "gone", list, None),
        };
        let Some(template) = template.filter(|t| !failed.contains(t)) else {
            continue;
        };
        // The language's "not found" page has every variable a page outside the records has.
        let Some(lang_index) = config.languages.find(lang) else {
            continue;
        };
        let page = Page::LangNotFound(lang_index);
        let mut ctx = page.context(env, &mut PageReads::new());
        let here = b.urls.permalink(from);
        let there = b.urls.permalink(to);
        ctx.insert("page_kind", kind);
        ctx.insert("current_url", &b.urls.url(from));
        ctx.insert("current_permalink", &here);
        ctx.insert(
            "canonical_url",
            if kind == "redirect" { &there } else { &here },
        );
        let mut target = Map::new();
        target.insert("url".into(), b.urls.url(to).into());
        target.insert("permalink".into(), there.as_str().into());
        target.insert(
            "title".into(),
            title.map(Value::from).unwrap_or_else(Value::none),
        );
        ctx.insert_value("target", Value::from(target));
        if let Some(title) = title {
            // A link to the old address shared now previews the page it leads to.
            let mut share = page_share_of(env, &page, lang);
            share.title = title.to_string();
            share.url = there.clone();
            ctx.insert("share", &share);
        }
        match render_page(&file, template, &ctx, templates, config) {
            Ok(rendered) => {
                let html = String::from_utf8_lossy(&rendered.html).into_owned();
                themed.insert(from.clone(), html);
            }
            // One error per template, not one per old address.
            Err(d) => {
                failed.push(template);
                diagnostics.push(d);
            }
        }
    }
    themed
}

/// The `share` value of `page` (the language's 404 page), to be adjusted.
fn page_share_of(env: &PageEnv<'_>, page: &Page, lang: &str) -> crate::share::meta::Share {
    let folder = format!("{lang}/");
    let canonical = env.builder.urls.permalink(&folder);
    super::page_share::share(page, env, &folder, &canonical, &mut PageReads::new())
}

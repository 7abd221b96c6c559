//! The render stage's one hook into `crate::share`: tells it which page this is and in which
//! other languages the page really exists (the same record with its own text, the same list
//! page, the homes and 404 pages), and logs the other records the share value read so that a
//! memoised rebuild re-renders the page when one of them changes.

use crate::config::{Lang, Languages};
use crate::share::env::ShareEnv;
use crate::share::meta::{self, PageFacts, Subject};

use super::page_reads::PageReads;
use super::pages::{Page, PageEnv, page_count};

/// The `share` variable of `page`, whose URL folder is `folder` and canonical address
/// `canonical`.
pub(super) fn share(
    page: &Page,
    env: &PageEnv<'_>,
    folder: &str,
    canonical: &str,
    reads: &mut PageReads,
) -> meta::Share {
    let b = env.builder;
    let languages = &b.config.languages;
    let (lang, code) = (page.lang(), page.code(b.config));
    let others = languages.others(lang);
    let (subject, also_in): (Subject<'_>, Vec<&str>) = match page {
        Page::Record { index, .. } => (
            Subject::Record(*index),
            others
                .filter(|&l| b.site.view(l).paths[*index].is_some())
                .map(|l| languages.code(l))
                .filter(|l| {
                    b.site
                        .text_in(*index, l)
                        .is_some_and(|(_, fallback)| !fallback)
                })
                .collect(),
        ),
        Page::List {
            collection, number, ..
        } => {
            let spec = &b.config.collections[collection];
            let exists = |&l: &Lang| {
                spec.has_list(languages.code(l))
                    && *number
                        <= page_count(
                            b.site.view(l).by_collection[collection].len(),
                            spec.paginate,
                        )
            };
            (
                Subject::List {
                    collection,
                    number: *number,
                },
                others.filter(exists).map(|l| languages.code(l)).collect(),
            )
        }
        Page::Home(_) => (Subject::Home, codes(languages, others)),
        Page::NotFound | Page::LangNotFound(_) => (Subject::NotFound, codes(languages, others)),
        Page::Chooser => (Subject::Chooser, codes(languages, others)),
    };
    let facts = PageFacts {
        lang: code,
        subject,
        canonical,
        folder,
        also_in,
    };
    let share_env = ShareEnv {
        config: b.config,
        site: b.site,
        locales: b.locales,
        images: b.images,
    };
    let (share, read) = meta::page_share(&share_env, &facts);
    let views = env.views_in(lang);
    for j in read {
        reads.view(views, j);
    }
    share
}

/// The codes of `langs`.
fn codes(languages: &Languages, langs: impl Iterator<Item = Lang>) -> Vec<&str> {
    langs.map(|l| languages.code(l)).collect()
}

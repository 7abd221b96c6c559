//! `vestis check` (everything `build` checks, nothing written, plus the translation report)
//! and `vestis translations stamp`.

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::pipeline::{load, render_loaded};
use crate::{BuildOptions, Rendered, translations};

/// What `check` found besides errors.
#[derive(Debug)]
pub struct Checked {
    /// The site as it would be built.
    pub rendered: Rendered,
    /// What each language lacks.
    pub report: translations::TranslationReport,
}

/// Everything `build` checks (the internal links and anchors included), without writing
/// anything, plus the translation report.
pub fn check(options: &BuildOptions) -> Result<Checked, Diagnostics> {
    check_run(options).result
}

/// What [`check_run`] found: the translation report whenever the content loaded (errors in
/// rendering or links do not hide it), and the check's result.
#[derive(Debug)]
pub struct CheckRun {
    /// The translation report; `None` when the content has errors that stop it loading.
    pub report: Option<translations::TranslationReport>,
    /// The checked site, or every problem found.
    pub result: Result<Checked, Diagnostics>,
}

/// Like [`check`], keeping the translation report when the check fails after loading.
pub fn check_run(options: &BuildOptions) -> CheckRun {
    let loaded = match load(options, None) {
        Ok(loaded) => loaded,
        Err(d) => {
            return CheckRun {
                report: None,
                result: Err(d),
            };
        }
    };
    let report =
        translations::TranslationReport::build(&loaded.config, &loaded.locales, &loaded.site);
    let result = render_loaded(loaded, options, None).map(|rendered| Checked {
        rendered,
        report: report.clone(),
    });
    CheckRun {
        report: Some(report),
        result,
    }
}

/// Stamps translations with the hash of their original (see [`translations::stamp`]).
pub fn stamp_translations(
    options: &BuildOptions,
    files: &[PathBuf],
) -> Result<Vec<PathBuf>, Diagnostics> {
    let loaded = load(options, None)?;
    translations::stamp(&loaded.config, &loaded.site, files)
}

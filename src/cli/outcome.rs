//! What a command prints when it ends (files made, warnings, the summary, or every problem
//! found) and the exit status it ends with.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vestis::diagnostics::Diagnostics;
use vestis::scaffold::ScaffoldError;
use vestis::scaffold::new::Created;
use vestis::{CheckRun, Rendered, Report};

pub(crate) fn finish_new(result: Result<Created, ScaffoldError>) -> ExitCode {
    match result {
        Ok(created) => {
            for path in &created.files {
                println!("created {}", path.display());
            }
            for note in &created.notes {
                eprintln!("warning: {note}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_failed(&e),
    }
}

pub(crate) fn finish_init(
    dir: &Path,
    result: Result<Vec<PathBuf>, ScaffoldError>,
    has_base_url: bool,
) -> ExitCode {
    match result {
        Ok(files) => {
            let shown = dir.display();
            println!("created a new site in {shown} ({} files)", files.len());
            if !has_base_url {
                let placeholder = vestis::scaffold::PLACEHOLDER_BASE_URL;
                println!(
                    "note: `base_url` in {shown}/site.yaml is still `{placeholder}`: the site builds, \
                     but `vestis check --strict` fails until you write there the address where the \
                     site will be published (or run `vestis init --base-url https://…`)"
                );
            }
            println!("next: `vestis --root {shown} check`, then `vestis --root {shown} build`");
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_failed(&e),
    }
}

pub(crate) fn scaffold_failed(e: &ScaffoldError) -> ExitCode {
    eprintln!("{}", e.diagnostics);
    ExitCode::from(if e.usage { 2 } else { 1 })
}

pub(crate) fn finish_build(result: Result<Report, Diagnostics>) -> ExitCode {
    match result {
        Ok(report) => {
            print_warnings(&report.rendered.warnings);
            println!(
                "built {} in {} ms → {}",
                page_summary(&report.rendered),
                report.elapsed.as_millis(),
                report.output_dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(&diagnostics),
    }
}

/// Prints the translation report (whenever the content loaded, errors or not), the
/// diagnostics and the summary; every translation finding counts under `--strict`.
pub(crate) fn finish_check(run: CheckRun, strict: bool, only_translations: bool) -> ExitCode {
    let findings = run.report.as_ref().map_or(0, |r| r.findings());
    if let Some(report) = &run.report {
        print!("{report}");
    }
    let s = if findings == 1 { "" } else { "s" };
    let checked = match run.result {
        Ok(checked) => checked,
        Err(diagnostics) if run.report.is_none() => return fail(&diagnostics),
        Err(diagnostics) => {
            eprintln!("{diagnostics}; {findings} translation finding{s}");
            return ExitCode::from(1);
        }
    };
    let mut warnings = 0;
    if !only_translations {
        warnings = checked.rendered.warnings.items().len();
        print_warnings(&checked.rendered.warnings);
        println!(
            "checked {}: {}; {findings} translation finding{s}",
            page_summary(&checked.rendered),
            checked.rendered.warnings.summary(),
        );
    }
    if strict && (warnings > 0 || findings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub(crate) fn finish_stamp(result: Result<Vec<PathBuf>, Diagnostics>) -> ExitCode {
    match result {
        Ok(files) => {
            for f in &files {
                println!("stamped {}", f.display());
            }
            let s = if files.len() == 1 { "" } else { "s" };
            println!("stamped {} translation{s}", files.len());
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(&diagnostics),
    }
}

pub(crate) fn print_warnings(warnings: &Diagnostics) {
    for w in warnings.items() {
        eprintln!("{w}");
    }
}

pub(crate) fn fail(diagnostics: &Diagnostics) -> ExitCode {
    eprintln!("{diagnostics}");
    ExitCode::from(1)
}

/// "142 pages (lv 70, ru 70, other 2)".
pub(crate) fn page_summary(rendered: &Rendered) -> String {
    let total: usize = rendered.pages.iter().map(|(_, n)| n).sum();
    let parts: Vec<String> = rendered
        .pages
        .iter()
        .map(|(lang, n)| {
            if lang.is_empty() {
                format!("other {n}")
            } else {
                format!("{lang} {n}")
            }
        })
        .collect();
    format!("{total} pages ({})", parts.join(", "))
}

//! `vestis deploy`: builds the site in memory (a dry run only renders it), then uploads it to
//! the chosen target and says what was done.

use std::path::Path;
use std::process::ExitCode;

use vestis::BuildOptions;

use super::outcome::{fail, print_warnings};

/// Builds (a dry run only renders), then deploys the output in memory.
pub(crate) fn run_deploy(root: &Path, target: Option<&str>, dry_run: bool, yes: bool) -> ExitCode {
    let options = BuildOptions::new(root);
    let rendered = if dry_run {
        vestis::render_site(&options)
    } else {
        vestis::build_in_memory(&options).map(|report| report.rendered)
    };
    let rendered = match rendered {
        Ok(rendered) => rendered,
        Err(diagnostics) => return fail(&diagnostics),
    };
    print_warnings(&rendered.warnings);
    let chosen = match vestis::deploy::choose_target(&rendered.config.deploy, target) {
        Ok(chosen) => chosen,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::from(if target.is_some() { 2 } else { 1 });
        }
    };
    let deploy_options = vestis::deploy::DeployOptions { dry_run, yes };
    match vestis::deploy::deploy(&rendered.output, chosen, deploy_options) {
        Ok(done) if done.dry_run => {
            println!("dry run, nothing was changed: {}", done.summary);
            if !done.kept.is_empty() {
                println!(
                    "{} on the server that vestis did not make would be kept unless you agree to delete them: {}",
                    vestis::deploy::files(done.kept.len()),
                    vestis::deploy::plan::some_names(&done.kept)
                );
            }
            ExitCode::SUCCESS
        }
        Ok(done) => {
            println!(
                "deployed to {}: uploaded {} ({}), deleted {} in {:.1} s ({})",
                done.target,
                vestis::deploy::files(done.uploaded),
                vestis::deploy::plan::size_text(done.bytes),
                done.deleted,
                done.elapsed.as_secs_f64(),
                done.summary
            );
            if !done.kept.is_empty() {
                println!(
                    "kept {} on the server that vestis did not make: {}",
                    vestis::deploy::files(done.kept.len()),
                    vestis::deploy::plan::some_names(&done.kept)
                );
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(&diagnostics),
    }
}

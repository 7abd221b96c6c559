//! The `vestis` command line: parses arguments, calls the library, prints diagnostics and sets
//! the exit status (0 success, 1 the site has errors, 2 wrong usage).

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vestis::diagnostics::Diagnostics;
use vestis::serve::ServeOptions;
use vestis::{BuildOptions, Rendered, Report};

#[derive(Parser)]
#[command(
    name = "vestis",
    version,
    about = "A static site generator for bilingual civic publicity sites"
)]
struct Cli {
    /// The site's folder (holds site.yaml).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// Include drafts and embargoed records.
        #[arg(long)]
        drafts: bool,
        /// Write the site here instead of site.yaml's `output_dir`.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish under this base URL instead of site.yaml's `base_url`.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Check everything a build checks, without writing anything.
    Check {
        /// Warnings fail the check too.
        #[arg(long)]
        strict: bool,
        /// Include drafts and embargoed records.
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site in memory, serve it locally and rebuild on every change.
    Serve {
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; loopback unless you want other devices to see it.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Include drafts and embargoed records.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of relying on OS notifications (network drives).
        #[arg(long)]
        poll: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            drafts,
            output,
            base_url,
        } => {
            let options = BuildOptions {
                drafts,
                output_dir: output,
                base_url,
                ..BuildOptions::new(&cli.root)
            };
            finish_build(vestis::build(&options))
        }
        Command::Check { strict, drafts } => {
            let options = BuildOptions {
                drafts,
                ..BuildOptions::new(&cli.root)
            };
            finish_check(vestis::check(&options), strict)
        }
        Command::Serve {
            port,
            bind,
            drafts,
            open,
            poll,
        } => {
            let options = ServeOptions {
                root: cli.root,
                bind,
                port,
                drafts,
                open,
                poll,
            };
            match vestis::serve::serve(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn finish_build(result: Result<Report, Diagnostics>) -> ExitCode {
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

fn finish_check(result: Result<Rendered, Diagnostics>, strict: bool) -> ExitCode {
    match result {
        Ok(rendered) => {
            print_warnings(&rendered.warnings);
            println!(
                "checked {}: {}",
                page_summary(&rendered),
                rendered.warnings.summary()
            );
            if strict && !rendered.warnings.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(diagnostics) => fail(&diagnostics),
    }
}

fn print_warnings(warnings: &Diagnostics) {
    for w in warnings.items() {
        eprintln!("{w}");
    }
}

fn fail(diagnostics: &Diagnostics) -> ExitCode {
    eprintln!("{diagnostics}");
    ExitCode::from(1)
}

/// "142 pages (lv 70, ru 70, other 2)".
fn page_summary(rendered: &Rendered) -> String {
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

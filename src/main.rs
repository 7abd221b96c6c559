//! The `vestis` command line: parses arguments, calls the library, prints diagnostics and sets
//! the exit status (0 success, 1 the site has errors, 2 wrong usage).

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vestis::BuildOptions;
use vestis::render::budget::run_watched;
use vestis::scaffold::NewOptions;
use vestis::serve::ServeOptions;

#[path = "cli/deploy.rs"]
mod deploy;
#[path = "cli/outcome.rs"]
mod outcome;

use deploy::run_deploy;
use outcome::{fail, finish_build, finish_check, finish_init, finish_new, finish_stamp};

/// mimalloc instead of the system allocator: the build makes and frees millions of small
/// strings and values from two threads, where glibc's allocator spends up to a fifth of the
/// time (and more as a site grows: its free lists fragment). See README, Performance.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Check everything a build checks, without writing anything, and report translations.
    Check {
        /// Warnings and translation findings fail the check too.
        #[arg(long)]
        strict: bool,
        /// Include drafts and embargoed records.
        #[arg(long)]
        drafts: bool,
        /// Print only the translation report.
        #[arg(long)]
        translations: bool,
        /// Record in translations which original they were made from: the FILES given, or
        /// every translation not stamped yet.
        #[arg(long)]
        stamp: bool,
        /// Translation files to stamp (with --stamp).
        #[arg(requires = "stamp")]
        files: Vec<PathBuf>,
    },
    /// Create a new record's files from its collection's schema (never overwrites).
    New {
        /// The collection (as named in site.yaml).
        collection: String,
        /// The record's id: lowercase letters, digits and `-` (default: made from --title).
        id: Option<String>,
        /// The title in the default language.
        #[arg(long)]
        title: Option<String>,
    },
    /// Write a new bilingual site (theme, locales, sample records) into DIR.
    Init {
        /// A new or empty folder (relative to --root).
        dir: PathBuf,
        /// The address where the site will be published (site.yaml's `base_url`).
        #[arg(long)]
        base_url: Option<String>,
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
        /// Also serve the editor when `--bind` is an address other computers can reach
        /// (anyone on that network who gets the printed link can then change the site).
        #[arg(long)]
        allow_editor_on_network: bool,
    },
    /// Open the editor in the browser: `vestis serve` with drafts shown, opening the
    /// editor's secret link.
    Edit {
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Poll for changes instead of relying on OS notifications (network drives).
        #[arg(long)]
        poll: bool,
    },
    /// Build the site and upload what changed to a target of site.yaml's `deploy:` block.
    Deploy {
        /// The target's name under `deploy: targets:` (default: the first).
        #[arg(long)]
        target: Option<String>,
        /// Say what would be uploaded and deleted, and change nothing (the site is not
        /// written to the output folder either).
        #[arg(long)]
        dry_run: bool,
        /// Answer yes to every question: more deletions than the cap, a new server's
        /// identity, deleting files vestis did not make.
        #[arg(long)]
        yes: bool,
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
            let budget = options.budget.clone();
            finish_build(run_watched(&budget, move || vestis::build(&options)))
        }
        Command::Check {
            strict,
            drafts,
            translations,
            stamp,
            files,
        } => {
            let options = BuildOptions {
                drafts,
                ..BuildOptions::new(&cli.root)
            };
            if stamp {
                return finish_stamp(vestis::stamp_translations(&options, &files));
            }
            let budget = options.budget.clone();
            let run = run_watched(&budget, move || Ok(vestis::check_run(&options)));
            match run {
                Ok(run) => finish_check(run, strict, translations),
                Err(d) => fail(&d),
            }
        }
        Command::New {
            collection,
            id,
            title,
        } => {
            let options = NewOptions {
                root: cli.root,
                collection,
                id,
                title,
            };
            finish_new(vestis::scaffold::new_record(&options))
        }
        Command::Init { dir, base_url } => {
            let dir = if cli.root == Path::new(".") {
                dir
            } else {
                cli.root.join(dir)
            };
            let result = vestis::scaffold::init_with(&dir, base_url.as_deref());
            finish_init(&dir, result, base_url.is_some())
        }
        Command::Serve {
            port,
            bind,
            drafts,
            open,
            poll,
            allow_editor_on_network,
        } => run_serve(&ServeOptions {
            root: cli.root,
            bind,
            port,
            drafts,
            open,
            poll,
            allow_editor_on_network,
            open_editor: false,
        }),
        Command::Edit { port, poll } => run_serve(&ServeOptions {
            root: cli.root,
            bind: IpAddr::from([127, 0, 0, 1]),
            port,
            drafts: true,
            open: false,
            poll,
            allow_editor_on_network: false,
            open_editor: true,
        }),
        Command::Deploy {
            target,
            dry_run,
            yes,
        } => run_deploy(&cli.root, target.as_deref(), dry_run, yes),
    }
}

fn run_serve(options: &ServeOptions) -> ExitCode {
    match vestis::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.diagnostic());
            ExitCode::from(1)
        }
    }
}

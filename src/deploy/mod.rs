//! `vestis deploy`: publishes a built site to a target of site.yaml's `deploy:` block over
//! SFTP, FTPS or FTP, uploading only what changed.
//!
//! The new output (in memory, as the build made it) is compared with the manifest the last
//! deploy left on the server ([`manifest`]); without one, with a listing by name and size.
//! The [`plan`] orders the work so a reader never gets a page whose pictures or stylesheet are
//! missing; `run` carries it out over a few connections; the manifest goes up after the
//! uploads (and after big steps, always describing what is online), before deletions, so an
//! interrupted deploy is simply finished by the next one. Protocols live in
//! `sftp` and `ftp`, the only modules that know an SSH or FTP crate. Never reads
//! `content/`: it sees only the output.

mod ftp;
mod login;
pub mod manifest;
pub mod plan;
pub mod remote;
mod run;
mod sftp;
mod ui;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::deploy::{DeployConfig, DeployTarget, Protocol};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::output::Output;
use login::Access;
use manifest::{FileState, MANIFEST_LIMIT, MANIFEST_NAME, Manifest};
use plan::{Known, LocalFile, Plan, some_names};
use remote::{Remote, RemoteError, TEMP_SUFFIX};
use run::Pool;
pub use ui::Ui;

/// Folders and files a listing of the server looks at, at most (a site has far fewer).
const LISTING_LIMIT: usize = 500_000;

/// What the command line asked for.
#[derive(Debug, Clone, Copy)]
pub struct DeployOptions {
    /// Only say what would be done.
    pub dry_run: bool,
    /// Answer every question yes (deletions over the cap, a new server's identity, files
    /// vestis did not make).
    pub yes: bool,
}

/// What a deploy did (or, in a dry run, would do).
#[derive(Debug, Clone)]
pub struct Deployed {
    /// The target's name.
    pub target: String,
    /// The plan in plain words.
    pub summary: String,
    /// Files uploaded (a dry run: 0).
    pub uploaded: usize,
    /// Bytes uploaded.
    pub bytes: u64,
    /// Files deleted on the server.
    pub deleted: usize,
    /// Files on the server that vestis did not make and left in place.
    pub kept: Vec<String>,
    /// Nothing was changed on the server.
    pub dry_run: bool,
    /// How long it took.
    pub elapsed: Duration,
}

/// The target `name` (default: the first), or why there is none.
pub fn choose_target<'a>(
    config: &'a DeployConfig,
    name: Option<&str>,
) -> Result<&'a DeployTarget, Diagnostic> {
    let site = std::path::Path::new(crate::config::CONFIG_FILE);
    match name {
        None => config.targets.values().next().ok_or_else(|| {
            Diagnostic::error(Some(site), "site.yaml has no `deploy:` block, so vestis does not know where to publish")
                .with_suggestion("add `deploy: { targets: { main: { url: \"sftp://user@example.lv/www/\" } } }` with your host's address")
        }),
        Some(name) => config.targets.get(name).ok_or_else(|| {
            let names: Vec<&str> = config.targets.keys().map(String::as_str).collect();
            let listed = if names.is_empty() { "none".to_string() } else { names.join(", ") };
            Diagnostic::error(Some(site), format!("there is no deploy target `{name}` (site.yaml lists: {listed})"))
                .with_optional_suggestion(did_you_mean(name, names))
        }),
    }
}

/// Publishes `output` to `target`.
pub fn deploy(
    output: &Output,
    target: &DeployTarget,
    options: DeployOptions,
) -> Result<Deployed, Diagnostics> {
    let start = Instant::now();
    let ui = Ui::detect(options.yes);
    let fail = |e: RemoteError| Diagnostics::from(to_diagnostic(target, e));
    if target.protocol == Protocol::Ftp {
        eprint!(
            "{}",
            target
                .declared
                .warning(format!(
                    "target `{}` uses plain FTP: the password and the files travel unencrypted",
                    target.name
                ))
                .with_suggestion("use `ftps://` (or `sftp://`) if the host offers it")
        );
    }
    let local = local_files(output);
    let access = Access::new(target, ui);
    let mut first = connect(&access).map_err(fail)?;
    let known = what_is_there(first.as_mut()).map_err(fail)?;
    let plan = Plan::make(&local, &known);
    let place = format!(
        "{}://{}@{}/{}",
        target.protocol.scheme(),
        target.user,
        target.host,
        target.path.trim_start_matches('/')
    );
    eprintln!("{}: {}", target.name, plan.summary());
    let mut result = Deployed {
        target: target.name.clone(),
        summary: plan.summary(),
        uploaded: 0,
        bytes: 0,
        deleted: 0,
        kept: plan.foreign.clone(),
        dry_run: options.dry_run,
        elapsed: Duration::ZERO,
    };
    if options.dry_run {
        result.elapsed = start.elapsed();
        return Ok(result);
    }
    let mut deletions = plan.deletions.clone();
    // The login folder itself usually holds more than the site (mail, logs): never cleared.
    if !plan.foreign.is_empty() && !target.path.is_empty() {
        let question = format!(
            "{} on the server were not put there by vestis and are not part of the site ({}). Delete them?",
            files(plan.foreign.len()),
            some_names(&plan.foreign)
        );
        if ui.confirm(&question) {
            deletions.extend(plan.foreign.iter().cloned());
            result.kept.clear();
        }
    }
    // Files vestis did not make were just agreed to one by one; the cap guards its own.
    let own = &plan.deletions;
    if own.len() > target.max_deletions && !options.yes {
        return Err(fail(RemoteError::new(
            remote::ErrorKind::Refused,
            format!("this deploy would delete {} on the server ({}), more than the {} allowed without asking; nothing was changed", files(own.len()), some_names(own), target.max_deletions),
        ).help("check the list with `vestis deploy --dry-run`, then run `vestis deploy --yes` to delete them")));
    }
    if plan.is_empty() && !plan.by_listing && deletions.is_empty() {
        result.elapsed = start.elapsed();
        return Ok(result);
    }
    if ui.interactive && !options.yes && !ui.confirm(&format!("Publish to {place}?")) {
        return Err(fail(RemoteError::new(
            remote::ErrorKind::Refused,
            "you answered no: nothing was changed",
        )));
    }
    let mut pool = open_pool(first, &access, plan.uploads.len() + deletions.len());
    run::execute(
        &mut pool,
        &plan,
        &deletions,
        &known,
        ui,
        target,
        &mut result,
    )?;
    result.elapsed = start.elapsed();
    Ok(result)
}

fn connect(access: &Access<'_>) -> Result<Box<dyn Remote>, RemoteError> {
    match access.target.protocol {
        Protocol::Sftp => Ok(Box::new(sftp::connect(access)?)),
        Protocol::Ftps | Protocol::Ftp => ftp::connect(access),
    }
}

/// The first connection plus up to `connections - 1` more (fewer for small deploys).
fn open_pool(first: Box<dyn Remote>, access: &Access<'_>, jobs: usize) -> Pool {
    let wanted = access.target.connections.min(jobs / 16 + 1);
    let mut remotes = vec![first];
    let extra: Vec<Box<dyn Remote>> = (1..wanted)
        .into_par_iter()
        .filter_map(|_| connect(access).ok())
        .collect();
    remotes.extend(extra);
    Pool::new(remotes)
}

/// Every file of the output with its hash (files vestis reserves on the server left out).
fn local_files(output: &Output) -> Vec<LocalFile<'_>> {
    let files: Vec<(&str, &[u8])> = output
        .iter()
        .filter(|(path, _)| *path != MANIFEST_NAME && !path.ends_with(TEMP_SUFFIX))
        .collect();
    files
        .into_par_iter()
        .map(|(path, bytes)| LocalFile {
            path,
            bytes,
            state: FileState::of(bytes),
        })
        .collect()
}

/// The server's manifest, else a listing of the site's folder.
fn what_is_there(remote: &mut dyn Remote) -> Result<Known, RemoteError> {
    match remote.read(MANIFEST_NAME, MANIFEST_LIMIT)? {
        Some(bytes) => match Manifest::parse(&bytes) {
            Ok(manifest) => return Ok(Known::Manifest(manifest)),
            Err(why) => eprintln!(
                "the server's {MANIFEST_NAME} is not vestis's ({why}): comparing files by name and size"
            ),
        },
        None => eprintln!(
            "no {MANIFEST_NAME} on the server (a first deploy, or a site uploaded another way): comparing files by name and size"
        ),
    }
    let (mut files, mut dirs) = (BTreeMap::new(), BTreeSet::new());
    let mut queue = vec![String::new()];
    while let Some(dir) = queue.pop() {
        for entry in remote.list(&dir)? {
            let path = if dir.is_empty() {
                entry.name.clone()
            } else {
                format!("{dir}/{}", entry.name)
            };
            // Hidden files and folders (`.ssh`, `.htaccess`) are never vestis's to judge or
            // delete, except its own temporary files.
            let hidden = entry.name.starts_with('.') && !entry.name.ends_with(TEMP_SUFFIX);
            if hidden
                || crate::output::validate_path(&path).is_err()
                || files.len() + dirs.len() > LISTING_LIMIT
            {
                continue;
            }
            if entry.is_dir {
                dirs.insert(path.clone());
                queue.push(path);
            } else {
                files.insert(path, entry.size);
            }
        }
    }
    Ok(Known::Listing { files, dirs })
}

/// "1 file", "12 files".
pub fn files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}

fn to_diagnostic(target: &DeployTarget, e: RemoteError) -> Diagnostic {
    target
        .declared
        .error(e.message)
        .with_optional_suggestion(e.help)
}

#[cfg(test)]
mod tests;

//! `vestis deploy`: publishes a built site to a target of site.yaml's `deploy:` block over
//! SFTP, FTPS or FTP, uploading only what changed.
//!
//! The new output (in memory, as the build made it) is compared with the manifest the last
//! deploy left on the server ([`manifest`]); without one, with a listing by name and size.
//! The [`plan`] orders the work so a reader never gets a page whose pictures or stylesheet are
//! missing; [`run`] carries it out over a few connections; the manifest goes up last, before
//! deletions, so an interrupted deploy is simply finished by the next one. Protocols live in
//! [`sftp`] and [`ftp`], the only modules that know an SSH or FTP crate. Never reads
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
use plan::{Known, LocalFile, Phase, Plan, size_text, some_names};
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
    execute(
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

/// Folders, uploads by phase, manifest, deletions; stops at the first step that fails.
fn execute(
    pool: &mut Pool,
    plan: &Plan<'_>,
    deletions: &[String],
    known: &Known,
    ui: Ui,
    target: &DeployTarget,
    result: &mut Deployed,
) -> Result<(), Diagnostics> {
    let progress = ui.progress(plan.uploads.len(), plan.upload_bytes());
    let total = plan.uploads.len();
    let stopped = |failures: Vec<RemoteError>, uploaded: usize| {
        progress.finish();
        let mut all = Diagnostics::new();
        let shown = failures.len();
        for e in failures {
            all.push(to_diagnostic(target, e));
        }
        let state = if uploaded == 0 {
            "no file was uploaded, the site online is as it was".to_string()
        } else {
            format!(
                "{uploaded} of {total} files were uploaded and the server's manifest was not updated: the site online may mix old and new pages until the next deploy"
            )
        };
        all.push(target.declared.error(format!(
            "the deploy stopped after {} problem{}: {state}",
            shown, if shown == 1 { "" } else { "s" }
        )).with_suggestion("fix the problem above, then run `vestis deploy` again: it uploads what is still missing"));
        all
    };
    if let (true, Some(first)) = (plan.by_listing, pool.first()) {
        first.mkdir("").map_err(|e| stopped(vec![e], 0))?;
    }
    let mut depth_groups: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for dir in &plan.dirs {
        depth_groups
            .entry(dir.matches('/').count())
            .or_default()
            .push(dir);
    }
    if !plan.dirs.is_empty() {
        progress.step(&format!("making {} folders", plan.dirs.len()));
    }
    for dirs in depth_groups.values() {
        let step = pool.run(dirs, &progress, |r, dir| r.mkdir(dir).map(|()| 0));
        if !step.failures.is_empty() {
            return Err(stopped(step.failures, 0));
        }
    }
    for phase in [Phase::Assets, Phase::Pages, Phase::Feeds] {
        let jobs: Vec<_> = plan.uploads.iter().filter(|u| u.phase == phase).collect();
        if jobs.is_empty() {
            continue;
        }
        let bytes: u64 = jobs.iter().map(|u| u.bytes.len() as u64).sum();
        progress.step(&format!(
            "uploading {}: {} files, {}",
            phase.label(),
            jobs.len(),
            size_text(bytes)
        ));
        let step = pool.run(&jobs, &progress, |r, u| {
            r.put(u.path, u.bytes)?;
            progress.file_done();
            Ok(u.bytes.len() as u64)
        });
        result.uploaded += step.done;
        if !step.failures.is_empty() || (pool.is_empty() && step.done < jobs.len()) {
            return Err(stopped(step.failures, result.uploaded));
        }
    }
    result.bytes = plan.upload_bytes();
    // Deletions still listed: if they are interrupted, the next deploy finds them again.
    let mut manifest = plan.manifest.clone();
    if let Known::Manifest(old) = known {
        for path in deletions {
            if let Some(state) = old.files.get(path) {
                manifest.files.insert(path.clone(), state.clone());
            }
        }
    }
    let put_manifest = |pool: &mut Pool, manifest: &Manifest| -> Result<(), RemoteError> {
        match pool.first() {
            Some(first) => first.put(MANIFEST_NAME, &manifest.to_bytes()),
            None => Err(RemoteError::lost(
                "writing the manifest",
                "no connection left",
            )),
        }
    };
    progress.step("writing the manifest");
    put_manifest(pool, &manifest).map_err(|e| stopped(vec![e], result.uploaded))?;
    if deletions.is_empty() {
        progress.finish();
        return Ok(());
    }
    progress.step(&format!("deleting {}", files(deletions.len())));
    let step = pool.run(deletions, &progress, |r, path| r.remove(path).map(|()| 0));
    result.deleted = step.done;
    if !step.failures.is_empty() {
        return Err(stopped(step.failures, result.uploaded));
    }
    remove_empty_folders(pool, plan, deletions);
    put_manifest(pool, &plan.manifest).map_err(|e| stopped(vec![e], result.uploaded))?;
    progress.finish();
    Ok(())
}

/// Folders left empty by deletions, deepest first (a folder still used is never tried).
fn remove_empty_folders(pool: &mut Pool, plan: &Plan<'_>, deletions: &[String]) {
    let parents = |p: &str| -> Vec<String> {
        let parts: Vec<&str> = p.split('/').collect();
        (1..parts.len()).map(|n| parts[..n].join("/")).collect()
    };
    let used: BTreeSet<String> = plan
        .manifest
        .files
        .keys()
        .flat_map(|p| parents(p))
        .collect();
    let mut empty: Vec<String> = deletions
        .iter()
        .flat_map(|p| parents(p))
        .filter(|d| !used.contains(d))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    empty.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    if let Some(first) = pool.first() {
        for dir in empty {
            first.rmdir(&dir);
        }
    }
}

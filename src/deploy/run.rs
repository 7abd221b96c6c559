//! Carrying out a plan over a few connections at once, step after step (folders, then each
//! [`Phase`], then the manifest, then deletions): a step starts only when
//! the one before it is complete, so the safe order holds with parallel uploads.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::manifest::{MANIFEST_NAME, Manifest};
use super::plan::{Known, Phase, Plan, size_text};
use super::remote::{ErrorKind, Remote, RemoteError};
use super::ui::{Progress, Ui};
use super::{Deployed, files, to_diagnostic};
use crate::config::deploy::DeployTarget;
use crate::diagnostics::Diagnostics;

/// More failures than this in one step stop it (a full disk would fail every file).
const MAX_FAILURES: usize = 20;

/// The open connections; one that lost its connection is dropped.
pub struct Pool {
    remotes: Vec<Box<dyn Remote>>,
}

/// How a step went.
#[derive(Debug, Default)]
pub struct StepResult {
    /// Jobs done.
    pub done: usize,
    /// Failures, in the order they happened.
    pub failures: Vec<RemoteError>,
}

impl Pool {
    /// A pool over connections (the first is the one that read the manifest).
    pub fn new(remotes: Vec<Box<dyn Remote>>) -> Self {
        Pool { remotes }
    }

    /// The first connection, for sequential work.
    pub fn first(&mut self) -> Option<&mut Box<dyn Remote>> {
        self.remotes.first_mut()
    }

    /// Connections still open.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.remotes.len()
    }

    /// Whether every connection was lost.
    pub fn is_empty(&self) -> bool {
        self.remotes.is_empty()
    }

    /// Runs `work` on every job, spread over the connections; `work` returns the bytes done
    /// (for the progress bar). A connection that drops stops; the others carry on.
    pub fn run<J, F>(&mut self, jobs: &[J], progress: &Progress, work: F) -> StepResult
    where
        J: Sync,
        F: Fn(&mut dyn Remote, &J) -> Result<u64, RemoteError> + Sync,
    {
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let failures = Mutex::new(Vec::new());
        let mut alive = vec![true; self.remotes.len()];
        std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .remotes
                .iter_mut()
                .map(|remote| {
                    let (next, done, stop, failures, work) =
                        (&next, &done, &stop, &failures, &work);
                    scope.spawn(move || {
                        while !stop.load(Ordering::Relaxed) {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(job) = jobs.get(i) else {
                                return true;
                            };
                            match work(remote.as_mut(), job) {
                                Ok(bytes) => {
                                    done.fetch_add(1, Ordering::Relaxed);
                                    progress.advance(bytes);
                                }
                                Err(e) => {
                                    let lost = e.kind == ErrorKind::Connection;
                                    let mut all =
                                        failures.lock().unwrap_or_else(|e| e.into_inner());
                                    all.push(e);
                                    if all.len() >= MAX_FAILURES {
                                        stop.store(true, Ordering::Relaxed);
                                    }
                                    if lost {
                                        return false;
                                    }
                                }
                            }
                        }
                        true
                    })
                })
                .collect();
            for (i, handle) in handles.into_iter().enumerate() {
                alive[i] = handle.join().unwrap_or(false);
            }
        });
        let mut keep = alive.into_iter();
        self.remotes.retain(|_| keep.next().unwrap_or(false));
        StepResult {
            done: done.into_inner(),
            failures: failures.into_inner().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

/// A step uploading more than this writes a manifest right after it (see `execute`).
const PARTIAL_BYTES: u64 = 5_000_000;
/// The same in files.
const PARTIAL_FILES: usize = 500;
/// Folders, uploads by phase, manifest, deletions; stops at the first step that fails.
pub fn execute(
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
    let put_manifest = |pool: &mut Pool, manifest: &Manifest| -> Result<(), RemoteError> {
        match pool.first() {
            Some(first) => first.put(MANIFEST_NAME, &manifest.to_bytes()),
            None => Err(RemoteError::lost(
                "writing the manifest",
                "no connection left",
            )),
        }
    };
    // Without a manifest (a first deploy) none is written early: the next run must still
    // list the server to find files vestis did not make.
    let mut online = match known {
        Known::Manifest(old) => Some(old.clone()),
        Known::Listing { .. } => None,
    };
    for phase in [Phase::Assets, Phase::Pages, Phase::Feeds] {
        let jobs: Vec<_> = plan.uploads.iter().filter(|u| u.phase == phase).collect();
        if jobs.is_empty() {
            continue;
        }
        let bytes: u64 = jobs.iter().map(|u| u.bytes.len() as u64).sum();
        progress.step(&format!(
            "uploading {}: {}, {}",
            phase.label(),
            files(jobs.len()),
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
        // After a big step, a manifest that is still true (these files new, the rest as
        // before) lets an interrupted deploy resume after it instead of redoing it.
        if let Some(online) = online.as_mut() {
            for u in &jobs {
                if let Some(state) = plan.manifest.files.get(u.path) {
                    online.files.insert(u.path.to_string(), state.clone());
                }
            }
            if phase != Phase::Feeds && (bytes > PARTIAL_BYTES || jobs.len() > PARTIAL_FILES) {
                put_manifest(pool, online).map_err(|e| stopped(vec![e], result.uploaded))?;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::remote::Entry;

    /// A server in memory that drops its connection after `budget` uploads. Its first upload
    /// waits at `gate` (if any) until every connection holds a job, so a test does not depend
    /// on which thread starts first.
    struct Fake {
        budget: usize,
        put: std::sync::Arc<Mutex<Vec<String>>>,
        gate: Option<std::sync::Arc<std::sync::Barrier>>,
    }

    impl Remote for Fake {
        fn read(&mut self, _: &str, _: u64) -> Result<Option<Vec<u8>>, RemoteError> {
            Ok(None)
        }
        fn put(&mut self, path: &str, _: &[u8]) -> Result<(), RemoteError> {
            if let Some(gate) = self.gate.take() {
                gate.wait();
            }
            if self.budget == 0 {
                return Err(RemoteError::lost("uploading", "test"));
            }
            self.budget -= 1;
            self.put.lock().unwrap().push(path.to_string());
            Ok(())
        }
        fn mkdir(&mut self, _: &str) -> Result<(), RemoteError> {
            Ok(())
        }
        fn remove(&mut self, _: &str) -> Result<(), RemoteError> {
            Ok(())
        }
        fn rmdir(&mut self, _: &str) -> bool {
            true
        }
        fn list(&mut self, _: &str) -> Result<Vec<Entry>, RemoteError> {
            Ok(Vec::new())
        }
    }

    #[test]
    fn a_lost_connection_leaves_its_work_to_the_others() {
        let put = std::sync::Arc::new(Mutex::new(Vec::new()));
        let gate = std::sync::Arc::new(std::sync::Barrier::new(2));
        let fake = |budget| -> Box<dyn Remote> {
            Box::new(Fake {
                budget,
                put: put.clone(),
                gate: Some(gate.clone()),
            })
        };
        // The first connection is lost at its first upload, while the second holds a job.
        let mut pool = Pool::new(vec![fake(0), fake(100)]);
        let jobs: Vec<String> = (0..10).map(|i| format!("f{i}")).collect();
        let progress = Progress::none();
        let result = pool.run(&jobs, &progress, |r, path| r.put(path, b"x").map(|()| 1));
        assert_eq!(result.failures.len(), 1);
        assert_eq!(result.done, 9);
        assert_eq!(pool.len(), 1);
        assert_eq!(put.lock().unwrap().len(), 9);
    }
}

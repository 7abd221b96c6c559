//! Carrying out a plan over a few connections at once, step after step (folders, then each
//! [`Phase`](super::plan::Phase), then the manifest, then deletions): a step starts only when
//! the one before it is complete, so the safe order holds with parallel uploads.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::remote::{ErrorKind, Remote, RemoteError};
use super::ui::Progress;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::remote::Entry;

    /// A server in memory that drops its connection after `budget` uploads.
    struct Fake {
        budget: usize,
        put: std::sync::Arc<Mutex<Vec<String>>>,
    }

    impl Remote for Fake {
        fn read(&mut self, _: &str, _: u64) -> Result<Option<Vec<u8>>, RemoteError> {
            Ok(None)
        }
        fn put(&mut self, path: &str, _: &[u8]) -> Result<(), RemoteError> {
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
        let fake = |budget| -> Box<dyn Remote> {
            Box::new(Fake {
                budget,
                put: put.clone(),
            })
        };
        let mut pool = Pool::new(vec![fake(2), fake(100)]);
        let jobs: Vec<String> = (0..10).map(|i| format!("f{i}")).collect();
        let progress = Progress::none();
        let result = pool.run(&jobs, &progress, |r, path| r.put(path, b"x").map(|()| 1));
        assert_eq!(result.failures.len(), 1);
        assert_eq!(result.done, 9);
        assert_eq!(pool.len(), 1);
        assert_eq!(put.lock().unwrap().len(), 9);
    }
}

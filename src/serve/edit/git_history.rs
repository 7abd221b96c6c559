//! The stamped original from git history, for the word diff of a stale translation.
//!
//! When a translation was stamped outside the editor (`vestis check --stamp`, or by hand),
//! `.vestis/stamps/` has no copy of the original's text at stamping time. If the site is a
//! git repository, that text is usually in its history: the newest committed version of the
//! original whose content hash is the translation's `translation_of`. This module asks the
//! `git` program (when installed) for the last [`MAX_REVISIONS`] versions of the file, each
//! call bounded in time ([`TIMEOUT`]) and in size; anything unexpected means "not found".

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How far back the history is searched.
pub(crate) const MAX_REVISIONS: usize = 100;
/// How long one `git` call may take.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(5);
/// The most output read from one `git` call.
const OUTPUT_LIMIT: u64 = 4 * 1024 * 1024;

/// The text of `file` (relative to the site `root`) in the newest commit where its
/// [`crate::content::content_hash`] is `hash`, if the site is a git repository that has it.
pub(crate) fn original_with_hash(root: &Path, file: &Path, hash: &str) -> Option<String> {
    let rel = file.to_str()?;
    let revisions = git(
        root,
        &[
            "log",
            &format!("--max-count={MAX_REVISIONS}"),
            "--format=%H",
            "--",
            rel,
        ],
    )?;
    let deadline = Instant::now() + TIMEOUT * 4;
    for rev in revisions.lines().map(str::trim).filter(|r| is_revision(r)) {
        if Instant::now() > deadline {
            return None;
        }
        let Some(text) = git(root, &["show", &format!("{rev}:./{rel}")]) else {
            continue;
        };
        if crate::content::content_hash(&text) == hash {
            return Some(text);
        }
    }
    None
}

fn is_revision(s: &str) -> bool {
    (7..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Runs `git args…` in `root`; its standard output when it succeeds within the time limit.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.take(OUTPUT_LIMIT).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < TIMEOUT => {
                std::thread::sleep(Duration::from_millis(10))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let bytes = reader.join().ok()??;
    status.success().then(|| String::from_utf8(bytes).ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) -> bool {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn the_stamped_version_is_found_in_history() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        if !run(root, &["init", "-q"]) {
            eprintln!("no git here: skipped");
            return;
        }
        let file = Path::new("content/press/x.lv.md");
        std::fs::create_dir_all(root.join("content/press")).unwrap();
        let old = "---\ntitle: Vecais\n---\nSestdien, 21. februārī.\n";
        std::fs::write(root.join(file), old).unwrap();
        assert!(run(root, &["add", "."]) && run(root, &["commit", "-qm", "one"]));
        std::fs::write(root.join(file), "---\ntitle: Jaunais\n---\nSvētdien.\n").unwrap();
        assert!(run(root, &["commit", "-qam", "two"]));
        let hash = crate::content::content_hash(old);
        assert_eq!(original_with_hash(root, file, &hash).as_deref(), Some(old));
        assert_eq!(original_with_hash(root, file, "0000000000000000"), None);
        // Not a repository: nothing, quickly.
        let plain = tempfile::tempdir().unwrap();
        assert_eq!(original_with_hash(plain.path(), file, &hash), None);
    }
}

//! The output folder as a user meets it when things go wrong: a build killed at any moment
//! leaves a complete `public/`, and a base URL with a line break never reaches robots.txt.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::temp_copy;

fn vestis() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vestis"))
}

/// Runs `vestis build` on `root`; panics unless it succeeds.
fn build(root: &Path) {
    let out = vestis()
        .arg("build")
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The number of files under `dir` (0 when it is missing).
fn file_count(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .count()
}

/// Kills builds at spread-out moments, the swap of the output among them, and checks after
/// each kill that `public/` is there, marked and complete. With two renames a kill between
/// them would leave no `public/`; the atomic exchange leaves no such moment.
#[cfg(any(target_os = "linux", target_vendor = "apple"))]
#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_output() {
    let site = temp_copy("sites", "full");
    let public = site.path().join("public");
    build(site.path());
    let complete = file_count(&public);
    let start = Instant::now();
    build(site.path());
    let one_build = start.elapsed().max(Duration::from_millis(5));
    // A small generator seeded by the clock: each run of the test tries other moments.
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    let mut kills = 0;
    for _ in 0..30 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = one_build.mul_f64((seed % 1000) as f64 / 1000.0 * 1.2);
        let mut child = vestis()
            .arg("build")
            .arg("--root")
            .arg(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            kills += 1;
            child.kill().unwrap();
        }
        child.wait().unwrap();
        assert!(
            public.join(".vestis-output").is_file(),
            "no marked public/ after a kill {delay:?} into a build"
        );
        assert_eq!(file_count(&public), complete, "after {delay:?}");
    }
    // The next build cleans up whatever the killed ones left beside the output.
    build(site.path());
    build(site.path());
    let beside: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("vestis-new"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    assert!(kills > 0, "no build was killed");
}

#[test]
fn a_base_url_override_with_a_line_break_is_refused() {
    let site = temp_copy("sites", "full");
    let out = vestis()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .args(["--base-url", "https://example.org\nDisallow: /"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--base-url: the address contains a line break"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_base_url_written_as_a_block_is_a_located_error() {
    let site = temp_copy("sites", "full");
    let yaml_path = site.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let line = yaml
        .lines()
        .find(|l| l.starts_with("base_url:"))
        .unwrap()
        .to_string();
    let url = line["base_url:".len()..].trim().trim_matches('"');
    std::fs::write(
        &yaml_path,
        yaml.replace(&line, &format!("base_url: |\n  {url}")),
    )
    .unwrap();
    let out = vestis()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("site.yaml:") && stderr.contains("`base_url` contains a line break"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
}

/// A small tmpfs mounted for one test, unmounted when dropped (the test runs as root: the
/// machine of `scripts/test` is a fresh Debian machine set up by root).
#[cfg(target_os = "linux")]
struct SmallDisk {
    dir: tempfile::TempDir,
}

#[cfg(target_os = "linux")]
impl SmallDisk {
    fn mount(inodes: usize) -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size=8m,nr_inodes={inodes}")])
            .arg("tmpfs")
            .arg(dir.path())
            .status()
            .expect("`mount` runs");
        assert!(
            status.success(),
            "this test mounts a small tmpfs to fill it up, which needs root"
        );
        SmallDisk { dir }
    }

    /// Lets the disk hold only `inodes` files and folders in all.
    fn shrink(&self, inodes: usize) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,nr_inodes={inodes}")])
            .arg(self.dir.path())
            .status()
            .unwrap();
        assert!(status.success(), "remounting the small tmpfs failed");
    }
}

#[cfg(target_os = "linux")]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// A disk that fills up during a build gives a few errors and one that counts the rest, not
/// one per file; the previous output stays complete and the new folder is removed.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_explained_error_and_the_old_output_stays() {
    let site = temp_copy("sites", "full");
    let disk = SmallDisk::mount(1000);
    let public = disk.dir.path().join("public");
    let build_into = || {
        vestis()
            .arg("build")
            .arg("--root")
            .arg(site.path())
            .arg("--output")
            .arg(&public)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let first = build_into();
    assert!(first.status.success(), "{first:?}");
    let complete = file_count(&public);
    let used = walkdir::WalkDir::new(disk.dir.path()).into_iter().count();
    assert!(complete > 40, "the fixture's output has {complete} files");
    disk.shrink(used + 8);

    let out = build_into();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors = stderr.lines().filter(|l| l.starts_with("error:")).count();
    assert!(errors <= 6, "{errors} errors:\n{stderr}");
    assert!(
        stderr.contains("more files were not written: the disk that holds")
            && stderr.contains("free some space on that disk, then build again"),
        "{stderr}"
    );
    assert!(!stderr.contains("already full"), "{stderr}");
    assert_eq!(file_count(&public), complete, "the old output changed");
    let left: Vec<_> = std::fs::read_dir(disk.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("public")], "{left:?}");
}

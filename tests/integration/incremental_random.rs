//! The randomized differential test of rebuilds: from a seed, a long sequence of random edits
//! (titles, bodies, dates, slugs, references, new, deleted and renamed records, drafts,
//! embargoes and the clock, templates, messages, static files, `site.yaml`, broken edits and
//! their fixes) is applied to a copy of a fixture site and told to the rebuild the way
//! `vestis serve` tells it (the changed paths, as its watcher reports them). After each edit the
//! rebuilt site must equal a fresh build's, every file byte for byte, warnings included; when
//! the fresh build fails, the rebuild must fail with the same diagnostics.
//!
//! `cargo test` runs a fixed seed and a random one. A failure prints the seed and every edit
//! made; `VESTIS_SEED=<n>` reruns that seed alone, `VESTIS_EDITS=<n>` sets the number of edits.

use crate::common;
mod edits;

use std::path::{Path, PathBuf};

use vestis::content::Changes;
use vestis::diagnostics::Diagnostics;
use vestis::{BuildOptions, Cache, Rendered};

/// The number of edits per seed unless `VESTIS_EDITS` says otherwise.
const EDITS: usize = 200;

/// The seed `cargo test` always runs.
const FIXED_SEED: u64 = 13;

/// The one piece of this test that knows how `serve` rebuilds (see `src/serve/build.rs`): a
/// cache kept between rebuilds, and each rebuild told which paths changed. When the rebuild's
/// machinery changes, this is what follows it.
struct Server {
    cache: Cache,
}

impl Server {
    /// The first build, before the site is served (nothing is known to have changed).
    fn start(options: &BuildOptions) -> (Self, Result<Rendered, Diagnostics>) {
        let mut cache = Cache::new();
        let first = vestis::render_site_changed(options, &mut cache, Changes::unknown());
        (Server { cache }, first)
    }

    /// A rebuild after the watcher reported `changed` (absolute paths); `None`: the watcher
    /// cannot say what changed (its errors, a rescan), so every file is looked at.
    fn rebuild(
        &mut self,
        options: &BuildOptions,
        changed: Option<&[PathBuf]>,
    ) -> Result<Rendered, Diagnostics> {
        let changes = changed.map_or_else(Changes::unknown, |c| Changes::paths(c.iter().cloned()));
        vestis::render_site_changed(options, &mut self.cache, changes)
    }
}

/// A tiny PRNG (xorshift64*, seeded through splitmix64): the same seed gives the same edits.
mod rng {
    pub struct Rng(u64);

    impl Rng {
        pub fn new(seed: u64) -> Self {
            let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            Rng((z ^ (z >> 31)) | 1)
        }

        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        /// A number in `0..n` (`n` > 0).
        pub fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }

        /// True `percent` times in a hundred.
        pub fn chance(&mut self, percent: usize) -> bool {
            self.below(100) < percent
        }

        pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
            (!items.is_empty()).then(|| &items[self.below(items.len())])
        }
    }
}

/// The options `serve` builds with (serve mode, a local base URL), at the clock `now`.
fn serve_options(root: &Path, now: jiff::Timestamp, drafts: bool) -> BuildOptions {
    BuildOptions {
        drafts,
        serve_mode: true,
        base_url: Some("http://127.0.0.1:1111".into()),
        now: Some(now),
        ..BuildOptions::new(root)
    }
}

/// Why `rebuilt` differs from `fresh`, if it does.
fn difference(
    rebuilt: &Result<Rendered, Diagnostics>,
    fresh: &Result<Rendered, Diagnostics>,
) -> Option<String> {
    let (rebuilt, fresh) = match (rebuilt, fresh) {
        (Ok(r), Ok(f)) => (r, f),
        (Err(r), Err(f)) if r == f => return None,
        (Err(r), Err(f)) => {
            return Some(format!(
                "different errors:\nrebuild:\n{r}\nfresh build:\n{f}"
            ));
        }
        (Err(r), Ok(_)) => {
            return Some(format!("the rebuild failed, the fresh build did not:\n{r}"));
        }
        (Ok(_), Err(f)) => {
            return Some(format!("the fresh build failed, the rebuild did not:\n{f}"));
        }
    };
    let (a, b): (Vec<&str>, Vec<&str>) = (
        rebuilt.output.paths().collect(),
        fresh.output.paths().collect(),
    );
    if a != b {
        let only_rebuilt: Vec<_> = a.iter().filter(|p| !b.contains(p)).collect();
        let only_fresh: Vec<_> = b.iter().filter(|p| !a.contains(p)).collect();
        return Some(format!(
            "different files: only in the rebuild {only_rebuilt:?}, only in the fresh build {only_fresh:?}"
        ));
    }
    for path in a {
        let (x, y) = (rebuilt.output.get(path), fresh.output.get(path));
        if x != y {
            return Some(format!("{path} differs: {}", first_difference(x, y)));
        }
    }
    if rebuilt.warnings != fresh.warnings {
        return Some(format!(
            "different warnings:\nrebuild:\n{}\nfresh build:\n{}",
            rebuilt.warnings, fresh.warnings
        ));
    }
    None
}

/// The first line where two versions of a file differ (or that one of them could not be made).
fn first_difference(rebuilt: Option<&[u8]>, fresh: Option<&[u8]>) -> String {
    let (Some(rebuilt), Some(fresh)) = (rebuilt, fresh) else {
        return format!(
            "made by the rebuild: {}, by the fresh build: {}",
            rebuilt.is_some(),
            fresh.is_some()
        );
    };
    let (a, b) = (
        String::from_utf8_lossy(rebuilt),
        String::from_utf8_lossy(fresh),
    );
    let (mut a_lines, mut b_lines) = (a.lines(), b.lines());
    for line in 1.. {
        let (x, y) = (a_lines.next(), b_lines.next());
        if x != y {
            let cut = |l: Option<&str>| l.map(|l| l.chars().take(600).collect::<String>());
            return format!(
                "line {line}\nrebuild:     {:?}\nfresh build: {:?}",
                cut(x),
                cut(y)
            );
        }
        if x.is_none() {
            break;
        }
    }
    "the same lines, different line ends".into()
}

/// Runs `count` random edits from `seed`, comparing each rebuild with a fresh build.
fn run(seed: u64, count: usize) {
    eprintln!("incremental_random: seed {seed}, {count} edits (rerun with VESTIS_SEED={seed})");
    let dir = common::temp_copy("sites", "full");
    let root = dir.path();
    let start: jiff::Timestamp = "2020-01-01T00:00:00Z".parse().unwrap();
    let mut site = edits::Site::new(root, start);
    let mut rng = rng::Rng::new(seed);
    let mut log: Vec<String> = vec!["   0. the first build".into()];
    // One seed in four serves with `--drafts`.
    let drafts = seed % 4 == 3;
    let options = serve_options(root, site.now, drafts);
    let (mut server, first) = Server::start(&options);
    let mut failed = 0;
    let mut outcome = first;
    for step in 0..=count {
        if step > 0 {
            let mut changed: Vec<PathBuf> = Vec::new();
            // Sometimes two edits come in one batch (saved within the watcher's debounce).
            let batch = if rng.chance(15) { 2 } else { 1 };
            for _ in 0..batch {
                let edit = site.edit(&mut rng);
                log.push(format!("{step:4}. {}", edit.what));
                changed.extend(edit.changed.iter().map(|p| root.join(p)));
            }
            let told = !rng.chance(3);
            if !told {
                log.push(format!("{step:4}. (the watcher cannot say what changed)"));
            }
            let options = serve_options(root, site.now, drafts);
            outcome = server.rebuild(&options, told.then_some(&changed[..]));
        }
        let fresh = vestis::render_site(&serve_options(root, site.now, drafts));
        if let Some(why) = difference(&outcome, &fresh) {
            panic!(
                "seed {seed} (rerun: VESTIS_SEED={seed} VESTIS_EDITS={count}): after rebuild {step}, \
                 the rebuild differs from a fresh build: {why}\n\nthe edits (by rebuild):\n{}",
                log.join("\n")
            );
        }
        failed += usize::from(fresh.is_err());
        site.built(fresh.is_ok());
    }
    eprintln!(
        "incremental_random: seed {seed}: {failed} of {count} builds failed (as the fresh builds did); edits made: {:?}",
        site.made
    );
    if std::env::var_os("VESTIS_SHOW_EDITS").is_some() {
        log.iter().for_each(|e| eprintln!("{e}"));
    }
    if count >= EDITS {
        assert_eq!(
            site.made.len(),
            edits::KINDS,
            "every kind of edit was made: {:?}",
            site.made
        );
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

fn edits() -> usize {
    env_number("VESTIS_EDITS").map_or(EDITS, |n| n as usize)
}

#[test]
fn random_edits_from_the_fixed_seed_rebuild_like_fresh_builds() {
    match env_number("VESTIS_SEED") {
        Some(seed) => run(seed, edits()),
        None => run(FIXED_SEED, edits()),
    }
}

#[test]
fn random_edits_from_a_new_seed_rebuild_like_fresh_builds() {
    if env_number("VESTIS_SEED").is_some() {
        return; // the other test runs the seed asked for
    }
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    run(seed, edits());
}

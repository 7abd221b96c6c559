//! Edit-to-served latency of `vestis serve`: how long after a record's text is saved its new
//! title is served on the record's page, on the list page that shows it and on the page of the
//! town it refers to — compared with a full `vestis build` of the same site.
//!
//! ```text
//! cargo run --release --example corpus -- --records 10000 --out /dev/shm/c10k
//! cargo run --release --example edit_latency -- --site /dev/shm/c10k \
//!     --vestis target/release/vestis --record event-05000 --rounds 5
//! ```
//!
//! The site must be a corpus site (records `content/events/<id>.lv.md` with a `title:` line and
//! `<id>.yaml` with `town:`). The record's text is restored at the end.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;

#[path = "shared/edit.rs"]
mod edit;

use edit::replace_title;

#[derive(Parser)]
#[command(about = "Measure vestis serve's edit-to-served time on a corpus site")]
struct Args {
    /// The corpus site (made by `--example corpus`).
    #[arg(long)]
    site: PathBuf,
    /// The vestis binary.
    #[arg(long, default_value = "target/release/vestis")]
    vestis: PathBuf,
    /// The event record to edit.
    #[arg(long, default_value = "event-05000")]
    record: String,
    /// How many edits to time.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// How many full builds to time (into a temporary folder).
    #[arg(long, default_value_t = 3)]
    builds: usize,
}

/// Kills the server when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let text_path = args
        .site
        .join(format!("content/events/{}.lv.md", args.record));
    let original = std::fs::read_to_string(&text_path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", text_path.display()))?;
    let yaml = std::fs::read_to_string(
        args.site
            .join(format!("content/events/{}.yaml", args.record)),
    )?;
    let town = yaml
        .lines()
        .find_map(|l| l.strip_prefix("town:"))
        .map(|t| t.trim().to_string())
        .ok_or_else(|| anyhow::anyhow!("the record has no `town:`"))?;

    let builds = full_builds(&args)?;
    let (server, base) = start_server(&args)?;
    let agent = ureq::Agent::new_with_defaults();
    let get = |path: &str| -> String {
        agent
            .get(format!("{base}{path}"))
            .call()
            .ok()
            .and_then(|mut r| r.body_mut().read_to_string().ok())
            .unwrap_or_default()
    };
    let record_page = format!("/lv/pasakumi/{}/", args.record);
    let town_page = format!("/lv/pilsetas/{town}/");
    let list_page = find_list_page(&get, &record_page)
        .ok_or_else(|| anyhow::anyhow!("no list page links to {record_page}"))?;
    println!("record page {record_page}, list page {list_page}, town page {town_page}");

    let mut rows = Vec::new();
    for round in 1..=args.rounds {
        let marker = format!("Labots virsraksts {round}-{}", std::process::id());
        let edited = replace_title(&original, &marker)?;
        std::thread::sleep(Duration::from_millis(300));
        let saved = Instant::now();
        std::fs::write(&text_path, &edited)?;
        let mut times: [Option<Duration>; 3] = [None; 3];
        let pages = [&record_page, &list_page, &town_page];
        while times.iter().any(Option::is_none) {
            if saved.elapsed() > Duration::from_secs(60) {
                anyhow::bail!("round {round}: the edit was not served within 60 s");
            }
            for (slot, page) in times.iter_mut().zip(pages) {
                if slot.is_none() && get(page).contains(&marker) {
                    *slot = Some(saved.elapsed());
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let ms = times.map(|t| t.unwrap_or_default().as_secs_f64() * 1000.0);
        println!(
            "round {round}: record page {:.0} ms, list page {:.0} ms, town page {:.0} ms",
            ms[0], ms[1], ms[2]
        );
        rows.push(ms[0].max(ms[1]).max(ms[2]));
    }
    std::fs::write(&text_path, &original)?;
    drop(server);

    let served = median(&mut rows);
    let build = median(&mut builds.clone());
    println!(
        "edit-to-served (all three pages) median {served:.0} ms over {} edits; full build median {build:.0} ms over {} builds; ratio {:.3} (goal <= 0.10)",
        rows.len(),
        builds.len(),
        served / build
    );
    println!("result served_ms={served:.1} build_ms={build:.1}");
    Ok(())
}

/// Times `vestis build` into a temporary folder beside the site, `args.builds` times (ms).
fn full_builds(args: &Args) -> anyhow::Result<Vec<f64>> {
    let out = args.site.with_extension("latency-out");
    let mut times = Vec::new();
    for _ in 0..args.builds {
        let start = Instant::now();
        let status = Command::new(&args.vestis)
            .args(["build", "--root"])
            .arg(&args.site)
            .arg("--output")
            .arg(&out)
            .stdout(Stdio::null())
            .status()?;
        anyhow::ensure!(status.success(), "vestis build failed");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let _ = std::fs::remove_dir_all(&out);
    // The last build leaves the previous output beside it (`.<name>.vestis-old-<pid>`).
    let old = format!(
        ".{}.vestis-old-",
        out.file_name().unwrap_or_default().to_string_lossy()
    );
    for entry in std::fs::read_dir(out.parent().unwrap_or(Path::new(".")))?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&old) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    println!("full builds: {}", format_ms(&times));
    Ok(times)
}

/// Starts `vestis serve --port 0` and waits for its first build: `(server, http://127.0.0.1:P)`.
fn start_server(args: &Args) -> anyhow::Result<(Server, String)> {
    let mut child = Command::new(&args.vestis)
        .args(["serve", "--port", "0", "--root"])
        .arg(&args.site)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let stdout = child.stdout.take().expect("piped");
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines
            .next()
            .ok_or_else(|| anyhow::anyhow!("vestis serve stopped"))??;
        if let Some(url) = line.strip_prefix("serving ") {
            break url.trim_end_matches('/').to_string();
        }
    };
    // Echo the server's rebuild lines (they carry its own rebuild times).
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            println!("  serve: {line}");
        }
    });
    Ok((server, base))
}

/// The list page (`/lv/pasakumi/` or `/lv/pasakumi/page/N/`) that links to `record_page`,
/// tried in order until one is missing (a 100,000-record corpus has 5,000).
fn find_list_page(get: &dyn Fn(&str) -> String, record_page: &str) -> Option<String> {
    let link = format!("href=\"{record_page}\"");
    (1..=100_000).find_map(|n| {
        let page = if n == 1 {
            "/lv/pasakumi/".to_string()
        } else {
            format!("/lv/pasakumi/page/{n}/")
        };
        let html = get(&page);
        if html.is_empty() {
            return Some(None);
        }
        html.contains(&link).then_some(Some(page))
    })?
}

/// The median (NaN when nothing was measured, e.g. `--builds 0`).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn format_ms(values: &[f64]) -> String {
    let parts: Vec<String> = values.iter().map(|v| format!("{v:.0} ms")).collect();
    parts.join(", ")
}

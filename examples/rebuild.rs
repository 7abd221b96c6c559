//! In-process rebuild timing (no server, no debounce): what `vestis serve` computes after one
//! record's title is saved, on a corpus site. Useful with `VESTIS_TIMINGS=1` to see each phase.
//!
//! ```text
//! cargo run --release --example rebuild -- --site /dev/shm/c10k --rounds 7
//! ```

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;

#[path = "shared/edit.rs"]
mod edit;

#[derive(Parser)]
#[command(about = "Time memoised rebuilds after a one-record edit")]
struct Args {
    /// The corpus site (made by `--example corpus`).
    #[arg(long)]
    site: PathBuf,
    /// The event record to edit.
    #[arg(long, default_value = "event-05000")]
    record: String,
    /// How many edits to time.
    #[arg(long, default_value_t = 7)]
    rounds: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let text = args
        .site
        .join(format!("content/events/{}.lv.md", args.record));
    let original = std::fs::read_to_string(&text)?;
    let options = vestis::BuildOptions {
        serve_mode: true,
        base_url: Some("http://127.0.0.1:1111".into()),
        ..vestis::BuildOptions::new(&args.site)
    };
    let mut cache = vestis::Cache::new();
    let start = Instant::now();
    let first =
        vestis::render_site_cached(&options, &mut cache).map_err(|d| anyhow::anyhow!("{d}"))?;
    println!(
        "first build: {} files in {:.0} ms",
        first.output.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    drop(first);
    let mut times = Vec::new();
    for round in 1..=args.rounds {
        let edited = edit::replace_title(&original, &format!("Labots {round}"))?;
        edit::save_later(&text, &edited, round)?;
        let start = Instant::now();
        let rendered =
            vestis::render_site_cached(&options, &mut cache).map_err(|d| anyhow::anyhow!("{d}"))?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "round {round}: {ms:.1} ms ({} records read, {} pages rendered, {} reused)",
            rendered.stats.records_read, rendered.stats.pages_rendered, rendered.stats.pages_reused
        );
        times.push(ms);
    }
    std::fs::write(&text, &original)?;
    times.sort_by(f64::total_cmp);
    println!(
        "rebuild after a one-record edit: min {:.1} ms, median {:.1} ms over {} rounds",
        times[0],
        times[times.len() / 2],
        times.len()
    );
    Ok(())
}

//! Time of the load stage (config → content → `Site`) of a rebuild after one record's text
//! changed, as `vestis serve` does it (told by its watcher which file changed), compared with
//! a load without a cache. `--stat` leaves the hint out: every file's metadata is looked at.
//!
//! ```text
//! cargo run --release --example corpus -- --records 10000 --out /dev/shm/c10k
//! cargo run --release --example load_latency -- --site /dev/shm/c10k --rounds 5
//! ```
//!
//! The site must be a corpus site (records `content/events/<id>.lv.md` with a `title:` line).
//! The record's text is restored at the end. `VESTIS_TIMINGS=1` adds the phase timings.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;

#[path = "shared/edit.rs"]
mod edit;

use edit::{replace_title, save_later as save};
use vestis::config::Config;
use vestis::content::{Changes, LoadOptions, RecordCache, Site};
use vestis::i18n::Locales;

#[derive(Parser)]
#[command(about = "Measure the load stage of a rebuild on a corpus site")]
struct Args {
    /// The corpus site (made by `--example corpus`).
    #[arg(long)]
    site: PathBuf,
    /// The event record to edit.
    #[arg(long, default_value = "event-05000")]
    record: String,
    /// How many edits to time.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Do not tell the cache which file changed (as `render_site_cached`).
    #[arg(long)]
    stat: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let rel = PathBuf::from(format!("content/events/{}.lv.md", args.record));
    let text_path = args.site.join(&rel);
    let original = std::fs::read_to_string(&text_path)?;
    let options = LoadOptions {
        drafts: false,
        now: jiff::Timestamp::now(),
    };

    let start = Instant::now();
    load(&args.site, &options, None)?;
    println!("load without a cache: {:.0} ms", ms(start.elapsed()));

    let mut cache = RecordCache::new();
    load(&args.site, &options, Some(&mut cache))?;
    let mut rows = Vec::new();
    for round in 1..=args.rounds {
        let edited = replace_title(&original, &format!("Labots virsraksts {round}"))?;
        save(&text_path, &edited, round)?;
        let start = Instant::now();
        if !args.stat {
            cache.changed(Changes::paths([text_path.clone()]));
        }
        load(&args.site, &options, Some(&mut cache))?;
        let elapsed = ms(start.elapsed());
        println!(
            "round {round}: load after editing {}: {elapsed:.1} ms",
            rel.display()
        );
        rows.push(elapsed);
    }
    save(&text_path, &original, args.rounds + 1)?;
    rows.sort_by(f64::total_cmp);
    println!(
        "rebuild load median {:.1} ms over {} edits",
        rows[rows.len() / 2],
        rows.len()
    );
    Ok(())
}

/// Config, locales and content, as a build runs them.
fn load(root: &Path, options: &LoadOptions, cache: Option<&mut RecordCache>) -> anyhow::Result<()> {
    let config = Config::load(root).map_err(|d| anyhow::anyhow!("{d}"))?;
    let languages = config.language_codes();
    let (locales, _) = Locales::load_with_problems(&config.files, &config.theme_dir(), &languages);
    Site::load(&config, &locales, options, cache).map_err(|d| anyhow::anyhow!("{d}"))?;
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

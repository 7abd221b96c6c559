//! The read+write floor of a build: read every input file of a site, then write files of the
//! same paths and sizes as a real build's output into a fresh folder, with no computing in
//! between. What a static site generator could at best take on this file system.
//!
//! ```text
//! find public -type f -printf '%P\t%s\n' > manifest.tsv   # paths and sizes of a real output
//! cargo run --release --example floor -- --input SITE --manifest manifest.tsv --out DIR
//! ```
//!
//! Single-threaded on purpose: it measures the file system, not parallelism. Folders are each
//! created once. The output folder must not exist.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Parser;

/// Command line.
#[derive(Parser, Debug)]
#[command(about = "Read a site's inputs and write an output of given paths and sizes")]
struct Args {
    /// Site root whose files (all of them, recursively) are read.
    #[arg(long)]
    input: PathBuf,
    /// `path<TAB>size` per line, paths relative to the output folder.
    #[arg(long)]
    manifest: PathBuf,
    /// Fresh output folder.
    #[arg(long)]
    out: PathBuf,
}

/// Reads every file under `dir`; returns (files, bytes).
fn read_tree(dir: &Path) -> Result<(usize, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            let data = fs::read(entry.path())
                .with_context(|| format!("reading {}", entry.path().display()))?;
            files += 1;
            bytes += data.len() as u64;
        }
    }
    Ok((files, bytes))
}

/// Parses the manifest into `(relative path, size)`.
fn manifest(path: &Path) -> Result<Vec<(String, usize)>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (p, s) = line
                .rsplit_once('\t')
                .with_context(|| format!("bad manifest line `{line}`"))?;
            Ok((p.to_string(), s.parse()?))
        })
        .collect()
}

/// Writes each file of `files` under `out`, creating each folder once.
fn write_tree(out: &Path, files: &[(String, usize)]) -> Result<u64> {
    let largest = files.iter().map(|(_, s)| *s).max().unwrap_or(0);
    let filler: Vec<u8> = b"<p>floor</p>\n"
        .iter()
        .copied()
        .cycle()
        .take(largest)
        .collect();
    let mut made: HashSet<PathBuf> = HashSet::new();
    let mut bytes = 0;
    for (rel, size) in files {
        let path = out.join(rel);
        if let Some(parent) = path.parent()
            && made.insert(parent.to_path_buf())
        {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &filler[..*size]).with_context(|| format!("writing {rel}"))?;
        bytes += *size as u64;
    }
    Ok(bytes)
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.out.exists() {
        bail!(
            "{} exists; the floor writes into a fresh folder",
            args.out.display()
        );
    }
    let files = manifest(&args.manifest)?;
    let (read_files, read_bytes) = read_tree(&args.input)?;
    let written = write_tree(&args.out, &files)?;
    println!(
        "read {read_files} files ({read_bytes} bytes), wrote {} files ({written} bytes)",
        files.len()
    );
    Ok(())
}

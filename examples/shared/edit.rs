//! Editing a corpus record the way a save in an editor does, shared by the timing examples.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// `text` with its front matter's `title:` line replaced by `title`.
pub fn replace_title(text: &str, title: &str) -> anyhow::Result<String> {
    let line = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .ok_or_else(|| anyhow::anyhow!("the text has no `title:` line"))?;
    Ok(text.replacen(line, &format!("title: \"{title}\""), 1))
}

/// Writes `text` and moves the file's modification time `round` seconds ahead, as a later save
/// would (so metadata-based change detection sees it even within one clock tick).
#[allow(dead_code)] // not every example saves this way
pub fn save_later(path: &Path, text: &str, round: usize) -> anyhow::Result<()> {
    std::fs::write(path, text)?;
    let later = SystemTime::now() + Duration::from_secs(round as u64);
    std::fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(later)?;
    Ok(())
}

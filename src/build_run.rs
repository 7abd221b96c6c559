//! Writing a build to disk: [`build`] streams every file into a staging folder as it is made,
//! [`build_in_memory`] keeps the bytes (for `vestis deploy`); both swap the new output in only
//! when the link check passed, and then record the published addresses.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::{broken_links, broken_links_with, load, render_loaded, render_unchecked};
use crate::{BuildOptions, Rendered, Report, output, redirects};

/// Renders the site and writes it to the output directory (atomically), streaming: each file
/// goes into a fresh folder beside the output directory as soon as it is made, so the output
/// is never held in memory as a whole; the folder is swapped in when everything, the link
/// check last, passed, and removed otherwise (the previous output stays as it was). The
/// returned output holds the paths of the files, not their bytes (see [`build_in_memory`]).
///
/// The previous output, which the last build left beside the output directory, is removed in
/// a background thread while this build reads and renders (disk work overlapping CPU work).
pub fn build(options: &BuildOptions) -> Result<Report, Diagnostics> {
    let start = Instant::now();
    let loaded = load(options, None)?;
    let output_dir = output_dir_of(options, &loaded.config);
    let staging = match output::Staging::open(&output_dir, &loaded.config.root) {
        Ok(staging) => Arc::new(staging),
        // The output directory is refused: the site's own problems are reported too.
        Err(refusal) => {
            let mut all = Diagnostics::from(refusal);
            if let Err(more) = render_loaded(loaded, options, None) {
                all.extend(more);
            }
            all.sort();
            return Err(all);
        }
    };
    let rendered = render_unchecked(loaded, options, None, Some(Arc::clone(&staging)))
        .map_err(|all| staging.fold_not_tried(all))?;
    // The link check runs while the last files (search index, feeds, static files) are
    // written; the new output is swapped in only when it passes.
    std::thread::scope(|scope| {
        let facts = staging.link_facts();
        let links = scope.spawn(|| broken_links_with(&rendered, Some(facts), None));
        let gate = || link_verdict(links.join());
        staging.finish(&rendered.output, gate).map_err(gate_failure)
    })?;
    let mut rendered = rendered;
    save_urls(&mut rendered, options);
    Ok(Report {
        rendered,
        output_dir,
        elapsed: start.elapsed(),
    })
}

/// Like [`build`], keeping every file's bytes in the returned output (what `vestis deploy`
/// uploads): the whole site is rendered in memory, then written.
pub fn build_in_memory(options: &BuildOptions) -> Result<Report, Diagnostics> {
    let start = Instant::now();
    let loaded = load(options, None)?;
    let output_dir = output_dir_of(options, &loaded.config);
    let cleanup = {
        let dir = output_dir.clone();
        std::thread::spawn(move || output::remove_previous(&dir))
    };
    let rendered = render_unchecked(loaded, options, None, None);
    let _ = cleanup.join();
    let rendered = rendered?;
    // The link check runs while the output is written into its temporary folder (CPU work
    // beside disk work); the new output is swapped in only when it passes.
    std::thread::scope(|scope| {
        let links = scope.spawn(|| broken_links(&rendered, None));
        let gate = || link_verdict(links.join());
        output::write_gated(&rendered.output, &output_dir, &rendered.config.root, gate)
            .map_err(gate_failure)
    })?;
    let mut rendered = rendered;
    save_urls(&mut rendered, options);
    Ok(Report {
        rendered,
        output_dir,
        elapsed: start.elapsed(),
    })
}

/// The verdict of the link check that ran on its own thread: a thread that panicked is a
/// failed check (nothing is swapped in).
fn link_verdict(joined: std::thread::Result<Result<(), Diagnostics>>) -> Result<(), Diagnostics> {
    joined.unwrap_or_else(|_| {
        Err(Diagnostics::from(Diagnostic::error(
            None,
            "the link check stopped unexpectedly; nothing was written",
        )))
    })
}

/// Why a gated write did not swap the new output in, as the build's diagnostics.
fn gate_failure(e: output::Gated<Diagnostics>) -> Diagnostics {
    match e {
        output::Gated::Write(d) => Diagnostics::from(d),
        output::Gated::Refused(all) => all,
    }
}

/// Saves `.vestis/urls.json` after a build's output is in place: the addresses are recorded
/// only once they are really published, and never from a build that shows drafts (their
/// addresses would later look removed). A failure is a warning; the next build tries again.
fn save_urls(rendered: &mut Rendered, options: &BuildOptions) {
    let saved = if options.drafts || options.serve_mode {
        Ok(())
    } else {
        rendered.urls.save(&rendered.config.root)
    };
    if let Err(e) = saved {
        let at = std::path::Path::new(redirects::URLS_FILE);
        rendered.warnings.push(
            Diagnostic::warning(
                Some(at),
                format!("the list of published addresses could not be updated: {e}"),
            )
            .with_suggestion(
                "check that the site folder can be written to; the next build tries again",
            ),
        );
    }
}

/// The absolute output directory of a build.
fn output_dir_of(options: &BuildOptions, config: &Config) -> PathBuf {
    match &options.output_dir {
        Some(dir) if dir.is_absolute() => dir.clone(),
        Some(dir) => std::env::current_dir()
            .map(|c| c.join(dir))
            .unwrap_or_else(|_| dir.clone()),
        None => config.output_dir.clone(),
    }
}

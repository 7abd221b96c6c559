//! `vestis init <dir>`: a complete small bilingual (lv + ru) site in a new or empty folder.
//!
//! The site's own files (`site.yaml`, `locales/`, sample records) are the files of
//! `src/scaffold/init_site/`; the theme is the repository's `themes/default/`. Both are embedded
//! in the binary when it is compiled (see `build.rs`), so `init` always ships the current
//! default theme.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

use super::embedded::{SITE_FILES, THEME_FILES};
use super::{NewFile, ScaffoldError, write_all};

/// The base URL the sample site's `site.yaml` has until `--base-url` replaces it.
pub const PLACEHOLDER_BASE_URL: &str = "https://example.org";

/// Writes the sample site into `dir` (created when missing); returns the files written,
/// relative to `dir`. Refuses a folder that is not empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    init_with(dir, None)
}

/// Like [`init`], with `base_url` (an absolute http(s) URL) written into `site.yaml` in place
/// of [`PLACEHOLDER_BASE_URL`].
pub fn init_with(dir: &Path, base_url: Option<&str>) -> Result<Vec<PathBuf>, ScaffoldError> {
    if THEME_FILES.is_empty() || SITE_FILES.is_empty() {
        return Err(ScaffoldError::site(
            Diagnostic::error(None, "this vestis was compiled without its default theme")
                .with_suggestion("build vestis from a checkout that has `themes/default/`"),
        ));
    }
    if let Some(url) = base_url {
        check_base_url(url)?;
    }
    check_target(dir)?;
    let mut files = files();
    if let Some(url) = base_url {
        let placeholder = format!("base_url: \"{PLACEHOLDER_BASE_URL}\"");
        let wanted = format!("base_url: {}", super::yaml_quote(url.trim_end_matches('/')));
        for file in files
            .iter_mut()
            .filter(|f| f.path == Path::new("site.yaml"))
        {
            let text = String::from_utf8_lossy(&file.bytes).replacen(&placeholder, &wanted, 1);
            file.bytes = text.into_bytes();
        }
    }
    write_all(dir, &files)?;
    Ok(files.into_iter().map(|f| f.path).collect())
}

/// `--base-url` must be an absolute http(s) URL without spaces or control characters.
fn check_base_url(url: &str) -> Result<(), ScaffoldError> {
    let parsed = url::Url::parse(url).ok();
    let valid = !url.chars().any(|c| c.is_control() || c.is_whitespace())
        && parsed
            .as_ref()
            .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if valid {
        return Ok(());
    }
    Err(ScaffoldError::usage(
        Diagnostic::error(
            None,
            format!(
                "--base-url `{}` is not the address of a web site",
                url.escape_debug()
            ),
        )
        .with_suggestion("give the whole address, e.g. `--base-url https://www.biedriba-kopa.lv`"),
    ))
}

/// The files of a new site: the sample site, then the theme under `themes/default/`.
pub fn files() -> Vec<NewFile> {
    let site = SITE_FILES.iter().map(|(path, bytes)| NewFile {
        path: PathBuf::from(path),
        bytes: bytes.to_vec(),
    });
    let theme = THEME_FILES.iter().map(|(path, bytes)| NewFile {
        path: Path::new("themes/default").join(path),
        bytes: bytes.to_vec(),
    });
    // The output and the image cache are made by vestis, not written by people: not in git.
    let ignore = NewFile {
        path: PathBuf::from(".gitignore"),
        bytes: b"/public/\n/.vestis/cache/\n".to_vec(),
    };
    site.chain(theme).chain([ignore]).collect()
}

/// `dir` must be missing or an empty folder.
fn check_target(dir: &Path) -> Result<(), ScaffoldError> {
    let shown = dir.display().to_string();
    let refuse = |message: String| {
        ScaffoldError::site(
            Diagnostic::error(None, message)
                .with_suggestion("give the name of a new folder, e.g. `vestis init my-site`"),
        )
    };
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(refuse(format!(
                    "`{shown}` is not empty; `vestis init` only writes into a new or empty folder"
                )));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if dir.exists() && !dir.is_dir() => {
            Err(refuse(format!("`{shown}` is not a folder")))
        }
        Err(e) => Err(refuse(format!(
            "cannot read `{shown}`: {}",
            crate::content::io_reason(&e)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ships_a_site_and_the_default_theme() {
        let paths: Vec<PathBuf> = files().into_iter().map(|f| f.path).collect();
        for expected in ["site.yaml", "locales/lv/site.ftl", "locales/ru/site.ftl"] {
            assert!(paths.contains(&PathBuf::from(expected)), "{expected}");
        }
        assert!(paths.contains(&PathBuf::from("themes/default/templates/base.html")));
        let ignore = files()
            .into_iter()
            .find(|f| f.path == Path::new(".gitignore"));
        assert!(String::from_utf8_lossy(&ignore.unwrap().bytes).contains("/.vestis/cache/"));
    }

    #[test]
    fn refuses_a_folder_that_is_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = init(dir.path()).unwrap_err();
        assert!(err.diagnostics.items()[0].message.contains("is not empty"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

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

/// Writes the sample site into `dir` (created when missing); returns the files written,
/// relative to `dir`. Refuses a folder that is not empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if THEME_FILES.is_empty() || SITE_FILES.is_empty() {
        return Err(ScaffoldError::site(
            Diagnostic::error(None, "this vestis was compiled without its default theme")
                .with_suggestion("build vestis from a checkout that has `themes/default/`"),
        ));
    }
    check_target(dir)?;
    let files = files();
    write_all(dir, &files)?;
    Ok(files.into_iter().map(|f| f.path).collect())
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
    site.chain(theme).collect()
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

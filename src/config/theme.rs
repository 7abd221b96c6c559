//! The `theme:` setting: the plain name of a folder under `themes/` (never a path, so a
//! site.yaml cannot make vestis load templates from elsewhere on the disk), reported at its
//! line with the site's themes as a suggestion when the folder is missing.

use std::path::Path;

use super::Resolver;
use crate::diagnostics::did_you_mean;
use crate::source_file::{Purpose, SiteFiles};
use crate::yaml::Located;

/// The theme used when site.yaml names none.
const DEFAULT_THEME: &str = "default";

impl Resolver<'_> {
    /// The theme's folder name; its folder must exist when site.yaml names it, and may be a
    /// link out of the site only under `follow_external_links: true`.
    pub(super) fn theme(&mut self, files: &SiteFiles, raw: Option<&Located<String>>) -> String {
        let Some(raw) = raw else {
            let folder = Path::new("themes").join(DEFAULT_THEME);
            if files.root().join(&folder).is_dir()
                && let Err(d) = files.resolve(&folder, Purpose::Source)
            {
                self.diagnostics.push(d);
            }
            return DEFAULT_THEME.into();
        };
        let name = raw.value.as_str();
        let themes = existing_themes(files.root());
        let listed = theme_list(&themes);
        if !is_plain_name(name) {
            self.error(
                raw.pos,
                format!("`theme` must be the name of a folder in `themes/`, found `{name}`"),
            )
            .suggestion = Some(format!(
                "write only the folder's name, without `/` or `..`{}",
                listed
                    .as_deref()
                    .map_or(String::new(), |l| format!("; {l}"))
            ));
            return name.into();
        }
        let folder = Path::new("themes").join(name);
        if !files.root().join(&folder).is_dir() {
            let hint = did_you_mean(name, themes.iter().map(String::as_str))
                .or(listed)
                .unwrap_or_else(|| {
                    "this site has no themes: copy the folder `themes/default` of a new site \
                     (`vestis init`) into `themes/`"
                        .into()
                });
            self.error(
                raw.pos,
                format!("there is no theme `{name}`: the folder `themes/{name}` does not exist"),
            )
            .suggestion = Some(hint);
        } else if let Err(d) = files.resolve(&folder, Purpose::Source) {
            self.diagnostics.push(d);
        }
        name.into()
    }
}

/// A folder name on its own: not empty, no separator, not `.`/`..`, not hidden, no control
/// characters.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
        && name.trim() == name
}

/// The folders in `themes/`, sorted.
fn existing_themes(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("themes")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| is_plain_name(n))
        .collect();
    names.sort();
    names
}

fn theme_list(themes: &[String]) -> Option<String> {
    match themes {
        [] => None,
        [one] => Some(format!("the site's theme is `{one}`")),
        _ => {
            let names: Vec<String> = themes.iter().map(|t| format!("`{t}`")).collect();
            Some(format!("the site's themes are {}", names.join(", ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_is_a_plain_folder_name() {
        for good in ["default", "t", "my-theme", "Tēma"] {
            assert!(is_plain_name(good), "{good}");
        }
        for bad in [
            "",
            "..",
            ".",
            "../..",
            "/abs/path",
            "a/b",
            "a\\b",
            "C:x",
            ".hidden",
            " t",
        ] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}

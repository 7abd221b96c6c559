//! What to suggest when a value names something that does not exist: a `ref` to a missing
//! record (its title or a spelling of its id with accents, the closest ids, else a few ids
//! that exist), a `file`/`image` whose name differs only in capital letters or extension from
//! a file that is there.
//!
//! Only called for values that are wrong, so never on the path of a correct site. Each call is
//! linear in the candidates it is given.

use std::path::Path;

use crate::yaml::short;
use crate::yaml::slips::SHOWN_CHARS;

/// How close (Jaro-Winkler) an id must be to count as a likely typo.
const CLOSE: f64 = 0.8;
/// At most this many ids are listed.
const LISTED: usize = 10;
/// Broken refs of one run that get a full hint (each costs a look at every record of the
/// target collection); later ones get the plain hint, so that n broken refs into n records
/// stay O(n) work.
pub(super) const FULL_HINTS: usize = 100;

/// A record a `ref` could name: its id and its titles in every language.
pub(super) struct Target<'a> {
    pub id: &'a str,
    pub titles: Vec<&'a str>,
}

/// The help for a `ref` to `value`, which is not a record of collection `to`.
pub(super) fn ref_hint(value: &str, to: &str, targets: &[Target<'_>]) -> String {
    let wanted = value.trim().to_lowercase();
    if let Some(t) = targets.iter().find(|t| {
        t.titles
            .iter()
            .any(|title| title.trim().to_lowercase() == wanted)
    }) {
        return format!(
            "`{}` is the title of `{}`; a reference names the id: write `{}`",
            short(value.trim(), SHOWN_CHARS),
            t.id,
            t.id
        );
    }
    let slug = crate::i18n::slugify(value);
    if let Some(t) = targets.iter().find(|t| t.id == slug && slug != value) {
        return format!(
            "ids are written in plain lowercase letters: write `{}`",
            t.id
        );
    }
    let mut scored: Vec<(f64, &str)> = targets
        .iter()
        .map(|t| (strsim::jaro_winkler(&slug, t.id), t.id))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let close: Vec<&str> = scored
        .iter()
        .take_while(|(s, _)| *s >= CLOSE)
        .take(3)
        .map(|(_, id)| *id)
        .collect();
    if !close.is_empty() {
        return format!("did you mean {}?", either(&close));
    }
    let add = format!(
        "add a record `{}` to `content/{to}/`",
        short(value.trim(), SHOWN_CHARS)
    );
    if targets.is_empty() {
        return format!("`{to}` has no records yet: {add}");
    }
    let listed: Vec<String> = scored
        .iter()
        .take(LISTED)
        .map(|(_, id)| format!("`{id}`"))
        .collect();
    let more = if targets.len() > LISTED {
        format!(" (and {} more)", targets.len() - LISTED)
    } else {
        String::new()
    };
    format!(
        "the records of `{to}` are {}{more}; use one of them, or {add}",
        listed.join(", ")
    )
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
fn either(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// A file next to where `wanted` (a relative path) was looked for, under `root`, whose name
/// differs from it only in capital letters or extension (`img_1234.jpg` → `IMG_1234.JPG`,
/// `photo.jpg` → `photo.jpeg`). Returns the path as it should be written.
pub(super) fn similar_file(root: &Path, dir: &Path, wanted: &str) -> Option<String> {
    let wanted_path = Path::new(wanted);
    let name = wanted_path.file_name()?.to_str()?;
    let sub = wanted_path.parent().unwrap_or(Path::new(""));
    let stem = |n: &str| -> String {
        let n = n.to_lowercase();
        match n.rsplit_once('.') {
            Some((s, _)) if !s.is_empty() => s.to_string(),
            _ => n,
        }
    };
    let (lower, wanted_stem) = (name.to_lowercase(), stem(name));
    let mut same_stem = None;
    for entry in std::fs::read_dir(root.join(dir).join(sub)).ok()?.flatten() {
        let Ok(found) = entry.file_name().into_string() else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) || found == name {
            continue;
        }
        let written = sub.join(&found).to_string_lossy().replace('\\', "/");
        if found.to_lowercase() == lower {
            return Some(written);
        }
        if same_stem.is_none() && stem(&found) == wanted_stem {
            same_stem = Some(written);
        }
    }
    same_stem
}

#[cfg(test)]
mod tests {
    use super::*;

    fn towns() -> Vec<Target<'static>> {
        vec![
            Target {
                id: "daugavpils",
                titles: vec!["Daugavpils", "Даугавпилс"],
            },
            Target {
                id: "rezekne",
                titles: vec!["Rēzekne", "Резекне"],
            },
        ]
    }

    #[test]
    fn a_title_or_an_accented_spelling_suggests_the_id() {
        let hint = ref_hint("Rēzekne", "towns", &towns());
        assert!(hint.ends_with("write `rezekne`"), "{hint}");
        assert!(ref_hint("Резекне", "towns", &towns()).ends_with("write `rezekne`"));
        let hint = ref_hint("rēzekne", "towns", &towns());
        assert!(hint.ends_with("write `rezekne`"), "{hint}");
    }

    #[test]
    fn close_ids_are_suggested_and_else_the_ids_are_listed() {
        assert_eq!(
            ref_hint("rezeknee", "towns", &towns()),
            "did you mean `rezekne`?"
        );
        let hint = ref_hint("ludza", "towns", &towns());
        assert!(hint.starts_with("the records of `towns` are `"), "{hint}");
        assert!(hint.contains("`daugavpils`") && hint.contains("`rezekne`"));
        assert!(hint.ends_with("add a record `ludza` to `content/towns/`"));
        assert!(ref_hint("x", "towns", &[]).starts_with("`towns` has no records yet"));
    }

    #[test]
    fn at_most_ten_ids_are_listed() {
        let ids: Vec<String> = (0..25).map(|i| format!("town-{i:02}")).collect();
        let targets: Vec<Target<'_>> = ids.iter().map(|id| Target { id, titles: vec![] }).collect();
        let hint = ref_hint("qqq", "towns", &targets);
        assert_eq!(hint.matches("`town-").count(), 10, "{hint}");
        assert!(hint.contains("(and 15 more)"));
    }

    #[test]
    fn files_differing_in_case_or_extension_are_found() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("r/img")).unwrap();
        std::fs::write(dir.path().join("r/IMG_1234.JPG"), "x").unwrap();
        std::fs::write(dir.path().join("r/img/photo.jpeg"), "x").unwrap();
        let found = |w: &str| similar_file(dir.path(), Path::new("r"), w);
        assert_eq!(found("img_1234.jpg").as_deref(), Some("IMG_1234.JPG"));
        assert_eq!(found("img/photo.jpg").as_deref(), Some("img/photo.jpeg"));
        assert_eq!(found("other.jpg"), None);
        assert_eq!(found("missing/a.jpg"), None);
    }
}

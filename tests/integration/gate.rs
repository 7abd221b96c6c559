//! The gate of every run: a rebuild with a cache (what `vestis serve` does after each save)
//! refuses broken links exactly as a build from scratch does, sees links that a change of
//! another page breaks or mends, and reports unfinished texts as warnings.

use crate::common;

use std::path::Path;

use common::{options, save, temp_copy};
use vestis::Cache;

fn messages(root: &Path, cache: &mut Cache) -> Result<usize, Vec<String>> {
    let cached = vestis::render_site_cached(&options(root), cache);
    let fresh = vestis::render_site(&options(root));
    let shown = |r: &Result<vestis::Rendered, vestis::diagnostics::Diagnostics>| match r {
        Ok(r) => Ok(r.warnings.items().len()),
        Err(d) => Err(d.items().iter().map(|d| d.to_string()).collect::<Vec<_>>()),
    };
    assert_eq!(
        shown(&cached),
        shown(&fresh),
        "a rebuild differs from a full build"
    );
    shown(&cached)
}

#[test]
fn rebuilds_refuse_what_a_build_refuses_and_follow_changes_of_other_pages() {
    let dir = temp_copy("sites", "full");
    let root = dir.path();
    let mut cache = Cache::new();
    assert!(messages(root, &mut cache).is_ok());
    // A body links to an anchor of another record's page.
    let stage = root.join("content/events/rezekne-stage.lv.md");
    let text = std::fs::read_to_string(&stage).unwrap();
    save(
        &stage,
        &format!("{text}\nSkat. [izrāde](@/events/daugavpils-show#aktieri).\n"),
    );
    let err = messages(root, &mut cache).unwrap_err();
    assert!(
        err[0].contains("has no element with id `aktieri`"),
        "{err:?}"
    );
    // The other page gets the heading: the unchanged page's link now works.
    let show = root.join("content/events/daugavpils-show.lv.md");
    let text = std::fs::read_to_string(&show).unwrap();
    save(&show, &format!("{text}\n## Aktieri\n"));
    assert!(messages(root, &mut cache).is_ok());
    // And loses it again.
    save(&show, &text);
    assert!(messages(root, &mut cache).is_err());
}

#[test]
fn a_placeholder_is_a_warning_of_every_build_until_it_is_replaced() {
    let dir = temp_copy("sites", "full");
    let root = dir.path();
    let mut cache = Cache::new();
    let before = messages(root, &mut cache).unwrap();
    let show = root.join("content/events/daugavpils-show.lv.md");
    let text = std::fs::read_to_string(&show).unwrap();
    let (front, _) = text.rsplit_once("---\n").unwrap();
    save(&show, &format!("{front}---\nTODO: write the text here.\n"));
    assert_eq!(messages(root, &mut cache).unwrap(), before + 1);
    save(&show, &text);
    assert_eq!(messages(root, &mut cache).unwrap(), before);
}

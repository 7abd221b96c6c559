//! The plan of a deploy: what to upload, in which order, and what to delete, worked out from
//! the new output and what is known of the server (its manifest, or a listing when there is
//! none). Pure: it reads no file and talks to no server, so it is tested directly.

use std::collections::{BTreeMap, BTreeSet};

use super::manifest::{FileState, MANIFEST_NAME, Manifest};
use super::remote::TEMP_SUFFIX;

/// The steps of a deploy, in the order they run, so a reader never gets a page whose
/// stylesheet or images are not there yet, nor a feed pointing at a missing page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Pictures, files, stylesheets, scripts: everything pages point at.
    Assets,
    /// HTML pages.
    Pages,
    /// Feeds, calendars, search indexes, the sitemap and robots.txt.
    Feeds,
}

impl Phase {
    /// Which phase a file belongs to.
    pub fn of(path: &str) -> Phase {
        let name = path.rsplit('/').next().unwrap_or(path);
        if path.ends_with(".html") {
            Phase::Pages
        } else if matches!(
            name,
            "atom.xml" | "calendar.ics" | "search.json" | "sitemap.xml" | "robots.txt"
        ) {
            Phase::Feeds
        } else {
            Phase::Assets
        }
    }

    /// Its name in progress lines.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Assets => "pictures, files and styles",
            Phase::Pages => "pages",
            Phase::Feeds => "feeds, calendars, search and sitemap",
        }
    }
}

/// One file of the new output.
#[derive(Debug, Clone)]
pub struct LocalFile<'a> {
    /// Path relative to the output folder.
    pub path: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
    /// Its hash and size.
    pub state: FileState,
}

/// What is known of the server before the deploy.
#[derive(Debug, Clone)]
pub enum Known {
    /// The manifest the last deploy left.
    Manifest(Manifest),
    /// No manifest: every file found in the site's folder with its size, and the folders.
    Listing {
        /// File path → size.
        files: BTreeMap<String, u64>,
        /// Folder paths.
        dirs: BTreeSet<String>,
    },
}

/// One file to upload.
#[derive(Debug, Clone)]
pub struct Upload<'a> {
    /// Path relative to the site's folder.
    pub path: &'a str,
    /// The bytes.
    pub bytes: &'a [u8],
    /// When it goes up.
    pub phase: Phase,
    /// Not on the server before (else changed).
    pub is_new: bool,
}

/// Everything a deploy will do.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// Files to upload, by phase then path.
    pub uploads: Vec<Upload<'a>>,
    /// Folders to create, parents first.
    pub dirs: Vec<String>,
    /// Files vestis put there earlier (or left half-written) that the new output lacks.
    pub deletions: Vec<String>,
    /// Files on the server vestis did not put there and the new output lacks (no manifest).
    pub foreign: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
    /// There was no manifest: files were compared by name and size.
    pub by_listing: bool,
    /// The manifest to leave on the server afterwards.
    pub manifest: Manifest,
}

impl<'a> Plan<'a> {
    /// Compares the new output with what is known of the server.
    pub fn make(local: &[LocalFile<'a>], known: &Known) -> Plan<'a> {
        let mut uploads = Vec::new();
        let mut unchanged = 0;
        for file in local {
            let is_new = match known {
                Known::Manifest(m) => match m.files.get(file.path) {
                    Some(state) if *state == file.state => {
                        unchanged += 1;
                        continue;
                    }
                    Some(_) => false,
                    None => true,
                },
                Known::Listing { files, .. } => match files.get(file.path) {
                    Some(size) if *size == file.state.size => {
                        unchanged += 1;
                        continue;
                    }
                    Some(_) => false,
                    None => true,
                },
            };
            uploads.push(Upload {
                path: file.path,
                bytes: file.bytes,
                phase: Phase::of(file.path),
                is_new,
            });
        }
        uploads.sort_by(|a, b| (a.phase, a.path).cmp(&(b.phase, b.path)));
        let wanted: BTreeSet<&str> = local.iter().map(|f| f.path).collect();
        let (mut deletions, mut foreign) = (Vec::new(), Vec::new());
        let existing_dirs: BTreeSet<String> = match known {
            Known::Manifest(m) => {
                deletions.extend(
                    m.files
                        .keys()
                        .filter(|p| !wanted.contains(p.as_str()))
                        .cloned(),
                );
                m.files.keys().flat_map(|p| parents(p)).collect()
            }
            Known::Listing { files, dirs } => {
                for path in files.keys() {
                    if wanted.contains(path.as_str()) || path == MANIFEST_NAME {
                        continue;
                    }
                    if path.ends_with(TEMP_SUFFIX) {
                        deletions.push(path.clone());
                    } else {
                        foreign.push(path.clone());
                    }
                }
                dirs.clone()
            }
        };
        let mut dirs: Vec<String> = uploads
            .iter()
            .flat_map(|u| parents(u.path))
            .filter(|d| !existing_dirs.contains(d))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        dirs.sort_by_key(|d| (d.matches('/').count(), d.clone()));
        let manifest = Manifest::new(
            local
                .iter()
                .map(|f| (f.path.to_string(), f.state.clone()))
                .collect(),
        );
        Plan {
            uploads,
            dirs,
            deletions,
            foreign,
            unchanged,
            by_listing: matches!(known, Known::Listing { .. }),
            manifest,
        }
    }

    /// Bytes to upload.
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.bytes.len() as u64).sum()
    }

    /// New files to upload.
    pub fn new_count(&self) -> usize {
        self.uploads.iter().filter(|u| u.is_new).count()
    }

    /// Whether the server is already up to date.
    pub fn is_empty(&self) -> bool {
        self.uploads.is_empty() && self.deletions.is_empty()
    }

    /// In plain words: "12 new, 3 changed, 1 to delete (lv/old/index.html), 4.2 MB to upload".
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return format!(
                "nothing to upload: all {} files on the server are up to date",
                self.unchanged
            );
        }
        let new = self.new_count();
        let mut parts = vec![
            format!("{new} new"),
            format!("{} changed", self.uploads.len() - new),
        ];
        if self.deletions.is_empty() {
            parts.push("0 to delete".into());
        } else {
            parts.push(format!(
                "{} to delete ({})",
                self.deletions.len(),
                some_names(&self.deletions)
            ));
        }
        parts.push(format!("{} to upload", size_text(self.upload_bytes())));
        parts.join(", ")
    }
}

/// The folders above `path`, outermost first (`a/b/c.html` → `a`, `a/b`).
fn parents(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut end = 0;
    while let Some(i) = path[end..].find('/') {
        end += i;
        out.push(path[..end].to_string());
        end += 1;
    }
    out
}

/// The first few names of a list, then how many more.
pub fn some_names(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// "512 bytes", "38 KB", "4.2 MB", "1.3 GB" (powers of 1000, as hosts count).
pub fn size_text(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 1_000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{:.0} KB", b / 1e3)
    } else if bytes < 1_000_000_000 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.1} GB", b / 1e9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local<'a>(files: &[(&'a str, &'a [u8])]) -> Vec<LocalFile<'a>> {
        files
            .iter()
            .map(|(path, bytes)| LocalFile {
                path,
                bytes,
                state: FileState::of(bytes),
            })
            .collect()
    }

    #[test]
    fn orders_assets_pages_feeds() {
        let files = local(&[
            ("lv/atom.xml", b"f"),
            ("lv/index.html", b"p"),
            ("style.css", b"s"),
            ("sitemap.xml", b"m"),
            ("media/e/a/photo.jpg", b"j"),
        ]);
        let plan = Plan::make(&files, &Known::Manifest(Manifest::default()));
        let order: Vec<&str> = plan.uploads.iter().map(|u| u.path).collect();
        assert_eq!(
            order,
            [
                "media/e/a/photo.jpg",
                "style.css",
                "lv/index.html",
                "lv/atom.xml",
                "sitemap.xml"
            ]
        );
        assert_eq!(plan.dirs, ["lv", "media", "media/e", "media/e/a"]);
        assert_eq!(
            plan.summary(),
            "5 new, 0 changed, 0 to delete, 5 bytes to upload"
        );
    }

    #[test]
    fn uploads_only_what_changed_and_deletes_what_is_gone() {
        let old = local(&[("a.html", b"1"), ("b.html", b"2"), ("gone/x.html", b"3")]);
        let manifest = Plan::make(&old, &Known::Manifest(Manifest::default())).manifest;
        let new = local(&[("a.html", b"1"), ("b.html", b"22"), ("c.html", b"3")]);
        let plan = Plan::make(&new, &Known::Manifest(manifest));
        let paths: Vec<&str> = plan.uploads.iter().map(|u| u.path).collect();
        assert_eq!(paths, ["b.html", "c.html"]);
        assert_eq!(plan.deletions, ["gone/x.html"]);
        assert!(plan.dirs.is_empty());
        assert_eq!(
            plan.summary(),
            "1 new, 1 changed, 1 to delete (gone/x.html), 3 bytes to upload"
        );
        assert_eq!(plan.manifest.files.len(), 3);
    }

    #[test]
    fn without_a_manifest_compares_sizes_and_keeps_foreign_files() {
        let new = local(&[("a.html", b"11"), ("b.html", b"2")]);
        let files: BTreeMap<String, u64> = [
            ("a.html", 2),
            ("b.html", 5),
            ("old.php", 9),
            (".c.html.vestis-tmp", 1),
        ]
        .into_iter()
        .map(|(p, s)| (p.to_string(), s))
        .collect();
        let plan = Plan::make(
            &new,
            &Known::Listing {
                files,
                dirs: BTreeSet::new(),
            },
        );
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.uploads.len(), 1);
        assert!(!plan.uploads[0].is_new);
        assert_eq!(plan.foreign, ["old.php"]);
        assert_eq!(plan.deletions, [".c.html.vestis-tmp"]);
    }

    #[test]
    fn words_for_sizes_and_lists() {
        assert_eq!(size_text(999), "999 bytes");
        assert_eq!(size_text(38_400), "38 KB");
        assert_eq!(size_text(4_200_000), "4.2 MB");
        let names: Vec<String> = (1..=7).map(|i| format!("f{i}")).collect();
        assert_eq!(some_names(&names), "f1, f2, f3, f4, f5 and 2 more");
        assert_eq!(parents("a/b/c"), ["a", "a/b"]);
    }
}

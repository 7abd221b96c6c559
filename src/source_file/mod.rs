//! Every read of a site's source file goes through here: `site.yaml`, records, `.ftl` files,
//! templates, and the static and record files copied to the output.
//!
//! It exists because a site folder is not trusted to hold only ordinary files. Three rules:
//!
//! - **Only ordinary files are read.** A file is opened without waiting (`O_NONBLOCK`, so a
//!   named pipe cannot stop the run) and its type is checked on the open file (`fstat`);
//!   pipes, devices, sockets and folders are refused with a located message.
//! - **Every read is bounded while it reads** ([`Limit`]), whatever size the file system
//!   reports (a device reports 0).
//! - **Links stay inside the site.** A symbolic link is followed when its target (with every
//!   link resolved) is inside the site folder; a target outside is refused unless site.yaml
//!   says `follow_external_links: true`. What is published (static and record files) may
//!   moreover never be a link to the site's sources (`site.yaml`, `content/`).
//!
//! The file that is opened is the resolved path itself, with `O_NOFOLLOW`, so a link swapped in
//! between the check and the read is not followed.

mod text;
mod tree;

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

pub use text::{read_text, read_text_in};
pub use tree::Walked;

/// The file name of the configuration inside the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// How much of one file vestis reads at most, and what kind of file the limit is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The most bytes read.
    pub bytes: u64,
    /// The kind of file, for the message ("a text file").
    what: &'static str,
    /// What to do about a file over the limit.
    help: &'static str,
}

/// Text files (site.yaml, records, templates, `.ftl`): nobody writes 10 MB of them by hand.
pub const TEXT_LIMIT: Limit = Limit {
    bytes: 10 * 1024 * 1024,
    what: "a text file",
    help: "split it into smaller files, or remove what does not belong in it",
};

/// Lists vestis writes and reads back itself (`.vestis/urls.json`: about 240 bytes a record,
/// 24 MB at 100,000 records): bounded, but far above what a person writes.
pub const KEPT_LIST_LIMIT: Limit = Limit {
    bytes: 256 * 1024 * 1024,
    what: "a list vestis keeps",
    help: "restore it from version control, or delete it to start a new list",
};

/// Files copied to the output as they are (static files, images, documents): the whole
/// output is held in memory before it is written.
pub const PUBLISHED_LIMIT: Limit = Limit {
    bytes: 200 * 1024 * 1024,
    what: "a file it publishes",
    help: "make it smaller (compress the image or video), or put it on another server and link to it",
};

/// Whether a file is read to publish it (then it may not be a link to the site's sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A source the build reads (site.yaml, a record, a template, a translation).
    Source,
    /// A file copied to the output as it is.
    Publish,
}

/// The site folder and its link policy: where source files may be read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFiles {
    root: PathBuf,
    /// `root` with every link resolved; paths are compared against it.
    canonical_root: PathBuf,
    follow_external_links: bool,
}

impl SiteFiles {
    /// The files of the site in `root`; links out of it are followed only when
    /// `follow_external_links` is set.
    pub fn new(root: &Path, follow_external_links: bool) -> SiteFiles {
        SiteFiles {
            root: root.to_path_buf(),
            canonical_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            follow_external_links,
        }
    }

    /// The site folder as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether links out of the site are followed (`follow_external_links: true`).
    pub fn follows_external_links(&self) -> bool {
        self.follow_external_links
    }

    /// `path` (relative to the root, or absolute) as shown in messages: relative to the root.
    pub fn display_path(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }

    /// Resolves every link in `path` (relative to the root, or absolute under it) and applies
    /// the link policy; gives the resolved path, which is the one to open or write.
    pub fn resolve(&self, path: &Path, purpose: Purpose) -> Result<PathBuf, Diagnostic> {
        self.resolve_with_metadata(path, purpose)
            .map(|(path, _)| path)
    }

    /// [`SiteFiles::resolve`], with what the resolved path is (followed metadata).
    fn resolve_with_metadata(
        &self,
        path: &Path,
        purpose: Purpose,
    ) -> Result<(PathBuf, Metadata), Diagnostic> {
        let rel = self.display_path(path);
        let (resolved, meta) = self.resolve_links(&self.root.join(path)).map_err(|e| {
            Diagnostic::error(
                Some(&rel),
                format!("cannot read the file: {}", io_reason(&e)),
            )
        })?;
        let kind = if meta.is_dir() { "folder" } else { "file" };
        self.check_target(&rel, &resolved, kind, purpose)?;
        Ok((resolved, meta))
    }

    /// `full` with every link resolved, and its metadata. Most paths under the root hold no
    /// link: one `lstat` per component below the root shows that, and the answer is the
    /// resolved root joined with the rest; otherwise the whole path is canonicalized.
    fn resolve_links(&self, full: &Path) -> std::io::Result<(PathBuf, Metadata)> {
        if let Ok(rel) = full.strip_prefix(&self.root)
            && rel.components().all(|c| matches!(c, Component::Normal(_)))
        {
            let mut current = self.root.clone();
            let mut last = None;
            for component in rel.components() {
                current.push(component);
                let meta = std::fs::symlink_metadata(&current)?;
                if meta.file_type().is_symlink() {
                    last = None;
                    break;
                }
                last = Some(meta);
            }
            if let Some(meta) = last {
                return Ok((self.canonical_root.join(rel), meta));
            }
        }
        let resolved = full.canonicalize()?;
        let meta = std::fs::metadata(&resolved)?;
        Ok((resolved, meta))
    }

    /// The link policy for `rel`, whose links resolve to `resolved` (a `kind`: file/folder).
    fn check_target(
        &self,
        rel: &Path,
        resolved: &Path,
        kind: &str,
        purpose: Purpose,
    ) -> Result<(), Diagnostic> {
        let name = file_name(rel);
        let Ok(inside) = resolved.strip_prefix(&self.canonical_root) else {
            if self.follow_external_links {
                return Ok(());
            }
            return Err(Diagnostic::error(
                Some(rel),
                format!(
                    "`{name}` is a link to a {kind} outside the site: {}",
                    resolved.display()
                ),
            )
            .with_suggestion(if rel == Path::new(CONFIG_FILE) {
                // Read before its own `follow_external_links` is known.
                "copy site.yaml into the site folder: it cannot be a link to a file elsewhere"
                    .to_string()
            } else {
                format!(
                    "copy the {kind} into the site folder instead of linking to it, or write \
                     `follow_external_links: true` in site.yaml if you trust where it points"
                )
            }));
        };
        if purpose == Purpose::Publish && is_private_source(rel, inside) {
            return Err(Diagnostic::error(
                Some(rel),
                format!(
                    "`{name}` is a link to `{}`, a source of the site, which is never published",
                    inside.display()
                ),
            )
            .with_suggestion(
                "remove the link; to publish a record's file, put it in the record's folder \
                 and name it in a `file` or `image` field",
            ));
        }
        Ok(())
    }

    /// Reads a whole file under the policy: ordinary files only, at most `limit` bytes.
    pub fn read(&self, path: &Path, limit: Limit, purpose: Purpose) -> Result<Vec<u8>, Diagnostic> {
        let rel = self.display_path(path);
        // The first look does not open: a clear message for sockets (which cannot be opened)
        // and no open at all of devices and pipes.
        let (resolved, meta) = self.resolve_with_metadata(path, purpose)?;
        let cannot = |e: std::io::Error| {
            Diagnostic::error(
                Some(&rel),
                format!("cannot read the file: {}", io_reason(&e)),
            )
        };
        check_ordinary(&rel, &meta)?;
        let file = open(&resolved).map_err(cannot)?;
        // The type of what was opened, in case the path changed since the first look.
        let meta = file.metadata().map_err(cannot)?;
        check_ordinary(&rel, &meta)?;
        let too_large = || {
            Diagnostic::error(
                Some(&rel),
                format!(
                    "the file is larger than {} MB, the most vestis reads for {}",
                    limit.bytes / (1024 * 1024),
                    limit.what
                ),
            )
            .with_suggestion(limit.help)
        };
        if meta.len() > limit.bytes {
            return Err(too_large());
        }
        read_bounded(file, meta.len(), limit.bytes)
            .map_err(cannot)?
            .ok_or_else(too_large)
    }

    /// What [`SiteFiles::read`] would read, without reading it: the metadata of the ordinary
    /// file `path` resolves to, under the same link policy (a cache that knows the file by
    /// its size and times need not read it; see `media/hashes.rs`).
    pub fn stat(&self, path: &Path, purpose: Purpose) -> Result<Metadata, Diagnostic> {
        let rel = self.display_path(path);
        let (_, meta) = self.resolve_with_metadata(path, purpose)?;
        check_ordinary(&rel, &meta)?;
        Ok(meta)
    }

    /// Reads a text source ([`TEXT_LIMIT`]), as bytes (the caller decodes and reports).
    pub fn read_source(&self, path: &Path) -> Result<Vec<u8>, Diagnostic> {
        self.read(path, TEXT_LIMIT, Purpose::Source)
    }
}

/// Reads at most `limit` bytes: `None` when there is more, whatever `size_hint` (the size the
/// file system reported) said.
fn read_bounded(reader: impl Read, size_hint: u64, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint.min(limit)).unwrap_or(0));
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Whether a published file's resolved path (relative to the root) is one of the site's
/// sources: `site.yaml`, or anything in `content/` except a record folder's own files
/// (`content/<collection>/<id>/…`, reached from inside `content/`).
fn is_private_source(rel: &Path, inside: &Path) -> bool {
    if inside == Path::new(CONFIG_FILE) {
        return true;
    }
    let Ok(in_content) = inside.strip_prefix("content") else {
        return false;
    };
    let from_record_folder = rel.starts_with("content");
    let in_record_folder = in_content.components().count() >= 3;
    !(from_record_folder && in_record_folder)
}

fn file_name(rel: &Path) -> String {
    rel.file_name().map_or_else(
        || rel.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Refuses anything but an ordinary file, naming what it is.
fn check_ordinary(rel: &Path, meta: &std::fs::Metadata) -> Result<(), Diagnostic> {
    if meta.is_file() {
        return Ok(());
    }
    Err(Diagnostic::error(
        Some(rel),
        format!(
            "`{}` is {}, not an ordinary file",
            file_name(rel),
            kind_of(meta)
        ),
    )
    .with_suggestion(
        "vestis reads only ordinary files here: remove it, or put a saved file in its place",
    ))
}

/// What a non-ordinary file is, in plain words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

/// Opens for reading without waiting for a writer (pipes) and without following a link in the
/// last component (the path is already resolved).
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    crate::sys::open_without_waiting(&mut options);
    options.open(path)
}

/// A short reason for an I/O error, without Rust's debug noise.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests;

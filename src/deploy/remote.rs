//! What every protocol offers `vestis deploy`: a [`Remote`] (read, write by temporary name and
//! rename, list, delete) over paths relative to the site's folder on the server, and
//! [`RemoteError`], a failure already put in words for the officer.
//!
//! The protocol modules (`sftp`, `ftp`) implement it; the rest of `deploy` never sees a
//! protocol crate.

use std::fmt;

/// A file or folder in a listing of the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its name inside the listed folder.
    pub name: String,
    /// A folder (else a file).
    pub is_dir: bool,
    /// Size in bytes (files).
    pub size: u64,
}

/// What kind of failure: decides whether the deploy can go on with another connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server could not be reached or the connection dropped: a rerun resumes.
    Connection,
    /// Login refused, or no way to log in.
    Login,
    /// The server's identity is unknown or changed.
    Identity,
    /// The server refused one operation (permission, full disk, a bad name).
    Refused,
}

/// A failure, in words for the officer: what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteError {
    /// Which kind.
    pub kind: ErrorKind,
    /// What happened (lowercase, no trailing period).
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl RemoteError {
    /// A failure of `kind`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        RemoteError {
            kind,
            message: message.into(),
            help: None,
        }
    }

    /// Adds what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The connection dropped while doing `what`.
    pub fn lost(what: &str, detail: impl fmt::Display) -> Self {
        RemoteError::new(
            ErrorKind::Connection,
            format!("the connection to the server was lost while {what} ({detail})"),
        )
        .help("run `vestis deploy` again: it uploads what is still missing")
    }

    /// The server refused to `action` (write, delete, …) `path`; `said` is its own reason.
    pub fn refused(action: &str, path: &str, said: &str) -> Self {
        RemoteError::new(
            ErrorKind::Refused,
            format!("the server refused to {action} `{path}` (it said: {said})"),
        )
        .help(
            "the server's disk may be full or the folder may not be yours to write: check the \
             space and the folder in the hosting control panel, then run `vestis deploy` again",
        )
    }
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// One connection to the server, logged in, working in the site's folder.
///
/// Paths are relative to that folder and use `/`; `""` is the folder itself.
pub trait Remote: Send {
    /// The file's bytes, `None` when it does not exist; an error when it is over `limit` bytes.
    fn read(&mut self, path: &str, limit: u64) -> Result<Option<Vec<u8>>, RemoteError>;
    /// Writes `bytes` under a temporary name in the same folder, then renames it to `path`
    /// (replacing the old file), so a reader sees the old file or the new one, never half.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError>;
    /// Makes a folder; success when it exists already.
    fn mkdir(&mut self, path: &str) -> Result<(), RemoteError>;
    /// Deletes a file; success when it is not there.
    fn remove(&mut self, path: &str) -> Result<(), RemoteError>;
    /// Deletes an empty folder; `false` when it could not (not empty, or refused).
    fn rmdir(&mut self, path: &str) -> bool;
    /// What a folder holds (without `.` and `..`).
    fn list(&mut self, path: &str) -> Result<Vec<Entry>, RemoteError>;
}

/// The verb for a refusal of what was being done ("uploading" → "write").
pub fn action(doing: &str) -> &'static str {
    match doing {
        "making the folder" => "make the folder",
        "deleting" => "delete",
        "listing" => "list",
        "reading" => "read",
        _ => "write",
    }
}

/// The temporary name `put` writes before renaming: hidden, beside the file, the same for
/// every attempt (a rerun overwrites what an interrupted one left).
pub fn temp_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}{TEMP_SUFFIX}"),
        None => format!(".{path}{TEMP_SUFFIX}"),
    }
}

/// How temporary names end.
pub const TEMP_SUFFIX: &str = ".vestis-tmp";

/// `root/path` on the server (`root` may be empty: the login folder).
pub fn join(root: &str, path: &str) -> String {
    match (root.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (false, true) => root.to_string(),
        (false, false) => format!("{}/{path}", root.trim_end_matches('/')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_hidden_siblings() {
        assert_eq!(temp_name("lv/index.html"), "lv/.index.html.vestis-tmp");
        assert_eq!(temp_name("robots.txt"), ".robots.txt.vestis-tmp");
        assert_eq!(join("", "a/b"), "a/b");
        assert_eq!(join("/var/www", "a"), "/var/www/a");
        assert_eq!(join("www", ""), "www");
    }
}

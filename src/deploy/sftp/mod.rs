//! SFTP: the one home of `russh` and `russh-sftp` (pure Rust SSH; no C library to build).
//!
//! Each connection runs its own small tokio runtime so the rest of `deploy` sees a plain
//! blocking [`Remote`]. Logging in and checking the server's key is [`auth`]'s. Uploads go
//! to a temporary name and are renamed into place with OpenSSH's `posix-rename` when the
//! server has it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::client::{self, Handle};
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::client::{RawSftpSession, SftpSession};
use russh_sftp::extensions::HardlinkExtension;
use russh_sftp::protocol::{Packet, StatusCode};
use tokio::io::AsyncWriteExt;

mod auth;

use auth::{Checker, authenticate};

use super::login::Access;
use super::remote::{Entry, ErrorKind, Remote, RemoteError, action, join, temp_name};

const POSIX_RENAME: &str = "posix-rename@openssh.com";
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// One logged-in SFTP connection.
pub struct Sftp {
    runtime: tokio::runtime::Runtime,
    _ssh: Handle<Checker>,
    sftp: SftpSession,
    /// A second SFTP channel for `posix-rename`, when the server offers it.
    renamer: Option<RawSftpSession>,
    root: String,
}

/// Opens a connection and logs in.
pub fn connect(access: &Access<'_>) -> Result<Sftp, RemoteError> {
    // One worker thread of its own, so keepalives flow while vestis waits for an answer.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| {
            RemoteError::new(
                ErrorKind::Connection,
                format!("cannot start a connection ({e})"),
            )
        })?;
    let (ssh, sftp, renamer) = runtime.block_on(open(access))?;
    Ok(Sftp {
        runtime,
        _ssh: ssh,
        sftp,
        renamer,
        root: access.target.path.clone(),
    })
}

async fn open(
    access: &Access<'_>,
) -> Result<(Handle<Checker>, SftpSession, Option<RawSftpSession>), RemoteError> {
    let t = access.target;
    let config = client::Config {
        inactivity_timeout: Some(Duration::from_secs(120)),
        keepalive_interval: Some(Duration::from_secs(20)),
        ..Default::default()
    };
    let problem = Arc::new(Mutex::new(None));
    let checker = Checker {
        host: t.host.clone(),
        port: t.port,
        known_hosts: access.known_hosts.clone(),
        ui: access.ui,
        problem: problem.clone(),
    };
    let connecting = client::connect(Arc::new(config), (t.host.as_str(), t.port), checker);
    let mut ssh = match tokio::time::timeout(CONNECT_TIMEOUT, connecting).await {
        Err(_) => return Err(unreachable(access, "it did not answer within 30 seconds")),
        Ok(Err(e)) => {
            let recorded = problem.lock().unwrap_or_else(|e| e.into_inner()).take();
            return Err(recorded.unwrap_or_else(|| unreachable(access, &e.to_string())));
        }
        Ok(Ok(handle)) => handle,
    };
    authenticate(&mut ssh, access).await?;
    let lost = |e: russh::Error| RemoteError::lost("opening the file transfer", e);
    let channel = ssh.channel_open_session().await.map_err(lost)?;
    channel
        .request_subsystem(true, "sftp")
        .await
        .map_err(lost)?;
    let sftp = SftpSession::new(channel.into_stream())
        .await
        .map_err(|e| RemoteError::lost("opening the file transfer", e))?;
    // The default (10 s per request) is short for a large file on a slow line.
    sftp.set_timeout(60);
    let renamer = open_renamer(&ssh).await;
    Ok((ssh, sftp, renamer))
}

/// A raw SFTP session for `posix-rename`, if the server supports it.
async fn open_renamer(ssh: &Handle<Checker>) -> Option<RawSftpSession> {
    let channel = ssh.channel_open_session().await.ok()?;
    channel.request_subsystem(true, "sftp").await.ok()?;
    let raw = RawSftpSession::new(channel.into_stream());
    let version = raw.init().await.ok()?;
    (version.extensions.get(POSIX_RENAME).map(String::as_str) == Some("1")).then_some(raw)
}

fn unreachable(access: &Access<'_>, detail: &str) -> RemoteError {
    let t = access.target;
    RemoteError::new(
        ErrorKind::Connection,
        format!(
            "cannot reach the server `{}` on port {} ({detail})",
            t.host, t.port
        ),
    )
    .help("check the address in site.yaml and that this computer is online, then try again")
}

/// What the server answered, in words; `None` for a dropped connection.
fn refusal(e: &SftpError) -> Option<(StatusCode, String)> {
    match e {
        SftpError::Status(s) => Some((s.status_code, s.error_message.clone())),
        _ => None,
    }
}

fn is_missing(e: &SftpError) -> bool {
    matches!(refusal(e), Some((StatusCode::NoSuchFile, _)))
}

fn write_error(path: &str, what: &str, e: &SftpError) -> RemoteError {
    match refusal(e) {
        Some((StatusCode::ConnectionLost | StatusCode::NoConnection, _)) | None => {
            RemoteError::lost(&format!("{what} `{path}`"), e)
        }
        Some((code, message)) => {
            let said = if message.is_empty() {
                code.to_string()
            } else {
                message
            };
            RemoteError::refused(action(what), path, &said)
        }
    }
}

/// A failed write: the server's refusal, or a dropped connection.
fn io_error(path: &str, e: std::io::Error) -> RemoteError {
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<SftpError>()) {
        return write_error(path, "uploading", inner);
    }
    match e.kind() {
        std::io::ErrorKind::Other => RemoteError::refused("write", path, &e.to_string()),
        _ => RemoteError::lost(&format!("uploading `{path}`"), e),
    }
}

impl Sftp {
    async fn rename(&self, from: &str, to: &str) -> Result<(), SftpError> {
        if let Some(raw) = &self.renamer {
            let data = HardlinkExtension {
                oldpath: from.to_string(),
                newpath: to.to_string(),
            }
            .try_into()?;
            return match raw.extended(POSIX_RENAME, data).await? {
                Packet::Status(s) if s.status_code == StatusCode::Ok => Ok(()),
                Packet::Status(s) => Err(SftpError::Status(s)),
                _ => Err(SftpError::UnexpectedPacket),
            };
        }
        // Plain SFTP rename does not replace: remove first (a moment without the file).
        match self.sftp.remove_file(to).await {
            Err(e) if !is_missing(&e) => return Err(e),
            _ => {}
        }
        self.sftp.rename(from, to).await
    }
}

impl Remote for Sftp {
    fn read(&mut self, path: &str, limit: u64) -> Result<Option<Vec<u8>>, RemoteError> {
        let full = join(&self.root, path);
        self.runtime.block_on(async {
            let size = match self.sftp.metadata(full.as_str()).await {
                Err(e) if is_missing(&e) => return Ok(None),
                Err(e) => return Err(write_error(path, "reading", &e)),
                Ok(meta) => meta.len(),
            };
            if size > limit {
                return Err(RemoteError::new(
                    ErrorKind::Refused,
                    format!("`{path}` on the server is {size} bytes, too big to be vestis's"),
                ));
            }
            match self.sftp.read(full.as_str()).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if is_missing(&e) => Ok(None),
                Err(e) => Err(write_error(path, "reading", &e)),
            }
        })
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError> {
        let full = join(&self.root, path);
        let temp = join(&self.root, &temp_name(path));
        self.runtime.block_on(async {
            let mut file = self
                .sftp
                .create(temp.as_str())
                .await
                .map_err(|e| write_error(path, "uploading", &e))?;
            let io = |e: std::io::Error| io_error(path, e);
            file.write_all(bytes).await.map_err(io)?;
            file.shutdown().await.map_err(io)?;
            self.rename(&temp, &full)
                .await
                .map_err(|e| write_error(path, "renaming", &e))
        })
    }

    fn mkdir(&mut self, path: &str) -> Result<(), RemoteError> {
        let full = join(&self.root, path);
        self.runtime.block_on(async {
            if path.is_empty() && !full.is_empty() {
                // The site's folder itself: make its parents too.
                let mut sofar = String::new();
                for part in full.split('/') {
                    sofar = if sofar.is_empty() && !full.starts_with('/') {
                        part.to_string()
                    } else {
                        format!("{sofar}/{part}")
                    };
                    if !part.is_empty() {
                        let _ = self.sftp.create_dir(sofar.as_str()).await;
                    }
                }
            }
            match self.sftp.create_dir(full.as_str()).await {
                Ok(()) => Ok(()),
                Err(e) => match self.sftp.metadata(full.as_str()).await {
                    Ok(meta) if meta.is_dir() => Ok(()),
                    _ => Err(write_error(path, "making the folder", &e)),
                },
            }
        })
    }

    fn remove(&mut self, path: &str) -> Result<(), RemoteError> {
        let full = join(&self.root, path);
        self.runtime
            .block_on(self.sftp.remove_file(full.as_str()))
            .or_else(|e| {
                if is_missing(&e) {
                    Ok(())
                } else {
                    Err(write_error(path, "deleting", &e))
                }
            })
    }

    fn rmdir(&mut self, path: &str) -> bool {
        let full = join(&self.root, path);
        self.runtime
            .block_on(self.sftp.remove_dir(full.as_str()))
            .is_ok()
    }

    fn list(&mut self, path: &str) -> Result<Vec<Entry>, RemoteError> {
        let full = join(&self.root, path);
        let dir = if full.is_empty() { "." } else { full.as_str() };
        self.runtime.block_on(async {
            let entries = match self.sftp.read_dir(dir).await {
                Ok(entries) => entries,
                Err(e) if is_missing(&e) => return Ok(Vec::new()),
                Err(e) => return Err(write_error(path, "listing", &e)),
            };
            Ok(entries
                .filter(|e| e.file_name() != "." && e.file_name() != "..")
                .map(|e| Entry {
                    name: e.file_name(),
                    is_dir: e.file_type().is_dir(),
                    size: e.metadata().len(),
                })
                .collect())
        })
    }
}

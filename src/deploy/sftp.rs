//! SFTP: the one home of `russh` and `russh-sftp` (pure Rust SSH; no C library to build).
//!
//! Each connection runs its own small tokio runtime so the rest of `deploy` sees a plain
//! blocking [`Remote`]. The server's key is checked against OpenSSH's known_hosts file (the
//! same one `ssh` and `sftp` use); a new server is trusted only after the officer confirms its
//! fingerprint (or `--yes`), a changed key is always refused. Uploads go to a temporary name
//! and are renamed into place with OpenSSH's `posix-rename` when the server has it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::client::{self, Handle};
use russh::keys::{self, HashAlg, PrivateKeyWithHashAlg, PublicKey};
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::client::{RawSftpSession, SftpSession};
use russh_sftp::extensions::HardlinkExtension;
use russh_sftp::protocol::{Packet, StatusCode};
use tokio::io::AsyncWriteExt;

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
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| RemoteError::new(ErrorKind::Connection, format!("cannot start ({e})")))?;
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

async fn authenticate(ssh: &mut Handle<Checker>, access: &Access<'_>) -> Result<(), RemoteError> {
    let t = access.target;
    let lost = |e: russh::Error| RemoteError::lost("logging in", e);
    let keys: Vec<PathBuf> = match &t.key {
        Some(key) => vec![key.clone()],
        None => default_keys(),
    };
    for path in &keys {
        let Some(key) = load_key(path, access, t.key.is_some())? else {
            continue;
        };
        let hash = ssh.best_supported_rsa_hash().await.map_err(lost)?.flatten();
        let key = PrivateKeyWithHashAlg::new(Arc::new(key), hash);
        let result = ssh
            .authenticate_publickey(&t.user, key)
            .await
            .map_err(lost)?;
        if result.success() {
            return Ok(());
        }
        if t.key.is_some() {
            return Err(RemoteError::new(
                ErrorKind::Login,
                format!(
                    "the server `{}` refused the key {} for `{}`",
                    t.host,
                    path.display(),
                    t.user
                ),
            )
            .help(format!(
                "add the key's public half ({}.pub) to the server's authorized keys (the hosting control panel has a page for SSH keys), or check the user name",
                path.display()
            )));
        }
    }
    let password = access.password()?;
    let result = ssh
        .authenticate_password(&t.user, password)
        .await
        .map_err(lost)?;
    if result.success() {
        return Ok(());
    }
    Err(RemoteError::new(
        ErrorKind::Login,
        format!(
            "the server `{}` refused the password for `{}`",
            t.host, t.user
        ),
    )
    .help(format!(
        "check the password in `{}` (or the one you typed) and the user name; the hosting control panel can reset it",
        t.password_env
    )))
}

/// The usual key files of `ssh` that exist.
fn default_keys() -> Vec<PathBuf> {
    let Some(home) = std::env::var_os("HOME") else {
        return Vec::new();
    };
    let ssh = Path::new(&home).join(".ssh");
    ["id_ed25519", "id_ecdsa", "id_rsa"]
        .iter()
        .map(|name| ssh.join(name))
        .filter(|p| p.is_file())
        .collect()
}

/// Reads a key file; `explicit`: named in site.yaml, so any problem is an error (default keys
/// that cannot be used are passed over).
fn load_key(
    path: &Path,
    access: &Access<'_>,
    explicit: bool,
) -> Result<Option<keys::PrivateKey>, RemoteError> {
    let failed = |e: keys::Error| {
        RemoteError::new(
            ErrorKind::Login,
            format!("cannot use the key {} ({e})", path.display()),
        )
        .help(
            "check the `key:` path in site.yaml; it must be a private key file made by ssh-keygen",
        )
    };
    match keys::load_secret_key(path, None) {
        Ok(key) => Ok(Some(key)),
        Err(keys::Error::KeyIsEncrypted) => match access.passphrase(path) {
            Some(phrase) => match keys::load_secret_key(path, Some(&phrase)) {
                Ok(key) => Ok(Some(key)),
                Err(e) if explicit => Err(failed(e)),
                Err(_) => Ok(None),
            },
            None if explicit => Err(RemoteError::new(
                ErrorKind::Login,
                format!("the key {} needs its passphrase", path.display()),
            )
            .help(format!(
                "set the environment variable `{}` to it, or run `vestis deploy` in a terminal to type it",
                access.target.password_env
            ))),
            None => Ok(None),
        },
        Err(e) if explicit => Err(failed(e)),
        Err(_) => Ok(None),
    }
}

/// Checks the server's key against known_hosts; records why it refused.
struct Checker {
    host: String,
    port: u16,
    known_hosts: PathBuf,
    ui: super::ui::Ui,
    problem: Arc<Mutex<Option<RemoteError>>>,
}

impl Checker {
    fn trust(&self, key: &PublicKey) -> Result<(), RemoteError> {
        let fingerprint = key.fingerprint(HashAlg::Sha256);
        let file = self.known_hosts.display();
        match keys::check_known_hosts_path(&self.host, self.port, key, &self.known_hosts) {
            Ok(true) => Ok(()),
            Ok(false) => {
                let question = format!(
                    "The server {}:{} is new to this computer. Its key's fingerprint is {fingerprint}. Compare it with the one your host publishes. Trust it?",
                    self.host, self.port
                );
                if !self.ui.confirm(&question) {
                    return Err(RemoteError::new(
                        ErrorKind::Identity,
                        format!("the server `{}` is not known yet (its key's fingerprint is {fingerprint})", self.host),
                    )
                    .help("run `vestis deploy` in a terminal to confirm it after comparing the fingerprint with the one your host publishes, or run again with `--yes` to trust it"));
                }
                if let Some(dir) = self.known_hosts.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                keys::known_hosts::learn_known_hosts_path(&self.host, self.port, key, &self.known_hosts)
                    .map_err(|e| {
                        RemoteError::new(
                            ErrorKind::Identity,
                            format!("cannot remember the server's key in {file} ({e})"),
                        )
                    })
            }
            Err(keys::Error::KeyChanged { line }) => Err(RemoteError::new(
                ErrorKind::Identity,
                format!(
                    "the server `{}` answered with a different key than the one trusted before (line {line} of {file}); its fingerprint is now {fingerprint}: someone may be pretending to be the server",
                    self.host
                ),
            )
            .help(format!("do not deploy now; ask the host whether they changed the server's key. Only if they did, delete line {line} of {file} and run again"))),
            Err(e) => Err(RemoteError::new(
                ErrorKind::Identity,
                format!("cannot read the trusted server keys in {file} ({e})"),
            )),
        }
    }
}

impl client::Handler for Checker {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        server_key: &keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let result = match server_key {
            keys::PublicKeyOrCertificate::PublicKey { key, .. } => self.trust(key),
            keys::PublicKeyOrCertificate::Certificate(_) => Err(RemoteError::new(
                ErrorKind::Identity,
                format!(
                    "the server `{}` shows a certificate instead of a key",
                    self.host
                ),
            )),
        };
        match result {
            Ok(()) => Ok(true),
            Err(problem) => {
                *self.problem.lock().unwrap_or_else(|e| e.into_inner()) = Some(problem);
                Ok(false)
            }
        }
    }
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

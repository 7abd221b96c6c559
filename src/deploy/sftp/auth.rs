//! Logging in over SSH: the server's key checked against OpenSSH's known_hosts file (a new
//! server trusted only after the officer confirms its fingerprint, or `--yes`; a changed key
//! always refused), then the user's key file, the usual `~/.ssh` keys, or the password.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use russh::client::{self, Handle};
use russh::keys::{self, HashAlg, PrivateKeyWithHashAlg, PublicKey};

use crate::deploy::login::Access;
use crate::deploy::remote::{ErrorKind, RemoteError};

pub(super) async fn authenticate(
    ssh: &mut Handle<Checker>,
    access: &Access<'_>,
) -> Result<(), RemoteError> {
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
pub(super) struct Checker {
    pub(super) host: String,
    pub(super) port: u16,
    pub(super) known_hosts: PathBuf,
    pub(super) ui: crate::deploy::ui::Ui,
    pub(super) problem: Arc<Mutex<Option<RemoteError>>>,
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

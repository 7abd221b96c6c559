//! What a connection needs to log in: the target, the password (from its environment variable
//! or typed once on the terminal, then kept in memory for the other connections) and the file
//! of trusted server identities. Secrets never come from site.yaml.

use std::path::PathBuf;
use std::sync::Mutex;

use super::remote::{ErrorKind, RemoteError};
use super::ui::Ui;
use crate::config::deploy::{DeployTarget, Protocol};

/// Login material shared by every connection of one deploy.
pub struct Access<'a> {
    /// Where to.
    pub target: &'a DeployTarget,
    /// How to ask.
    pub ui: Ui,
    /// Trusted server keys (SFTP, OpenSSH's format) or certificates (FTPS).
    pub known_hosts: PathBuf,
    password: Mutex<Option<String>>,
    passphrase: Mutex<Option<String>>,
}

impl<'a> Access<'a> {
    /// Access to `target`.
    pub fn new(target: &'a DeployTarget, ui: Ui) -> Self {
        let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
        let known_hosts = target
            .known_hosts
            .clone()
            .unwrap_or_else(|| match target.protocol {
                Protocol::Sftp => home.join(".ssh").join("known_hosts"),
                Protocol::Ftps | Protocol::Ftp => home
                    .join(".config")
                    .join("vestis")
                    .join("known_certificates"),
            });
        Access {
            target,
            ui,
            known_hosts,
            password: Mutex::new(None),
            passphrase: Mutex::new(None),
        }
    }

    /// The login password: the environment variable, else typed on the terminal (once).
    pub fn password(&self) -> Result<String, RemoteError> {
        let t = self.target;
        let prompt = format!("password of {} on {}: ", t.user, t.host);
        self.secret(&self.password, &prompt).ok_or_else(|| {
            let key = if t.protocol == Protocol::Sftp {
                ", or give the target a `key:`"
            } else {
                ""
            };
            RemoteError::new(
                ErrorKind::Login,
                format!("no password to log in to `{}` as `{}`", t.host, t.user),
            )
            .help(format!(
                "set the environment variable `{}` to the password, or run `vestis deploy` in a terminal to type it{key}",
                t.password_env
            ))
        })
    }

    /// The passphrase of an encrypted key file: the environment variable, else typed.
    pub fn passphrase(&self, key: &std::path::Path) -> Option<String> {
        let prompt = format!("passphrase of the key {}: ", key.display());
        self.secret(&self.passphrase, &prompt)
    }

    fn secret(&self, cache: &Mutex<Option<String>>, prompt: &str) -> Option<String> {
        let mut cached = cache.lock().unwrap_or_else(|e| e.into_inner());
        if cached.is_none() {
            *cached = std::env::var(&self.target.password_env)
                .ok()
                .filter(|p| !p.is_empty())
                .or_else(|| self.ui.secret(prompt));
        }
        cached.clone()
    }
}

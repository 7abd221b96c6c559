//! The `deploy:` block of site.yaml: where `vestis deploy` publishes the site.
//!
//! Raw serde types mirror the file; `resolve` checks them (the URL's protocol, host, that no
//! password is written in the file) and gives the resolved [`DeployConfig`]. Secrets never live
//! here: a target names the environment variable that holds its password. This module knows
//! nothing about SSH or FTP.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::yaml::{Located, Pos, Source};

/// The environment variable read for a password when a target names none.
pub const DEFAULT_PASSWORD_ENV: &str = "VESTIS_DEPLOY_PASSWORD";
/// Files a deploy may delete without `--yes` when a target sets no `max_deletions`.
pub const DEFAULT_MAX_DELETIONS: usize = 50;
/// Connections used in parallel when a target sets no `connections`.
pub const DEFAULT_CONNECTIONS: usize = 4;

/// How a target is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// SSH file transfer (`sftp://`).
    Sftp,
    /// FTP with explicit TLS (`ftps://`).
    Ftps,
    /// Plain FTP (`ftp://`): the password travels unencrypted.
    Ftp,
}

impl Protocol {
    /// The URL scheme.
    pub fn scheme(self) -> &'static str {
        match self {
            Protocol::Sftp => "sftp",
            Protocol::Ftps => "ftps",
            Protocol::Ftp => "ftp",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Protocol::Sftp => 22,
            Protocol::Ftps | Protocol::Ftp => 21,
        }
    }
}

/// Where in site.yaml a target is declared (its `url:` value), for messages about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// site.yaml, relative to the site root.
    pub path: PathBuf,
    /// 1-based line and column of the `url` value.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// The line's text.
    pub source_line: Option<String>,
    /// Characters of the value.
    pub len: usize,
}

impl Declared {
    /// An error about this target, shown at its `url:` line.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::error(Some(&self.path), message);
        d.line = self.line;
        d.col = self.col;
        d.source_line = self.source_line.clone();
        d.marker_len = self.len.max(1);
        d
    }

    /// A warning about this target.
    pub fn warning(&self, message: impl Into<String>) -> Diagnostic {
        let mut d = self.error(message);
        d.severity = crate::diagnostics::Severity::Warning;
        d
    }
}

/// One place the site can be published to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployTarget {
    /// The target's name under `targets:`.
    pub name: String,
    /// How it is reached.
    pub protocol: Protocol,
    /// Host name or address.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// The login name.
    pub user: String,
    /// The site's folder on the server: relative to the login folder, or absolute (`/…`).
    pub path: String,
    /// SFTP: the private key file to log in with (else default keys, then the password).
    pub key: Option<PathBuf>,
    /// The environment variable holding the password (or the key's passphrase).
    pub password_env: String,
    /// The file of known server keys (SFTP) or certificates (FTPS); `None`: the default.
    pub known_hosts: Option<PathBuf>,
    /// Connections used in parallel.
    pub connections: usize,
    /// Deletions allowed without `--yes`.
    pub max_deletions: usize,
    /// Where it is declared.
    pub declared: Declared,
}

/// The resolved `deploy:` block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeployConfig {
    /// Targets in declaration order; the first is the default.
    pub targets: IndexMap<String, DeployTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeploy {
    #[serde(default)]
    targets: IndexMap<String, Located<RawTarget>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    url: Located<String>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    password_env: Option<Located<String>>,
    #[serde(default)]
    known_hosts: Option<String>,
    #[serde(default)]
    connections: Option<Located<usize>>,
    #[serde(default)]
    max_deletions: Option<usize>,
}

/// Checks the raw block, adding every problem to `diagnostics`.
pub(super) fn resolve(
    raw: Option<&Located<RawDeploy>>,
    root: &Path,
    source: Source<'_>,
    diagnostics: &mut Diagnostics,
) -> DeployConfig {
    let Some(raw) = raw else {
        return DeployConfig::default();
    };
    let mut targets = IndexMap::new();
    for (name, raw_target) in &raw.value.targets {
        if !super::is_valid_id(name) {
            diagnostics.push(source.error_at(
                raw_target.pos,
                1,
                format!("target name `{name}` may only hold lowercase letters, digits and `-`"),
            ));
        }
        if let Some(target) = resolve_target(name, &raw_target.value, root, source, diagnostics) {
            targets.insert(name.clone(), target);
        }
    }
    DeployConfig { targets }
}

fn resolve_target(
    name: &str,
    raw: &RawTarget,
    root: &Path,
    source: Source<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<DeployTarget> {
    let error = |pos: Pos, len: usize, message: String| source.error_at(pos, len, message);
    let source_line = source
        .file_text
        .lines()
        .nth(raw.url.pos.line.saturating_sub(1))
        .map(|l| l.trim_end_matches('\r').to_string());
    let quoted = source_line
        .as_deref()
        .and_then(|l| l.chars().nth(raw.url.pos.col.saturating_sub(1)))
        .is_some_and(|c| c == '"' || c == '\'');
    let url_len = raw.url.value.chars().count() + if quoted { 2 } else { 0 };
    let url = parse_url(&raw.url.value).map_err(|(message, help)| {
        diagnostics.push(error(raw.url.pos, url_len, message).with_suggestion(help));
    });
    let mut password_env = DEFAULT_PASSWORD_ENV.to_string();
    if let Some(env) = &raw.password_env {
        let valid = !env.value.is_empty()
            && env
                .value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            diagnostics.push(
                error(env.pos, 1, format!("`password_env` must name an environment variable, found `{}`", env.value))
                    .with_suggestion("write a name of letters, digits and `_`, e.g. `VESTIS_DEPLOY_PASSWORD`; the password itself never goes in site.yaml"),
            );
        }
        password_env = env.value.clone();
    }
    let connections = match &raw.connections {
        Some(c) if c.value == 0 || c.value > 16 => {
            diagnostics.push(
                error(
                    c.pos,
                    1,
                    format!("`connections` is {}, expected 1 to 16", c.value),
                )
                .with_suggestion("use 4 (the default) unless the host limits connections"),
            );
            DEFAULT_CONNECTIONS
        }
        Some(c) => c.value,
        None => DEFAULT_CONNECTIONS,
    };
    let pos = raw.url.pos;
    let url = url.ok()?;
    Some(DeployTarget {
        name: name.to_string(),
        protocol: url.protocol,
        host: url.host,
        port: url.port,
        user: url.user,
        path: url.path,
        key: raw.key.as_deref().map(|k| expand_path(k, root)),
        password_env,
        known_hosts: raw.known_hosts.as_deref().map(|k| expand_path(k, root)),
        connections,
        max_deletions: raw.max_deletions.unwrap_or(DEFAULT_MAX_DELETIONS),
        declared: Declared {
            path: source.path.to_path_buf(),
            line: pos.line,
            col: pos.col,
            source_line,
            len: url_len,
        },
    })
}

/// `~/x` in the home folder, a relative path against the site root.
fn expand_path(text: &str, root: &Path) -> PathBuf {
    if let (Some(rest), Some(home)) = (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        return PathBuf::from(home).join(rest);
    }
    root.join(text)
}

struct ParsedUrl {
    protocol: Protocol,
    host: String,
    port: u16,
    user: String,
    path: String,
}

const URL_HELP: &str = "write it like `sftp://user@example.lv/www/` (or `ftps://`, `ftp://`)";

/// Reads `sftp://user@host:port/path/`; the path is relative to the login folder unless it
/// starts with `//` (`sftp://user@host//var/www/` is `/var/www`).
fn parse_url(text: &str) -> Result<ParsedUrl, (String, String)> {
    let bad = |what: &str| (format!("`{text}` {what}"), URL_HELP.to_string());
    let url = url::Url::parse(text).map_err(|e| bad(&format!("is not a server address ({e})")))?;
    let schemes = ["sftp://", "ftps://", "ftp://"];
    let protocol = match url.scheme() {
        "sftp" => Protocol::Sftp,
        "ftps" => Protocol::Ftps,
        "ftp" => Protocol::Ftp,
        other => {
            let hint = did_you_mean(&format!("{other}://"), schemes)
                .unwrap_or_else(|| URL_HELP.to_string());
            return Err((
                format!(
                    "`{other}://` is not a way vestis can publish: use `sftp://`, `ftps://` or `ftp://`"
                ),
                hint,
            ));
        }
    };
    if url.password().is_some() {
        return Err((
            "the address holds a password: a password must never be written in site.yaml".into(),
            format!(
                "remove `:…` after the user name and put the password in the environment variable `{DEFAULT_PASSWORD_ENV}` (or type it when vestis asks)"
            ),
        ));
    }
    let host = match url.host_str() {
        Some(h) if !h.is_empty() => h.trim_start_matches('[').trim_end_matches(']').to_string(),
        _ => return Err(bad("names no server")),
    };
    let user = percent_encoding::percent_decode_str(url.username())
        .decode_utf8_lossy()
        .into_owned();
    if user.is_empty() {
        return Err(bad("names no user: write `user@` before the server's name"));
    }
    let decoded = percent_encoding::percent_decode_str(url.path()).decode_utf8_lossy();
    let path = match decoded.strip_prefix("//") {
        Some(absolute) => format!("/{}", absolute.trim_end_matches('/')),
        None => decoded.trim_matches('/').to_string(),
    };
    if path.split('/').any(|s| s == "..") {
        return Err(bad("climbs out of a folder with `..`"));
    }
    Ok(ParsedUrl {
        protocol,
        host,
        port: url.port().unwrap_or(protocol.default_port()),
        user,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_urls() {
        let u = parse_url("sftp://ana@example.lv/www/").ok().unwrap();
        assert_eq!(
            (
                u.protocol,
                u.host.as_str(),
                u.port,
                u.user.as_str(),
                u.path.as_str()
            ),
            (Protocol::Sftp, "example.lv", 22, "ana", "www")
        );
        let u = parse_url("ftps://ana%40example.lv@ftp.example.lv:2121//var/www/")
            .ok()
            .unwrap();
        assert_eq!(
            (u.protocol, u.port, u.user.as_str(), u.path.as_str()),
            (Protocol::Ftps, 2121, "ana@example.lv", "/var/www")
        );
        let u = parse_url("ftp://ana@127.0.0.1").ok().unwrap();
        assert_eq!((u.port, u.path.as_str()), (21, ""));
    }

    #[test]
    fn refuses_bad_urls() {
        let message = |t: &str| parse_url(t).err().unwrap().0;
        assert!(message("sftp://ana:secret@example.lv/").contains("password"));
        assert!(message("http://ana@example.lv/").contains("`http://` is not a way"));
        assert!(message("sftp://example.lv/").contains("names no user"));
        assert!(message("sftp://ana@example.lv/a/%2E%2E%2Fb").contains(".."));
        assert_eq!(
            parse_url("stfp://a@b/").err().unwrap().1,
            "did you mean `sftp://`?"
        );
    }
}

//! FTP and FTPS (explicit TLS): the one home of `suppaftp` and `rustls`.
//!
//! Certificates are checked in [`tls`]. Uploads go to a temporary name and are renamed into
//! place.

use std::io::Cursor;
use std::net::{TcpStream, ToSocketAddrs};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use suppaftp::types::FileType;
use suppaftp::{FtpError, FtpStream, ImplFtpStream, RustlsConnector, RustlsFtpStream, TlsStream};

mod tls;

use tls::tls_config;

use super::login::Access;
use super::remote::{Entry, ErrorKind, Remote, RemoteError, join, temp_name};
use crate::config::deploy::Protocol;

const TIMEOUT: Duration = Duration::from_secs(30);

/// One logged-in FTP or FTPS connection.
pub struct Ftp<T: TlsStream> {
    stream: ImplFtpStream<T>,
    root: String,
    /// The folder the server put us in after logging in.
    home: String,
}

/// Opens a connection (with TLS for FTPS) and logs in.
pub fn connect(access: &Access<'_>) -> Result<Box<dyn Remote>, RemoteError> {
    match access.target.protocol {
        Protocol::Ftps => match secure(access, true) {
            // A server that offers no usable TLS 1.2 cipher: TLS 1.3 (see `tls_config`).
            Err(e) if e.kind == ErrorKind::Connection && e.help.is_none() => secure(access, false),
            other => other,
        },
        Protocol::Ftp | Protocol::Sftp => {
            let stream = FtpStream::connect_with_stream(tcp(access)?)
                .map_err(|e| ftp_error(access, "connecting", &e))?;
            Ok(Box::new(login(stream, access)?))
        }
    }
}

/// An FTPS connection; `tls12`: TLS 1.2 only.
fn secure(access: &Access<'_>, tls12: bool) -> Result<Box<dyn Remote>, RemoteError> {
    let problem = Arc::new(Mutex::new(None));
    let config = tls_config(access, problem.clone(), tls12)?;
    let stream = RustlsFtpStream::connect_with_stream(tcp(access)?)
        .map_err(|e| ftp_error(access, "connecting", &e))?;
    let connector = RustlsConnector::from(Arc::new(config));
    let stream = stream
        .into_secure(connector, &access.target.host)
        .map_err(|e| {
            let recorded = problem.lock().unwrap_or_else(|e| e.into_inner()).take();
            recorded.unwrap_or_else(|| tls_refused(access, &e))
        })?;
    Ok(Box::new(login(stream, access)?))
}

fn tcp(access: &Access<'_>) -> Result<TcpStream, RemoteError> {
    let t = access.target;
    let unreachable = |detail: String| {
        RemoteError::new(
            ErrorKind::Connection,
            format!(
                "cannot reach the server `{}` on port {} ({detail})",
                t.host, t.port
            ),
        )
        .help("check the address in site.yaml and that this computer is online, then try again")
    };
    let addr = (t.host.as_str(), t.port)
        .to_socket_addrs()
        .map_err(|e| unreachable(e.to_string()))?
        .next()
        .ok_or_else(|| unreachable("the name has no address".into()))?;
    let tcp = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(|e| unreachable(e.to_string()))?;
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(120)));
    let _ = tcp.set_write_timeout(Some(Duration::from_secs(120)));
    Ok(tcp)
}

fn login<T: TlsStream + Send>(
    mut stream: ImplFtpStream<T>,
    access: &Access<'_>,
) -> Result<Ftp<T>, RemoteError> {
    let t = access.target;
    let password = access.password()?;
    match stream.login(t.user.as_str(), password.as_str()) {
        Ok(()) => {}
        Err(FtpError::UnexpectedResponse(r)) if matches!(r.status.code(), 530 | 430) => {
            return Err(RemoteError::new(
                ErrorKind::Login,
                format!("the server `{}` refused the password for `{}`", t.host, t.user),
            )
            .help(format!(
                "check the password in `{}` (or the one you typed) and the user name; the hosting control panel can reset it",
                t.password_env
            )));
        }
        Err(e) => return Err(ftp_error(access, "logging in", &e)),
    }
    // Shared hosts behind NAT often answer PASV with an inner address: use the server's.
    stream.set_passive_nat_workaround(true);
    stream
        .transfer_type(FileType::Binary)
        .map_err(|e| ftp_error(access, "logging in", &e))?;
    let home = stream.pwd().unwrap_or_else(|_| "/".into());
    Ok(Ftp {
        stream,
        root: t.path.clone(),
        home,
    })
}

fn ftp_error(access: &Access<'_>, what: &str, e: &FtpError) -> RemoteError {
    match e {
        FtpError::ConnectionError(io) => RemoteError::lost(what, io),
        _ => RemoteError::new(
            ErrorKind::Connection,
            format!(
                "the server `{}` answered unexpectedly while {what} ({e})",
                access.target.host
            ),
        )
        .help("check that the address in site.yaml is the host's FTP server"),
    }
}

fn tls_refused(access: &Access<'_>, e: &FtpError) -> RemoteError {
    let host = &access.target.host;
    match e {
        FtpError::UnexpectedResponse(_) => RemoteError::new(
            ErrorKind::Connection,
            format!("the server `{host}` does not offer encryption (FTPS): {e}"),
        )
        .help("ask the host how to connect securely (SFTP or FTPS); use `ftp://` only if there is no other way"),
        // No help: `connect` tries again with TLS 1.3 before giving up.
        _ => RemoteError::new(
            ErrorKind::Connection,
            format!("cannot open an encrypted connection to `{host}` ({e})"),
        ),
    }
}

/// The server's reply code, when it refused.
fn code(e: &FtpError) -> Option<u32> {
    match e {
        FtpError::UnexpectedResponse(r) => Some(r.status.code()),
        _ => None,
    }
}

fn op_error(path: &str, what: &str, e: &FtpError) -> RemoteError {
    match e {
        FtpError::UnexpectedResponse(r) => {
            let body = String::from_utf8_lossy(&r.body).trim().to_string();
            let said = match r.status.code() {
                452 | 552 => format!("{body}; the server's disk or quota is full"),
                _ => body,
            };
            RemoteError::refused(super::remote::action(what), path, &said)
        }
        _ => RemoteError::lost(&format!("{what} `{path}`"), e),
    }
}

impl<T: TlsStream + Send> Remote for Ftp<T> {
    fn read(&mut self, path: &str, limit: u64) -> Result<Option<Vec<u8>>, RemoteError> {
        let full = join(&self.root, path);
        let size = match self.stream.size(full.as_str()) {
            Ok(size) => size as u64,
            Err(e) if code(&e) == Some(550) => return Ok(None),
            Err(e) => return Err(op_error(path, "reading", &e)),
        };
        if size > limit {
            return Err(RemoteError::new(
                ErrorKind::Refused,
                format!("`{path}` on the server is {size} bytes, too big to be vestis's"),
            ));
        }
        match self.stream.retr_as_buffer(full.as_str()) {
            Ok(cursor) => Ok(Some(cursor.into_inner())),
            Err(e) if code(&e) == Some(550) => Ok(None),
            Err(e) => Err(op_error(path, "reading", &e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError> {
        let full = join(&self.root, path);
        let temp = join(&self.root, &temp_name(path));
        self.stream
            .put_file(temp.as_str(), &mut Cursor::new(bytes))
            .map_err(|e| op_error(path, "uploading", &e))?;
        if self.stream.rename(temp.as_str(), full.as_str()).is_ok() {
            return Ok(());
        }
        // Some servers do not rename over an existing file: remove it, then rename.
        let _ = self.stream.rm(full.as_str());
        self.stream
            .rename(temp.as_str(), full.as_str())
            .map_err(|e| op_error(path, "renaming", &e))
    }

    fn mkdir(&mut self, path: &str) -> Result<(), RemoteError> {
        let full = join(&self.root, path);
        let parts: Vec<String> = if path.is_empty() {
            // The site's folder itself: make its parents too.
            let mut sofar = String::new();
            full.split('/')
                .filter_map(|part| {
                    sofar = if sofar.is_empty() && !full.starts_with('/') {
                        part.to_string()
                    } else {
                        format!("{sofar}/{part}")
                    };
                    (!part.is_empty()).then(|| sofar.clone())
                })
                .collect()
        } else {
            vec![full]
        };
        for dir in parts {
            if let Err(e) = self.stream.mkdir(dir.as_str()) {
                let exists = self.stream.cwd(dir.as_str()).is_ok();
                let _ = self.stream.cwd(self.home.as_str());
                if !exists {
                    return Err(op_error(path, "making the folder", &e));
                }
            }
        }
        Ok(())
    }

    fn remove(&mut self, path: &str) -> Result<(), RemoteError> {
        let full = join(&self.root, path);
        match self.stream.rm(full.as_str()) {
            Ok(()) => Ok(()),
            Err(e) if code(&e) == Some(550) && self.stream.size(full.as_str()).is_err() => Ok(()),
            Err(e) => Err(op_error(path, "deleting", &e)),
        }
    }

    fn rmdir(&mut self, path: &str) -> bool {
        let full = join(&self.root, path);
        self.stream.rmdir(full.as_str()).is_ok()
    }

    fn list(&mut self, path: &str) -> Result<Vec<Entry>, RemoteError> {
        let full = join(&self.root, path);
        let lines = match self
            .stream
            .list(Some(full.as_str()).filter(|f| !f.is_empty()))
        {
            Ok(lines) => lines,
            Err(e) if code(&e) == Some(550) => return Ok(Vec::new()),
            Err(e) => return Err(op_error(path, "listing", &e)),
        };
        Ok(lines
            .iter()
            .filter_map(|line| suppaftp::list::File::from_str(line).ok())
            .filter(|f| f.name() != "." && f.name() != "..")
            .map(|f| Entry {
                name: f.name().to_string(),
                is_dir: f.is_directory(),
                size: f.size() as u64,
            })
            .collect())
    }
}

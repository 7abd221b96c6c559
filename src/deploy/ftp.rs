//! FTP and FTPS (explicit TLS): the one home of `suppaftp` and `rustls`.
//!
//! FTPS certificates are accepted when a public certificate authority vouches for them, or —
//! as shared hosts often use their own — when their SHA-256 fingerprint was confirmed by the
//! officer before (or with `--yes`) and recorded in the known-certificates file; a changed
//! certificate that no authority vouches for is refused. Uploads go to a temporary name and
//! are renamed into place.

use std::io::Cursor;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use suppaftp::types::FileType;
use suppaftp::{FtpError, FtpStream, ImplFtpStream, RustlsConnector, RustlsFtpStream, TlsStream};

use super::login::Access;
use super::manifest::FileState;
use super::remote::{Entry, ErrorKind, Remote, RemoteError, join, temp_name};
use super::ui::Ui;
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
    let tcp = tcp(access)?;
    match access.target.protocol {
        Protocol::Ftps => {
            let problem = Arc::new(Mutex::new(None));
            let config = tls_config(access, problem.clone())?;
            let stream = RustlsFtpStream::connect_with_stream(tcp)
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
        Protocol::Ftp | Protocol::Sftp => {
            let stream = FtpStream::connect_with_stream(tcp)
                .map_err(|e| ftp_error(access, "connecting", &e))?;
            Ok(Box::new(login(stream, access)?))
        }
    }
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
        _ => RemoteError::new(
            ErrorKind::Identity,
            format!("cannot open an encrypted connection to `{host}` ({e})"),
        ),
    }
}

/// The TLS settings of FTPS: public authorities, then the officer's confirmed fingerprints.
fn tls_config(
    access: &Access<'_>,
    problem: Arc<Mutex<Option<RemoteError>>>,
) -> Result<ClientConfig, RemoteError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let failed = |e: rustls::Error| {
        RemoteError::new(
            ErrorKind::Identity,
            format!("cannot set up encryption ({e})"),
        )
    };
    let roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| {
            RemoteError::new(
                ErrorKind::Identity,
                format!("cannot set up encryption ({e})"),
            )
        })?;
    let verifier = Pinning {
        webpki,
        provider: provider.clone(),
        host: format!("{}:{}", access.target.host, access.target.port),
        file: access.known_hosts.clone(),
        ui: access.ui,
        accepted: Mutex::new(None),
        problem,
    };
    Ok(ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(failed)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth())
}

#[derive(Debug)]
struct Pinning {
    webpki: Arc<WebPkiServerVerifier>,
    provider: Arc<CryptoProvider>,
    /// `host:port`, as recorded in the file.
    host: String,
    file: PathBuf,
    ui: Ui,
    /// The fingerprint accepted for this run (every data connection shows it again).
    accepted: Mutex<Option<String>>,
    problem: Arc<Mutex<Option<RemoteError>>>,
}

impl Pinning {
    fn check(&self, fingerprint: &str) -> Result<(), RemoteError> {
        let mut accepted = self.accepted.lock().unwrap_or_else(|e| e.into_inner());
        if accepted.as_deref() == Some(fingerprint) {
            return Ok(());
        }
        let file = self.file.display();
        let known = std::fs::read_to_string(&self.file).unwrap_or_default();
        let recorded = known.lines().enumerate().find_map(|(i, line)| {
            let (host, fp) = line.split_once(' ')?;
            (host == self.host).then(|| (i + 1, fp.trim().to_string()))
        });
        match recorded {
            Some((_, fp)) if fp == fingerprint => {}
            Some((line, _)) => {
                return Err(RemoteError::new(
                    ErrorKind::Identity,
                    format!("the server `{}` shows a different certificate than the one trusted before (line {line} of {file}); its SHA-256 fingerprint is now {fingerprint}: someone may be pretending to be the server", self.host),
                )
                .help(format!("do not deploy now; ask the host whether they changed the certificate. Only if they did, delete line {line} of {file} and run again")));
            }
            None => {
                let question = format!(
                    "The server {} uses a certificate no public authority vouches for. Its SHA-256 fingerprint is {fingerprint}. Compare it with the one your host publishes. Trust it?",
                    self.host
                );
                if !self.ui.confirm(&question) {
                    return Err(RemoteError::new(
                        ErrorKind::Identity,
                        format!("the server `{}` uses a certificate that is not known yet (SHA-256 fingerprint {fingerprint})", self.host),
                    )
                    .help("run `vestis deploy` in a terminal to confirm it after comparing the fingerprint with the one your host publishes, or run again with `--yes` to trust it"));
                }
                let mut text = known;
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&format!("{} {fingerprint}\n", self.host));
                if let Some(dir) = self.file.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                std::fs::write(&self.file, text).map_err(|e| {
                    RemoteError::new(
                        ErrorKind::Identity,
                        format!("cannot remember the certificate in {file} ({e})"),
                    )
                })?;
            }
        }
        *accepted = Some(fingerprint.to_string());
        Ok(())
    }
}

impl ServerCertVerifier for Pinning {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let vouched = self.webpki.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        if vouched.is_ok() {
            return vouched;
        }
        let fingerprint = FileState::of(end_entity.as_ref()).sha256;
        match self.check(&fingerprint) {
            Ok(()) => Ok(ServerCertVerified::assertion()),
            Err(problem) => {
                *self.problem.lock().unwrap_or_else(|e| e.into_inner()) = Some(problem);
                Err(rustls::Error::General("certificate not trusted".into()))
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
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

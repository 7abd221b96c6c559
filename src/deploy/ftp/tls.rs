//! FTPS certificates: accepted when a public certificate authority vouches for them, or — as
//! shared hosts often use their own — when their SHA-256 fingerprint was confirmed by the
//! officer before (or with `--yes`) and recorded in the known-certificates file
//! (`host:port fingerprint` lines). A changed certificate no authority vouches for is refused.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::deploy::login::Access;
use crate::deploy::manifest::FileState;
use crate::deploy::remote::{ErrorKind, RemoteError};
use crate::deploy::ui::Ui;

/// The TLS settings of FTPS: public authorities, then the officer's confirmed fingerprints.
pub(super) fn tls_config(
    access: &Access<'_>,
    problem: Arc<Mutex<Option<RemoteError>>>,
    tls12: bool,
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
    // TLS 1.2 first: FTP servers (vsftpd's `require_ssl_reuse`, the default) demand that every
    // data connection resumes the control connection's session. A TLS 1.3 ticket is single-use
    // and arrives after the handshake, on a data connection an upload never reads, so the
    // tickets run out after two files; a TLS 1.2 session can be resumed again and again.
    let versions: &[&rustls::SupportedProtocolVersion] = if tls12 {
        &[&rustls::version::TLS12]
    } else {
        rustls::DEFAULT_VERSIONS
    };
    Ok(ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
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

//! Real servers for the deploy tests, started by the test on 127.0.0.1 with ephemeral ports
//! and throwaway keys: Debian's OpenSSH `sshd` (SFTP) and `vsftpd` (FTP, FTPS), plus a
//! loopback proxy that cuts a connection after a number of bytes. Each is stopped when its
//! value is dropped. A missing program fails the test: `scripts/test` installs them.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The user the password tests log in as (made by the test itself, as root).
pub const TEST_USER: &str = "vestis-deploy-test";
/// Its password.
pub const TEST_PASSWORD: &str = "Vestis-test-7Qx";

/// Panics (never skips) when `program` is missing.
pub fn require(program: &str, package: &str) -> PathBuf {
    for dir in ["/usr/sbin", "/usr/bin", "/sbin", "/bin"] {
        let path = Path::new(dir).join(program);
        if path.is_file() {
            return path;
        }
    }
    panic!(
        "`{program}` is missing: install Debian's `{package}` (scripts/test does: apt-get install {package})"
    );
}

fn run(cmd: &mut Command) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A free port on 127.0.0.1 (the kernel's choice).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            panic!("{what} exited ({status}): {err}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{what} did not listen on port {port} within 10 s");
}

/// Makes the password user (root only; anything else fails the test loudly).
pub fn ensure_test_user() {
    let uid = Command::new("id").arg("-u").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&uid.stdout).trim(),
        "0",
        "the password tests need root to create the user `{TEST_USER}` (CI runs as root)"
    );
    let exists = Command::new("id")
        .arg(TEST_USER)
        .output()
        .unwrap()
        .status
        .success();
    if !exists {
        run(Command::new("useradd").args(["-m", "-s", "/bin/sh", TEST_USER]));
    }
    let mut chpasswd = Command::new("chpasswd")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    chpasswd
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{TEST_USER}:{TEST_PASSWORD}\n").as_bytes())
        .unwrap();
    assert!(chpasswd.wait().unwrap().success());
}

/// Gives `path` (recursively) to the test user.
pub fn give_to_test_user(path: &Path) {
    run(Command::new("chown").arg("-R").arg(TEST_USER).arg(path));
}

/// A throwaway ed25519 key pair at `path` (private) and `path.pub`.
pub fn keygen(path: &Path) {
    run(Command::new(require("ssh-keygen", "openssh-client"))
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "vestis-test", "-f"])
        .arg(path));
}

/// An OpenSSH server on 127.0.0.1 with its own host key, accepting `client_key.pub`
/// (for any user) and passwords.
pub struct Sshd {
    child: Child,
    /// Its port.
    pub port: u16,
    /// Its folder: keys, config.
    pub dir: PathBuf,
}

impl Sshd {
    /// Starts one; `dir` holds its files (it must exist).
    pub fn start(dir: &Path) -> Sshd {
        let sshd = require("sshd", "openssh-server");
        std::fs::create_dir_all("/run/sshd").unwrap();
        let host_key = dir.join("host_key");
        if !host_key.exists() {
            keygen(&host_key);
        }
        let client_key = dir.join("client_key");
        if !client_key.exists() {
            keygen(&client_key);
        }
        std::fs::copy(dir.join("client_key.pub"), dir.join("authorized_keys")).unwrap();
        let port = free_port();
        let config = dir.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {hk}\nPidFile {d}/sshd.pid\n\
                 AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nUsePAM no\n\
                 PasswordAuthentication yes\nKbdInteractiveAuthentication no\n\
                 PermitRootLogin prohibit-password\nSubsystem sftp internal-sftp\n\
                 MaxStartups 50\nMaxSessions 50\nLogLevel ERROR\n",
                hk = host_key.display(),
                d = dir.display()
            ),
        )
        .unwrap();
        let mut child = Command::new(sshd)
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sshd");
        wait_for_port(port, &mut child, "sshd");
        Sshd {
            child,
            port,
            dir: dir.to_path_buf(),
        }
    }

    /// A known_hosts line for this server's key.
    pub fn known_hosts_line(&self) -> String {
        let public = std::fs::read_to_string(self.dir.join("host_key.pub")).unwrap();
        let mut parts = public.split_whitespace();
        let (kind, key) = (parts.next().unwrap(), parts.next().unwrap());
        format!("[127.0.0.1]:{} {kind} {key}\n", self.port)
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// vsftpd on 127.0.0.1 for local users, with TLS required when `tls`.
pub struct Vsftpd {
    child: Child,
    /// Its control port.
    pub port: u16,
}

impl Vsftpd {
    /// Starts one; `dir` holds its config (and certificate).
    pub fn start(dir: &Path, tls: bool) -> Vsftpd {
        let vsftpd = require("vsftpd", "vsftpd");
        std::fs::create_dir_all("/var/run/vsftpd/empty").unwrap();
        let port = free_port();
        let pasv = free_port().clamp(20_000, 60_000);
        let mut config = format!(
            "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port={port}\n\
             background=NO\nanonymous_enable=NO\nlocal_enable=YES\nwrite_enable=YES\n\
             local_umask=022\npasv_enable=YES\npasv_min_port={pasv}\npasv_max_port={}\n\
             pasv_address=127.0.0.1\nseccomp_sandbox=NO\npam_service_name=vsftpd\n\
             secure_chroot_dir=/var/run/vsftpd/empty\nxferlog_enable=NO\nuserlist_enable=NO\n\
             max_per_ip=50\nmax_clients=50\n",
            pasv + 60
        );
        if tls {
            let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
            run(Command::new(require("openssl", "openssl"))
                .args([
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                ])
                .args(["-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-keyout"])
                .arg(&key)
                .arg("-out")
                .arg(&cert)
                .stderr(Stdio::null()));
            config.push_str(&format!(
                "ssl_enable=YES\nrsa_cert_file={}\nrsa_private_key_file={}\nallow_anon_ssl=NO\n\
                 force_local_logins_ssl=YES\nforce_local_data_ssl=YES\nrequire_ssl_reuse=YES\nssl_ciphers=HIGH\n\
                 ssl_tlsv1=NO\nssl_sslv2=NO\nssl_sslv3=NO\n",
                cert.display(),
                key.display()
            ));
        }
        let conf = dir.join("vsftpd.conf");
        std::fs::write(&conf, config).unwrap();
        let mut child = Command::new(vsftpd)
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vsftpd");
        wait_for_port(port, &mut child, "vsftpd");
        Vsftpd { child, port }
    }
}

impl Drop for Vsftpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback TCP proxy to `upstream` that cuts its first connection after `limit` bytes
/// from the client; later connections pass untouched.
pub struct CuttingProxy {
    /// Where to connect.
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Connections accepted so far.
    pub connections: Arc<AtomicUsize>,
}

impl CuttingProxy {
    /// Starts one.
    pub fn start(upstream: u16, limit: usize) -> CuttingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicUsize::new(0));
        let (stop2, count) = (stop.clone(), connections.clone());
        let thread = std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        let n = count.fetch_add(1, Ordering::Relaxed);
                        let server = TcpStream::connect(("127.0.0.1", upstream)).unwrap();
                        let cap = if n == 0 { limit } else { usize::MAX };
                        pipe(client, server, cap);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        CuttingProxy {
            port,
            stop,
            thread: Some(thread),
            connections,
        }
    }
}

/// Copies both ways; after `cap` bytes from the client, closes both sockets.
fn pipe(client: TcpStream, server: TcpStream, cap: usize) {
    let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    std::thread::spawn(move || {
        let (mut from, mut to) = (client, server);
        let mut sent = 0;
        let mut buf = [0u8; 4096];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let n = n.min(cap - sent);
            if to.write_all(&buf[..n]).is_err() {
                break;
            }
            sent += n;
            if sent >= cap {
                break;
            }
        }
        let _ = from.shutdown(Shutdown::Both);
        let _ = to.shutdown(Shutdown::Both);
    });
    std::thread::spawn(move || {
        let (mut from, mut to) = (s2, c2);
        let _ = std::io::copy(&mut from, &mut to);
        let _ = from.shutdown(Shutdown::Both);
        let _ = to.shutdown(Shutdown::Both);
    });
}

impl Drop for CuttingProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

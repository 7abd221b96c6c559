//! A `vestis serve` child process on a temporary copy of a fixture site, and a small HTTP
//! client for it. Every wait is bounded; the child is killed when the value is dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common;

/// How long a rebuild may take to show (debug binary, loaded machine).
pub const REBUILD: Duration = Duration::from_secs(20);

/// A running `vestis serve`.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub url: String,
    /// The socket it listens on.
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    agent: ureq::Agent,
    site: tempfile::TempDir,
}

/// An HTTP answer.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub location: String,
    pub body: String,
}

impl Server {
    /// Serves a temporary copy of `tests/sites/<fixture>` on an ephemeral port.
    pub fn start(fixture: &str, args: &[&str]) -> Server {
        Self::start_with(fixture, args, |_| {})
    }

    /// Like [`Server::start`], after `prepare` changed the copy.
    pub fn start_with(fixture: &str, args: &[&str], prepare: impl FnOnce(&Path)) -> Server {
        let site = common::temp_copy("sites", fixture);
        prepare(site.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_vestis"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start vestis");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (lines_tx, lines) = channel();
        collect(child.stdout.take().unwrap(), &log, Some(lines_tx));
        collect(child.stderr.take().unwrap(), &log, None);
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .new_agent();
        let url = wait_for_url(&lines, &log);
        let addr = url.trim_start_matches("http://").parse().unwrap();
        Server {
            child,
            url,
            addr,
            log,
            agent,
            site,
        }
    }

    /// A file of the served site's sources.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.site.path().join(relative)
    }

    /// Everything the server printed so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// GET `path` (which starts with `/`).
    pub fn get(&self, path: &str) -> Reply {
        get(&self.agent, &format!("{}{path}", self.url))
    }

    /// A clone of the client, for other threads.
    pub fn agent(&self) -> ureq::Agent {
        self.agent.clone()
    }

    /// The status of a request sent byte for byte as given (no client normalising `..`).
    pub fn raw_status(&self, path: &str) -> u16 {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        let status = response.split(' ').nth(1).unwrap_or("");
        status
            .parse()
            .unwrap_or_else(|_| panic!("no status for {path}: {response:?}"))
    }

    /// The raw answer (status line, headers and body) to `GET path` sent byte for byte with
    /// this `Host` header (none when `host` is `None`).
    pub fn raw_answer(&self, path: &str, host: Option<&str>) -> String {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        let request = format!("GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    }

    /// Polls `condition` until it holds; panics with the server's log after [`REBUILD`].
    pub fn wait_until(&self, what: &str, mut condition: impl FnMut() -> bool) {
        let deadline = Instant::now() + REBUILD;
        while Instant::now() < deadline {
            if condition() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "timed out waiting until {what}; server log:\n{}",
            self.log()
        );
    }

    /// Waits until `path` answers with `status` and a body containing `text`.
    pub fn wait_for_page(&self, path: &str, status: u16, text: &str) {
        self.wait_until(&format!("{path} is {status} with `{text}`"), || {
            let reply = self.get(path);
            reply.status == status && reply.body.contains(text)
        });
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GET with an agent that never follows redirects and never errors on a status.
pub fn get(agent: &ureq::Agent, url: &str) -> Reply {
    let mut response = agent
        .get(url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (content_type, location) = (header("content-type"), header("location"));
    Reply {
        status: response.status().as_u16(),
        content_type,
        location,
        body: response.body_mut().read_to_string().unwrap_or_default(),
    }
}

/// Writes a file of the site, creating its folder.
pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Copies lines of a child's output into the log (and to `lines`, if given).
fn collect(
    stream: impl Read + Send + 'static,
    log: &Arc<Mutex<Vec<String>>>,
    lines: Option<std::sync::mpsc::Sender<String>>,
) {
    let log = Arc::clone(log);
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            log.lock().unwrap().push(line.clone());
            if let Some(tx) = &lines {
                let _ = tx.send(line);
            }
        }
    });
}

fn wait_for_url(lines: &Receiver<String>, log: &Mutex<Vec<String>>) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) => {
                if let Some(url) = line.strip_prefix("serving ") {
                    return url.trim_end_matches('/').to_string();
                }
            }
            Err(_) => break,
        }
    }
    panic!(
        "vestis serve printed no URL:\n{}",
        log.lock().unwrap().join("\n")
    );
}

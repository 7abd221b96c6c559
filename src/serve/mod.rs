//! `vestis serve`: builds the site in memory, serves it over HTTP, watches the sources and
//! rebuilds on every change, telling open browsers to reload (or to show the errors).
//!
//! The pieces, each in its own file:
//! - `build`: the one place a rebuild happens (the same `render_site` as `vestis build`);
//! - `rebuild`: the loop that starts rebuilds off its own thread, cancels one when a newer
//!   change arrives and gives up one that is stuck, so the newest change always wins;
//! - `watch`: notify + debouncing, filtered to the site's sources, re-watching folders that
//!   disappear and come back, falling back to polling when inotify runs out of watches;
//! - `state`: the last good site, the current errors and the event channel, shared with the
//!   HTTP handlers as one value;
//! - `http`: answers requests from the in-memory `Output` (never from disk, never outside it),
//!   behind `host`, the `Host` check that keeps other web sites out (DNS rebinding);
//! - `reload`: the injected script, its Server-Sent Events stream and the errors endpoint.
//!
//! Nothing here writes to the output directory: the user's `public/` is never touched.
//! This module knows the pipeline only through [`crate::render_site`].

mod build;
#[cfg(feature = "editor")]
pub mod edit;
#[cfg(not(feature = "editor"))]
mod edit_off;
#[cfg(not(feature = "editor"))]
use edit_off as edit;
#[cfg(not(feature = "editor"))]
use edit_off::start_editor;
mod errors_json;
mod host;
mod http;
mod rebuild;
mod reload;
mod state;
mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

use crate::BuildOptions;
use crate::diagnostics::Diagnostic;
use build::Builder;
use rebuild::{Conductor, Msg};
use state::Shared;
use watch::Watcher;

/// What `vestis serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (holds `site.yaml`).
    pub root: PathBuf,
    /// The address to listen on (loopback by default).
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Include drafts and embargoed records.
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Poll the file system instead of using OS notifications.
    pub poll: bool,
    /// Serve the editor even though `bind` is not a loopback address
    /// (`--allow-editor-on-network`); on loopback it is always served.
    pub allow_editor_on_network: bool,
    /// Open the editor (not the site) in the browser: `vestis edit`.
    pub open_editor: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address is taken or not ours.
    #[error("{}", bind_message(*addr, source))]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the OS said.
        source: io::Error,
    },
    /// The async runtime or the listener failed.
    #[error("server error: {0}")]
    Io(#[from] io::Error),
    /// Neither OS notifications nor polling could watch the site.
    #[error("cannot watch the site's files: {0}")]
    Watch(#[from] notify::Error),
}

impl ServeError {
    /// The error as the terminal shows it, with what to do about it.
    pub fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(None, self.to_string());
        match self {
            ServeError::Bind { addr, source } => match bind_help(*addr, source) {
                Some(help) => d.with_suggestion(help),
                None => d,
            },
            _ => d,
        }
    }
}

/// Why listening on `addr` failed, in words.
fn bind_message(addr: SocketAddr, source: &io::Error) -> String {
    let port = addr.port();
    match source.kind() {
        io::ErrorKind::AddrInUse => format!(
            "port {port} is already in use: another program (perhaps another `vestis serve`) \
             is listening on it"
        ),
        io::ErrorKind::PermissionDenied => {
            format!("this computer does not let vestis listen on port {port} ({source})")
        }
        io::ErrorKind::AddrNotAvailable => format!(
            "cannot listen on {}: it is not an address of this computer",
            addr.ip()
        ),
        _ => format!("cannot listen on {addr}: {source}"),
    }
}

/// What to do when listening on `addr` failed.
fn bind_help(addr: SocketAddr, source: &io::Error) -> Option<String> {
    let other = addr
        .port()
        .checked_add(1)
        .filter(|p| *p > 1024)
        .unwrap_or(1112);
    match source.kind() {
        io::ErrorKind::AddrInUse => Some(format!(
            "stop the other program, or choose another port: `--port 0` takes any free port, \
             or give a number such as `--port {other}`"
        )),
        io::ErrorKind::PermissionDenied => Some(format!(
            "ports below 1024 need administrator rights: `--port 0` takes any free port, \
             or give a number such as `--port {other}`"
        )),
        io::ErrorKind::AddrNotAvailable => {
            Some("leave out `--bind` (vestis then listens on 127.0.0.1)".into())
        }
        _ => None,
    }
}

/// Builds and serves the site until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run(options))
}

async fn run(options: &ServeOptions) -> Result<(), ServeError> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    let local = listener.local_addr()?;
    let url = site_url(local);
    let shared = Arc::new(Shared::new());

    // Watch before the first build, so that a change made during it is not lost.
    let (messages_tx, messages) = mpsc::channel();
    let root = std::path::absolute(&options.root)?;
    let events_tx = messages_tx.clone();
    let sink: watch::Sink = Arc::new(move |batch| drop(events_tx.send(Msg::Watch(batch))));
    let watcher = Watcher::start(&root, options.poll, sink)?;
    let mut builder = Builder::new(BuildOptions {
        drafts: options.drafts,
        base_url: Some(url.trim_end_matches('/').to_string()),
        serve_mode: true,
        ..BuildOptions::new(root.clone())
    });
    let (outcome, took) = rebuild::first_build(&mut builder);
    let next_embargo = outcome.as_ref().ok().and_then(|r| r.next_embargo);
    shared.publish(outcome, took, None);
    println!("serving {url}");
    let editor = start_editor(options, &root, local, &url)?;
    if options.open_editor
        && let Some(editor) = &editor
    {
        open_browser(&editor.start_url(&url));
    } else if options.open {
        open_browser(&url);
    }

    let mut conductor = Conductor::new(watcher, builder, Arc::clone(&shared), messages_tx);
    conductor.rebuild_at(next_embargo);
    std::thread::Builder::new()
        .name("vestis-watch".into())
        .spawn(move || conductor.run(&messages))?;
    let hosts = Arc::new(host::AllowedHosts::new(local));
    let editor = editor.map(edit::router);
    axum::serve(listener, http::router(shared, hosts, editor)).await?;
    Ok(())
}

/// The editor's state when it may run here (printing its secret URL), else a note why not.
#[cfg(feature = "editor")]
fn start_editor(
    options: &ServeOptions,
    root: &std::path::Path,
    local: SocketAddr,
    url: &str,
) -> io::Result<Option<Arc<edit::EditState>>> {
    if !edit::allowed_on(options.bind, options.allow_editor_on_network) {
        println!(
            "note: the editor is off because vestis listens on {}, which other computers can \
             reach; add `--allow-editor-on-network` to serve it there too",
            options.bind
        );
        return Ok(None);
    }
    let state = Arc::new(edit::EditState::new(root.to_path_buf(), local)?);
    println!("editor: {}", state.start_url(url));
    Ok(Some(state))
}

/// `http://127.0.0.1:1111/`; an unspecified bind address (`0.0.0.0`) is shown as loopback,
/// which is where the local browser reaches it.
fn site_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// Best effort: a missing `xdg-open` must not stop the server.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reap it in the background so it does not linger as a zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(_) => eprintln!("note: could not start a browser; open {url} yourself"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_use_the_actual_port_and_loopback_for_unspecified() {
        let url = |s: &str| site_url(s.parse().unwrap());
        assert_eq!(url("127.0.0.1:4321"), "http://127.0.0.1:4321/");
        assert_eq!(url("0.0.0.0:80"), "http://127.0.0.1:80/");
        assert_eq!(url("[::]:8080"), "http://[::1]:8080/");
        assert_eq!(url("192.168.1.5:1111"), "http://192.168.1.5:1111/");
    }
}

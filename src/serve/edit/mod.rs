//! The editor: `/__vestis/edit/` of `vestis serve` — the browser UI (`ui`, its own module)
//! and the JSON API (`api`) it uses to read and write records (see docs/editor-api.md).
//!
//! The editor can write files, so this is a security boundary: every path under
//! `/__vestis/edit/` goes through `security::guard` — `Host` (already checked for the
//! whole server), `Origin`, the per-run secret exchanged for a session cookie, and a CSRF
//! header plus a JSON body on every write — and every answer carries a strict CSP and
//! `nosniff`. Handlers never make file paths from request strings: they name a record by
//! collection and id and let [`crate::content::write`] make its paths.

mod api;
mod api_records;
mod api_translate;
mod api_write;
mod diag;
#[cfg(test)]
mod diag_fixtures;
mod git_history;
mod loaded;
mod reply;
mod security;
mod ui;
mod upload;
mod validate;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;

pub(crate) use security::Secrets;

/// Where the editor lives.
pub(crate) const EDIT_ROOT: &str = "/__vestis/edit/";

/// What the editor's handlers share.
#[derive(Debug)]
pub(crate) struct EditState {
    /// The site root (absolute).
    pub(crate) root: PathBuf,
    /// The per-run secrets.
    pub(crate) secrets: Secrets,
    /// Where the server listens (for the allowed origins).
    pub(crate) local: SocketAddr,
}

impl EditState {
    /// The editor of the site at `root`, served on `local`, with fresh secrets.
    pub(crate) fn new(root: PathBuf, local: SocketAddr) -> std::io::Result<Self> {
        Ok(EditState {
            root,
            secrets: Secrets::generate()?,
            local,
        })
    }

    /// The URL the terminal prints: it carries the secret that opens the editor.
    pub(crate) fn start_url(&self, site_url: &str) -> String {
        format!(
            "{}{}?token={}",
            site_url.trim_end_matches('/'),
            EDIT_ROOT,
            self.secrets.token()
        )
    }
}

/// Every route of the editor (UI and API), behind the editor's guard.
pub(crate) fn router(state: Arc<EditState>) -> Router {
    Router::new()
        .merge(ui::routes())
        .merge(api::routes(Arc::clone(&state)))
        .layer(axum::extract::DefaultBodyLimit::max(security::MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(state, security::guard))
}

/// Whether the editor may run on this bind address: loopback always, anything else only
/// when explicitly allowed.
pub fn allowed_on(bind: std::net::IpAddr, allow_on_network: bool) -> bool {
    bind.is_loopback() || allow_on_network
}

//! The editor's place in `vestis serve` when vestis is built without it
//! (`cargo build --no-default-features`, e.g. to measure the editor's share of the binary):
//! the site is served as usual and the terminal says there is no editor.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;

use super::ServeOptions;

/// Never made: without the editor there is no editor state.
pub(crate) enum EditState {}

impl EditState {
    pub(crate) fn start_url(&self, _site: &str) -> String {
        match *self {}
    }
}

/// No routes.
pub(crate) fn router(state: Arc<EditState>) -> Router {
    match *state {}
}

/// Says that this vestis has no editor.
pub(super) fn start_editor(
    options: &ServeOptions,
    _root: &std::path::Path,
    _local: SocketAddr,
    _url: &str,
) -> io::Result<Option<Arc<EditState>>> {
    if options.open_editor {
        println!("note: this vestis was built without the editor; only the site is served");
    }
    Ok(None)
}

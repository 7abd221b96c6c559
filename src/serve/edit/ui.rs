//! The editor's browser UI (owned by the UI side of the editor; this is the placeholder page
//! the server side ships until the real UI lands): a page listing the API.
//! Routes are written with their full path under `/__vestis/edit/` and are GET only; the
//! editor's guard (see `super::security`) runs in front of them.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

/// The UI's routes.
pub(crate) fn routes() -> Router {
    Router::new().route("/__vestis/edit/", get(index))
}

async fn index() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>vestis editor</title></head><body><h1>vestis editor</h1>\
         <p>The editor's API answers under <code>/__vestis/edit/api/</code>: \
         <a href=\"api/collections\">collections</a>.</p></body></html>",
    )
}

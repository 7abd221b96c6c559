//! The editor's JSON API: its routes. The handlers are in [`super::api_records`] (reading),
//! [`super::api_write`] (changing), [`super::api_translate`] and [`super::upload`]; the small
//! helpers they all share are in [`super::reply`].

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::reply::error;
use super::{EditState, api_records, api_translate, api_write, upload};

/// The API's routes.
pub(crate) fn routes(state: Arc<EditState>) -> Router {
    Router::new()
        .route("/__vestis/edit/api/session", get(api_records::session))
        .route(
            "/__vestis/edit/api/collections",
            get(api_records::collections),
        )
        .route("/__vestis/edit/api/record", get(api_records::record))
        .route(
            "/__vestis/edit/api/translation",
            get(api_translate::translation),
        )
        .route("/__vestis/edit/api/trash", get(api_write::trash_list))
        .route("/__vestis/edit/api/save", post(api_write::save))
        .route("/__vestis/edit/api/validate", post(api_write::validate))
        .route("/__vestis/edit/api/new", post(api_write::new))
        .route("/__vestis/edit/api/delete", post(api_write::delete))
        .route("/__vestis/edit/api/restore", post(api_write::restore))
        .route("/__vestis/edit/api/stamp", post(api_translate::stamp))
        .route("/__vestis/edit/api/preview", post(api_translate::preview))
        .route("/__vestis/edit/api/upload", post(upload::upload))
        .route("/__vestis/edit/api/{*rest}", get(unknown).post(unknown))
        .with_state(state)
}

async fn unknown() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not-found",
        "the editor has no such request",
    )
}

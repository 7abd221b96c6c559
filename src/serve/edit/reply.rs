//! The small helpers every handler of the editor's API shares: JSON in and out, error
//! answers (also the guard's), query parameters and running file work off the async threads.
//! They are apart from the routes (`api`) so that the handlers the routes name do not depend
//! on the module that names them.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::content::write::WriteError;

/// An error answer: `{"error": code, "message": message}`.
pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    #[derive(Serialize)]
    struct Body<'a> {
        error: &'a str,
        message: &'a str,
    }
    json(
        status,
        &Body {
            error: code,
            message,
        },
    )
}

/// A JSON answer.
pub(crate) fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            bytes,
        )
            .into_response(),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "io", &e.to_string()),
    }
}

/// A request's query parameters.
pub(crate) fn query(uri: &Uri) -> HashMap<String, String> {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The JSON body as `T`, or a 400 answer saying what is wrong with it.
pub(crate) fn body<T: serde::de::DeserializeOwned>(bytes: &Bytes) -> Result<T, Response> {
    serde_json::from_slice(bytes).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            "bad-request",
            &format!("the request is not what the editor expects: {e}"),
        )
    })
}

/// Runs file and check work on a blocking thread.
pub(crate) async fn blocking<F>(work: F) -> Response
where
    F: FnOnce() -> Response + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(response) => response,
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "io",
            "the editor stopped unexpectedly while working on this request",
        ),
    }
}

/// The answer for a [`WriteError`].
pub(crate) fn write_error(e: WriteError) -> Response {
    match e {
        WriteError::Conflict { version, files } => {
            let files: Vec<_> = files
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "path": f.path.to_string_lossy(),
                        "lang": lang_of(&f.path),
                        "disk": f.disk,
                        "mine": f.mine,
                    })
                })
                .collect();
            json(
                StatusCode::CONFLICT,
                &serde_json::json!({
                    "error": "conflict",
                    "message": "the record changed on disk after you opened it",
                    "version": version,
                    "files": files,
                }),
            )
        }
        WriteError::NoCollection(_) | WriteError::NotFound(_) => {
            error(StatusCode::NOT_FOUND, "not-found", &e.to_string())
        }
        WriteError::BadId(_) | WriteError::NoLanguage(_) => {
            error(StatusCode::BAD_REQUEST, "bad-request", &e.to_string())
        }
        WriteError::Exists(_) => error(StatusCode::CONFLICT, "exists", &e.to_string()),
        WriteError::Edit { .. } => {
            error(StatusCode::UNPROCESSABLE_ENTITY, "invalid", &e.to_string())
        }
        WriteError::Io(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "io", &e.to_string()),
    }
}

/// `ru` of `content/press/x.ru.md`; `None` for the `.yaml`.
pub(crate) fn lang_of(path: &std::path::Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    stem.rsplit_once('.').map(|(_, l)| l.to_string())
}

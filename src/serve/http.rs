//! The HTTP side: answers every request from the in-memory site of the current snapshot.
//!
//! `/` and `/x/` serve `index.html` and `x/index.html`, `/x` redirects to `/x/` when that is a
//! folder of the site, anything else missing gets the site's `404.html` with status 404.
//! Only files of the built site can ever be served: a request path is decoded once, and
//! encoded slashes, backslashes, `.`/`..` segments and empty segments are refused before the
//! lookup (which is a map lookup, never a file system path). HTML gets the live-reload script.
//! Nothing here opens a file: the site's sources are never read to answer a request. Every
//! route sits behind the `Host` check of [`super::host`].

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::host::{self, AllowedHosts};
use super::reload::{self, ERRORS_PATH, EVENTS_PATH, SCRIPT_PATH};
use super::state::{Shared, Snapshot};

/// All routes: the reload endpoints, the editor (when it runs) and, for every other path,
/// the site; every one of them behind the `Host` check.
pub(crate) fn router(
    shared: Arc<Shared>,
    hosts: Arc<AllowedHosts>,
    editor: Option<Router>,
) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(reload::script))
        .route(EVENTS_PATH, get(reload::events))
        .route(ERRORS_PATH, get(reload::errors))
        .fallback(site_file)
        .with_state(shared)
        .merge(editor.unwrap_or_default())
        .layer(axum::middleware::from_fn_with_state(hosts, host::check))
}

/// What a request path names in the site.
#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    /// This file of the output.
    File(String),
    /// A folder asked for without its trailing slash: go to this location.
    Redirect(String),
    /// Not in the site (or not allowed).
    Missing,
}

async fn site_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let snapshot = shared.current();
    match lookup(&snapshot, uri.path()) {
        Lookup::File(path) => match snapshot.output.try_get(&path) {
            // A picture made on first request from a damaged photo: told in the terminal and
            // the pages' error overlay, and answered with the reason, not an empty file.
            Some(Err(problem)) => {
                shared.report_late(problem);
                let mut response = Response::new(Body::from(problem.to_string()));
                *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                let headers = response.headers_mut();
                headers.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                );
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                response
            }
            _ => file_response(&snapshot, &path, StatusCode::OK),
        },
        Lookup::Redirect(mut location) => {
            if let Some(query) = uri.query() {
                location = format!("{location}?{query}");
            }
            redirect(&location)
        }
        Lookup::Missing => not_found(&snapshot, uri.path()),
    }
}

fn lookup(snapshot: &Snapshot, raw_path: &str) -> Lookup {
    let Some(key) = output_key(raw_path) else {
        return Lookup::Missing;
    };
    let output = &snapshot.output;
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        return match output.contains(&index) {
            true => Lookup::File(index),
            false => Lookup::Missing,
        };
    }
    if output.contains(&key) {
        Lookup::File(key)
    } else if output.contains(&format!("{key}/index.html")) {
        Lookup::Redirect(format!("{raw_path}/"))
    } else {
        Lookup::Missing
    }
}

/// The output path a request path names (`""` for the root, a trailing `/` for folders), or
/// `None` when it tries anything but naming a file of the site.
fn output_key(raw_path: &str) -> Option<String> {
    let lower = raw_path.to_ascii_lowercase();
    if raw_path.contains('\\') || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .ok()?;
    let relative = decoded.strip_prefix('/')?;
    let segments: Vec<&str> = relative.split('/').collect();
    let (last, folders) = segments.split_last()?;
    let bad = |s: &str| s.is_empty() || s == "." || s == ".." || s.contains('\0');
    if folders.iter().any(|s| bad(s)) || *last == "." || *last == ".." {
        return None;
    }
    Some(relative.to_string())
}

fn file_response(snapshot: &Snapshot, path: &str, status: StatusCode) -> Response {
    let bytes = snapshot.output.get(path).unwrap_or_default();
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        Body::from(reload::inject(bytes, snapshot.generation))
    } else {
        Body::from(bytes.to_vec())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, value)]).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The site's `<lang>/404.html` (by the address's first folder) or `404.html` with status 404; a built-in page when there is none (a site that has
/// not built yet, answered with 503, still needs a page for the error overlay to sit on).
fn not_found(snapshot: &Snapshot, path: &str) -> Response {
    // `/ru/…` gets the Russian `ru/404.html` when the site has one, as a host set up with
    // the README's `ErrorDocument` lines answers.
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let lang_page = format!("{first}/404.html");
    let is_lang = !first.is_empty() && first.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
    if is_lang && snapshot.output.contains(&lang_page) {
        return file_response(snapshot, &lang_page, StatusCode::NOT_FOUND);
    }
    if snapshot.output.contains("404.html") {
        return file_response(snapshot, "404.html", StatusCode::NOT_FOUND);
    }
    let (status, text) = if snapshot.output.is_empty() {
        let text =
            "The site has not built yet: fix the errors vestis reports, and this page reloads.";
        (StatusCode::SERVICE_UNAVAILABLE, text)
    } else {
        (
            StatusCode::NOT_FOUND,
            "Not found (and the site has no 404.html).",
        )
    };
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>vestis</title></head>\
         <body><p>{text}</p></body></html>"
    );
    let body = reload::inject(html.as_bytes(), snapshot.generation);
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The Content-Type for a file, by its extension.
fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("atom") => "application/atom+xml",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Output;

    fn snapshot() -> Snapshot {
        let mut output = Output::new();
        for path in [
            "index.html",
            "404.html",
            "lv/index.html",
            "lv/a b.txt",
            "s.css",
        ] {
            output.insert(path, b"x".to_vec()).unwrap();
        }
        Snapshot {
            output: Arc::new(output),
            ..Snapshot::default()
        }
    }

    #[test]
    fn paths_map_to_files_folders_and_redirects() {
        let s = snapshot();
        let file = |p: &str| Lookup::File(p.to_string());
        assert_eq!(lookup(&s, "/"), file("index.html"));
        assert_eq!(lookup(&s, "/lv/"), file("lv/index.html"));
        assert_eq!(lookup(&s, "/lv"), Lookup::Redirect("/lv/".into()));
        assert_eq!(lookup(&s, "/s.css"), file("s.css"));
        assert_eq!(lookup(&s, "/lv/a%20b.txt"), file("lv/a b.txt"));
        assert_eq!(lookup(&s, "/ru/"), Lookup::Missing);
        assert_eq!(lookup(&s, "/s.css/"), Lookup::Missing);
    }

    #[test]
    fn nothing_outside_the_site_is_reachable() {
        let s = snapshot();
        for probe in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/lv/index.html",
            "/..%2fsite.yaml",
            "/lv%2findex.html",
            "//etc/passwd",
            "/lv//index.html",
            "/lv/./index.html",
            "/lv/..",
            "/..\\site.yaml",
            "/lv%5cindex.html",
            "/index.html%00",
            "/%ff",
            "lv/index.html",
        ] {
            assert_eq!(lookup(&s, probe), Lookup::Missing, "{probe}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("lv/calendar.ics"),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("photo.webp"), "image/webp");
        assert_eq!(content_type("search.json"), "application/json");
        assert_eq!(content_type("README"), "application/octet-stream");
        assert_eq!(content_type("archive.tar.gz"), "application/octet-stream");
    }
}

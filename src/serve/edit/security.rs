//! The editor's guard: one middleware in front of every editor route.
//!
//! In order: only GET, HEAD and POST; `Origin` (when sent, and always on POST) and
//! `Sec-Fetch-Site` must be this server (cross-site requests, cf. webpack-dev-server
//! CVE-2025-30359/30360); the per-run token in `?token=` is exchanged for an HttpOnly,
//! SameSite=Strict session cookie and a redirect to the same page without it; every other
//! request needs that cookie; a POST needs a JSON body and the `X-Vestis-Csrf` header. The
//! `Host` check of [`crate::serve`] runs before all of this. Every answer gets a strict CSP,
//! `nosniff`, no framing by other sites, no referrer and no caching. Secrets are compared
//! in constant time.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{EDIT_ROOT, EditState};

/// The largest request body (an upload of [`super::upload::MAX_UPLOAD`] in base64 fits).
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;
/// The session cookie's name.
pub(crate) const COOKIE: &str = "vestis_edit";
/// The header a write must carry, with [`Secrets::csrf`].
pub(crate) const CSRF_HEADER: &str = "x-vestis-csrf";

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; \
    form-action 'self'; base-uri 'none'; object-src 'none'";

/// The secrets of one run: the token printed in the terminal, the session cookie's value and
/// the CSRF token. New on every start; never written anywhere.
#[derive(Debug)]
pub(crate) struct Secrets {
    token: String,
    session: String,
    csrf: String,
}

impl Secrets {
    /// Three fresh 256-bit secrets from the operating system.
    pub(crate) fn generate() -> std::io::Result<Self> {
        let one = || -> std::io::Result<String> {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
            Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
        };
        Ok(Secrets {
            token: one()?,
            session: one()?,
            csrf: one()?,
        })
    }

    /// The token of the start URL.
    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    /// The CSRF token the UI sends back in [`CSRF_HEADER`].
    pub(crate) fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// Compares secrets without leaking through timing where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The middleware.
pub(crate) async fn guard(
    State(state): State<Arc<EditState>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = match check(&state, &request) {
        Verdict::Pass => next.run(request).await,
        Verdict::Refuse(response) => response,
    };
    secure_headers(response.headers_mut());
    response
}

enum Verdict {
    Pass,
    Refuse(Response),
}

fn check(state: &EditState, request: &Request) -> Verdict {
    let method = request.method();
    let api = request.uri().path().starts_with("/__vestis/edit/api/");
    let refuse = |status, code, message: &str| Verdict::Refuse(refusal(api, status, code, message));
    if !matches!(*method, Method::GET | Method::HEAD | Method::POST) {
        return refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "bad-request",
            "the editor answers only GET and POST",
        );
    }
    let headers = request.headers();
    if !origin_ok(state, headers, method == Method::POST) {
        return refuse(
            StatusCode::FORBIDDEN,
            "bad-origin",
            "this request comes from another web site; the editor only answers its own pages",
        );
    }
    if let Some(token) = query_token(request.uri().query()) {
        if !same(&token, &state.secrets.token) || method != Method::GET {
            return refuse(StatusCode::FORBIDDEN, "no-session", NO_SESSION);
        }
        return Verdict::Refuse(exchange(state, request));
    }
    if !cookie_ok(state, headers) {
        return refuse(StatusCode::FORBIDDEN, "no-session", NO_SESSION);
    }
    if method == Method::POST {
        if !is_json(headers) {
            return refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "not-json",
                "the editor accepts changes only as JSON",
            );
        }
        let csrf = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        if !csrf.is_some_and(|c| same(c, &state.secrets.csrf)) {
            return refuse(
                StatusCode::FORBIDDEN,
                "no-csrf",
                "the change was refused because it lacks the editor's safety code; reload the editor",
            );
        }
    }
    Verdict::Pass
}

const NO_SESSION: &str = "open the editor with the link `vestis serve` printed in the terminal \
    (it contains a secret that changes every time vestis starts)";

/// `Origin` and `Sec-Fetch-Site` name this server; `Origin` is required when `required`.
fn origin_ok(state: &EditState, headers: &HeaderMap, required: bool) -> bool {
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if site.is_some_and(|s| s != "same-origin" && s != "none") {
        return false;
    }
    match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        None => !required,
        Some(Ok(origin)) => origin
            .strip_prefix("http://")
            .is_some_and(|host| super::super::host::AllowedHosts::new(state.local).allows(host)),
        Some(Err(_)) => false,
    }
}

fn query_token(query: Option<&str>) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

fn cookie_ok(state: &EditState, headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == COOKIE && same(value, &state.secrets.session))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// The token was right: set the cookie and go to the same page without the token.
fn exchange(state: &EditState, request: &Request) -> Response {
    let path = request.uri().path();
    let rest: Vec<(String, String)> =
        url::form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes())
            .filter(|(k, _)| k != "token")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let mut location = if path.starts_with(EDIT_ROOT) {
        path.to_string()
    } else {
        EDIT_ROOT.into()
    };
    if !rest.is_empty() {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(rest)
            .finish();
        location = format!("{location}?{query}");
    }
    let cookie = format!(
        "{COOKIE}={}; Path={EDIT_ROOT}; HttpOnly; SameSite=Strict",
        state.secrets.session
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(location), Ok(cookie)) = (
        HeaderValue::from_str(&location),
        HeaderValue::from_str(&cookie),
    ) {
        headers.insert(header::LOCATION, location);
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

/// A refused request: JSON under `/api/`, a small page elsewhere.
pub(crate) fn refusal(api: bool, status: StatusCode, code: &str, message: &str) -> Response {
    if api {
        return super::reply::error(status, code, message);
    }
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>vestis editor</title>\
         </head><body><h1>The editor is locked</h1><p>{}</p></body></html>",
        html_escape(message)
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('`', "")
}

fn secure_headers(headers: &mut HeaderMap) {
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(headers, "content-security-policy", CSP);
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "x-frame-options", "SAMEORIGIN");
    set(headers, "referrer-policy", "no-referrer");
    set(headers, "cache-control", "no-store");
    set(headers, "cross-origin-resource-policy", "same-origin");
    for cors in [
        "access-control-allow-origin",
        "access-control-allow-credentials",
        "access-control-allow-methods",
        "access-control-allow-headers",
    ] {
        headers.remove(cors);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_only_equal() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
        let s = Secrets::generate().unwrap();
        assert_eq!(s.token().len(), 64);
        assert_ne!(s.token(), s.csrf());
    }

    #[test]
    fn tokens_and_content_types_are_read_strictly() {
        assert_eq!(query_token(Some("a=1&token=x%20y")), Some("x y".into()));
        assert_eq!(query_token(Some("tokens=1")), None);
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        assert!(is_json(&h));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        assert!(!is_json(&h));
    }
}

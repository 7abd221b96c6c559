//! Live reload and the error overlay: the script injected into served HTML, the
//! Server-Sent Events stream it listens to, and the JSON list of the current errors.
//!
//! Pages learn of rebuilds through `/__vestis/events`: `hello` (the current generation, sent
//! on every (re)connection so a page that missed a rebuild reloads), `reload`, `css` (swap
//! stylesheets only) and `error` (the errors as JSON). The script is injected by the HTTP
//! layer in serve mode only; `vestis build` never sees it.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use tokio::sync::broadcast::{Receiver, error::RecvError};

use super::errors_json::errors_json;
use super::state::{Event, Shared};

/// Where the script is served from.
pub(crate) const SCRIPT_PATH: &str = "/__vestis/live.js";
/// The event stream.
pub(crate) const EVENTS_PATH: &str = "/__vestis/events";
/// The current errors, as JSON.
pub(crate) const ERRORS_PATH: &str = "/__vestis/errors";

const SCRIPT: &str = include_str!("live.js");

/// The browser script.
pub(crate) async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// `[{"path", "line", "col", "message", "source_line", "marker_len", "suggestion",
/// "rendered"}]`: `path` is relative to the site root (or `null`), `line` and `col` are
/// 1-based (0 when unknown), `rendered` is the terminal's text.
pub(crate) async fn errors(State(shared): State<Arc<Shared>>) -> Response {
    let json = errors_json(&shared.current().errors);
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        json,
    )
        .into_response()
}

/// The event stream: `hello` first, then every event of later builds.
pub(crate) async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let receiver = shared.subscribe();
    let hello = SseEvent::default()
        .event("hello")
        .data(shared.current().generation.to_string());
    let first = futures_util::stream::once(async move { Ok(hello) });
    let later = futures_util::stream::unfold(receiver, next_event);
    Sse::new(futures_util::StreamExt::chain(first, later))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

async fn next_event(
    mut receiver: Receiver<Event>,
) -> Option<(Result<SseEvent, Infallible>, Receiver<Event>)> {
    let event = match receiver.recv().await {
        Ok(Event::Reload(generation)) => sse("reload", generation.to_string()),
        Ok(Event::Css(generation)) => sse("css", generation.to_string()),
        Ok(Event::Errors(json)) => sse("error", json),
        // This page missed events: reloading shows it the current site.
        Err(RecvError::Lagged(_)) => sse("reload", String::new()),
        Err(RecvError::Closed) => return None,
    };
    Some((Ok(event), receiver))
}

fn sse(name: &str, data: String) -> SseEvent {
    SseEvent::default().event(name).data(data)
}

/// `html` with the live-reload script before its last `</body>` (or at the end).
pub(crate) fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\"></script>");
    let at = rfind_ascii_case_insensitive(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use std::path::Path;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>a</p></BODY></html>";
        let out = String::from_utf8(inject(html, 7)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>a</p><script src=\"/__vestis/live.js\" data-generation=\"7\"></script></BODY></html>"
        );
        let bare = String::from_utf8(inject(b"<p>x", 1)).unwrap();
        assert!(bare.starts_with("<p>x<script"));
    }

    #[test]
    fn errors_become_json_with_location_and_rendering() {
        let text = "title: x\ndate: 2013-13-01\n";
        let d = Diagnostic::error(Some(Path::new("content/events/a.yaml")), "bad `date`")
            .at_offset(text, 15, 10)
            .with_suggestion("write it as 2013-06-15");
        let json: serde_json::Value = serde_json::from_str(&errors_json(&[d])).unwrap();
        let e = &json[0];
        assert_eq!(e["path"], "content/events/a.yaml");
        assert_eq!((e["line"].as_u64(), e["col"].as_u64()), (Some(2), Some(7)));
        assert_eq!(e["source_line"], "date: 2013-13-01");
        assert_eq!(e["suggestion"], "write it as 2013-06-15");
        assert!(
            e["rendered"]
                .as_str()
                .unwrap()
                .starts_with("error: content/events/a.yaml:2:7")
        );
        assert_eq!(errors_json(&[]), "[]");
    }
}

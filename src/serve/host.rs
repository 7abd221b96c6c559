//! The `Host` check in front of every route (the site and `/__vestis/*` alike).
//!
//! A web page on a foreign domain can make that domain resolve to 127.0.0.1 (DNS rebinding)
//! and then read the preview, and `/__vestis/errors`, which quotes source lines. The browser
//! still sends the foreign name as `Host`, so `serve` answers only requests whose `Host` names
//! the server itself: `127.0.0.1`, `localhost`, `[::1]` or the `--bind` address, each with the
//! port it listens on (the port may be left out only when it is 80). When it listens on every
//! interface (`--bind 0.0.0.0` or `::`) any IP address is accepted too, since a rebinding
//! page cannot make its name an IP address. Everything else gets 421 (Misdirected Request).
//! No response carries CORS headers, so other origins cannot read answers either.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The names and addresses this server answers to.
#[derive(Debug, Clone)]
pub(crate) struct AllowedHosts {
    /// Where the server listens (its real port).
    local: SocketAddr,
}

impl AllowedHosts {
    /// The hosts of a server listening on `local`.
    pub(crate) fn new(local: SocketAddr) -> Self {
        AllowedHosts { local }
    }

    /// Whether a `Host` header value (`name[:port]`) names this server.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        let port_ok = match port {
            Some(port) => port == self.local.port(),
            None => self.local.port() == 80,
        };
        if !port_ok {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Ok(ip) = name.parse::<IpAddr>() else {
            return false;
        };
        ip.is_loopback() || ip == self.local.ip() || self.local.ip().is_unspecified()
    }
}

/// `name` and port of `host`: `example.org:8080`, `127.0.0.1`, `[::1]:1111` (the brackets
/// are removed); `None` when it is not of that form.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        match after {
            "" => (name, None),
            _ => (name, Some(after.strip_prefix(':')?)),
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok()?),
        None => None,
    };
    (!name.is_empty()).then_some((name, port))
}

/// The middleware: passes requests for this server on, answers the others with 421.
pub(crate) async fn check(
    State(allowed): State<Arc<AllowedHosts>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    // An absolute request URI (`GET http://a/ HTTP/1.1`) must name this server as well.
    let authority_ok = request
        .uri()
        .authority()
        .is_none_or(|a| allowed.allows(a.as_str()));
    match host {
        Some(host) if authority_ok && allowed.allows(host) => next.run(request).await,
        _ => refuse(&allowed),
    }
}

fn refuse(allowed: &AllowedHosts) -> Response {
    let text = format!(
        "vestis serve answers only requests for http://127.0.0.1:{port}/ or \
         http://localhost:{port}/ (the Host of this request names another server).\n",
        port = allowed.local.port()
    );
    (
        StatusCode::MISDIRECTED_REQUEST,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(local: &str) -> AllowedHosts {
        AllowedHosts::new(local.parse().unwrap())
    }

    #[test]
    fn loopback_names_with_the_port_are_allowed() {
        let h = hosts("127.0.0.1:4321");
        for ok in [
            "127.0.0.1:4321",
            "localhost:4321",
            "LocalHost:4321",
            "[::1]:4321",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:4321",
            "evil.example",
            "127.0.0.1",
            "127.0.0.1:80",
            "localhost:1111",
            "localhost.evil.example:4321",
            "127.0.0.1.nip.io:4321",
            "[::1]",
            "[::1]x:4321",
            "127.0.0.1:4321:1",
            ":4321",
            "",
            "192.168.1.5:4321",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
    }

    #[test]
    fn the_bind_address_and_port_80_without_a_port() {
        let h = hosts("192.168.1.5:80");
        assert!(h.allows("192.168.1.5"));
        assert!(h.allows("192.168.1.5:80"));
        assert!(h.allows("localhost"));
        assert!(!h.allows("192.168.1.6"));
        assert!(!h.allows("printer.lan"));
        let v6 = hosts("[fe80::1]:1111");
        assert!(v6.allows("[fe80::1]:1111"));
        assert!(!v6.allows("fe80::1:1111"));
    }

    #[test]
    fn every_interface_accepts_any_ip_but_no_foreign_name() {
        let h = hosts("0.0.0.0:1111");
        assert!(h.allows("192.168.1.5:1111"));
        assert!(h.allows("[fe80::1]:1111"));
        assert!(h.allows("localhost:1111"));
        assert!(!h.allows("evil.example:1111"));
        assert!(!h.allows("192.168.1.5:2222"));
    }
}

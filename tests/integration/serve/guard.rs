//! What `serve` refuses: requests for another host (DNS rebinding), and a port already taken.

use std::time::Duration;

use crate::server::Server;

#[test]
fn requests_naming_another_host_are_refused_on_every_route() {
    let s = Server::start("missing-ru", &[]);
    let port = s.addr.port();
    for path in [
        "/",
        "/lv/",
        "/__vestis/errors",
        "/__vestis/live.js",
        "/style.css",
    ] {
        for host in [
            "evil.example".to_string(),
            format!("evil.example:{port}"),
            format!("127.0.0.1.nip.io:{port}"),
            format!("localhost.evil.example:{port}"),
            format!("127.0.0.1:{}", port.wrapping_add(1)),
        ] {
            let answer = s.raw_answer(path, Some(&host));
            assert!(
                answer.starts_with("HTTP/1.1 421"),
                "{path} with Host {host}: {answer}"
            );
            assert!(!answer.contains("Abās valodās"), "{answer}");
            assert!(!answer.to_ascii_lowercase().contains("access-control-"));
        }
    }
    let missing = s.raw_answer("/", None);
    assert!(missing.starts_with("HTTP/1.1 4"), "{missing}");
    assert!(!missing.starts_with("HTTP/1.1 200"), "{missing}");
    let absolute = s.raw_answer("http://evil.example/", Some(&format!("127.0.0.1:{port}")));
    assert!(!absolute.starts_with("HTTP/1.1 200"), "{absolute}");
}

#[test]
fn requests_for_the_server_itself_are_answered_without_cors_headers() {
    let s = Server::start("missing-ru", &[]);
    let port = s.addr.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
    ] {
        for path in ["/lv/piezimes/both/", "/__vestis/errors"] {
            let answer = s.raw_answer(path, Some(&host));
            assert!(
                answer.starts_with("HTTP/1.1 200"),
                "{host} {path}: {answer}"
            );
            assert!(!answer.to_ascii_lowercase().contains("access-control-"));
        }
    }
}

#[test]
fn a_busy_port_names_the_port_and_suggests_another() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = crate::common::temp_copy("sites", "missing-ru");
    let out = assert_cmd::Command::cargo_bin("vestis")
        .unwrap()
        .args(["serve", "--port", &port, "--root"])
        .arg(site.path())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let next = port.parse::<u16>().unwrap().checked_add(1).unwrap_or(1112);
    assert_eq!(
        stderr,
        format!(
            "error: port {port} is already in use: another program (perhaps another `vestis \
             serve`) is listening on it\n  = help: stop the other program, or choose another \
             port: `--port 0` takes any free port, or give a number such as `--port {next}`\n"
        )
    );
    drop(taken);
}

#[test]
fn a_bind_address_that_is_not_this_computers_says_so() {
    let site = crate::common::temp_copy("sites", "missing-ru");
    // 192.0.2.0/24 is reserved for documentation: never an address of this computer.
    let out = assert_cmd::Command::cargo_bin("vestis")
        .unwrap()
        .args(["serve", "--port", "0", "--bind", "192.0.2.1", "--root"])
        .arg(site.path())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "error: cannot listen on 192.0.2.1: it is not an address of this computer\n  \
         = help: leave out `--bind` (vestis then listens on 127.0.0.1)\n"
    );
}

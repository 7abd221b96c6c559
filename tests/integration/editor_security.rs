//! The editor's security over raw HTTP: a `vestis serve` child on 127.0.0.1 (ephemeral port)
//! serving a temporary copy of a fixture site. Requests without the token, with a foreign
//! `Host` or `Origin`, without the CSRF header, form-encoded, naming paths outside
//! `content/`, uploading too much or a fake JPEG are all refused, and the site's files are
//! byte for byte what they were. Then a real save edits one value in place.

#![cfg(feature = "editor")]

use crate::server;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use server::Server;

struct Answer {
    status: u16,
    head: String,
    body: String,
}

fn raw(s: &Server, request: &str) -> Answer {
    let mut stream = TcpStream::connect(s.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// A request with these extra header lines (each ending in `\r\n`) and body.
fn request(s: &Server, method: &str, path: &str, headers: &str, body: &str) -> Answer {
    let host = s.addr;
    raw(
        s,
        &format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn editor_url(s: &Server) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Some(line) = s.log().lines().find(|l| l.starts_with("editor: ")) {
            return line["editor: ".len()..].to_string();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no editor URL:\n{}", s.log());
}

/// The session cookie and the CSRF token, by the front door.
fn login(s: &Server) -> (String, String) {
    let url = editor_url(s);
    let path = url.trim_start_matches(&s.url);
    let answer = request(s, "GET", path, "", "");
    assert_eq!(answer.status, 303, "{}", answer.head);
    assert!(
        answer.head.contains("location: /__vestis/edit/\r\n"),
        "{}",
        answer.head
    );
    let cookie_line = answer
        .head
        .lines()
        .find(|l| l.starts_with("set-cookie: "))
        .unwrap()
        .to_string();
    assert!(cookie_line.contains("httponly") && cookie_line.contains("samesite=strict"));
    // The head was lowercased; the secret is hex, so it survives.
    let cookie = cookie_line["set-cookie: ".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let session = request(
        s,
        "GET",
        "/__vestis/edit/api/session",
        &format!("Cookie: {cookie}\r\n"),
        "",
    );
    assert_eq!(session.status, 200, "{}", session.body);
    let json: serde_json::Value = serde_json::from_str(&session.body).unwrap();
    (cookie, json["csrf"].as_str().unwrap().to_string())
}

#[test]
fn every_unsafe_request_is_refused_and_nothing_is_written() {
    let s = Server::start("full", &[]);
    let (cookie, csrf) = login(&s);
    let origin = format!("http://{}", s.addr);
    let before = tree(&s.path(""));
    let ok_headers = format!(
        "Cookie: {cookie}\r\nOrigin: {origin}\r\nX-Vestis-Csrf: {csrf}\r\nContent-Type: application/json\r\n"
    );
    let post = |path: &str, headers: &str, body: &str| request(&s, "POST", path, headers, body);
    let save = r#"{"collection":"events","id":"rezekne-stage","version":"x","neutral":{"date":"2015-01-01"}}"#;

    // No token, a wrong token, no cookie.
    assert_eq!(request(&s, "GET", "/__vestis/edit/", "", "").status, 403);
    assert_eq!(
        request(&s, "GET", "/__vestis/edit/?token=00", "", "").status,
        403
    );
    assert_eq!(
        request(
            &s,
            "GET",
            "/__vestis/edit/api/collections",
            "Cookie: vestis_edit=00\r\n",
            ""
        )
        .status,
        403
    );
    let no_cookie = ok_headers.replace(&format!("Cookie: {cookie}\r\n"), "");
    assert_eq!(
        post("/__vestis/edit/api/save", &no_cookie, save).status,
        403
    );
    // A foreign Host (DNS rebinding), a foreign Origin, a cross-site fetch.
    let foreign_host = raw(
        &s,
        &format!(
            "GET /__vestis/edit/api/collections HTTP/1.1\r\nHost: evil.example:{}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n",
            s.addr.port()
        ),
    );
    assert_eq!(foreign_host.status, 421);
    let foreign = ok_headers.replace(&origin, "http://evil.example");
    assert_eq!(post("/__vestis/edit/api/save", &foreign, save).status, 403);
    assert_eq!(
        request(
            &s,
            "GET",
            "/__vestis/edit/api/collections",
            &format!("Cookie: {cookie}\r\nOrigin: http://evil.example\r\n"),
            ""
        )
        .status,
        403
    );
    assert_eq!(
        request(
            &s,
            "GET",
            "/__vestis/edit/api/collections",
            &format!("Cookie: {cookie}\r\nSec-Fetch-Site: cross-site\r\n"),
            ""
        )
        .status,
        403
    );
    // No CSRF header, no Origin on a POST, a form-encoded POST, a PUT.
    let no_csrf = ok_headers.replace(&format!("X-Vestis-Csrf: {csrf}\r\n"), "");
    assert_eq!(post("/__vestis/edit/api/save", &no_csrf, save).status, 403);
    let no_origin = ok_headers.replace(&format!("Origin: {origin}\r\n"), "");
    assert_eq!(
        post("/__vestis/edit/api/save", &no_origin, save).status,
        403
    );
    let form = ok_headers.replace("application/json", "application/x-www-form-urlencoded");
    assert_eq!(
        post("/__vestis/edit/api/save", &form, "collection=events&id=x").status,
        415
    );
    assert_eq!(
        request(&s, "PUT", "/__vestis/edit/api/save", &ok_headers, save).status,
        405
    );
    // Paths outside content/: as collection, id, key, trash entry and upload name.
    for (collection, id) in [
        ("../site", "x"),
        ("events", "../../site"),
        ("events", "/etc/passwd"),
        ("events", "%2e%2e"),
        ("/tmp", "x"),
        ("events", ".."),
    ] {
        let body = format!(
            r#"{{"collection":"{collection}","id":"{id}","version":"x","neutral":{{"date":"2015-01-01"}}}}"#
        );
        let status = post("/__vestis/edit/api/save", &ok_headers, &body).status;
        assert!(
            status == 400 || status == 404,
            "{collection}/{id}: {status}"
        );
        let get = request(
            &s,
            "GET",
            &format!("/__vestis/edit/api/record?collection={collection}&id={id}"),
            &format!("Cookie: {cookie}\r\n"),
            "",
        );
        assert!(
            get.status == 400 || get.status == 404,
            "{collection}/{id}: {}",
            get.status
        );
    }
    let bad_key = r#"{"collection":"events","id":"rezekne-stage","version":"x","neutral":{"../../site.yaml":"x"}}"#;
    assert_eq!(
        post("/__vestis/edit/api/save", &ok_headers, bad_key).status,
        400
    );
    assert_eq!(
        post(
            "/__vestis/edit/api/restore",
            &ok_headers,
            r#"{"trash":"../../content"}"#
        )
        .status,
        404
    );
    // Uploads: too large, and a file that claims to be a JPEG but is not.
    let big = "A".repeat(15 * 1024 * 1024);
    let upload = |data: &str, name: &str| {
        format!(
            r#"{{"collection":"events","id":"rezekne-stage","field":"photo","filename":"{name}","data":"{data}"}}"#
        )
    };
    assert_eq!(
        post(
            "/__vestis/edit/api/upload",
            &ok_headers,
            &upload(&big, "a.jpg")
        )
        .status,
        413
    );
    let fake = base64_of(b"<svg onload=alert(1)></svg>");
    let answer = post(
        "/__vestis/edit/api/upload",
        &ok_headers,
        &upload(&fake, "photo.jpg"),
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
    let answer = post(
        "/__vestis/edit/api/upload",
        &ok_headers,
        &upload(&fake, "../../../x.jpg"),
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
    // A stale version is a conflict, not an overwrite.
    let answer = post("/__vestis/edit/api/save", &ok_headers, save);
    assert_eq!(answer.status, 409, "{}", answer.body);
    assert!(answer.body.contains("\"disk\""));

    assert!(before == tree(&s.path("")), "the site's files changed");
    // Editor answers carry the security headers and no CORS headers.
    let page = request(
        &s,
        "GET",
        "/__vestis/edit/api/collections",
        &format!("Cookie: {cookie}\r\n"),
        "",
    );
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.head
            .contains("content-security-policy: default-src 'self'")
    );
    assert!(page.head.contains("frame-ancestors 'self'"));
    assert!(page.head.contains("x-content-type-options: nosniff"));
    assert!(!page.head.contains("access-control-"));
}

#[test]
fn a_save_changes_one_value_in_place_and_an_unchanged_save_nothing() {
    let s = Server::start("full", &[]);
    let (cookie, csrf) = login(&s);
    let headers = format!(
        "Cookie: {cookie}\r\nOrigin: http://{}\r\nX-Vestis-Csrf: {csrf}\r\nContent-Type: application/json\r\n",
        s.addr
    );
    let record = request(
        &s,
        "GET",
        "/__vestis/edit/api/record?collection=events&id=rezekne-stage",
        &format!("Cookie: {cookie}\r\n"),
        "",
    );
    assert_eq!(record.status, 200, "{}", record.body);
    let json: serde_json::Value = serde_json::from_str(&record.body).unwrap();
    let version = json["version"].as_str().unwrap().to_string();
    let yaml_before = std::fs::read_to_string(s.path("content/events/rezekne-stage.yaml")).unwrap();
    // Unchanged: every value sent back as it came.
    let unchanged = serde_json::json!({
        "collection": "events", "id": "rezekne-stage", "version": version,
        "neutral": json["neutral"],
    });
    let answer = request(
        &s,
        "POST",
        "/__vestis/edit/api/save",
        &headers,
        &unchanged.to_string(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        std::fs::read_to_string(s.path("content/events/rezekne-stage.yaml")).unwrap(),
        yaml_before
    );
    // A new date: only that value changes.
    let old_date = json["neutral"]["date"].as_str().unwrap().to_string();
    let changed = serde_json::json!({
        "collection": "events", "id": "rezekne-stage", "version": version,
        "neutral": {"date": "2014-05-06"},
    });
    let answer = request(
        &s,
        "POST",
        "/__vestis/edit/api/save",
        &headers,
        &changed.to_string(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let yaml_after = std::fs::read_to_string(s.path("content/events/rezekne-stage.yaml")).unwrap();
    assert_eq!(yaml_after, yaml_before.replacen(&old_date, "2014-05-06", 1));
    // A mistake is refused unless saved as a draft, and the message is at its field.
    let wrong = serde_json::json!({
        "collection": "events", "id": "rezekne-stage",
        "version": serde_json::from_str::<serde_json::Value>(&answer.body).unwrap()["version"],
        "neutral": {"date": "15.06.2013x"},
    });
    let answer = request(
        &s,
        "POST",
        "/__vestis/edit/api/save?ui=lv",
        &headers,
        &wrong.to_string(),
    );
    assert_eq!(answer.status, 422, "{}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let first = &json["diagnostics"][0];
    assert_eq!(first["field"], "date", "{}", answer.body);
    assert!(
        first["message"].as_str().unwrap().contains("Laukā"),
        "{}",
        answer.body
    );
    assert_eq!(
        std::fs::read_to_string(s.path("content/events/rezekne-stage.yaml")).unwrap(),
        yaml_after
    );
}

fn base64_of(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

struct Client<'a> {
    s: &'a Server,
    cookie: String,
    headers: String,
}

impl Client<'_> {
    fn new(s: &Server) -> Client<'_> {
        let (cookie, csrf) = login(s);
        let headers = format!(
            "Cookie: {cookie}\r\nOrigin: http://{}\r\nX-Vestis-Csrf: {csrf}\r\nContent-Type: application/json\r\n",
            s.addr
        );
        Client { s, cookie, headers }
    }

    fn get(&self, path: &str) -> serde_json::Value {
        let answer = request(
            self.s,
            "GET",
            path,
            &format!("Cookie: {}\r\n", self.cookie),
            "",
        );
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        serde_json::from_str(&answer.body).unwrap()
    }

    fn post(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        let answer = request(self.s, "POST", path, &self.headers, &body.to_string());
        (
            answer.status,
            serde_json::from_str(&answer.body).unwrap_or_default(),
        )
    }

    fn version(&self, collection: &str, id: &str) -> serde_json::Value {
        self.get(&format!(
            "/__vestis/edit/api/record?collection={collection}&id={id}"
        ))["version"]
            .clone()
    }
}

#[test]
fn upload_new_delete_restore_stamp_and_preview() {
    let s = Server::start("full", &[]);
    let c = Client::new(&s);
    // A real JPEG (its first bytes), with alt texts in both languages.
    let jpeg = base64_of(b"\xff\xd8\xff\xe0\0\x10JFIF\0rest of the picture");
    let version = c.version("events", "rezekne-stage");
    let (status, answer) = c.post(
        "/__vestis/edit/api/upload",
        serde_json::json!({
            "collection": "events", "id": "rezekne-stage", "field": "photo",
            "filename": "Skatuve 1.JPG", "data": jpeg, "version": version,
            "alts": {"lv": "Aktieri uz skatuves", "ru": "Актёры на сцене"},
        }),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["name"], "skatuve-1.jpg");
    assert!(
        s.path("content/events/rezekne-stage/skatuve-1.jpg")
            .is_file()
    );
    let yaml = std::fs::read_to_string(s.path("content/events/rezekne-stage.yaml")).unwrap();
    assert!(yaml.contains("\nphoto: skatuve-1.jpg\n"), "{yaml}");
    let ru = std::fs::read_to_string(s.path("content/events/rezekne-stage.ru.md")).unwrap();
    assert!(ru.contains("photo_alt: \"Актёры на сцене\"\n---"), "{ru}");

    // New, delete into the trash, restore.
    let (status, answer) = c.post(
        "/__vestis/edit/api/new",
        serde_json::json!({"collection": "events", "title": "Jauns pasākums"}),
    );
    assert_eq!(status, 200, "{answer}");
    let id = answer["id"].as_str().unwrap().to_string();
    assert!(s.path(&format!("content/events/{id}.lv.md")).is_file());
    let (status, _) = c.post(
        "/__vestis/edit/api/new",
        serde_json::json!({"collection": "events", "id": id}),
    );
    assert_eq!(status, 409);
    let (status, answer) = c.post(
        "/__vestis/edit/api/delete",
        serde_json::json!({"collection": "events", "id": id, "version": c.version("events", &id)}),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(!s.path(&format!("content/events/{id}.lv.md")).exists());
    let trash = c.get("/__vestis/edit/api/trash");
    assert_eq!(trash[0]["id"], id.as_str());
    let (status, answer) = c.post(
        "/__vestis/edit/api/restore",
        serde_json::json!({"trash": trash[0]["trash"]}),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(s.path(&format!("content/events/{id}.lv.md")).is_file());

    // The new record's Russian text still has the Latvian title: said in the officer's language.
    for (ui, start, help) in [
        (
            "lv",
            "Virsraksts joprojām ir tas pats, kas valodā `lv`",
            "iztulkojiet virsrakstu",
        ),
        (
            "ru",
            "Заголовок всё ещё тот же, что на языке `lv`",
            "переведите заголовок",
        ),
    ] {
        let record = c.get(&format!(
            "/__vestis/edit/api/record?collection=events&id={id}&ui={ui}"
        ));
        let untranslated = record["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "diag-untranslated-title")
            .unwrap_or_else(|| panic!("no untranslated title in {record}"));
        assert_eq!(untranslated["lang"], "ru", "{untranslated}");
        assert_eq!(untranslated["field"], "title", "{untranslated}");
        let message = untranslated["message"].as_str().unwrap();
        assert!(message.starts_with(start), "{ui}: {message}");
        assert!(
            message.contains("(„Jauns pasākums“)") || message.contains("(«Jauns pasākums»)"),
            "{message}"
        );
        let said_help = untranslated["help"].as_str().unwrap();
        assert!(said_help.starts_with(help), "{ui}: {said_help}");
    }

    // Stamp the Russian text, change the Latvian one: stale, with a word diff.
    let (status, answer) = c.post("/__vestis/edit/api/stamp", serde_json::json!({"collection": "events", "id": "rezekne-stage", "lang": "ru", "version": c.version("events", "rezekne-stage")}));
    assert_eq!(status, 200, "{answer}");
    let ru = std::fs::read_to_string(s.path("content/events/rezekne-stage.ru.md")).unwrap();
    assert!(ru.contains("translation_of: "), "{ru}");
    let lv_path = s.path("content/events/rezekne-stage.lv.md");
    let lv = std::fs::read_to_string(&lv_path).unwrap();
    let body_word = lv.trim_end().rsplit(' ').next().unwrap().to_string();
    std::fs::write(&lv_path, format!("{} jaunvārds\n", lv.trim_end())).unwrap();
    let t = c.get("/__vestis/edit/api/translation?collection=events&id=rezekne-stage&lang=ru");
    assert_eq!(t["state"], "stale", "{t}");
    let added: Vec<&str> = t["diff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|op| op["op"] == "add")
        .filter_map(|op| op["text"].as_str())
        .collect();
    assert!(
        added.iter().any(|w| w.contains("jaunvārds")),
        "{t} ({body_word})"
    );

    // The Markdown preview is sanitised.
    let (status, answer) = c.post("/__vestis/edit/api/preview", serde_json::json!({"lang": "lv", "markdown": "**bold** <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"}));
    assert_eq!(status, 200);
    let html = answer["html"].as_str().unwrap();
    assert!(html.contains("<strong>bold</strong>"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("onerror") && !html.contains("javascript:"),
        "{html}"
    );
}

#[test]
fn the_editor_is_off_on_the_network_unless_allowed() {
    let s = Server::start("full", &["--bind", "0.0.0.0"]);
    s.wait_until("the note", || s.log().contains("the editor is off"));
    assert!(!s.log().contains("editor: http"), "{}", s.log());
    let page = request(&s, "GET", "/__vestis/edit/api/session", "", "");
    assert_eq!(page.status, 404, "{}", page.body);
    let allowed = Server::start("full", &["--bind", "0.0.0.0", "--allow-editor-on-network"]);
    assert!(editor_url(&allowed).contains("/__vestis/edit/?token="));
}

#[test]
fn video_files_are_checked_by_content_and_a_video_value_is_written_in_place() {
    let s = Server::start("videos", &[]);
    let (cookie, csrf) = login(&s);
    let headers = format!(
        "Cookie: {cookie}\r\nOrigin: http://{}\r\nX-Vestis-Csrf: {csrf}\r\nContent-Type: application/json\r\n",
        s.addr
    );
    let post = |path: &str, body: &str| request(&s, "POST", path, &headers, body);
    let before = tree(&s.path("content"));
    let jpeg = base64_of(b"\xff\xd8\xff\xe0\0\x10JFIF\0");
    let upload = |extra: &str, data: &str, name: &str| {
        format!(
            r#"{{"collection":"broadcasts","id":"local","field":"video","filename":"{name}","data":"{data}"{extra}}}"#
        )
    };
    // A JPEG named like a video, a video with no role, captions that are not WebVTT, captions
    // for a video that is not there, a structured value where a text belongs: all refused.
    for (body, what) in [
        (
            upload(r#","role":"video""#, &jpeg, "clip2.webm"),
            "a JPEG as a video",
        ),
        (upload("", &jpeg, "clip2.webm"), "no role"),
        (
            upload(
                r#","role":"captions","lang":"ru","video":"clip.webm""#,
                &base64_of(b"1\n00:00:00,000 --> 00:00:01,000\nSRT\n"),
                "c.vtt",
            ),
            "SRT as WebVTT",
        ),
        (
            upload(
                r#","role":"captions","lang":"ru","video":"none.webm""#,
                &base64_of(b"WEBVTT\n"),
                "c.vtt",
            ),
            "captions without their video",
        ),
        (
            upload(
                r#","role":"captions","lang":"de","video":"clip.webm""#,
                &base64_of(b"WEBVTT\n"),
                "c.vtt",
            ),
            "captions in a language the site lacks",
        ),
        (
            upload(
                r#","role":"poster""#,
                &base64_of(b"<svg onload=alert(1)></svg>"),
                "p.jpg",
            ),
            "an SVG as a poster",
        ),
    ] {
        let answer = post("/__vestis/edit/api/upload", &body);
        assert!(
            (400..500).contains(&answer.status),
            "{what}: {} {}",
            answer.status,
            answer.body
        );
    }
    let record = request(
        &s,
        "GET",
        "/__vestis/edit/api/record?collection=broadcasts&id=yt",
        &format!("Cookie: {cookie}\r\n"),
        "",
    );
    let json: serde_json::Value = serde_json::from_str(&record.body).unwrap();
    let version = json["version"].clone();
    let structured = |key: &str, value: serde_json::Value| {
        serde_json::json!({"collection": "broadcasts", "id": "yt", "version": version,
            "neutral": {key: value}})
        .to_string()
    };
    let answer = post(
        "/__vestis/edit/api/save",
        &structured("photo", serde_json::json!({"src": "still.jpg"})),
    );
    assert_eq!(
        answer.status, 400,
        "a mapping for an image field: {}",
        answer.body
    );
    let answer = post(
        "/__vestis/edit/api/save",
        &structured("video", serde_json::json!({"src": {"deep": {"er": "x"}}})),
    );
    assert_ne!(answer.status, 200, "a value too deep: {}", answer.body);
    assert!(
        before == tree(&s.path("content")),
        "the site's files changed"
    );
    // A poster added to a hosted video: only the video's line becomes its block.
    let yaml = std::fs::read_to_string(s.path("content/broadcasts/yt.yaml")).unwrap();
    let answer = post(
        "/__vestis/edit/api/save",
        &structured(
            "video",
            serde_json::json!({"src": "https://youtu.be/M7lc1UVf-VE?t=1m5s", "poster": "still.jpg"}),
        ),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        std::fs::read_to_string(s.path("content/broadcasts/yt.yaml")).unwrap(),
        yaml.replace(
            "video: https://youtu.be/M7lc1UVf-VE?t=1m5s\n",
            "video:\n  src: https://youtu.be/M7lc1UVf-VE?t=1m5s\n  poster: still.jpg\n"
        )
    );
    // Real captions for the local video: stored beside it as clip.ru.vtt.
    let answer = post(
        "/__vestis/edit/api/upload",
        &upload(
            r#","role":"captions","lang":"ru","video":"clip.webm""#,
            &base64_of(b"WEBVTT\n\n00:00.000 --> 00:01.000\n\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\n"),
            "Subtitles RU.vtt",
        ),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body.contains("clip.ru.vtt"), "{}", answer.body);
    assert!(s.path("content/broadcasts/local/clip.ru.vtt").is_file());
}

#[test]
fn a_photo_written_with_its_focus_keeps_it_through_an_alt_text_edit_and_a_new_upload() {
    let s = Server::start("full", &[]);
    let yaml_path = s.path("content/events/rezekne-stage.yaml");
    let original = std::fs::read_to_string(&yaml_path).unwrap();
    let with_focus = original.replace(
        "photo: photo.svg\n",
        "photo: { src: photo.svg, focus: top-left }  # the stage\n",
    );
    assert_ne!(with_focus, original);
    std::fs::write(&yaml_path, &with_focus).unwrap();
    let c = Client::new(&s);

    // A new alt text in Russian: only that line of the Russian text changes.
    let ru_path = s.path("content/events/rezekne-stage.ru.md");
    let ru_before = std::fs::read_to_string(&ru_path).unwrap();
    let (status, answer) = c.post(
        "/__vestis/edit/api/save",
        serde_json::json!({
            "collection": "events", "id": "rezekne-stage",
            "version": c.version("events", "rezekne-stage"),
            "texts": {"ru": {"front": {"photo_alt": "Сцена и зрители"}}},
        }),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(std::fs::read_to_string(&yaml_path).unwrap(), with_focus);
    assert_eq!(
        std::fs::read_to_string(&ru_path).unwrap(),
        ru_before.replace(
            "photo_alt: \"Сцена с актёрами\"",
            "photo_alt: \"Сцена и зрители\""
        )
    );

    // A new photo: only the `src` inside the mapping changes; the focus and comment stay.
    let jpeg = base64_of(b"\xff\xd8\xff\xe0\0\x10JFIF\0rest of the picture");
    let (status, answer) = c.post(
        "/__vestis/edit/api/upload",
        serde_json::json!({
            "collection": "events", "id": "rezekne-stage", "field": "photo",
            "filename": "Jauna.jpg", "data": jpeg,
            "version": c.version("events", "rezekne-stage"),
            "alts": {"lv": "Skatuve", "ru": "Сцена"},
        }),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        std::fs::read_to_string(&yaml_path).unwrap(),
        with_focus.replace("{ src: photo.svg,", "{ src: jauna.jpg,")
    );
    let record = c.get("/__vestis/edit/api/record?collection=events&id=rezekne-stage");
    assert_eq!(
        record["neutral"]["photo"],
        serde_json::json!({"src": "jauna.jpg", "focus": "top-left"}),
        "{record}"
    );
}

#[test]
fn a_gallery_photos_texts_are_written_in_the_sites_language_order() {
    let s = Server::start("full", &[]);
    // Russian first: not the alphabetical order, so the test tells the two apart.
    let site_path = s.path("site.yaml");
    let site = std::fs::read_to_string(&site_path).unwrap();
    let site = site
        .replace(
            "  - { code: lv, name: \"Latviešu\" }\n  - { code: ru, name: \"Русский\" }\n",
            "  - { code: ru, name: \"Русский\" }\n  - { code: lv, name: \"Latviešu\" }\n",
        )
        .replace(
            "      photo:        { type: image }\n",
            "      photo:        { type: image }\n      gallery:      { type: gallery }\n",
        );
    assert!(site.contains("gallery:      { type: gallery }") && site.contains("- { code: ru"));
    std::fs::write(&site_path, site).unwrap();
    let c = Client::new(&s);
    let (status, answer) = c.post(
        "/__vestis/edit/api/save",
        serde_json::json!({
            "collection": "events", "id": "rezekne-stage", "draft": true,
            "version": c.version("events", "rezekne-stage"),
            "neutral": {"gallery": [{"src": "photo.svg", "alt": {"lv": "Zāle", "ru": "Зал"}}]},
        }),
    );
    assert_eq!(status, 200, "{answer}");
    let yaml = std::fs::read_to_string(s.path("content/events/rezekne-stage.yaml")).unwrap();
    assert!(
        yaml.contains("gallery:\n  - src: photo.svg\n    alt: { ru: \"Зал\", lv: \"Zāle\" }\n"),
        "{yaml}"
    );
}

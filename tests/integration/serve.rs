//! `vestis serve` end to end: a child process on 127.0.0.1 with `--port 0`, serving a
//! temporary copy of a fixture site, probed over HTTP while its files change.

mod budget;
mod guard;
mod watching;

use crate::common;
use crate::server;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use server::{REBUILD, Server, write};

const RECORD: &str = "/lv/piezimes/both/";
const RECORD_LV: &str = "content/notes/both.lv.md";
const SCRIPT: &str = "/__vestis/live.js";

#[test]
fn serves_pages_folders_and_types_with_the_reload_script() {
    let s = Server::start("full", &[]);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    assert!(home.body.contains(SCRIPT), "{}", home.body);
    let record = s.get("/lv/pasakumi/integracijas-skatuve/");
    assert_eq!(record.status, 200);
    assert!(record.body.contains("Integrācijas skatuve Rēzeknē"));
    let script_at = record.body.rfind(SCRIPT).unwrap();
    assert!(script_at < record.body.rfind("</body>").unwrap());
    let folder = s.get("/lv/pasakumi");
    assert_eq!(
        (folder.status, folder.location.as_str()),
        (301, "/lv/pasakumi/")
    );
    let css = s.get("/style.css");
    assert_eq!(
        (css.status, css.content_type.as_str()),
        (200, "text/css; charset=utf-8")
    );
    assert!(!css.body.contains("__vestis"));
    let svg = s.get("/media/events/rezekne-stage/photo.svg");
    assert_eq!(
        (svg.status, svg.content_type.as_str()),
        (200, "image/svg+xml")
    );
    let txt = s.get("/media/events/rezekne-stage/programme.txt");
    assert_eq!(txt.content_type, "text/plain; charset=utf-8");
    let script = s.get(SCRIPT);
    assert!(script.content_type.starts_with("text/javascript"));
    assert!(script.body.contains("EventSource"));
    assert_eq!(s.get("/__vestis/errors").body, "[]");
    // Serving never writes the output folder.
    assert!(!s.path("public").exists());
}

#[test]
fn vestis_build_output_has_no_reload_script() {
    let site = common::temp_copy("sites", "full");
    let out = site.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_vestis"))
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!html.contains("__vestis"), "{}", entry.path().display());
            pages += 1;
        }
    }
    assert!(pages > 10);
}

#[test]
fn unknown_paths_get_the_sites_404_page() {
    let s = Server::start("full", &[]);
    let reply = s.get("/lv/nav-tadas-lapas/");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.content_type, "text/html; charset=utf-8");
    assert!(reply.body.contains("<h1>404</h1>"), "{}", reply.body);
    assert!(reply.body.contains(SCRIPT));
    // Under a language's folder, that language's 404 page.
    assert!(reply.body.contains("lang=\"lv\""), "{}", reply.body);
    let ru = s.get("/ru/net-takoy-stranitsy/");
    assert_eq!(ru.status, 404);
    assert!(ru.body.contains("lang=\"ru\""), "{}", ru.body);
    assert_eq!(s.get("/style.css/").status, 404);
    assert_eq!(s.get("/nope.css").status, 404);
}

#[test]
fn nothing_outside_the_site_is_served() {
    let s = Server::start("full", &[]);
    for probe in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsite.yaml",
        "/..%2Fcontent/pages/about.lv.md",
        "//etc/passwd",
        "/..\\site.yaml",
        "/site.yaml",
        "/content/pages/about.lv.md",
        "/lv/%2e%2e/%2e%2e/site.yaml",
    ] {
        assert_eq!(s.raw_status(probe), 404, "{probe}");
    }
    assert_eq!(s.raw_status("/lv/"), 200);
}

#[test]
fn an_edit_is_served_after_the_rebuild() {
    let s = Server::start("missing-ru", &[]);
    s.wait_for_page(RECORD, 200, "Abās valodās.");
    write(
        &s.path(RECORD_LV),
        "---\ntitle: \"Abi\"\n---\nJauns teksts.\n",
    );
    s.wait_for_page(RECORD, 200, "Jauns teksts.");
    assert!(s.log().contains("rebuilt in "), "{}", s.log());
}

/// `vestis build` of the site `s` serves, with its base URL, into `built/` beside it.
fn build_served_site(s: &Server) -> std::path::PathBuf {
    let out = s.path("built");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_vestis"))
        .args(["build", "--root"])
        .arg(s.path(""))
        .arg("--output")
        .arg(&out)
        .args(["--base-url", &s.url])
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    out
}

/// A record under embargo appears once its `publish_at` passes, though no file changed:
/// `serve` rebuilds when the next embargo of the site it serves is due.
#[test]
fn an_embargoed_record_appears_when_its_time_comes_without_an_edit() {
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(6);
    let s = Server::start_with("missing-ru", &[], |root| {
        write(
            &root.join("content/notes/later.lv.md"),
            "---\ntitle: \"Vēlāk\"\n---\nPublicēts vēlāk.\n",
        );
        write(
            &root.join("content/notes/later.yaml"),
            &format!("publish_at: {at}\n"),
        );
    });
    s.wait_for_page(RECORD, 200, "Abās valodās.");
    assert!(jiff::Timestamp::now() < at, "the first build took too long");
    assert_eq!(s.get("/lv/piezimes/later/").status, 404);
    s.wait_for_page("/lv/piezimes/later/", 200, "Publicēts vēlāk.");
    assert!(jiff::Timestamp::now() >= at);
}

/// A search index too large for one file is a group of files in `serve`, made on the first
/// request for one of them: every file `vestis build` writes under `lv/search/` is served
/// with the same bytes, and no other.
#[test]
fn a_sharded_search_index_is_served_as_built() {
    let s = Server::start_with("missing-ru", &[], |root| {
        // 400 notes of distinct made-up words: an index well over the inline limit.
        let mut seed = 7u64;
        for n in 0..400 {
            let mut next = || {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (seed >> 33) as usize
            };
            let words: Vec<String> = (0..60)
                .map(|_| {
                    let letters = b"abdeghiklmnoprstuvz";
                    let len = 4 + next() % 5;
                    (0..len).map(|_| letters[next() % 19] as char).collect()
                })
                .collect();
            write(
                &root.join(format!("content/notes/n{n:03}.lv.md")),
                &format!("---\ntitle: \"Piezīme {n}\"\n---\n{}\n", words.join(" ")),
            );
        }
    });
    s.wait_for_page(RECORD, 200, "Abās valodās.");
    let out = build_served_site(&s);
    let shards: Vec<_> = std::fs::read_dir(out.join("lv/search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    assert!(shards.len() > 5, "the index is not sharded: {shards:?}");
    let manifest = std::fs::read_to_string(out.join("lv/search.json")).unwrap();
    assert_eq!(s.get("/lv/search.json").body, manifest);
    for name in shards {
        let built = std::fs::read_to_string(out.join("lv/search").join(&name)).unwrap();
        assert_eq!(s.get(&format!("/lv/search/{name}")).body, built, "{name}");
    }
    let record = std::fs::read_to_string(out.join("lv/search/r/0.json")).unwrap();
    assert_eq!(s.get("/lv/search/r/0.json").body, record);
    assert_eq!(s.get("/lv/search/nonexistent.json").status, 404);
}

/// The feeds, calendars, search indexes and sitemap are made on request in `serve`: after an
/// edit they show it, and they equal what `vestis build` writes for the same base URL.
#[test]
fn published_files_follow_edits_and_equal_the_build() {
    let s = Server::start("full", &[]);
    let feed = s.get("/lv/atom.xml");
    assert_eq!(feed.status, 200);
    assert!(feed.content_type.contains("xml"), "{}", feed.content_type);
    write(
        &s.path("content/events/daugavpils-show.lv.md"),
        "---\ntitle: \"Šovs pēc labojuma\"\n---\nJauns teksts.\n",
    );
    s.wait_for_page("/lv/pasakumi/daugavpils-show/", 200, "Šovs pēc labojuma");
    assert!(s.get("/lv/atom.xml").body.contains("Šovs pēc labojuma"));
    assert!(s.get("/lv/search.json").body.contains("Šovs pēc labojuma"));

    let out = build_served_site(&s);
    for file in [
        "lv/atom.xml",
        "ru/atom.xml",
        "lv/rss.xml",
        "lv/calendar.ics",
        "lv/search.json",
        "sitemap.xml",
        "robots.txt",
    ] {
        let built = std::fs::read_to_string(out.join(file)).unwrap();
        assert_eq!(s.get(&format!("/{file}")).body, built, "{file}");
    }
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_reports_the_error_until_fixed() {
    let s = Server::start("missing-ru", &[]);
    write(&s.path(RECORD_LV), "---\ntitle: [\n---\nSalauzts.\n");
    s.wait_until("the error is exposed", || {
        s.get("/__vestis/errors").body != "[]"
    });
    let page = s.get(RECORD);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Abās valodās."),
        "last good page: {}",
        page.body
    );
    let errors = s.get("/__vestis/errors");
    assert_eq!(errors.content_type, "application/json; charset=utf-8");
    let json: serde_json::Value = serde_json::from_str(&errors.body).unwrap();
    let first = &json[0];
    assert_eq!(first["path"], RECORD_LV, "{json}");
    assert_eq!(first["line"], 2);
    assert_eq!(first["source_line"], "title: [");
    assert!(first["col"].as_u64().unwrap() > 0);
    assert!(first["message"].as_str().is_some_and(|m| !m.is_empty()));
    let rendered = first["rendered"].as_str().unwrap();
    assert!(
        rendered.starts_with(&format!("error: {RECORD_LV}:2:")),
        "{rendered}"
    );
    s.wait_until("the failure is printed", || {
        s.log().contains("rebuild failed: 1 error")
    });

    write(&s.path(RECORD_LV), "---\ntitle: \"Abi\"\n---\nSalabots.\n");
    s.wait_for_page(RECORD, 200, "Salabots.");
    assert_eq!(s.get("/__vestis/errors").body, "[]");
}

#[test]
fn a_deleted_record_disappears_and_comes_back_and_can_be_renamed() {
    let s = Server::start("missing-ru", &[]);
    let files = [RECORD_LV, "content/notes/both.ru.md"];
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(s.path(f)).unwrap())
        .collect();
    for f in files {
        std::fs::remove_file(s.path(f)).unwrap();
    }
    s.wait_for_page(RECORD, 404, SCRIPT);
    for (f, text) in files.iter().zip(&texts) {
        write(&s.path(f), text);
    }
    s.wait_for_page(RECORD, 200, "Abās valodās.");
    // Renamed: the old address goes, the new one comes.
    for f in files {
        let to = f.replace("both", "moved");
        std::fs::rename(s.path(f), s.path(&to)).unwrap();
    }
    s.wait_for_page("/lv/piezimes/moved/", 200, "Abās valodās.");
    assert_eq!(s.get(RECORD).status, 404);
}

#[test]
fn the_content_folder_can_disappear_and_come_back() {
    let s = Server::start("missing-ru", &[]);
    let content = s.path("content");
    let aside = s.path("content-aside");
    std::fs::rename(&content, &aside).unwrap();
    s.wait_for_page(RECORD, 404, "");
    std::fs::rename(&aside, &content).unwrap();
    s.wait_for_page(RECORD, 200, "Abās valodās.");
    // The restored folder is watched again: an edit inside it shows.
    write(
        &s.path(RECORD_LV),
        "---\ntitle: \"Abi\"\n---\nAtkal šeit.\n",
    );
    s.wait_for_page(RECORD, 200, "Atkal šeit.");

    // Removed outright and written again, file by file.
    std::fs::remove_dir_all(&content).unwrap();
    s.wait_for_page(RECORD, 404, "");
    common::copy_tree(
        &common::fixture("sites", "missing-ru").join("content"),
        &content,
    );
    s.wait_for_page(RECORD, 200, "Abās valodās.");
    write(
        &s.path(RECORD_LV),
        "---\ntitle: \"Abi\"\n---\nTrešo reizi.\n",
    );
    s.wait_for_page(RECORD, 200, "Trešo reizi.");
}

#[test]
fn polling_sees_edits_too() {
    let s = Server::start("missing-ru", &["--poll"]);
    write(&s.path(RECORD_LV), "---\ntitle: \"Abi\"\n---\nAptaujāts.\n");
    s.wait_for_page(RECORD, 200, "Aptaujāts.");
}

#[test]
fn pages_hear_reload_css_and_error_events() {
    let s = Server::start("full", &[]);
    let mut events = EventStream::open(&s);
    assert_eq!(events.next_event(), ("hello".to_string(), "1".to_string()));
    write(&s.path("static/site.css"), "h1 { color: blue; }\n");
    assert_eq!(events.next_event().0, "css");
    write(&s.path("content/pages/about.lv.md"), "---\ntitle: [\n---\n");
    let (name, data) = events.next_event();
    assert_eq!(name, "error");
    assert!(data.contains("content/pages/about.lv.md"), "{data}");
    write(
        &s.path("content/pages/about.lv.md"),
        "---\ntitle: \"Par\"\n---\nLabi.\n",
    );
    assert_eq!(events.next_event().0, "reload");
}

#[test]
fn two_hundred_concurrent_requests_are_all_answered() {
    let s = Server::start("full", &[]);
    let paths = [
        "/",
        "/lv/",
        "/ru/meropriyatiya/",
        "/style.css",
        "/lv/izrades/the-bench/",
    ];
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..200)
            .map(|i| {
                let agent = s.agent();
                let url = format!("{}{}", s.url, paths[i % paths.len()]);
                scope.spawn(move || server::get(&agent, &url).status)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses.len(), 200);
    assert!(statuses.iter().all(|&code| code == 200), "{statuses:?}");
}

/// A raw Server-Sent Events connection to `/__vestis/events`.
struct EventStream {
    reader: BufReader<TcpStream>,
}

impl EventStream {
    fn open(s: &Server) -> EventStream {
        let mut stream = TcpStream::connect(s.addr).unwrap();
        stream.set_read_timeout(Some(REBUILD)).unwrap();
        let request = format!("GET /__vestis/events HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr);
        stream.write_all(request.as_bytes()).unwrap();
        EventStream {
            reader: BufReader::new(stream),
        }
    }

    /// The next named event as (name, data); keep-alive comments are skipped.
    fn next_event(&mut self) -> (String, String) {
        let deadline = Instant::now() + REBUILD + Duration::from_secs(5);
        let (mut name, mut data) = (String::new(), String::new());
        while Instant::now() < deadline {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("event stream");
            assert!(read > 0, "event stream closed");
            let line = line.trim_end();
            if let Some(n) = line.strip_prefix("event:") {
                name = n.trim().to_string();
            } else if let Some(d) = line.strip_prefix("data:") {
                data = d.trim().to_string();
            } else if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
        }
        panic!("no event before the deadline");
    }
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_then_appears_once_fixed() {
    let site = common::fixture("sites", "missing-ru");
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let s = Server::start_with("missing-ru", &[], |root| {
        std::fs::write(root.join("site.yaml"), format!("{yaml}them: x\n")).unwrap();
    });
    let home = s.get("/");
    assert_eq!(home.status, 503);
    assert!(home.body.contains(SCRIPT));
    let errors = s.get("/__vestis/errors").body;
    assert!(errors.contains("\"path\":\"site.yaml\""), "{errors}");
    assert!(errors.contains("did you mean `theme`?"), "{errors}");
    assert!(s.log().contains("build failed: 1 error"), "{}", s.log());
    std::fs::write(s.path("site.yaml"), &yaml).unwrap();
    s.wait_for_page(RECORD, 200, "Abās valodās.");
    assert_eq!(s.get("/__vestis/errors").body, "[]");
}

//! The editor's browser side, shipped inside the binary: the shell page, its JavaScript
//! modules and stylesheet (`ui/app/`), and the editor's own words in each language
//! (`locales/<lang>/ui.ftl`, formatted here with Fluent and sent as JSON).
//!
//! Nothing is downloaded at run time and nothing is read from disk: every file is compiled in
//! with `include_str!`. The routes are GET only; they sit behind the editor's security
//! middleware in [`super`] (session cookie, `Host`/`Origin`, CSP: hence no inline script or
//! style anywhere in these files). The JSON API the app talks to is documented in
//! `docs/editor-api.md`.

mod strings;

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The editor's start page.
pub(crate) const INDEX_PATH: &str = "/__vestis/edit/";

/// One file of the app: its name under `assets/`, its media type and its text.
struct Asset {
    name: &'static str,
    kind: &'static str,
    text: &'static str,
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file of the app (the shell page is served at [`INDEX_PATH`]).
const ASSETS: &[Asset] = &[
    asset(
        "editor.css",
        "text/css; charset=utf-8",
        include_str!("ui/app/editor.css"),
    ),
    asset("app.js", JS, include_str!("ui/app/app.js")),
    asset("api.js", JS, include_str!("ui/app/api.js")),
    asset("dom.js", JS, include_str!("ui/app/dom.js")),
    asset("i18n.js", JS, include_str!("ui/app/i18n.js")),
    asset("lists.js", JS, include_str!("ui/app/lists.js")),
    asset("record.js", JS, include_str!("ui/app/record.js")),
    asset("widgets.js", JS, include_str!("ui/app/widgets.js")),
    asset("media.js", JS, include_str!("ui/app/media.js")),
    asset("markdown.js", JS, include_str!("ui/app/markdown.js")),
    asset("texts.js", JS, include_str!("ui/app/texts.js")),
    asset("conflict.js", JS, include_str!("ui/app/conflict.js")),
    asset("trash.js", JS, include_str!("ui/app/trash.js")),
];

const INDEX: &str = include_str!("ui/app/index.html");

const fn asset(name: &'static str, kind: &'static str, text: &'static str) -> Asset {
    Asset { name, kind, text }
}

/// The UI's routes, with their full paths: the shell page, the assets and the words.
pub(crate) fn routes() -> Router<()> {
    Router::new()
        .route(INDEX_PATH, get(index))
        .route("/__vestis/edit/assets/{file}", get(asset_file))
        .route("/__vestis/edit/strings/{file}", get(strings_file))
}

/// The bytes the editor adds to the binary: every asset, the shell page and the words.
#[cfg(test)]
fn embedded_size() -> usize {
    ASSETS.iter().map(|a| a.text.len()).sum::<usize>() + INDEX.len() + strings::source_size()
}

async fn index() -> Response {
    text_response("text/html; charset=utf-8", INDEX)
}

async fn asset_file(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == file) {
        Some(a) => text_response(a.kind, a.text),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `strings/lv.json`: `{"lang": "lv", "messages": {"ui-save": "Saglabāt", …}}`.
async fn strings_file(Path(file): Path<String>) -> Response {
    let Some(lang) = file.strip_suffix(".json") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match strings::json(lang) {
        Some(json) => (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            json,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn text_response(kind: &'static str, text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], text).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_module_the_app_imports_is_shipped() {
        let names: Vec<&str> = ASSETS.iter().map(|a| a.name).collect();
        for a in ASSETS.iter().filter(|a| a.name.ends_with(".js")) {
            for line in a.text.lines().filter(|l| l.starts_with("import ")) {
                let Some(start) = line.find("\"./") else {
                    panic!("{}: import without a relative path: {line}", a.name);
                };
                let rest = &line[start + 3..];
                let module = &rest[..rest.find('"').unwrap_or(rest.len())];
                assert!(names.contains(&module), "{} imports {module}", a.name);
            }
        }
    }

    #[test]
    fn the_editor_stays_small() {
        let size = embedded_size();
        println!("the editor's files in the binary: {size} bytes");
        assert!(size > 20_000 && size < 250_000, "{size} bytes");
    }

    #[test]
    fn the_shell_has_no_inline_script_or_style_and_no_external_address() {
        let lower = INDEX.to_ascii_lowercase();
        assert!(!lower.contains("<script>") && !lower.contains("style="));
        assert!(!lower.contains("<style"));
        for a in ASSETS.iter().map(|a| a.text).chain([INDEX]) {
            assert!(!a.contains("http://") && !a.contains("https://"));
        }
    }
}

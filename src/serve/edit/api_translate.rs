//! Translation work and the Markdown preview: stamping a translation as up to date (keeping
//! the original's text in `.vestis/stamps/` for a later word diff), a translation's state with
//! that diff, and the sanitised Markdown preview (the site's Markdown, cleaned by `ammonia`,
//! which lives only here).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value as J, json};

use super::EditState;
use super::api_records;
use super::api_write::RecordInput;
use super::loaded::{Loaded, load, load_record};
use super::reply::{self, blocking, body, error, write_error};
use crate::content::write::{self, Edit, RecordPaths, TextEdit, Value, files, form, quote};

/// Where the text of an original is kept when a translation is stamped from it.
fn stamp_store(root: &Path, hash: &str) -> Option<PathBuf> {
    let ok =
        !hash.is_empty() && hash.len() <= 128 && hash.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then(|| root.join(".vestis/stamps").join(format!("{hash}.md")))
}

/// `POST stamp`: marks a translation as up to date with its original.
pub(crate) async fn stamp(State(state): State<Arc<EditState>>, bytes: Bytes) -> Response {
    blocking(move || {
        let input: RecordInput = match body(&bytes) {
            Ok(i) => i,
            Err(r) => return r,
        };
        stamp_record(&state.root, &input).unwrap_or_else(|r| r)
    })
    .await
}

fn stamp_record(root: &Path, input: &RecordInput) -> Result<Response, Response> {
    let loaded = load(root)?;
    let paths = write::locate(&loaded.config, &input.collection, &input.id).map_err(write_error)?;
    let default = loaded.config.default_language().to_string();
    let lang = input.lang.clone().unwrap_or_default();
    if lang == default || paths.text(&lang).is_none() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "name the language of a translation",
        ));
    }
    let not_loaded = || {
        error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "the site has mistakes that stop vestis reading it; fix them first",
        )
    };
    let site = loaded.site.as_ref().ok_or_else(not_loaded)?;
    let record = site
        .find(&paths.collection, &paths.id)
        .map(|i| &site.records[i])
        .ok_or_else(not_loaded)?;
    let original = record.texts.get(&default).ok_or_else(not_loaded)?;
    let hash = original.content_hash.clone();
    let (now, _) = files::read_record(root, &paths).map_err(write_error)?;
    let original_text = now
        .iter()
        .find(|f| Some(f.path.as_path()) == paths.text(&default))
        .and_then(|f| f.text.clone());
    if let (Some(store), Some(text)) = (stamp_store(root, &hash), original_text) {
        files::write_atomic(&store, text.as_bytes()).map_err(write_error)?;
    }
    let mut edit = Edit {
        text_order: form::text_order(&loaded.config.collections[&paths.collection]),
        ..Edit::default()
    };
    edit.texts.insert(
        lang,
        TextEdit {
            front: vec![(
                "translation_of".into(),
                Value::Scalar(hash, quote::Kind::Text),
            )],
            body: None,
        },
    );
    let planned = write::plan(&paths, &now, &edit).map_err(write_error)?;
    let version = write::commit(root, &paths, &input.version, &planned).map_err(write_error)?;
    Ok(reply::json(StatusCode::OK, &json!({"version": version})))
}

/// The translation's state, the original now and when stamped, and a word diff.
pub(crate) fn translation_json(
    root: &Path,
    loaded: &Loaded,
    paths: &RecordPaths,
    lang: &str,
) -> Response {
    let default = loaded.config.default_language();
    let (Some(original_path), Some(path)) = (paths.text(default), paths.text(lang)) else {
        return error(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "name a language of the site",
        );
    };
    let read = |p: &Path| files::read_text(&root.join(p)).ok().flatten();
    let stamp = read(path)
        .as_deref()
        .and_then(files::split_front_matter)
        .and_then(|p| form::values(p.yaml))
        .and_then(|v| match v.get("translation_of") {
            Some(form::FormValue::Text(t)) => Some(t.clone()),
            _ => None,
        });
    let original = read(original_path);
    // The editor's own store first; else, in a git repository, the history.
    let stamped = stamp.as_deref().and_then(|h| {
        stamp_store(root, h)
            .and_then(|p| files::read_text(&p).ok().flatten())
            .or_else(|| super::git_history::original_with_hash(root, original_path, h))
    });
    let diff = match (&stamped, &original) {
        (Some(old), Some(new)) => {
            let d = similar::TextDiff::from_words(old.as_str(), new.as_str());
            let ops: Vec<J> = d
                .iter_all_changes()
                .map(|c| {
                    let op = match c.tag() {
                        similar::ChangeTag::Equal => "same",
                        similar::ChangeTag::Delete => "del",
                        similar::ChangeTag::Insert => "add",
                    };
                    json!({"op": op, "text": c.value()})
                })
                .collect();
            J::Array(ops)
        }
        _ => J::Null,
    };
    let state = api_records::translation_states(loaded, paths)
        .get(lang)
        .cloned()
        .unwrap_or(J::Null);
    reply::json(
        StatusCode::OK,
        &json!({
            "state": state,
            "original_lang": default,
            "original": original,
            "stamped_original": stamped,
            "diff": diff,
        }),
    )
}

/// `POST preview`: the site's Markdown, sanitised.
pub(crate) async fn preview(bytes: Bytes) -> Response {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        #[serde(default)]
        #[allow(dead_code)]
        lang: Option<String>,
        markdown: String,
    }
    blocking(move || {
        let input: Input = match body(&bytes) {
            Ok(i) => i,
            Err(r) => return r,
        };
        let html = crate::markdown::render(&input.markdown).html.text();
        let clean = ammonia::Builder::default()
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .clean(&html)
            .to_string();
        reply::json(StatusCode::OK, &json!({"html": clean}))
    })
    .await
}

/// `GET translation?collection=…&id=…&lang=…`.
pub(crate) async fn translation(State(state): State<Arc<EditState>>, uri: Uri) -> Response {
    let q = reply::query(&uri);
    blocking(move || {
        let (loaded, paths) = match load_record(&state.root, &q) {
            Ok(found) => found,
            Err(r) => return r,
        };
        let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
        translation_json(&state.root, &loaded, &paths, get("lang"))
    })
    .await
}

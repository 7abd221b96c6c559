//! Reading for the form: the session, the lists of records and one record with the schema of
//! its fields (a translation's state is in `api_translate`).
//! Values come from the files themselves ([`form::values`]), so a site that does not build
//! can still be opened and fixed; what needs the whole site (titles of `ref` targets,
//! translation states, preview addresses) is added when it loads.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value as J, json};

use super::loaded::{Loaded, load, load_record};
use super::reply::{self, blocking, error, write_error};
use super::{EditState, validate};
use crate::config::{Collection, Config, FieldKind};
use crate::content::write::{self, RecordPaths, files, form};

/// `GET session`.
pub(crate) async fn session(State(state): State<Arc<EditState>>) -> Response {
    blocking(move || {
        let config = match Config::load(&state.root) {
            Ok(c) => c,
            Err(d) => return error(StatusCode::INTERNAL_SERVER_ERROR, "invalid", &d.to_string()),
        };
        reply::json(StatusCode::OK, &json!({
            "csrf": state.secrets.csrf(),
            "languages": config.languages.iter().map(|l| json!({"code": l.code, "name": l.name})).collect::<Vec<_>>(),
            "default_language": config.default_language(),
            "site_title": config.title,
            "upload_limit_bytes": super::upload::MAX_UPLOAD,
        }))
    })
    .await
}

/// `GET collections`.
pub(crate) async fn collections(State(state): State<Arc<EditState>>) -> Response {
    blocking(move || {
        let loaded = match load(&state.root) {
            Ok(l) => l,
            Err(r) => return r,
        };
        let mut out = Vec::new();
        for collection in loaded.config.collections.values() {
            let records: Vec<J> = record_ids(&loaded.config, &collection.name)
                .iter()
                .filter_map(|id| write::locate(&loaded.config, &collection.name, id).ok())
                .map(|paths| summary(&loaded, &paths))
                .collect();
            out.push(json!({
                "name": collection.name,
                "labels": messages(&loaded, &format!("collection-{}", collection.name)),
                "fields": fields(&loaded, collection),
                "records": records,
            }));
        }
        reply::json(StatusCode::OK, &out)
    })
    .await
}

/// The ids of a collection's records, from the names of their files.
fn record_ids(config: &Config, collection: &str) -> Vec<String> {
    let dir = config.root.join("content").join(collection);
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".md"))
        .filter_map(|n| n.split('.').next().map(str::to_string))
        .filter(|id| crate::content::is_valid_id(id))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn read(root: &Path, paths: &RecordPaths) -> Vec<(PathBuf, Option<String>)> {
    paths
        .files()
        .map(|p| {
            (
                p.to_path_buf(),
                files::read_text(&root.join(p)).ok().flatten(),
            )
        })
        .collect()
}

fn summary(loaded: &Loaded, paths: &RecordPaths) -> J {
    let texts = read(&loaded.config.root, paths);
    let yaml = texts[0]
        .1
        .as_deref()
        .and_then(form::values)
        .unwrap_or_default();
    let mut titles = serde_json::Map::new();
    for ((lang, _), (_, text)) in paths.texts.iter().zip(&texts[1..]) {
        let front = text.as_deref().and_then(files::split_front_matter);
        if let Some(form::FormValue::Text(t)) = front
            .and_then(|p| form::values(p.yaml))
            .and_then(|v| v.get("title").cloned())
        {
            titles.insert(lang.clone(), J::String(t));
        }
    }
    let text = |k: &str| match yaml.get(k) {
        Some(form::FormValue::Text(t)) => J::String(t.clone()),
        _ => J::Null,
    };
    let publish_at = text("publish_at");
    json!({
        "id": paths.id,
        "titles": titles,
        "date": text("date"),
        "draft": text("draft") == J::String("true".into()),
        "publish_at": publish_at,
        "embargoed": embargoed(loaded, paths),
        "translations": translation_states(loaded, paths),
        "preview": preview(loaded, paths),
    })
}

fn embargoed(loaded: &Loaded, paths: &RecordPaths) -> bool {
    let Some(site) = &loaded.site else {
        return false;
    };
    site.records
        .iter()
        .find(|r| r.collection == paths.collection && r.id == paths.id)
        .and_then(|r| r.publish_at)
        .is_some_and(|t| t > jiff::Timestamp::now())
}

/// Per non-default language: complete, stale, unstamped, missing or placeholder.
pub(crate) fn translation_states(loaded: &Loaded, paths: &RecordPaths) -> J {
    let mut out = serde_json::Map::new();
    let Some(report) = &loaded.report else {
        return J::Object(out);
    };
    let key = format!("{}/{}", paths.collection, paths.id);
    for lang in &report.languages {
        let Some(path) = paths.text(&lang.lang) else {
            continue;
        };
        let state = if lang.missing_records.contains(&key) {
            "missing"
        } else if lang.unfinished.iter().any(|u| u.file == path) {
            "placeholder"
        } else if lang.stale.iter().any(|s| s.translation == path) {
            "stale"
        } else if lang.unstamped.iter().any(|p| p == path) {
            "unstamped"
        } else if lang.lang == loaded.config.default_language() {
            continue;
        } else {
            "complete"
        };
        out.insert(lang.lang.clone(), J::String(state.into()));
    }
    J::Object(out)
}

/// Per language: the URL path of the record's page in the served site.
pub(crate) fn preview(loaded: &Loaded, paths: &RecordPaths) -> J {
    let mut out = serde_json::Map::new();
    let Some(site) = &loaded.site else {
        return J::Object(out);
    };
    if let Some(i) = site.find(&paths.collection, &paths.id) {
        for (lang, view) in &site.views {
            if let Some(Some(folder)) = view.paths.get(i) {
                out.insert(lang.clone(), J::String(format!("/{folder}")));
            }
        }
    }
    J::Object(out)
}

/// The schema of a collection's fields, as the form needs it.
fn fields(loaded: &Loaded, collection: &Collection) -> Vec<J> {
    collection
        .fields
        .iter()
        .map(|(name, spec)| {
            let mut field = kind_json(loaded, collection, name, &spec.kind);
            field["name"] = J::String(name.clone());
            field["labels"] = messages(loaded, &format!("field-{name}"));
            field["required"] = J::Bool(spec.required);
            field["localized"] = J::Bool(spec.localized);
            field
        })
        .collect()
}

fn kind_json(loaded: &Loaded, collection: &Collection, name: &str, kind: &FieldKind) -> J {
    let (ty, widget) = match kind {
        FieldKind::String => ("string", "text"),
        FieldKind::Markdown => ("markdown", "markdown"),
        FieldKind::Int { .. } => ("int", "number"),
        FieldKind::Number { .. } => ("number", "number"),
        FieldKind::Bool => ("bool", "checkbox"),
        FieldKind::Date => ("date", "date"),
        FieldKind::DateTime => ("datetime", "datetime"),
        FieldKind::Url => ("url", "url"),
        FieldKind::Enum(_) => ("enum", "select"),
        FieldKind::Ref(_) => ("ref", "ref"),
        FieldKind::List(_) => ("list", "list"),
        FieldKind::File => ("file", "file"),
        FieldKind::Image => ("image", "image"),
        // A video file beside the record or a host's link, a poster and captions.
        FieldKind::Video => ("video", "video"),
        // Photos added, removed and moved, each with alt text and caption per language.
        FieldKind::Gallery => ("gallery", "gallery"),
    };
    let mut out = json!({"type": ty, "widget": widget});
    match kind {
        FieldKind::Int { min, max } | FieldKind::Number { min, max } => {
            out["min"] = json!(min);
            out["max"] = json!(max);
        }
        FieldKind::Enum(values) => out["values"] = enum_values(loaded, collection, name, values),
        FieldKind::Ref(to) => {
            out["to"] = J::String(to.clone());
            out["targets"] = targets(loaded, to);
        }
        FieldKind::List(of) => out["of"] = kind_json(loaded, collection, name, of),
        _ => {}
    }
    out
}

/// Per site language, the text of the Fluent message `key` (site files first, then the
/// theme's), for the languages that have it: `{"lv": "Datums", "ru": "Дата"}`.
fn messages(loaded: &Loaded, key: &str) -> J {
    let mut out = serde_json::Map::new();
    for lang in loaded.locales.iter().flat_map(|l| l.languages()) {
        if let Ok(label) = lang.message(key, &[]) {
            out.insert(lang.code().to_string(), J::String(label));
        }
    }
    J::Object(out)
}

fn enum_values(loaded: &Loaded, collection: &Collection, name: &str, values: &[String]) -> J {
    let labels = |value: &str| messages(loaded, &format!("{}-{name}-{value}", collection.name));
    J::Array(
        values
            .iter()
            .map(|v| json!({"value": v, "labels": labels(v)}))
            .collect(),
    )
}

fn targets(loaded: &Loaded, to: &str) -> J {
    let Some(site) = &loaded.site else {
        let ids = record_ids(&loaded.config, to);
        return J::Array(
            ids.iter()
                .map(|id| json!({"id": id, "titles": {}}))
                .collect(),
        );
    };
    let list = site.records.iter().filter(|r| r.collection == to).map(|r| {
        let titles: serde_json::Map<String, J> = r
            .texts
            .iter()
            .map(|(l, t)| (l.clone(), J::String(t.title.clone())))
            .collect();
        json!({"id": r.id, "titles": titles})
    });
    J::Array(list.collect())
}

/// `GET record?collection=…&id=…`.
pub(crate) async fn record(State(state): State<Arc<EditState>>, uri: Uri) -> Response {
    let q = reply::query(&uri);
    blocking(move || {
        let (loaded, paths) = match load_record(&state.root, &q) {
            Ok(found) => found,
            Err(r) => return r,
        };
        let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
        let (now, version) = match files::read_record(&state.root, &paths) {
            Ok(r) => r,
            Err(e) => return write_error(e),
        };
        if now.iter().all(|f| f.text.is_none()) {
            return write_error(write::WriteError::NotFound(format!("{}/{}", paths.collection, paths.id)));
        }
        let texts: Vec<(PathBuf, Option<String>)> =
            now.iter().map(|f| (f.path.clone(), f.text.clone())).collect();
        let all = validate::check(&state.root);
        let diagnostics = validate::for_record(&all, &paths, &texts, get("ui"));
        let collection = &loaded.config.collections[&paths.collection];
        reply::json(StatusCode::OK, &json!({
            "collection": paths.collection,
            "id": paths.id,
            "version": version,
            "fields": fields(&loaded, collection),
            "neutral": texts[0].1.as_deref().and_then(form::values).unwrap_or_default(),
            "texts": texts_json(&paths, &texts),
            "translations": translation_states(&loaded, &paths),
            "preview": preview(&loaded, &paths),
            "files": now.iter().filter(|f| f.text.is_some()).map(|f| f.path.to_string_lossy()).collect::<Vec<_>>(),
            "media": media(&state.root, &paths),
            "diagnostics": diagnostics,
        }))
    })
    .await
}

fn texts_json(paths: &RecordPaths, texts: &[(PathBuf, Option<String>)]) -> J {
    let mut out = serde_json::Map::new();
    for ((lang, _), (_, text)) in paths.texts.iter().zip(&texts[1..]) {
        let value = text
            .as_deref()
            .and_then(files::split_front_matter)
            .map(|parts| {
                let front = form::values(parts.yaml).unwrap_or_default();
                json!({"front": front, "body": parts.body})
            });
        out.insert(lang.clone(), value.unwrap_or(J::Null));
    }
    J::Object(out)
}

fn media(root: &Path, paths: &RecordPaths) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(&paths.folder))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

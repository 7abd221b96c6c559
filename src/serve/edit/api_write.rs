//! Changing records: save (checked first on the would-be site), validate, new (the code of
//! `vestis new`), delete to the trash and restore. Every key a request names must be one the
//! schema allows; every path is made by [`crate::content::write`] from the record's
//! collection and id.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::json;

use super::api_records;
use super::loaded::{Loaded, load};
use super::reply::{self, blocking, body, error, write_error};
use super::{EditState, validate};
use crate::config::{Collection, FieldKind};
use crate::content::write::{
    self, Edit, RecordPaths, TextEdit, Value, Version, files, form, quote, trash,
};

/// One value as the form sends it: text, a list of texts, or `null` (remove the key).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum FormInput {
    Text(String),
    List(Vec<String>),
    Bool(bool),
    Number(f64),
    Null(()),
    /// A gallery's photos or a video with its poster (only for those fields).
    Structured(serde_json::Value),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TextInput {
    #[serde(default)]
    front: IndexMap<String, Option<FormInput>>,
    #[serde(default)]
    body: Option<String>,
}

/// The body of `save` and `validate`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SaveInput {
    collection: String,
    id: String,
    #[serde(default)]
    version: Option<Version>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    neutral: IndexMap<String, Option<FormInput>>,
    #[serde(default)]
    texts: IndexMap<String, TextInput>,
}

fn value(input: Option<&FormInput>, kind: quote::Kind) -> Value {
    match input {
        None | Some(FormInput::Null(())) => Value::Remove,
        Some(FormInput::Text(t)) if t.trim().is_empty() => Value::Remove,
        Some(FormInput::Text(t)) => Value::Scalar(t.clone(), kind),
        Some(FormInput::List(items)) => Value::List(items.clone(), kind),
        Some(FormInput::Bool(b)) => Value::Scalar(b.to_string(), quote::Kind::Typed),
        Some(FormInput::Number(n)) => Value::Scalar(n.to_string(), quote::Kind::Typed),
        Some(FormInput::Structured(json)) => Value::Block(json.clone()),
    }
}

/// Whether a structured value may be given for `key`: only a gallery or a video takes one.
fn takes_structured(collection: &Collection, key: &str) -> bool {
    collection
        .fields
        .get(key)
        .is_some_and(|f| matches!(f.kind, FieldKind::Gallery | FieldKind::Video))
}

/// The keys a front matter may have in `collection`.
fn text_key_allowed(collection: &Collection, key: &str) -> bool {
    if form::TEXT_KEYS[..4].contains(&key) {
        return true;
    }
    if let Some(field) = collection.fields.get(key) {
        return field.localized;
    }
    key.strip_suffix("_alt").is_some_and(|f| {
        collection
            .fields
            .get(f)
            .is_some_and(|s| matches!(s.kind, FieldKind::Image))
    })
}

fn yaml_key_allowed(collection: &Collection, key: &str) -> bool {
    key == "publish_at" || collection.fields.get(key).is_some_and(|f| !f.localized)
}

/// The edit a save asks for, when every key is allowed.
fn edit_of(
    collection: &Collection,
    input: &SaveInput,
    now: &[files::FileText],
    paths: &RecordPaths,
) -> Result<Edit, Response> {
    let refuse = |key: &str| {
        error(
            StatusCode::BAD_REQUEST,
            "bad-request",
            &format!("`{key}` is not a field of `{}`", collection.name),
        )
    };
    let mut edit = Edit {
        yaml_order: form::yaml_order(collection),
        text_order: form::text_order(collection),
        ..Edit::default()
    };
    for (key, v) in &input.neutral {
        if !yaml_key_allowed(collection, key)
            || (matches!(v, Some(FormInput::Structured(_))) && !takes_structured(collection, key))
        {
            return Err(refuse(key));
        }
        let kind = form::key_kind(collection, key);
        edit.yaml.push((key.clone(), value(v.as_ref(), kind)));
    }
    let yaml_now = now.first().and_then(|f| f.text.as_deref()).unwrap_or("");
    let was_draft = matches!(
        form::values(yaml_now).unwrap_or_default().get("draft"),
        Some(form::FormValue::Text(t)) if t == "true"
    );
    if input.draft {
        edit.yaml.push((
            "draft".into(),
            Value::Scalar("true".into(), quote::Kind::Typed),
        ));
    } else if was_draft {
        edit.yaml.push(("draft".into(), Value::Remove));
    }
    for (lang, text) in &input.texts {
        if paths.text(lang).is_none() {
            return Err(write_error(write::WriteError::NoLanguage(lang.clone())));
        }
        let mut text_edit = TextEdit {
            body: text.body.clone(),
            ..TextEdit::default()
        };
        for (key, v) in &text.front {
            if !text_key_allowed(collection, key) {
                return Err(refuse(key));
            }
            let kind = form::key_kind(collection, key);
            text_edit.front.push((key.clone(), value(v.as_ref(), kind)));
        }
        edit.texts.insert(lang.clone(), text_edit);
    }
    Ok(edit)
}

/// What a save or validate works from.
struct Prepared {
    loaded: Loaded,
    paths: RecordPaths,
    version: Version,
    planned: Vec<(PathBuf, String)>,
    texts: Vec<(PathBuf, Option<String>)>,
}

fn prepare(root: &Path, input: &SaveInput) -> Result<Prepared, Response> {
    let loaded = load(root)?;
    let paths = write::locate(&loaded.config, &input.collection, &input.id).map_err(write_error)?;
    let (now, version) = files::read_record(root, &paths).map_err(write_error)?;
    let collection = &loaded.config.collections[&paths.collection];
    let mut edit = edit_of(collection, input, &now, &paths)?;
    // A gallery photo's `alt: { lv: …, ru: … }` in site.yaml's language order.
    edit.languages = loaded
        .config
        .languages
        .iter()
        .map(|l| l.code.clone())
        .collect();
    let planned = write::plan(&paths, &now, &edit).map_err(write_error)?;
    let texts = now
        .iter()
        .map(|f| {
            let mine = planned
                .iter()
                .find(|(p, _)| *p == f.path)
                .map(|(_, t)| t.clone());
            (f.path.clone(), mine.or_else(|| f.text.clone()))
        })
        .collect();
    Ok(Prepared {
        loaded,
        paths,
        version,
        planned,
        texts,
    })
}

fn located(root: &Path, p: &Prepared, ui: &str) -> Result<Vec<validate::Located>, Response> {
    let all = validate::would_be(root, &p.planned)
        .map_err(|m| error(StatusCode::INTERNAL_SERVER_ERROR, "io", &m))?;
    Ok(validate::for_record(&all, &p.paths, &p.texts, ui))
}

/// `POST save`.
pub(crate) async fn save(State(state): State<Arc<EditState>>, uri: Uri, bytes: Bytes) -> Response {
    let ui = reply::query(&uri).remove("ui").unwrap_or_default();
    blocking(move || {
        let input: SaveInput = match body(&bytes) {
            Ok(i) => i,
            Err(r) => return r,
        };
        let result = (|| {
            let p = prepare(&state.root, &input)?;
            let Some(expected) = &input.version else {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "bad-request",
                    "a save needs the `version` the form was loaded with",
                ));
            };
            if expected != &p.version {
                return Err(write_error(files::conflict(
                    &files::read_record(&state.root, &p.paths)
                        .map_err(write_error)?
                        .0,
                    &p.planned,
                    p.version.clone(),
                )));
            }
            let diagnostics = located(&state.root, &p, &ui)?;
            let errors = diagnostics.iter().any(|d| d.severity == "error");
            if errors && !input.draft {
                return Ok(reply::json(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &json!({
                        "error": "invalid",
                        "message": "the record has mistakes: correct them, or save it as a draft",
                        "saved": false,
                        "diagnostics": diagnostics,
                    }),
                ));
            }
            let version =
                write::commit(&state.root, &p.paths, expected, &p.planned).map_err(write_error)?;
            Ok(reply::json(
                StatusCode::OK,
                &json!({
                    "saved": true,
                    "version": version,
                    "diagnostics": diagnostics,
                    "preview": api_records::preview(&p.loaded, &p.paths),
                }),
            ))
        })();
        result.unwrap_or_else(|r| r)
    })
    .await
}

/// `POST validate`.
pub(crate) async fn validate(
    State(state): State<Arc<EditState>>,
    uri: Uri,
    bytes: Bytes,
) -> Response {
    let ui = reply::query(&uri).remove("ui").unwrap_or_default();
    blocking(move || {
        let input: SaveInput = match body(&bytes) {
            Ok(i) => i,
            Err(r) => return r,
        };
        let result = prepare(&state.root, &input).and_then(|p| located(&state.root, &p, &ui));
        match result {
            Ok(diagnostics) => reply::json(StatusCode::OK, &json!({"diagnostics": diagnostics})),
            Err(r) => r,
        }
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewInput {
    collection: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// `POST new`: the same code as `vestis new`.
pub(crate) async fn new(State(state): State<Arc<EditState>>, bytes: Bytes) -> Response {
    blocking(move || {
        let input: NewInput = match body(&bytes) {
            Ok(i) => i,
            Err(r) => return r,
        };
        let options = crate::scaffold::NewOptions {
            root: state.root.clone(),
            collection: input.collection.clone(),
            id: input.id.clone(),
            title: input.title.clone(),
        };
        match crate::scaffold::new_record(&options) {
            Ok(created) => {
                let id = created
                    .files
                    .first()
                    .and_then(|f| f.file_name()?.to_str()?.split('.').next().map(str::to_string));
                reply::json(StatusCode::OK, &json!({
                    "collection": input.collection,
                    "id": id,
                    "files": created.files.iter().map(|f| f.to_string_lossy()).collect::<Vec<_>>(),
                }))
            }
            Err(e) => {
                let text = e.diagnostics.to_string();
                let code = if text.contains("exists") { "exists" } else { "bad-request" };
                let status = if code == "exists" { StatusCode::CONFLICT } else { StatusCode::BAD_REQUEST };
                error(status, code, text.trim())
            }
        }
    })
    .await
}

/// A request about one record at a version (`delete`, `stamp`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecordInput {
    pub(crate) collection: String,
    pub(crate) id: String,
    pub(crate) version: Version,
    #[serde(default)]
    pub(crate) lang: Option<String>,
}

/// `POST delete`: into `.vestis/trash/`.
pub(crate) async fn delete(State(state): State<Arc<EditState>>, bytes: Bytes) -> Response {
    blocking(move || {
        let input: RecordInput = match body(&bytes) {
            Ok(i) => i,
            Err(r) => return r,
        };
        let result = (|| {
            let config = load(&state.root)?.config;
            let paths =
                write::locate(&config, &input.collection, &input.id).map_err(write_error)?;
            trash::delete(&state.root, &paths, &input.version).map_err(write_error)
        })();
        match result {
            Ok(name) => reply::json(StatusCode::OK, &json!({"trash": name})),
            Err(r) => r,
        }
    })
    .await
}

/// `GET trash`.
pub(crate) async fn trash_list(State(state): State<Arc<EditState>>) -> Response {
    blocking(move || reply::json(StatusCode::OK, &trash::list(&state.root))).await
}

/// `POST restore`.
pub(crate) async fn restore(State(state): State<Arc<EditState>>, bytes: Bytes) -> Response {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        trash: String,
    }
    blocking(move || {
        let input: Input = match body(&bytes) {
            Ok(i) => i,
            Err(r) => return r,
        };
        match trash::restore(&state.root, &input.trash) {
            Ok(t) => reply::json(
                StatusCode::OK,
                &json!({"collection": t.collection, "id": t.id}),
            ),
            Err(e) => write_error(e),
        }
    })
    .await
}

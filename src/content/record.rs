//! Building one [`Record`] from its files: the `.yaml` with neutral fields and built-ins, and
//! one `.md` per language with front matter and body.

use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;
use sha2::{Digest, Sha256};

use crate::config::{Collection, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml::slips::SHOWN_CHARS;
use crate::yaml::{Node, Source, short};

use crate::memo::Reads;

use super::field_context::{FieldContext, PendingRef, Sink, is_safe_relative};
use super::fields;
use super::record_checks::{
    check_completeness, checked, empty_required, is_image, parse_mapping, slug_of, unknown_field,
};
use super::record_inputs::{Disk, RecordRead, note, version};
use super::walk::RecordFiles;
use super::{BodyFile, FileRef};
use super::{Record, Text, frontmatter, read_text_in};

const YAML_BUILTINS: &[&str] = &["draft", "publish_at", "aliases"];
const TEXT_BUILTINS: &[&str] = &[
    "title",
    "summary",
    "description",
    "slug",
    "translation_of",
    "aliases",
];

/// What building one record produced. Shared (`Arc`) between the cache and the sites built
/// from it: reusing it costs a pointer copy.
pub(super) struct Built {
    pub record: Option<Arc<Record>>,
    pub refs: Vec<PendingRef>,
    pub diagnostics: Diagnostics,
}

/// Reads and checks every file of one record, noting in `reads` everything it reads, with
/// what `disk` answers for it; the fingerprint of those reads becomes [`Record::version`].
pub(super) fn build(
    config: &Config,
    files: &RecordFiles,
    disk: &Disk<'_>,
    reads: &mut Reads<RecordRead>,
) -> Built {
    let collection = &config.collections[&files.collection];
    let mut out = (Diagnostics::new(), Vec::new());
    let record_dir = Path::new("content").join(&files.collection).join(&files.id);
    // The schema, and what file fields are resolved against (the folder, `static/`).
    note(reads, disk, RecordRead::Settings);
    note(reads, disk, RecordRead::Folder(record_dir.clone()));
    let media_dir = format!("media/{}/{}", files.collection, files.id);
    let mut record = Record {
        collection: files.collection.clone(),
        id: files.id.clone(),
        yaml_path: files.yaml.clone(),
        fields: IndexMap::new(),
        texts: IndexMap::new(),
        draft: false,
        publish_at: None,
        aliases: Vec::new(),
        version: 0,
    };
    fn ctx_for<'a>(
        config: &'a Config,
        source: Source<'a>,
        record_dir: &Path,
        media_dir: &str,
    ) -> FieldContext<'a> {
        FieldContext {
            config,
            source,
            record_dir: record_dir.to_path_buf(),
            media_dir: media_dir.to_string(),
        }
    }
    // Keys the `.yaml` has (valid or not); `None` when it could not be read or parsed, so that
    // missing fields are not reported on top of the real problem.
    let mut yaml_keys = Some(Vec::new());
    if let Some(path) = &files.yaml {
        note(reads, disk, RecordRead::File(path.clone()));
        yaml_keys = match read_text_in(&config.files, path) {
            Ok(text) => {
                let line_starts = std::cell::OnceCell::new();
                let source = Source::new(path, &text, 0, &line_starts);
                let ctx = ctx_for(config, source, &record_dir, &media_dir);
                read_yaml(collection, &mut record, &ctx, &mut out)
            }
            Err(d) => {
                out.0.push(d);
                None
            }
        };
    }
    for code in config.language_codes() {
        for (_, path) in files.texts.iter().filter(|(lang, _)| *lang == code) {
            note(reads, disk, RecordRead::File(path.clone()));
            match read_text_in(&config.files, path) {
                Ok(text) => {
                    let line_starts = std::cell::OnceCell::new();
                    let source = Source::new(path, &text, 1, &line_starts);
                    if let Some(t) = read_markdown(
                        collection,
                        &code,
                        &text,
                        &ctx_for(config, source, &record_dir, &media_dir),
                        &mut out,
                    ) {
                        record.texts.insert(code.clone(), t);
                    }
                }
                Err(d) => out.0.push(d),
            }
        }
    }
    check_completeness(collection, files, yaml_keys.as_deref(), &mut out.0);
    record.version = version(reads);
    let ok = !files.texts.is_empty();
    Built {
        record: ok.then(|| Arc::new(record)),
        refs: out.1,
        diagnostics: out.0,
    }
}

/// Reads the `.yaml`; returns the keys it has, or `None` when it does not parse.
fn read_yaml(
    collection: &Collection,
    record: &mut Record,
    ctx: &FieldContext<'_>,
    out: &mut Sink,
) -> Option<Vec<String>> {
    let source = ctx.source;
    let entries = parse_mapping(source, &mut out.0)?;
    // Required fields written without a value, reported at their line (not again as missing).
    let mut empties: Vec<&str> = Vec::new();
    for (key, node) in &entries {
        let name = key.value.as_str();
        let key_pos = key.pos_in(&source);
        match (name, collection.fields.get(name)) {
            ("aliases", _) => record.aliases = super::aliases::read(node, source, out),
            ("draft", _) => match fields::parse_bool(&node.value) {
                Some(b) => record.draft = b,
                None => out.0.push(source.error_at(node.pos_in(&source), 1, "`draft` expects `true` or `false`")),
            },
            ("publish_at", _) => {
                let text = node.value.as_text().unwrap_or_default();
                match super::dates::datetime(
                    name,
                    &text,
                    &ctx.config.timezone,
                    &super::dates::PUBLISH_YEARS,
                ) {
                    Ok(dt) => record.publish_at = ctx.config.timezone.to_timestamp(dt).ok(),
                    Err(Some((message, help))) => out.0.push(
                        source
                            .error_at(node.pos_in(&source), text.chars().count(), message)
                            .with_optional_suggestion(help),
                    ),
                    Err(None) => out.0.push(
                        source
                            .error_at(node.pos_in(&source), text.chars().count(), format!("`publish_at` expects a date and time like `2013-06-15 18:30`, found `{}`", short(&text, SHOWN_CHARS)))
                            .with_suggestion("write it as `2013-06-15 18:30` (local time of site.yaml's `timezone`)"),
                    ),
                }
            }
            (_, Some(spec)) if spec.localized => out.0.push(
                source
                    .error_at(key_pos, name.chars().count(), format!("field `{name}` is localized: it belongs in the front matter of each `{}.<lang>.md`, not in the `.yaml`", record.id))
                    .with_suggestion(format!("move `{name}:` into the front matter of `{}.<lang>.md`", record.id)),
            ),
            (_, Some(spec)) if matches!(node.value, Node::Null) => {
                if spec.required {
                    out.0.push(empty_required(source, key, &spec.kind));
                    empties.push(name);
                }
            }
            (_, Some(spec)) => {
                if let Some(value) = checked(name, &spec.kind, node, ctx, out) {
                    record.fields.insert(name.to_string(), value);
                }
            }
            (_, None) if TEXT_BUILTINS.contains(&name) => out.0.push(
                source
                    .error_at(key_pos, name.chars().count(), format!("`{name}` belongs in the front matter of each `{}.<lang>.md`", record.id))
                    .with_suggestion(format!("move `{name}:` into `{}.<lang>.md`", record.id)),
            ),
            (_, None) => {
                let names = collection.fields.keys().map(String::as_str).chain(YAML_BUILTINS.iter().copied());
                out.0.push(unknown_field(source, key, &collection.name, names));
            }
        }
    }
    Some(
        entries
            .iter()
            .filter(|(k, v)| !matches!(v.value, Node::Null) || empties.contains(&k.value.as_str()))
            .map(|(k, _)| k.value.clone())
            .collect(),
    )
}

fn read_markdown(
    collection: &Collection,
    lang: &str,
    text: &str,
    ctx: &FieldContext<'_>,
    out: &mut Sink,
) -> Option<Text> {
    let path = ctx.source.path;
    let split = match frontmatter::split(text, path) {
        Ok(split) => split,
        Err(d) => {
            out.0.push(d);
            return None;
        }
    };
    let source = ctx.source;
    let entries = if split.yaml.trim().is_empty() {
        Vec::new()
    } else {
        parse_mapping(source, &mut out.0)?
    };
    let mut builtins: IndexMap<&str, String> = IndexMap::new();
    let mut empties: Vec<&str> = Vec::new();
    let mut localized = IndexMap::new();
    let mut alts = IndexMap::new();
    let mut aliases = Vec::new();
    let image_fields: Vec<&str> = collection
        .fields
        .iter()
        .filter(|(_, s)| is_image(&s.kind))
        .map(|(n, _)| n.as_str())
        .collect();
    for (key, node) in &entries {
        let name = key.value.as_str();
        let key_pos = key.pos_in(&source);
        if name == "aliases" {
            aliases = super::aliases::read(node, source, out);
        } else if TEXT_BUILTINS.contains(&name) {
            match node.value.as_text() {
                Some(v) => drop(builtins.insert(name, v)),
                None if matches!(node.value, Node::Null) => {}
                None => out.0.push(source.error_at(
                    node.pos_in(&source),
                    1,
                    format!("`{name}` expects text, found {}", node.value.kind_name()),
                )),
            }
        } else if let Some(field) = name
            .strip_suffix("_alt")
            .filter(|f| image_fields.contains(f))
        {
            alts.insert(field.to_string(), node.value.as_text().unwrap_or_default());
        } else if let Some(spec) = collection.fields.get(name) {
            if !spec.localized {
                out.0.push(
                    source
                        .error_at(key_pos, name.chars().count(), format!("field `{name}` is the same in every language: it belongs in `{}.yaml`, not in the front matter", file_id(path)))
                        .with_suggestion(format!("move `{name}:` into `{}.yaml`, or mark it `localized: true` in site.yaml", file_id(path))),
                );
            } else if matches!(node.value, Node::Null) && spec.required {
                out.0.push(empty_required(source, key, &spec.kind));
                empties.push(name);
            } else if let Some(value) = checked(name, &spec.kind, node, ctx, out) {
                localized.insert(name.to_string(), value);
            }
        } else if YAML_BUILTINS.contains(&name) {
            out.0.push(
                source
                    .error_at(
                        key_pos,
                        name.chars().count(),
                        format!("`{name}` belongs in `{}.yaml`", file_id(path)),
                    )
                    .with_suggestion(format!("move `{name}:` into `{}.yaml`", file_id(path))),
            );
        } else {
            let names = collection
                .fields
                .keys()
                .map(String::as_str)
                .chain(TEXT_BUILTINS.iter().copied());
            let alt_names: Vec<String> = image_fields.iter().map(|f| format!("{f}_alt")).collect();
            out.0.push(unknown_field(
                source,
                key,
                &collection.name,
                names.chain(alt_names.iter().map(String::as_str)),
            ));
        }
    }
    let title = builtins
        .get("title")
        .filter(|t| !t.trim().is_empty())
        .cloned();
    let slug = slug_of(
        builtins.get("slug"),
        title.as_deref().unwrap_or(""),
        file_id(path),
        &entries,
        source,
        &mut out.0,
    );
    let Some(title) = title else {
        out.0.push(
            Diagnostic::error(Some(path), "the text has no `title`")
                .at_line_col(text, 2, 1, 1)
                .with_suggestion("add `title: …` to the front matter"),
        );
        return None;
    };
    let mut files = Vec::new();
    let body = crate::markdown::render_resolving(split.body, &mut |dest, is_image| {
        let (file, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
        let on_disk = ctx.config.root.join(&ctx.record_dir).join(file);
        if !is_safe_relative(file) || !on_disk.is_file() {
            // Left as written: the link check reports it at its line when it leads nowhere.
            return None;
        }
        let output_path = format!("{}/{file}", ctx.media_dir);
        let url = format!("/{output_path}{rest}");
        let file = FileRef {
            source: on_disk,
            output_path,
            focus: None,
        };
        files.push(BodyFile { file, is_image });
        Some(url)
    });
    for (field, spec) in &collection.fields {
        if spec.localized
            && spec.required
            && !localized.contains_key(field)
            && !empties.contains(&field.as_str())
        {
            out.0.push(
                Diagnostic::error(
                    Some(path),
                    format!("missing required field `{field}` in the `{lang}` text"),
                )
                .at_line_col(text, 2, 1, 1)
                .with_suggestion(format!("add `{field}: …` to the front matter")),
            );
        }
    }
    Some(Text {
        path: path.to_path_buf(),
        lang: lang.to_string(),
        title,
        summary: builtins.get("summary").cloned(),
        description: builtins.get("description").cloned(),
        slug,
        fields: localized,
        alts,
        aliases,
        translation_of: builtins.get("translation_of").cloned(),
        content_hash: content_hash(text),
        body,
        body_line: split.body_line,
        files,
    })
}

/// `content/events/x.lv.md` → `x`.
fn file_id(path: &Path) -> &str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.split('.').next().unwrap_or(name)
}

/// Hash of a text, ignoring its own `translation_of` line (so stamping does not change it).
pub(crate) fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    for line in text.lines().filter(|l| !l.starts_with("translation_of:")) {
        hasher.update(line.trim_end().as_bytes());
        hasher.update(b"\n");
    }
    let digest = hasher.finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

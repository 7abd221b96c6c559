//! The single checks that building a record ([`super::record`]) is made of, each with its
//! located message: the `field: value` mapping of a `.yaml` or front matter, empty required
//! values, unknown fields, the slug, and what the record lacks as a whole.
//!
//! Kept apart from `record.rs`, which reads the files in order and assembles the [`Record`],
//! so each file has one job.
//!
//! [`Record`]: super::Record

use crate::config::{Collection, FieldKind};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::yaml::slips::SHOWN_CHARS;
use crate::yaml::{self, Located, Node, Source, short};

use super::field_context::{FieldContext, Sink};
use super::fields;
use super::walk::RecordFiles;
use super::{FieldValue, is_valid_id};

/// The longest slug, in bytes: a page's folder name, well within what file systems take (255).
const MAX_SEGMENT_BYTES: usize = 200;

/// The front matter YAML lies inside the file text; parse just that part.
pub(super) fn parse_mapping(
    source: Source<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<(Located<String>, Located<Node>)>> {
    let yaml_text = yaml_part(source);
    match yaml::parse::<Located<Node>>(yaml_text, source) {
        Ok(Located {
            value: Node::Map(entries),
            ..
        }) => {
            for d in yaml::comment_warnings(yaml_text, source) {
                diagnostics.push(d);
            }
            Some(entries)
        }
        Ok(Located {
            value: Node::Str(_),
            ..
        }) if yaml::slips::text_instead_of_fields(yaml_text).is_some() => {
            let slip = yaml::slips::text_instead_of_fields(yaml_text)?;
            diagnostics.push(yaml::slip_diagnostic(slip, source));
            None
        }
        Ok(Located {
            value: Node::Null, ..
        }) => Some(Vec::new()),
        Ok(other) => {
            let pos = other.pos_in(&source);
            diagnostics.push(
                source
                    .error_at(
                        pos,
                        1,
                        format!(
                            "expected `field: value` lines, found {}",
                            other.value.kind_name()
                        ),
                    )
                    .with_suggestion("write one `name: value` per line"),
            );
            None
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

/// The YAML of a source: the whole file, or the front matter of a `.md`.
fn yaml_part<'a>(source: Source<'a>) -> &'a str {
    if source.line_offset == 0 {
        return source.file_text;
    }
    let after = source
        .file_text
        .strip_prefix("---\n")
        .unwrap_or(source.file_text);
    let mut end = 0;
    for line in after.split_inclusive('\n') {
        if line.trim_end() == "---" {
            break;
        }
        end += line.len();
    }
    &after[..end]
}

/// `None` for an empty value (`town:`), which then counts as absent.
pub(super) fn checked(
    name: &str,
    kind: &FieldKind,
    node: &Located<Node>,
    ctx: &FieldContext<'_>,
    out: &mut Sink,
) -> Option<FieldValue> {
    if matches!(node.value, Node::Null) {
        return None;
    }
    fields::check(name, kind, node, ctx, out)
}

/// `date:` (or `date: null`, `date: ~`) for a required field: located at the key.
pub(super) fn empty_required(
    source: Source<'_>,
    key: &Located<String>,
    kind: &FieldKind,
) -> Diagnostic {
    let name = &key.value;
    let example = match kind {
        FieldKind::Date => Some("2013-06-15"),
        FieldKind::DateTime => Some("2013-06-15 18:30"),
        FieldKind::Int { .. } => Some("12"),
        FieldKind::Bool => Some("true"),
        FieldKind::Url => Some("https://example.org/page"),
        _ => None,
    };
    let help = match example {
        Some(e) => format!("write its value after `{name}:`, e.g. `{name}: {e}`"),
        None => format!("write its value after `{name}:`"),
    };
    source
        .error_at(
            key.pos_in(&source),
            name.chars().count(),
            format!("required field `{name}` has no value"),
        )
        .with_suggestion(help)
}

/// Whether a field holds an image (or a list of images).
pub(super) fn is_image(kind: &FieldKind) -> bool {
    match kind {
        FieldKind::Image => true,
        FieldKind::List(of) => is_image(of),
        _ => false,
    }
}

/// A key the collection does not define, with the closest field name as a suggestion.
pub(super) fn unknown_field<'a>(
    source: Source<'_>,
    key: &Located<String>,
    collection: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let name = &key.value;
    source
        .error_at(
            key.pos_in(&source),
            name.chars().count(),
            format!(
                "unknown field `{}` for collection `{collection}`",
                short(name, SHOWN_CHARS)
            ),
        )
        .with_optional_suggestion(did_you_mean(name, names))
}

/// The URL segment: `slug:` as given (checked), `auto` from the title, else the id.
pub(super) fn slug_of(
    given: Option<&String>,
    title: &str,
    id: &str,
    entries: &[(Located<String>, Located<Node>)],
    source: Source<'_>,
    diagnostics: &mut Diagnostics,
) -> String {
    let Some(given) = given else {
        return id.to_string();
    };
    if given == "auto" {
        let slug = crate::i18n::slugify(title);
        let mut end = slug.len().min(MAX_SEGMENT_BYTES);
        while !slug.is_char_boundary(end) {
            end -= 1;
        }
        let slug = slug[..end].trim_end_matches('-');
        return if slug.is_empty() {
            id.to_string()
        } else {
            slug.to_string()
        };
    }
    let pos = entries
        .iter()
        .find(|(k, _)| k.value == "slug")
        .map(|(_, v)| v.pos_in(&source))
        .unwrap_or_default();
    if is_valid_id(given) && given.len() > MAX_SEGMENT_BYTES {
        diagnostics.push(
            source
                .error_at(
                    pos,
                    given.chars().count().min(SHOWN_CHARS),
                    format!(
                        "the slug is {} characters long; a web address part may have at most {MAX_SEGMENT_BYTES}",
                        given.len()
                    ),
                )
                .with_suggestion("use a shorter slug, or `slug: auto`"),
        );
        return id.to_string();
    }
    if is_valid_id(given) {
        return given.clone();
    }
    diagnostics.push(
        source
            .error_at(
                pos,
                given.chars().count(),
                format!(
                    "slug `{}` may only hold lowercase letters, digits and `-`",
                    short(given, SHOWN_CHARS)
                ),
            )
            .with_suggestion(format!(
                "use `slug: {}` or `slug: auto`",
                short(&crate::i18n::slugify(given), SHOWN_CHARS)
            )),
    );
    id.to_string()
}

/// Reports what a record lacks as a whole: required neutral fields, a `.yaml` with no text.
pub(super) fn check_completeness(
    collection: &Collection,
    files: &RecordFiles,
    yaml_keys: Option<&[String]>,
    diagnostics: &mut Diagnostics,
) {
    let Some(yaml_keys) = yaml_keys else { return };
    let required: Vec<&String> = collection
        .fields
        .iter()
        .filter(|(_, s)| s.required && !s.localized)
        .map(|(n, _)| n)
        .collect();
    match &files.yaml {
        None if !required.is_empty() => {
            if let Some((_, first)) = files.texts.first() {
                let names: Vec<String> = required.iter().map(|n| format!("`{n}`")).collect();
                diagnostics.push(
                    Diagnostic::error(
                        Some(first),
                        format!(
                            "`{}.yaml` is missing; collection `{}` requires {}",
                            files.id,
                            collection.name,
                            names.join(", ")
                        ),
                    )
                    .with_suggestion(format!(
                        "create `content/{}/{}.yaml` with those fields",
                        collection.name, files.id
                    )),
                );
            }
        }
        Some(path) => {
            for name in required.iter().filter(|n| !yaml_keys.contains(n)) {
                diagnostics.push(
                    Diagnostic::error(Some(path), format!("missing required field `{name}`"))
                        .with_suggestion(format!("add `{name}: …`")),
                );
            }
            if files.texts.is_empty() {
                diagnostics.push(
                    Diagnostic::error(Some(path), "the record has no text in any language")
                        .with_suggestion(format!(
                            "add `{}.<lang>.md` with a `title`, e.g. `{}.lv.md`",
                            files.id, files.id
                        )),
                );
            }
        }
        None => {}
    }
}

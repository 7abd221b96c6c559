//! Checking one field value against its schema type and turning it into a [`FieldValue`].
//!
//! References are only checked for form here; whether the target exists is the site's check.

use crate::config::FieldKind;
use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::yaml::slips::SHOWN_CHARS;
use crate::yaml::{Located, Node, short};

use super::field_context::{FieldContext, PendingRef, Problem, resolve_file};
use super::{FieldValue, dates, is_valid_id};

/// Checks `node` against `kind`; problems go to `diagnostics`, pending references to `refs`.
pub(super) fn check(
    name: &str,
    kind: &FieldKind,
    node: &Located<Node>,
    ctx: &FieldContext<'_>,
    out: &mut (Diagnostics, Vec<PendingRef>),
) -> Option<FieldValue> {
    let fail = |message: String, out: &mut (Diagnostics, Vec<PendingRef>)| {
        let len = node.value.as_text().map_or(1, |t| t.chars().count());
        out.0
            .push(ctx.source.error_at(node.pos_in(&ctx.source), len, message));
        None
    };
    let found = describe(&node.value);
    match (kind, &node.value) {
        (FieldKind::List(of), Node::Seq(items)) => {
            let values: Vec<FieldValue> = items
                .iter()
                .filter_map(|item| check(name, of, item, ctx, out))
                .collect();
            (values.len() == items.len()).then_some(FieldValue::List(values))
        }
        (FieldKind::Video, _) => {
            super::video::check(name, node, ctx, out).map(|v| FieldValue::Video(Box::new(v)))
        }
        (FieldKind::Gallery, _) => {
            super::gallery::check(name, node, ctx, out).map(FieldValue::Gallery)
        }
        (FieldKind::List(of), _) => fail(
            format!(
                "field `{name}` expects a list of {}, found {found}",
                of.name()
            ),
            out,
        ),
        // `photo: { src: zale.jpg, focus: top }`: a photo with its focal point.
        (FieldKind::Image, Node::Map(_)) => {
            super::focus::image(name, node, ctx, out).map(FieldValue::File)
        }
        (_, Node::Seq(_) | Node::Map(_)) => fail(
            format!("field `{name}` expects {}, found {found}", expected(kind)),
            out,
        ),
        (FieldKind::Ref(to), value) if value.as_text().is_some_and(|t| !is_valid_id(&t)) => {
            // Not an id (`Rēzekne`, a title): reported once the site is known, with the id
            // it most likely means.
            let text = value.as_text().unwrap_or_default();
            let message =
                format!("field `{name}` expects the id of a record of `{to}`, found {found}");
            let missing =
                ctx.source
                    .error_at(node.pos_in(&ctx.source), text.chars().count(), message);
            out.1.push(PendingRef {
                to: to.clone(),
                id: text,
                missing,
            });
            None
        }
        _ => match scalar(name, kind, &node.value, ctx) {
            Ok(FieldValue::Ref(id)) => {
                if let FieldKind::Ref(to) = kind {
                    let message = format!(
                        "field `{name}` refers to `{}`, which is not a record of `{to}`",
                        short(&id, SHOWN_CHARS)
                    );
                    let missing =
                        ctx.source
                            .error_at(node.pos_in(&ctx.source), id.chars().count(), message);
                    out.1.push(PendingRef {
                        to: to.clone(),
                        id: id.clone(),
                        missing,
                    });
                }
                Some(FieldValue::Ref(id))
            }
            Ok(value) => Some(value),
            Err((message, suggestion)) => {
                let len = node.value.as_text().map_or(1, |t| t.chars().count());
                let d = ctx
                    .source
                    .error_at(node.pos_in(&ctx.source), len, message)
                    .with_optional_suggestion(suggestion);
                out.0.push(d);
                None
            }
        },
    }
}

/// The largest whole number templates can show exactly (2^53: they compute in 64-bit floating
/// point); `int` values are limited to ±this.
pub(super) const MAX_EXACT_INT: i64 = 1 << 53;

fn scalar(
    name: &str,
    kind: &FieldKind,
    node: &Node,
    ctx: &FieldContext<'_>,
) -> Result<FieldValue, Problem> {
    let text = node.as_text().unwrap_or_default();
    let wrong = || {
        (
            format!(
                "field `{name}` expects {}, found {}",
                expected(kind),
                describe(node)
            ),
            None,
        )
    };
    match kind {
        FieldKind::String => node.as_text().map(FieldValue::Text).ok_or_else(wrong),
        FieldKind::Markdown => Ok(FieldValue::Markdown {
            html: crate::markdown::render_inline(&text),
            source: text,
        }),
        FieldKind::Int { min, max } => {
            let Node::Int(i) = node else { return Err(wrong()) };
            if i.unsigned_abs() > MAX_EXACT_INT.unsigned_abs() {
                return Err((
                    format!("field `{name}` is {i}, too large to be shown exactly: whole numbers may go from -{MAX_EXACT_INT} to {MAX_EXACT_INT}"),
                    Some("check the number; a code or phone number is text: put it in quotes".into()),
                ));
            }
            check_range(name, *i as f64, *min, *max)?;
            Ok(FieldValue::Int(*i))
        }
        FieldKind::Number { min, max } => {
            let n = match node {
                Node::Int(i) => *i as f64,
                Node::Float(f) if f.is_finite() => *f,
                _ => return Err(wrong()),
            };
            check_range(name, n, *min, *max)?;
            Ok(FieldValue::Number(n))
        }
        FieldKind::Bool => parse_bool(node).map(FieldValue::Bool).ok_or_else(wrong),
        FieldKind::Date => dates::date(name, &text).map(FieldValue::Date).map_err(|e| {
            e.unwrap_or_else(|| {
                let m = format!("field `{name}` expects a date like `2013-06-15`, found {}", describe(node));
                (m, Some("write the date as year-month-day, e.g. `2013-06-15`".into()))
            })
        }),
        FieldKind::DateTime => dates::datetime(name, &text, &ctx.config.timezone, &dates::YEARS)
            .map(FieldValue::DateTime)
            .map_err(|e| {
                e.unwrap_or_else(|| {
                    let m = format!("field `{name}` expects a date and time like `2013-06-15 18:30`, found {}", describe(node));
                    (m, Some("write it as `2013-06-15 18:30` (local time) or `2013-06-15T18:30:00+03:00`".into()))
                })
            }),
        FieldKind::Url => check_url(&text).map(FieldValue::Text).ok_or_else(|| {
            let m = format!("field `{name}` expects an absolute http(s) URL, found {}", describe(node));
            (m, Some("write it like `https://example.org/page`".into()))
        }),
        FieldKind::Enum(values) => {
            if values.contains(&text) {
                Ok(FieldValue::Enum(text))
            } else {
                let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                let m = format!("field `{name}` must be one of {}, found {}", list.join(", "), describe(node));
                Err((m, did_you_mean(&text, values.iter().map(String::as_str))))
            }
        }
        FieldKind::Ref(to) => {
            if is_valid_id(&text) {
                Ok(FieldValue::Ref(text))
            } else {
                Err((format!("field `{name}` expects the id of a record of `{to}`, found {}", describe(node)), None))
            }
        }
        FieldKind::File | FieldKind::Image => resolve_file(name, &text, ctx).map(FieldValue::File),
        FieldKind::List(_) | FieldKind::Video | FieldKind::Gallery => Err(wrong()),
    }
}

fn expected(kind: &FieldKind) -> String {
    match kind {
        FieldKind::String => "text".into(),
        FieldKind::Markdown => "Markdown text".into(),
        FieldKind::Int { .. } => "a whole number".into(),
        FieldKind::Number { .. } => "a number".into(),
        FieldKind::Bool => "`true` or `false`".into(),
        FieldKind::Date => "a date".into(),
        FieldKind::DateTime => "a date and time".into(),
        FieldKind::Url => "a URL".into(),
        FieldKind::Enum(_) => "one of its values".into(),
        FieldKind::Ref(to) => format!("the id of a record of `{to}`"),
        FieldKind::List(of) => format!("a list of {}", of.name()),
        FieldKind::File => "a file path".into(),
        FieldKind::Image => "an image path".into(),
        FieldKind::Video => "a video file or link".into(),
        FieldKind::Gallery => "a list of photos".into(),
    }
}

/// "text `abc`", "an integer `12`", "a list", "nothing".
fn describe(node: &Node) -> String {
    match node.as_text() {
        Some(text) => format!("{} `{}`", node.kind_name(), short(&text, SHOWN_CHARS)),
        None => node.kind_name().to_string(),
    }
}

fn check_range(name: &str, n: f64, min: Option<f64>, max: Option<f64>) -> Result<(), Problem> {
    if let Some(min) = min.filter(|m| n < *m) {
        return Err((
            format!("field `{name}` is {n}, below the minimum {min}"),
            None,
        ));
    }
    if let Some(max) = max.filter(|m| n > *m) {
        return Err((
            format!("field `{name}` is {n}, above the maximum {max}"),
            None,
        ));
    }
    Ok(())
}

/// `true`/`false`, and the YAML 1.1 words people still write (`yes`, `no`, `on`, `off`).
pub(super) fn parse_bool(node: &Node) -> Option<bool> {
    match node {
        Node::Bool(b) => Some(*b),
        Node::Str(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn check_url(text: &str) -> Option<String> {
    let url = url::Url::parse(text.trim()).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.host().is_some())
        .then(|| text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::field_context::is_safe_relative;

    #[test]
    fn datetimes_are_local_or_rfc3339() {
        let riga = jiff::tz::TimeZone::get("Europe/Riga").unwrap();
        let local = dates::parse_datetime("2013-06-15 18:30", &riga).unwrap();
        assert_eq!(local.to_string(), "2013-06-15T18:30:00");
        let utc = dates::parse_datetime("2013-06-15T15:30:00Z", &riga).unwrap();
        assert_eq!(utc.to_string(), "2013-06-15T18:30:00");
    }

    #[test]
    fn file_paths_stay_inside() {
        assert!(is_safe_relative("a/b.png"));
        for bad in ["", "../x", "a/../../x", "a\\b", "./a"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn yaml_11_booleans_are_accepted() {
        assert_eq!(parse_bool(&Node::Str("no".into())), Some(false));
        assert_eq!(parse_bool(&Node::Bool(true)), Some(true));
        assert_eq!(parse_bool(&Node::Int(1)), None);
    }
}

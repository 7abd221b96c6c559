//! One schema field as lines of a new record's files: a required field with a placeholder that
//! is a valid value of its type where possible, an optional one commented out with a sample
//! value and its type.

use std::collections::HashMap;

use crate::config::{FieldKind, FieldSpec};

use super::NewFile;

/// What placeholders are made from.
pub(super) struct Facts<'a> {
    /// Today in the site's time zone.
    pub today: jiff::civil::Date,
    /// The first record id of each collection that has records.
    pub first_ids: &'a HashMap<String, String>,
    /// The new record's folder (`content/events/<id>`), for placeholder files.
    pub record_dir: String,
}

/// A field rendered for a file.
#[derive(Debug, Default)]
pub(super) struct Rendered {
    /// `(text before the comment, comment)` lines.
    pub lines: Vec<(String, String)>,
    /// Placeholder files the value points to.
    pub files: Vec<NewFile>,
    /// Things the author must fix before the site builds.
    pub notes: Vec<String>,
}

/// A placeholder value.
struct Value {
    text: String,
    /// False when no valid value could be made (the build will report it until it is fixed).
    valid: bool,
    files: Vec<NewFile>,
}

impl Value {
    fn ok(text: impl Into<String>) -> Self {
        Value {
            text: text.into(),
            valid: true,
            files: Vec::new(),
        }
    }
}

/// Adds the line for field `name` to `out`.
pub(super) fn render(name: &str, spec: &FieldSpec, facts: &Facts<'_>, out: &mut Rendered) {
    let mut kind = describe(&spec.kind);
    if has_image(&spec.kind) {
        kind.push_str(&format!("; alt text: `{name}_alt` in each .md"));
    }
    if spec.required {
        let value = placeholder(name, &spec.kind, facts);
        if !value.valid {
            out.notes.push(format!(
                "`{name}` has no valid placeholder: set it before building ({kind})"
            ));
        }
        out.lines.push((
            format!("{name}: {}", value.text),
            format!("required · {kind}"),
        ));
        out.files.extend(value.files);
    } else {
        out.lines.push((
            format!("# {name}: {}", sample(name, &spec.kind, facts)),
            kind,
        ));
    }
}

/// A valid value for a required field, creating a placeholder file for `file`/`image`.
fn placeholder(name: &str, kind: &FieldKind, facts: &Facts<'_>) -> Value {
    match kind {
        FieldKind::File | FieldKind::Image => {
            let (file_name, bytes) = placeholder_file(name, kind);
            Value {
                files: vec![NewFile {
                    path: format!("{}/{file_name}", facts.record_dir).into(),
                    bytes,
                }],
                ..Value::ok(file_name)
            }
        }
        FieldKind::Ref(to) => match facts.first_ids.get(to) {
            Some(id) => Value::ok(plain_or_quoted(id)),
            None => Value {
                valid: false,
                ..Value::ok("TODO")
            },
        },
        FieldKind::List(of) => {
            let inner = placeholder(name, of, facts);
            Value {
                text: format!("[{}]", inner.text),
                ..inner
            }
        }
        FieldKind::String | FieldKind::Markdown => Value::ok("\"TODO\""),
        // No real video to point at: the officer has to give one.
        FieldKind::Video => Value {
            valid: false,
            ..Value::ok("TODO")
        },
        other => Value::ok(sample(name, other, facts)),
    }
}

/// A sample value shown in the comment of an optional field.
fn sample(name: &str, kind: &FieldKind, facts: &Facts<'_>) -> String {
    match kind {
        FieldKind::String | FieldKind::Markdown => "\"\"".into(),
        FieldKind::Int { min, max } => {
            let lo = min.map_or(0.0, f64::ceil);
            let hi = max.map_or(f64::INFINITY, f64::floor);
            format!("{}", 0f64.max(lo).min(hi))
        }
        FieldKind::Number { min, max } => {
            let v = 0f64
                .max(min.unwrap_or(0.0))
                .min(max.unwrap_or(f64::INFINITY));
            format!("{v}")
        }
        FieldKind::Bool => "false".into(),
        FieldKind::Date => facts.today.to_string(),
        FieldKind::DateTime => format!("{} 10:00", facts.today),
        FieldKind::Url => "https://example.org/".into(),
        FieldKind::Enum(values) => plain_or_quoted(values.first().map_or("", String::as_str)),
        FieldKind::Ref(to) => facts
            .first_ids
            .get(to)
            .map_or_else(|| "<id>".into(), |id| plain_or_quoted(id)),
        FieldKind::List(of) => format!("[{}]", sample(name, of, facts)),
        FieldKind::File => format!("{name}.pdf"),
        FieldKind::Image => format!("{name}.jpg"),
        FieldKind::Video => "https://youtu.be/<id>".into(),
        FieldKind::Gallery => format!("[{name}-1.jpg]"),
    }
}

/// The type as the comment shows it: `int, min 0`, `one of: show, stage`.
pub(super) fn describe(kind: &FieldKind) -> String {
    let bounds = |base: &str, min: &Option<f64>, max: &Option<f64>| {
        let mut s = base.to_string();
        if let Some(min) = min {
            s.push_str(&format!(", min {min}"));
        }
        if let Some(max) = max {
            s.push_str(&format!(", max {max}"));
        }
        s
    };
    match kind {
        FieldKind::String => "text".into(),
        FieldKind::Markdown => "text, inline Markdown".into(),
        FieldKind::Int { min, max } => bounds("int", min, max),
        FieldKind::Number { min, max } => bounds("number", min, max),
        FieldKind::Bool => "true or false".into(),
        FieldKind::Date => "date, YYYY-MM-DD".into(),
        FieldKind::DateTime => "date and time, YYYY-MM-DD HH:MM".into(),
        FieldKind::Url => "absolute http(s) URL".into(),
        FieldKind::Enum(values) => format!("one of: {}", values.join(", ")),
        FieldKind::Ref(to) => format!("id of a record of `{to}`"),
        FieldKind::List(of) => format!("list of: {}", describe(of)),
        FieldKind::File => "file in the record's folder or static/".into(),
        FieldKind::Image => "image in the record's folder or static/".into(),
        FieldKind::Gallery => "list of photos: `- file.jpg` or `- { src: file.jpg, alt: { lv: …, ru: … }, caption: { lv: …, ru: … } }`".into(),
        FieldKind::Video => {
            "video: .mp4/.webm in the record's folder, or a YouTube, Vimeo or TV site link".into()
        }
    }
}

/// Whether values of `kind` are images (which need alt text).
pub(super) fn has_image(kind: &FieldKind) -> bool {
    match kind {
        FieldKind::Image => true,
        FieldKind::List(of) => has_image(of),
        _ => false,
    }
}

/// The placeholder image `vestis new` writes for a required `image` field.
const PLACEHOLDER_IMAGE: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"600\" \
    viewBox=\"0 0 800 600\"><rect width=\"800\" height=\"600\" fill=\"#ddd\"/>\
    <text x=\"400\" y=\"310\" font-size=\"40\" text-anchor=\"middle\" \
    font-family=\"sans-serif\">TODO: replace this image</text></svg>\n";

/// The placeholder file `vestis new` writes for a required `file` field.
const PLACEHOLDER_FILE: &str = "TODO: replace this placeholder with the real file.\n";

/// The placeholder file of a required `file` or `image` field.
fn placeholder_file(name: &str, kind: &FieldKind) -> (String, Vec<u8>) {
    if matches!(kind, FieldKind::Image) {
        (format!("{name}.svg"), PLACEHOLDER_IMAGE.as_bytes().to_vec())
    } else {
        (format!("{name}.txt"), PLACEHOLDER_FILE.as_bytes().to_vec())
    }
}

/// Whether the file at `path` is still a placeholder `vestis new` wrote (read only when it is
/// small enough to be one).
pub fn is_placeholder_file(path: &std::path::Path) -> bool {
    let longest = PLACEHOLDER_IMAGE.len().max(PLACEHOLDER_FILE.len()) as u64;
    let small = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() <= longest);
    if !small {
        return false;
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_end(&mut std::io::Read::take(f, longest + 1), &mut bytes)
    });
    read.is_ok() && (bytes == PLACEHOLDER_IMAGE.as_bytes() || bytes == PLACEHOLDER_FILE.as_bytes())
}

/// A scalar written plain when YAML reads it back as the same text, quoted otherwise
/// (`2013`, `yes`, `null`, `a: b`).
pub(super) fn plain_or_quoted(text: &str) -> String {
    const SPECIAL: &[&str] = &[
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ];
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !SPECIAL.contains(&text);
    if plain {
        text.to_string()
    } else {
        super::yaml_quote(text)
    }
}

/// Lines with their comments lined up in one column: `left   # comment`.
pub(super) fn align(lines: &[(String, String)]) -> String {
    let width = lines
        .iter()
        .map(|(l, _)| l.chars().count())
        .filter(|w| *w <= 40)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (left, comment) in lines {
        let pad = width.saturating_sub(left.chars().count());
        if comment.is_empty() {
            out.push_str(left);
        } else {
            out.push_str(&format!("{left}{}   # {comment}", " ".repeat(pad)));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(first_ids: &HashMap<String, String>) -> Facts<'_> {
        Facts {
            today: jiff::civil::date(2025, 3, 7),
            first_ids,
            record_dir: "content/events/x".into(),
        }
    }

    fn spec(kind: FieldKind, required: bool) -> FieldSpec {
        FieldSpec {
            kind,
            required,
            localized: false,
        }
    }

    #[test]
    fn required_fields_get_valid_placeholders() {
        let ids = HashMap::from([("towns".to_string(), "cesis".to_string())]);
        let mut out = Rendered::default();
        let f = facts(&ids);
        render("date", &spec(FieldKind::Date, true), &f, &mut out);
        render(
            "town",
            &spec(FieldKind::Ref("towns".into()), true),
            &f,
            &mut out,
        );
        let kind = FieldKind::Enum(vec!["show".into(), "yes".into()]);
        render("kind", &spec(kind, true), &f, &mut out);
        let int = FieldKind::Int {
            min: Some(1.0),
            max: None,
        };
        render("copies", &spec(int, true), &f, &mut out);
        render("image", &spec(FieldKind::Image, true), &f, &mut out);
        let left: Vec<&str> = out.lines.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            left,
            [
                "date: 2025-03-07",
                "town: cesis",
                "kind: show",
                "copies: 1",
                "image: image.svg"
            ]
        );
        assert_eq!(
            out.files[0].path,
            std::path::Path::new("content/events/x/image.svg")
        );
        assert!(out.notes.is_empty());
    }

    #[test]
    fn optional_fields_are_commented_with_their_type() {
        let ids = HashMap::new();
        let mut out = Rendered::default();
        let int = FieldKind::Int {
            min: Some(0.0),
            max: None,
        };
        render("participants", &spec(int, false), &facts(&ids), &mut out);
        assert_eq!(
            out.lines,
            [("# participants: 0".to_string(), "int, min 0".to_string())]
        );
        assert_eq!(align(&out.lines), "# participants: 0   # int, min 0\n");
    }

    #[test]
    fn a_ref_without_targets_is_noted() {
        let ids = HashMap::new();
        let mut out = Rendered::default();
        render(
            "town",
            &spec(FieldKind::Ref("towns".into()), true),
            &facts(&ids),
            &mut out,
        );
        assert_eq!(out.lines[0].0, "town: TODO");
        assert_eq!(out.notes.len(), 1);
    }

    #[test]
    fn scalars_that_yaml_would_change_are_quoted() {
        assert_eq!(plain_or_quoted("show"), "show");
        assert_eq!(plain_or_quoted("2013"), "\"2013\"");
        assert_eq!(plain_or_quoted("no"), "\"no\"");
        assert_eq!(plain_or_quoted("a b"), "\"a b\"");
    }
}

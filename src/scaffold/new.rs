//! `vestis new <collection> <id>`: a new record's files, written from the collection's schema.
//!
//! `<id>.yaml` (only when the collection has neutral fields) lists every neutral field:
//! required ones with a placeholder that is a valid value of their type (today's date, the
//! first record of a referenced collection, an enum's first value, …), optional ones commented
//! out with their type. One `<id>.<lang>.md` per language holds the title, the built-in text
//! fields and the localized fields the same way, and a body placeholder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{Collection, Config, Language};
use crate::content::is_valid_id;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::i18n::slugify;

use super::fields::{self, Facts, Rendered, align};
use super::{NewFile, ScaffoldError, write_all, yaml_quote};

/// What `vestis new` was asked for.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site root.
    pub root: PathBuf,
    /// The collection's name.
    pub collection: String,
    /// The record's id; derived from `title` when absent.
    pub id: Option<String>,
    /// The title in the default language.
    pub title: Option<String>,
}

/// What `vestis new` did.
#[derive(Debug)]
pub struct Created {
    /// The files written, relative to the site root.
    pub files: Vec<PathBuf>,
    /// Placeholders that still need a value before the site builds.
    pub notes: Vec<String>,
}

/// Creates a record's files; writes nothing when any of them exists already.
pub fn new_record(options: &NewOptions) -> Result<Created, ScaffoldError> {
    let config = Config::load(&options.root).map_err(ScaffoldError::site)?;
    let collection = find_collection(&config, &options.collection)?;
    let id = resolve_id(options.id.as_deref(), options.title.as_deref())?;
    refuse_existing_record(&config.root, collection, &id)?;
    let first_ids = first_ids(&config);
    let now = jiff::Timestamp::now();
    let facts = Facts {
        today: config.timezone.to_datetime(now).date(),
        first_ids: &first_ids,
        record_dir: format!("content/{}/{id}", collection.name),
    };
    let (files, notes) = plan(&config, collection, &id, options.title.as_deref(), &facts);
    write_all(&config.root, &files)?;
    Ok(Created {
        files: files.into_iter().map(|f| f.path).collect(),
        notes,
    })
}

fn find_collection<'a>(config: &'a Config, name: &str) -> Result<&'a Collection, ScaffoldError> {
    config.collections.get(name).ok_or_else(|| {
        let names = config.collections.keys().map(String::as_str);
        let listed: Vec<String> = config
            .collections
            .keys()
            .map(|n| format!("`{n}`"))
            .collect();
        let suggestion = did_you_mean(name, names)
            .unwrap_or_else(|| format!("site.yaml declares {}", listed.join(", ")));
        ScaffoldError::usage(
            Diagnostic::error(None, format!("site.yaml declares no collection `{name}`"))
                .with_suggestion(suggestion),
        )
    })
}

/// The id as given (checked), or made from the title.
fn resolve_id(id: Option<&str>, title: Option<&str>) -> Result<String, ScaffoldError> {
    match (id, title) {
        (Some(id), _) if is_valid_id(id) => Ok(id.to_string()),
        (Some(id), _) => {
            let slug = slugify(id);
            let suggestion = if slug.is_empty() {
                "use lowercase letters, digits and `-`, e.g. `integration-stage-rezekne`".into()
            } else {
                format!("use `{slug}`")
            };
            Err(ScaffoldError::usage(
                Diagnostic::error(
                    None,
                    format!("`{id}` is not a valid id: lowercase letters, digits and `-` only"),
                )
                .with_suggestion(suggestion),
            ))
        }
        (None, Some(title)) => {
            let slug = slugify(title);
            if slug.is_empty() {
                return Err(ScaffoldError::usage(
                    Diagnostic::error(None, format!("cannot make an id from the title `{title}`"))
                        .with_suggestion(
                            "give the id too: `vestis new <collection> <id> --title …`",
                        ),
                ));
            }
            Ok(slug)
        }
        (None, None) => Err(ScaffoldError::usage(
            Diagnostic::error(None, "the new record needs an id or a `--title`").with_suggestion(
                "e.g. `vestis new events --title \"Integrācijas skatuve Rēzeknē\"`",
            ),
        )),
    }
}

/// Refuses when any file of a record with this id exists (`<id>.yaml`, `<id>.<lang>.md`, …).
fn refuse_existing_record(
    root: &Path,
    collection: &Collection,
    id: &str,
) -> Result<(), ScaffoldError> {
    let dir = Path::new("content").join(&collection.name);
    let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
        return Ok(());
    };
    let prefix = format!("{id}.");
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    match names.first() {
        None => Ok(()),
        Some(name) => Err(ScaffoldError::site(
            Diagnostic::error(
                Some(&dir.join(name)),
                format!(
                    "a record `{id}` exists already in `{}`; nothing was written",
                    collection.name
                ),
            )
            .with_suggestion("choose another id, or edit the existing record"),
        )),
    }
}

/// The first id (alphabetically) of every collection that has records on disk.
fn first_ids(config: &Config) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for name in config.collections.keys() {
        let Ok(entries) = std::fs::read_dir(config.root.join("content").join(name)) else {
            continue;
        };
        let ids = entries.flatten().filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let id = match file.strip_suffix(".yaml") {
                Some(stem) => stem.to_string(),
                None => {
                    let stem = file.strip_suffix(".md")?;
                    let (id, lang) = stem.rsplit_once('.')?;
                    config.has_language(lang).then(|| id.to_string())?
                }
            };
            is_valid_id(&id).then_some(id)
        });
        if let Some(first) = ids.min() {
            out.insert(name.clone(), first);
        }
    }
    out
}

/// Every file of the new record, and notes about placeholders that are not valid values.
fn plan(
    config: &Config,
    collection: &Collection,
    id: &str,
    title: Option<&str>,
    facts: &Facts<'_>,
) -> (Vec<NewFile>, Vec<String>) {
    let dir = PathBuf::from("content").join(&collection.name);
    let mut files = Vec::new();
    let mut extra = Vec::new();
    let mut notes = Vec::new();
    if collection.fields.values().any(|f| !f.localized) {
        let yaml = yaml_file(collection, id, facts);
        files.push(NewFile {
            path: dir.join(format!("{id}.yaml")),
            bytes: yaml.0.into_bytes(),
        });
        extra.extend(yaml.1.files);
        notes.extend(yaml.1.notes);
    }
    let default = &config.languages[0];
    for lang in &config.languages {
        let (text, rendered) = md_file(collection, id, title, lang, default, facts);
        files.push(NewFile {
            path: dir.join(format!("{id}.{}.md", lang.code)),
            bytes: text.into_bytes(),
        });
        extra.extend(rendered.files);
        if lang.code == default.code {
            notes.extend(rendered.notes);
        }
    }
    for file in extra {
        if !files.iter().any(|f| f.path == file.path) {
            files.push(file);
        }
    }
    (files, notes)
}

fn yaml_file(collection: &Collection, id: &str, facts: &Facts<'_>) -> (String, Rendered) {
    let mut out = Rendered::default();
    for (name, spec) in collection.fields.iter().filter(|(_, s)| !s.localized) {
        fields::render(name, spec, facts, &mut out);
    }
    out.lines.push((
        "# draft: true".into(),
        "keeps the record out of the site until you delete this line".into(),
    ));
    out.lines.push((
        format!("# publish_at: {} 09:00", facts.today),
        "embargo: published from this moment on (site time zone)".into(),
    ));
    let head = format!(
        "# `{}` record `{id}`: the facts that are the same in every language.\n\
         # The texts are in {id}.<lang>.md.\n\
         # Replace the placeholders of the `required` fields; to use an optional field,\n\
         # delete the `# ` in front of it.\n",
        collection.name
    );
    (head + &align(&out.lines), out)
}

fn md_file(
    collection: &Collection,
    id: &str,
    title: Option<&str>,
    lang: &Language,
    default: &Language,
    facts: &Facts<'_>,
) -> (String, Rendered) {
    let is_default = lang.code == default.code;
    let mut out = Rendered {
        lines: text_builtins(id, title, lang, default),
        ..Rendered::default()
    };
    for (name, spec) in collection.fields.iter().filter(|(_, s)| s.localized) {
        fields::render(name, spec, facts, &mut out);
    }
    let images = collection
        .fields
        .iter()
        .filter(|(_, s)| fields::has_image(&s.kind));
    for (name, spec) in images {
        out.lines.push(if spec.required {
            let comment = format!("required · alt text of `{name}`");
            (format!("{name}_alt: \"TODO\""), comment)
        } else {
            (
                format!("# {name}_alt: \"\""),
                format!("alt text of `{name}`"),
            )
        });
    }
    let body = if is_default {
        "TODO: write the text here (Markdown: **bold**, [link](https://example.org/), ## heading).\n"
            .to_string()
    } else {
        let (code, name) = (&default.code, &lang.name);
        format!("TODO: translate the text of {id}.{code}.md into {name}.\n")
    };
    (format!("---\n{}---\n{body}", align(&out.lines)), out)
}

/// `title` (the given one; in other languages a copy of it, marked TODO), the `translation_of`
/// stamp of a translation, and the optional `summary`, `description` and `slug`.
fn text_builtins(
    id: &str,
    title: Option<&str>,
    lang: &Language,
    default: &Language,
) -> Vec<(String, String)> {
    let shown = title.map_or_else(|| format!("TODO: {id}"), str::to_string);
    let mut lines = vec![(format!("title: {}", yaml_quote(&shown)), String::new())];
    if lang.code == default.code {
        lines[0].1 = match title {
            Some(_) => "required".into(),
            None => "required · TODO: the title".into(),
        };
    } else {
        let (name, code) = (&lang.name, &default.code);
        lines[0].1 =
            format!("required · TODO: translate into {name} (a copy of the {code} title for now)");
        let stamp =
            format!("once translated from {id}.{code}.md: `vestis check --stamp` this file");
        lines.push(("translation_of:".into(), stamp));
    }
    let summary = "a sentence or two for lists, the feed and search";
    lines.push(("# summary: \"\"".into(), summary.into()));
    let description = "meta description for search engines";
    lines.push(("# description: \"\"".into(), description.into()));
    let slug = "URL segment in this language; `auto` makes one from the title";
    lines.push((format!("# slug: {id}"), slug.into()));
    lines
}

//! Fluent messages of one language: loading `.ftl` files (theme first, then the site, whose
//! messages override the theme's) and formatting messages with arguments.
//!
//! The bundle is Fluent's concurrent one (Send + Sync), without bidi isolation marks, and
//! writes numbers through the language's ICU4X formatter ([`format_fluent_number`]).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent::concurrent::FluentBundle;
use fluent::resolver::ResolverError;
use fluent::resolver::errors::ReferenceKind;
use fluent::types::FluentNumberStyle;
use fluent::{FluentArgs, FluentError, FluentResource, FluentValue};
use fluent_syntax::ast::Entry;
use fluent_syntax::parser::ParserError;
use icu_locale_core::Locale;
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use super::MessageArg;
use super::format::NumberFormat;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source_file::SiteFiles;

/// The Fluent messages of one language.
pub(crate) struct Messages {
    bundle: FluentBundle<FluentResource>,
    ids: Vec<String>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages").field("ids", &self.ids).finish()
    }
}

impl Messages {
    /// Loads `<dir>/*.ftl` for each of `dirs` in order, a later directory's message overriding
    /// an earlier one's. Paths in diagnostics are relative to `root`.
    pub(crate) fn load(
        files: &SiteFiles,
        dirs: &[PathBuf],
        langid: LanguageIdentifier,
    ) -> (Self, Diagnostics) {
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_fluent_number));
        // A fresh bundle has no functions yet, so adding one cannot clash.
        let _ = bundle.add_function("NUMBER", number_function);
        let mut diagnostics = Diagnostics::new();
        let mut ids = BTreeSet::new();
        for dir in dirs {
            // Ids defined so far in this directory, with the file that defined them.
            let mut layer: HashMap<String, PathBuf> = HashMap::new();
            for path in ftl_files(files.root(), dir, &mut diagnostics) {
                let rel = relative(files.root(), &path);
                let Some(text) = read_text(files, &path, &rel, &mut diagnostics) else {
                    continue;
                };
                let resource = parse(text, &rel, &mut diagnostics);
                check_duplicates(&resource, &rel, &mut layer, &mut diagnostics);
                ids.extend(message_ids(&resource));
                bundle.add_resource_overriding(resource);
            }
        }
        let ids = ids.into_iter().collect();
        (Messages { bundle, ids }, diagnostics)
    }

    /// The ids of all messages (not terms), sorted.
    pub(crate) fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The plural categories of `wanted` that plural selects in message `id` lack.
    pub(crate) fn missing_plural_variants(
        &self,
        id: &str,
        wanted: &[&'static str],
    ) -> Vec<&'static str> {
        self.bundle
            .get_message(id)
            .and_then(|m| m.value())
            .map(|pattern| super::variants::missing_plural_variants(pattern, wanted))
            .unwrap_or_default()
    }

    /// Whether `key` (`id` or `id.attribute`) has a pattern to format.
    pub(crate) fn has(&self, key: &str) -> bool {
        let (id, attribute) = split_key(key);
        self.bundle
            .get_message(id)
            .is_some_and(|m| match attribute {
                None => m.value().is_some(),
                Some(a) => m.get_attribute(a).is_some(),
            })
    }

    /// Formats `key` (`id` or `id.attribute`) with `args`; `lang` is only used in errors.
    pub(crate) fn format(
        &self,
        lang: &str,
        key: &str,
        args: &[(&str, MessageArg)],
    ) -> Result<String, String> {
        let (id, attribute) = split_key(key);
        let message = self
            .bundle
            .get_message(id)
            .ok_or_else(|| format!("message `{id}` is not defined for language `{lang}`"))?;
        let pattern = match attribute {
            None => message.value().ok_or_else(|| {
                format!("message `{id}` has no value in language `{lang}` (only attributes)")
            })?,
            Some(a) => message
                .get_attribute(a)
                .ok_or_else(|| {
                    format!("message `{id}` has no attribute `{a}` in language `{lang}`")
                })?
                .value(),
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                MessageArg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
                MessageArg::String(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
            }
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            let problems: Vec<String> = errors.iter().map(describe).collect();
            Err(format!(
                "message `{key}` in language `{lang}`: {}",
                problems.join("; ")
            ))
        }
    }
}

fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    }
}

/// A formatting error in the project's message style.
fn describe(error: &FluentError) -> String {
    match error {
        FluentError::ResolverError(ResolverError::Reference(reference)) => match reference {
            ReferenceKind::Variable { id } => format!("variable `${id}` was not given"),
            ReferenceKind::Message {
                id,
                attribute: None,
            } => format!("it refers to message `{id}`, which is not defined"),
            ReferenceKind::Message {
                id,
                attribute: Some(a),
            } => format!("it refers to `{id}.{a}`, which is not defined"),
            ReferenceKind::Term {
                id,
                attribute: None,
            } => format!("it refers to term `-{id}`, which is not defined"),
            ReferenceKind::Term {
                id,
                attribute: Some(a),
            } => format!("it refers to `-{id}.{a}`, which is not defined"),
            ReferenceKind::Function { id } => {
                format!("it calls `{id}()`, which is not a known function")
            }
        },
        FluentError::ResolverError(ResolverError::Cyclic) => {
            "it refers to itself in a cycle".to_string()
        }
        other => other.to_string(),
    }
}

/// The `.ftl` files directly inside `dir`, sorted by name; none when `dir` does not exist.
fn ftl_files(root: &Path, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            let message = format!("cannot read the translations directory: {e}");
            diagnostics.push(Diagnostic::error(Some(&relative(root, dir)), message));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        // Not `is_file()`: a pipe or device named `.ftl` is refused when read, not skipped.
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl") && !path.is_dir())
        .collect();
    files.sort();
    files
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The file's text without a byte-order mark, or a diagnostic when it is unreadable or not UTF-8.
/// Read through [`SiteFiles`]: ordinary files only, bounded, under the site's link policy.
fn read_text(
    files: &SiteFiles,
    path: &Path,
    rel: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let bytes = match files.read_source(path) {
        Ok(bytes) => bytes,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(
            text.strip_prefix('\u{FEFF}')
                .map(str::to_string)
                .unwrap_or(text),
        ),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            diagnostics.push(
                Diagnostic::error(Some(rel), "the file is not valid UTF-8 text")
                    .at_offset(&text, valid, 1)
                    .with_suggestion("save the file with UTF-8 encoding"),
            );
            None
        }
    }
}

/// Parses a resource, reporting every syntax error; the valid entries are kept either way.
fn parse(text: String, rel: &Path, diagnostics: &mut Diagnostics) -> FluentResource {
    match FluentResource::try_new(text) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in &errors {
                diagnostics.push(syntax_error(resource.source(), rel, error));
            }
            resource
        }
    }
}

fn syntax_error(text: &str, rel: &Path, error: &ParserError) -> Diagnostic {
    let kind = error.kind.to_string().replace('"', "`");
    let mut chars = kind.chars();
    let kind = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => kind,
    };
    let len = error.pos.end.saturating_sub(error.pos.start);
    Diagnostic::error(Some(rel), format!("Fluent syntax error: {kind}"))
        .at_offset(text, error.pos.start, len)
        .with_suggestion("see https://projectfluent.org/fluent/guide/ for the syntax")
}

/// Reports a message or term defined twice in the same directory (the site overriding the
/// theme is fine; two definitions side by side are a mistake).
fn check_duplicates(
    resource: &FluentResource,
    rel: &Path,
    layer: &mut HashMap<String, PathBuf>,
    diagnostics: &mut Diagnostics,
) {
    let mut seen_in_file: HashMap<String, usize> = HashMap::new();
    for entry in resource.entries() {
        let id = match entry {
            Entry::Message(m) => m.id.name.to_string(),
            Entry::Term(t) => format!("-{}", t.id.name),
            _ => continue,
        };
        let nth = seen_in_file.entry(id.clone()).or_insert(0);
        *nth += 1;
        if let Some(first) = layer.get(&id) {
            let kind = if id.starts_with('-') {
                "term"
            } else {
                "message"
            };
            let first = first.display().to_string().replace('\\', "/");
            let mut d = Diagnostic::error(
                Some(rel),
                format!("{kind} `{id}` is already defined in `{first}`"),
            );
            if let Some(offset) = definition_offset(resource.source(), &id, *nth) {
                d = d.at_offset(resource.source(), offset, id.len());
            }
            diagnostics.push(d.with_suggestion("remove one of the two definitions or rename one"));
        } else {
            layer.insert(id, rel.to_path_buf());
        }
    }
}

/// Byte offset of the `nth` (1-based) line of `text` that defines `id` (`id =` at column 1).
fn definition_offset(text: &str, id: &str, nth: usize) -> Option<usize> {
    let mut offset = 0;
    let mut found = 0;
    for line in text.split_inclusive('\n') {
        let defines = line
            .strip_prefix(id)
            .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with('='));
        if defines {
            found += 1;
            if found == nth {
                return Some(offset);
            }
        }
        offset += line.len();
    }
    None
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// Fraction digits beyond this are ignored: `minimumFractionDigits: 30` would otherwise make
/// Fluent overflow a `u64` while computing plural operands.
const MAX_FRACTION_DIGITS: usize = 15;

/// Fluent's builtin `NUMBER()` (options `minimumFractionDigits`, `useGrouping`, `type`…),
/// with the fraction digits bounded.
fn number_function<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let mut value = fluent::builtins::NUMBER(positional, named);
    if let FluentValue::Number(number) = &mut value {
        let options = &mut number.options;
        for digits in [
            &mut options.minimum_fraction_digits,
            &mut options.maximum_fraction_digits,
        ] {
            *digits = digits.map(|d| d.min(MAX_FRACTION_DIGITS));
        }
    }
    value
}

/// A language's ICU4X number formatter, memoized per bundle by Fluent (key: grouping on/off).
struct FluentNumberFormat(NumberFormat);

impl Memoizable for FluentNumberFormat {
    type Args = (bool,);
    type Error = icu_provider::DataError;

    fn construct(lang: LanguageIdentifier, (grouping,): Self::Args) -> Result<Self, Self::Error> {
        let locale = Locale::try_from_str(&lang.to_string()).unwrap_or(Locale::UNKNOWN);
        NumberFormat::new(&locale, grouping).map(FluentNumberFormat)
    }
}

/// Fluent's formatter hook: numbers (arguments, literals, `NUMBER()` results) are written by
/// ICU4X — "65 458", "12,5" — honouring `minimumFractionDigits` and `useGrouping`. Other
/// values, and currency or percent styles, are left to Fluent.
fn format_fluent_number(value: &FluentValue, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    if number.options.style != FluentNumberStyle::Decimal || !number.value.is_finite() {
        return None;
    }
    let text = number.as_string();
    intls
        .with_try_get::<FluentNumberFormat, _, _>((number.options.use_grouping,), |f| {
            f.0.format_decimal_str(&text)
        })
        .ok()
        .flatten()
}

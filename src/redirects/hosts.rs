//! The redirects as hosts read them: `_redirects` (Netlify, Cloudflare Pages:
//! `/old/ /new/ 301`) and `.htaccess` (Apache: `Redirect 301 "/old/" "/new/"`), at the top
//! of the output. A host that honours them answers with a real HTTP 301 instead of the
//! redirect page. A site's own `static/_redirects` or `static/.htaccess` is kept: vestis's
//! lines are added after it.

use std::collections::BTreeMap;
use std::sync::Arc;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::config::Config;
use crate::output::Output;

use super::OldAddress;

/// What a path may not carry raw in `_redirects` (spaces separate its columns).
const PATH_ESCAPE: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'?');

const NETLIFY: &str = "_redirects";
const APACHE: &str = ".htaccess";

/// Adds (or extends) `_redirects` and `.htaccess` with a line per moved address.
pub(super) fn add(
    config: &Config,
    pages: &BTreeMap<String, (String, OldAddress)>,
    output: &mut Output,
) {
    let moved: Vec<(&String, &String)> = pages
        .iter()
        .filter_map(|(from, (_, old))| match old {
            OldAddress::Moved { to, .. } => Some((from, to)),
            OldAddress::Gone { .. } => None,
        })
        .collect();
    if moved.is_empty() {
        return;
    }
    let base = &config.base_path;
    let mut netlify =
        String::from("# Made by vestis: old addresses of the site and where they lead now.\n");
    let mut apache = netlify.clone();
    for (from, to) in &moved {
        let (from, to) = (format!("{base}/{from}"), format!("{base}/{to}"));
        netlify.push_str(&format!("{} {} 301\n", encode(&from), encode(&to)));
        apache.push_str(&format!(
            "Redirect 301 \"{}\" \"{}\"\n",
            quoted(&from),
            quoted(&to)
        ));
    }
    extend(output, NETLIFY, netlify);
    extend(output, APACHE, apache);
}

/// Writes `lines` at `path`, after what the site's own file there says.
fn extend(output: &mut Output, path: &str, lines: String) {
    match output.get(path) {
        Some(own) => {
            let mut bytes = own.to_vec();
            if !bytes.ends_with(b"\n") {
                bytes.push(b'\n');
            }
            bytes.extend_from_slice(lines.as_bytes());
            let _ = output.replace_shared(path, Arc::new(bytes));
        }
        None => {
            let _ = output.insert(path, lines.into_bytes());
        }
    }
}

fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH_ESCAPE).to_string()
}

/// Apache compares `Redirect` paths with the decoded address: written as is, in quotes.
fn quoted(path: &str) -> String {
    path.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_for_netlify_and_quoted_for_apache() {
        assert_eq!(encode("/lv/vecā lapa/"), "/lv/vec%C4%81%20lapa/");
        assert_eq!(quoted("/lv/vecā lapa/"), "/lv/vecā lapa/");
    }
}

//! Reading the links and ids of one HTML page, fast: the link check runs in every build, and
//! tokenizing every page with html5gum cost as much as rendering them.
//!
//! [`scan`] first tries a small scanner for the HTML that templates and Markdown produce
//! (tags, quoted and unquoted attributes, comments, a doctype, raw-text elements such as
//! `<script>`), which jumps from `<` to `<` over the text. The moment it meets anything whose
//! reading the WHATWG tokenizer defines in a less obvious way — a character reference (`&amp;`)
//! in an attribute value, a NUL or CR byte, `<![CDATA[`, `<?`, an odd comment, `<!--` inside a
//! script, attributes on an end tag, a quote or `=` where the spec reports a parse error, the
//! end of the input inside a tag — it gives up and the page is read by html5gum, the
//! WHATWG-conformant tokenizer. So the result is always html5gum's (the tests compare both on
//! tricky and random input); the scanner only makes the common case fast. Both are linear.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{PageLinks, Scanned, srcset_urls};

/// The `href`, `src` and `srcset` URLs and the `id`s (and `<a name>`s) of a page.
pub(super) fn scan(html: &[u8]) -> PageLinks {
    PageLinks::new(fast(html).unwrap_or_else(|| reference(&String::from_utf8_lossy(html))))
}

/// html5gum's reading (naive state switching for `<script>`, `<style>`, `<title>`, …, as
/// without a tree builder).
fn reference(html: &str) -> Scanned {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut scanned = Scanned::default();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        for (name, value) in &tag.attributes {
            let value = String::from_utf8_lossy(&value.value);
            keep(&mut scanned, &tag.name[..], &name[..], &value);
        }
    }
    scanned
}

fn keep(scanned: &mut Scanned, tag: &[u8], name: &[u8], value: &str) {
    match name {
        b"href" | b"src" => scanned.links.push(value.trim().to_string()),
        b"srcset" => scanned.links.extend(srcset_urls(value)),
        b"id" => drop(scanned.ids.insert(value.to_string())),
        b"name" if tag == b"a" => drop(scanned.ids.insert(value.to_string())),
        _ => {}
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// Elements whose content html5gum reads as text (its `naive_next_state`).
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"textarea"
            | b"title"
            | b"script"
            | b"style"
            | b"iframe"
            | b"xmp"
            | b"noembed"
            | b"noframe"
            | b"noscript"
    )
}

/// The scanner; `None`: leave this page to html5gum.
fn fast(html: &[u8]) -> Option<Scanned> {
    if memchr::memchr2(b'\0', b'\r', html).is_some() {
        return None;
    }
    let mut scanned = Scanned::default();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &html[at..]) {
        at += lt + 1;
        match html.get(at) {
            Some(b'!') => at = markup_declaration(html, at + 1)?,
            Some(b'/') => at = end_tag(html, at + 1)?,
            Some(b'?') => return None,
            Some(b) if b.is_ascii_alphabetic() => at = start_tag(html, at, &mut scanned)?,
            _ => {}
        }
    }
    Some(scanned)
}

/// After `<!`: a comment or a doctype; the index after its `>`.
fn markup_declaration(html: &[u8], at: usize) -> Option<usize> {
    let rest = &html[at..];
    if let Some(body) = rest.strip_prefix(b"--") {
        // `<!-->`, `<!--->`, `--!>` and nested `<!--` have special readings: leave them.
        if body.starts_with(b">") || body.starts_with(b"->") {
            return None;
        }
        let end = find(body, b"-->")?;
        let inside = &body[..end];
        if find(inside, b"--!").is_some()
            || find(inside, b"<!--").is_some()
            || inside.ends_with(b"-")
        {
            return None;
        }
        return Some(at + 2 + end + 3);
    }
    if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
        let end = rest.iter().position(|b| *b == b'>')?;
        // A quote could hide a `>` in a public identifier: leave it.
        if rest[..end].iter().any(|b| matches!(b, b'"' | b'\'')) {
            return None;
        }
        return Some(at + end + 1);
    }
    None
}

/// After `</`: a plain end tag (`</a>`, `</div >`); the index after its `>`.
fn end_tag(html: &[u8], at: usize) -> Option<usize> {
    let rest = &html[at..];
    if !rest.first()?.is_ascii_alphabetic() {
        return None;
    }
    let name_len = rest
        .iter()
        .position(|b| is_space(*b) || matches!(b, b'/' | b'>'))?;
    let mut i = name_len;
    while rest.get(i).copied().is_some_and(is_space) {
        i += 1;
    }
    (rest.get(i) == Some(&b'>')).then_some(at + i + 1)
}

/// A tag or attribute name in lowercase when it is short enough to be one vestis looks for
/// (longer ones are never `textarea`, `srcset`, …): no allocation per tag.
fn short_lowercase(name: &[u8]) -> Option<[u8; 8]> {
    let mut out = [0u8; 8];
    if name.len() > out.len() {
        return None;
    }
    for (o, b) in out.iter_mut().zip(name) {
        *o = b.to_ascii_lowercase();
    }
    Some(out)
}

/// At the first letter of a start tag's name: reads its attributes; the index after its `>`
/// (and after the content of a raw-text element).
fn start_tag(html: &[u8], at: usize, scanned: &mut Scanned) -> Option<usize> {
    let rest = &html[at..];
    let name_len = rest
        .iter()
        .position(|b| is_space(*b) || matches!(b, b'/' | b'>'))?;
    let raw_name = &rest[..name_len];
    if raw_name
        .iter()
        .any(|b| matches!(b, b'"' | b'\'' | b'<' | b'='))
    {
        return None;
    }
    let short = short_lowercase(raw_name);
    let name = short.as_ref().map_or(&b""[..], |n| &n[..name_len]);
    let mut i = at + name_len;
    // Which of the attributes vestis keeps were seen (the first of duplicates counts).
    let mut seen = [false; 5];
    loop {
        while html
            .get(i)
            .copied()
            .is_some_and(|b| is_space(b) || b == b'/')
        {
            i += 1;
        }
        match html.get(i)? {
            b'>' => {
                i += 1;
                break;
            }
            b'=' => return None,
            _ => {}
        }
        let attr_len = html[i..]
            .iter()
            .position(|b| is_space(*b) || matches!(b, b'/' | b'>' | b'='))?;
        let raw_attr = &html[i..i + attr_len];
        if raw_attr.iter().any(|b| matches!(b, b'"' | b'\'' | b'<')) {
            return None;
        }
        let attr = short_lowercase(raw_attr);
        let attr = attr.as_ref().map_or(&b""[..], |a| &a[..attr_len]);
        i += attr_len;
        while html.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        let mut value: &[u8] = b"";
        if html.get(i) == Some(&b'=') {
            i += 1;
            while html.get(i).copied().is_some_and(is_space) {
                i += 1;
            }
            match *html.get(i)? {
                q @ (b'"' | b'\'') => {
                    let len = memchr::memchr(q, &html[i + 1..])?;
                    value = &html[i + 1..i + 1 + len];
                    i += len + 2;
                    // The spec wants a space, `/` or `>` after a quoted value.
                    let next = *html.get(i)?;
                    if !(is_space(next) || matches!(next, b'/' | b'>')) {
                        return None;
                    }
                }
                b'>' => {}
                _ => {
                    let len = html[i..].iter().position(|b| is_space(*b) || *b == b'>')?;
                    value = &html[i..i + len];
                    if value
                        .iter()
                        .any(|b| matches!(b, b'"' | b'\'' | b'<' | b'=' | b'`'))
                    {
                        return None;
                    }
                    i += len;
                }
            }
        }
        let slot = match attr {
            b"href" => 0,
            b"src" => 1,
            b"srcset" => 2,
            b"id" => 3,
            b"name" => 4,
            _ => continue,
        };
        if value.contains(&b'&') {
            return None;
        }
        if !std::mem::replace(&mut seen[slot], true) {
            keep(scanned, name, attr, &String::from_utf8_lossy(value));
        }
    }
    if raw_text(name) {
        return raw_text_end(html, i, name);
    }
    Some(i)
}

/// From the content of a raw-text element to after its end tag (`</script>`).
fn raw_text_end(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    let tag = loop {
        let tag = at + find(&html[at..], b"</")? + 2;
        let after = tag + name.len();
        let matches = html
            .get(tag..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let ends = html
            .get(after)
            .is_some_and(|b| is_space(*b) || matches!(b, b'/' | b'>'));
        if matches && ends {
            break tag;
        }
        at = tag;
    };
    // Script data has escaped states (`<!--` … `<script>`): leave them.
    if name == b"script" && find(&html[from..tag], b"<!--").is_some() {
        return None;
    }
    end_tag(html, tag)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
#[path = "links_scan_tests.rs"]
mod tests;

//! The files of a language's search index, laid out so that a query downloads little.
//!
//! `/L/search.json`, the manifest, always: `version`, `records` (how many), `fold` (the
//! Cyrillic → Latin table of `search_fold`, so the search box folds the query exactly as the
//! index was folded), and then either
//! - everything inline, when that stays under [`INLINE_BYTES`] (a small site: one file):
//!   `words` (folded word → postings) and `entries` (the records, by number); or
//! - `shards`: key → `[file, bytes]`. A shard (`/L/search/<file>`) holds the postings of
//!   the words starting with its key: the first [`FIRST_KEY`] letters of the folded word, or
//!   more (up to [`LAST_KEY`]) where a shard would exceed [`SHARD_BYTES`]; a word shorter than
//!   the key length has a shard of its own key. Record `n` is `/L/search/r/<n>.json`.
//!
//! Postings are flat arrays `[gap, weight, gap, weight, …]`: the first gap is the first
//! record's number, each next gap the difference to the previous one.
//!
//! A query word needs the shards whose key is a prefix of it or starts with it; the manifest
//! gives their sizes, so the search box knows what it will download before it asks.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Serialize;

use super::search_fold::TABLE;

/// One searchable record.
#[derive(Serialize)]
pub(super) struct Entry<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub date: Option<String>,
    pub url: String,
    pub collection: &'a str,
    pub text: String,
}

/// Folded word → `(record number, weight)`, record numbers ascending.
pub(super) type Postings = BTreeMap<String, Vec<(u32, u32)>>;

/// The largest manifest that still carries the whole index.
pub(super) const INLINE_BYTES: usize = 200 * 1024;
/// A shard larger than this is split by a longer key (when its words allow).
pub(super) const SHARD_BYTES: usize = 48 * 1024;
/// Letters of a shard key to begin with.
pub(super) const FIRST_KEY: usize = 2;
/// The longest shard key.
pub(super) const LAST_KEY: usize = 6;
/// The manifest format.
const VERSION: u32 = 2;

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    records: usize,
    fold: IndexMap<String, &'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    words: Option<&'a IndexMap<String, Vec<u32>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entries: Option<&'a [Entry<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shards: Option<IndexMap<&'a str, (String, usize)>>,
}

/// The index of `entries` and `postings`: returns the manifest and hands every other file
/// (`(path, bytes)`) to `emit` as soon as it is made, so that a large site's index is never
/// held in memory as a whole (`vestis build` writes each file at once).
pub(super) fn build_into(
    lang: &str,
    entries: &[Entry<'_>],
    postings: Postings,
    emit: &mut dyn FnMut(String, Vec<u8>),
) -> serde_json::Result<Vec<u8>> {
    // The postings are encoded as they are taken: the two forms are not held at once.
    let words: IndexMap<String, Vec<u32>> = postings
        .into_iter()
        .map(|(word, list)| {
            let encoded = encode(&list);
            (word, encoded)
        })
        .collect();
    let fold = || TABLE.iter().map(|(c, l)| (c.to_string(), *l)).collect();
    let inline = Manifest {
        version: VERSION,
        records: entries.len(),
        fold: fold(),
        words: Some(&words),
        entries: Some(entries),
        shards: None,
    };
    // Written only up to the limit: a large site's whole index is not made just to be
    // found too large.
    if let Some(bytes) = to_json_within(&inline, INLINE_BYTES)? {
        return Ok(bytes);
    }
    let list: Vec<(&str, &Vec<u32>)> = words.iter().map(|(w, p)| (w.as_str(), p)).collect();
    let mut shards = Vec::new();
    split(&list, FIRST_KEY, &mut shards)?;
    let mut table = IndexMap::new();
    for (key, bytes) in shards {
        let file = file_name(key);
        table.insert(key, (file.clone(), bytes.len()));
        emit(format!("{lang}/search/{file}"), bytes);
    }
    for (n, entry) in entries.iter().enumerate() {
        emit(format!("{lang}/search/r/{n}.json"), to_json(entry)?);
    }
    let manifest = Manifest {
        version: VERSION,
        records: entries.len(),
        fold: fold(),
        words: None,
        entries: None,
        shards: Some(table),
    };
    to_json(&manifest)
}

/// [`to_json`] of `value` when it takes at most `limit` bytes (newline included), else `None`
/// (found out without writing more than `limit + 1` bytes).
fn to_json_within<T: Serialize + ?Sized>(
    value: &T,
    limit: usize,
) -> serde_json::Result<Option<Vec<u8>>> {
    let mut out = Limited {
        bytes: Vec::new(),
        limit,
        over: false,
    };
    match serde_json::to_writer(&mut out, value) {
        Ok(()) if out.bytes.len() < limit => {
            out.bytes.push(b'\n');
            Ok(Some(out.bytes))
        }
        Ok(()) => Ok(None),
        Err(_) if out.over => Ok(None),
        Err(e) => Err(e),
    }
}

/// A writer that refuses to hold more than `limit` bytes.
struct Limited {
    bytes: Vec<u8>,
    limit: usize,
    over: bool,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.over = true;
            return Err(std::io::Error::other("over the limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `[(3, 1), (5, 10)]` → `[3, 1, 2, 10]`.
fn encode(list: &[(u32, u32)]) -> Vec<u32> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut last = 0;
    for &(record, weight) in list {
        out.push(record - last);
        out.push(weight);
        last = record;
    }
    out
}

/// The first `len` characters of `word` (all of it when shorter).
fn key(word: &str, len: usize) -> &str {
    word.char_indices()
        .nth(len)
        .map_or(word, |(at, _)| &word[..at])
}

/// Groups `words` (sorted) into shards by keys of `len` letters, longer where one is too big.
fn split<'a>(
    words: &[(&'a str, &Vec<u32>)],
    len: usize,
    out: &mut Vec<(&'a str, Vec<u8>)>,
) -> serde_json::Result<()> {
    let mut start = 0;
    while start < words.len() {
        let k = key(words[start].0, len);
        let end = start
            + words[start..]
                .iter()
                .take_while(|(w, _)| key(w, len) == k)
                .count();
        let group = &words[start..end];
        let bytes = to_json(
            &group
                .iter()
                .map(|(w, p)| (*w, *p))
                .collect::<IndexMap<_, _>>(),
        )?;
        let splittable = group.len() > 1 && len < LAST_KEY;
        if bytes.len() > SHARD_BYTES && splittable {
            split(group, len + 1, out)?;
        } else {
            out.push((k, bytes));
        }
        start = end;
    }
    Ok(())
}

/// The shard's file: the key itself when it is plain `a-z0-9`, else `_` and its UTF-8 in hex
/// (a key never contains `_`, so the two cannot meet).
fn file_name(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        format!("{key}.json")
    } else {
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        format!("_{hex}.json")
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_gaps_and_weights() {
        assert_eq!(encode(&[(3, 1), (5, 10), (6, 2)]), [3, 1, 2, 10, 1, 2]);
        assert_eq!(encode(&[]), Vec::<u32>::new());
    }

    #[test]
    fn keys_and_file_names() {
        assert_eq!(key("rezekne", 2), "re");
        assert_eq!(key("a", 2), "a");
        assert_eq!(key("ΔΗΜΟΣ", 3), "ΔΗΜ");
        assert_eq!(file_name("re"), "re.json");
        assert_eq!(file_name("δη"), "_ceb4ceb7.json");
    }

    #[test]
    fn a_big_shard_is_split_by_longer_keys_and_small_ones_stay_whole() {
        let long: Vec<u32> = (0..SHARD_BYTES as u32).map(|n| n % 7).collect();
        let short = vec![1, 1];
        let words = [
            ("ra", &short),
            ("raa", &long),
            ("rab", &long),
            ("rb", &short),
            ("rbc", &short),
        ];
        let mut out = Vec::new();
        split(&words, 1, &mut out).unwrap();
        let keys: Vec<&str> = out.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["ra", "raa", "rab", "rb"]);
        // Every word is in exactly one shard whose key starts it.
        for (word, _) in words {
            let holders: Vec<_> = out
                .iter()
                .filter(|(_, bytes)| {
                    let map: serde_json::Map<String, serde_json::Value> =
                        serde_json::from_slice(bytes).unwrap();
                    map.contains_key(word)
                })
                .collect();
            assert_eq!(holders.len(), 1, "{word}");
            assert!(word.starts_with(holders[0].0));
        }
    }
}

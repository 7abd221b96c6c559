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
//!   A shard that stays over [`CAPPED_SHARD_BYTES`] (one very common word, or several under the
//!   longest key) keeps only each word's best postings (see [`cap`]); the manifest's `capped`
//!   tells, for each word cut so, how many records have it.
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
use super::search_postings::{cap, encode, json_len};

/// One searchable record.
#[derive(Serialize)]
pub(super) struct Entry<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub date: Option<String>,
    pub url: String,
    pub collection: &'a str,
    pub text: super::TextStart<'a>,
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
/// The largest shard: one that cannot be split under [`SHARD_BYTES`] and is larger than this
/// keeps only its words' best postings. A third of the search box's shard budget (240 KB), so
/// that a query of three very common words still fits it.
pub(super) const CAPPED_SHARD_BYTES: usize = 80 * 1024;
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
    /// Folded word → how many records have it, for the words whose postings were cut.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    capped: IndexMap<&'a str, usize>,
}

/// One shard file: its key, its JSON, and the words it holds only the best postings of (with
/// how many records have each).
struct Shard<'a> {
    key: &'a str,
    bytes: Vec<u8>,
    capped: Vec<(&'a str, usize)>,
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
        capped: IndexMap::new(),
    };
    // Written only up to the limit: a large site's whole index is not made just to be
    // found too large.
    if let Some(bytes) = to_json_within(&inline, INLINE_BYTES)? {
        return Ok(bytes);
    }
    let list: Vec<(&str, &Vec<u32>)> = words.iter().map(|(w, p)| (w.as_str(), p)).collect();
    let sizes = entry_sizes(&list)?;
    let mut shards = Vec::new();
    split(&list, &sizes, FIRST_KEY, &mut shards)?;
    let mut table = IndexMap::new();
    let mut capped = IndexMap::new();
    for shard in shards {
        let file = file_name(shard.key);
        table.insert(shard.key, (file.clone(), shard.bytes.len()));
        capped.extend(shard.capped);
        emit(format!("{lang}/search/{file}"), shard.bytes);
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
        capped,
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

/// The first `len` characters of `word` (all of it when shorter).
fn key(word: &str, len: usize) -> &str {
    word.char_indices()
        .nth(len)
        .map_or(word, |(at, _)| &word[..at])
}

/// The length of each word's `"word":[…]` in a shard's JSON (what [`split`] adds up).
fn entry_sizes(words: &[(&str, &Vec<u32>)]) -> serde_json::Result<Vec<usize>> {
    words
        .iter()
        .map(|(w, p)| Ok(serde_json::to_vec(w)?.len() + 1 + json_len(p)))
        .collect()
}

/// Groups `words` (sorted) into shards by keys of `len` letters, longer where one is too big.
/// `sizes[i]` is the length of word `i`'s `"word":[…]` in a shard's JSON: a group's size is
/// known without writing it, so each shard is written once, however many times its words
/// are regrouped by longer keys.
fn split<'a>(
    words: &[(&'a str, &Vec<u32>)],
    sizes: &[usize],
    len: usize,
    out: &mut Vec<Shard<'a>>,
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
        // `{`, the words with a comma between each two, `}` and the newline.
        let size = sizes[start..end].iter().sum::<usize>() + group.len() + 2;
        let splittable = group.len() > 1 && len < LAST_KEY;
        if size > SHARD_BYTES && splittable {
            split(group, &sizes[start..end], len + 1, out)?;
        } else if size > CAPPED_SHARD_BYTES {
            let (lists, capped) = cap(group, CAPPED_SHARD_BYTES);
            out.push(Shard {
                key: k,
                bytes: to_json(&lists)?,
                capped,
            });
        } else {
            let bytes = to_json(
                &group
                    .iter()
                    .map(|(w, p)| (*w, *p))
                    .collect::<IndexMap<_, _>>(),
            )?;
            debug_assert_eq!(bytes.len(), size, "the size of shard `{k}`");
            out.push(Shard {
                key: k,
                bytes,
                capped: Vec::new(),
            });
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
        let sizes = entry_sizes(&words).unwrap();
        let mut out = Vec::new();
        split(&words, &sizes, 1, &mut out).unwrap();
        let keys: Vec<&str> = out.iter().map(|s| s.key).collect();
        assert_eq!(keys, ["ra", "raa", "rab", "rb"]);
        // Every word is in exactly one shard whose key starts it.
        for (word, _) in words {
            let holders: Vec<_> = out
                .iter()
                .filter(|s| {
                    let map: serde_json::Map<String, serde_json::Value> =
                        serde_json::from_slice(&s.bytes).unwrap();
                    map.contains_key(word)
                })
                .collect();
            assert_eq!(holders.len(), 1, "{word}");
            assert!(word.starts_with(holders[0].key));
        }
        // The two long words (about 98 KB each) cannot be split: they keep their best postings.
        for s in &out {
            assert!(
                s.bytes.len() <= CAPPED_SHARD_BYTES,
                "{}: {}",
                s.key,
                s.bytes.len()
            );
            let capped: Vec<&str> = s.capped.iter().map(|(w, _)| *w).collect();
            let long = ["raa", "rab"].contains(&s.key);
            assert_eq!(capped, if long { vec![s.key] } else { vec![] }, "{}", s.key);
        }
    }

    #[test]
    fn the_manifest_names_the_capped_words_with_their_record_counts() {
        // 30,000 records: `un` in every one, `rezekne` in a few. `un`'s list (120 KB) is cut.
        let empty = crate::plain_text::PlainText::default();
        let entries: Vec<Entry<'_>> = (0..30_000)
            .map(|n| Entry {
                title: "Tikšanās",
                summary: None,
                date: None,
                url: format!("/lv/{n}/"),
                collection: "news",
                text: crate::render::publish::TextStart {
                    plain: &empty,
                    max: 0,
                },
            })
            .collect();
        let mut postings = Postings::new();
        postings.insert("un".into(), (0..30_000).map(|n| (n, 1 + n % 3)).collect());
        postings.insert("rezekne".into(), vec![(7, 10), (29_999, 1)]);
        let mut files = BTreeMap::new();
        let manifest = build_into("lv", &entries, postings, &mut |path, bytes| {
            files.insert(path, bytes);
        })
        .unwrap();
        let manifest: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
        assert_eq!(manifest["capped"], serde_json::json!({"un": 30_000}));
        let un: serde_json::Value = serde_json::from_slice(&files["lv/search/un.json"]).unwrap();
        assert!(files["lv/search/un.json"].len() <= CAPPED_SHARD_BYTES);
        assert_eq!(
            manifest["shards"]["un"][1],
            files["lv/search/un.json"].len()
        );
        let kept = un["un"].as_array().unwrap().len() / 2;
        assert!(kept > 1_000 && kept < 30_000, "{kept}");
        // It keeps the best: every weight 3 and 2 (10,000 each), then the first records of
        // weight 1 (0, 3, 6, …) as far as they fit.
        let flat: Vec<u32> = serde_json::from_value(un["un"].clone()).unwrap();
        let kept = super::super::search_postings::decode(&flat);
        let count = |weight| kept.iter().filter(|p| p.1 == weight).count();
        assert_eq!((count(3), count(2)), (10_000, 10_000));
        let ones: Vec<u32> = kept.iter().filter(|p| p.1 == 1).map(|p| p.0).collect();
        assert!(!ones.is_empty() && ones.len() < 10_000, "{}", ones.len());
        assert!(
            ones.iter().enumerate().all(|(i, &n)| n == 3 * i as u32),
            "the first ones"
        );
        let re: serde_json::Value = serde_json::from_slice(&files["lv/search/re.json"]).unwrap();
        assert_eq!(
            re["rezekne"],
            serde_json::json!([7, 10, 29_992, 1]),
            "a rare word is whole"
        );
    }
}

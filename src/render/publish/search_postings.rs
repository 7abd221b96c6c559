//! The postings of the search index: how a word's list of `(record, weight)` is written
//! (gaps, see `search_index`), and how the list of a word too common for its shard's size is
//! cut to its best postings (the cap). Apart from `search_index` so that the layout of the
//! files and the choice of what a capped word keeps can be read and tested each on its own.

use indexmap::IndexMap;

/// A shard's words with their encoded postings.
pub(super) type Lists<'a> = IndexMap<&'a str, Vec<u32>>;

/// `[(3, 1), (5, 10)]` → `[3, 1, 2, 10]`.
pub(super) fn encode(list: &[(u32, u32)]) -> Vec<u32> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut last = 0;
    for &(record, weight) in list {
        out.push(record - last);
        out.push(weight);
        last = record;
    }
    out
}

/// `[3, 1, 2, 10]` → `[(3, 1), (5, 10)]` (the inverse of [`encode`]).
pub(super) fn decode(flat: &[u32]) -> Vec<(u32, u32)> {
    let mut record = 0;
    flat.chunks_exact(2)
        .map(|pair| {
            record += pair[0];
            (record, pair[1])
        })
        .collect()
}

/// Bytes of the JSON array of `flat` (`[3,1,2,10]`), without making it.
pub(super) fn json_len(flat: &[u32]) -> usize {
    2 + flat.iter().map(|&n| digits(n)).sum::<usize>() + flat.len().saturating_sub(1)
}

/// Decimal digits of `n`.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// A word's postings (record order) with each one's rank among them: best first, that is the
/// highest weight first and, among equal weights, the record that comes first in the index.
/// The tie-break is the same for every word, so two capped words keep largely the same records
/// where their weights tie, and a search for both still finds records that have both.
struct Ranked {
    postings: Vec<(u32, u32)>,
    rank: Vec<usize>,
}

impl Ranked {
    fn new(flat: &[u32]) -> Self {
        let postings = decode(flat);
        let mut order: Vec<usize> = (0..postings.len()).collect();
        order.sort_unstable_by_key(|&i| (std::cmp::Reverse(postings[i].1), postings[i].0));
        let mut rank = vec![0; postings.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        Ranked { postings, rank }
    }

    /// The best `limit` postings, in record order.
    fn best(&self, limit: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.postings
            .iter()
            .zip(&self.rank)
            .filter(move |(_, r)| **r < limit)
            .map(|(p, _)| *p)
    }

    /// Bytes of the JSON array of `encode(best(limit))`, without making it.
    fn json_len(&self, limit: usize) -> usize {
        let (mut last, mut count, mut len) = (0u32, 0usize, 2usize);
        for (record, weight) in self.best(limit) {
            len += digits(record - last) + digits(weight);
            last = record;
            count += 1;
        }
        len + (2 * count).saturating_sub(1)
    }
}

/// `group` (a shard's words and postings, too large and not to be split further) cut to
/// `max_bytes` of JSON: every word keeps at most its best `limit` postings, `limit` the
/// largest that fits (so a word with few postings keeps all of them, and the largest lists
/// are cut to the same length). A word keeps at least one posting: a shard of very many rare
/// words may stay larger. Returns the shard's words with their postings and the words that
/// were cut, each with how many records have it.
pub(super) fn cap<'a>(
    group: &[(&'a str, &Vec<u32>)],
    max_bytes: usize,
) -> (Lists<'a>, Vec<(&'a str, usize)>) {
    let ranked: Vec<Ranked> = group.iter().map(|(_, flat)| Ranked::new(flat)).collect();
    let longest = ranked.iter().map(|r| r.postings.len()).max().unwrap_or(0);
    // Everything but the arrays: `{"word":…,"word":…}` and the newline.
    let frame: usize = 3 + group
        .iter()
        .map(|(w, _)| json_str_len(w) + 2)
        .sum::<usize>()
        - usize::from(!group.is_empty());
    let fits =
        |limit: usize| frame + ranked.iter().map(|r| r.json_len(limit)).sum::<usize>() <= max_bytes;
    // The largest limit that fits (the size grows with it), at least 1.
    let (mut lo, mut hi) = (1, longest.max(1));
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut capped = Vec::new();
    let mut lists = IndexMap::new();
    for ((word, _), r) in group.iter().zip(&ranked) {
        if r.postings.len() > lo {
            capped.push((*word, r.postings.len()));
        }
        lists.insert(*word, encode(&r.best(lo).collect::<Vec<_>>()));
    }
    (lists, capped)
}

/// Bytes of `word` as a JSON string, quotes included.
fn json_str_len(word: &str) -> usize {
    serde_json::to_string(word).map_or(word.len() + 2, |s| s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_gaps_and_weights() {
        assert_eq!(encode(&[(3, 1), (5, 10), (6, 2)]), [3, 1, 2, 10, 1, 2]);
        assert_eq!(encode(&[]), Vec::<u32>::new());
        assert_eq!(decode(&[3, 1, 2, 10, 1, 2]), [(3, 1), (5, 10), (6, 2)]);
    }

    #[test]
    fn the_length_of_a_list_is_that_of_its_json() {
        for flat in [
            vec![],
            vec![0],
            vec![9, 10],
            vec![99_999, 1, 100_000, 19, u32::MAX],
        ] {
            assert_eq!(
                json_len(&flat),
                serde_json::to_vec(&flat).unwrap().len(),
                "{flat:?}"
            );
        }
    }

    /// The JSON of a shard of `lists`, as `search_index` writes it.
    fn json(lists: &Lists<'_>) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(lists).unwrap();
        bytes.push(b'\n');
        bytes
    }

    #[test]
    fn the_computed_size_is_the_written_size() {
        let flat = encode(&[(0, 3), (9, 12), (10, 1), (12_345, 19)]);
        let r = Ranked::new(&flat);
        for limit in 0..=5 {
            let kept: Vec<_> = r.best(limit).collect();
            assert_eq!(
                r.json_len(limit),
                serde_json::to_vec(&encode(&kept)).unwrap().len()
            );
        }
        let group = [("ab", &flat), ("abc", &flat)];
        let (lists, capped) = cap(&group, usize::MAX);
        assert!(capped.is_empty(), "everything fits");
        assert_eq!(lists["ab"], flat);
        let frame = json(&lists).len() - 2 * r.json_len(4);
        let empty: Lists<'_> = group.iter().map(|(w, _)| (*w, Vec::new())).collect();
        assert_eq!(frame + 4, json(&empty).len());
    }

    #[test]
    fn a_capped_word_keeps_its_best_postings_within_the_size() {
        // A word in every one of 30,000 records: weight 10 + 1 in every 100th (its title),
        // 5 in every 7th, else 1. Beside it a rare word, whose list is kept whole.
        let list: Vec<(u32, u32)> = (0..30_000)
            .map(|n| {
                (
                    n,
                    if n % 100 == 0 {
                        11
                    } else if n % 7 == 0 {
                        5
                    } else {
                        1
                    },
                )
            })
            .collect();
        let common = encode(&list);
        let rare = encode(&[(4, 2), (20_000, 1)]);
        let max = 16 * 1024;
        let (lists, capped) = cap(&[("sabiedriba", &common), ("sabiedrisks", &rare)], max);
        let bytes = json(&lists);
        assert!(bytes.len() <= max, "{} bytes", bytes.len());
        assert_eq!(capped, [("sabiedriba", 30_000)]);
        assert_eq!(lists["sabiedrisks"], rare, "the rare word is whole");
        let kept = decode(&lists["sabiedriba"]);
        assert!(kept.windows(2).all(|w| w[0].0 < w[1].0), "record order");
        // The best first: every title (weight 11), then weight 5 from the first records on.
        assert!(kept.len() > 300 && kept.len() < 30_000, "{}", kept.len());
        let titles = kept.iter().filter(|p| p.1 == 11).count();
        assert_eq!(titles, 300);
        let fives: Vec<u32> = kept.iter().filter(|p| p.1 == 5).map(|p| p.0).collect();
        let all_fives: Vec<u32> = list.iter().filter(|p| p.1 == 5).map(|p| p.0).collect();
        assert_eq!(
            fives,
            all_fives[..fives.len()],
            "equal weights: the first records"
        );
        let min_kept = kept.iter().map(|p| p.1).min().unwrap();
        let dropped = list.iter().filter(|p| !kept.contains(p));
        assert!(
            dropped.clone().all(|p| p.1 <= min_kept),
            "nothing better was dropped"
        );
        // The largest that fits: one more posting each would not.
        let more = Ranked::new(&common).json_len(kept.len() + 1);
        let frame = bytes.len() - Ranked::new(&common).json_len(kept.len()) - rare_len(&rare);
        assert!(
            frame + more + rare_len(&rare) > max,
            "the limit is the largest"
        );
    }

    fn rare_len(flat: &[u32]) -> usize {
        serde_json::to_vec(flat).unwrap().len()
    }

    #[test]
    fn two_capped_words_with_equal_weights_keep_the_same_records() {
        // Both in every record with weight 1 (and 3 in different places): the kept records
        // of both are the first ones, so a search for both still finds many.
        let a: Vec<(u32, u32)> = (0..20_000)
            .map(|n| (n, 1 + 2 * u32::from(n % 50 == 1)))
            .collect();
        let b: Vec<(u32, u32)> = (0..20_000)
            .map(|n| (n, 1 + 2 * u32::from(n % 50 == 2)))
            .collect();
        let (a, b) = (encode(&a), encode(&b));
        let (lists, capped) = cap(&[("kultura", &a), ("kulturas", &b)], 12 * 1024);
        assert_eq!(capped.len(), 2);
        let ka: std::collections::HashSet<u32> =
            decode(&lists["kultura"]).iter().map(|p| p.0).collect();
        let both = decode(&lists["kulturas"])
            .iter()
            .filter(|p| ka.contains(&p.0))
            .count();
        assert!(both * 2 > ka.len(), "{both} of {} in both", ka.len());
    }

    #[test]
    fn a_word_keeps_one_posting_at_least() {
        let flat = encode(&[(1, 1), (2, 1), (3, 1)]);
        let (lists, capped) = cap(&[("un", &flat)], 1);
        assert_eq!(lists["un"], [1, 1]);
        assert_eq!(capped, [("un", 3)]);
    }
}

//! Ordering records: all of them by collection (site.yaml order) then id, and a collection's
//! records by its `sort:` setting in one language.
//!
//! Sorting a list computes each record's sort value once and then compares those values, so a
//! comparison never looks a field up by name (a hash) nor finds the record's text again.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use crate::config::{Collection, Config, SortKey};

use super::{FieldValue, Record, Text};

/// Orders records by collection (site.yaml order), then id.
pub(super) fn order_records(config: &Config, records: &mut [Arc<Record>]) {
    let position: HashMap<&str, usize> = config
        .collections
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let position = |r: &Record| {
        position
            .get(r.collection.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    };
    records.sort_by(|a, b| position(a).cmp(&position(b)).then_with(|| a.id.cmp(&b.id)));
}

/// Sorts `list`, indexes into `records` of one collection, by `collection.sort` in a language:
/// `text` gives a record's text in that language and `compare_text` compares two strings in
/// it. Ties are broken by id, which within a collection is the order of the indexes.
pub(super) fn sort_indexes<'a>(
    collection: &Collection,
    records: &'a [Arc<Record>],
    text: impl Fn(usize) -> Option<&'a Text>,
    compare_text: &dyn Fn(&str, &str) -> Ordering,
    list: &mut [usize],
) {
    let descending = collection.sort.descending;
    match &collection.sort.key {
        // A reversed `Equal` is still `Equal`: records sorted by id are in ascending order.
        SortKey::Id => list.sort_unstable(),
        SortKey::Title => sort_by_value(
            list,
            |i| text(i).map_or("", |t| t.title.as_str()),
            |a, b| compare_text(a, b),
            descending,
        ),
        SortKey::Field(f) => sort_by_value(
            list,
            |i| SortValue::of(records[i].field(f, text(i))),
            |a, b| a.compare(b, compare_text),
            descending,
        ),
    }
}

/// Sorts `list` by each index's `value` (computed once per index), then by index.
fn sort_by_value<V>(
    list: &mut [usize],
    value: impl Fn(usize) -> V,
    compare: impl Fn(&V, &V) -> Ordering,
    descending: bool,
) {
    let mut keyed: Vec<(V, usize)> = list.iter().map(|&i| (value(i), i)).collect();
    keyed.sort_by(|a, b| {
        let ordering = compare(&a.0, &b.0);
        let ordering = if descending {
            ordering.reverse()
        } else {
            ordering
        };
        ordering.then_with(|| a.1.cmp(&b.1))
    });
    for (slot, (_, i)) in list.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// What a field value sorts by: dates, times and numbers copied out of the record (comparing
/// them reads no record), texts borrowed for collation.
#[derive(Debug, Clone, Copy)]
enum SortValue<'a> {
    /// No value: sorts last.
    Missing,
    Date(jiff::civil::Date),
    DateTime(jiff::civil::DateTime),
    Bool(bool),
    /// `string`, `url`, `enum` and `ref` values.
    Text(&'a str),
    /// A `markdown` value's source.
    Markdown(&'a str),
    /// Any other value, as a number (0 when it is none).
    Number(f64),
}

impl<'a> SortValue<'a> {
    fn of(value: Option<&'a FieldValue>) -> Self {
        use FieldValue as V;
        match value {
            None => SortValue::Missing,
            Some(V::Date(d)) => SortValue::Date(*d),
            Some(V::DateTime(t)) => SortValue::DateTime(*t),
            Some(V::Bool(b)) => SortValue::Bool(*b),
            Some(V::Text(s) | V::Enum(s) | V::Ref(s)) => SortValue::Text(s),
            Some(V::Markdown { source, .. }) => SortValue::Markdown(source),
            Some(other) => SortValue::Number(other.as_f64().unwrap_or(0.0)),
        }
    }

    /// Two values of the same kind compare as such, different kinds as numbers.
    fn compare(&self, other: &Self, text: &dyn Fn(&str, &str) -> Ordering) -> Ordering {
        use SortValue as S;
        match (self, other) {
            (S::Missing, S::Missing) => Ordering::Equal,
            (S::Missing, _) => Ordering::Greater,
            (_, S::Missing) => Ordering::Less,
            (S::Date(x), S::Date(y)) => x.cmp(y),
            (S::DateTime(x), S::DateTime(y)) => x.cmp(y),
            (S::Bool(x), S::Bool(y)) => x.cmp(y),
            (S::Text(x), S::Text(y)) | (S::Markdown(x), S::Markdown(y)) => text(x, y),
            _ => self.number().total_cmp(&other.number()),
        }
    }

    fn number(&self) -> f64 {
        match self {
            SortValue::Number(n) => *n,
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> FieldValue {
        FieldValue::Date(s.parse().unwrap())
    }

    #[test]
    fn sort_values_compare_like_the_field_values() {
        let bytes = |a: &str, b: &str| a.cmp(b);
        let cmp = |a: Option<&FieldValue>, b: Option<&FieldValue>| {
            SortValue::of(a).compare(&SortValue::of(b), &bytes)
        };
        let (d1, d2) = (date("2013-06-15"), date("2014-01-01"));
        assert_eq!(cmp(Some(&d1), Some(&d2)), Ordering::Less);
        assert_eq!(cmp(None, Some(&d1)), Ordering::Greater);
        assert_eq!(cmp(Some(&d1), None), Ordering::Less);
        assert_eq!(cmp(None, None), Ordering::Equal);
        let (i, n) = (FieldValue::Int(3), FieldValue::Number(2.5));
        assert_eq!(cmp(Some(&i), Some(&n)), Ordering::Greater);
        let (t, e) = (FieldValue::Text("b".into()), FieldValue::Enum("a".into()));
        assert_eq!(cmp(Some(&t), Some(&e)), Ordering::Greater);
        let m = FieldValue::Markdown {
            source: "a".into(),
            html: String::new(),
        };
        // Different kinds compare as numbers: equal.
        assert_eq!(cmp(Some(&t), Some(&m)), Ordering::Equal);
        assert_eq!(cmp(Some(&d1), Some(&i)), Ordering::Less);
    }

    #[test]
    fn ties_keep_index_order_also_when_descending() {
        let mut list = vec![3, 0, 2, 1];
        let value = |i: usize| [1, 2, 1, 2][i];
        sort_by_value(&mut list, value, |a, b| a.cmp(b), true);
        assert_eq!(list, vec![1, 3, 0, 2]);
    }
}

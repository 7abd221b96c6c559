//! Ordering a collection's records by its `sort:` setting in one language.
//!
//! Each record's sort value is worked out once (with its [`Facts`](super::facts::Facts)), so
//! a comparison never looks a field up by name nor finds the record's text again, and dates
//! and numbers are compared where they lie.

use std::cmp::Ordering;

use crate::config::{Collection, SortKey};

use super::{FieldValue, Record, Text};

/// What a record sorts by in one language: its collection's `sort:` key.
#[derive(Debug, Clone)]
pub(super) enum SortValue {
    /// `sort: id`: nothing but the id.
    Id,
    /// `sort: title`: the text's title.
    Title(String),
    /// A field without a value: sorts last.
    Missing,
    Date(jiff::civil::Date),
    DateTime(jiff::civil::DateTime),
    Bool(bool),
    /// `string`, `url`, `enum` and `ref` values.
    Text(String),
    /// A `markdown` value's source.
    Markdown(String),
    /// Any other value, as a number (0 when it is none).
    Number(f64),
}

impl SortValue {
    /// The value `record`, showing `text`, sorts by in `collection`.
    pub(super) fn of(collection: &Collection, record: &Record, text: &Text) -> Self {
        match &collection.sort.key {
            SortKey::Id => SortValue::Id,
            SortKey::Title => SortValue::Title(text.title.clone()),
            SortKey::Field(f) => SortValue::of_field(record.field(f, Some(text))),
        }
    }

    fn of_field(value: Option<&FieldValue>) -> Self {
        use FieldValue as V;
        match value {
            None => SortValue::Missing,
            Some(V::Date(d)) => SortValue::Date(*d),
            Some(V::DateTime(t)) => SortValue::DateTime(*t),
            Some(V::Bool(b)) => SortValue::Bool(*b),
            Some(V::Text(s) | V::Enum(s) | V::Ref(s)) => SortValue::Text(s.clone()),
            Some(V::Markdown { source, .. }) => SortValue::Markdown(source.clone()),
            Some(other) => SortValue::Number(other.as_f64().unwrap_or(0.0)),
        }
    }

    /// Two values of the same kind compare as such (texts with `text`), different kinds as
    /// numbers; a missing value sorts last.
    fn compare(&self, other: &Self, text: &dyn Fn(&str, &str) -> Ordering) -> Ordering {
        use SortValue as S;
        match (self, other) {
            (S::Id, S::Id) => Ordering::Equal,
            (S::Missing, S::Missing) => Ordering::Equal,
            (S::Missing, _) => Ordering::Greater,
            (_, S::Missing) => Ordering::Less,
            (S::Date(x), S::Date(y)) => x.cmp(y),
            (S::DateTime(x), S::DateTime(y)) => x.cmp(y),
            (S::Bool(x), S::Bool(y)) => x.cmp(y),
            (S::Title(x), S::Title(y))
            | (S::Text(x), S::Text(y))
            | (S::Markdown(x), S::Markdown(y)) => text(x, y),
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

/// Sorts `list`, indexes of records of `collection` in id order, by their sort `value`s in a
/// language whose strings `compare_text` compares; ties keep id order.
pub(super) fn sort_indexes<'a>(
    collection: &Collection,
    value: impl Fn(usize) -> &'a SortValue,
    compare_text: &dyn Fn(&str, &str) -> Ordering,
    list: &mut [usize],
) {
    match collection.sort.key {
        // A reversed `Equal` is still `Equal`: records sorted by id are in ascending order.
        SortKey::Id => list.sort_unstable(),
        _ => sort_by_value(
            list,
            value,
            |a, b| a.compare(b, compare_text),
            collection.sort.descending,
        ),
    }
}

/// Sorts `list` by each index's `value`, then by index. Indexes differ, so no two entries
/// compare equal and an unstable sort gives the one order there is.
fn sort_by_value<V>(
    list: &mut [usize],
    value: impl Fn(usize) -> V,
    compare: impl Fn(&V, &V) -> Ordering,
    descending: bool,
) {
    let mut keyed: Vec<(V, usize)> = list.iter().map(|&i| (value(i), i)).collect();
    keyed.sort_unstable_by(|a, b| {
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
            SortValue::of_field(a).compare(&SortValue::of_field(b), &bytes)
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
            html: "".into(),
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

//! The fingerprint of tera values, which record views and pages are compared by (split from
//! `memo.rs`, so that the values' readers need not know the memo that keeps them).

use std::hash::{Hash, Hasher};

use tera::Value;

/// Feeds a tera value into a hasher: kind, content and whether it is marked safe.
pub fn hash_value(value: &Value, h: &mut impl Hasher) {
    value.is_safe().hash(h);
    if let Some(map) = value.as_map() {
        1u8.hash(h);
        map.len().hash(h);
        for (k, v) in map {
            k.as_str().hash(h);
            hash_value(v, h);
        }
    } else if let Some(items) = value.as_array() {
        2u8.hash(h);
        items.len().hash(h);
        items.iter().for_each(|v| hash_value(v, h));
    } else if let Some(s) = value.as_str() {
        3u8.hash(h);
        s.hash(h);
    } else if let Some(b) = value.as_bool() {
        4u8.hash(h);
        b.hash(h);
    } else if let Some(i) = value.as_i128() {
        5u8.hash(h);
        i.hash(h);
    } else if let Some(f) = value.as_f64() {
        6u8.hash(h);
        f.to_bits().hash(h);
    } else {
        7u8.hash(h);
        value.is_none().hash(h);
    }
}

/// The hash of one tera value (see [`hash_value`]).
pub fn value_hash(value: &Value) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    hash_value(value, &mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_hashes_differ_by_content_and_safety() {
        let hash = |v: &Value| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            hash_value(v, &mut h);
            h.finish()
        };
        assert_ne!(hash(&Value::from("a")), hash(&Value::from("b")));
        assert_ne!(hash(&Value::from("a")), hash(&Value::safe_string("a")));
        assert_eq!(
            hash(&Value::from(vec![1, 2])),
            hash(&Value::from(vec![1, 2]))
        );
        assert_ne!(hash(&Value::from(1)), hash(&Value::from(1.0)));
    }
}

use std::collections::HashMap;

use super::*;

/// Inputs by name, as a build would read them.
struct Files(HashMap<&'static str, &'static str>);

impl Current<&'static str> for Files {
    fn answer(&self, read: &&'static str) -> Fingerprint {
        self.0.get(read).map(fingerprint)
    }
}

impl Files {
    /// Reads `name`, noting the read.
    fn read(&self, name: &'static str, reads: &mut Reads<&'static str>) -> Option<&'static str> {
        let value = self.0.get(name).copied();
        reads.note(name, value.map(fingerprint));
        value
    }
}

/// A derived value: the length of file `a` plus that of the file `a` names.
fn derived(files: &Files, reads: &mut Reads<&'static str>, runs: &mut usize) -> Option<usize> {
    *runs += 1;
    let a = files.read("a", reads)?;
    let other = files.read(if a.starts_with('b') { "b" } else { "c" }, reads);
    Some(a.len() + other.map_or(0, str::len))
}

fn build(memo: &mut Memo<u8, &'static str, usize>, files: &Files, runs: &mut usize) -> usize {
    let outcome = memo
        .get_or_compute(&0, files, |r| derived(files, r, runs), fingerprint)
        .expect("a value");
    let value = *outcome.value();
    if let Outcome::Computed(entry) = outcome {
        memo.store(0, entry);
    }
    value
}

#[test]
fn a_value_is_reused_until_something_it_read_changes() {
    let mut memo = Memo::new();
    let mut runs = 0;
    let mut files = Files(HashMap::from([("a", "bee"), ("b", "xx"), ("c", "yyyy")]));
    assert_eq!(build(&mut memo, &files, &mut runs), 5);
    assert_eq!(build(&mut memo, &files, &mut runs), 5);
    assert_eq!(runs, 1);
    // `c` was not read (the value took the `b` branch): changing it changes nothing.
    files.0.insert("c", "zzzzzz");
    assert_eq!(build(&mut memo, &files, &mut runs), 5);
    assert_eq!(runs, 1);
    files.0.insert("b", "xxx");
    assert_eq!(build(&mut memo, &files, &mut runs), 6);
    assert_eq!(runs, 2);
    // Now `a` no longer names `b`: the reads are those of the last computation.
    files.0.insert("a", "cat");
    assert_eq!(build(&mut memo, &files, &mut runs), 9);
    files.0.insert("b", "x");
    assert_eq!(build(&mut memo, &files, &mut runs), 9);
    assert_eq!(runs, 3);
}

#[test]
fn a_read_of_something_absent_holds_until_it_appears() {
    let mut memo = Memo::new();
    let mut runs = 0;
    let mut files = Files(HashMap::from([("a", "cow")]));
    assert_eq!(build(&mut memo, &files, &mut runs), 3);
    assert_eq!(build(&mut memo, &files, &mut runs), 3);
    files.0.insert("c", "y");
    assert_eq!(build(&mut memo, &files, &mut runs), 4);
    assert_eq!(runs, 2);
}

#[test]
fn a_dependent_of_an_equal_recomputed_value_stays_valid() {
    // Early cutoff: the dependent recorded the fingerprint of the value it read, not of the
    // inputs that value was made of.
    let mut inner = Memo::new();
    let mut runs = 0;
    let mut files = Files(HashMap::from([("a", "bee"), ("b", "xx")]));
    let first = build(&mut inner, &files, &mut runs);
    let dependent = Entry {
        value: first * 2,
        fingerprint: fingerprint(&(first * 2)),
        reads: Reads {
            reads: vec![("inner", Some(fingerprint(&first)))],
        },
    };
    files.0.insert("b", "yy");
    let second = build(&mut inner, &files, &mut runs);
    assert_eq!(runs, 2);
    struct Inner(usize);
    impl Current<&'static str> for Inner {
        fn answer(&self, _: &&'static str) -> Fingerprint {
            Some(fingerprint(&self.0))
        }
    }
    assert!(dependent.holds(&Inner(second)));
    assert!(!dependent.holds(&Inner(second + 1)));
}

#[test]
fn retain_forgets_values_of_queries_that_are_gone() {
    let mut memo: Memo<u8, &'static str, usize> = Memo::new();
    for q in 0..3 {
        memo.store(
            q,
            Entry {
                value: 0,
                fingerprint: 0,
                reads: Reads::new(),
            },
        );
    }
    memo.retain(|q| *q != 1);
    assert_eq!(memo.len(), 2);
    assert!(memo.reuse(&1, &Files(HashMap::new())).is_none());
    assert!(memo.reuse(&2, &Files(HashMap::new())).is_some());
}

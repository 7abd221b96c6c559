use super::*;
use crate::yaml::comments::comment_cuts;

/// What `explain` says for `yaml` when the parser failed at `line`:`col` with `message`.
fn at(yaml: &str, line: usize, col: usize, message: &str) -> Slip {
    explain(yaml, line, col, message, None)
}

#[test]
fn an_unclosed_quote_is_shown_at_its_opening_quote() {
    let yaml = "date: 2014-06-14\ntown: \"rezekne\nvenue: \"GORS\"\n";
    let s = at(
        yaml,
        3,
        11,
        "invalid trailing content after double-quoted scalar",
    );
    assert_eq!((s.line, s.col), (2, 7));
    assert!(s.message.contains("never closed"), "{}", s.message);
    assert_eq!(
        s.help.unwrap(),
        "end the value with a double quote: `town: \"rezekne\"`"
    );
}

#[test]
fn quotes_inside_quotes_suggest_the_other_quotes() {
    let yaml = "title: \"Biedrība \"Kopā\" sapulce\"\n";
    let s = at(
        yaml,
        1,
        19,
        "invalid trailing content after double-quoted scalar",
    );
    assert_eq!((s.line, s.col), (1, 18));
    assert!(s.message.starts_with("the title has quotes inside quotes"));
    assert!(
        s.help
            .unwrap()
            .contains("`title: 'Biedrība \"Kopā\" sapulce'`")
    );
    let single = at(
        "town: 'a'b'\n",
        1,
        10,
        "invalid trailing content after single-quoted scalar",
    );
    assert!(single.help.unwrap().contains("`town: \"a'b\"`"));
}

#[test]
fn a_tab_is_found_on_the_line_after_the_reported_one() {
    let yaml = "date: 2014-06-14\ntown: rezekne\nparticipants: 100\n\tkind: x\n";
    let s = at(yaml, 3, 15, "while scanning a plain scalar, found a tab");
    assert_eq!((s.line, s.col), (4, 1));
    assert!(s.message.contains("indented with a tab"));
    assert!(s.help.unwrap().contains("before `kind`"));
}

#[test]
fn a_tab_far_above_an_unrelated_failure_is_not_blamed() {
    let yaml = "note: |\n  a\tb\n  \tindented text\nx: 1\ny: 2\nz: [a\n";
    let s = at(yaml, 6, 4, "unclosed bracket '['");
    assert_eq!(s.line, 6, "{s:?}");
}

#[test]
fn a_duplicate_key_names_both_lines() {
    let yaml = "date: 2014-06-14\ntown: rezekne\ndate: 2014-06-15\n";
    let s = explain(yaml, 3, 1, "duplicate mapping key", Some("date"));
    assert_eq!((s.line, s.col, s.len), (3, 1, 4));
    assert_eq!(s.message, "`date` is written twice: on line 1 and here");
    let help = s.help.unwrap();
    assert!(
        help.contains("line 1: `date: 2014-06-14`") && help.contains("line 3: `date: 2014-06-15`")
    );
}

#[test]
fn a_duplicate_key_is_looked_for_in_its_own_mapping_only() {
    let yaml = "a:\n  x: 1\nb:\n  y: 1\n  x: 2\n  x: 3\n";
    let s = explain(yaml, 6, 3, "duplicate mapping key", Some("x"));
    assert_eq!(s.message, "`x` is written twice: on line 5 and here");
    let s = explain("a:\n  x: 1\nb:\n  x: 2\n", 4, 3, "", Some("x"));
    assert_eq!(s.message, "`x` is written twice");
}

#[test]
fn a_colon_inside_a_value_suggests_quotes() {
    let s = at(
        "title: Sapulce: rīt\n",
        1,
        15,
        "mapping values are not allowed in this context",
    );
    assert_eq!((s.line, s.col), (1, 15));
    assert!(s.message.contains("contains `: `"));
    assert_eq!(
        s.help.unwrap(),
        "put the value in quotes: `title: \"Sapulce: rīt\"`"
    );
}

#[test]
fn a_missing_space_after_the_colon_is_shown_at_the_colon() {
    let yaml = "date:2014-06-14\ntown: rezekne\n";
    let s = at(yaml, 2, 5, "mapping values are not allowed in this context");
    assert_eq!((s.line, s.col), (1, 5));
    assert_eq!(s.message, "there is no space after `date:`");
    assert_eq!(
        s.help.unwrap(),
        "write a space after the colon: `date: 2014-06-14`"
    );
    assert!(text_instead_of_fields("date:2014-06-14\n").is_some());
    assert!(text_instead_of_fields("https://example.org\n").is_none());
    assert!(text_instead_of_fields("just words\n").is_none());
}

#[test]
fn a_list_item_without_a_dash_is_named() {
    let yaml = "tags:\n  - a\n  - b\n  c\n";
    let s = at(yaml, 4, 3, "simple key expected ':'");
    assert_eq!((s.line, s.col), (4, 3));
    assert!(s.message.contains("does not start with `- `"));
    assert_eq!(
        s.help.unwrap(),
        "start it with `- ` like the items above: `- c`"
    );
}

#[test]
fn an_unclosed_bracket_is_shown_where_it_opens() {
    let yaml = "date: 2014-06-14\ntown: [rezekne\nparticipants: 100\n";
    let s = at(yaml, 3, 13, "illegal placement of ':' indicator");
    assert_eq!((s.line, s.col), (2, 7));
    assert!(s.help.unwrap().contains("`town: [rezekne]`"));
}

#[test]
fn an_over_indented_field_is_named() {
    let s = at(
        "town: x\n  date: 2014-06-14\n",
        2,
        7,
        "mapping values are not allowed in this context",
    );
    assert_eq!(s.line, 2);
    assert!(s.message.contains("indented more"));
}

#[test]
fn an_overlong_field_name_is_named() {
    let yaml = format!("a: 1\n{}: v\n", "k".repeat(2000));
    let s = at(&yaml, 2, 1, "simple key expected ':'");
    assert_eq!(s.line, 2);
    assert!(s.message.contains("2000 characters long"), "{}", s.message);
}

#[test]
fn other_failures_are_reworded_without_parser_words() {
    let s = at(
        "a: b\n",
        1,
        1,
        "while parsing a block mapping, did not find expected key",
    );
    assert_eq!((s.line, s.col), (1, 1));
    for word in ["scalar", "mapping", "parsing", "token", "indicator"] {
        assert!(!s.message.contains(word), "{}", s.message);
    }
    assert!(s.help.is_some());
}

#[test]
fn positions_beyond_the_text_do_not_panic() {
    let s = at("", 7, 3, "unexpected eof");
    assert_eq!(s.line, 1);
    let s = at("a: \"x", 0, 0, "unclosed quote");
    assert_eq!(s.line, 1);
}

#[test]
fn a_value_cut_at_a_hash_is_a_warning_with_the_quoted_line() {
    let yaml = "title: Preses relīze #2 par noslēgumu\nvenue: GORS  # the hall\n";
    let cuts = comment_cuts(yaml);
    assert_eq!(cuts.len(), 1, "{cuts:?}");
    let c = &cuts[0];
    assert_eq!((c.line, c.col), (1, 22));
    assert!(c.message.ends_with("so the title is only `Preses relīze`"));
    assert_eq!(
        c.help.as_deref(),
        Some("put the title in quotes: `title: \"Preses relīze #2 par noslēgumu\"`")
    );
}

#[test]
fn quoted_block_and_empty_hash_values() {
    let yaml = "a: \"x #1\"\nb: |\n  text #1\nc: #1 nothing\n- item #2\nd: \"long\n  text #3\"\ne: 'x\n  #4 y'\nf:   # a comment\n  - x\ng:\t# tab\n";
    let cuts = comment_cuts(yaml);
    let lines: Vec<usize> = cuts.iter().map(|c| c.line).collect();
    assert_eq!(lines, vec![4, 5]);
    assert!(cuts[0].message.ends_with("is empty"));
}

#[test]
fn long_values_are_cut_in_messages() {
    let long = "x".repeat(10_000);
    let yaml = format!("title: {long} #2\n");
    let cuts = comment_cuts(&yaml);
    assert!(cuts[0].message.chars().count() < 200);
    assert!(cuts[0].help.as_ref().unwrap().chars().count() < 200);
    let s = at(
        &format!("title: a: {long}\n"),
        1,
        9,
        "mapping values are not allowed in this context",
    );
    assert!(s.help.unwrap().chars().count() < 200);
}

/// Every text made of up to three tricky fragments: explaining any failure position and
/// looking for cut comments never panics, and what is explained stays inside the text.
#[test]
fn odd_inputs_never_panic() {
    const FRAGMENTS: &[&str] = &[
        "a", ": ", ":", "\"", "'", "\t", "- ", "#", " #", "[", "{", "\n", "  ", "ē", "|", "\r\n",
        "ā:", "\\",
    ];
    let mut texts = vec![String::new()];
    for _ in 0..3 {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| FRAGMENTS.iter().map(move |f| format!("{t}{f}")))
            .collect();
        texts.extend(longer);
    }
    for text in &texts {
        let lines = text.lines().count().max(1);
        for line in 0..=lines + 1 {
            for dup in [None, Some("a")] {
                let s = explain(text, line, 2, "simple key expected ':'", dup);
                assert!(s.line >= 1 && s.line <= lines + 1, "{text:?}: {s:?}");
            }
        }
        for c in comment_cuts(text) {
            assert!(c.line >= 1 && c.line <= lines, "{text:?}: {c:?}");
        }
    }
}

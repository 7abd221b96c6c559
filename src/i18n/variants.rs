//! Inspecting message syntax: which plural categories a message's plural selects cover, for
//! the translation report ("a Russian message without `few`").

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};

const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// For every select expression in `pattern` whose variant keys are plural categories, the
/// categories of `wanted` it lacks (a select that lists none of them is not a plural select).
pub(crate) fn missing_plural_variants(
    pattern: &Pattern<&str>,
    wanted: &[&'static str],
) -> Vec<&'static str> {
    let mut missing = Vec::new();
    visit(pattern, &mut |keys: &[String]| {
        if keys.iter().any(|k| CATEGORIES.contains(&k.as_str())) {
            for category in wanted {
                if !keys.iter().any(|k| k == category) && !missing.contains(category) {
                    missing.push(*category);
                }
            }
        }
    });
    missing
}

fn visit(pattern: &Pattern<&str>, on_select: &mut dyn FnMut(&[String])) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            visit_expression(expression, on_select);
        }
    }
}

fn visit_expression(expression: &Expression<&str>, on_select: &mut dyn FnMut(&[String])) {
    match expression {
        Expression::Select { variants, .. } => {
            let keys: Vec<String> = variants
                .iter()
                .map(|v| match &v.key {
                    VariantKey::Identifier { name } => name.to_string(),
                    VariantKey::NumberLiteral { value } => value.to_string(),
                })
                .collect();
            on_select(&keys);
            for variant in variants {
                visit(&variant.value, on_select);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            visit_expression(expression, on_select)
        }
        Expression::Inline(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::{Entry, Resource};

    fn first_pattern(resource: &Resource<&'static str>) -> Pattern<&'static str> {
        match &resource.body[0] {
            Entry::Message(m) => m.value.clone().unwrap(),
            _ => panic!(),
        }
    }

    #[test]
    fn finds_missing_categories_of_plural_selects_only() {
        let ru = ["one", "few", "many", "other"];
        let r = fluent_syntax::parser::parse("m = { $n ->\n [one] a\n *[other] b\n}\n").unwrap();
        assert_eq!(
            missing_plural_variants(&first_pattern(&r), &ru),
            ["few", "many"]
        );
        let r = fluent_syntax::parser::parse("m = { $g ->\n [male] a\n *[female] b\n}\n").unwrap();
        assert!(missing_plural_variants(&first_pattern(&r), &ru).is_empty());
        let r = fluent_syntax::parser::parse("m = plain\n").unwrap();
        assert!(missing_plural_variants(&first_pattern(&r), &ru).is_empty());
    }
}

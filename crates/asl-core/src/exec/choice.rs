//! Choice rules (JSONPath): which rule matches, with AWS's comparison rules. A type mismatch is
//! false, never an error; a missing Variable is an error for every operator but IsPresent.

use super::error::StatesError;
use crate::model::{CompiledPath, Condition, Operand};
use crate::path::Roots;
use crate::timestamp::parse_rfc3339;
use serde_json::Value;
use std::cmp::Ordering;

/// Whether `condition` holds for the data `roots` reads.
pub fn holds(condition: &Condition, roots: Roots<'_>) -> Result<bool, StatesError> {
    Ok(match condition {
        Condition::And(rules) => {
            for rule in rules {
                if !holds(rule, roots)? {
                    return Ok(false);
                }
            }
            true
        }
        Condition::Or(rules) => {
            for rule in rules {
                if holds(rule, roots)? {
                    return Ok(true);
                }
            }
            false
        }
        Condition::Not(rule) => !holds(rule, roots)?,
        Condition::Compare {
            variable,
            operator,
            operand,
        } => compare(variable, operator, operand, roots)?,
        // JSONata conditions are evaluated by the JSONata engine (`jsonata_step::choice`).
        Condition::Jsonata(_) => false,
    })
}

fn read(path: &CompiledPath, roots: Roots<'_>) -> Result<Value, StatesError> {
    path.path.eval(roots).map_err(|_| {
        StatesError::runtime(format!(
            "Invalid path '{}': The choice state's condition path references an invalid value.",
            path.text
        ))
    })
}

fn compare(
    variable: &CompiledPath,
    operator: &str,
    operand: &Operand,
    roots: Roots<'_>,
) -> Result<bool, StatesError> {
    if operator == "IsPresent" {
        let present = variable.path.eval(roots).is_ok();
        return Ok(Some(present) == operand_bool(operand));
    }
    let value = read(variable, roots)?;
    let expected = match operand {
        Operand::Value(v) => v.clone(),
        Operand::Path(path) => read(path, roots)?,
    };
    let base = operator.strip_suffix("Path").unwrap_or(operator);
    Ok(match base {
        "IsNull" => Some(value.is_null()) == expected.as_bool(),
        "IsNumeric" => Some(value.is_number()) == expected.as_bool(),
        "IsString" => Some(value.is_string()) == expected.as_bool(),
        "IsBoolean" => Some(value.is_boolean()) == expected.as_bool(),
        "IsTimestamp" => {
            Some(value.as_str().and_then(parse_rfc3339).is_some()) == expected.as_bool()
        }
        "BooleanEquals" => value.is_boolean() && value == expected,
        "StringMatches" => match (value.as_str(), expected.as_str()) {
            (Some(text), Some(pattern)) => string_matches(text, pattern)?,
            _ => false,
        },
        _ => {
            let order = if let Some(op) = base.strip_prefix("String") {
                match (value.as_str(), expected.as_str()) {
                    (Some(a), Some(b)) => Some((op, a.encode_utf16().cmp(b.encode_utf16()))),
                    _ => None,
                }
            } else if let Some(op) = base.strip_prefix("Numeric") {
                match (
                    value.as_f64().filter(|_| value.is_number()),
                    expected.as_f64(),
                ) {
                    (Some(a), Some(b)) => a.partial_cmp(&b).map(|o| (op, o)),
                    _ => None,
                }
            } else if let Some(op) = base.strip_prefix("Timestamp") {
                match (
                    value.as_str().and_then(parse_rfc3339),
                    expected.as_str().and_then(parse_rfc3339),
                ) {
                    (Some(a), Some(b)) => Some((op, a.cmp(&b))),
                    _ => None,
                }
            } else {
                None
            };
            order.is_some_and(|(op, ordering)| matches_order(op, ordering))
        }
    })
}

fn operand_bool(operand: &Operand) -> Option<bool> {
    match operand {
        Operand::Value(v) => v.as_bool(),
        Operand::Path(_) => None,
    }
}

fn matches_order(op: &str, ordering: Ordering) -> bool {
    match op {
        "Equals" => ordering.is_eq(),
        "LessThan" => ordering.is_lt(),
        "GreaterThan" => ordering.is_gt(),
        "LessThanEquals" => ordering.is_le(),
        "GreaterThanEquals" => ordering.is_ge(),
        _ => false,
    }
}

/// `StringMatches`: `*` matches any run of characters; `\*` is a literal star and `\\` a
/// literal backslash; any other backslash is an error.
fn string_matches(text: &str, pattern: &str) -> Result<bool, StatesError> {
    enum Token {
        Char(char),
        Star,
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => tokens.push(Token::Star),
            '\\' => match chars.next() {
                Some(c @ ('*' | '\\')) => tokens.push(Token::Char(c)),
                _ => {
                    return Err(StatesError::runtime(format!(
                        "The StringMatches pattern '{pattern}' has an escape character that escapes nothing"
                    )));
                }
            },
            c => tokens.push(Token::Char(c)),
        }
    }
    // Greedy matching with backtracking to the last star.
    let text: Vec<char> = text.chars().collect();
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Char(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(Token::Star) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return Ok(false),
            },
        }
    }
    Ok(tokens[p..].iter().all(|t| matches!(t, Token::Star)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_matches_stars_and_escapes() {
        for (text, pattern, expected) in [
            ("foo23.log", "foo*.log", true),
            ("zebra.log", "*.log", true),
            ("foobar.zebra", "foo*.*", true),
            ("foo.txt", "foo*.log", false),
            ("a*b", "a\\*b", true),
            ("axb", "a\\*b", false),
            ("a\\b", "a\\\\b", true),
            ("", "*", true),
            ("abc", "", false),
        ] {
            assert_eq!(
                string_matches(text, pattern).unwrap(),
                expected,
                "{text} ~ {pattern}"
            );
        }
        assert!(string_matches("a", "\\a").is_err());
    }
}

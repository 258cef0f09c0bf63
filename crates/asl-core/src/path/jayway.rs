//! Where AWS (Jayway JsonPath) differs from RFC 9535: filter semantics, comparisons, the merge of
//! `['a','b']`, and path functions such as `.length()`.

use super::eval::{PathFailure, Roots};
use super::{CompareOp, FilterExpr, Function, Operand, Root};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Apply `[?(expr)]` to `node`. Jayway difference: on an array the filter tests each element (as
/// RFC 9535 does), but on an object it tests the object itself, not each member.
pub(super) fn filter<'v>(
    expr: &FilterExpr,
    node: &'v Value,
    roots: Roots<'v>,
    out: &mut Vec<Cow<'v, Value>>,
) {
    match node {
        Value::Array(items) => {
            out.extend(
                items
                    .iter()
                    .filter(|item| test(expr, item, roots))
                    .map(Cow::Borrowed),
            );
        }
        Value::Object(_) if test(expr, node, roots) => {
            out.push(Cow::Borrowed(node));
        }
        _ => {}
    }
}

fn test<'v>(expr: &'v FilterExpr, current: &'v Value, roots: Roots<'v>) -> bool {
    match expr {
        FilterExpr::Or(a, b) => test(a, current, roots) || test(b, current, roots),
        FilterExpr::And(a, b) => test(a, current, roots) && test(b, current, roots),
        FilterExpr::Not(a) => !test(a, current, roots),
        FilterExpr::Exists(Operand::Literal(value)) => value == &Value::Bool(true),
        // A path exists when it matches something (an indefinite one: at least one node).
        FilterExpr::Exists(Operand::Path(path)) if !path.is_definite() => {
            resolve(&Operand::Path(path.clone()), current, roots)
                .is_some_and(|v| v.as_array().is_some_and(|a| !a.is_empty()))
        }
        FilterExpr::Exists(operand) => resolve(operand, current, roots).is_some(),
        FilterExpr::Compare { left, op, right } => {
            let left = resolve(left, current, roots);
            if let (CompareOp::Matches, Operand::Regex(pattern)) = (op, right) {
                return left
                    .as_deref()
                    .and_then(Value::as_str)
                    .is_some_and(|s| pattern.matches(s));
            }
            compare(
                left.as_deref(),
                *op,
                resolve(right, current, roots).as_deref(),
            )
        }
    }
}

/// The value of an operand; `None` when a path matches nothing.
fn resolve<'v>(
    operand: &'v Operand,
    current: &'v Value,
    roots: Roots<'v>,
) -> Option<Cow<'v, Value>> {
    match operand {
        Operand::Literal(value) => Some(Cow::Borrowed(value)),
        Operand::Regex(_) => None,
        Operand::Path(path) => {
            let data = if path.root == Root::Current {
                current
            } else {
                roots.data
            };
            let roots = Roots { data, ..roots };
            if path.is_definite() {
                path.select(roots).ok()
            } else {
                let root = if path.root == Root::Context {
                    roots.context
                } else {
                    data
                };
                let nodes = path.nodes(root, roots).ok()?;
                Some(Cow::Owned(Value::Array(
                    nodes.into_iter().map(Cow::into_owned).collect(),
                )))
            }
        }
    }
}

fn compare(left: Option<&Value>, op: CompareOp, right: Option<&Value>) -> bool {
    let (Some(l), Some(r)) = (left, right) else {
        // A missing side is unequal to everything, and in no order or set.
        return op == CompareOp::Ne;
    };
    match op {
        CompareOp::Eq => loose_eq(l, r),
        CompareOp::Ne => !loose_eq(l, r),
        CompareOp::Lt => order(l, r).is_some_and(|o| o.is_lt()),
        CompareOp::Le => order(l, r).is_some_and(|o| o.is_le()),
        CompareOp::Gt => order(l, r).is_some_and(|o| o.is_gt()),
        CompareOp::Ge => order(l, r).is_some_and(|o| o.is_ge()),
        CompareOp::Matches => false,
        CompareOp::In => r
            .as_array()
            .is_some_and(|items| items.iter().any(|i| loose_eq(l, i))),
        CompareOp::NotIn => r
            .as_array()
            .is_some_and(|items| !items.iter().any(|i| loose_eq(l, i))),
        CompareOp::SubsetOf => {
            sets(l, r).is_some_and(|(l, r)| l.iter().all(|x| r.iter().any(|y| loose_eq(x, y))))
        }
        CompareOp::AnyOf => {
            sets(l, r).is_some_and(|(l, r)| l.iter().any(|x| r.iter().any(|y| loose_eq(x, y))))
        }
        CompareOp::NoneOf => {
            sets(l, r).is_some_and(|(l, r)| !l.iter().any(|x| r.iter().any(|y| loose_eq(x, y))))
        }
        CompareOp::Size => match (l, r.as_f64()) {
            (Value::Array(a), Some(n)) => a.len() as f64 == n,
            (Value::String(s), Some(n)) => s.chars().count() as f64 == n,
            _ => false,
        },
        CompareOp::Empty => {
            let empty = match l {
                Value::Array(a) => Some(a.is_empty()),
                Value::String(s) => Some(s.is_empty()),
                Value::Object(o) => Some(o.is_empty()),
                _ => None,
            };
            empty.is_some_and(|e| Some(e) == r.as_bool())
        }
        CompareOp::Contains => match (l, r) {
            (Value::String(s), Value::String(part)) => s.contains(part.as_str()),
            (Value::Array(items), value) => items.iter().any(|i| loose_eq(i, value)),
            _ => false,
        },
    }
}

fn sets<'a>(l: &'a Value, r: &'a Value) -> Option<(&'a Vec<Value>, &'a Vec<Value>)> {
    Some((l.as_array()?, r.as_array()?))
}

/// Jayway's equality: a number equals a string holding the same number (`42 == "42"`); other
/// values compare by type and value, numbers by value (`1 == 1.0`).
pub(super) fn loose_eq(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n)) => s
            .trim()
            .parse::<f64>()
            .ok()
            .is_some_and(|v| Some(v) == n.as_f64()),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| loose_eq(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| loose_eq(v, w)))
        }
        _ => l == r,
    }
}

/// Numbers by value, strings by code point; other pairs are not ordered.
fn order(l: &Value, r: &Value) -> Option<std::cmp::Ordering> {
    match (l, r) {
        (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?),
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// `['a','b']` at the end of a path: Jayway merges the named members into one object (members
/// that are missing are left out).
pub(super) fn merge(value: &Value, names: &[Box<str>]) -> Value {
    let mut out = Map::new();
    if let Some(object) = value.as_object() {
        for name in names {
            if let Some(v) = object.get(&**name) {
                out.insert(name.to_string(), v.clone());
            }
        }
    }
    Value::Object(out)
}

/// A Jayway path function, applied to what the path selected (a value, or the array of matches
/// of an indefinite path).
pub(super) fn function(
    function: &Function,
    value: &Value,
    roots: Roots<'_>,
) -> Result<Value, PathFailure> {
    let name = &*function.name;
    let numbers = || -> Result<Vec<f64>, PathFailure> {
        let items = value
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect::<Vec<_>>())
            .unwrap_or_default();
        if items.is_empty() {
            return Err(PathFailure::Function(
                "Aggregation function attempted to calculate value using empty array".into(),
            ));
        }
        Ok(items)
    };
    let number = |n: f64| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number);
    let args = || arguments(&function.args, roots);
    Ok(match name {
        "length" | "size" => match value {
            Value::Array(a) => Value::from(a.len()),
            Value::Object(o) => Value::from(o.len()),
            Value::String(s) => Value::from(s.chars().count()),
            _ => {
                return Err(PathFailure::Function(format!(
                    "Invalid property for length(): {value}"
                )));
            }
        },
        "min" => number(numbers()?.into_iter().fold(f64::INFINITY, f64::min)),
        "max" => number(numbers()?.into_iter().fold(f64::NEG_INFINITY, f64::max)),
        "sum" => number(numbers()?.into_iter().sum()),
        "avg" => {
            let n = numbers()?;
            number(n.iter().sum::<f64>() / n.len() as f64)
        }
        "stddev" => {
            let n = numbers()?;
            let mean = n.iter().sum::<f64>() / n.len() as f64;
            number((n.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n.len() as f64).sqrt())
        }
        "keys" => match value {
            Value::Object(o) => Value::Array(o.keys().map(|k| Value::String(k.clone())).collect()),
            _ => {
                return Err(PathFailure::Function(
                    "keys() can only be applied to an object".into(),
                ));
            }
        },
        "first" => value
            .as_array()
            .and_then(|a| a.first())
            .cloned()
            .unwrap_or(Value::Null),
        "last" => value
            .as_array()
            .and_then(|a| a.last())
            .cloned()
            .unwrap_or(Value::Null),
        "index" => {
            let i = args().first().and_then(Value::as_i64).unwrap_or(0);
            value
                .as_array()
                .and_then(|a| super::eval::element(a, i))
                .cloned()
                .unwrap_or(Value::Null)
        }
        "append" => {
            let mut items = value
                .as_array()
                .cloned()
                .unwrap_or_else(|| vec![value.clone()]);
            items.extend(args());
            Value::Array(items)
        }
        "concat" => {
            let text = |v: &Value| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let mut out: String = match value {
                Value::Array(a) => a.iter().map(text).collect(),
                other => text(other),
            };
            out.extend(args().iter().map(text));
            Value::String(out)
        }
        _ => {
            return Err(PathFailure::Function(format!(
                "Function with name: {name} does not exist."
            )));
        }
    })
}

/// The arguments of a path function: JSON literals (strings may be single-quoted) or paths.
fn arguments(text: &str, roots: Roots<'_>) -> Vec<Value> {
    split_arguments(text)
        .into_iter()
        .filter_map(|arg| {
            let arg = arg.trim();
            if arg.starts_with('$') {
                super::parse(arg).ok()?.eval(roots).ok()
            } else if let Some(inner) = arg.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')) {
                Some(Value::String(inner.to_string()))
            } else {
                serde_json::from_str(arg).ok()
            }
        })
        .collect()
}

fn split_arguments(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[' | '(' | '{') => depth += 1,
            (None, ']' | ')' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !text[start..].trim().is_empty() {
        parts.push(&text[start..]);
    }
    parts
}

//! Reading the corpus files and undoing the recorder's masking.

use serde_json::Value;
use std::path::Path;

/// Every line of a JSON Lines file.
pub(crate) fn read_jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// Mask our output the way the recorder masked AWS's, so the two compare.
pub(crate) fn mask(text: &str) -> String {
    text.replace("arn:aws:", "arn:<partition>:")
        .replace("us-east-1", "<region>")
}

/// Put concrete values where the recorder left fixture placeholders in a definition.
pub(crate) fn unmask_definition(text: &str) -> String {
    text.replace(
        "<auto:fixture:create_activity().activityArn>",
        "arn:aws:states:us-east-1:111111111111:activity:activity_fixture",
    )
}

/// True when our value matches AWS's recorded one: strings equal after masking ours, or equal to
/// a pattern where the recorder left placeholders (`<resource:1>`, `date`…); numbers by value;
/// a recorded string holding JSON against our value (or our JSON string) by the JSON it holds.
pub(crate) fn matches(ours: &Value, expected: &Value) -> bool {
    match (ours, expected) {
        (Value::String(o), Value::String(e)) => {
            if o == e || mask(o) == *e || placeholder_match(&mask(o), e) {
                return true;
            }
            // Payloads are JSON strings in both; compare what they hold.
            match (
                serde_json::from_str::<Value>(o),
                serde_json::from_str::<Value>(e),
            ) {
                (Ok(a), Ok(b)) if !a.is_string() || !b.is_string() => matches(&a, &b),
                _ => false,
            }
        }
        (Value::String(o), e) => serde_json::from_str::<Value>(o).is_ok_and(|a| matches(&a, e)),
        (o, Value::String(e)) => {
            serde_json::from_str::<Value>(e).is_ok_and(|b| !b.is_string() && matches(o, &b))
        }
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| matches(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| matches(v, w)))
        }
        _ => ours == expected,
    }
}

/// A recorded string with placeholders: `<…>` stands for any non-empty text, and the whole
/// strings `date`, `start-date`, `start-time` and `timestamp` for any timestamp.
fn placeholder_match(ours: &str, expected: &str) -> bool {
    if matches!(expected, "date" | "start-date" | "start-time" | "timestamp") {
        return ours.len() >= 10 && ours.as_bytes()[4] == b'-';
    }
    if !expected.contains('<') {
        return false;
    }
    // Split the pattern into literal pieces around the placeholders, and find them in order.
    let mut pieces = Vec::new();
    let mut rest = expected;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        pieces.push(&rest[..start]);
        rest = &rest[start + end + 1..];
    }
    pieces.push(rest);
    let mut at = 0;
    for (i, piece) in pieces.iter().enumerate() {
        if i == 0 {
            if !ours.starts_with(piece) {
                return false;
            }
            at = piece.len();
        } else if i == pieces.len() - 1 {
            return ours.len() > at + piece.len() && ours.ends_with(piece);
        } else {
            match ours[at..].find(piece) {
                Some(found) if found > 0 => at += found + piece.len(),
                _ => return false,
            }
        }
    }
    true
}

/// Apply a case's `snapshot_transformers` to our value, as the recorder applied them to AWS's:
/// regular expressions (also taken literally, since some were written for the value they
/// replaced) over the JSON text, and JSONPath replacements by the key they end with.
pub(crate) fn transform(value: &Value, transformers: &Value) -> Value {
    let Some(transformers) = transformers.as_array() else {
        return value.clone();
    };
    let mut text = value.to_string();
    for t in transformers
        .iter()
        .filter(|t| t["class"] == "RegexTransformer")
    {
        let (Some(pattern), Some(replacement)) = (t["regex"].as_str(), t["replacement"].as_str())
        else {
            continue;
        };
        let escaped = Value::String(replacement.to_string()).to_string();
        let replacement = &escaped[1..escaped.len() - 1];
        text = text.replace(pattern, replacement);
        if let Ok(regex) = regex_lite::Regex::new(pattern) {
            text = regex
                .replace_all(&text, regex_lite::NoExpand(replacement))
                .into_owned();
        }
    }
    let mut value: Value = serde_json::from_str(&text).unwrap_or_else(|_| value.clone());
    for t in transformers
        .iter()
        .filter(|t| t["class"] == "JsonpathTransformer")
    {
        let (Some(path), Some(replacement)) = (t["jsonpath"].as_str(), t["replacement"].as_str())
        else {
            continue;
        };
        if let Some(key) = path.rsplit('.').next().filter(|k| !k.is_empty()) {
            replace_key(&mut value, key, replacement);
        }
    }
    value
}

fn replace_key(value: &mut Value, key: &str, replacement: &str) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == key {
                    *v = Value::String(replacement.to_string());
                } else {
                    replace_key(v, key, replacement);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| replace_key(v, key, replacement)),
        _ => {}
    }
}

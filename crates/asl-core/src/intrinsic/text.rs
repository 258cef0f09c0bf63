//! `States.Format` and `States.StringSplit`.

use super::eval::{Evaluated, string};
use serde_json::Value;

/// The literal pieces of a `States.Format` template, between its `{}` placeholders; with
/// `escaped` (a literal template), `\{`, `\}` and `\\` are resolved.
pub(crate) fn format_pieces(template: &str, escaped: bool) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if escaped => {
                if let Some(next) = chars.next() {
                    pieces.last_mut().unwrap_or(&mut String::new()).push(next);
                }
            }
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                pieces.push(String::new());
            }
            c => {
                if let Some(piece) = pieces.last_mut() {
                    piece.push(c);
                }
            }
        }
    }
    pieces
}

/// `States.Format(template, args…)`: each `{}` takes the next argument. In a literal template,
/// `\{` and `\}` are literal braces.
pub(super) fn format(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let template = string(args, 0, "template")?;
    // Pieces of literal text between placeholders. A literal template's escapes are resolved
    // here; a template read from a path has none.
    let pieces = format_pieces(args[0].raw.unwrap_or(template), args[0].raw.is_some());
    let values = &args[1..];
    if pieces.len() - 1 != values.len() {
        return Err(format!(
            "the template has {} placeholder(s) but {} argument(s) were given",
            pieces.len() - 1,
            values.len()
        ));
    }
    let mut out = pieces[0].clone();
    for (value, piece) in values.iter().zip(&pieces[1..]) {
        java_to_string(&value.value, &mut out);
        out.push_str(piece);
    }
    Ok(Value::String(out))
}

/// A value as Java's `toString` writes it: strings bare, `{a=1, b=[x, y]}` for objects.
fn java_to_string(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                java_to_string(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                java_to_string(item, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// `States.StringSplit(text, delimiters)`: every character of `delimiters` separates; empty
/// pieces are dropped.
pub(super) fn split(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let text = string(args, 0, "string to split")?;
    let delimiters: Vec<char> = string(args, 1, "delimiter")?.chars().collect();
    Ok(Value::Array(
        text.split(|c| delimiters.contains(&c))
            .filter(|piece| !piece.is_empty())
            .map(|piece| Value::String(piece.to_string()))
            .collect(),
    ))
}

//! What an expression reads, found in its syntax tree: the variables to bind, and the fields it
//! reads at its top level (where Step Functions gives no data).

use jsonata_core::ast::AstNode;
use serde_json::Value;

/// The tree as JSON: a stable shape to walk without matching every node type.
fn tree(ast: &AstNode) -> Value {
    serde_json::to_value(ast).unwrap_or(Value::Null)
}

/// The names of the variables an expression reads (`$x` is `x`), in order of appearance.
pub(super) fn variables_of(ast: &AstNode) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    match (key.as_str(), item) {
                        ("Variable", Value::String(name)) => {
                            if !name.is_empty() && !out.contains(name) {
                                out.push(name.clone());
                            }
                        }
                        _ => walk(item, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&tree(ast), &mut out);
    out
}

/// The field names read at the top level: a path that starts with a name where the context is
/// the (absent) input. Inside a path's later steps, a filter or a function body the context is
/// something else, and names are fine there.
pub(super) fn top_level_fields(ast: &AstNode) -> Vec<String> {
    fn walk(value: &Value, top: bool, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    match (key.as_str(), item) {
                        ("Path", path) => steps(path, top, out),
                        ("Name", Value::String(name)) if top => out.push(name.clone()),
                        ("Lambda" | "Stage" | "Filter", _) => walk(item, false, out),
                        _ => walk(item, top, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, top, out)),
            _ => {}
        }
    }
    fn steps(path: &Value, top: bool, out: &mut Vec<String>) {
        let Some(steps) = path["steps"].as_array() else {
            return walk(path, false, out);
        };
        for (i, step) in steps.iter().enumerate() {
            walk(&step["node"], top && i == 0, out);
            walk(&step["stages"], false, out);
        }
    }
    let mut out = Vec::new();
    walk(&tree(ast), true, &mut out);
    out
}

/// The members of `$states` an expression reads (`result` in `$states.result.Payload`).
pub(super) fn states_fields(ast: &AstNode) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(steps) = map.get("Path").and_then(|p| p["steps"].as_array())
                    && steps
                        .first()
                        .is_some_and(|s| s["node"]["Variable"] == "states")
                    && let Some(name) = steps.get(1).and_then(|s| s["node"]["Name"].as_str())
                    && !out.iter().any(|n| n == name)
                {
                    out.push(name.to_string());
                }
                map.values().for_each(|item| walk(item, out));
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&tree(ast), &mut out);
    out
}

/// The operators JSONata added after 2.0 (`??`, `?:`), which Step Functions' JSONata 2.0.6 does
/// not have.
pub(super) fn newer_operators(ast: &AstNode) -> Vec<&'static str> {
    fn walk(value: &Value, out: &mut Vec<&'static str>) {
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    match (key.as_str(), item.as_str()) {
                        ("op", Some("Coalesce")) if !out.contains(&"??") => out.push("??"),
                        ("op", Some("Default")) if !out.contains(&"?:") => out.push("?:"),
                        _ => walk(item, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&tree(ast), &mut out);
    out
}

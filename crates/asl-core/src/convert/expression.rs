//! JSONPath paths, payload templates and intrinsic calls written as JSONata expressions.

use crate::intrinsic::{self, Arg, Call};
use crate::path::{self, Root, Segment, Selector};
use serde_json::Value;

/// Why a field cannot be written in JSONata (yet): what it uses.
pub type Unconvertible = String;

/// Where a path's `$` points: the expression it starts from (`$states.input.order`).
#[derive(Clone, Debug)]
pub(super) struct Base(pub(super) String);

/// A name as a JSONata path step: bare when it is an identifier, in backquotes otherwise.
pub(super) fn step_of(name: &str) -> String {
    step(name)
}

fn step(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "\\`"))
    }
}

/// Steps after an expression: `.a.b[0]`.
pub(super) fn steps(segments: &[Segment], text: &str) -> Result<String, Unconvertible> {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Child(Selector::Name(name)) => {
                out.push('.');
                out.push_str(&step(name));
            }
            Segment::Child(Selector::Index(i)) => out.push_str(&format!("[{i}]")),
            // JSONata maps over arrays: `items[*].id` is `items.id`.
            Segment::Child(Selector::Wildcard) => {}
            Segment::Child(Selector::Slice {
                start,
                end: Some(end),
                step: None,
            }) if start.unwrap_or(0) >= 0 && *end > 0 => {
                out.push_str(&format!("[[{}..{}]]", start.unwrap_or(0), end - 1));
            }
            Segment::Descendant(Selector::Name(name)) => {
                out.push_str(".**.");
                out.push_str(&step(name));
            }
            Segment::Function(function) if &*function.name == "length" => {
                out = format!(".$count({})", out.trim_start_matches('.'));
            }
            _ => {
                return Err(format!(
                    "the path {text} (filters, unions and most functions are not converted)"
                ));
            }
        }
    }
    Ok(out)
}

/// A JSONPath (`$.a`, `$$.Execution.Id`, `$var.x`) as a JSONata expression, `$` being `base`.
pub(super) fn path(text: &str, base: &Base) -> Result<String, Unconvertible> {
    let parsed = path::parse(text).map_err(|e| format!("the path {text}: {}", e.message))?;
    let root = match &parsed.root {
        Root::Input => base.0.clone(),
        Root::Context => "$states.context".to_string(),
        Root::Variable(name) => format!("${name}"),
        Root::Current => return Err(format!("the path {text}")),
    };
    if let [Segment::Function(function)] = parsed.segments.as_slice()
        && &*function.name == "length"
    {
        return Ok(format!("$count({root})"));
    }
    let tail = steps(&parsed.segments, text)?;
    if let Some(inner) = tail.strip_prefix(".$count(") {
        let inner = inner.trim_end_matches(')');
        let dot = if inner.is_empty() { "" } else { "." };
        return Ok(format!("$count({root}{dot}{inner})"));
    }
    Ok(format!("{root}{tail}"))
}

/// A `.$` value: a path, or an intrinsic call.
pub(super) fn dynamic(text: &str, base: &Base) -> Result<String, Unconvertible> {
    if intrinsic::looks_like_call(text) {
        let call = intrinsic::parse(text).map_err(|e| format!("{text}: {}", e.message))?;
        return self::call(&call, base);
    }
    path(text, base)
}

fn arg(arg: &Arg, base: &Base) -> Result<String, Unconvertible> {
    Ok(match arg {
        Arg::String(s) => serde_json::to_string(&s.value()).unwrap_or_default(),
        Arg::Number(n) => n.to_string(),
        Arg::Bool(b) => b.to_string(),
        Arg::Null => "null".into(),
        Arg::Path(_, text) => path(text, base)?,
        Arg::Call(call) => self::call(call, base)?,
    })
}

/// The intrinsic functions with a JSONata equivalent.
fn call(call: &Call, base: &Base) -> Result<String, Unconvertible> {
    let args = call
        .args
        .iter()
        .map(|a| arg(a, base))
        .collect::<Result<Vec<_>, _>>()?;
    let name = call.function.name();
    Ok(match (name, args.as_slice()) {
        ("States.Format", [_, rest @ ..]) => {
            let Some(Arg::String(s)) = call.args.first() else {
                return Err(format!("{name} with a template that is not a string"));
            };
            let pieces = intrinsic::format_pieces(&s.raw, true);
            let mut parts = Vec::new();
            for (i, piece) in pieces.iter().enumerate() {
                if !piece.is_empty() {
                    parts.push(serde_json::to_string(piece).unwrap_or_default());
                }
                if let Some(value) = rest.get(i).filter(|_| i + 1 < pieces.len()) {
                    parts.push(format!("$string({value})"));
                }
            }
            if parts.is_empty() {
                "\"\"".into()
            } else {
                parts.join(" & ")
            }
        }
        ("States.StringToJson", [a]) => format!("$parse({a})"),
        ("States.JsonToString", [a]) => format!("$string({a})"),
        ("States.Array", items) => format!("[{}]", items.join(", ")),
        ("States.ArrayLength", [a]) => format!("$count({a})"),
        ("States.ArrayGetItem", [a, i]) => format!("{a}[{i}]"),
        ("States.ArrayContains", [a, v]) => format!("({v} in {a})"),
        ("States.ArrayRange", [a, b, c]) => format!("$range({a}, {b}, {c})"),
        ("States.ArrayPartition", [a, n]) => format!("$partition({a}, {n})"),
        ("States.ArrayUnique", [a]) => format!("$distinct({a})"),
        ("States.MathAdd", [a, b]) => format!("({a} + {b})"),
        ("States.MathRandom", [a, b]) => format!("$floor($random() * ({b} - {a})) + {a}"),
        ("States.StringSplit", [a, d]) => format!("$split({a}, {d})"),
        ("States.Base64Encode", [a]) => format!("$base64encode({a})"),
        ("States.Base64Decode", [a]) => format!("$base64decode({a})"),
        ("States.Hash", [a, alg]) => format!("$hash({a}, {alg})"),
        ("States.JsonMerge", [a, b, _]) => format!("$merge([{a}, {b}])"),
        ("States.UUID", []) => "$uuid()".into(),
        _ => return Err(format!("the intrinsic {name}")),
    })
}

/// A payload template (Parameters, ResultSelector) as a JSONata expression, `$` being `base`.
pub(super) fn template(value: &Value, base: &Base) -> Result<String, Unconvertible> {
    Ok(match value {
        Value::Object(map) => {
            let mut members = Vec::new();
            for (key, item) in map {
                let (name, expression) = match (key.strip_suffix(".$"), item) {
                    (Some(name), Value::String(text)) => (name, dynamic(text, base)?),
                    _ => (key.as_str(), template(item, base)?),
                };
                members.push(format!(
                    "{}: {expression}",
                    serde_json::to_string(name).unwrap_or_default()
                ));
            }
            format!("{{{}}}", members.join(", "))
        }
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|item| template(item, base))
                .collect::<Result<Vec<_>, _>>()?
                .join(", ")
        ),
        other => other.to_string(),
    })
}

/// A payload template kept as JSON, each `.$` value a `{% %}` expression (easier to read than one
/// expression for the whole object).
pub(super) fn template_field(value: &Value, base: &Base) -> Result<Value, Unconvertible> {
    Ok(match value {
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (key, item) in map {
                match (key.strip_suffix(".$"), item) {
                    (Some(name), Value::String(text)) => {
                        out.insert(
                            name.to_string(),
                            Value::String(format!("{{% {} %}}", dynamic(text, base)?)),
                        );
                    }
                    _ => {
                        out.insert(key.clone(), template_field(item, base)?);
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| template_field(item, base))
                .collect::<Result<_, _>>()?,
        ),
        other => other.clone(),
    })
}

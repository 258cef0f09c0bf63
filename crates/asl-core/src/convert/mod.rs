//! The conversion aid: a JSONPath state written in JSONata, for the common fields. InputPath,
//! Parameters, ResultSelector, ResultPath and OutputPath become `Arguments` and `Output`, `.$`
//! fields and intrinsic calls become `{% %}` expressions, Assign reads what it read before, and a
//! catcher's ResultPath becomes its Output. What has no faithful JSONata form (JSONPath filters,
//! some intrinsics, Choice operators on timestamps…) is refused with the reason, rather than
//! converted wrongly.

mod expression;

pub use expression::Unconvertible;

use expression::{Base, dynamic, path, template, template_field};
use serde_json::{Map, Value};

/// The fields a JSONata state may not have.
const JSONPATH_ONLY: [&str; 13] = [
    "InputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "OutputPath",
    "ItemsPath",
    "ItemSelector",
    "SecondsPath",
    "TimestampPath",
    "ErrorPath",
    "CausePath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
];

fn expression(text: &str) -> Value {
    Value::String(format!("{{% {text} %}}"))
}

/// `state` (a JSONPath state, as written) in JSONata. `machine_is_jsonata`: the machine already
/// says JSONata (otherwise the state says it itself).
pub fn state_to_jsonata(state: &Value, machine_is_jsonata: bool) -> Result<Value, Unconvertible> {
    let object = state
        .as_object()
        .ok_or_else(|| "the state is not an object".to_string())?;
    if object.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata") {
        return Err("the state is already written in JSONata".into());
    }
    let kind = object
        .get("Type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let input = match object.get("InputPath") {
        None => "$states.input".to_string(),
        Some(Value::Null) => "{}".to_string(),
        Some(Value::String(p)) => path(p, &Base("$states.input".into()))?,
        Some(_) => return Err("an InputPath that is not a string".into()),
    };
    let mut out = Map::new();
    for (key, value) in object {
        if !JSONPATH_ONLY.contains(&key.as_str()) && !matches!(key.as_str(), "Assign" | "Catch") {
            out.insert(key.clone(), value.clone());
        }
    }
    if !machine_is_jsonata {
        out.insert("QueryLanguage".into(), "JSONata".into());
    }
    let result = Base("$states.result".into());
    match kind {
        "Task" | "Parallel" | "Map" => {
            if kind == "Map" {
                let items = match object.get("ItemsPath").and_then(Value::as_str) {
                    Some(p) => Some(path(p, &Base(input.clone()))?),
                    None => (input != "$states.input").then(|| input.clone()),
                };
                if let Some(items) = items {
                    out.insert("Items".into(), expression(&items));
                }
                let selector = object
                    .get("ItemSelector")
                    .or_else(|| object.get("Parameters"));
                if let Some(selector) = selector {
                    out.insert(
                        "ItemSelector".into(),
                        template_field(selector, &Base(input.clone()))?,
                    );
                }
            } else if let Some(parameters) = object.get("Parameters") {
                out.insert(
                    "Arguments".into(),
                    template_field(parameters, &Base(input.clone()))?,
                );
            } else if input != "$states.input" {
                out.insert("Arguments".into(), expression(&input));
            }
            for (field, base) in [
                ("TimeoutSecondsPath", "TimeoutSeconds"),
                ("HeartbeatSecondsPath", "HeartbeatSeconds"),
            ] {
                if let Some(p) = object.get(field).and_then(Value::as_str) {
                    out.insert(base.into(), expression(&path(p, &Base(input.clone()))?));
                }
            }
            let selected = match object.get("ResultSelector") {
                Some(selector) => template(selector, &result)?,
                None => result.0.clone(),
            };
            let output = output(object, &selected)?;
            if output != result.0 {
                out.insert("Output".into(), expression(&output));
            }
            if let Some(assign) = object.get("Assign") {
                out.insert("Assign".into(), assign_field(assign, &result)?);
            }
            if let Some(catchers) = object.get("Catch").and_then(Value::as_array) {
                let catchers = catchers
                    .iter()
                    .map(catcher)
                    .collect::<Result<Vec<_>, _>>()?;
                out.insert("Catch".into(), Value::Array(catchers));
            }
        }
        "Pass" => {
            let value = match (object.get("Result"), object.get("Parameters")) {
                (Some(result), _) => result.to_string(),
                (None, Some(parameters)) => template(parameters, &Base(input))?,
                (None, None) => input,
            };
            out.remove("Result");
            let output = output(object, &value)?;
            if output != "$states.input" {
                out.insert("Output".into(), expression(&output));
            }
            if let Some(assign) = object.get("Assign") {
                out.insert(
                    "Assign".into(),
                    assign_field(assign, &Base(format!("({value})")))?,
                );
            }
        }
        "Wait" | "Succeed" | "Choice" | "Fail" => {
            let output = match object.get("OutputPath") {
                None => input.clone(),
                Some(Value::Null) => "{}".into(),
                Some(Value::String(p)) => path(p, &Base(parenthesised(&input)))?,
                Some(_) => return Err("an OutputPath that is not a string".into()),
            };
            if output != "$states.input" && kind != "Fail" {
                out.insert("Output".into(), expression(&output));
            }
            if let Some(assign) = object.get("Assign") {
                out.insert("Assign".into(), assign_field(assign, &Base(input.clone()))?);
            }
            let base = Base(input);
            if let Some(p) = object.get("SecondsPath").and_then(Value::as_str) {
                out.insert("Seconds".into(), expression(&path(p, &base)?));
            }
            if let Some(p) = object.get("TimestampPath").and_then(Value::as_str) {
                out.insert("Timestamp".into(), expression(&path(p, &base)?));
            }
            for (field, to) in [("ErrorPath", "Error"), ("CausePath", "Cause")] {
                if let Some(p) = object.get(field).and_then(Value::as_str) {
                    out.insert(to.into(), expression(&dynamic(p, &base)?));
                }
            }
            if kind == "Choice" {
                let rules = object
                    .get("Choices")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let rules = rules
                    .iter()
                    .map(|rule| choice_rule(rule, &base))
                    .collect::<Result<Vec<_>, _>>()?;
                out.insert("Choices".into(), Value::Array(rules));
            }
        }
        other => return Err(format!("a state of type {other:?}")),
    }
    Ok(Value::Object(out))
}

fn parenthesised(text: &str) -> String {
    if text.starts_with('$') && !text.contains(' ') {
        text.to_string()
    } else {
        format!("({text})")
    }
}

/// ResultPath (merging `value` into the raw input), then OutputPath.
fn output(object: &Map<String, Value>, value: &str) -> Result<String, Unconvertible> {
    let merged = match object.get("ResultPath") {
        None => value.to_string(),
        Some(Value::Null) => "$states.input".to_string(),
        Some(Value::String(p)) if p == "$" => value.to_string(),
        Some(Value::String(p)) => merge_at(p, value)?,
        Some(_) => return Err("a ResultPath that is not a string".into()),
    };
    match object.get("OutputPath") {
        None => Ok(merged),
        Some(Value::Null) => Ok("{}".into()),
        Some(Value::String(p)) => path(p, &Base(parenthesised(&merged))),
        Some(_) => Err("an OutputPath that is not a string".into()),
    }
}

/// `$states.input` with `value` written at the reference path `text` (`$.a.b`).
fn merge_at(text: &str, value: &str) -> Result<String, Unconvertible> {
    let parsed =
        crate::path::parse(text).map_err(|e| format!("the ResultPath {text}: {}", e.message))?;
    let mut names = Vec::new();
    for segment in &parsed.segments {
        match segment {
            crate::path::Segment::Child(crate::path::Selector::Name(name)) => {
                names.push(name.to_string());
            }
            _ => {
                return Err(format!(
                    "the ResultPath {text} (only member names are converted)"
                ));
            }
        }
    }
    fn nest(target: &str, names: &[String], value: &str) -> String {
        let Some((first, rest)) = names.split_first() else {
            return value.to_string();
        };
        let key = serde_json::to_string(first).unwrap_or_default();
        let inner_target = format!("{target}.{}", expression::step_of(first));
        format!(
            "$merge([{target}, {{{key}: {}}}])",
            nest(&inner_target, rest, value)
        )
    }
    Ok(nest("$states.input", &names, value))
}

/// A JSONPath Assign: each `.$` value read from `base`.
fn assign_field(assign: &Value, base: &Base) -> Result<Value, Unconvertible> {
    template_field(assign, base)
}

/// A catcher: its ResultPath merges the Error Output into the state's input; in JSONata that is
/// its Output.
fn catcher(catcher: &Value) -> Result<Value, Unconvertible> {
    let Some(object) = catcher.as_object() else {
        return Ok(catcher.clone());
    };
    let mut out = object.clone();
    out.remove("ResultPath");
    let error = "$states.errorOutput";
    let output = match object.get("ResultPath") {
        None => error.to_string(),
        Some(Value::Null) => "$states.input".to_string(),
        Some(Value::String(p)) if p == "$" => error.to_string(),
        Some(Value::String(p)) => merge_at(p, error)?,
        Some(_) => return Err("a catcher's ResultPath that is not a string".into()),
    };
    if output != error {
        out.insert("Output".into(), expression(&output));
    }
    if let Some(assign) = object.get("Assign") {
        out.insert("Assign".into(), assign_field(assign, &Base(error.into()))?);
    }
    Ok(Value::Object(out))
}

/// A Choice rule's comparison as a JSONata Condition.
fn choice_rule(rule: &Value, base: &Base) -> Result<Value, Unconvertible> {
    let object = rule
        .as_object()
        .ok_or_else(|| "a Choice rule that is not an object".to_string())?;
    let mut out = Map::new();
    for key in ["Next", "Comment"] {
        if let Some(value) = object.get(key) {
            out.insert(key.into(), value.clone());
        }
    }
    out.insert("Condition".into(), expression(&condition(object, base)?));
    if let Some(assign) = object.get("Assign") {
        out.insert("Assign".into(), assign_field(assign, base)?);
    }
    Ok(Value::Object(out))
}

fn condition(rule: &Map<String, Value>, base: &Base) -> Result<String, Unconvertible> {
    let nested = |value: &Value| -> Result<String, Unconvertible> {
        value
            .as_object()
            .ok_or_else(|| "a Choice rule that is not an object".to_string())
            .and_then(|o| condition(o, base))
    };
    if let Some(rules) = rule.get("And").and_then(Value::as_array) {
        let parts = rules.iter().map(nested).collect::<Result<Vec<_>, _>>()?;
        return Ok(format!("({})", parts.join(" and ")));
    }
    if let Some(rules) = rule.get("Or").and_then(Value::as_array) {
        let parts = rules.iter().map(nested).collect::<Result<Vec<_>, _>>()?;
        return Ok(format!("({})", parts.join(" or ")));
    }
    if let Some(inner) = rule.get("Not") {
        return Ok(format!("$not({})", nested(inner)?));
    }
    let variable = rule
        .get("Variable")
        .and_then(Value::as_str)
        .ok_or_else(|| "a Choice rule without Variable".to_string())?;
    let variable = path(variable, base)?;
    for (operator, operand) in rule {
        let (name, operand) = match operator.strip_suffix("Path") {
            Some(name) if operator != "Variable" => {
                (name, path(operand.as_str().unwrap_or("$"), base)?)
            }
            _ => (operator.as_str(), operand.to_string()),
        };
        let comparison = |op: &str| Ok(format!("({variable} {op} {operand})"));
        let result: Result<String, Unconvertible> = match name {
            "StringEquals" | "NumericEquals" | "BooleanEquals" => comparison("="),
            "StringLessThan" | "NumericLessThan" => comparison("<"),
            "StringGreaterThan" | "NumericGreaterThan" => comparison(">"),
            "StringLessThanEquals" | "NumericLessThanEquals" => comparison("<="),
            "StringGreaterThanEquals" | "NumericGreaterThanEquals" => comparison(">="),
            "IsPresent" => Ok(if operand == "true" {
                format!("$exists({variable})")
            } else {
                format!("$not($exists({variable}))")
            }),
            "IsNull" => Ok(format!("(({variable} = null) = {operand})")),
            "IsString" => Ok(format!("(($type({variable}) = 'string') = {operand})")),
            "IsNumeric" => Ok(format!("(($type({variable}) = 'number') = {operand})")),
            "IsBoolean" => Ok(format!("(($type({variable}) = 'boolean') = {operand})")),
            "Variable" | "Next" | "Comment" | "Assign" => continue,
            other => Err(format!("the Choice operator {other}")),
        };
        return result;
    }
    Err("a Choice rule without a comparison".into())
}

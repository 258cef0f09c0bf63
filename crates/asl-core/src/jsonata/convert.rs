//! JSON in and out of the JSONata engine's values. Numbers are doubles inside JSONata, as in
//! JavaScript; on the way out a whole number is written without a fraction (and `-0` as `0`), as
//! `JSON.stringify` writes it.

#[cfg(feature = "jsonata")]
use indexmap::IndexMap;
#[cfg(feature = "jsonata")]
use jsonata_core::value::JValue;
#[cfg(feature = "jsonata")]
use serde_json::Map;
use serde_json::{Number, Value};

/// A JSON value as JSONata sees it.
#[cfg(feature = "jsonata")]
pub fn to_jvalue(value: &Value) -> JValue {
    match value {
        Value::Null => JValue::Null,
        Value::Bool(b) => JValue::Bool(*b),
        Value::Number(n) => JValue::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JValue::string(s.as_str()),
        Value::Array(items) => JValue::array(items.iter().map(to_jvalue).collect()),
        Value::Object(map) => {
            let mut out = IndexMap::with_capacity(map.len());
            for (key, value) in map {
                out.insert(key.clone(), to_jvalue(value));
            }
            JValue::object(out)
        }
    }
}

/// What an expression's value is as JSON.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Converted {
    /// JSON.
    Json(Value),
    /// Nothing (`undefined`).
    Undefined,
    /// A function (or a regular expression): not JSON.
    Function,
}

/// A JSONata value as JSON: `undefined` inside arrays and objects is dropped, as JSONata's
/// sequences and `JSON.stringify` drop it; so are functions inside them.
#[cfg(feature = "jsonata")]
pub fn from_jvalue(value: &JValue) -> Converted {
    match value {
        JValue::Undefined => Converted::Undefined,
        JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. } => Converted::Function,
        other => Converted::Json(json_of(other)),
    }
}

#[cfg(feature = "jsonata")]
fn json_of(value: &JValue) -> Value {
    match value {
        JValue::Null => Value::Null,
        JValue::Bool(b) => Value::Bool(*b),
        JValue::Number(n) => number(*n),
        JValue::String(s) => Value::String(s.to_string()),
        JValue::Array(items) => Value::Array(
            items
                .iter()
                .filter_map(|item| match from_jvalue(item) {
                    Converted::Json(value) => Some(value),
                    Converted::Undefined | Converted::Function => None,
                })
                .collect(),
        ),
        JValue::Object(map) => {
            let mut out = Map::new();
            for (key, item) in map.iter() {
                if let Converted::Json(value) = from_jvalue(item) {
                    out.insert(key.clone(), value);
                }
            }
            Value::Object(out)
        }
        _ => Value::Null,
    }
}

/// A double as JSON writes it: whole numbers (up to 2^53) without a fraction.
pub fn number(n: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() <= EXACT {
        return Value::Number(Number::from(n as i64));
    }
    Number::from_f64(n).map_or(Value::Null, Value::Number)
}

#[cfg(all(test, feature = "jsonata"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_goes_through_unchanged() {
        let value = json!({"b": [1, 2.5, "x", null, true], "a": {"c": -3}});
        assert_eq!(from_jvalue(&to_jvalue(&value)), Converted::Json(value));
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        assert_eq!(number(-0.0), json!(0));
        assert_eq!(number(3.0), json!(3));
        assert_eq!(number(76.25), json!(76.25));
        assert_eq!(number(1e300), json!(1e300));
        assert_eq!(number(f64::NAN), Value::Null);
    }

    #[test]
    fn undefined_inside_values_is_dropped() {
        let array = JValue::array(vec![JValue::Number(1.0), JValue::Undefined]);
        assert_eq!(from_jvalue(&array), Converted::Json(json!([1])));
        assert_eq!(from_jvalue(&JValue::Undefined), Converted::Undefined);
    }
}

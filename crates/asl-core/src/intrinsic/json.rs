//! `States.StringToJson`, `States.JsonToString` and `States.JsonMerge`.

use super::eval::{Evaluated, kind, string};
use serde_json::Value;

/// `States.StringToJson(text)`: the JSON the text holds; a blank text is `null`.
pub(super) fn string_to_json(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let text = string(args, 0, "argument")?;
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(text).map_err(|e| format!("the string is not JSON: {e}"))
}

/// `States.JsonToString(value)`: compact JSON text.
pub(super) fn json_to_string(args: &[Evaluated<'_>]) -> Result<Value, String> {
    Ok(Value::String(args[0].value.to_string()))
}

/// `States.JsonMerge(a, b, false)`: a shallow merge, `b`'s members winning. AWS supports only
/// the shallow mode, so the third argument must be `false`.
pub(super) fn merge(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let (Value::Object(a), Value::Object(b)) = (&*args[0].value, &*args[1].value) else {
        return Err(format!(
            "both arguments to merge must be objects, not {} and {}",
            kind(&args[0].value),
            kind(&args[1].value)
        ));
    };
    match *args[2].value {
        Value::Bool(false) => {}
        Value::Bool(true) => {
            return Err("only the shallow merging mode (false) is supported".into());
        }
        ref other => {
            return Err(format!(
                "the merge mode must be the boolean false, not {}",
                kind(other)
            ));
        }
    }
    let mut merged = a.clone();
    for (key, value) in b {
        merged.insert(key.clone(), value.clone());
    }
    Ok(Value::Object(merged))
}

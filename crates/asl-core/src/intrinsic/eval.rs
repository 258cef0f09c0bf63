//! Evaluating an intrinsic function call.

use super::{Arg, Call, Function, array, encoding, json, math, text};
use crate::exec::rng::Rng;
use crate::path::{PathFailure, Roots};
use serde_json::Value;
use std::borrow::Cow;

/// Why a call gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntrinsicFailure {
    /// The function refused its arguments: `States.IntrinsicFailure` with this cause.
    Failure(String),
    /// A path argument matched nothing; the caller words it for its field.
    Path {
        /// The path's text.
        path: String,
        /// What went wrong.
        failure: PathFailure,
    },
}

impl IntrinsicFailure {
    pub(super) fn new(message: impl Into<String>) -> Self {
        IntrinsicFailure::Failure(message.into())
    }
}

/// An argument's value, and its literal text when it was a string literal (States.Format must tell
/// an escaped `\{` from a placeholder `{}`).
/// A path argument borrows what it names: `States.ArrayLength($.items)` copies no item.
pub(super) struct Evaluated<'a> {
    pub(super) value: Cow<'a, Value>,
    pub(super) raw: Option<&'a str>,
}

impl Call {
    /// The call's value. `rng` is the run's random source (`States.UUID`, `States.MathRandom`).
    pub fn eval<'a>(&'a self, roots: Roots<'a>, rng: &mut Rng) -> Result<Value, IntrinsicFailure> {
        let mut args = Vec::with_capacity(self.args.len());
        for arg in &self.args {
            args.push(Evaluated {
                value: eval_arg(arg, roots, rng)?,
                raw: raw_string(arg),
            });
        }
        let name = self.function.name();
        let result = match self.function {
            Function::Format => text::format(&args),
            Function::StringSplit => text::split(&args),
            Function::StringToJson => json::string_to_json(&args),
            Function::JsonToString => json::json_to_string(&args),
            Function::JsonMerge => json::merge(&args),
            Function::Array => Ok(Value::Array(
                args.into_iter().map(|a| a.value.into_owned()).collect(),
            )),
            Function::ArrayPartition => array::partition(&args),
            Function::ArrayContains => array::contains(&args),
            Function::ArrayRange => array::range(&args),
            Function::ArrayGetItem => array::get_item(&args),
            Function::ArrayLength => array::length(&args),
            Function::ArrayUnique => array::unique(&args),
            Function::Base64Encode => encoding::base64_encode(&args),
            Function::Base64Decode => encoding::base64_decode(&args),
            Function::Hash => encoding::hash(&args),
            Function::MathAdd => math::add(&args),
            Function::MathRandom => math::random(&args, rng),
            Function::Uuid => Ok(Value::String(rng.uuid_v4())),
        };
        result.map_err(|message| IntrinsicFailure::new(format!("{name}: {message}")))
    }
}

fn eval_arg<'a>(
    arg: &'a Arg,
    roots: Roots<'a>,
    rng: &mut Rng,
) -> Result<Cow<'a, Value>, IntrinsicFailure> {
    Ok(match arg {
        Arg::String(s) => Cow::Owned(Value::String(s.value())),
        Arg::Number(n) => Cow::Owned(Value::Number(n.clone())),
        Arg::Bool(b) => Cow::Owned(Value::Bool(*b)),
        Arg::Null => Cow::Owned(Value::Null),
        Arg::Path(path, text) => path
            .select(roots)
            .map_err(|failure| IntrinsicFailure::Path {
                path: text.to_string(),
                failure,
            })?,
        Arg::Call(call) => Cow::Owned(call.eval(roots, rng)?),
    })
}

fn raw_string(arg: &Arg) -> Option<&str> {
    match arg {
        Arg::String(s) => Some(&s.raw),
        _ => None,
    }
}

/// The argument at `i` as a string.
pub(super) fn string<'a>(
    args: &'a [Evaluated<'_>],
    i: usize,
    what: &str,
) -> Result<&'a str, String> {
    args[i]
        .value
        .as_str()
        .ok_or_else(|| format!("the {what} must be a string, not {}", kind(&args[i].value)))
}

/// The argument at `i` as an array.
pub(super) fn array_arg<'a>(
    args: &'a [Evaluated<'_>],
    i: usize,
    what: &str,
) -> Result<&'a Vec<Value>, String> {
    args[i]
        .value
        .as_array()
        .ok_or_else(|| format!("the {what} must be an array, not {}", kind(&args[i].value)))
}

/// The argument at `i` as an integer: a number, rounded half up as Java's `Math.round` does.
pub(super) fn integer(args: &[Evaluated<'_>], i: usize, what: &str) -> Result<i64, String> {
    let n = args[i]
        .value
        .as_f64()
        .ok_or_else(|| format!("the {what} must be a number, not {}", kind(&args[i].value)))?;
    let rounded = (n + 0.5).floor();
    if !(i64::MIN as f64..=i64::MAX as f64).contains(&rounded) {
        return Err(format!("the {what} is out of range"));
    }
    Ok(rounded as i64)
}

/// A JSON type name for messages.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Numbers compare by value; everything else structurally.
pub(super) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

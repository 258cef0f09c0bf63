//! What Step Functions changes in JSONata's library: its additions (`$partition`, `$range`,
//! `$hash`, `$random` with an optional seed, `$uuid`, `$parse`), `$eval` taken away, and the
//! impure built-ins (`$now`, `$millis`, `$random`, `$shuffle`) reading the run's virtual clock and
//! seeded random numbers instead of the machine's.

use super::convert::to_jvalue;
use crate::exec::java_random::JavaRandom;
use crate::exec::rng::Rng;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError};
use jsonata_core::parser;
use jsonata_core::value::JValue;
use std::cell::RefCell;
use std::rc::Rc;

/// What the impure functions read: the virtual clock and the run's random source.
#[derive(Clone, Debug)]
pub(super) struct Host {
    /// The virtual time, in milliseconds since the epoch.
    pub(super) now_millis: i64,
    /// The run's random source, shared with the functions for one evaluation.
    pub(super) rng: Rc<RefCell<Rng>>,
}

fn error(message: impl Into<String>) -> EvaluatorError {
    EvaluatorError::EvaluationError(message.into())
}

fn non_function() -> EvaluatorError {
    error("T1006: Attempted to invoke a non-function")
}

/// Register every function Step Functions adds or changes.
pub(super) fn register(evaluator: &mut Evaluator, host: &Host) -> Result<(), EvaluatorError> {
    evaluator.register_fn("partition", partition)?;
    evaluator.register_fn("range", range)?;
    evaluator.register_fn("hash", hash)?;
    evaluator.register_fn("uuid", {
        let rng = Rc::clone(&host.rng);
        move |_: &[JValue]| Ok(JValue::string(rng.borrow_mut().uuid_v4()))
    })?;
    evaluator.register_fn("parse", parse)?;
    evaluator.register_fn_override("eval", |_: &[JValue]| Err(non_function()))?;
    evaluator.register_fn_override("random", {
        let rng = Rc::clone(&host.rng);
        move |args: &[JValue]| random(args, &rng)
    })?;
    evaluator.register_fn_override("shuffle", {
        let rng = Rc::clone(&host.rng);
        move |args: &[JValue]| shuffle(args, &rng)
    })?;
    let now = host.now_millis;
    evaluator.register_fn_override("millis", move |_: &[JValue]| Ok(JValue::Number(now as f64)))?;
    evaluator.register_fn_override("now", move |args: &[JValue]| now_text(now, args))?;
    Ok(())
}

fn integer(value: Option<&JValue>, function: &str, what: &str) -> Result<i64, EvaluatorError> {
    match value {
        Some(JValue::Number(n)) if n.fract() == 0.0 => Ok(*n as i64),
        _ => Err(error(format!(
            "The {what} of the ${function} function must be an integer"
        ))),
    }
}

/// `$partition(array, size)`: the array cut into arrays of `size` items (the last may be
/// shorter).
fn partition(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    let items: Vec<JValue> = match args.first() {
        Some(JValue::Array(items)) => items.iter().cloned().collect(),
        Some(JValue::Undefined) | None => return Ok(JValue::Undefined),
        Some(single) => vec![single.clone()],
    };
    let size = integer(args.get(1), "partition", "second argument")?;
    if size <= 0 {
        return Err(error(
            "The second argument of the $partition function must be a positive integer",
        ));
    }
    let chunks = items
        .chunks(size as usize)
        .map(|chunk| JValue::array(chunk.to_vec()))
        .collect();
    Ok(JValue::array(chunks))
}

/// `$range(start, end, step)`: from `start` to `end` inclusive; a single number stands alone
/// and an empty range is nothing, as JSONata's sequences are.
fn range(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    let start = integer(args.first(), "range", "first argument")?;
    let end = integer(args.get(1), "range", "second argument")?;
    let step = integer(args.get(2), "range", "third argument")?;
    if step == 0 {
        return Err(error(
            "The third argument of the $range function must not be zero",
        ));
    }
    const MAX_ITEMS: i128 = 10_000_000;
    // In i128: the bounds may be near i64's, where `end - start` overflows.
    let count = if (step > 0 && end < start) || (step < 0 && end > start) {
        0
    } else {
        (i128::from(end) - i128::from(start)) / i128::from(step) + 1
    };
    if count > MAX_ITEMS {
        return Err(error(format!(
            "The $range function cannot make more than {MAX_ITEMS} items"
        )));
    }
    let items: Vec<JValue> = (0..count as i64)
        .map(|i| JValue::Number((start + i * step) as f64))
        .collect();
    Ok(match items.len() {
        0 => JValue::Undefined,
        1 => items.into_iter().next().unwrap_or(JValue::Undefined),
        _ => JValue::array(items),
    })
}

/// `$hash(text, algorithm)`: the lowercase hex digest (MD5, SHA-1, SHA-256, SHA-384, SHA-512).
fn hash(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    let Some(text) = args.first().and_then(JValue::as_str) else {
        return Err(error(
            "The first argument of the $hash function must be a string",
        ));
    };
    let Some(algorithm) = args.get(1).and_then(JValue::as_str) else {
        return Err(error(
            "The second argument of the $hash function must be a string",
        ));
    };
    crate::intrinsic::digest(text, algorithm)
        .map(JValue::string)
        .map_err(error)
}

/// `$parse(text)`: the JSON the text holds.
fn parse(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    let Some(text) = args.first().and_then(JValue::as_str) else {
        return Err(error(
            "The argument of the $parse function must be a string",
        ));
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        error(format!(
            "The $parse function was given text that is not JSON: {e}"
        ))
    })?;
    Ok(to_jvalue(&value))
}

/// `$random()` from the run's random source; `$random(seed)` what Java's `new Random(seed)
/// .nextDouble()` gives (AWS runs on the JVM: `$random(42)` is 0.7275636800328681). A seed that
/// is not an integer is truncated, as Java's `long` conversion does.
fn random(args: &[JValue], rng: &RefCell<Rng>) -> Result<JValue, EvaluatorError> {
    Ok(JValue::Number(match args.first() {
        None | Some(JValue::Undefined) => rng.borrow_mut().next_f64(),
        Some(JValue::Number(seed)) => JavaRandom::new(*seed as i64).next_double(),
        // ⚠ A seed that is not a number is not recorded: its text's Java hash code seeds it.
        Some(seed) => {
            let text = seed.to_json_string().unwrap_or_default();
            let hash = text.encode_utf16().fold(0i32, |h, unit| {
                h.wrapping_mul(31).wrapping_add(i32::from(unit as i16))
            });
            JavaRandom::new(i64::from(hash)).next_double()
        }
    }))
}

/// `$shuffle(array)`: Fisher–Yates with the run's random source.
fn shuffle(args: &[JValue], rng: &RefCell<Rng>) -> Result<JValue, EvaluatorError> {
    let mut items: Vec<JValue> = match args.first() {
        Some(JValue::Array(items)) => items.iter().cloned().collect(),
        Some(JValue::Undefined) | None => return Ok(JValue::Undefined),
        Some(single) => return Ok(single.clone()),
    };
    let mut rng = rng.borrow_mut();
    for i in (1..items.len()).rev() {
        let j = rng.range(0, i as i64 + 1) as usize;
        items.swap(i, j);
    }
    Ok(JValue::array(items))
}

/// `$now([picture [, timezone]])`: the virtual time, as `$fromMillis` formats it.
fn now_text(now: i64, args: &[JValue]) -> Result<JValue, EvaluatorError> {
    let ast =
        parser::parse("$fromMillis($ms, $picture, $timezone)").map_err(|e| error(e.to_string()))?;
    let mut context = Context::new();
    context.bind("ms".into(), JValue::Number(now as f64));
    for (name, value) in ["picture", "timezone"].into_iter().zip(args) {
        context.bind(name.into(), value.clone());
    }
    Evaluator::with_context(context).evaluate(&ast, &JValue::Undefined)
}

#[cfg(all(test, feature = "jsonata"))]
mod tests {
    use super::*;

    fn numbers(value: &JValue) -> Vec<f64> {
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| match v {
                        JValue::Number(n) => Some(*n),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn range_includes_its_end_and_collapses_a_single_item() {
        let n = |x: f64| JValue::Number(x);
        assert_eq!(
            numbers(&range(&[n(0.0), n(9.0), n(3.0)]).unwrap()),
            [0.0, 3.0, 6.0, 9.0]
        );
        assert_eq!(range(&[n(1.0), n(9.0), n(9.0)]).unwrap(), n(1.0));
        assert_eq!(range(&[n(5.0), n(1.0), n(1.0)]).unwrap(), JValue::Undefined);
        assert!(range(&[n(1.0), n(2.0), n(0.0)]).is_err());
    }

    #[test]
    fn partition_cuts_the_last_chunk_short() {
        let items = JValue::array((0..3).map(|i| JValue::Number(f64::from(i))).collect());
        let parts = partition(&[items, JValue::Number(2.0)]).unwrap();
        assert_eq!(parts.to_json_string().unwrap(), "[[0,1],[2]]");
    }
}

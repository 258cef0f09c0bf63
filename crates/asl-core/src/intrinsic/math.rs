//! `States.MathAdd` and `States.MathRandom`.

use super::eval::{Evaluated, integer};
use crate::exec::java_random::JavaRandom;
use crate::exec::rng::Rng;
use serde_json::Value;

/// `States.MathAdd(a, b)`: both are rounded half up (Java's `Math.round`) before adding, and must
/// fit a 32-bit integer.
pub(super) fn add(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let (a, b) = (
        integer(args, 0, "first number")?,
        integer(args, 1, "second number")?,
    );
    let range = i64::from(i32::MIN)..=i64::from(i32::MAX);
    if !range.contains(&a) || !range.contains(&b) {
        return Err("the numbers must be within the 32-bit integer range".into());
    }
    Ok(Value::from(a + b))
}

/// `States.MathRandom(start, end[, seed])`: an integer from `start` (included) to `end`
/// (excluded). With a seed it is what Java's `new Random(seed)` gives, `start + nextInt(end -
/// start)` (⚠ AWS's exact draw is not recorded; this is the usual Java idiom); without, it comes
/// from the run's random source.
pub(super) fn random(args: &[Evaluated<'_>], rng: &mut Rng) -> Result<Value, String> {
    let (start, end) = (integer(args, 0, "start")?, integer(args, 1, "end")?);
    if end <= start {
        return Err(format!(
            "the end ({end}) must be greater than the start ({start})"
        ));
    }
    let value = match args.get(2) {
        Some(_) => JavaRandom::new(integer(args, 2, "seed")?).range(start, end),
        None => rng.range(start, end),
    };
    Ok(Value::from(value))
}

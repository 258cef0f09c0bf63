//! The `States.Array…` functions (`States.Array` itself is a plain list).

use super::eval::{Evaluated, array_arg, integer, same};
use serde_json::Value;

/// The most items `States.ArrayRange` may produce.
const MAX_RANGE: usize = 1000;

/// `States.ArrayPartition(array, size)`: chunks of `size` items, the last one shorter.
pub(super) fn partition(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let items = array_arg(args, 0, "array")?;
    let size = integer(args, 1, "chunk size")?;
    if size <= 0 {
        return Err(format!("the chunk size must be greater than 0, not {size}"));
    }
    Ok(Value::Array(
        items
            .chunks(size as usize)
            .map(|c| Value::Array(c.to_vec()))
            .collect(),
    ))
}

/// `States.ArrayContains(array, value)`: deep equality.
pub(super) fn contains(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let items = array_arg(args, 0, "array")?;
    Ok(Value::Bool(
        items.iter().any(|item| same(item, &args[1].value)),
    ))
}

/// `States.ArrayRange(start, end, step)`: the end is included.
pub(super) fn range(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let (start, end, step) = (
        integer(args, 0, "start")?,
        integer(args, 1, "end")?,
        integer(args, 2, "step")?,
    );
    if step == 0 {
        return Err("the step cannot be 0".into());
    }
    let count = if (step > 0 && start > end) || (step < 0 && start < end) {
        0
    } else {
        (end.abs_diff(start) / step.unsigned_abs()) as usize + 1
    };
    if count > MAX_RANGE {
        return Err(format!(
            "the range would have {count} items; at most {MAX_RANGE} are allowed"
        ));
    }
    Ok(Value::Array(
        (0..count as i64)
            .map(|i| Value::from(start + i * step))
            .collect(),
    ))
}

/// `States.ArrayGetItem(array, index)`.
pub(super) fn get_item(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let items = array_arg(args, 0, "array")?;
    let index = integer(args, 1, "index")?;
    usize::try_from(index)
        .ok()
        .and_then(|i| items.get(i))
        .cloned()
        .ok_or_else(|| {
            format!(
                "the index {index} is out of bounds for an array of {} items",
                items.len()
            )
        })
}

/// `States.ArrayLength(array)`.
pub(super) fn length(args: &[Evaluated<'_>]) -> Result<Value, String> {
    Ok(Value::from(array_arg(args, 0, "array")?.len()))
}

/// `States.ArrayUnique(array)`: the first of each group of equal items, in order.
pub(super) fn unique(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let items = array_arg(args, 0, "array")?;
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        if !out.iter().any(|seen| same(seen, item)) {
            out.push(item.clone());
        }
    }
    Ok(Value::Array(out))
}

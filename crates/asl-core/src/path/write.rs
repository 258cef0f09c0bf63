//! ResultPath: writing a result into the state's raw input.

use super::{Path, Root, Segment, Selector};
use serde_json::{Map, Value};

/// ResultPath could not be applied: the input (or a step of it) is not an object, or an index
/// does not exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultPathError;

/// Write `result` into `input` at `path` (a Reference Path): `$` replaces the input, `$.a.b`
/// sets `b` in `a`, creating the objects that are missing.
pub fn write_result(path: &Path, input: Value, result: Value) -> Result<Value, ResultPathError> {
    if path.root != Root::Input {
        return Err(ResultPathError);
    }
    if path.segments.is_empty() {
        return Ok(result);
    }
    let mut root = input;
    place(&mut root, &path.segments, result)?;
    Ok(root)
}

fn place(node: &mut Value, segments: &[Segment], result: Value) -> Result<(), ResultPathError> {
    let Some((first, rest)) = segments.split_first() else {
        *node = result;
        return Ok(());
    };
    let slot = match first {
        Segment::Child(Selector::Name(name)) => {
            let Value::Object(map) = node else {
                return Err(ResultPathError);
            };
            if rest.is_empty() {
                map.insert(name.to_string(), result);
                return Ok(());
            }
            map.entry(name.to_string())
                .or_insert_with(|| Value::Object(Map::new()))
        }
        Segment::Child(Selector::Index(index)) => {
            let Value::Array(items) = node else {
                return Err(ResultPathError);
            };
            let len = items.len();
            let at = if *index < 0 {
                len.checked_sub(index.unsigned_abs() as usize)
            } else {
                Some(*index as usize)
            };
            match at.and_then(|i| items.get_mut(i)) {
                Some(slot) => slot,
                None => return Err(ResultPathError),
            }
        }
        _ => return Err(ResultPathError),
    };
    place(slot, rest, result)
}

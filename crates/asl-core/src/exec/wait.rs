//! How long a Wait state waits, with AWS's runtime errors for bad `SecondsPath` and
//! `TimestampPath` values.

use super::error::StatesError;
use crate::model::{CompiledPath, Seconds, Wait};
use crate::path::Roots;
use crate::timestamp::parse_rfc3339;
use serde_json::Value;

/// The longest wait AWS accepts: delays are Java ints of seconds.
const MAX_DELAY_SECONDS: i64 = i32::MAX as i64;

/// When the wait ends, in milliseconds since the epoch, for a state entered at `now_millis`.
/// A timestamp in the past ends the wait at once. JSONata forms are evaluated by the caller and
/// passed as `Seconds::Literal`/`Wait::Timestamp`.
pub fn wait_until(wait: &Wait, roots: Roots<'_>, now_millis: i64) -> Result<i64, StatesError> {
    let target = match wait {
        Wait::Seconds(Seconds::Literal(seconds)) => now_millis + *seconds as i64 * 1000,
        Wait::Seconds(Seconds::Path(path)) | Wait::SecondsPath(path) => {
            now_millis + seconds_from_path(path, roots)? * 1000
        }
        Wait::Seconds(Seconds::Expression(_)) | Wait::TimestampExpression(_) => now_millis,
        Wait::Timestamp(text) => timestamp(text).unwrap_or(now_millis),
        Wait::TimestampPath(path) => {
            let value = path.path.eval(roots).map_err(|_| {
                StatesError::runtime(format!(
                    "The TimestampPath parameter does not reference an input value: {}",
                    path.text
                ))
            })?;
            value.as_str().and_then(timestamp).ok_or_else(|| {
                StatesError::runtime(format!(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time \
                     format string: {} == {}",
                    path.text,
                    shown(&value)
                ))
            })?
        }
    };
    if (target - now_millis) / 1000 > MAX_DELAY_SECONDS {
        return Err(StatesError::runtime("Wait state delay is too long."));
    }
    Ok(target.max(now_millis))
}

fn timestamp(text: &str) -> Option<i64> {
    parse_rfc3339(text).map(|t| t.millis)
}

fn seconds_from_path(path: &CompiledPath, roots: Roots<'_>) -> Result<i64, StatesError> {
    let value = path.path.eval(roots).map_err(|_| {
        StatesError::runtime(format!(
            "The SecondsPath parameter does not reference an input value: {}",
            path.text
        ))
    })?;
    let whole = match &value {
        Value::Number(n) => n.as_i64(),
        _ => None,
    };
    match whole {
        Some(n) if n < 0 => Err(StatesError::runtime(format!(
            "The SecondsPath parameter references a negative value: {} == {}",
            path.text,
            shown(&value)
        ))),
        Some(n) => Ok(n),
        None => Err(StatesError::runtime(format!(
            "The SecondsPath parameter cannot be parsed as a long value: {} == {}",
            path.text,
            shown(&value)
        ))),
    }
}

/// A value as the messages show it: strings bare, everything else as JSON.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::{NoVariables, parse};
    use serde_json::json;

    fn seconds_path(input: &Value) -> Result<i64, StatesError> {
        let path = CompiledPath {
            text: "$.input.waitSeconds".into(),
            path: parse("$.input.waitSeconds").unwrap(),
        };
        wait_until(
            &Wait::SecondsPath(path),
            Roots {
                data: input,
                context: &Value::Null,
                variables: &NoVariables,
            },
            0,
        )
    }

    #[test]
    fn seconds_path_values_are_checked() {
        assert_eq!(seconds_path(&json!({"input": {"waitSeconds": 0}})), Ok(0));
        assert_eq!(
            seconds_path(&json!({"input": {"waitSeconds": 3}})),
            Ok(3000)
        );
        let cause = |v: Value| seconds_path(&v).unwrap_err().cause.unwrap();
        assert_eq!(
            cause(json!({})),
            "The SecondsPath parameter does not reference an input value: $.input.waitSeconds"
        );
        assert_eq!(
            cause(json!({"input": {"waitSeconds": -1}})),
            "The SecondsPath parameter references a negative value: $.input.waitSeconds == -1"
        );
        assert_eq!(
            cause(json!({"input": {"waitSeconds": 1.5}})),
            "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5"
        );
    }

    #[test]
    fn timestamps_in_the_past_end_at_once_and_far_ones_fail() {
        let roots = Roots {
            data: &Value::Null,
            context: &Value::Null,
            variables: &NoVariables,
        };
        assert_eq!(
            wait_until(&Wait::Timestamp("1970-01-01T00:00:01Z".into()), roots, 5000),
            Ok(5000)
        );
        let far = Wait::Seconds(Seconds::Literal(24_856 * 86_400));
        assert_eq!(
            wait_until(&far, roots, 0).unwrap_err().cause.as_deref(),
            Some("Wait state delay is too long.")
        );
        let near = Wait::Seconds(Seconds::Literal(24_855 * 86_400));
        assert!(wait_until(&near, roots, 0).is_ok());
    }
}

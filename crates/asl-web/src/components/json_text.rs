//! JSON shown to people.

use serde_json::Value;

/// Pretty-printed JSON (two-space indent).
pub(crate) fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

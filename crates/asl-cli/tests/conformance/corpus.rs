//! Reading the corpus files and undoing the recorder's masking.

use serde_json::Value;
use std::path::Path;

/// Every line of a JSON Lines file.
pub(crate) fn read_jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// Mask our output the way the recorder masked AWS's, so the two compare.
pub(crate) fn mask(text: &str) -> String {
    text.replace("arn:aws:", "arn:<partition>:")
        .replace("us-east-1", "<region>")
}

/// Put concrete values where the recorder left fixture placeholders in a definition.
pub(crate) fn unmask_definition(text: &str) -> String {
    text.replace(
        "<auto:fixture:create_activity().activityArn>",
        "arn:aws:states:us-east-1:111111111111:activity:activity_fixture",
    )
}

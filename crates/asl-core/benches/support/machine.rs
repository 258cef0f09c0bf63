//! The benchmarks' definition: a machine of about a thousand lines.

use serde_json::{Value, json};

/// A realistic definition of at least `lines` pretty-printed lines: Tasks with templates,
/// intrinsics, Retry and Catch, Choices, a Parallel and a Map.
pub(crate) fn definition(lines: usize) -> String {
    let mut states = serde_json::Map::new();
    let mut i = 0;
    loop {
        let next = format!("Step{}", i + 1);
        let state = match i % 4 {
            0 => json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {
                    "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:work:live",
                    "Payload": {"id.$": "$.id", "label.$": "States.Format('item {}', $.id)", "all.$": "$.items[*].name"}
                },
                "ResultSelector": {"value.$": "$.Payload.value"},
                "ResultPath": "$.result",
                "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": 3}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
                "Next": next
            }),
            1 => json!({
                "Type": "Choice",
                "Choices": [
                    {"And": [{"Variable": "$.result.value", "IsPresent": true}, {"Variable": "$.result.value", "NumericGreaterThan": 10}], "Next": next},
                    {"Variable": "$.kind", "StringMatches": "order-*", "Next": next}
                ],
                "Default": next
            }),
            2 => json!({
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": format!("B{i}a"), "States": {format!("B{i}a"): {"Type": "Pass", "Result": {"ok": true}, "End": true}}},
                    {"StartAt": format!("B{i}b"), "States": {format!("B{i}b"): {"Type": "Wait", "Seconds": 1, "End": true}}}
                ],
                "ResultPath": "$.branches",
                "Next": next
            }),
            _ => json!({
                "Type": "Map",
                "ItemsPath": "$.items",
                "MaxConcurrency": 4,
                "ItemSelector": {"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                "ItemProcessor": {"StartAt": format!("M{i}"), "States": {format!("M{i}"): {"Type": "Pass", "End": true}}},
                "ResultPath": "$.mapped",
                "Next": next
            }),
        };
        states.insert(format!("Step{i}"), state);
        i += 1;
        let machine = |states: &serde_json::Map<String, Value>| {
            let mut states = states.clone();
            states.insert(format!("Step{i}"), json!({"Type": "Succeed"}));
            states.insert("Failed".into(), json!({"Type": "Fail", "Error": "Failed"}));
            serde_json::to_string_pretty(&json!({"StartAt": "Step0", "States": states})).unwrap()
        };
        let text = machine(&states);
        if text.lines().count() >= lines {
            return text;
        }
    }
}

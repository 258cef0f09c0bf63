//! Validation speed: the budget is a keystroke (the playground validates on every edit).
//!
//! `cargo bench -p asl-core --bench validate`

use asl_core::api::{self, ValidateOptions};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

/// A realistic definition of at least `lines` pretty-printed lines: Tasks with templates,
/// intrinsics, Retry and Catch, Choices, a Parallel and a Map.
fn definition(lines: usize) -> String {
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

fn bench(c: &mut Criterion) {
    let text = definition(1000);
    let options = ValidateOptions::default();
    assert!(
        api::validate(&text, &options).ok,
        "the benchmark definition must be valid"
    );
    let mut group = c.benchmark_group(format!("validate {} lines", text.lines().count()));
    group.bench_function("read", |b| {
        b.iter(|| asl_core::json::parse(black_box(&text)).unwrap());
    });
    group.bench_function("read + validate", |b| {
        b.iter(|| api::validate(black_box(&text), &options));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

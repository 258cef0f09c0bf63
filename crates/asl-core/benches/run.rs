//! Execution speed: a Map over 10,000 items, each going Pass → Choice → Pass, with the history
//! recorded (an Express execution, so the 25,000-event limit of Standard ones does not apply;
//! `ResultPath: null` keeps the output under the 256 KiB payload limit).
//!
//! `cargo bench -p asl-core --bench run`; the states-per-second figure is 30,001 states divided
//! by the time per run.

use asl_core::exec::run::{ExecutionStatus, RunOptions, run};
use asl_core::model;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

const MACHINE: &str = r#"{
  "StartAt": "Each",
  "States": {
    "Each": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {
        "StartAt": "Tag",
        "States": {
          "Tag": {"Type": "Pass", "Parameters": {"n.$": "$.n", "kind": "item"}, "Next": "IsBig"},
          "IsBig": {"Type": "Choice",
                   "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5000, "Next": "Big"}],
                   "Default": "Small"},
          "Big": {"Type": "Pass", "Result": "big", "ResultPath": "$.size", "End": true},
          "Small": {"Type": "Pass", "Result": "small", "ResultPath": "$.size", "End": true}
        }
      },
      "ResultPath": null,
      "End": true
    }
  }
}"#;

/// States entered per run: the Map, then three per item.
const STATES: u64 = 1 + 3 * 10_000;

fn map_of_10_000(c: &mut Criterion) {
    let root = asl_core::json::parse(MACHINE).unwrap().root;
    let machine = model::build_machine(&root).unwrap();
    let items: Vec<Value> = (0..10_000).map(|n| json!({"n": n})).collect();
    let input = json!({ "items": items });
    let options = RunOptions {
        express: true,
        ..RunOptions::default()
    };
    let execution = run(&machine, input.clone(), options.clone());
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    assert_eq!(execution.events.len(), 6 + 10_000 * 8);
    let mut group = c.benchmark_group("run");
    group.throughput(Throughput::Elements(STATES));
    group.sample_size(20);
    group.bench_function("map 10,000 items: Pass → Choice → Pass", |b| {
        // Copying the input and freeing the 80,000 events afterwards are outside the measurement.
        b.iter_batched(
            || (input.clone(), options.clone()),
            |(input, options)| run(black_box(&machine), input, options),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, map_of_10_000);
criterion_main!(benches);

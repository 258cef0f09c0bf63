//! Data-flow speed: a typical Task state's pipeline on a 100 KB input, and JSONPath queries over
//! a 10 MB document.
//!
//! `cargo bench -p asl-core --bench dataflow`

use asl_core::exec::dataflow::{Env, apply_path, apply_result_path, apply_template};
use asl_core::exec::rng::Rng;
use asl_core::model::{self, StateKind};
use asl_core::path::{self, NoVariables, Roots};
use asl_core::test_state::{TestStateOptions, test_state};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

const TASK: &str = r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
  "InputPath": "$.order",
  "Parameters": {"FunctionName": "price:live", "Payload": {"id.$": "$.id", "lines.$": "$.lines[?(@.qty > 2)]",
                 "summary.$": "States.Format('{} lines', States.ArrayLength($.lines))"}},
  "ResultSelector": {"total.$": "$.Payload.total", "currency.$": "$.Payload.currency"},
  "ResultPath": "$.priced", "OutputPath": "$.priced", "End": true}"#;

#[path = "support/order.rs"]
mod support;
use support::order;

fn pipeline(c: &mut Criterion) {
    let input = order(100 * 1024);
    let result = json!({"Payload": {"total": 1234.5, "currency": "EUR"}, "StatusCode": 200});
    let node = asl_core::json::parse(TASK).unwrap().root;
    let state = model::build_state("Price", &node, model::QueryLanguage::JsonPath).unwrap();
    let (StateKind::Task(task), context) = (&state.kind, json!({})) else {
        panic!("a Task")
    };
    c.bench_function("task pipeline, 100 KB input (compiled state)", |b| {
        b.iter(|| {
            let mut rng = Rng::new(0);
            let mut env = Env {
                context: &context,
                variables: &NoVariables,
                rng: &mut rng,
                now_millis: 0,
            };
            let effective = apply_path(&state.input_path, black_box(&input), &env).unwrap();
            let parameters = apply_template(
                task.fields.parameters.as_ref().unwrap(),
                &effective,
                &mut env,
            )
            .unwrap();
            black_box(parameters);
            let selected = apply_template(
                task.fields.result_selector.as_ref().unwrap(),
                &result,
                &mut env,
            )
            .unwrap();
            let merged = apply_result_path(&task.fields.result_path, &input, selected).unwrap();
            apply_path(&state.output_path, &merged, &env).unwrap()
        });
    });
    let request = json!({
        "definition": TASK, "input": input.to_string(), "inspectionLevel": "TRACE",
        "mock": {"result": result.to_string()},
    });
    c.bench_function(
        "TestState of the task, 100 KB input (parse, validate, run, inspect)",
        |b| {
            b.iter(|| test_state(black_box(&request), &TestStateOptions::default()).unwrap());
        },
    );
}

/// A catalog of about `bytes` bytes.
fn catalog(bytes: usize) -> Value {
    let mut items = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < bytes {
        let item = json!({"id": i, "name": format!("item {i}"), "price": (i * 7919) % 1000,
                          "tags": if i % 3 == 0 { json!(["sale"]) } else { json!([]) },
                          "stock": {"warehouse": i % 5, "count": i % 50}});
        size += item.to_string().len() + 1;
        items.push(item);
        i += 1;
    }
    json!({"catalog": {"items": items}})
}

fn queries(c: &mut Criterion) {
    let document = catalog(10 * 1024 * 1024);
    let roots = Roots {
        data: &document,
        context: &Value::Null,
        variables: &NoVariables,
    };
    let mut group = c.benchmark_group("JSONPath over a 10 MB document");
    group.sample_size(20);
    for query in [
        "$.catalog.items[?(@.price > 900 && @.stock.count < 10)].id",
        "$..warehouse",
        "$.catalog.items[100:200].name",
        "$.catalog.items[-1].id",
    ] {
        let path = path::parse(query).unwrap();
        group.bench_function(query, |b| b.iter(|| path.eval(black_box(roots)).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, pipeline, queries);
criterion_main!(benches);

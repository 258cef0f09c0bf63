//! Properties of runs that no single recorded case shows: jitter stays within its bounds and
//! follows the seed, and a run is a pure function of its definition, input, mocks and seed,
//! whatever the machine's shape (generated ones included).

use asl_core::exec::mock::MockConfig;
use asl_core::exec::run::{Limits, RunOptions, run_definition};
use asl_core::generate;
use proptest::prelude::*;
use serde_json::json;

const FLAKY: &str = r#"{"StartAt": "Call", "States": {"Call": {
  "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
  "Parameters": {"FunctionName": "f", "Id.$": "States.UUID()"},
  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 3,
             "MaxAttempts": 3, "MaxDelaySeconds": 10, "JitterStrategy": "FULL"}],
  "End": true}}}"#;

fn options(seed: u64) -> RunOptions {
    let mocks = MockConfig::from_json(&json!({
        "StateMachines": {"M": {"TestCases": {"Down": {"Call": "Down"}}}},
        "MockedResponses": {"Down": {"0-3": {"Throw": {"Error": "E", "Cause": "down"}}}}
    }))
    .unwrap()
    .test_case("M", "Down")
    .unwrap();
    RunOptions {
        seed,
        mocks: Some(mocks),
        ..RunOptions::default()
    }
}

#[test]
fn full_jitter_draws_each_wait_between_zero_and_the_capped_backoff() {
    let caps = [2_000, 6_000, 10_000];
    let mut first_waits = std::collections::BTreeSet::new();
    for seed in 0..100 {
        let execution = run_definition(FLAKY, json!({}), options(seed)).unwrap();
        let delays: Vec<i64> = execution.retries.iter().map(|r| r.delay_millis).collect();
        assert_eq!(delays.len(), 3, "seed {seed}");
        for (delay, cap) in delays.iter().zip(caps) {
            assert!(
                (0..=cap).contains(delay),
                "seed {seed}: {delay} ms > {cap} ms"
            );
        }
        first_waits.insert(delays[0]);
    }
    assert!(first_waits.len() > 50, "the seed should change the jitter");
}

#[test]
fn the_same_run_prints_the_same_bytes() {
    let first = run_definition(FLAKY, json!({"a": [1, 2]}), options(7)).unwrap();
    let second = run_definition(FLAKY, json!({"a": [1, 2]}), options(7)).unwrap();
    assert_eq!(first.to_json().to_string(), second.to_json().to_string());
    let other = run_definition(FLAKY, json!({"a": [1, 2]}), options(8)).unwrap();
    assert_ne!(first.to_json().to_string(), other.to_json().to_string());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any generated machine (loops, nesting, both query languages, retries, catchers, failing
    /// expressions) runs without panicking, and twice to the same bytes.
    #[test]
    fn generated_machines_run_deterministically(
        bytes in prop::collection::vec(any::<u8>(), 0..128),
        seed in any::<u64>(),
    ) {
        let (text, input) = generate::machine(&bytes);
        let options = || RunOptions {
            seed,
            limits: Limits { max_transitions: 2_000, ..Limits::default() },
            ..RunOptions::default()
        };
        let first = run_definition(&text, input.clone(), options()).map(|e| e.to_json().to_string());
        let second = run_definition(&text, input, options()).map(|e| e.to_json().to_string());
        match (first, second) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => prop_assert_eq!(a.0, b.0),
            (a, b) => prop_assert!(false, "{a:?} then {b:?}"),
        }
    }
}

//! The conversion aid keeps what a state does: each case's JSONPath state and its JSONata
//! conversion, tested with TestState on the same input (and the same mocked result or error),
//! give the same status, output, next state and error. One case per file:
//! `tests/cases/convert/<behaviour>.json` gives the `state`, the `input`, and for a Task,
//! Parallel or Map the mocked `result` or `error` (`{"error", "cause"}`); `variables` when the
//! state reads some; `converted` when the expected JSONata state is spelled out too.

use asl_core::convert::state_to_jsonata;
use asl_core::test_state::{TestStateOptions, test_state};
use serde_json::{Value, json};
use std::path::Path;

fn outcome(state: &Value, case: &Value) -> Result<Value, String> {
    let mut request = json!({
        "definition": state.to_string(),
        "input": case.get("input").cloned().unwrap_or(json!({})).to_string(),
        "inspectionLevel": "INFO",
    });
    if let Some(result) = case.get("result") {
        request["mock"] = json!({"result": result.to_string(), "fieldValidationMode": "NONE"});
    }
    if let Some(error) = case.get("error") {
        request["mock"] = json!({"errorOutput": error});
    }
    if let Some(variables) = case.get("variables") {
        request["variables"] = json!(variables.to_string());
    }
    let response = test_state(&request, &TestStateOptions::default())
        .map_err(|e| format!("TestState refused: {}", e.message))?;
    let parsed = |key: &str| {
        response[key]
            .as_str()
            .map_or(Value::Null, |s| serde_json::from_str(s).unwrap_or(json!(s)))
    };
    Ok(json!({
        "status": response["status"],
        "output": parsed("output"),
        "nextState": response["nextState"],
        "error": response["error"],
        "cause": response["cause"],
    }))
}

fn check(case: &Value) -> Result<(), String> {
    let state = &case["state"];
    let converted = state_to_jsonata(state, false).map_err(|e| format!("not converted: {e}"))?;
    if let Some(expected) = case.get("converted")
        && expected != &converted
    {
        return Err(format!("converted to {converted}\n    expected {expected}"));
    }
    let before = outcome(state, case)?;
    let after = outcome(&converted, case)?;
    if before["status"] != "SUCCEEDED" && before["status"] != "CAUGHT_ERROR" {
        return Err(format!(
            "the JSONPath state itself did not succeed: {before}"
        ));
    }
    if before != after {
        return Err(format!(
            "JSONPath gave {before}\n    JSONata gave {after}\n    converted: {converted}"
        ));
    }
    Ok(())
}

#[test]
fn converted_states_do_what_they_did() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/convert");
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let result = serde_json::from_str::<Value>(&text)
                .map_err(|e| format!("not JSON: {e}"))
                .and_then(|case| check(&case));
            result.err().map(|why| {
                format!(
                    "{}\n    {why}",
                    path.file_name().unwrap_or_default().display()
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} conversion cases failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

#[test]
fn what_has_no_faithful_form_is_refused() {
    let filter = json!({"Type": "Pass", "InputPath": "$.items[?(@.price > 10)]", "End": true});
    let why = state_to_jsonata(&filter, false).unwrap_err();
    assert!(why.contains("filters"), "{why}");
    let timestamp = json!({"Type": "Choice", "Choices": [
        {"Variable": "$.at", "TimestampEquals": "2024-01-01T00:00:00Z", "Next": "A"}], "Default": "A"});
    let why = state_to_jsonata(&timestamp, false).unwrap_err();
    assert!(why.contains("TimestampEquals"), "{why}");
}

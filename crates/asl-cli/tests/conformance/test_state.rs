//! TestState cases: requests recorded against AWS, run through `asl test-state`.
//!
//! A Task recorded without a mock called the real service: when the recording shows the service's
//! result (inspection data), that result is given as the mock; otherwise the case needs AWS and
//! is not counted.

use crate::asl;
use crate::corpus::{matches, read_jsonl};
use crate::{Outcome, Skipped};
use serde_json::{Value, json};
use std::path::Path;

const IDENTITY: [&str; 4] = ["--account", "111111111111", "--region", "us-east-1"];

pub(crate) fn run(dir: &Path, skipped: &mut Skipped) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for case in read_jsonl(&dir.join("test_state.jsonl")) {
        let request = match answerable(&case["request"], &case["expected"]) {
            Ok(request) => request,
            Err(reason) => {
                *skipped.entry(reason).or_default() += 1;
                continue;
            }
        };
        let (_, response) = asl::test_state(&request, &IDENTITY);
        outcomes.push(Outcome {
            id: case["id"].as_str().unwrap_or_default().to_string(),
            category: case["category"]
                .as_str()
                .unwrap_or("test_state")
                .to_string(),
            failure: compare(&response, &case["expected"]),
        });
    }
    for case in read_jsonl(&dir.join("validation.jsonl")) {
        if case["api"] != "test_state" {
            continue;
        }
        let mut request = case["request"].clone();
        if let Some(o) = request.as_object_mut() {
            o.remove("input_as_snapshot");
        }
        let (code, response) = asl::test_state(&request, &IDENTITY);
        let expected = rejection(&case["expected"]);
        let failure = match expected {
            None => Some("the recording has no error".to_string()),
            Some((expected_code, message)) => {
                let ours = (
                    response["Error"]["Code"].as_str(),
                    response["Error"]["Message"].as_str(),
                );
                if code == 2 && ours == (Some(expected_code.as_str()), Some(message.as_str())) {
                    None
                } else {
                    Some(format!(
                        "expected {expected_code}: {message:?}\n    got {response}"
                    ))
                }
            }
        };
        outcomes.push(Outcome {
            id: case["id"].as_str().unwrap_or_default().to_string(),
            category: "test_state/rejected_requests".into(),
            failure,
        });
    }
    outcomes
}

const NEEDS_AWS: &str = "TestState of a Task that called AWS, its result not recorded";

/// The request to run, or why the case cannot be answered yet.
fn answerable(request: &Value, expected: &Value) -> Result<Value, &'static str> {
    let mut request = request.clone();
    let Some(object) = request.as_object_mut() else {
        return Err(NEEDS_AWS);
    };
    object.remove("input_as_snapshot");
    let definition: Value = object
        .get("definition")
        .and_then(Value::as_str)
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default();
    let is_task = definition["Type"] == "Task" && object.get("stateName").is_none();
    if is_task && object.get("mock").is_none() {
        let result = expected["inspectionData"].get("result").ok_or(NEEDS_AWS)?;
        let text = match result {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        object.insert(
            "mock".into(),
            json!({"result": text, "fieldValidationMode": "NONE"}),
        );
    }
    Ok(request)
}

fn rejection(expected: &Value) -> Option<(String, String)> {
    if let Some(error) = expected.get("Error") {
        return Some((
            error["Code"].as_str()?.to_string(),
            error["Message"].as_str()?.to_string(),
        ));
    }
    let text = expected.as_str()?;
    let code = text.split_once("An error occurred (")?.1.split_once(')')?.0;
    Some((
        code.to_string(),
        text.split_once(" operation: ")?.1.to_string(),
    ))
}

fn compare(ours: &Value, expected: &Value) -> Option<String> {
    let mut differences = Vec::new();
    for field in ["status", "error", "cause", "nextState", "output"] {
        let (o, e) = (&ours[field], &expected[field]);
        if !matches(o, e) {
            differences.push(format!("{field}: expected {e}, got {o}"));
        }
    }
    let (o, e) = (&ours["inspectionData"], &expected["inspectionData"]);
    if !(o.is_null() && e.is_null()) {
        let keys = |v: &Value| {
            v.as_object()
                .map(|m| m.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        };
        let (mut ok, mut ek) = (keys(o), keys(e));
        ok.sort();
        ek.sort();
        if ok != ek {
            differences.push(format!(
                "inspectionData fields: expected {ek:?}, got {ok:?}"
            ));
        } else {
            for key in ek {
                if !matches(&o[&key], &e[&key]) {
                    differences.push(format!(
                        "inspectionData.{key}: expected {}, got {}",
                        e[&key], o[&key]
                    ));
                }
            }
        }
    }
    (!differences.is_empty()).then(|| differences.join("\n    "))
}

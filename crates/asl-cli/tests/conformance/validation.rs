//! Validation cases: AWS's answers to ValidateStateMachineDefinition and CreateStateMachine, and
//! every definition AWS accepted and ran (which must validate without error), all through
//! `asl validate`.

use crate::asl::validate;
use crate::corpus::{mask, read_jsonl, unmask_definition};
use crate::{Outcome, Skipped};
use serde_json::Value;
use std::path::Path;

pub(crate) fn run(dir: &Path, skipped: &mut Skipped) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for case in read_jsonl(&dir.join("validation.jsonl")) {
        match rejected_or_validated(&case) {
            Some(outcome) => outcomes.push(outcome),
            // TestState rejections are answered with the TestState cases.
            None if case["api"] == "test_state" => {}
            None => *skipped.entry("requests rejected for reasons other than the definition (names, logging, versions, execution input)").or_default() += 1,
        }
    }
    for case in read_jsonl(&dir.join("executions.jsonl")) {
        let definition = serde_json::to_string_pretty(&case["definition"]).unwrap_or_default();
        let machine_type = case["state_machine_type"].as_str().unwrap_or("STANDARD");
        outcomes.push(accepted(&case, &definition, machine_type));
    }
    for case in read_jsonl(&dir.join("test_state.jsonl")) {
        // Whole machines (stateName given) were accepted as definitions.
        let request = &case["request"];
        if request["stateName"].is_string()
            && let Some(definition) = request["definition"].as_str()
        {
            outcomes.push(accepted(&case, definition, "STANDARD"));
        }
    }
    outcomes
}

fn id(case: &Value) -> String {
    case["id"].as_str().unwrap_or_default().to_string()
}

/// A definition AWS created and ran: no errors.
fn accepted(case: &Value, definition: &str, machine_type: &str) -> Outcome {
    let response = validate(definition, &["--type", machine_type, "--severity", "ERROR"]);
    let failure = (response["result"] != "OK").then(|| {
        let messages: Vec<String> = response["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| format!("{} {} at {}", d["code"], d["message"], d["location"]))
            .collect();
        format!(
            "AWS accepted this definition; we report: {}",
            messages.join("; ")
        )
    });
    Outcome {
        id: format!("{}#accepted", id(case)),
        category: format!(
            "accepted-definitions/{}",
            case["category"].as_str().unwrap_or("?")
        ),
        failure,
    }
}

/// A ValidateStateMachineDefinition response, or a CreateStateMachine rejection of the
/// definition. Other rejected calls (logging configuration, names, versions) are not about the
/// definition and are not answerable here.
fn rejected_or_validated(case: &Value) -> Option<Outcome> {
    let api_name = case["api"].as_str()?;
    let request = &case["request"];
    let definition = unmask_definition(request["definition"].as_str()?);
    let max_results = request["maxResults"].as_u64().unwrap_or(100).to_string();
    let args = [
        "--type",
        request["type"].as_str().unwrap_or("STANDARD"),
        "--severity",
        request["severity"].as_str().unwrap_or("ERROR"),
        "--max-results",
        &max_results,
    ];
    let failure = match api_name {
        "validate_state_machine_definition" => {
            compare_validation(&validate(&definition, &args), &case["expected"])
        }
        "create_state_machine" => {
            let expected = expected_message(&case["expected"])?;
            if !expected.starts_with("Invalid State Machine Definition: ") {
                return None;
            }
            match create_state_machine_message(&validate(&definition, &args)) {
                Some(ours) if mask(&ours) == expected => None,
                Some(ours) => Some(format!(
                    "expected {expected:?}\n    got      {:?}",
                    mask(&ours)
                )),
                None => Some(format!("expected {expected:?}\n    got      OK")),
            }
        }
        _ => return None,
    };
    Some(Outcome {
        id: id(case),
        category: "validation".into(),
        failure,
    })
}

/// What CreateStateMachine says of a definition ValidateStateMachineDefinition fails:
/// `Invalid State Machine Definition: 'CODE: message at /location, …'`.
fn create_state_machine_message(response: &Value) -> Option<String> {
    if response["result"] == "OK" {
        return None;
    }
    let items: Vec<String> = response["diagnostics"]
        .as_array()?
        .iter()
        .filter(|d| d["severity"] == "ERROR")
        .map(|d| {
            let code = d["code"].as_str().unwrap_or_default();
            let message = d["message"].as_str().unwrap_or_default();
            match d["location"].as_str() {
                Some(location) => format!("{code}: {message} at {location}"),
                None => format!("{code}: {message}"),
            }
        })
        .collect();
    Some(format!(
        "Invalid State Machine Definition: '{}'",
        items.join(", ")
    ))
}

/// The rejection message, from either form the recorder used.
fn expected_message(expected: &Value) -> Option<String> {
    if let Some(message) = expected["Error"]["Message"].as_str() {
        return Some(message.to_string());
    }
    let text = expected.as_str()?;
    text.split_once(" operation: ").map(|(_, m)| m.to_string())
}

/// AWS's response against ours, `line` and `column` aside (AWS has none).
fn compare_validation(ours: &Value, expected: &Value) -> Option<String> {
    if ours["result"] != expected["result"] {
        return Some(format!(
            "result: expected {}, got {} ({ours})",
            expected["result"], ours["result"]
        ));
    }
    if ours["truncated"] != expected["truncated"] {
        return Some(format!(
            "truncated: expected {}, got {}",
            expected["truncated"], ours["truncated"]
        ));
    }
    let strip = |list: &Value| -> Vec<Value> {
        let mut items = list.as_array().cloned().unwrap_or_default();
        for item in &mut items {
            if let Some(o) = item.as_object_mut() {
                o.remove("line");
                o.remove("column");
            }
        }
        items
    };
    let (ours_list, expected_list) = (strip(&ours["diagnostics"]), strip(&expected["diagnostics"]));
    (ours_list != expected_list).then(|| {
        format!(
            "diagnostics: expected {}\n    got      {}",
            Value::Array(expected_list),
            Value::Array(ours_list)
        )
    })
}

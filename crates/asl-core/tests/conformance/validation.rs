//! Validation cases: AWS's answers to ValidateStateMachineDefinition and CreateStateMachine, and
//! every definition AWS accepted and ran (which must validate without error).

use crate::Outcome;
use crate::corpus::{mask, read_jsonl, unmask_definition};
use asl_core::api::{self, ValidateOptions};
use asl_core::diag::Severity;
use asl_core::validate::MachineType;
use serde_json::Value;
use std::path::Path;

pub(crate) fn run(dir: &Path) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for case in read_jsonl(&dir.join("validation.jsonl")) {
        if let Some(outcome) = rejected_or_validated(&case) {
            outcomes.push(outcome);
        }
    }
    for case in read_jsonl(&dir.join("executions.jsonl")) {
        let definition = serde_json::to_string_pretty(&case["definition"]).unwrap_or_default();
        let machine_type = machine_type(case["state_machine_type"].as_str());
        outcomes.push(accepted(&case, &definition, machine_type));
    }
    for case in read_jsonl(&dir.join("test_state.jsonl")) {
        // Whole machines (stateName given) were accepted as definitions.
        let request = &case["request"];
        if request["stateName"].is_string()
            && let Some(definition) = request["definition"].as_str()
        {
            outcomes.push(accepted(&case, definition, MachineType::Standard));
        }
    }
    outcomes
}

fn machine_type(name: Option<&str>) -> MachineType {
    name.and_then(|n| n.parse().ok()).unwrap_or_default()
}

fn id(case: &Value) -> String {
    case["id"].as_str().unwrap_or_default().to_string()
}

/// A definition AWS created and ran: no errors.
fn accepted(case: &Value, definition: &str, machine_type: MachineType) -> Outcome {
    let options = ValidateOptions {
        machine_type,
        severity: Severity::Error,
        ..ValidateOptions::default()
    };
    let validation = api::validate(definition, &options);
    let failure = (!validation.ok).then(|| {
        let messages: Vec<String> = validation
            .diagnostics
            .iter()
            .map(|l| {
                format!(
                    "{} {} at {}",
                    l.diagnostic.code,
                    l.diagnostic.message,
                    l.diagnostic.location.as_deref().unwrap_or("-")
                )
            })
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
    let options = ValidateOptions {
        machine_type: machine_type(request["type"].as_str()),
        severity: match request["severity"].as_str() {
            Some("WARNING") => Severity::Warning,
            _ => Severity::Error,
        },
        max_results: request["maxResults"].as_u64().map_or(100, |n| n as usize),
        format: None,
    };
    let failure = match api_name {
        "validate_state_machine_definition" => {
            let ours = api::validate(&definition, &options).to_aws_json();
            compare_validation(&ours, &case["expected"])
        }
        "create_state_machine" => {
            let expected = expected_message(&case["expected"])?;
            let prefix = "Invalid State Machine Definition: ";
            if !expected.starts_with(prefix) {
                return None;
            }
            let ours = api::validate(&definition, &options)
                .create_state_machine_message()
                .map(|m| mask(&m));
            match ours {
                Some(ours) if ours == expected => None,
                Some(ours) => Some(format!("expected {expected:?}\n    got      {ours:?}")),
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

/// The rejection message, from either form the recorder used.
fn expected_message(expected: &Value) -> Option<String> {
    if let Some(message) = expected["Error"]["Message"].as_str() {
        return Some(message.to_string());
    }
    let text = expected.as_str()?;
    text.split_once(" operation: ").map(|(_, m)| m.to_string())
}

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
        list.as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|d| {
                        let mut d = d.clone();
                        if let Some(o) = d.as_object_mut() {
                            o.remove("line");
                            o.remove("column");
                        }
                        d
                    })
                    .collect()
            })
            .unwrap_or_default()
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

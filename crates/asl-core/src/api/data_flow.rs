//! The data flow of one state, stage by stage, for the playground's data-flow panel.

use crate::json::Node;
use crate::source;
use crate::test_state::{TestStateOptions, test_state};
use serde_json::{Value, json};

/// What to show the data flow of.
#[derive(Clone, Debug, Default)]
pub struct DataFlowRequest<'a> {
    /// The machine's definition.
    pub definition: &'a str,
    /// The state.
    pub state: &'a str,
    /// The state's input (JSON text).
    pub input: &'a str,
    /// The work's result, for Task, Parallel and Map states (JSON text; default `{}`).
    pub result: Option<&'a str>,
    /// Workflow variables (a JSON object's text).
    pub variables: Option<&'a str>,
}

/// One stage of the data flow.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// TestState's name for it (`afterInputPath`), or `output`.
    pub key: &'static str,
    /// What to call it (`After InputPath`).
    pub label: &'static str,
    /// The data after it; `None` when the state failed before it.
    pub value: Option<Value>,
    /// True for the stage where the state failed.
    pub failed: bool,
}

/// The stages of a state, its outcome, or why it could not be run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataFlow {
    /// The stages, in order.
    pub stages: Vec<Stage>,
    /// `SUCCEEDED`, `FAILED`, `RETRIABLE` or `CAUGHT_ERROR`.
    pub status: Option<String>,
    /// The error raised.
    pub error: Option<String>,
    /// Its cause.
    pub cause: Option<String>,
    /// The state it goes to next.
    pub next_state: Option<String>,
    /// Why the state could not be run at all (an invalid definition, an input that is not JSON…).
    pub problem: Option<String>,
}

const LABELS: [(&str, &str); 11] = [
    ("input", "Input"),
    ("afterInputPath", "After InputPath"),
    ("afterItemsPath", "After ItemsPath"),
    ("afterParameters", "After Parameters"),
    ("afterArguments", "After Arguments"),
    ("result", "Result"),
    ("afterResultSelector", "After ResultSelector"),
    ("afterResultPath", "After ResultPath"),
    ("output", "Output"),
    ("variables", "Variables"),
    ("afterItemSelector", "After ItemSelector"),
];

fn label(key: &str) -> (&'static str, &'static str) {
    LABELS
        .iter()
        .find(|(k, _)| *k == key)
        .copied()
        .unwrap_or(("output", "Output"))
}

/// Run one state of the machine on an input (TestState at TRACE level) and lay out its stages.
pub fn data_flow(request: &DataFlowRequest<'_>) -> DataFlow {
    let problem = |message: String| DataFlow {
        problem: Some(message),
        ..DataFlow::default()
    };
    let input: Value = match serde_json::from_str(request.input) {
        Ok(input) => input,
        Err(e) => return problem(format!("The input is not JSON: {e}")),
    };
    let Some((type_name, has_result)) = kind(request.definition, request.state) else {
        return problem(format!("There is no state named '{}'", request.state));
    };
    let mut test = json!({
        "definition": request.definition,
        "stateName": request.state,
        "input": input.to_string(),
        "inspectionLevel": "TRACE",
    });
    if matches!(type_name.as_str(), "Task" | "Parallel" | "Map") {
        test["mock"] =
            json!({ "result": request.result.unwrap_or("{}"), "fieldValidationMode": "NONE" });
    }
    if let Some(variables) = request.variables {
        test["variables"] = json!(variables);
    }
    let response = match test_state(&test, &TestStateOptions::default()) {
        Ok(response) => response,
        Err(e) => return problem(e.message),
    };
    let expected: &[&str] = match (type_name.as_str(), has_result) {
        ("Pass", true) => &["input", "result", "afterResultSelector", "afterResultPath"],
        ("Pass", false) => &[
            "input",
            "afterInputPath",
            "afterParameters",
            "afterResultSelector",
            "afterResultPath",
        ],
        ("Task", _) => &[
            "input",
            "afterInputPath",
            "afterParameters",
            "result",
            "afterResultSelector",
            "afterResultPath",
        ],
        ("Parallel", _) => &["input", "afterResultSelector", "afterResultPath"],
        ("Map", _) => &[
            "input",
            "afterInputPath",
            "afterItemsPath",
            "afterResultSelector",
            "afterResultPath",
        ],
        _ => &["input", "afterInputPath"],
    };
    let inspection = &response["inspectionData"];
    let parse = |v: &Value| v.as_str().and_then(|s| serde_json::from_str(s).ok());
    let status = response["status"].as_str().map(str::to_string);
    let failed = status.as_deref() == Some("FAILED");
    let mut stages: Vec<Stage> = Vec::new();
    let mut keys: Vec<&str> = expected.to_vec();
    if type_name != "Fail" {
        keys.push("output");
    }
    let mut failure_marked = false;
    for key in keys {
        let value = if key == "output" {
            parse(&response["output"])
        } else {
            parse(&inspection[key])
        };
        let is_failure = failed && value.is_none() && !failure_marked;
        failure_marked |= is_failure;
        let (key, label) = label(key);
        stages.push(Stage {
            key,
            label,
            value,
            failed: is_failure,
        });
    }
    if failed
        && !failure_marked
        && let Some(last) = stages.last_mut()
    {
        last.failed = true;
    }
    if let Some(variables) = parse(&inspection["variables"]) {
        stages.push(Stage {
            key: "variables",
            label: "Variables",
            value: Some(variables),
            failed: false,
        });
    }
    DataFlow {
        stages,
        status,
        error: response["error"].as_str().map(str::to_string),
        cause: response["cause"].as_str().map(str::to_string),
        next_state: response["nextState"].as_str().map(str::to_string),
        problem: None,
    }
}

/// The state's `Type`, and for a Pass whether it has a `Result`.
fn kind(definition: &str, name: &str) -> Option<(String, bool)> {
    let read = source::read(definition, None).ok()?;
    let state = find(&read.root, name)?;
    let object = state.as_object()?;
    Some((
        object.get("Type")?.as_str()?.to_string(),
        object.contains("Result"),
    ))
}

fn find<'n>(machine: &'n Node, name: &str) -> Option<&'n Node> {
    let states = machine.as_object()?.get("States")?.as_object()?;
    states.members.iter().rev().find_map(|m| {
        if &*m.key.name == name {
            return Some(&m.value);
        }
        let state = m.value.as_object()?;
        let branches = state
            .get("Branches")
            .and_then(Node::as_array)
            .unwrap_or_default();
        let processor = state.get("ItemProcessor").or_else(|| state.get("Iterator"));
        branches
            .iter()
            .chain(processor)
            .find_map(|block| find(block, name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MACHINE: &str = r#"{"StartAt": "Fetch", "States": {
        "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "InputPath": "$.order", "Parameters": {"id.$": "$.id"},
                  "ResultSelector": {"total.$": "$.Payload.total"}, "ResultPath": "$.charge",
                  "OutputPath": "$.charge", "Next": "Done"},
        "Done": {"Type": "Succeed"}}}"#;

    #[test]
    fn shows_every_stage_of_a_task() {
        let flow = data_flow(&DataFlowRequest {
            definition: MACHINE,
            state: "Fetch",
            input: r#"{"order": {"id": 7}}"#,
            result: Some(r#"{"Payload": {"total": 42}}"#),
            variables: None,
        });
        let stages: Vec<(&str, Option<Value>)> = flow
            .stages
            .iter()
            .map(|s| (s.label, s.value.clone()))
            .collect();
        assert_eq!(
            stages,
            [
                ("Input", Some(json!({"order": {"id": 7}}))),
                ("After InputPath", Some(json!({"id": 7}))),
                ("After Parameters", Some(json!({"id": 7}))),
                ("Result", Some(json!({"Payload": {"total": 42}}))),
                ("After ResultSelector", Some(json!({"total": 42}))),
                (
                    "After ResultPath",
                    Some(json!({"order": {"id": 7}, "charge": {"total": 42}}))
                ),
                ("Output", Some(json!({"total": 42}))),
            ]
        );
        assert_eq!(flow.next_state.as_deref(), Some("Done"));
    }

    #[test]
    fn marks_the_stage_that_failed() {
        let flow = data_flow(&DataFlowRequest {
            definition: MACHINE,
            state: "Fetch",
            input: r#"{"nope": 1}"#,
            ..Default::default()
        });
        assert_eq!(flow.status.as_deref(), Some("FAILED"));
        assert_eq!(flow.error.as_deref(), Some("States.Runtime"));
        let failed: Vec<&str> = flow
            .stages
            .iter()
            .filter(|s| s.failed)
            .map(|s| s.label)
            .collect();
        assert_eq!(failed, ["After InputPath"]);
    }

    #[test]
    fn explains_what_cannot_run() {
        let flow = data_flow(&DataFlowRequest {
            definition: MACHINE,
            state: "Nope",
            input: "{}",
            ..Default::default()
        });
        assert!(flow.problem.unwrap().contains("no state named 'Nope'"));
        let flow = data_flow(&DataFlowRequest {
            definition: MACHINE,
            state: "Fetch",
            input: "{",
            ..Default::default()
        });
        assert!(flow.problem.unwrap().starts_with("The input is not JSON"));
    }
}

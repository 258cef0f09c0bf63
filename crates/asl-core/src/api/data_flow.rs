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
    let Some(Kind {
        type_name,
        has_result,
        jsonata,
    }) = kind(request.definition, request.state)
    else {
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
        // JSONata: Arguments before the work, the result, then Output (and the variables).
        ("Task" | "Parallel", _) if jsonata => &["input", "afterArguments", "result"],
        ("Map", _) if jsonata => &["input", "result"],
        _ if jsonata => &["input"],
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
        let value = match key {
            "output" => parse(&response["output"]),
            // TestState does not report a JSONata state's result: it is the one given.
            "result" if jsonata && !failed => {
                serde_json::from_str(request.result.unwrap_or("{}")).ok()
            }
            _ => parse(&inspection[key]),
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

/// What decides a state's stages.
struct Kind {
    /// Its `Type`.
    type_name: String,
    /// A Pass with a `Result`.
    has_result: bool,
    /// Written in JSONata (itself, or the whole machine).
    jsonata: bool,
}

fn kind(definition: &str, name: &str) -> Option<Kind> {
    let read = source::read(definition, None).ok()?;
    let state = find(&read.root, name)?;
    let object = state.as_object()?;
    let language = |object: &crate::json::Object| {
        object.get("QueryLanguage").and_then(Node::as_str) == Some("JSONata")
    };
    Some(Kind {
        type_name: object.get("Type")?.as_str()?.to_string(),
        has_result: object.contains("Result"),
        jsonata: language(object) || read.root.as_object().is_some_and(language),
    })
}

/// A state's node, anywhere in the machine (in branches and Map processors too).
pub(super) fn find<'n>(machine: &'n Node, name: &str) -> Option<&'n Node> {
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

    /// Each stage's label and value.
    fn labelled(flow: &DataFlow) -> Vec<(&'static str, Option<Value>)> {
        flow.stages
            .iter()
            .map(|s| (s.label, s.value.clone()))
            .collect()
    }

    #[test]
    fn shows_every_stage_of_a_task() {
        let flow = data_flow(&DataFlowRequest {
            definition: MACHINE,
            state: "Fetch",
            input: r#"{"order": {"id": 7}}"#,
            result: Some(r#"{"Payload": {"total": 42}}"#),
            variables: None,
        });
        let stages = labelled(&flow);
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
    fn shows_arguments_result_output_and_variables_in_jsonata() {
        let machine = r#"{"QueryLanguage": "JSONata", "StartAt": "Charge", "States": {
            "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Arguments": {"FunctionName": "charge", "Payload": {"id": "{% $states.input.id %}"}},
                       "Assign": {"paid": "{% $states.result.Payload.total %}"},
                       "Output": {"total": "{% $states.result.Payload.total %}"}, "End": true}}}"#;
        let flow = data_flow(&DataFlowRequest {
            definition: machine,
            state: "Charge",
            input: r#"{"id": 7}"#,
            result: Some(r#"{"Payload": {"total": 42}}"#),
            variables: None,
        });
        let stages = labelled(&flow);
        assert_eq!(
            stages,
            [
                ("Input", Some(json!({"id": 7}))),
                (
                    "After Arguments",
                    Some(json!({"FunctionName": "charge", "Payload": {"id": 7}}))
                ),
                ("Result", Some(json!({"Payload": {"total": 42}}))),
                ("Output", Some(json!({"total": 42}))),
                ("Variables", Some(json!({"paid": 42}))),
            ]
        );
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

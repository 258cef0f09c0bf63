//! `--callbacks` scripts that replay what a recording shows the world did: the answers to
//! callback (`.waitForTaskToken`) and activity tasks, the heartbeats and timeouts that ran out,
//! and StopExecution.

use serde_json::{Value, json};

/// The script a recorded history implies, and the states it answers (which must then not be
/// mocked): `None` when the world did nothing the mocks do not already say.
pub(crate) fn script(history: &[Value]) -> Option<(Value, Vec<String>)> {
    let mut actions = Vec::new();
    let mut answered = Vec::new();
    let mut state = String::new();
    let mut limits: (Option<u64>, Option<u64>) = (None, None);
    let mut waiting = false;
    for event in history {
        let kind = event["type"].as_str().unwrap_or_default();
        match kind {
            "TaskStateEntered" => {
                state = event["stateEnteredEventDetails"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
            }
            "TaskScheduled" => {
                let details = &event["taskScheduledEventDetails"];
                waiting = details["resource"]
                    .as_str()
                    .is_some_and(|r| r.ends_with(".waitForTaskToken"));
                limits = (
                    details["heartbeatInSeconds"].as_u64(),
                    details["timeoutInSeconds"].as_u64(),
                );
            }
            "ActivityScheduled" => {
                let details = &event["activityScheduledEventDetails"];
                waiting = true;
                limits = (
                    details["heartbeatInSeconds"].as_u64(),
                    details["timeoutInSeconds"].as_u64(),
                );
            }
            "TaskSucceeded" | "ActivitySucceeded" if waiting => {
                let details = event
                    .get("taskSucceededEventDetails")
                    .or_else(|| event.get("activitySucceededEventDetails"))
                    .unwrap_or(&Value::Null);
                let output = match &details["output"] {
                    Value::String(text) => serde_json::from_str(text).unwrap_or(json!(text)),
                    other => other.clone(),
                };
                actions.push(json!({"state": state, "success": output}));
                answered.push(state.clone());
                waiting = false;
            }
            "TaskFailed" | "ActivityFailed" if waiting => {
                let details = event
                    .get("taskFailedEventDetails")
                    .or_else(|| event.get("activityFailedEventDetails"))
                    .unwrap_or(&Value::Null);
                let text = |v: &Value| match v {
                    Value::Null => Value::Null,
                    Value::String(s) => json!(s),
                    other => json!(other.to_string()),
                };
                actions.push(json!({"state": state, "failure": {
                    "error": text(&details["error"]),
                    "cause": text(&details["cause"]),
                }}));
                answered.push(state.clone());
                waiting = false;
            }
            "TaskTimedOut" | "ActivityTimedOut" if waiting => {
                if let Some(seconds) = limits.0.or(limits.1) {
                    actions.push(json!({ "advance": seconds }));
                    answered.push(state.clone());
                }
                waiting = false;
            }
            "ExecutionAborted" => actions.push(json!({"stop": {}})),
            _ => {}
        }
    }
    (!actions.is_empty()).then(|| (Value::Array(actions), answered))
}

/// The mock configuration without the states the script answers.
pub(crate) fn unmocked(mock_config: &Value, states: &[String]) -> Value {
    let mut config = mock_config.clone();
    if let Some(machines) = config["StateMachines"].as_object_mut() {
        for machine in machines.values_mut() {
            if let Some(cases) = machine["TestCases"].as_object_mut() {
                for case in cases.values_mut() {
                    if let Some(case) = case.as_object_mut() {
                        case.retain(|state, _| !states.contains(state));
                    }
                }
            }
        }
    }
    config
}

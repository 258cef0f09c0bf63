//! Mocks for the Task states a test case leaves out: which ones they are, and a MockConfigFile
//! entry for one of them, with a result of the shape its resource returns, for the user to edit.
//! The playground never calls AWS, so a Task without a mock fails with `Playground.MockMissing`;
//! these let the page offer "Add a mock" before the run fails, and after.

use crate::analysis::{Analysis, AnalysisOptions};
use crate::exec::mock::MockConfig;
use crate::json;
use crate::model::{Machine, StateKind};
use crate::resource::{Integration, Pattern, Resource};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// A Task state with no mocked response in the test case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnmockedTask {
    /// The state's name (nested states included: a test case names states flatly).
    pub state: String,
    /// Its `Resource`, as written.
    pub resource: String,
}

/// What [`add_mock`] made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AddedMock {
    /// The whole mock configuration, with the entry added.
    pub mocks: String,
    /// The test case it was added to (made when there was none).
    pub test_case: String,
    /// The name of the mocked response added.
    pub response: String,
}

/// The test case a new configuration's first entry goes in.
const FIRST_TEST_CASE: &str = "HappyPath";

/// The Task states, in definition order (branches and Map processors included), that the test
/// case `test_case` of `mocks` does not mock; an empty `test_case` is the configuration's only
/// one. All of them when `mocks` is empty; none when the definition or the mocks do not read
/// (their own problems are reported where they are), or no test case is chosen among several.
pub fn unmocked_tasks(
    definition: &str,
    mocks: &str,
    test_case: &str,
    machine_name: &str,
) -> Vec<UnmockedTask> {
    let Ok(machine) = Analysis::new(definition, &AnalysisOptions::default()).machine() else {
        return Vec::new();
    };
    let mut tasks = Vec::new();
    collect_tasks(&machine, &mut tasks);
    if mocks.trim().is_empty() {
        return tasks;
    }
    let Ok(config) = json::read_value(mocks)
        .map_err(drop)
        .and_then(|value| MockConfig::from_json(&value).map_err(drop))
    else {
        return Vec::new();
    };
    let machine = config_machine(&config, machine_name);
    let cases: Vec<&str> = config.test_case_names(&machine).collect();
    let case = match (test_case.is_empty(), cases.as_slice()) {
        (false, _) => test_case,
        (true, [only]) => only,
        (true, []) => return tasks,
        (true, _) => return Vec::new(),
    };
    match config.test_case(&machine, case) {
        Ok(mocked) => tasks.retain(|task| !mocked.mocks(&task.state)),
        // A test case not written yet mocks nothing.
        Err(_) if !cases.contains(&case) => {}
        Err(_) => tasks.clear(),
    }
    tasks
}

/// `mocks` with a mocked response for the Task state `state` added to the test case
/// `test_case` (the configuration's only one when empty; made when missing), and the state
/// mapped to it. The response returns what a successful call of the state's resource returns
/// ([`example_result`]). An error, and `mocks` untouched, when the mocks are not a readable JSON
/// object or the definition has no Task state of that name.
pub fn add_mock(
    definition: &str,
    mocks: &str,
    state: &str,
    test_case: &str,
    machine_name: &str,
) -> Result<AddedMock, String> {
    let machine = Analysis::new(definition, &AnalysisOptions::default())
        .machine()
        .map_err(|_| "The definition has errors: correct them before adding mocks.".to_string())?;
    let mut tasks = Vec::new();
    collect_tasks(&machine, &mut tasks);
    let task = tasks
        .iter()
        .find(|task| task.state == state)
        .ok_or_else(|| format!("The definition has no Task state named '{state}'."))?;
    let mut root = if mocks.trim().is_empty() {
        Value::Object(Map::new())
    } else {
        json::read_value(mocks).map_err(|error| {
            format!(
                "The mock configuration does not read ({}): correct it before adding mocks.",
                error.message
            )
        })?
    };
    // Only the configuration's own shape matters here; the names it refers to are checked
    // when it runs.
    let config = MockConfig::from_json(&root).unwrap_or_default();
    let machine_key = config_machine(&config, machine_name);
    let cases: Vec<&str> = config.test_case_names(&machine_key).collect();
    let case = match (test_case.is_empty(), cases.as_slice()) {
        (false, _) => test_case.to_string(),
        (true, [only]) => (*only).to_string(),
        (true, _) => FIRST_TEST_CASE.to_string(),
    };
    let top = root
        .as_object_mut()
        .ok_or("The mock configuration must be a JSON object.")?;
    let responses = object_at(top, "MockedResponses")?;
    let response = fresh_name(responses, &format!("{}Succeeds", identifier(state)));
    let example = example_result(
        &Resource::parse(&task.resource)
            .unwrap_or(Resource::Integration(Integration::opaque(&task.resource))),
    );
    responses.insert(response.clone(), json!({"0": {"Return": example}}));
    let machines = object_at(top, "StateMachines")?;
    let machine_entry = object_at(machines, &machine_key)?;
    let test_cases = object_at(machine_entry, "TestCases")?;
    let states = object_at(test_cases, &case)?;
    states.insert(state.to_string(), Value::String(response.clone()));
    let mut text = serde_json::to_string_pretty(&root).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(AddedMock {
        mocks: text,
        test_case: case,
        response,
    })
}

/// What a successful call of `resource` returns, as a mock's `Return` gives it: the response's
/// usual fields with placeholder values (`example-results.json`). A callback's result is what
/// the worker sends, and an API not listed returns an empty object.
pub fn example_result(resource: &Resource<'_>) -> Value {
    let Resource::Integration(integration) = resource else {
        // A Lambda function ARN returns the function's payload; an activity, its worker's
        // output.
        return json!({});
    };
    if integration.pattern == Pattern::WaitForTaskToken {
        return json!({});
    }
    let key = format!("{}:{}", integration.resource_type, integration.api);
    let examples: Value =
        serde_json::from_str(include_str!("example-results.json")).unwrap_or_default();
    let sync = integration.pattern.is_sync().then(|| format!("{key}.sync"));
    sync.iter()
        .chain([&key])
        .find_map(|key| examples.get(key.as_str()))
        .cloned()
        .unwrap_or_else(|| json!({}))
}

/// Every Task state of `machine` that a run needs a mock for and of the machines inside it, in definition order.
fn collect_tasks(machine: &Machine, into: &mut Vec<UnmockedTask>) {
    for state in &machine.states {
        match &state.kind {
            // A callback waits for its answer instead.
            StateKind::Task(task) if task.resource().pattern() == Pattern::WaitForTaskToken => {}
            StateKind::Task(task) => into.push(UnmockedTask {
                state: state.name.to_string(),
                resource: task.resource.clone(),
            }),
            StateKind::Parallel(parallel) => {
                for branch in &parallel.branches {
                    collect_tasks(branch, into);
                }
            }
            StateKind::Map(map) => collect_tasks(&map.processor, into),
            _ => {}
        }
    }
}

/// The state machine a configuration's test cases are read from: its only one, whatever the
/// machine is called (as a run reads it), else the one named `machine_name`.
fn config_machine(config: &MockConfig, machine_name: &str) -> String {
    let machines: Vec<&str> = config.machine_names().collect();
    match machines.as_slice() {
        [only] => (*only).to_string(),
        _ => machine_name.to_string(),
    }
}

/// The object under `key`, made when absent; an error when something else is there.
fn object_at<'m>(
    map: &'m mut Map<String, Value>,
    key: &str,
) -> Result<&'m mut Map<String, Value>, String> {
    map.entry(key)
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| format!("'{key}' of the mock configuration must be a JSON object."))
}

/// `base`, or `base2`, `base3`… whichever `taken` does not have yet.
fn fresh_name(taken: &Map<String, Value>, base: &str) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}{n}")
            }
        })
        .find(|name| !taken.contains_key(name))
        .unwrap_or_else(|| base.to_string())
}

/// A state name as a response name: its letters and digits, each word capitalised.
fn identifier(state: &str) -> String {
    let words = state
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let name: String = words
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    if name.is_empty() { "Task".into() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MACHINE: &str = r#"{"StartAt": "Charge card", "States": {
        "Charge card": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Fan out"},
        "Fan out": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}},
            {"StartAt": "Wait for approval", "States": {"Wait for approval": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}
        ]}
    }}"#;

    fn names(tasks: &[UnmockedTask]) -> Vec<&str> {
        tasks.iter().map(|t| t.state.as_str()).collect()
    }

    #[test]
    fn with_no_mocks_every_task_is_unmocked_nested_ones_included_callbacks_not() {
        let tasks = unmocked_tasks(MACHINE, "", "", "Playground");
        assert_eq!(names(&tasks), ["Charge card", "Notify"]);
        assert_eq!(tasks[1].resource, "arn:aws:states:::sns:publish");
    }

    #[test]
    fn added_mocks_are_read_back_by_the_run_and_leave_the_others_unmocked() {
        let first = add_mock(MACHINE, "", "Charge card", "", "Playground").unwrap();
        assert_eq!(first.test_case, FIRST_TEST_CASE);
        assert_eq!(first.response, "ChargeCardSucceeds");
        let config: Value = serde_json::from_str(&first.mocks).unwrap();
        assert_eq!(
            config["MockedResponses"]["ChargeCardSucceeds"]["0"]["Return"]["StatusCode"],
            200
        );
        assert_eq!(
            config["StateMachines"]["Playground"]["TestCases"]["HappyPath"]["Charge card"],
            "ChargeCardSucceeds"
        );
        let left = unmocked_tasks(MACHINE, &first.mocks, "", "Playground");
        assert_eq!(names(&left), ["Notify"]);

        // The configuration's only test case is used, and a name in use is not taken again.
        let second = add_mock(MACHINE, &first.mocks, "Notify", "", "Other").unwrap();
        assert_eq!(second.test_case, "HappyPath");
        let config: Value = serde_json::from_str(&second.mocks).unwrap();
        assert_eq!(
            config["StateMachines"]["Playground"]["TestCases"]["HappyPath"]["Notify"],
            "NotifySucceeds"
        );
        let third = add_mock(MACHINE, &second.mocks, "Notify", "Refused", "Playground").unwrap();
        assert_eq!(third.response, "NotifySucceeds2");
        assert_eq!(
            names(&unmocked_tasks(
                MACHINE,
                &third.mocks,
                "Refused",
                "Playground"
            )),
            ["Charge card"]
        );
    }

    #[test]
    fn a_machine_mocked_this_way_runs_to_the_end() {
        use crate::api::{RunRequest, RunResult, run};
        use crate::exec::run::ExecutionStatus;
        let machine = r#"{"StartAt": "Charge card", "States": {
            "Charge card": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Notify"},
            "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}
        }}"#;
        let mut mocks = String::new();
        for task in unmocked_tasks(machine, "", "", "Playground") {
            mocks = add_mock(machine, &mocks, &task.state, "", "Playground")
                .unwrap()
                .mocks;
        }
        assert!(unmocked_tasks(machine, &mocks, "", "Playground").is_empty());
        let request = RunRequest {
            definition: machine,
            input: "{}",
            mock_config: Some(&mocks),
            ..RunRequest::default()
        };
        let RunResult::Ran(execution) = run(request) else {
            panic!("did not run");
        };
        assert_eq!(execution.status, ExecutionStatus::Succeeded);
        assert_eq!(
            execution.output.unwrap()["MessageId"],
            "00000000-0000-4000-8000-000000000000"
        );
    }

    #[test]
    fn unreadable_mocks_are_never_overwritten() {
        let broken = r#"{"StateMachines": "#;
        let refused = add_mock(MACHINE, broken, "Notify", "", "Playground").unwrap_err();
        assert!(refused.contains("does not read"), "{refused}");
        assert!(unmocked_tasks(MACHINE, broken, "", "Playground").is_empty());
        let refused = add_mock(MACHINE, "[1]", "Notify", "", "Playground").unwrap_err();
        assert!(refused.contains("JSON object"), "{refused}");
        let refused = add_mock(MACHINE, "", "Fan out", "", "Playground").unwrap_err();
        assert!(
            refused.contains("no Task state named 'Fan out'"),
            "{refused}"
        );
    }

    #[test]
    fn several_test_cases_and_none_chosen_names_nothing() {
        let mocks =
            r#"{"StateMachines": {"M": {"TestCases": {"A": {}, "B": {}}}}, "MockedResponses": {}}"#;
        assert!(unmocked_tasks(MACHINE, mocks, "", "M").is_empty());
        assert_eq!(unmocked_tasks(MACHINE, mocks, "A", "M").len(), 2);
        assert_eq!(unmocked_tasks(MACHINE, mocks, "New", "M").len(), 2);
    }

    #[test]
    fn every_example_is_for_an_integration_the_playground_knows() {
        let examples: Value = serde_json::from_str(include_str!("example-results.json")).unwrap();
        for (key, example) in examples.as_object().unwrap() {
            if key == "_comment" {
                continue;
            }
            let arn = format!("arn:aws:states:::{key}");
            let resource = Resource::parse(&arn).unwrap_or_else(|| panic!("{key}"));
            assert!(resource.is_supported(), "{key}");
            assert_eq!(&example_result(&resource), example, "{key}");
        }
    }

    #[test]
    fn examples_follow_the_resource() {
        let example = |arn: &str| example_result(&Resource::parse(arn).unwrap());
        assert!(example("arn:aws:states:::sns:publish")["MessageId"].is_string());
        assert_eq!(
            example("arn:aws:states:::sqs:sendMessage.waitForTaskToken"),
            json!({})
        );
        assert_eq!(
            example("arn:aws:states:::states:startExecution.sync:2")["Status"],
            "SUCCEEDED"
        );
        assert_eq!(
            example("arn:aws:lambda:us-east-1:123456789012:function:f"),
            json!({})
        );
        assert_eq!(example("arn:aws:states:::aws-sdk:s3:getObject"), json!({}));
    }
}

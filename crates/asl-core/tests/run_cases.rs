//! Whole executions, one behaviour per file: `tests/cases/run/<topic>/<behaviour>.json`.
//!
//! A case gives the `definition`, the `input` (default `{}`), optional `options` (`type`,
//! `seed`, `start_time`, `max_transitions`, `max_events`, `iterate_objects`, `deliveries`),
//! optional `mocks` (a MockConfigFile) with its `test_case`, optional `s3_objects`
//! (`"bucket/key": body`), optional `children` (`"Name": definition`, the state machines
//! `states:startExecution` may start), optional `actions` (what the world does: a `--callbacks`
//! script), and what AWS gives in `expected`: `status`, and when given `output`, `error`,
//! `cause`, `events` (every event type, in order), `previous` (every event's previousEventId),
//! `timestamps` (every event's offset from the start, in milliseconds), `retries` (each retry's
//! `[state, delayMillis]`), `catches` (each catch's `[state, next]`), `waiting` (the states
//! waiting for an answer), `action_errors` (each refused action's `[index, code]`),
//! `redrive_count`, `children` (each nested execution's status), `redelivered` (the status
//! of the second delivery) and `deciding_failure` (the id of the failure event that decided the
//! outcome). A case may also give `starts`, StartExecution calls made after its
//! own (`{input, name}`), and expect in `starts` what each call gave, its own first: the status
//! of a new execution, `Existing` or `ExecutionAlreadyExists: <message>`. Every case also runs
//! twice and must print the same bytes.

use asl_core::api::{self, ChildDefinition, RunRequest, RunResult, Started, Starts};
use asl_core::exec::context::{Identity, parse_timestamp};
use asl_core::exec::run::actions::actions_from_json;
use asl_core::exec::run::{Execution, Limits, RunOptions};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn options(case: &Value) -> Result<RunOptions, String> {
    let o = &case["options"];
    let mut options = RunOptions {
        identity: Identity::default(),
        express: o["type"] == "EXPRESS",
        ..RunOptions::default()
    };
    if let Some(seed) = o["seed"].as_u64() {
        options.seed = seed;
    }
    if let Some(start) = o["start_time"].as_str() {
        options.start_millis = parse_timestamp(start).ok_or("bad start_time")?;
    }
    if let Some(iterate) = o["iterate_objects"].as_bool() {
        options.iterate_objects = iterate;
    }
    options.limits = Limits {
        max_transitions: o["max_transitions"]
            .as_u64()
            .unwrap_or(Limits::default().max_transitions),
        max_events: o["max_events"]
            .as_u64()
            .map_or(Limits::default().max_events, |n| n as usize),
        ..Limits::default()
    };
    if let Some(objects) = case["s3_objects"].as_object() {
        for (name, body) in objects {
            options
                .s3_objects
                .insert(name.clone(), body.as_str().unwrap_or_default().to_string());
        }
    }
    Ok(options)
}

/// Build the case's request (with another input or execution name, for a second start) and
/// give it to `f`.
fn with_request<R>(
    case: &Value,
    input: &Value,
    name: Option<&str>,
    f: impl FnOnce(RunRequest<'_>) -> R,
) -> Result<R, String> {
    let definition = case["definition"].to_string();
    let input = input.to_string();
    let children: Vec<(String, String)> = case["children"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, definition)| (name.clone(), definition.to_string()))
        .collect();
    let mut options = options(case)?;
    if let Some(name) = name {
        options.identity.execution_name = name.to_string();
    }
    if !case["actions"].is_null() {
        options.actions = actions_from_json(&case["actions"])?;
    }
    let mocks = (!case["mocks"].is_null()).then(|| case["mocks"].to_string());
    let request = RunRequest {
        definition: &definition,
        input: &input,
        mock_config: mocks.as_deref(),
        test_case: case["test_case"].as_str(),
        options,
        children: children
            .iter()
            .map(|(name, definition)| ChildDefinition {
                name,
                definition,
                express: false,
            })
            .collect(),
        deliveries: case["options"]["deliveries"]
            .as_u64()
            .map_or(1, |n| n as u32),
    };
    Ok(f(request))
}

fn case_input(case: &Value) -> Value {
    case.get("input").cloned().unwrap_or_else(|| json!({}))
}

fn ran(result: RunResult) -> Result<Execution, String> {
    match result {
        RunResult::Ran(execution) => Ok(*execution),
        RunResult::Invalid(validation) => Err(format!(
            "invalid definition: {:?}",
            validation.create_state_machine_message()
        )),
        RunResult::Problem(problem) => {
            Err(format!("{}: {}", problem.source.as_str(), problem.message))
        }
    }
}

fn execute(case: &Value) -> Result<Execution, String> {
    ran(with_request(case, &case_input(case), None, api::run)?)
}

/// The case's execution started, then each of `starts` (`{input, name}`, both optional) in
/// turn: what StartExecution gave each (the status of a new execution, `Existing`, or
/// `ExecutionAlreadyExists: <message>`).
fn start_outcomes(case: &Value, starts: &[Value]) -> Result<Value, String> {
    let mut session = Starts::default();
    let mut outcomes = Vec::new();
    let first = json!({ "input": case_input(case) });
    for start in std::iter::once(&first).chain(starts) {
        let input = start.get("input").cloned().unwrap_or_else(|| json!({}));
        let started = with_request(case, &input, start["name"].as_str(), |request| {
            session.start(request)
        })?;
        outcomes.push(match started {
            Started::Ran(result) => json!(ran(result)?.status.as_str()),
            Started::Existing(_) => json!("Existing"),
            Started::AlreadyExists(message) => json!(format!("ExecutionAlreadyExists: {message}")),
        });
    }
    Ok(json!(outcomes))
}

fn check(case: &Value) -> Result<(), String> {
    let execution = execute(case)?;
    let again = execute(case)?;
    let (first, second) = (execution.to_json().to_string(), again.to_json().to_string());
    if first != second {
        return Err("two runs of the same case differ".into());
    }
    let expected = &case["expected"];
    let events = &execution.events;
    let ours = [
        ("status", json!(execution.status.as_str())),
        ("output", execution.output.clone().unwrap_or(Value::Null)),
        ("error", json!(execution.error)),
        ("cause", json!(execution.cause)),
        (
            "events",
            json!(
                events
                    .iter()
                    .map(|e| e.kind.type_name())
                    .collect::<Vec<_>>()
            ),
        ),
        (
            "previous",
            json!(
                events
                    .iter()
                    .map(|e| e.previous_event_id)
                    .collect::<Vec<_>>()
            ),
        ),
        (
            "timestamps",
            json!(
                events
                    .iter()
                    .map(|e| e.timestamp - execution.start_millis)
                    .collect::<Vec<_>>()
            ),
        ),
        (
            "retries",
            json!(
                execution
                    .retries
                    .iter()
                    .map(|r| json!([r.handled.state, r.delay_millis]))
                    .collect::<Vec<_>>()
            ),
        ),
        (
            "waiting",
            json!(
                execution
                    .waiting
                    .iter()
                    .map(|w| w.state.clone())
                    .collect::<Vec<_>>()
            ),
        ),
        (
            "action_errors",
            json!(
                execution
                    .action_errors
                    .iter()
                    .map(|e| json!([e.action, e.code]))
                    .collect::<Vec<_>>()
            ),
        ),
        ("redrive_count", json!(execution.redrive_count)),
        ("deciding_failure", json!(execution.deciding_failure())),
        (
            "children",
            json!(
                execution
                    .children
                    .iter()
                    .map(|c| c.status.as_str())
                    .collect::<Vec<_>>()
            ),
        ),
        (
            "starts",
            match case["starts"].as_array() {
                Some(starts) => start_outcomes(case, starts)?,
                None => Value::Null,
            },
        ),
        (
            "redelivered",
            json!(execution.redelivered.as_ref().map(|r| r.status.as_str())),
        ),
        (
            "catches",
            json!(
                execution
                    .catches
                    .iter()
                    .map(|c| json!([c.handled.state, c.next]))
                    .collect::<Vec<_>>()
            ),
        ),
    ];
    let problems: Vec<String> = ours
        .iter()
        .filter_map(|(key, ours)| {
            let theirs = expected.get(*key)?;
            (ours != theirs).then(|| format!("{key}: expected {theirs}, got {ours}"))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn execution_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/run");
    let mut paths = Vec::new();
    files(&root, &mut paths);
    assert!(!paths.is_empty(), "no cases in {}", root.display());
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let result = serde_json::from_str::<Value>(&text)
            .map_err(|e| format!("not JSON: {e}"))
            .and_then(|case| check(&case));
        if let Err(why) = result {
            failures.push(format!("{name}\n    {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} execution cases failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

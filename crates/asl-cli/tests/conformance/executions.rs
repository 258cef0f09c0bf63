//! Whole executions recorded against AWS, run through `asl run` with the recorded names, the
//! recorded service results as a MockConfigFile and the recorded S3 objects.
//!
//! A case agrees when the status, output, error and cause match, and the history has the same
//! events: the same number, the same type and previousEventId at every id AWS recorded in order,
//! and the same types (as a multiset) where the recorder masked the order of concurrent branches
//! and iterations. `ASL_STRICT_HISTORY=1` also compares each event's details (noisy: the
//! recorder's masking of ARNs and fixtures is not all undone).

use crate::corpus::{matches, transform, unmask_definition};
use crate::{Outcome, Skipped};
use crate::{asl, callbacks};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const NEEDS_AWS: &str = "executions that called AWS without a recorded result to mock";

pub(crate) fn run(dir: &Path, skipped: &mut Skipped) -> Vec<Outcome> {
    let scratch = std::env::temp_dir().join(format!("asl-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch directory");
    let mut outcomes = Vec::new();
    for (n, case) in crate::corpus::read_jsonl(&dir.join("executions.jsonl"))
        .into_iter()
        .enumerate()
    {
        if let Err(reason) = answerable(&case) {
            *skipped.entry(reason).or_default() += 1;
            continue;
        }
        let files = CaseFiles::write(&scratch, n, &case);
        let id = case["id"].as_str().unwrap_or_default().to_string();
        let category = case["category"].as_str().unwrap_or("executions");
        let script = case["history"]
            .as_array()
            .and_then(|history| callbacks::script(history));
        // The recorded service results as mocks (a StopExecution is replayed as a script).
        let mut args = arguments(&case, &files);
        if let Some((actions, _)) = script.as_ref().filter(|(_, answered)| answered.is_empty()) {
            let path = scratch.join(format!("{n}-stop.json"));
            std::fs::write(&path, actions.to_string()).expect("write a script");
            args.extend(["--callbacks".to_string(), path.display().to_string()]);
        }
        let (code, execution) = asl::run(&files.definition, &args);
        outcomes.push(Outcome {
            id: id.clone(),
            category: category.to_string(),
            failure: compare(code, &execution, &case),
        });
        // Callbacks answered by a script that replays the recording, those states unmocked.
        if let Some((actions, answered)) = script.filter(|(_, answered)| !answered.is_empty()) {
            let script_path = scratch.join(format!("{n}-callbacks.json"));
            std::fs::write(&script_path, actions.to_string()).expect("write a script");
            let mocks_path = scratch.join(format!("{n}-unmocked.json"));
            let mocks = callbacks::unmocked(&case["mock_config"], &answered);
            std::fs::write(&mocks_path, mocks.to_string()).expect("write mocks");
            let mut args = arguments(&case, &files);
            for pair in args
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w[0] == "--mock-config")
                .map(|(i, _)| i + 1)
                .collect::<Vec<_>>()
            {
                args[pair] = mocks_path.display().to_string();
            }
            args.extend(["--callbacks".to_string(), script_path.display().to_string()]);
            let (code, execution) = asl::run(&files.definition, &args);
            outcomes.push(Outcome {
                id: format!("{id}#callbacks"),
                category: format!("{category} (callbacks script)"),
                failure: compare(code, &execution, &case),
            });
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    outcomes
}

fn answerable(case: &Value) -> Result<(), &'static str> {
    if case["pure"] == true || !case["mock_config"].is_null() {
        return Ok(());
    }
    // Without recorded results, a case is answerable when the only service it needs is S3 for
    // an ItemReader (the recorded objects are given), or when it failed before calling any.
    let simulated = case["needs_services"]
        .as_array()
        .is_some_and(|needs| needs.iter().all(|n| n == "s3(ItemReader)"));
    let called = case["history"].as_array().is_none_or(|events| {
        events.iter().any(|e| {
            let kind = e["type"].as_str().unwrap_or_default();
            kind.ends_with("Scheduled") || kind == "MapRunStarted"
        })
    });
    if simulated || !called {
        Ok(())
    } else {
        Err(NEEDS_AWS)
    }
}

/// The case's MockConfigFile, with the failures the recording shows without error or cause
/// (a SendTaskFailure that gave neither) thrown as recorded: the corpus's file gives them as
/// `States.TaskFailed` with an empty cause, which a MockConfigFile of Step Functions Local
/// needs; the playground's takes `null` for either.
fn recorded_mocks(case: &Value) -> Value {
    let mut config = case["mock_config"].clone();
    let mut calls: BTreeMap<String, u64> = BTreeMap::new();
    for result in case["service_results"].as_array().into_iter().flatten() {
        let state = result["state"].as_str().unwrap_or_default();
        let n = calls.entry(state.to_string()).or_default();
        let invocation = *n;
        *n += 1;
        if result["outcome"] != "failed" || !result["error"].is_null() || !result["cause"].is_null()
        {
            continue;
        }
        let response = config["StateMachines"]
            .as_object()
            .into_iter()
            .flat_map(|machines| machines.values())
            .flat_map(|machine| {
                machine["TestCases"]
                    .as_object()
                    .into_iter()
                    .flat_map(|c| c.values())
            })
            .find_map(|case| case[state].as_str().map(str::to_string));
        let Some(response) = response else { continue };
        let Some(ranges) = config["MockedResponses"][&response].as_object_mut() else {
            continue;
        };
        for (range, outcome) in ranges.iter_mut() {
            let (first, last) = range.split_once('-').unwrap_or((range, range));
            let covers = first.parse::<u64>().is_ok_and(|f| f <= invocation)
                && last.parse::<u64>().is_ok_and(|l| invocation <= l);
            if covers && outcome.get("Throw").is_some() {
                outcome["Throw"] = serde_json::json!({"Error": null, "Cause": null});
            }
        }
    }
    config
}

/// The files `asl run` reads for a case.
struct CaseFiles {
    definition: PathBuf,
    input: PathBuf,
    mock_config: Option<PathBuf>,
    s3_objects: Vec<(String, PathBuf)>,
}

impl CaseFiles {
    fn write(scratch: &Path, n: usize, case: &Value) -> Self {
        let write = |name: &str, text: &str| {
            let path = scratch.join(format!("{n}-{name}"));
            std::fs::write(&path, text).expect("write a scratch file");
            path
        };
        let definition = write(
            "definition.json",
            &unmask_definition(&case["definition"].to_string()),
        );
        let input = write("input.json", &case["input"].to_string());
        let mock_config = (!case["mock_config"].is_null())
            .then(|| write("mocks.json", &recorded_mocks(case).to_string()));
        let s3_objects = case["s3_objects"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, object)| {
                let name = format!(
                    "{}/{}",
                    object["Bucket"].as_str().unwrap_or_default(),
                    object["Key"].as_str().unwrap_or_default()
                );
                let body = object["Body"].as_str().unwrap_or_default();
                (name, write(&format!("s3-{i}"), body))
            })
            .collect();
        CaseFiles {
            definition,
            input,
            mock_config,
            s3_objects,
        }
    }
}

fn arguments(case: &Value, files: &CaseFiles) -> Vec<String> {
    let names = &case["names"];
    let text = |key: &str| names[key].as_str().unwrap_or_default().to_string();
    let mut args = vec![
        "--input".to_string(),
        files.input.display().to_string(),
        "--type".into(),
        case["state_machine_type"]
            .as_str()
            .unwrap_or("STANDARD")
            .to_string(),
        "--state-machine-name".into(),
        text("state_machine_name"),
        "--name".into(),
        text("execution_name"),
        "--account".into(),
        text("account"),
        "--region".into(),
        text("region"),
        "--role-arn".into(),
        text("role_arn"),
    ];
    if let Some(mocks) = &files.mock_config {
        args.extend([
            "--mock-config".into(),
            mocks.display().to_string(),
            "--test-case".into(),
            case["test_case"].as_str().unwrap_or("Recorded").to_string(),
        ]);
    }
    for (name, path) in &files.s3_objects {
        args.extend(["--s3-object".into(), format!("{name}={}", path.display())]);
    }
    args
}

fn compare(code: i32, ours: &Value, case: &Value) -> Option<String> {
    if !matches!(code, 0 | 1) {
        return Some(format!("asl run exited with {code}: {ours}"));
    }
    let expected = &case["expected"];
    let transformers = &case["snapshot_transformers"];
    let mut differences = Vec::new();
    for field in ["status", "output", "error", "cause"] {
        let o = match &ours[field] {
            Value::String(text) if field == "output" => serde_json::from_str(text)
                .map(|v| transform(&v, transformers))
                .unwrap_or_else(|_| ours[field].clone()),
            other => transform(other, transformers),
        };
        let (o, e) = (&o, &expected[field]);
        if !matches(o, e) {
            differences.push(format!("{field}: expected {e}, got {o}"));
        }
    }
    if let Some(history) = case["history"].as_array() {
        let events = ours["events"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        if let Some(difference) = compare_history(events, history, transformers) {
            differences.push(difference);
        }
    }
    (!differences.is_empty()).then(|| differences.join("\n    "))
}

/// The event types agree: at each id AWS recorded in order, and as a multiset where the
/// recorder masked the order (ids shown as `[0]`). Ids missing from the recording (events the
/// recorder dropped) only count towards the total.
fn compare_history(ours: &[Value], recorded: &[Value], transformers: &Value) -> Option<String> {
    let type_of = |event: &Value| event["type"].as_str().unwrap_or_default().to_string();
    let masked = recorded
        .iter()
        .filter(|e| e["id"].as_u64().is_none())
        .count();
    let total = recorded
        .iter()
        .filter_map(|e| e["id"].as_u64())
        .max()
        .map_or(0, |id| id as usize)
        .max(recorded.len());
    if ours.len() != total {
        return Some(format!(
            "history: expected {total} events, got {}: {}",
            ours.len(),
            ours.iter().map(type_of).collect::<Vec<_>>().join(", ")
        ));
    }
    for event in recorded {
        let Some(id) = event["id"].as_u64() else {
            continue;
        };
        let index = id as usize - 1;
        let (o, e) = (type_of(&ours[index]), type_of(event));
        if o != e {
            return Some(format!("history: event {id} expected {e}, got {o}"));
        }
        let (op, ep) = (&ours[index]["previousEventId"], &event["previousEventId"]);
        if ep.as_u64().is_some() && op != ep && !either_parent(recorded, event, op) {
            return Some(format!(
                "history: event {id} ({e}) previousEventId expected {ep}, got {op}"
            ));
        }
        if std::env::var_os("ASL_STRICT_HISTORY").is_some() {
            for (key, expected) in event.as_object().into_iter().flatten() {
                if key.ends_with("EventDetails") {
                    let got = transform(&ours[index][key], transformers);
                    if !matches(&got, expected) {
                        return Some(format!(
                            "history: event {id} ({e}) {key}: expected {expected}, got {got}"
                        ));
                    }
                }
            }
        }
    }
    let mut expected_masked: BTreeMap<String, i64> = BTreeMap::new();
    for event in recorded.iter().filter(|e| e["id"].as_u64().is_none()) {
        *expected_masked.entry(type_of(event)).or_default() += 1;
    }
    let ids: std::collections::BTreeSet<u64> =
        recorded.iter().filter_map(|e| e["id"].as_u64()).collect();
    // Our events at unrecorded ids: the masked ones, plus the ones the recorder dropped.
    let mut ours_masked: BTreeMap<String, i64> = BTreeMap::new();
    for (index, event) in ours.iter().enumerate() {
        if !ids.contains(&(index as u64 + 1)) {
            *ours_masked.entry(type_of(event)).or_default() += 1;
        }
    }
    let dropped = ours.len() - ids.len() - masked;
    let mut surplus = 0;
    for (kind, count) in &expected_masked {
        let have = ours_masked.get(kind).copied().unwrap_or(0);
        if have < *count {
            return Some(format!(
                "history: expected {count} {kind} among the concurrent events, got {have}"
            ));
        }
        surplus += have - count;
    }
    let unexpected: i64 = ours_masked
        .iter()
        .filter(|(k, _)| !expected_masked.contains_key(*k))
        .map(|(_, c)| c)
        .sum();
    if (surplus + unexpected) as usize != dropped {
        return Some(format!(
            "history: the concurrent events differ: expected {expected_masked:?}, got {ours_masked:?}"
        ));
    }
    None
}

/// AWS records a Distributed Map's `MapStateExited` after either `MapRunStarted` or
/// `MapRunSucceeded` (the two race); ours follows `MapRunSucceeded`, which most recordings show.
fn either_parent(recorded: &[Value], event: &Value, ours: &Value) -> bool {
    let kind_of = |id: &Value| {
        recorded
            .iter()
            .find(|e| &e["id"] == id)
            .and_then(|e| e["type"].as_str())
    };
    event["type"] == "MapStateExited"
        && kind_of(&event["previousEventId"]) == Some("MapRunStarted")
        && kind_of(ours) == Some("MapRunSucceeded")
}

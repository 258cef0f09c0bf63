//! `asl run` end to end where files carry the execution: a waiting execution listed and exported,
//! resumed with a callbacks script, a failed one redriven, StartSyncExecution's response, and
//! the arguments an export already carries refused.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A directory of its own for each test.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let path = std::env::temp_dir().join(format!("asl-run-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        Dir(path)
    }

    fn write(&self, name: &str, value: &Value) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, value.to_string()).unwrap();
        path.display().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn asl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(args)
        .output()
        .unwrap()
}

fn json_out(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn event_types(execution: &Value) -> Vec<&str> {
    execution["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect()
}

fn approval() -> Value {
    json!({
        "StartAt": "Approve",
        "States": {
            "Approve": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {
                    "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                    "MessageBody": {"token.$": "$$.Task.Token"}
                },
                "ResultPath": "$.approval",
                "End": true
            }
        }
    })
}

#[test]
fn a_waiting_execution_is_listed_exported_and_resumed_elsewhere() {
    let dir = Dir::new("resume");
    let definition = dir.write("approval.asl.json", &approval());
    let input = dir.write("input.json", &json!({"order": 7}));
    let export = dir.path("waiting.json");
    let out = asl(&["run", &definition, "--input", &input, "--export", &export]);
    assert_eq!(out.status.code(), Some(1), "RUNNING is not success");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("RUNNING after"), "{text}");
    assert!(
        text.contains("waiting for answers:\n  Approve (callback"),
        "{text}"
    );
    assert!(text.contains("    token AQC"), "{text}");

    // The export alone carries the execution: move it away from its definition and input.
    std::fs::remove_file(&definition).unwrap();
    std::fs::remove_file(&input).unwrap();
    let script = dir.write(
        "approve.json",
        &json!([{"state": "Approve", "success": {"approved": true}}]),
    );
    let out = asl(&[
        "run",
        "--resume",
        &export,
        "--callbacks",
        &script,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let execution = json_out(&out);
    assert_eq!(execution["status"], "SUCCEEDED");
    assert_eq!(
        execution["output"],
        json!({"order": 7, "approval": {"approved": true}}).to_string()
    );
    assert_eq!(
        event_types(&execution)[4..],
        [
            "TaskSubmitted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
}

#[test]
fn a_refused_answer_exits_2_and_the_execution_goes_on_waiting() {
    let dir = Dir::new("refused");
    let definition = dir.write("approval.asl.json", &approval());
    let script = dir.write(
        "answers.json",
        &json!([{"token": "AQCnot-a-token-we-gave", "success": {}}]),
    );
    let out = asl(&["run", &definition, "--callbacks", &script]);
    assert_eq!(out.status.code(), Some(2), "a script AWS would refuse");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("RUNNING"), "{all}");
    assert!(
        all.contains("action 0 of the script was refused: InvalidToken"),
        "{all}"
    );
}

#[test]
fn an_exported_failed_execution_is_redriven_from_the_failed_state() {
    let dir = Dir::new("redrive");
    let definition = dir.write(
        "charge.asl.json",
        &json!({
            "StartAt": "Prepare",
            "States": {
                "Prepare": {"Type": "Pass", "Result": "ready", "ResultPath": "$.prepared", "Next": "Charge"},
                "Charge": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
                    "OutputPath": "$.Payload",
                    "End": true
                }
            }
        }),
    );
    let mocks = dir.write(
        "mocks.json",
        &json!({
            "StateMachines": {"Playground": {"TestCases": {"FixedLater": {"Charge": "ChargeResponses"}}}},
            "MockedResponses": {"ChargeResponses": {
                "0": {"Throw": {"Error": "Bank.Unavailable", "Cause": "the bank is down"}},
                "1": {"Return": {"charged": true}}
            }}
        }),
    );
    let export = dir.path("failed.json");
    let out = asl(&[
        "run",
        &definition,
        "--mock-config",
        &mocks,
        "--export",
        &export,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let failed = json_out(&out);
    assert_eq!(failed["status"], "FAILED");
    assert_eq!(failed["error"], "Bank.Unavailable");

    let out = asl(&["run", "--redrive", &export, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let redriven = json_out(&out);
    assert_eq!(redriven["status"], "SUCCEEDED");
    assert_eq!(redriven["redriveCount"], 1);
    assert_eq!(redriven["output"], json!({"charged": true}).to_string());
    let types = event_types(&redriven);
    let entered: Vec<_> = redriven["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["stateEnteredEventDetails"]["name"].as_str())
        .collect();
    assert_eq!(
        entered,
        ["Prepare", "Charge", "Charge"],
        "only Charge re-ran"
    );
    let redrive_at = types.iter().position(|t| *t == "ExecutionRedriven");
    let failed_at = types.iter().position(|t| *t == "ExecutionFailed");
    assert!(
        failed_at < redrive_at && redrive_at.is_some(),
        "the history keeps the failure, then ExecutionRedriven: {types:?}"
    );
}

#[test]
fn start_sync_execution_prints_its_response() {
    let dir = Dir::new("sync");
    let definition = dir.write(
        "express.asl.json",
        &json!({"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 2, "End": true}}}),
    );
    let out = asl(&[
        "run",
        &definition,
        "--type",
        "EXPRESS",
        "--sync",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let response = json_out(&out);
    assert_eq!(response["status"], "SUCCEEDED");
    assert_eq!(response["output"], "{}");
    assert_eq!(
        response["billingDetails"],
        json!({"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 2000})
    );
    assert!(
        response.get("events").is_none(),
        "no history in the response"
    );
}

#[test]
fn an_export_is_not_given_a_definition_or_mocks_again() {
    let dir = Dir::new("conflicts");
    let definition = dir.write("approval.asl.json", &approval());
    let export = dir.path("waiting.json");
    assert_eq!(
        asl(&["run", &definition, "--export", &export])
            .status
            .code(),
        Some(1)
    );
    for extra in [
        vec![definition.as_str()],
        vec!["--mock-config", definition.as_str()],
    ] {
        let mut args = vec!["run", "--resume", export.as_str()];
        args.extend(extra);
        let out = asl(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("cannot be used with"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(Path::new(&export).exists());
}

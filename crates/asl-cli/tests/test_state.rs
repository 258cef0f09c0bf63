//! `asl test-state` checks an AWS SDK Task's mocked result against its service's table of output
//! shapes, embedded in the command: no file and no network needed.

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};

/// `asl test-state -` on a Task of `resource` mocked with `result`: the exit status and the
/// printed JSON.
fn test_state(resource: &str, result: &Value) -> (Option<i32>, Value) {
    let request = json!({
        "definition": json!({"Type": "Task", "Resource": resource, "End": true}).to_string(),
        "mock": {"result": result.to_string()},
    });
    let mut child = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(["test-state", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        serde_json::from_slice(&output.stdout).unwrap(),
    )
}

#[test]
fn an_sdk_result_is_checked_against_the_embedded_table() {
    let (code, response) = test_state(
        "arn:aws:states:::aws-sdk:lambda:getFunction",
        &json!({"Configuration": {"Runtime": "cobol"}}),
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        response["Error"]["Message"],
        "Mock result schema validation error: Field 'Runtime' is not an expected value"
    );
    let (code, response) = test_state(
        "arn:aws:states:::aws-sdk:lambda:getFunction",
        &json!({"Configuration": {"Runtime": "python3.12", "MemorySize": 1024}}),
    );
    assert_eq!((code, &response["status"]), (Some(0), &json!("SUCCEEDED")));
}

#[test]
fn a_service_without_a_table_is_not_checked() {
    let (code, response) = test_state(
        "arn:aws:states:::aws-sdk:robomaker:describeSimulationJob",
        &json!({"Status": 7}),
    );
    assert_eq!((code, &response["status"]), (Some(0), &json!("SUCCEEDED")));
}

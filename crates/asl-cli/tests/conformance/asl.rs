//! Running the `asl` binary.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// `asl validate - --format json <args>` on `definition`: the parsed response.
pub(crate) fn validate(definition: &str, args: &[&str]) -> Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(["validate", "-", "--format", "json"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the asl binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(definition.as_bytes())
        .expect("write the definition");
    let output = child.wait_with_output().expect("asl finishes");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "asl validate failed: {output:?}"
    );
    serde_json::from_slice(&output.stdout).expect("asl prints JSON")
}

/// `asl test-state - <args>` on `request`: the exit status and the printed JSON.
pub(crate) fn test_state(request: &Value, args: &[&str]) -> (i32, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(["test-state", "-"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the asl binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(request.to_string().as_bytes())
        .expect("write the request");
    let output = child.wait_with_output().expect("asl finishes");
    let code = output.status.code().unwrap_or(-1);
    assert!(matches!(code, 0..=2), "asl test-state crashed: {output:?}");
    (
        code,
        serde_json::from_slice(&output.stdout).unwrap_or(Value::Null),
    )
}

/// `asl run DEFINITION --format json <args>`: the exit status and the printed JSON.
pub(crate) fn run(definition: &std::path::Path, args: &[String]) -> (i32, Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_asl"))
        .arg("run")
        .arg(definition)
        .args(["--format", "json"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the asl binary runs");
    let code = output.status.code().unwrap_or(-1);
    let printed = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&output.stderr).into_owned()));
    (code, printed)
}

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

//! The `asl` command in scripts: a reader that goes away early (`| head -c1`) ends it quietly,
//! JSON options take the JSON itself as well as a file, and `run --format output` prints only
//! the execution's output.

use serde_json::{Value, json};
use std::io::Read;
use std::process::{Command, Stdio};

fn asl() -> Command {
    Command::new(env!("CARGO_BIN_EXE_asl"))
}

/// A file of its own for each test.
fn file(test: &str, value: &Value) -> String {
    let path =
        std::env::temp_dir().join(format!("asl-scripting-{}-{test}.json", std::process::id()));
    std::fs::write(&path, value.to_string()).unwrap();
    path.display().to_string()
}

/// Run `asl args | head -c1`: read one byte of its output, close the pipe, and give the exit
/// status and what it wrote on standard error.
fn head_c1(args: &[&str]) -> (Option<i32>, String) {
    let mut child = asl()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn pass_machine(result: &Value) -> Value {
    json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": result, "End": true}}})
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    // Large enough that the output cannot all fit in the pipe before it is closed.
    let big = pass_machine(&json!({"text": "x".repeat(200_000)}));
    let big = file("big", &big);
    let small = file("small", &pass_machine(&json!(1)));
    for args in [
        vec!["validate", small.as_str(), "--format", "json"],
        vec!["run", small.as_str(), "--format", "json"],
        vec!["run", big.as_str(), "--format", "json"],
        vec!["run", big.as_str(), "--format", "text"],
    ] {
        let (status, stderr) = head_c1(&args);
        assert!(
            matches!(status, Some(0 | 141)),
            "{args:?}: {status:?} {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn json_options_take_the_json_itself() {
    let machine = file(
        "inline",
        &json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"b.$": "$.a"}, "End": true}}}),
    );
    let output = asl()
        .args([
            "run",
            &machine,
            "--input",
            r#"{"a": 1}"#,
            "--format",
            "output",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), r#"{"b":1}"#);
    let output = asl()
        .args(["eval", "$.a[1]", "--input", "[0]"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "a runtime failure, not an unreadable file"
    );
    let output = asl()
        .args(["eval", "$.a", "--input", r#"{"a": "#])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("<inline JSON>: not JSON"));
}

#[test]
fn run_format_output_prints_only_the_output() {
    let machine = file("output", &pass_machine(&json!({"done": true})));
    let output = asl()
        .args(["run", &machine, "--format", "output"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "{\"done\":true}\n");
    let failing = file(
        "failing",
        &json!({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "on purpose"}}}),
    );
    let output = asl()
        .args(["run", &failing, "--format", "output"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "asl: the execution is FAILED: Oops: on purpose"
    );
}

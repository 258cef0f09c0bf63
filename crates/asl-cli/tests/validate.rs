//! `asl validate` end to end: output formats, exit statuses, and input that must not crash it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn asl(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

const VALID: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

#[test]
fn a_valid_definition_exits_0() {
    let out = asl(&["validate", "-"], VALID.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "<stdin>: OK (0 errors, 0 warnings)\n"
    );
}

#[test]
fn json_output_is_the_aws_response_with_positions() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}\n  }\n}";
    let out = asl(&["validate", "-", "--format", "json"], text.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json(&out),
        serde_json::json!({
            "result": "FAIL",
            "diagnostics": [{
                "severity": "ERROR",
                "code": "MISSING_TRANSITION_TARGET",
                "message": "Missing 'Next' target: B",
                "location": "/States/A/Next",
                "line": 4,
                "column": 35
            }, {
                "severity": "ERROR",
                "code": "MISSING_END_STATE",
                "message": "Workflow has no terminal state",
                "line": 3,
                "column": 3
            }],
            "truncated": false
        })
    );
}

#[test]
fn text_output_has_a_frame_and_a_hint() {
    let text = r#"{"StartAt": "Fech", "States": {"Fetch": {"Type": "Pass", "End": true}}}"#;
    let out = asl(&["validate", "-"], text.as_bytes());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(
            "<stdin>:1:13: error MISSING_TRANSITION_TARGET Missing 'Next' target: Fech\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("= help: Did you mean 'Fetch'?"), "{stdout}");
    assert!(
        stdout.ends_with("<stdin>: FAIL (1 error, 0 warnings)\n"),
        "{stdout}"
    );
}

#[test]
fn express_and_severity_options() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}"#;
    assert_eq!(
        asl(&["validate", "-"], text.as_bytes()).status.code(),
        Some(0)
    );
    let out = asl(
        &["validate", "-", "--type", "EXPRESS", "--format", "json"],
        text.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json(&out)["diagnostics"][0]["location"],
        "/States/A/Resource"
    );
    let warned = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}"#;
    let out = asl(&["validate", "-", "--format", "json"], warned.as_bytes());
    assert_eq!(
        json(&out)["diagnostics"][0]["code"],
        "UNQUALIFIED_LAMBDA_ARN"
    );
    let out = asl(
        &["validate", "-", "--format", "json", "--severity", "ERROR"],
        warned.as_bytes(),
    );
    assert_eq!(json(&out)["diagnostics"], serde_json::json!([]));
}

#[test]
fn max_results_truncates() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "X": 1, "Y": 2, "Z": 3}}}"#;
    let out = asl(
        &["validate", "-", "--format", "json", "--max-results", "2"],
        text.as_bytes(),
    );
    let response = json(&out);
    assert_eq!(response["diagnostics"].as_array().unwrap().len(), 2);
    assert_eq!(response["truncated"], true);
}

#[test]
fn yaml_files_are_read_as_yaml() {
    let dir = std::env::temp_dir().join(format!("asl-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("machine.yaml");
    std::fs::write(
        &file,
        "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n",
    )
    .unwrap();
    let out = asl(
        &["validate", file.to_str().unwrap(), "--format", "json"],
        b"",
    );
    let response = json(&out);
    assert_eq!(response["diagnostics"][0]["line"], 5);
    assert_eq!(response["diagnostics"][0]["column"], 11);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(asl(&["validate"], b"").status.code(), Some(2));
    assert_eq!(
        asl(&["validate", "-", "--type", "LAMBDA"], b"")
            .status
            .code(),
        Some(2)
    );
    let out = asl(&["validate", "/no/such/file.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/file.json"));
}

#[test]
fn hostile_input_gets_a_diagnostic_not_a_crash() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "10,000 nested arrays",
            "[".repeat(10_000).into_bytes(),
            "Document nesting depth (1001)",
        ),
        (
            "10,000 nested objects",
            "{\"a\":".repeat(10_000).into_bytes(),
            "Document nesting depth (1001)",
        ),
        (
            "10,000 nested YAML sequences",
            "- ".repeat(10_000).into_bytes(),
            "nesting deeper than 1000",
        ),
        (
            "invalid UTF-8",
            b"{\"StartAt\": \"\xff\xfe\"}".to_vec(),
            "Invalid UTF-8 start byte 0xff",
        ),
        (
            "a lone continuation byte",
            b"{\"a\x80\": 1}".to_vec(),
            "Invalid UTF-8 middle byte 0x80",
        ),
        ("NUL bytes", b"\0\0\0".to_vec(), "Unexpected character"),
        (
            "a 50 MB string",
            format!("{{\"StartAt\": \"{}\"}}", "x".repeat(50_000_000)).into_bytes(),
            "AWS accepts at most 1048576",
        ),
    ];
    for (name, input, expected) in cases {
        let out = asl(&["validate", "-", "--format", "json"], &input);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let response = json(&out);
        let message = response["diagnostics"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(message.contains(expected), "{name}: {message}");
    }
}

#[test]
fn random_bytes_never_crash() {
    // A fixed pseudo-random sequence, so that a failure reproduces.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"{}[]\":,.$ \n\tabcStartAtStatesTypePassEnd0123\xc3\xa9\xff";
    for _ in 0..60 {
        let len = (next() % 400) as usize;
        let input: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let out = asl(&["validate", "-"], &input);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{:?} crashed: {}",
            input,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

//! JSONPath as AWS evaluates it, table-driven: `tests/cases/jsonpath/<topic>.json`.
//!
//! Path cases give `path`, the `document` (`context` for `$$`, `variables` for `$name`) and the
//! `result`, or the `error` and its `cause` as an InputPath reports it. `result_path.json` cases
//! give `result_path`, the raw `input`, the `result` written into it and the `output`, or an
//! `error`. Cases marked `jayway` name a deliberate difference from RFC 9535.

use asl_core::path::{self, Roots, write_result};
use serde_json::{Map, Value};

fn path_case(case: &Value) -> Result<(), String> {
    let text = case["path"].as_str().ok_or("no path")?;
    let parsed = path::parse(text).map_err(|e| format!("does not parse: {}", e.message))?;
    let variables: Map<String, Value> = case["variables"].as_object().cloned().unwrap_or_default();
    let roots = Roots {
        data: &case["document"],
        context: &case["context"],
        variables: &variables,
    };
    match (parsed.eval(roots), case.get("result")) {
        (Ok(value), Some(expected)) if &value == expected => Ok(()),
        (Ok(value), expected) => Err(format!(
            "gave {value}, expected {}",
            expected.unwrap_or(&case["error"])
        )),
        (Err(failure), None) => {
            let cause = format!("Invalid path '{text}' : {failure}");
            match case["cause"].as_str() {
                Some(expected) if expected != cause => {
                    Err(format!("cause {cause:?}, expected {expected:?}"))
                }
                _ => Ok(()),
            }
        }
        (Err(failure), Some(expected)) => Err(format!("failed ({failure}), expected {expected}")),
    }
}

fn result_path_case(case: &Value) -> Result<(), String> {
    let (input, result) = (case["input"].clone(), case["result"].clone());
    let output = match case["result_path"].as_str() {
        None => Ok(input),
        Some(text) => {
            let parsed = path::parse(text).map_err(|e| format!("does not parse: {}", e.message))?;
            write_result(&parsed, input, result)
        }
    };
    match (output, case.get("output")) {
        (Ok(value), Some(expected)) if &value == expected => Ok(()),
        (Ok(value), _) => Err(format!(
            "gave {value}, expected {}",
            case.get("output").unwrap_or(&case["error"])
        )),
        (Err(_), None) => Ok(()),
        (Err(_), Some(expected)) => Err(format!("failed, expected {expected}")),
    }
}

#[test]
fn jsonpath_tables() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/jsonpath");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut count, mut failures) = (0, Vec::new());
    for file in files {
        let table: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let topic = file.file_stem().unwrap().to_string_lossy().into_owned();
        for (i, case) in table["cases"].as_array().unwrap().iter().enumerate() {
            count += 1;
            let outcome = if topic == "result_path" {
                result_path_case(case)
            } else {
                path_case(case)
            };
            if let Err(why) = outcome {
                let what = case
                    .get("path")
                    .or(case.get("result_path"))
                    .unwrap_or(&Value::Null);
                failures.push(format!(
                    "{topic} ({i}): {} — {what} — {why}",
                    case["name"].as_str().unwrap_or("?")
                ));
            }
        }
    }
    assert!(count >= 70, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! TestState requests, one behaviour per file: `tests/cases/test_state/<behaviour>.json`.
//!
//! A case gives the `request` (as AWS's API takes it; `definition` may be an object, it is sent
//! as its JSON text) and what AWS answers in `expected`: the response's fields that matter
//! (`status`, `output`, `error`, `cause`, `nextState`, `inspectionData`; payloads parsed from
//! their JSON text), or `refused`: the error `{"Code", "Message"}` of a refused request.
//!
//! A request that tests an AWS SDK Task is given its service's table of output shapes from the
//! repository's `aws-shapes/` (the ones the `asl` command embeds), when there is one.

use asl_core::test_state::{ServiceShapes, TestStateOptions, sdk_service, test_state};
use serde_json::{Map, Value};
use std::path::Path;

/// The response with its JSON-text payloads parsed, as the cases write them.
fn parsed(mut response: Value) -> Value {
    fn parse(value: &mut Value) {
        if let Some(text) = value.as_str()
            && let Ok(json) = serde_json::from_str::<Value>(text)
        {
            *value = json;
        }
    }
    if let Some(object) = response.as_object_mut() {
        object.get_mut("output").map(parse);
        if let Some(Value::Object(data)) = object.get_mut("inspectionData") {
            data.values_mut().for_each(parse);
        }
    }
    response
}

/// The options of a request: its AWS SDK service's table, when `aws-shapes/` has it.
fn options(request: &Value) -> TestStateOptions {
    let mut options = TestStateOptions::default();
    if let Some(service) = sdk_service(request) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../aws-shapes")
            .join(format!("{service}.json"));
        if let Ok(text) = std::fs::read_to_string(&path) {
            match ServiceShapes::parse(&text) {
                Ok(shapes) => options.shapes.insert(shapes),
                Err(e) => panic!("{}: {e}", path.display()),
            }
        }
    }
    options
}

fn check(case: &Value) -> Result<(), String> {
    let mut request = case["request"].clone();
    if request["definition"].is_object() {
        request["definition"] = Value::String(request["definition"].to_string());
    }
    let answer = test_state(&request, &options(&request));
    match (answer, case["expected"].as_object(), case.get("refused")) {
        (Ok(response), Some(expected), None) => {
            let response = parsed(response);
            let mismatched: Map<String, Value> = expected
                .iter()
                .filter(|(key, value)| response.get(key.as_str()) != Some(value))
                .map(|(key, _)| {
                    (
                        key.clone(),
                        response.get(key.as_str()).cloned().unwrap_or(Value::Null),
                    )
                })
                .collect();
            if mismatched.is_empty() {
                Ok(())
            } else {
                Err(format!("got {}", Value::Object(mismatched)))
            }
        }
        (Err(error), None, Some(refused)) if error.to_json()["Error"] == *refused => Ok(()),
        (Err(error), _, _) => Err(format!("refused: {}", error.to_json())),
        (Ok(response), _, _) => Err(format!("answered: {response}")),
    }
}

#[test]
fn test_state_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/test_state");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        count += 1;
        if let Err(why) = check(&case) {
            failures.push(format!(
                "{}: {why}",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(count > 0, "no cases in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

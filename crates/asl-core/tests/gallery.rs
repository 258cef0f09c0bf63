//! Every template of the gallery (`web/templates/gallery/<id>/`) is valid, and its success and
//! failure paths run to the outcome its `meta.json` documents.

use asl_core::api::{self, RunRequest, RunResult, ValidateOptions};
use asl_core::exec::run::RunOptions;
use asl_core::exec::run::actions::actions_from_json;
use asl_core::validate::MachineType;
use serde_json::Value;
use std::path::Path;

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
}

fn check(dir: &Path) -> Vec<String> {
    let meta: Value = serde_json::from_str(&read(dir, "meta.json")).unwrap();
    let id = meta["id"].as_str().unwrap_or("?").to_string();
    let definition = read(dir, "definition.asl.json");
    let (input, mocks) = (read(dir, "input.json"), read(dir, "mocks.json"));
    let express = meta["type"] == "EXPRESS";
    let mut problems = Vec::new();
    let options = ValidateOptions {
        machine_type: if express {
            MachineType::Express
        } else {
            MachineType::Standard
        },
        ..ValidateOptions::default()
    };
    let validation = api::validate(&definition, &options);
    if !validation.ok || !validation.diagnostics.is_empty() {
        problems.push(format!("{id}: not valid: {:?}", validation.diagnostics));
    }
    for path in ["success", "failure"] {
        let expected = &meta[path];
        let mut options = RunOptions {
            express,
            ..RunOptions::default()
        };
        if !expected["callbacks"].is_null() {
            options.actions = actions_from_json(&expected["callbacks"]).unwrap();
        }
        let result = api::run(RunRequest {
            definition: &definition,
            input: &input,
            mock_config: Some(&mocks),
            test_case: expected["test_case"].as_str(),
            options,
            ..RunRequest::default()
        });
        let RunResult::Ran(execution) = result else {
            problems.push(format!("{id} {path}: did not run: {:?}", result.to_json()));
            continue;
        };
        if execution.status.as_str() != expected["status"] {
            problems.push(format!(
                "{id} {path}: {} ({:?}: {:?}), meta says {}",
                execution.status.as_str(),
                execution.error,
                execution.cause,
                expected["status"]
            ));
        }
        if let Some(error) = expected["error"].as_str()
            && execution.error.as_deref() != Some(error)
        {
            problems.push(format!(
                "{id} {path}: error {:?}, meta says {error}",
                execution.error
            ));
        }
    }
    problems
}

#[test]
fn every_template_runs_both_paths_as_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/templates/gallery");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 9, "{} templates", dirs.len());
    let problems: Vec<String> = dirs.iter().flat_map(|d| check(d)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

//! The benchmark suite's native side. `scripts/bench.sh` writes the fixed workloads
//! (`bench/workloads.mjs`), then runs `asl-bench <workload directory>`; each workload's timing is
//! printed as one JSON line: `{"group", "workload", "engine", "ms", "runs", "check"}`, `ms` the
//! median of the runs and `check` a summary of the result that every engine must agree on.

mod timing;

use asl_core::api::{self, EvalInput, RunRequest, ValidateOptions};
use asl_core::exec::run::RunOptions;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use timing::{measure, summary};

const ENGINE: &str = "asl (native)";

/// The allocator the `asl` command uses, so that the native figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!(
            "usage: asl-bench <workload directory> [executions|jsonpath|jsonata|validation]   \
             (scripts/bench.sh writes the directory)"
        );
        return ExitCode::from(2);
    };
    let only = std::env::args().nth(2);
    match run_all(&dir, only.as_deref()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("asl-bench: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads a workload file.
fn read(dir: &Path, name: &Value) -> Result<String, String> {
    let name = name
        .as_str()
        .ok_or("the manifest names a file with a non-string")?;
    let path = dir.join(name);
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

fn report(group: &str, workload: &str, engine: &str, ms: f64, runs: usize, check: &str) {
    let line = json!({
        "group": group, "workload": workload, "engine": engine,
        "ms": ms, "runs": runs, "check": check,
    });
    println!("{line}");
}

/// Every group of workloads, or only the one named.
fn run_all(dir: &Path, only: Option<&str>) -> Result<(), String> {
    let manifest: Value = serde_json::from_str(&read(dir, &json!("manifest.json"))?)
        .map_err(|e| format!("manifest.json: {e}"))?;
    type Group = fn(&Path, &Value) -> Result<(), String>;
    let groups: [(&str, Group); 4] = [
        ("executions", executions),
        ("jsonpath", jsonpath),
        ("jsonata", jsonata),
        ("validation", validation),
    ];
    for (name, group) in groups {
        if only.is_none_or(|only| only == name) {
            group(dir, &manifest[name])?;
        }
    }
    Ok(())
}

/// Whole executions, from the definition's and the input's text to the outcome (the history is
/// recorded, as always).
fn executions(dir: &Path, list: &Value) -> Result<(), String> {
    for workload in list.as_array().into_iter().flatten() {
        let definition = read(dir, &workload["definition"])?;
        let input = read(dir, &workload["input"])?;
        let mocks = match &workload["mocks"] {
            Value::Null => None,
            name => Some(read(dir, name)?),
        };
        let express = workload["type"] == "EXPRESS";
        let run = || {
            api::run(RunRequest {
                definition: &definition,
                input: &input,
                mock_config: mocks.as_deref(),
                test_case: workload["testCase"].as_str(),
                options: RunOptions {
                    express,
                    ..RunOptions::default()
                },
                children: Vec::new(),
                deliveries: 1,
            })
        };
        let (ms, runs, result) = measure(run);
        let check = match result {
            api::RunResult::Ran(execution) => {
                let output = execution.output.as_ref().map(Value::to_string);
                let output = output.as_deref().unwrap_or("null");
                format!("{} {}", execution.status.as_str(), summary(output))
            }
            other => format!("not run: {}", other.to_json()),
        };
        report(
            "executions",
            str_of(&workload["id"]),
            ENGINE,
            ms,
            runs,
            &check,
        );
    }
    Ok(())
}

/// JSONPath queries over a 10 MB document read once: the engine (`api::query`: the matches
/// borrowed from the document, as asl-wasm's `evaluate` writes them out) and serde_json_path
/// alone (references to the nodes).
fn jsonpath(dir: &Path, spec: &Value) -> Result<(), String> {
    let document: Value = serde_json::from_str(&read(dir, &spec["document"])?)
        .map_err(|e| format!("the JSONPath document: {e}"))?;
    let input = EvalInput {
        input: document,
        ..EvalInput::default()
    };
    for query in spec["queries"].as_array().into_iter().flatten() {
        let (id, path) = (str_of(&query["id"]), str_of(&query["path"]));
        let (ms, runs, result) = measure(|| api::query(path, &input));
        report("jsonpath", id, ENGINE, ms, runs, &summary_of(result));
        serde_json_path::JsonPath::parse(path)
            .map_err(|e| format!("serde_json_path refuses {path}: {e}"))?;
        // From the path's text, as the engine is measured.
        let (ms, runs, nodes) =
            measure(|| serde_json_path::JsonPath::parse(path).map(|p| p.query(&input.input).all()));
        let check = summary(&serde_json::to_string(&nodes.unwrap_or_default()).unwrap_or_default());
        report("jsonpath", id, "serde_json_path (native)", ms, runs, &check);
    }
    Ok(())
}

/// JSONata expressions over a 100 KB input read once (`api::Document`, as asl-wasm's
/// `Document`), parsing the expression included as `jsonata(expression).evaluate(input)` does.
fn jsonata(dir: &Path, spec: &Value) -> Result<(), String> {
    let input = api::Document::new(EvalInput {
        input: serde_json::from_str(&read(dir, &spec["input"])?)
            .map_err(|e| format!("the JSONata input: {e}"))?,
        ..EvalInput::default()
    });
    for expression in spec["expressions"].as_array().into_iter().flatten() {
        let text = format!("{{% {} %}}", str_of(&expression["expression"]));
        let (ms, runs, result) = measure(|| input.eval(&text));
        report(
            "jsonata",
            str_of(&expression["id"]),
            ENGINE,
            ms,
            runs,
            &summary_of(result),
        );
    }
    Ok(())
}

/// Validation from the definition's text (reading it included).
fn validation(dir: &Path, list: &Value) -> Result<(), String> {
    for workload in list.as_array().into_iter().flatten() {
        let definition = read(dir, &workload["definition"])?;
        let options = ValidateOptions::default();
        let (ms, runs, validation) = measure(|| api::validate(&definition, &options));
        let check = format!("valid: {}", validation.ok);
        report(
            "validation",
            str_of(&workload["id"]),
            ENGINE,
            ms,
            runs,
            &check,
        );
    }
    Ok(())
}

/// An evaluation's check: its value's summary, or the error.
fn summary_of(result: Result<impl serde::Serialize, api::EvalError>) -> String {
    match result {
        Ok(value) => summary(&serde_json::to_string(&value).unwrap_or_default()),
        Err(error) => format!("{error:?}"),
    }
}

fn str_of(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

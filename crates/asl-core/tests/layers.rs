//! Layers that only look down: the engine's parts (`exec`, `test_state`, `model`, `validate`)
//! never reach up into the `api` facade that is built on them, and the web app holds no ASL
//! rule: it renders what the API computed instead of recognising state types or history event
//! types by their names.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn crate_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name)
}

/// Lines of `files` for which `bad` says what is wrong.
fn offences(files: &[PathBuf], bad: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if let Some(why) = bad(code) {
                found.push(format!(
                    "{}:{}: {why}: {}",
                    file.display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    found
}

#[test]
fn the_engine_does_not_reach_up_into_the_api() {
    let mut files = Vec::new();
    for layer in ["exec", "test_state", "model", "validate"] {
        rust_files(&crate_dir("asl-core/src").join(layer), &mut files);
    }
    assert!(!files.is_empty());
    let found = offences(&files, |code| {
        (code.contains("crate::api") || code.contains("super::api"))
            .then(|| "imports api".to_string())
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// State types and the words history event types are made of.
const ASL_NAMES: &[&str] = &[
    "Task",
    "Pass",
    "Choice",
    "Wait",
    "Succeed",
    "Fail",
    "Parallel",
    "Map",
    "Failed",
    "TimedOut",
    "Succeeded",
    "Started",
    "Scheduled",
    "Entered",
    "Exited",
    "Aborted",
];

#[test]
fn the_web_app_holds_no_asl_rule() {
    let mut files = Vec::new();
    rust_files(&crate_dir("asl-web/src"), &mut files);
    assert!(!files.is_empty());
    let found = offences(&files, |code| {
        let names = ASL_NAMES
            .iter()
            .filter(|name| {
                let quoted = format!("\"{name}\"");
                // A name compared or matched (`== "Task"`, `"Task" | "Map"`, `"Task" =>`,
                // `matches!(…, "Map")`), or an event type tested by its ending; a label that
                // merely says "Failed" is text, not a rule.
                let compared = ["==", "!=", " | ", "=>", "matches!"]
                    .iter()
                    .any(|op| code.contains(op));
                code.contains(&quoted) && compared
                    || code.contains(&format!("ends_with({quoted})"))
                    || code.contains(&format!("starts_with({quoted})"))
                    || code.contains(&format!("contains({quoted})"))
            })
            .copied()
            .collect::<Vec<_>>();
        (!names.is_empty()).then(|| format!("matches ASL names {names:?} as strings"))
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}

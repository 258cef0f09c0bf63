//! The definitions the graph tests draw: every template of the gallery (and the opening one),
//! and every definition of the case folders that validates (as a Standard or an Express
//! machine): the validation cases' files, and the run cases' definitions and children.

use asl_core::api::{self, ValidateOptions};
use asl_core::validate::MachineType;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A definition to draw.
pub(crate) struct Source {
    pub(crate) name: String,
    pub(crate) text: String,
    /// A template: it must be drawn without a crossing (graph_export.rs does not ask).
    #[allow(dead_code)]
    pub(crate) template: bool,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn valid(text: &str) -> bool {
    [MachineType::Standard, MachineType::Express]
        .into_iter()
        .any(|machine_type| {
            let options = ValidateOptions {
                machine_type,
                ..ValidateOptions::default()
            };
            api::validate(text, &options).ok
        })
}

/// The gallery's templates and the opening template.
pub(crate) fn templates() -> Vec<Source> {
    let web = root().join("../../web/templates");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(web.join("gallery"))
        .expect("the gallery")
        .filter_map(Result::ok)
        .map(|e| e.path().join("definition.asl.json"))
        .collect();
    paths.extend(
        std::fs::read_dir(&web)
            .expect("the templates")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".asl.json")),
    );
    paths.sort();
    paths
        .into_iter()
        .map(|path| Source {
            text: std::fs::read_to_string(&path).expect("a template"),
            name: path
                .strip_prefix(&web)
                .unwrap_or(&path)
                .display()
                .to_string(),
            template: true,
        })
        .collect()
}

/// Every definition of the case folders that validates.
pub(crate) fn cases() -> Vec<Source> {
    let cases = root().join("tests/cases");
    let mut paths = Vec::new();
    files(&cases, &mut paths);
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path
            .strip_prefix(&cases)
            .unwrap_or(&path)
            .display()
            .to_string();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut found: Vec<(String, String)> = Vec::new();
        if name.ends_with(".asl.json") || name.ends_with(".asl.yaml") {
            found.push((name, text));
        } else if name.starts_with("run/") && name.ends_with(".json") {
            let Ok(case) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let as_text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
            if !case["definition"].is_null() {
                found.push((name.clone(), as_text(&case["definition"])));
            }
            if let Some(children) = case["children"].as_object() {
                for (child, definition) in children {
                    found.push((format!("{name} child {child}"), as_text(definition)));
                }
            }
        }
        out.extend(
            found
                .into_iter()
                .filter(|(_, text)| valid(text))
                .map(|(name, text)| Source {
                    name,
                    text,
                    template: false,
                }),
        );
    }
    out
}

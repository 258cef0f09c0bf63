//! Data-driven validation tests: `tests/cases/validate/<dir>/*.asl.{json,yaml}`.
//!
//! The directory says what must happen, and a snapshot records the rendered diagnostics:
//! - `ok/`: no diagnostic at all;
//! - `warn/`: valid, with at least one warning;
//! - `err/`: at least one error;
//! - `express/`: valid as STANDARD, invalid as EXPRESS (files named `standard-*` are invalid even
//!   as STANDARD).
//!
//! Update snapshots with `INSTA_UPDATE=always cargo test -p asl-core --test validate_cases`, then
//! review the diff.

use asl_core::api::{self, ValidateOptions};
use asl_core::validate::MachineType;
use std::path::Path;

fn check(path: &Path, machine_type: MachineType) -> (api::Validation, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let options = ValidateOptions {
        machine_type,
        ..ValidateOptions::default()
    };
    let validation = api::validate(&text, &options);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let rendered = validation.render_text(&name, &text);
    (validation, rendered)
}

fn snapshot(rendered: &str, validation: &api::Validation) -> String {
    let body = if rendered.is_empty() {
        "(no diagnostics)\n"
    } else {
        rendered
    };
    format!("result: {}\n\n{body}", validation.result())
}

#[test]
fn ok_cases_have_no_diagnostics() {
    insta::glob!("cases/validate/ok/*.asl.*", |path| {
        let (validation, rendered) = check(path, MachineType::Standard);
        assert!(
            validation.diagnostics.is_empty(),
            "{}:\n{rendered}",
            path.display()
        );
    });
}

#[test]
fn warn_cases_are_valid_with_warnings() {
    insta::glob!("cases/validate/warn/*.asl.*", |path| {
        let (validation, rendered) = check(path, MachineType::Standard);
        assert!(validation.ok, "{}:\n{rendered}", path.display());
        assert!(
            !validation.diagnostics.is_empty(),
            "{}: no warning",
            path.display()
        );
        insta::assert_snapshot!(snapshot(&rendered, &validation));
    });
}

#[test]
fn err_cases_fail_with_every_problem_reported() {
    insta::glob!("cases/validate/err/*.asl.*", |path| {
        let (validation, rendered) = check(path, MachineType::Standard);
        assert!(!validation.ok, "{}: no error", path.display());
        for located in &validation.diagnostics {
            assert!(
                located.diagnostic.span.is_some(),
                "{}: a diagnostic without a span",
                path.display()
            );
        }
        insta::assert_snapshot!(snapshot(&rendered, &validation));
    });
}

#[test]
fn express_cases_fail_only_as_express() {
    insta::glob!("cases/validate/express/*.asl.*", |path| {
        let standard_too = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("standard-");
        let (as_standard, rendered) = check(path, MachineType::Standard);
        assert_eq!(
            as_standard.ok,
            !standard_too,
            "{}:\n{rendered}",
            path.display()
        );
        let (as_express, rendered) = check(path, MachineType::Express);
        assert!(!as_express.ok, "{}: valid as EXPRESS", path.display());
        insta::assert_snapshot!(snapshot(&rendered, &as_express));
    });
}

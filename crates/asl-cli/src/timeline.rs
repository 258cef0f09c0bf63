//! `asl run --format text`: the execution as a readable timeline, retries and catches called
//! out where they happened.

use asl_core::exec::run::{Execution, ExecutionStatus};
use std::fmt::Write;

/// The timeline of an execution.
pub(crate) fn render(execution: &Execution) -> String {
    let mut out = String::new();
    let seconds = |millis: i64| format!("{:.3}s", millis as f64 / 1000.0);
    let _ = writeln!(
        out,
        "{} after {} (virtual time): {}",
        execution.status.as_str(),
        seconds(execution.stop_millis - execution.start_millis),
        execution.execution_arn
    );
    let width = execution
        .events
        .iter()
        .map(|e| e.kind.type_name().len())
        .max()
        .unwrap_or(0);
    for event in &execution.events {
        let _ = writeln!(
            out,
            "{:>5}  +{:<9} {:<width$}  {}",
            event.id,
            seconds(event.timestamp - execution.start_millis),
            event.kind.type_name(),
            event.kind.summary()
        );
        for note in execution.notes(event.id) {
            let _ = writeln!(out, "{:>16}{note}", "");
        }
    }
    match execution.status {
        ExecutionStatus::Running => {
            let _ = writeln!(out, "waiting for answers:");
            for task in &execution.waiting {
                let _ = writeln!(
                    out,
                    "  {} ({} {}, wait {}): input {}",
                    task.state, task.kind, task.resource, task.attempt, task.input
                );
                let _ = writeln!(out, "    token {}", task.token);
            }
        }
        ExecutionStatus::Succeeded => {
            let output = execution.output.as_ref().map(ToString::to_string);
            let _ = writeln!(out, "output: {}", output.unwrap_or_default());
        }
        _ => {
            if let Some(error) = &execution.error {
                let _ = writeln!(out, "error: {error}");
            }
            if let Some(cause) = &execution.cause {
                let _ = writeln!(out, "cause: {cause}");
            }
        }
    }
    out
}

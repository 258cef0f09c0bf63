//! The facade the CLI, the wasm bindings and the web app call. Results are plain data with
//! positions already resolved.

mod aws_cli;
mod convert;
mod data_flow;
mod eval;
mod export;
mod format;
mod highlight;
mod import;
mod mock_scaffold;
mod outcomes;
mod run;
mod share;
mod starts;
mod states;
mod tokens;

pub use crate::path::Selection;
pub use aws_cli::{CliRun, aws_cli_commands, test_state_request};
pub use convert::convert_state;
pub use data_flow::{DataFlow, DataFlowRequest, Stage, data_flow};
pub use eval::{Document, EvalError, EvalInput, eval, query};
pub use export::ExecutionExport;
pub use format::format_definition;
pub use highlight::{Highlight, HighlightKind, highlights};
pub use import::{Imported, import};
pub use mock_scaffold::{AddedMock, UnmockedTask, add_mock, example_result, unmocked_tasks};
pub use outcomes::{StateOutcome, StateStatus, last_input, state_outcomes, state_outcomes_until};
pub use run::{
    Begun, ChildDefinition, Problem, RunRequest, RunResult, Running, Source, begin,
    mock_test_cases, run,
};
pub use share::Workspace;
pub use starts::{Start, Started, Starts};
pub use states::{StateInfo, state_at, states};
pub use tokens::{Token, TokenKind, matching_bracket, tokens};

use crate::analysis::{Analysis, AnalysisOptions};
use crate::diag::{Diagnostic, Severity, render};
use crate::source::Format;
use crate::text::{LineIndex, Position, Span};
use crate::validate::{self, MachineType};
use serde_json::{Map, Value, json};

/// Options of [`validate`], mirroring AWS's `ValidateStateMachineDefinition` request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidateOptions {
    /// STANDARD or EXPRESS.
    pub machine_type: MachineType,
    /// The least severe diagnostics returned: `Error` returns errors only (AWS's default),
    /// `Warning` warnings too, `Info` (the default) also the playground's advice.
    pub severity: Severity,
    /// At most this many diagnostics are returned (AWS: 100); `truncated` says when more exist.
    pub max_results: usize,
    /// JSON or YAML; `None` detects it.
    pub format: Option<Format>,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            machine_type: MachineType::Standard,
            severity: Severity::Info,
            max_results: 100,
            format: None,
        }
    }
}

/// The outcome of a validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validation {
    /// True when there is no error (warnings do not fail a definition).
    pub ok: bool,
    /// The diagnostics returned, with their positions.
    pub diagnostics: Vec<Located>,
    /// True when `max_results` cut the list.
    pub truncated: bool,
    /// The notation the definition was read in (none when it could not be read at all).
    pub format: Option<Format>,
}

/// A diagnostic and where its span starts and ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The diagnostic.
    pub diagnostic: Diagnostic,
    /// The start of its span (line 1, column 1 when it has none).
    pub start: Position,
    /// The end of its span.
    pub end: Position,
}

/// Validate a definition given as text.
pub fn validate(text: &str, options: &ValidateOptions) -> Validation {
    let analysis = Analysis::new(
        text,
        &AnalysisOptions {
            machine_type: options.machine_type,
            format: options.format,
        },
    );
    Validation::of(&analysis, options)
}

/// Validate a definition given as bytes (a file): invalid UTF-8 is reported, not fatal.
pub fn validate_bytes(bytes: &[u8], options: &ValidateOptions) -> Validation {
    match std::str::from_utf8(bytes) {
        Ok(text) => validate(text, options),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes);
            let at = e.valid_up_to();
            let kind = if e.error_len().is_some() && bytes[at] & 0b1100_0000 == 0b1000_0000 {
                "middle"
            } else {
                "start"
            };
            let byte = bytes[at];
            let diagnostic = Diagnostic::error(
                crate::diag::Code::InvalidJsonDescription,
                "invalid-utf8",
                format!("Invalid UTF-8 {kind} byte 0x{byte:x}"),
            )
            .span(Span::new(at, at + 1));
            finish(&text, vec![diagnostic], None, options)
        }
    }
}

impl Validation {
    /// What a validation of `analysis` returns, kept to `options`' severity and count.
    pub fn of(analysis: &Analysis, options: &ValidateOptions) -> Validation {
        finish(
            analysis.text(),
            analysis.diagnostics().to_vec(),
            analysis.format(),
            options,
        )
    }
}

fn finish(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    format: Option<Format>,
    options: &ValidateOptions,
) -> Validation {
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    let index = LineIndex::new(text);
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity >= options.severity)
        .collect();
    let truncated = kept.len() > options.max_results;
    kept.truncate(options.max_results);
    let diagnostics = kept
        .into_iter()
        .map(|diagnostic| {
            let span = diagnostic.span.unwrap_or_default();
            Located {
                start: index.position(span.start),
                end: index.position(span.end),
                diagnostic,
            }
        })
        .collect();
    Validation {
        ok,
        diagnostics,
        truncated,
        format,
    }
}

impl Validation {
    /// `OK` or `FAIL`.
    pub fn result(&self) -> &'static str {
        if self.ok { "OK" } else { "FAIL" }
    }

    /// The response of AWS's `ValidateStateMachineDefinition`, each diagnostic with its `line` and
    /// `column` added.
    pub fn to_aws_json(&self) -> Value {
        let diagnostics: Vec<Value> = self
            .diagnostics
            .iter()
            .map(|l| {
                let d = &l.diagnostic;
                let mut o = Map::new();
                o.insert("severity".into(), json!(d.severity.as_str()));
                o.insert("code".into(), json!(d.code.as_str()));
                o.insert("message".into(), json!(d.message));
                if let Some(location) = &d.location {
                    o.insert("location".into(), json!(location));
                }
                o.insert("line".into(), json!(l.start.line));
                o.insert("column".into(), json!(l.start.column));
                Value::Object(o)
            })
            .collect();
        json!({ "result": self.result(), "diagnostics": diagnostics, "truncated": self.truncated })
    }

    /// The message AWS's `CreateStateMachine` gives for an invalid definition:
    /// `Invalid State Machine Definition: 'CODE: message at /location, …'`. `None` when valid.
    pub fn create_state_machine_message(&self) -> Option<String> {
        if self.ok {
            return None;
        }
        crate::analysis::creation_message(self.diagnostics.iter().map(|l| &l.diagnostic))
    }

    /// Every diagnostic as text with a source frame (`file:line:col: severity CODE message`).
    pub fn render_text(&self, file: &str, text: &str) -> String {
        let index = LineIndex::new(text);
        self.diagnostics
            .iter()
            .map(|l| render::render(&l.diagnostic, file, &index))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

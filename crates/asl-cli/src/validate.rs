//! `asl validate`.

use crate::input;
use crate::options::{InputFormat, OutputFormat, TypeArg};
use crate::output::outln;
use asl_core::api::{self, ValidateOptions};
use asl_core::diag::Severity;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `asl validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition (JSON or YAML); `-` reads standard input.
    file: PathBuf,
    /// The type of state machine.
    #[arg(long = "type", value_enum, default_value_t = TypeArg::Standard)]
    machine_type: TypeArg,
    /// How to print the result: `json` is AWS's response with line and column added.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// The least severe diagnostics to print (AWS's API defaults to ERROR; INFO is the
    /// playground's advice).
    #[arg(long, value_enum, default_value_t = SeverityArg::Info)]
    severity: SeverityArg,
    /// Print at most this many diagnostics (AWS returns at most 100).
    #[arg(long, default_value_t = 100)]
    max_results: usize,
    /// Read the definition as JSON or YAML (default: from the file name, else detected).
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
#[value(rename_all = "UPPER")]
enum SeverityArg {
    Error,
    Warning,
    Info,
}

pub(crate) fn run(args: &Args) -> ExitCode {
    let bytes = match input::read(&args.file) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("asl: {message}");
            return ExitCode::from(2);
        }
    };
    let format = InputFormat::of(args.input_format, &args.file);
    let options = ValidateOptions {
        machine_type: args.machine_type.machine_type(),
        severity: match args.severity {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        },
        max_results: args.max_results,
        format,
    };
    let validation = api::validate_bytes(&bytes, &options);
    match args.format {
        OutputFormat::Json => {
            let json = serde_json::to_string_pretty(&validation.to_aws_json()).unwrap_or_default();
            outln!("{json}");
        }
        OutputFormat::Text => {
            let name = input::display_name(&args.file);
            let text = String::from_utf8_lossy(&bytes);
            let rendered = validation.render_text(&name, &text);
            if !rendered.is_empty() {
                outln!("{rendered}");
            }
            let errors = validation
                .diagnostics
                .iter()
                .filter(|d| d.diagnostic.is_error())
                .count();
            let warnings = validation
                .diagnostics
                .iter()
                .filter(|d| d.diagnostic.severity == Severity::Warning)
                .count();
            let advice = validation.diagnostics.len() - errors - warnings;
            let advice = if advice > 0 {
                format!(", {}", count(advice, "note"))
            } else {
                String::new()
            };
            let more = if validation.truncated {
                ", more not shown"
            } else {
                ""
            };
            outln!(
                "{name}: {} ({}, {}{advice}{more})",
                validation.result(),
                count(errors, "error"),
                count(warnings, "warning")
            );
        }
    }
    if validation.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// "1 error", "2 errors".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

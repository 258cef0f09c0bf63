//! `asl run`.

use crate::identity::IdentityArgs;
use crate::input;
use crate::timeline;
use asl_core::api::{self, ValidateOptions};
use asl_core::diag::Severity;
use asl_core::exec::mock::MockConfig;
use asl_core::exec::run::{ExecutionStatus, Limits, RunOptions, run};
use asl_core::model;
use asl_core::source;
use asl_core::validate::MachineType;
use clap::ValueEnum;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `asl run`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition (JSON or YAML); `-` reads standard input.
    definition: PathBuf,
    /// The execution's input (JSON; default `{}`); `-` reads standard input.
    #[arg(long)]
    input: Option<PathBuf>,
    /// The type of state machine.
    #[arg(long = "type", value_enum, default_value_t = TypeArg::Standard)]
    machine_type: TypeArg,
    #[command(flatten)]
    identity: IdentityArgs,
    /// A Step Functions Local MockConfigFile giving the tasks' outcomes.
    #[arg(long, requires = "test_case")]
    mock_config: Option<PathBuf>,
    /// The test case of the mock configuration to run.
    #[arg(long, requires = "mock_config")]
    test_case: Option<String>,
    /// A simulated S3 object for a Map's ItemReader, as `BUCKET/KEY=FILE` (repeatable).
    #[arg(long = "s3-object", value_name = "BUCKET/KEY=FILE")]
    s3_objects: Vec<String>,
    /// Stop a run that enters more states than this (an endless loop).
    #[arg(long, default_value_t = Limits::default().max_transitions)]
    max_transitions: u64,
    /// How to print the execution: `json` is DescribeExecution's fields plus `events` (the
    /// history as GetExecutionHistory returns it); `text` is a readable timeline.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
#[value(rename_all = "UPPER")]
enum TypeArg {
    Standard,
    Express,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Json,
    Text,
}

fn read_json(path: &Path, what: &str) -> Result<Value, String> {
    let bytes = input::read(path)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: the {what} is not JSON: {e}", input::display_name(path)))
}

pub(crate) fn run_command(args: &Args) -> ExitCode {
    match prepare(args) {
        Ok(Prepared::Run(options, machine_text, input)) => {
            execute(args, *options, &machine_text, input)
        }
        Ok(Prepared::Invalid(rendered)) => {
            eprintln!("{rendered}");
            eprintln!("asl: the definition is not valid: nothing was run");
            ExitCode::from(2)
        }
        Err(message) => {
            eprintln!("asl: {message}");
            ExitCode::from(2)
        }
    }
}

enum Prepared {
    Run(Box<RunOptions>, String, Value),
    Invalid(String),
}

fn prepare(args: &Args) -> Result<Prepared, String> {
    let bytes = input::read(&args.definition)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let express = matches!(args.machine_type, TypeArg::Express);
    let validation = api::validate(
        &text,
        &ValidateOptions {
            machine_type: if express {
                MachineType::Express
            } else {
                MachineType::Standard
            },
            severity: Severity::Error,
            ..ValidateOptions::default()
        },
    );
    if !validation.ok {
        let name = input::display_name(&args.definition);
        return Ok(Prepared::Invalid(validation.render_text(&name, &text)));
    }
    let input = match &args.input {
        Some(path) => read_json(path, "input")?,
        None => Value::Object(serde_json::Map::new()),
    };
    let identity = args.identity.identity();
    let mocks = match (&args.mock_config, &args.test_case) {
        (Some(path), Some(case)) => {
            let name = input::display_name(path);
            let config = MockConfig::from_json(&read_json(path, "mock configuration")?)
                .map_err(|e| format!("{name}: {e}"))?;
            // A configuration for one machine applies whatever the machine is called here.
            let machines: Vec<&str> = config.machine_names().collect();
            let machine = match machines.as_slice() {
                [only] => only,
                _ => identity.state_machine_name.as_str(),
            };
            Some(
                config
                    .test_case(machine, case)
                    .map_err(|e| format!("{name}: {e}"))?,
            )
        }
        _ => None,
    };
    let mut s3_objects = BTreeMap::new();
    for spec in &args.s3_objects {
        let (object, file) = spec
            .split_once('=')
            .ok_or_else(|| format!("--s3-object '{spec}': expected BUCKET/KEY=FILE"))?;
        let body = input::read(Path::new(file))?;
        s3_objects.insert(
            object.trim_start_matches("s3://").to_string(),
            String::from_utf8_lossy(&body).into_owned(),
        );
    }
    let options = RunOptions {
        identity,
        express,
        start_millis: args.identity.start_millis(),
        seed: args.identity.seed(),
        mocks,
        s3_objects,
        limits: Limits {
            max_transitions: args.max_transitions,
            ..Limits::default()
        },
        ..RunOptions::default()
    };
    Ok(Prepared::Run(Box::new(options), text, input))
}

fn execute(args: &Args, options: RunOptions, text: &str, input: Value) -> ExitCode {
    let document = match source::read(text, None) {
        Ok(document) => document,
        Err(d) => {
            eprintln!("asl: {}: {}", d.code, d.message);
            return ExitCode::from(2);
        }
    };
    let machine = match model::build_machine(&document.root) {
        Ok(machine) => machine,
        Err(e) => {
            eprintln!("asl: {e}");
            return ExitCode::from(2);
        }
    };
    let execution = run(&machine, input, options);
    match args.format {
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&execution.to_json()).unwrap_or_default()
        ),
        OutputFormat::Text => print!("{}", timeline::render(&execution)),
    }
    if execution.status == ExecutionStatus::Succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

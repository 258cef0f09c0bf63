//! `asl run`.

use crate::identity::IdentityArgs;
use crate::input;
use crate::options::{OutputFormat, TypeArg};
use crate::timeline;
use asl_core::api::{self, RunRequest, RunResult, Source};
use asl_core::exec::run::{ExecutionStatus, Limits, RunOptions};
use asl_core::validate::MachineType;
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
    #[arg(long)]
    mock_config: Option<PathBuf>,
    /// The test case of the mock configuration to run (default: its only one).
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

pub(crate) fn run_command(args: &Args) -> ExitCode {
    let read = |path: &Path| -> Result<String, String> {
        input::read(path).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    };
    let texts = (|| -> Result<_, String> {
        let definition = read(&args.definition)?;
        let input = args.input.as_deref().map(read).transpose()?;
        let mocks = args.mock_config.as_deref().map(read).transpose()?;
        let mut s3_objects = BTreeMap::new();
        for spec in &args.s3_objects {
            let (object, file) = spec
                .split_once('=')
                .ok_or_else(|| format!("--s3-object '{spec}': expected BUCKET/KEY=FILE"))?;
            s3_objects.insert(
                object.trim_start_matches("s3://").to_string(),
                read(Path::new(file))?,
            );
        }
        Ok((definition, input, mocks, s3_objects))
    })();
    let (definition, input, mocks, s3_objects) = match texts {
        Ok(texts) => texts,
        Err(message) => {
            eprintln!("asl: {message}");
            return ExitCode::from(2);
        }
    };
    let request = RunRequest {
        definition: &definition,
        input: input.as_deref().unwrap_or(""),
        mock_config: mocks.as_deref(),
        test_case: args.test_case.as_deref(),
        options: RunOptions {
            identity: args.identity.identity(),
            express: args.machine_type.machine_type() == MachineType::Express,
            start_millis: args.identity.start_millis(),
            seed: args.identity.seed(),
            s3_objects,
            limits: Limits {
                max_transitions: args.max_transitions,
                ..Limits::default()
            },
            ..RunOptions::default()
        },
    };
    let execution = match api::run(request) {
        RunResult::Ran(execution) => execution,
        RunResult::Invalid(validation) => {
            let name = input::display_name(&args.definition);
            eprintln!("{}", validation.render_text(&name, &definition));
            eprintln!("asl: the definition is not valid: nothing was run");
            return ExitCode::from(2);
        }
        RunResult::Problem(problem) => {
            let file = match problem.source {
                Source::Definition => Some(&args.definition),
                Source::Input => args.input.as_ref(),
                Source::Mocks => args.mock_config.as_ref(),
            };
            let name = file.map_or_else(String::new, |f| input::display_name(f));
            match problem.position {
                Some((line, column)) => {
                    eprintln!("asl: {name}:{line}:{column}: {}", problem.message);
                }
                None => eprintln!("asl: {name}: {}", problem.message),
            }
            return ExitCode::from(2);
        }
    };
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

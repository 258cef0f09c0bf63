//! `asl run`.

use crate::identity::IdentityArgs;
use crate::input;
use crate::options::TypeArg;
use crate::output::{out, outln};
use crate::timeline;
use asl_core::api::{self, ExecutionExport, RunResult, Source};
use asl_core::exec::run::actions::actions_from_json;
use asl_core::exec::run::{Action, ExecutionStatus, Limits, RunOptions};
use asl_core::validate::MachineType;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `asl run`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition (JSON or YAML); `-` reads standard input. Not needed with `--resume` or
    /// `--redrive`.
    #[arg(
        required_unless_present_any = ["resume", "redrive"],
        conflicts_with_all = ["resume", "redrive"]
    )]
    definition: Option<PathBuf>,
    /// The execution's input: a JSON file, the JSON itself (`'{"a": 1}'`), or `-` for standard
    /// input (default `{}`).
    #[arg(long, conflicts_with_all = ["resume", "redrive"])]
    input: Option<PathBuf>,
    /// The type of state machine.
    #[arg(long = "type", value_enum, default_value_t = TypeArg::Standard)]
    machine_type: TypeArg,
    #[command(flatten)]
    identity: IdentityArgs,
    /// A Step Functions Local MockConfigFile giving the tasks' outcomes (a file, or the JSON).
    #[arg(long, conflicts_with_all = ["resume", "redrive"])]
    mock_config: Option<PathBuf>,
    /// The test case of the mock configuration to run (default: its only one).
    #[arg(long, conflicts_with_all = ["resume", "redrive"])]
    test_case: Option<String>,
    /// A simulated S3 object for a Map's ItemReader, as `BUCKET/KEY=FILE` (repeatable).
    #[arg(long = "s3-object", value_name = "BUCKET/KEY=FILE", conflicts_with_all = ["resume", "redrive"])]
    s3_objects: Vec<String>,
    /// A state machine `states:startExecution` tasks may start, as `NAME=FILE` (repeatable):
    /// NAME is the name its ARN ends with; it runs inside the simulator, with its own test case
    /// of the mock configuration (the same test case name, under its own name).
    #[arg(long = "child", value_name = "NAME=FILE", conflicts_with_all = ["resume", "redrive"])]
    children: Vec<String>,
    /// A script of what the world does, in order: answers to waiting callback and activity
    /// tasks (by state name and attempt, or by token), heartbeats, the clock moving on, a stop,
    /// a redrive (a JSON array; see the README).
    #[arg(long)]
    callbacks: Option<PathBuf>,
    /// Write the execution (definition, input, mocks, actions and history) to this file, to be
    /// resumed or redriven later, here or elsewhere.
    #[arg(long)]
    export: Option<PathBuf>,
    /// Run an exported execution again, with `--callbacks` adding to what it was told (the
    /// export carries the definition, input, mocks and children: they are not given again).
    #[arg(long, conflicts_with = "redrive")]
    resume: Option<PathBuf>,
    /// Redrive an exported execution that failed, was aborted or timed out (RedriveExecution).
    /// The mocks' invocation counters go on: the redriven state gets its next response.
    #[arg(long)]
    redrive: Option<PathBuf>,
    /// An Express execution started with StartSyncExecution: `--format json` prints its
    /// response (the outcome and billingDetails) instead of DescribeExecution and the history.
    #[arg(long)]
    sync: bool,
    /// Deliver an Express execution this many times, as AWS's at-least-once delivery may: the
    /// later deliveries go on with the mocks' invocation counters, so tasks that are not
    /// idempotent show it.
    #[arg(long, default_value_t = 1)]
    deliveries: u32,
    /// Stop a run that enters more states than this (an endless loop).
    #[arg(long, default_value_t = Limits::default().max_transitions)]
    max_transitions: u64,
    /// How to print the execution: `json` is DescribeExecution's fields plus `events` (the
    /// history as GetExecutionHistory returns it); `text` is a readable timeline; `output` is
    /// only what a script wants: the output (JSON) of an execution that succeeded, else its
    /// status, error and cause on standard error.
    #[arg(long, value_enum, default_value_t = RunFormat::Text)]
    format: RunFormat,
}

/// `asl run --format`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum RunFormat {
    Json,
    Text,
    Output,
}

fn read(path: &Path) -> Result<String, String> {
    input::read(path).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

fn read_json(path: &Path, what: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(&read(path)?)
        .map_err(|e| format!("{}: the {what} is not JSON: {e}", input::display_name(path)))
}

/// The execution to run: from the arguments, or from an export.
fn export(args: &Args) -> Result<ExecutionExport, String> {
    let mut export = match args.resume.as_ref().or(args.redrive.as_ref()) {
        Some(path) => ExecutionExport::from_json(&read_json(path, "export")?)
            .map_err(|e| format!("{}: {e}", input::display_name(path)))?,
        None => {
            let definition = args.definition.as_deref().ok_or("no definition")?;
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
            let mut children = Vec::new();
            for spec in &args.children {
                let (name, file) = spec
                    .split_once('=')
                    .ok_or_else(|| format!("--child '{spec}': expected NAME=FILE"))?;
                children.push((name.to_string(), read(Path::new(file))?, false));
            }
            ExecutionExport {
                children,
                definition: read(definition)?,
                input: args
                    .input
                    .as_deref()
                    .map(read)
                    .transpose()?
                    .unwrap_or_default(),
                mock_config: args.mock_config.as_deref().map(read).transpose()?,
                test_case: args.test_case.clone(),
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
            }
        }
    };
    if let Some(path) = &args.callbacks {
        let script = actions_from_json(&read_json(path, "callbacks script")?)
            .map_err(|e| format!("{}: {e}", input::display_name(path)))?;
        export.options.actions.extend(script);
    }
    if args.redrive.is_some() {
        export.options.actions.push(Action::Redrive);
    }
    Ok(export)
}

pub(crate) fn run_command(args: &Args) -> ExitCode {
    let export = match export(args) {
        Ok(export) => export,
        Err(message) => {
            eprintln!("asl: {message}");
            return ExitCode::from(2);
        }
    };
    let source_name = |source: Source| {
        let file = match source {
            Source::Definition => args.definition.as_ref(),
            Source::Input => args.input.as_ref(),
            Source::Mocks => args.mock_config.as_ref(),
            Source::Child => None,
        };
        file.or(args.resume.as_ref())
            .or(args.redrive.as_ref())
            .map_or_else(String::new, |f| input::display_name(f))
    };
    let mut request = export.request();
    request.deliveries = args.deliveries;
    let execution = match api::run(request) {
        RunResult::Ran(execution) => execution,
        RunResult::Invalid(validation) => {
            let name = source_name(Source::Definition);
            eprintln!("{}", validation.render_text(&name, &export.definition));
            eprintln!("asl: the definition is not valid: nothing was run");
            return ExitCode::from(2);
        }
        RunResult::Problem(problem) => {
            let name = source_name(problem.source);
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
        RunFormat::Json => {
            let printed = if args.sync {
                execution.start_sync_response()
            } else {
                execution.to_json()
            };
            outln!(
                "{}",
                serde_json::to_string_pretty(&printed).unwrap_or_default()
            );
        }
        RunFormat::Output => match (&execution.status, &execution.output) {
            (ExecutionStatus::Succeeded, Some(output)) => outln!("{output}"),
            (status, _) => {
                let mut said = format!("asl: the execution is {}", status.as_str());
                for part in [&execution.error, &execution.cause].into_iter().flatten() {
                    said.push_str(": ");
                    said.push_str(part);
                }
                eprintln!("{said}");
            }
        },
        RunFormat::Text => {
            let mut delivery = Some(&*execution);
            while let Some(run) = delivery {
                out!("{}", timeline::render(run));
                delivery = run.redelivered.as_deref();
                if delivery.is_some() {
                    outln!("-- delivered again (at-least-once) --");
                }
            }
        }
    }
    if let Some(path) = &args.export {
        let file =
            serde_json::to_string_pretty(&export.to_json(Some(&execution))).unwrap_or_default();
        if let Err(e) = std::fs::write(path, file + "\n") {
            eprintln!("asl: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    for refused in &execution.action_errors {
        eprintln!(
            "asl: action {} of the script was refused: {}: {}",
            refused.action, refused.code, refused.message
        );
    }
    if !execution.action_errors.is_empty() {
        ExitCode::from(2)
    } else if execution.status == ExecutionStatus::Succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

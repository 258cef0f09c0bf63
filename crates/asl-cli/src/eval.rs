//! `asl eval`.

use crate::input;
use crate::output::outln;
use asl_core::api::{self, EvalError, EvalInput};
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `asl eval`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A JSONPath (`$.items[0]`), an intrinsic call (`States.Format('{}', $.a)`), or a payload
    /// template as a JSON object (`{"id.$": "$.id"}`).
    expression: String,
    /// The JSON the expression reads as `$`: a file, the JSON itself (`'{"a": 1}'`), or `-` for
    /// standard input (default `{}`).
    #[arg(long)]
    input: Option<PathBuf>,
    /// The context object `$$` reads (a JSON file, or the JSON).
    #[arg(long)]
    context: Option<PathBuf>,
    /// The workflow variables `$name` reads (a JSON object, in a file or given as is).
    #[arg(long)]
    variables: Option<PathBuf>,
    /// The seed of States.UUID and States.MathRandom.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

fn read_json(path: Option<&PathBuf>) -> Result<Value, String> {
    let Some(path) = path else {
        return Ok(Value::Null);
    };
    let bytes = input::read(path)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not JSON: {e}", input::display_name(path)))
}

pub(crate) fn run(args: &Args) -> ExitCode {
    let read = || -> Result<EvalInput, String> {
        let data = read_json(args.input.as_ref())?;
        let variables = match read_json(args.variables.as_ref())? {
            Value::Null => serde_json::Map::new(),
            Value::Object(map) => map,
            _ => return Err("the variables must be a JSON object".into()),
        };
        Ok(EvalInput {
            input: if data.is_null() && args.input.is_none() {
                Value::Object(serde_json::Map::new())
            } else {
                data
            },
            context: read_json(args.context.as_ref())?,
            variables,
            seed: args.seed,
            ..EvalInput::default()
        })
    };
    let input = match read() {
        Ok(input) => input,
        Err(message) => {
            eprintln!("asl: {message}");
            return ExitCode::from(2);
        }
    };
    match api::eval(&args.expression, &input) {
        Ok(value) => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(EvalError::Runtime(error)) => {
            let json = serde_json::json!({ "error": error.error, "cause": error.cause });
            outln!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
            ExitCode::FAILURE
        }
        Err(EvalError::Syntax { message, range }) => {
            let column = args.expression[..range.start.min(args.expression.len())]
                .chars()
                .count();
            let width = args
                .expression
                .get(range)
                .map_or(1, |s| s.chars().count().max(1));
            eprintln!("asl: the expression does not parse: {message}");
            eprintln!("  {}", args.expression);
            eprintln!("  {}{}", " ".repeat(column), "^".repeat(width));
            ExitCode::from(2)
        }
    }
}

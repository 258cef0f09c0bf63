//! `asl`: the ASL Playground engine on the command line, for CI and quick checks.

mod aws_shapes;
mod eval;
mod graph;
mod identity;
mod input;
mod options;
mod output;
mod run;
mod test_state;
mod timeline;
mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// An execution allocates and frees many small JSON values; mimalloc does that in three quarters
/// of the time glibc's allocator takes (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Understand and test AWS Step Functions state machines without AWS.
#[derive(Debug, Parser)]
#[command(name = "asl", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a definition as AWS's ValidateStateMachineDefinition does.
    ///
    /// Exit status: 0 when the definition is valid, 1 when it is not, 2 for a usage or I/O error.
    Validate(validate::Args),
    /// Test one state as AWS's TestState API does: its output, error, next state, status and
    /// the data at each stage.
    ///
    /// Exit status: 0 when the state SUCCEEDED or CAUGHT_ERROR, 1 when it FAILED or is
    /// RETRIABLE, 2 when the request is refused (printed as AWS's error) or unreadable.
    TestState(test_state::Args),
    /// Evaluate a JSONPath, an intrinsic function call or a payload template, as AWS would.
    ///
    /// Prints the JSON value; on a runtime failure prints AWS's error and cause and exits 1; a
    /// malformed expression exits 2.
    Eval(eval::Args),
    /// Run a whole execution on a virtual clock, task outcomes from a mock configuration, and
    /// print what DescribeExecution and GetExecutionHistory would return.
    ///
    /// Exit status: 0 when the execution SUCCEEDED, 1 when it did not, 2 for a usage or I/O
    /// error or a definition that is not valid.
    Run(Box<run::Args>),
    /// Draw the machine: an SVG picture with a legend, or Mermaid or Graphviz DOT text to put in
    /// a README or render elsewhere. A definition with errors is drawn as far as it reads.
    ///
    /// Exit status: 0 when drawn, 2 for a usage or I/O error or a text that is not a definition
    /// (not JSON or YAML, or not an object).
    Graph(graph::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::TestState(args) => test_state::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Run(args) => run::run_command(&args),
        Command::Graph(args) => graph::run(&args),
    }
}

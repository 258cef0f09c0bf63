//! `asl graph`.

use crate::input;
use crate::options::InputFormat;
use crate::output::out;
use asl_core::graph::Machine;
use asl_core::text::LineIndex;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `asl graph`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition (JSON or YAML); `-` reads standard input.
    file: PathBuf,
    /// What to print: an SVG picture (with a legend), a Mermaid flowchart (GitHub renders it in
    /// Markdown) or a Graphviz DOT digraph.
    #[arg(long, value_enum, default_value_t = GraphFormat::Svg)]
    format: GraphFormat,
    /// Read the definition as JSON or YAML (default: from the file name, else detected).
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum GraphFormat {
    Svg,
    Mermaid,
    Dot,
}

pub(crate) fn run(args: &Args) -> ExitCode {
    let name = input::display_name(&args.file);
    let bytes = match input::read(&args.file) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("asl: {message}");
            return ExitCode::from(2);
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("asl: {name}: not UTF-8 text");
        return ExitCode::from(2);
    };
    let format = InputFormat::of(args.input_format, &args.file);
    let machine = match Machine::read(&text, format) {
        Ok(machine) => machine,
        Err(diagnostic) => {
            let at = diagnostic.span.map_or(String::new(), |span| {
                let position = LineIndex::new(&text).position(span.start);
                format!(":{}:{}", position.line, position.column)
            });
            eprintln!(
                "asl: {name}{at}: cannot draw this definition: {}",
                diagnostic.headline()
            );
            return ExitCode::from(2);
        }
    };
    let out = match args.format {
        GraphFormat::Svg => machine.svg(),
        GraphFormat::Mermaid => machine.mermaid(),
        GraphFormat::Dot => machine.dot(),
    };
    out!("{out}");
    ExitCode::SUCCESS
}

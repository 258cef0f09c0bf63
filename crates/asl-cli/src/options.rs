//! Options several commands share.

use asl_core::source::Format;
use asl_core::validate::MachineType;
use clap::ValueEnum;
use std::path::Path;

/// `--type STANDARD|EXPRESS`.
#[derive(Clone, Copy, Debug, ValueEnum)]
#[value(rename_all = "UPPER")]
pub(crate) enum TypeArg {
    Standard,
    Express,
}

impl TypeArg {
    pub(crate) fn machine_type(self) -> MachineType {
        match self {
            TypeArg::Standard => MachineType::Standard,
            TypeArg::Express => MachineType::Express,
        }
    }
}

/// `--format json|text`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum OutputFormat {
    Json,
    Text,
}

/// `--input-format json|yaml`: how to read a definition.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum InputFormat {
    Json,
    Yaml,
}

impl InputFormat {
    /// The notation to read `file` in: the one asked for, else YAML for a `.yaml`/`.yml` file,
    /// else detected from the text (`None`).
    pub(crate) fn of(asked: Option<InputFormat>, file: &Path) -> Option<Format> {
        match asked {
            Some(InputFormat::Json) => Some(Format::Json),
            Some(InputFormat::Yaml) => Some(Format::Yaml),
            None => match file.extension().and_then(|e| e.to_str()) {
                Some("yaml" | "yml") => Some(Format::Yaml),
                _ => None,
            },
        }
    }
}

//! Options several commands share.

use asl_core::validate::MachineType;
use clap::ValueEnum;

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

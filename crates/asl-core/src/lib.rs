//! The ASL Playground engine.
//!
//! Reads Amazon States Language definitions (JSON or YAML) with the position of every value, and
//! validates them as AWS's `ValidateStateMachineDefinition` does, collecting every problem as a
//! [`diag::Diagnostic`]. The crate is pure: no I/O, no clock, no OS randomness.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod api;
pub mod base64;
pub mod convert;
pub mod diag;
pub mod exec;
pub mod generate;
pub mod graph;
pub mod intrinsic;
pub mod json;
pub mod jsonata;
pub mod model;
pub mod path;
pub mod placeholder;
pub mod resource;
pub mod source;
pub mod test_state;
pub mod text;
pub mod timestamp;
pub mod validate;
pub mod yaml;

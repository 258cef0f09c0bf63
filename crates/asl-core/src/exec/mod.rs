//! Running states: the runtime error value, the context object, the seeded random source, and
//! (growing with the executor) the per-state data flow.

pub mod choice;
pub mod context;
pub mod dataflow;
pub mod error;
pub mod retry;
pub mod rng;
pub mod wait;

pub use error::StatesError;

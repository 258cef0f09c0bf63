//! Running states: the runtime error value, the context object, the seeded random source, and
//! (growing with the executor) the per-state data flow.

pub mod error;
pub mod rng;

pub use error::StatesError;

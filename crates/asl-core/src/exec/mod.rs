//! Running states: the runtime error value, the context object, the seeded random source, what
//! one state does to its data ([`step`]), and whole executions ([`run`]) with their history and
//! mocks.

pub mod choice;
pub mod context;
pub mod dataflow;
pub mod error;
pub mod history;
pub mod java_random;
pub mod jsonata_step;
pub mod mock;
pub mod retry;
pub mod rng;
pub mod run;
pub mod step;
pub mod wait;

pub use error::StatesError;

//! An execution run in slices: a browser runs a long execution a few thousand moves at a time
//! between frames, shows how far it got, and can stop it, while the page stays responsive. The
//! run is the same as in one go, move for move.

use super::engine::Engine;
use super::{Execution, RunOptions};
use crate::model::Machine;
use serde_json::Value;

self_cell::self_cell!(
    /// The machine, and the engine running it.
    struct Cell {
        owner: Machine,
        #[not_covariant]
        dependent: Engine,
    }
);

/// An execution under way.
pub struct Runner {
    cell: Cell,
}

impl std::fmt::Debug for Runner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner")
            .field("transitions", &self.transitions())
            .finish_non_exhaustive()
    }
}

impl Runner {
    /// Start an execution of `machine` (ExecutionStarted is recorded; nothing has run yet).
    pub fn new(machine: Machine, input: Value, options: RunOptions) -> Runner {
        let cell = Cell::new(machine, |machine| {
            let mut engine = Engine::new(machine, input, options);
            engine.start();
            engine
        });
        Runner { cell }
    }

    /// Run at most `moves` more moves (a state's step, a timer, an action): the execution once
    /// it has ended or waits for an answer, `None` while it can go on.
    pub fn run_for(&mut self, moves: u64) -> Option<Execution> {
        self.cell
            .with_dependent_mut(|_, engine| engine.resume(moves))
    }

    /// How many states have been entered so far.
    pub fn transitions(&self) -> u64 {
        self.cell.with_dependent(|_, engine| engine.transitions())
    }

    /// StopExecution, now: the execution, aborted where it had got to.
    pub fn stop(mut self, error: Option<String>, cause: Option<String>) -> Execution {
        self.cell
            .with_dependent_mut(|_, engine| engine.stop_now(error, cause))
    }
}

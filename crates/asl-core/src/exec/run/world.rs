//! Driving a run: states move while they can; when none can, the next action of the world is
//! applied (an answer, the clock moving on, a stop, a redrive), or the clock jumps to the next
//! timer. While a task waits for an answer and no action is left, time stands still: the
//! execution is `RUNNING` until someone answers or moves the clock.

use super::actions::{Action, ActionError, Target};
use super::engine::{Engine, Finish, Pc, Timer};
use super::waiting::Refusal;
use crate::exec::error::StatesError;
use crate::exec::history::EventKind;
use std::cmp::Reverse;
use std::sync::Arc;

/// What came of trying an action.
enum Tried {
    /// It was applied (or refused, and recorded).
    Done,
    /// Its task does not wait yet: time must move on first.
    NotYet,
}

impl Engine<'_> {
    /// Run until the execution ends, or waits for an answer nobody has given.
    pub(super) fn drive(&mut self) {
        self.drive_for(u64::MAX);
    }

    /// [`Engine::drive`] for at most `budget` moves (a state's step, a timer, an action): true
    /// when the run has ended or waits for an answer, false when the budget ran out first and
    /// it can go on (a browser runs a long execution in slices between frames).
    pub(super) fn drive_for(&mut self, budget: u64) -> bool {
        let mut moves = 0u64;
        loop {
            if moves >= budget {
                return false;
            }
            moves += 1;
            if self.finish.is_some() {
                if matches!(self.actions.get(self.next_action), Some(Action::Redrive)) {
                    self.next_action += 1;
                    self.redrive();
                    continue;
                }
                return true;
            }
            if let Some(id) = self.ready.pop_front() {
                self.step(id);
                continue;
            }
            if let Some(until) = self.advancing_to {
                if !self.fire_next_timer(Some(until)) {
                    self.clock = self.clock.max(until);
                    self.advancing_to = None;
                }
                continue;
            }
            if self.next_action < self.actions.len() {
                match self.try_action() {
                    Tried::Done => {}
                    Tried::NotYet => {
                        // Time moves on for the answer, but not to the execution's own end.
                        let only_the_end = matches!(
                            self.timers.peek(),
                            None | Some(Reverse((_, _, Timer::Execution)))
                        );
                        if only_the_end || !self.fire_next_timer(None) {
                            let index = self.next_action;
                            self.next_action += 1;
                            let message = format!(
                                "the state this action answers never waits for an answer (waiting: {})",
                                self.waiting_names()
                            );
                            self.refuse(index, "Playground", message);
                        }
                    }
                }
                continue;
            }
            if self.fibers.iter().any(|f| matches!(f.pc, Pc::Await(..))) {
                // Waiting for the world, and the world has said all it had to say.
                return true;
            }
            if !self.fire_next_timer(None) {
                self.finish = Some(Finish::Failed(StatesError::runtime(
                    "The execution cannot go on: no state is running and none is waiting",
                )));
            }
        }
    }

    /// Fire the earliest timer (if it falls no later than `until`): the clock moves to it.
    /// False when there is none.
    fn fire_next_timer(&mut self, until: Option<i64>) -> bool {
        let Some(Reverse((at, _, _))) = self.timers.peek() else {
            return false;
        };
        let at = *at;
        if until.is_some_and(|until| at > until) {
            return false;
        }
        let Some(Reverse((_, _, timer))) = self.timers.pop() else {
            return false;
        };
        self.clock = self.clock.max(at);
        match timer {
            Timer::Wake(id) => {
                if matches!(self.fibers[id].pc, Pc::Sleep(..)) {
                    self.ready.push_back(id);
                }
            }
            Timer::Heartbeat(id, generation) => self.deadline(id, generation, true),
            Timer::Timeout(id, generation) => self.deadline(id, generation, false),
            Timer::Execution => self.time_out(),
        }
        true
    }

    fn refuse(&mut self, action: usize, code: &str, message: impl Into<String>) {
        self.action_errors.push(ActionError {
            action,
            code: code.to_string(),
            message: message.into(),
        });
    }

    /// Apply the next action, if it can be now.
    fn try_action(&mut self) -> Tried {
        let index = self.next_action;
        let action = self.actions[index].clone();
        let outcome: Result<bool, Refusal> = match action {
            Action::Answer { target, answer } => match self.find_waiting(&target) {
                Ok(Some(id)) => {
                    self.answer(id, answer);
                    Ok(true)
                }
                Ok(None) => Ok(false),
                Err(refusal) => Err(refusal),
            },
            Action::Advance { seconds } => {
                let seconds = i64::try_from(seconds).unwrap_or(i64::MAX);
                self.advancing_to = Some(self.clock.saturating_add(seconds.saturating_mul(1000)));
                Ok(true)
            }
            Action::GetActivityTask { activity, worker } => {
                Ok(self.start_activity(&activity, worker.as_deref()).is_some())
            }
            Action::Stop { error, cause } => {
                self.stop(error, cause);
                Ok(true)
            }
            Action::Redrive => Err(Refusal {
                code: "ExecutionNotRedrivable",
                message: "Execution is RUNNING: only a FAILED execution can be redriven".into(),
            }),
        };
        match outcome {
            Ok(true) => {
                self.next_action += 1;
                Tried::Done
            }
            Ok(false) => Tried::NotYet,
            Err(refusal) => {
                self.next_action += 1;
                self.refuse(index, refusal.code, refusal.message);
                Tried::Done
            }
        }
    }

    /// StopExecution: every task's token closes, and the execution is aborted.
    pub(super) fn stop(&mut self, error: Option<String>, cause: Option<String>) {
        self.capture_redrive_point();
        self.close_all_tokens();
        // AWS records the abort with no causal link (previousEventId 0).
        self.emit_after(
            0,
            false,
            EventKind::ExecutionAborted {
                error: error.clone(),
                cause: cause.clone(),
            },
        );
        self.finish = Some(Finish::Aborted(StatesError::from_parts(error, cause)));
    }

    /// RedriveExecution: a failed, aborted or timed-out execution restarts from the top-level
    /// state that failed (or was running), with the input it had; what succeeded before is kept.
    fn redrive(&mut self) {
        let index = self.next_action - 1;
        let redrivable = !matches!(self.finish, Some(Finish::Succeeded(_)));
        let Some((state, input)) = self.redrive_point.clone().filter(|_| redrivable) else {
            self.refuse(
                index,
                "ExecutionNotRedrivable",
                "Execution is SUCCEEDED: only a FAILED, ABORTED or TIMED_OUT execution can be redriven",
            );
            return;
        };
        self.redrive_count += 1;
        self.finish = None;
        self.redrive_point = None;
        // Whatever still ran below the top level is dropped: the state runs again whole.
        for fiber in self.fibers.iter_mut().skip(1) {
            fiber.pc = Pc::Done;
        }
        self.ready.clear();
        self.timers.clear();
        // ⚠ The execution's time counts again from the redrive.
        self.deadline = self.clock.saturating_add(self.budget);
        self.timer_for(self.deadline, Timer::Execution);
        let last = self.events.len() as u64;
        let redriven = self.emit_after(
            last,
            false,
            EventKind::ExecutionRedriven {
                redrive_count: self.redrive_count,
            },
        );
        // The top-level fiber is always the first.
        let root = 0;
        self.fibers[root].last = redriven;
        self.fibers[root].pc = Pc::Enter(state, Arc::clone(&input));
        self.ready.push_back(root);
    }

    /// Actions left over when the execution ended could not be taken.
    pub(super) fn refuse_remaining_actions(&mut self) {
        if self.finish.is_none() {
            return;
        }
        while self.next_action < self.actions.len() {
            let index = self.next_action;
            self.next_action += 1;
            let (code, message) = match &self.actions[index] {
                Action::Answer {
                    target: Target::Token(_),
                    ..
                } => ("TaskTimedOut", "Task Timed Out: the execution has ended"),
                Action::Redrive => (
                    "ExecutionNotRedrivable",
                    "The execution did not fail: there is nothing to redrive",
                ),
                _ => ("Playground", "The execution had ended before this action"),
            };
            self.refuse(index, code, message);
        }
    }
}

//! What happened to each state in a run, for colouring the graph: succeeded, failed, caught,
//! waiting, aborted or still running, how many attempts it took, and a Map's iterations.

use crate::exec::history::EventKind;
use crate::exec::run::{Execution, ExecutionStatus};
use std::collections::BTreeMap;

/// How a state fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateStatus {
    /// It exited normally every time it ran.
    Succeeded,
    /// It failed, and nothing caught it.
    Failed,
    /// It failed and a catcher took the error.
    Caught,
    /// It waits for an answer (a callback or an activity).
    Waiting,
    /// It was stopped (a sibling failed, the execution was stopped).
    Aborted,
    /// It is running (the execution stopped before it ended).
    Running,
}

impl StateStatus {
    /// `succeeded`, `failed`, `caught`, `waiting`, `aborted` or `running` (a CSS class suffix).
    pub fn as_str(self) -> &'static str {
        match self {
            StateStatus::Succeeded => "succeeded",
            StateStatus::Failed => "failed",
            StateStatus::Caught => "caught",
            StateStatus::Waiting => "waiting",
            StateStatus::Aborted => "aborted",
            StateStatus::Running => "running",
        }
    }
}

/// What happened to one state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateOutcome {
    /// How it fared.
    pub status: StateStatus,
    /// How many times it was entered (loops, Map iterations, branches).
    pub visits: u32,
    /// How many times its work was tried: visits plus retries.
    pub attempts: u32,
    /// For a Map: how many iterations started.
    pub iterations: u32,
}

/// The input `state` received the last time it was entered in `execution`, and the id of that
/// event; `None` when the run did not reach it.
pub fn last_input(
    execution: &Execution,
    state: &str,
) -> Option<(u64, crate::exec::history::Payload)> {
    execution
        .events
        .iter()
        .rev()
        .find_map(|event| match &event.kind {
            EventKind::StateEntered { name, input, .. } if &**name == state => {
                Some((event.id, input.clone()))
            }
            _ => None,
        })
}

/// Each state that ran, by name. States that did not run are not there (not reached).
pub fn state_outcomes(execution: &Execution) -> BTreeMap<String, StateOutcome> {
    state_outcomes_until(execution, None)
}

/// The same, as the history stood after the event `upto` (stepping through a run): later events,
/// retries and catches are not counted yet, and what was still open is running.
pub fn state_outcomes_until(
    execution: &Execution,
    upto: Option<u64>,
) -> BTreeMap<String, StateOutcome> {
    let last = upto.unwrap_or(u64::MAX);
    let seen = |id: u64| id <= last;
    #[derive(Default)]
    struct Counts {
        entered: u32,
        exited: u32,
        aborted: bool,
        iterations: u32,
    }
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for event in execution.events.iter().filter(|e| seen(e.id)) {
        match &event.kind {
            EventKind::StateEntered { name, .. } => {
                counts.entry(name.to_string()).or_default().entered += 1;
            }
            EventKind::StateExited { name, .. } => {
                counts.entry(name.to_string()).or_default().exited += 1;
            }
            EventKind::StateAborted { .. } => {
                if let Some(name) = execution.state_of_event(event.id) {
                    counts.entry(name.to_string()).or_default().aborted = true;
                }
            }
            EventKind::MapIterationStarted { name, .. } => {
                counts.entry(name.to_string()).or_default().iterations += 1;
            }
            _ => {}
        }
    }
    let running = execution.status == ExecutionStatus::Running
        || upto.is_some_and(|id| execution.events.last().is_some_and(|e| e.id > id));
    counts
        .into_iter()
        .filter(|(_, c)| c.entered > 0)
        .map(|(name, c)| {
            let retries = execution
                .retries
                .iter()
                // A retry counts once its next attempt has started (after the failure event).
                .filter(|r| r.handled.state == name && r.handled.event_id < last)
                .count() as u32;
            let status = if upto.is_none() && execution.waiting.iter().any(|w| w.state == name) {
                StateStatus::Waiting
            } else if execution
                .catches
                .iter()
                .any(|k| k.handled.state == name && seen(k.handled.event_id))
            {
                StateStatus::Caught
            } else if c.aborted {
                StateStatus::Aborted
            } else if c.exited >= c.entered {
                StateStatus::Succeeded
            } else if running {
                StateStatus::Running
            } else {
                StateStatus::Failed
            };
            let outcome = StateOutcome {
                status,
                visits: c.entered,
                attempts: c.entered + retries,
                iterations: c.iterations,
            };
            (name, outcome)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{RunRequest, RunResult, run};

    #[test]
    fn a_retried_then_caught_task_and_what_followed() {
        let definition = r#"{"StartAt": "Charge", "States": {
            "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Parameters": {"FunctionName": "f"},
                       "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "IntervalSeconds": 1}],
                       "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Refund"}], "Next": "Ship"},
            "Ship": {"Type": "Pass", "End": true},
            "Refund": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "One",
                       "States": {"One": {"Type": "Pass", "End": true}}}, "End": true}}}"#;
        let mocks = r#"{"StateMachines": {"M": {"TestCases": {"T": {"Charge": "E"}}}},
            "MockedResponses": {"E": {"0-2": {"Throw": {"Error": "Boom", "Cause": "no"}}}}}"#;
        let RunResult::Ran(execution) = run(RunRequest {
            definition,
            input: r#"{"items": [1, 2, 3]}"#,
            mock_config: Some(mocks),
            ..RunRequest::default()
        }) else {
            panic!("it runs")
        };
        // The input each state last received: Refund's has the caught error in it.
        let (event, input) = last_input(&execution, "Refund").unwrap();
        assert_eq!(input["error"]["Error"], "Boom");
        assert!(matches!(
            execution.events[event as usize - 1].kind,
            EventKind::StateEntered { .. }
        ));
        assert_eq!(last_input(&execution, "Ship"), None);
        let outcomes = state_outcomes(&execution);
        let charge = outcomes["Charge"];
        assert_eq!((charge.status, charge.attempts), (StateStatus::Caught, 3));
        let refund = outcomes["Refund"];
        assert_eq!(
            (refund.status, refund.iterations),
            (StateStatus::Succeeded, 3)
        );
        assert_eq!(outcomes["One"].visits, 3);
        assert!(!outcomes.contains_key("Ship"), "not reached");
        // After the first failure only the first attempt has happened: Charge is running.
        let first_failure = execution.first_failure().unwrap();
        let early = state_outcomes_until(&execution, Some(first_failure));
        assert_eq!(
            (early["Charge"].status, early["Charge"].attempts),
            (StateStatus::Running, 1)
        );
        assert!(!early.contains_key("Refund"));
    }
}

//! StartExecution's idempotency, for the executions a playground session started: the same name
//! with the same input while the first execution still runs returns that execution; a closed
//! execution, or a different input, gives `ExecutionAlreadyExists`. Express executions are not
//! checked (⚠ AWS documents idempotency for Standard workflows only).

use super::{RunRequest, RunResult, run};
use crate::exec::run::ExecutionStatus;
use serde_json::Value;
use std::collections::BTreeMap;

/// What StartExecution does with a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// Start a new execution.
    New,
    /// Return the execution already running under this name (same name, same input).
    Existing,
    /// Refuse: `ExecutionAlreadyExists`, with AWS's message.
    AlreadyExists(String),
}

/// What [`Starts::start`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum Started {
    /// A new execution ran (or could not run: the result says why).
    Ran(RunResult),
    /// StartExecution returned the execution already running under this ARN.
    Existing(String),
    /// StartExecution refused: `ExecutionAlreadyExists`, with AWS's message.
    AlreadyExists(String),
}

/// An execution a session started.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Record {
    input: Value,
    running: bool,
}

/// The executions started so far, by ARN.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Starts {
    started: BTreeMap<String, Record>,
}

impl Starts {
    /// What StartExecution of `execution_arn` with `input` does.
    pub fn check(&self, execution_arn: &str, input: &Value, express: bool) -> Start {
        if express {
            return Start::New;
        }
        match self.started.get(execution_arn) {
            None => Start::New,
            Some(record) if record.running && record.input == *input => Start::Existing,
            Some(_) => Start::AlreadyExists(format!("Execution Already Exists: '{execution_arn}'")),
        }
    }

    /// What StartExecution of the request's execution (its name and input) does.
    pub fn check_request(&self, request: &RunRequest<'_>) -> Start {
        let express = request.options.express;
        let arn = request.options.identity.execution_arn(express);
        let input = serde_json::from_str(request.input).unwrap_or(Value::Null);
        self.check(&arn, &input, express)
    }

    /// StartExecution: check the request's name and input against the executions started so
    /// far, run it when AWS would, and remember it.
    pub fn start(&mut self, request: RunRequest<'_>) -> Started {
        match self.check_request(&request) {
            Start::Existing => {
                let express = request.options.express;
                return Started::Existing(request.options.identity.execution_arn(express));
            }
            Start::AlreadyExists(message) => return Started::AlreadyExists(message),
            Start::New => {}
        }
        let result = run(request);
        self.remember(&result);
        Started::Ran(result)
    }

    /// Remember what a run of a started execution gave (a run that did not start is ignored).
    pub fn remember(&mut self, result: &RunResult) {
        if let RunResult::Ran(execution) = result {
            let running = execution.status == ExecutionStatus::Running;
            let input = Value::clone(&execution.input);
            self.record(&execution.execution_arn, input, running);
        }
    }

    /// Remember an execution: its input, and whether it still runs (waits for answers).
    pub fn record(&mut self, execution_arn: &str, input: Value, running: bool) {
        self.started
            .insert(execution_arn.to_string(), Record { input, running });
    }

    /// Forget every execution (a new session).
    pub fn clear(&mut self) {
        self.started.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_same_name_and_input_while_running_returns_the_execution() {
        let arn = "arn:aws:states:us-east-1:123456789012:execution:M:order-42";
        let mut starts = Starts::default();
        assert_eq!(starts.check(arn, &json!({"id": 42}), false), Start::New);
        starts.record(arn, json!({"id": 42}), true);
        assert_eq!(
            starts.check(arn, &json!({"id": 42}), false),
            Start::Existing
        );
        assert_eq!(
            starts.check(arn, &json!({"id": 43}), false),
            Start::AlreadyExists(format!("Execution Already Exists: '{arn}'"))
        );
        starts.record(arn, json!({"id": 42}), false);
        assert!(matches!(
            starts.check(arn, &json!({"id": 42}), false),
            Start::AlreadyExists(_)
        ));
        assert_eq!(starts.check(arn, &json!({"id": 42}), true), Start::New);
    }
}

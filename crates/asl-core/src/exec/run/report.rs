//! What the playground tells beyond the history: every retry and every catch, with its reason.
//! The AWS console leaves these to be inferred from repeated events.

use serde_json::{Value, json};

/// One retry of a state.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryRecord {
    /// The state retried.
    pub state: String,
    /// The event that reported the error (a `TaskFailed`, a branch's failure…).
    pub event_id: u64,
    /// The error retried.
    pub error: Option<String>,
    /// Its cause.
    pub cause: Option<String>,
    /// Which retrier (its index in `Retry`).
    pub retrier: usize,
    /// That retrier's attempt number, from 1.
    pub attempt: u64,
    /// The wait before the retry, in milliseconds.
    pub delay_millis: i64,
}

impl RetryRecord {
    /// The record as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "state": self.state,
            "eventId": self.event_id,
            "error": self.error,
            "cause": self.cause,
            "retrier": self.retrier,
            "attempt": self.attempt,
            "delayMillis": self.delay_millis,
        })
    }
}

/// One error a catcher took.
#[derive(Clone, Debug, PartialEq)]
pub struct CatchRecord {
    /// The state whose catcher took it.
    pub state: String,
    /// The event that reported the error.
    pub event_id: u64,
    /// The error.
    pub error: Option<String>,
    /// Its cause.
    pub cause: Option<String>,
    /// Which catcher (its index in `Catch`).
    pub catcher: usize,
    /// Where it sent the execution.
    pub next: String,
}

impl CatchRecord {
    /// The record as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "state": self.state,
            "eventId": self.event_id,
            "error": self.error,
            "cause": self.cause,
            "catcher": self.catcher,
            "next": self.next,
        })
    }
}

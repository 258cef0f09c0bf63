//! What the playground tells beyond the history: every retry and every catch, with its reason.
//! The AWS console leaves these to be inferred from repeated events.

use serde_json::{Map, Value, json};

/// An error a state's Retry or Catch handled: where it was reported and what it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handled {
    /// The state whose handler took it.
    pub state: String,
    /// The event that reported the error (a `TaskFailed`, a branch's failure…).
    pub event_id: u64,
    /// The error.
    pub error: Option<String>,
    /// Its cause.
    pub cause: Option<String>,
}

impl Handled {
    fn to_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("state".into(), json!(self.state));
        out.insert("eventId".into(), json!(self.event_id));
        out.insert("error".into(), json!(self.error));
        out.insert("cause".into(), json!(self.cause));
        out
    }

    fn error_name(&self) -> &str {
        self.error.as_deref().unwrap_or("an error without a name")
    }
}

/// One retry of a state.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryRecord {
    /// The error retried.
    pub handled: Handled,
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
        let mut out = self.handled.to_json();
        out.insert("retrier".into(), json!(self.retrier));
        out.insert("attempt".into(), json!(self.attempt));
        out.insert("delayMillis".into(), json!(self.delay_millis));
        Value::Object(out)
    }

    /// `↻ retry 2 of ChargeCard (Retry[0]) in 2.000 s: Lambda.ServiceException`.
    pub fn note(&self) -> String {
        format!(
            "↻ retry {} of {} (Retry[{}]) in {:.3} s: {}",
            self.attempt,
            self.handled.state,
            self.retrier,
            self.delay_millis as f64 / 1000.0,
            self.handled.error_name()
        )
    }
}

/// One error a catcher took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatchRecord {
    /// The error caught.
    pub handled: Handled,
    /// Which catcher (its index in `Catch`).
    pub catcher: usize,
    /// Where it sent the execution.
    pub next: String,
}

impl CatchRecord {
    /// The record as JSON.
    pub fn to_json(&self) -> Value {
        let mut out = self.handled.to_json();
        out.insert("catcher".into(), json!(self.catcher));
        out.insert("next".into(), json!(self.next));
        Value::Object(out)
    }

    /// `⤷ caught by ChargeCard (Catch[0]) → Refund: Lambda.ServiceException`.
    pub fn note(&self) -> String {
        format!(
            "⤷ caught by {} (Catch[{}]) → {}: {}",
            self.handled.state,
            self.catcher,
            self.next,
            self.handled.error_name()
        )
    }
}

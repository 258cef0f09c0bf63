//! Running a whole state machine on a virtual clock, as Step Functions would: every state type,
//! Retry and Catch, Parallel branches and Map iterations interleaved, task outcomes from mocks,
//! and the history AWS records.
//!
//! ```
//! use asl_core::exec::run::{run_definition, RunOptions, ExecutionStatus};
//! use serde_json::json;
//!
//! let definition = r#"{"StartAt": "Hello", "States": {
//!     "Hello": {"Type": "Pass", "Result": "world", "ResultPath": "$.hello", "End": true}}}"#;
//! let execution = run_definition(definition, json!({"n": 1}), RunOptions::default()).unwrap();
//! assert_eq!(execution.status, ExecutionStatus::Succeeded);
//! assert_eq!(execution.output, Some(json!({"n": 1, "hello": "world"})));
//! let types: Vec<String> = execution.events.iter().map(|e| e.kind.type_name()).collect();
//! assert_eq!(types, ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
//! assert_eq!(execution.state_of_event(4), Some("Hello"));
//! ```

pub mod actions;
mod child;
mod engine;
mod fan_out;
mod item_reader;
mod jsonata_map;
mod map_items;
mod report;
mod runner;
mod scopes;
mod shapes;
mod task;
mod waiting;
mod world;

pub use actions::{Action, ActionError, Answer, Target};
pub use report::{CatchRecord, Handled, RetryRecord};
pub use runner::Runner;
pub use waiting::WaitingTask;

use super::context::{DEFAULT_START_MILLIS, Identity, format_timestamp};
use super::history::{EventKind, HistoryEvent, Payload};
use super::mock::Mocks;
use crate::analysis::{Analysis, AnalysisOptions};
use crate::model::Machine;
use crate::validate::MachineType;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

/// How to run: who and when, the seed, the mocks, the limits.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Account, region, names and role for ARNs and the context object.
    pub identity: Identity,
    /// An Express execution (no history limit, five minutes at most) rather than a Standard
    /// one.
    pub express: bool,
    /// When the execution starts, in milliseconds since the epoch.
    pub start_millis: i64,
    /// The seed of the random source (`States.UUID`, `States.MathRandom`, jitter, task tokens).
    pub seed: u64,
    /// The mocked task outcomes of the test case, if any.
    pub mocks: Option<Mocks>,
    /// The simulated S3 objects a Map's ItemReader reads, by `bucket/key`.
    pub s3_objects: BTreeMap<String, String>,
    /// Whether a Map iterates over a JSON object (one iteration per member, the key in
    /// `$$.Map.Item.Key`), as AWS documents since 2025 (⚠ older recordings show objects
    /// rejected).
    pub iterate_objects: bool,
    /// The limits.
    pub limits: Limits,
    /// What the world does (answers to waiting tasks, the clock, stop, redrive), in order.
    pub actions: Vec<Action>,
    /// The state machines `states:startExecution` tasks may start, by name: they run inside the
    /// simulator as nested executions.
    pub children: BTreeMap<String, Child>,
    /// How deep this execution is nested (0 for one the user started).
    pub depth: u32,
}

/// A state machine a `states:startExecution` task may start.
#[derive(Clone, Debug)]
pub struct Child {
    /// The machine.
    pub machine: Arc<Machine>,
    /// Its mocks (its own test case of the mock configuration).
    pub mocks: Option<Mocks>,
    /// An Express machine.
    pub express: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            identity: Identity::default(),
            express: false,
            start_millis: DEFAULT_START_MILLIS,
            seed: 0,
            mocks: None,
            s3_objects: BTreeMap::new(),
            iterate_objects: true,
            limits: Limits::default(),
            actions: Vec::new(),
            children: BTreeMap::new(),
            depth: 0,
        }
    }
}

/// The limits of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most history events a Standard execution may have (AWS: 25,000).
    pub max_events: usize,
    /// The most states the playground enters before it stops a run that seems endless.
    pub max_transitions: u64,
    /// The most history events the playground keeps of an Express execution (AWS keeps none;
    /// the playground shows them, and memory in a browser tab is finite).
    pub max_express_events: usize,
    /// The largest payload, in bytes of compact JSON (AWS: 256 KiB).
    pub max_payload_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_events: 25_000,
            max_transitions: 1_000_000,
            max_express_events: 100_000,
            max_payload_bytes: 262_144,
        }
    }
}

/// How an execution ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecutionStatus {
    /// `SUCCEEDED`.
    Succeeded,
    /// `FAILED`.
    Failed,
    /// `TIMED_OUT`.
    TimedOut,
    /// `ABORTED`.
    Aborted,
    /// `RUNNING`: tasks wait for an answer.
    Running,
}

impl ExecutionStatus {
    /// AWS's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionStatus::Succeeded => "SUCCEEDED",
            ExecutionStatus::Failed => "FAILED",
            ExecutionStatus::TimedOut => "TIMED_OUT",
            ExecutionStatus::Aborted => "ABORTED",
            ExecutionStatus::Running => "RUNNING",
        }
    }
}

/// A finished execution: what `DescribeExecution` and `GetExecutionHistory` would say, and what
/// the playground adds (every retry and catch, with its reason).
#[derive(Clone, Debug, PartialEq)]
pub struct Execution {
    /// `executionArn`.
    pub execution_arn: String,
    /// `stateMachineArn`.
    pub state_machine_arn: String,
    /// `name`.
    pub name: String,
    /// `status`.
    pub status: ExecutionStatus,
    /// When it started, in milliseconds since the epoch.
    pub start_millis: i64,
    /// When it stopped.
    pub stop_millis: i64,
    /// The input (shared with the history's ExecutionStarted event).
    pub input: Payload,
    /// The output, when it succeeded.
    pub output: Option<Value>,
    /// The error, when it did not.
    pub error: Option<String>,
    /// The cause, when it did not.
    pub cause: Option<String>,
    /// The history.
    pub events: Vec<HistoryEvent>,
    /// Every retry, in order.
    pub retries: Vec<RetryRecord>,
    /// Every error a catcher took, in order.
    pub catches: Vec<CatchRecord>,
    /// The tasks waiting for an answer (a `RUNNING` execution).
    pub waiting: Vec<WaitingTask>,
    /// The actions that could not be taken, as AWS's API refuses them.
    pub action_errors: Vec<ActionError>,
    /// The Task states that were entered with no mocked response (`Playground.MockMissing`),
    /// each once, in the order they were: what the page offers to add a mock for.
    pub unmocked: Vec<String>,
    /// How many times the execution was redriven.
    pub redrive_count: u64,
    /// The nested executions its `states:startExecution` tasks ran, in order.
    pub children: Vec<Execution>,
    /// Express at-least-once delivery: the same execution delivered a second time (its tasks'
    /// mocks going on from where the first delivery left them).
    pub redelivered: Option<Box<Execution>>,
}

impl Execution {
    /// The first event that reports a failure (`TaskFailed`, `ExecutionFailed`,
    /// `EvaluationFailed`, a timeout…), to jump to when stepping through the run.
    pub fn first_failure(&self) -> Option<u64> {
        self.events
            .iter()
            .find(|e| e.kind.is_failure())
            .map(|e| e.id)
    }

    /// The failure that decided the outcome: the last one no retrier took again (a caught one
    /// decided the path taken; an uncaught one the execution's failure), the failure inside a
    /// Parallel or Map rather than the container's that follows it; else the execution's own
    /// failure (a Fail state's); `None` when nothing failed.
    pub fn deciding_failure(&self) -> Option<u64> {
        let retried = |id: u64| self.retries.iter().any(|r| r.handled.event_id == id);
        let failures = || {
            self.events
                .iter()
                .rev()
                .filter(|e| e.kind.is_failure() && !retried(e.id))
        };
        failures()
            .find(|e| !e.kind.is_consequent_failure())
            .or_else(|| failures().next())
            .map(|e| e.id)
    }

    /// Abort the execution at `now`, as StopExecution would, when it still runs then: what it
    /// did after `now` is dropped (it never happened), and the nested executions it had started
    /// by then are aborted with it. An execution that had closed by `now` is left as it is.
    pub fn abort_at(&mut self, now: i64) {
        if self.status != ExecutionStatus::Running && self.stop_millis <= now {
            return;
        }
        self.events.retain(|event| event.timestamp <= now);
        self.events.push(HistoryEvent {
            id: self.events.len() as u64 + 1,
            previous_event_id: 0,
            timestamp: now,
            kind: EventKind::ExecutionAborted {
                error: None,
                cause: None,
            },
        });
        self.status = ExecutionStatus::Aborted;
        self.stop_millis = now;
        self.output = None;
        self.error = None;
        self.cause = None;
        self.waiting.clear();
        self.children.retain(|child| child.start_millis <= now);
        for child in &mut self.children {
            child.abort_at(now);
        }
    }

    /// The state an event is about: its own, or that of the first event up its
    /// `previousEventId` chain that names one (a `TaskFailed` leads to its `TaskStateEntered`).
    pub fn state_of_event(&self, id: u64) -> Option<&str> {
        let mut id = id;
        // Each step goes to an earlier event, so the walk ends.
        while id > 0 {
            let event = self.events.get(usize::try_from(id).ok()? - 1)?;
            if let Some(name) = event.kind.state_name() {
                return Some(name);
            }
            if event.previous_event_id >= id {
                return None;
            }
            id = event.previous_event_id;
        }
        None
    }

    /// What the playground adds to an event: each retry and catch of the error it reported, as
    /// one line each.
    pub fn notes(&self, event_id: u64) -> Vec<String> {
        let retries = self
            .retries
            .iter()
            .filter(|r| r.handled.event_id == event_id);
        let catches = self
            .catches
            .iter()
            .filter(|c| c.handled.event_id == event_id);
        retries
            .map(RetryRecord::note)
            .chain(catches.map(CatchRecord::note))
            .collect()
    }

    /// What StartExecution returns to its caller (an API Gateway integration, say): the
    /// execution's ARN and start date, nothing of its outcome.
    pub fn start_response(&self) -> Value {
        json!({
            "executionArn": self.execution_arn,
            "startDate": self.start_millis as f64 / 1000.0,
        })
    }

    /// What StartSyncExecution returns for an Express execution: its outcome (no history) and
    /// `billingDetails`, AWS billing at least 64 MB and 100 ms, in steps of 100 ms.
    pub fn start_sync_response(&self) -> Value {
        let mut out = Map::new();
        out.insert("executionArn".into(), json!(self.execution_arn));
        out.insert("stateMachineArn".into(), json!(self.state_machine_arn));
        out.insert("name".into(), json!(self.name));
        out.insert(
            "startDate".into(),
            json!(format_timestamp(self.start_millis)),
        );
        out.insert("stopDate".into(), json!(format_timestamp(self.stop_millis)));
        out.insert("status".into(), json!(self.status.as_str()));
        out.insert("input".into(), json!(self.input.to_string()));
        out.insert("inputDetails".into(), json!({"included": true}));
        if let Some(output) = &self.output {
            out.insert("output".into(), json!(output.to_string()));
            out.insert("outputDetails".into(), json!({"included": true}));
        }
        if let Some(error) = &self.error {
            out.insert("error".into(), json!(error));
        }
        if let Some(cause) = &self.cause {
            out.insert("cause".into(), json!(cause));
        }
        let millis = (self.stop_millis - self.start_millis).max(1);
        let billed = (millis + 99) / 100 * 100;
        out.insert(
            "billingDetails".into(),
            json!({"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": billed}),
        );
        Value::Object(out)
    }

    /// `DescribeExecution`'s fields, payloads as JSON strings as AWS has them (no history).
    pub fn describe(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("executionArn".into(), json!(self.execution_arn));
        out.insert("stateMachineArn".into(), json!(self.state_machine_arn));
        out.insert("name".into(), json!(self.name));
        out.insert("status".into(), json!(self.status.as_str()));
        out.insert(
            "startDate".into(),
            json!(format_timestamp(self.start_millis)),
        );
        if self.status != ExecutionStatus::Running {
            out.insert("stopDate".into(), json!(format_timestamp(self.stop_millis)));
        }
        out.insert("input".into(), json!(self.input.to_string()));
        if let Some(output) = &self.output {
            out.insert("output".into(), json!(output.to_string()));
        }
        if let Some(error) = &self.error {
            out.insert("error".into(), json!(error));
        }
        if let Some(cause) = &self.cause {
            out.insert("cause".into(), json!(cause));
        }
        out.insert("redriveCount".into(), json!(self.redrive_count));
        out
    }

    /// `DescribeExecution`'s fields (payloads as JSON strings, as AWS has them) and `events`,
    /// the history as `GetExecutionHistory` returns it.
    pub fn to_json(&self) -> Value {
        let mut out = self.describe();
        out.insert(
            "events".into(),
            Value::Array(self.events.iter().map(HistoryEvent::to_json).collect()),
        );
        out.insert(
            "retries".into(),
            Value::Array(self.retries.iter().map(RetryRecord::to_json).collect()),
        );
        out.insert(
            "catches".into(),
            Value::Array(self.catches.iter().map(CatchRecord::to_json).collect()),
        );
        if self.status == ExecutionStatus::Running {
            out.insert(
                "waiting".into(),
                Value::Array(self.waiting.iter().map(WaitingTask::to_json).collect()),
            );
        }
        if let Some(again) = &self.redelivered {
            out.insert("redelivered".into(), again.to_json());
        }
        if !self.children.is_empty() {
            out.insert(
                "children".into(),
                Value::Array(self.children.iter().map(Execution::to_json).collect()),
            );
        }
        if !self.action_errors.is_empty() {
            out.insert(
                "actionErrors".into(),
                Value::Array(
                    self.action_errors
                        .iter()
                        .map(ActionError::to_json)
                        .collect(),
                ),
            );
        }
        Value::Object(out)
    }
}

/// A definition that cannot be run: it does not read or does not validate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError(pub String);

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Read, validate and run a definition. A definition with errors is not run: the error lists
/// them as `CreateStateMachine` would.
pub fn run_definition(
    definition: &str,
    input: Value,
    options: RunOptions,
) -> Result<Execution, RunError> {
    let analysis = Analysis::new(
        definition,
        &AnalysisOptions {
            machine_type: if options.express {
                MachineType::Express
            } else {
                MachineType::Standard
            },
            format: None,
        },
    );
    let machine = analysis.machine().map_err(|e| RunError(e.0))?;
    Ok(run(&machine, input, options))
}

/// Run a machine built from a valid definition.
pub fn run(machine: &Machine, input: Value, options: RunOptions) -> Execution {
    engine::Engine::new(machine, input, options).run()
}

/// Run an Express execution delivered `deliveries` times (at-least-once: AWS may start the same
/// execution again), the later deliveries going on with the mocks' invocation counters. The
/// first delivery is returned; each holds the next in `redelivered`.
pub fn run_delivered(
    machine: &Machine,
    input: Value,
    options: RunOptions,
    deliveries: u32,
) -> Execution {
    let mut runs = Vec::new();
    let mut options = options;
    for delivery in 0..deliveries.max(1) - 1 {
        let mut engine = engine::Engine::new(machine, input.clone(), options.clone());
        runs.push(engine.run());
        options.mocks = engine.take_mocks();
        options.seed = options.seed.wrapping_add(u64::from(delivery) + 1);
    }
    // The last delivery takes the input instead of a copy.
    let mut first = run(machine, input, options);
    while let Some(mut earlier) = runs.pop() {
        earlier.redelivered = Some(Box::new(first));
        first = earlier;
    }
    first
}

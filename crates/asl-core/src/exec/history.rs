//! The execution history, in the shape of AWS's `GetExecutionHistory`.

use super::context::format_timestamp;
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// A payload in an event: shared with the states that produced and read it, so that recording
/// the history copies no JSON.
pub type Payload = Arc<Value>;

/// One history event.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEvent {
    /// 1, 2, 3… in order.
    pub id: u64,
    /// The event this one follows in its own causal chain (0 for the first ones).
    pub previous_event_id: u64,
    /// When it happened on the virtual clock, in milliseconds since the epoch.
    pub timestamp: i64,
    /// What happened.
    pub kind: EventKind,
}

/// The Task integration an event is about, shared by the events of one task.
pub type Task = Arc<TaskResource>;

/// The Task integration an event is about: `lambda` / `invoke`, `aws-sdk:dynamodb` / `putItem`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskResource {
    /// `resourceType`.
    pub resource_type: String,
    /// `resource`.
    pub resource: String,
}

/// What happened. The variants mirror AWS's event types; the history's JSON gives each its
/// `…EventDetails`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[allow(missing_docs)] // The fields are the `…EventDetails` fields of the same names.
pub enum EventKind {
    /// `ExecutionStarted`.
    ExecutionStarted { input: Payload, role_arn: String },
    /// `ExecutionSucceeded`.
    ExecutionSucceeded { output: Payload },
    /// `ExecutionFailed`.
    ExecutionFailed {
        error: Option<String>,
        cause: Option<String>,
    },
    /// `ExecutionTimedOut`.
    ExecutionTimedOut {
        error: Option<String>,
        cause: Option<String>,
    },
    /// `ExecutionRedriven`.
    ExecutionRedriven { redrive_count: u64 },
    /// `ExecutionAborted`.
    ExecutionAborted {
        error: Option<String>,
        cause: Option<String>,
    },
    /// `<Type>StateEntered`.
    StateEntered {
        state_type: &'static str,
        name: Arc<str>,
        input: Payload,
    },
    /// `<Type>StateExited`, with the variables the state assigned.
    StateExited {
        state_type: &'static str,
        name: Arc<str>,
        output: Payload,
        assigned: Option<Box<Map<String, Value>>>,
    },
    /// `TaskStateAborted`, `WaitStateAborted`, `ParallelStateAborted`, `MapStateAborted`.
    StateAborted { state_type: &'static str },
    /// `TaskScheduled`.
    TaskScheduled(Box<TaskScheduled>),
    /// `TaskStarted`.
    TaskStarted { task: Task },
    /// `TaskSubmitted`.
    TaskSubmitted { task: Task, output: Payload },
    /// `TaskSucceeded`.
    TaskSucceeded { task: Task, output: Payload },
    /// `TaskFailed`.
    TaskFailed {
        task: Task,
        error: Option<String>,
        cause: Option<String>,
    },
    /// `TaskTimedOut`.
    TaskTimedOut {
        task: Task,
        error: Option<String>,
        cause: Option<String>,
    },
    /// `LambdaFunctionScheduled` (a Lambda function ARN as the Resource).
    LambdaFunctionScheduled {
        resource: String,
        input: Payload,
        timeout: Option<u64>,
    },
    /// `LambdaFunctionStarted`.
    LambdaFunctionStarted,
    /// `LambdaFunctionSucceeded`.
    LambdaFunctionSucceeded { output: Payload },
    /// `LambdaFunctionFailed`.
    LambdaFunctionFailed {
        error: Option<String>,
        cause: Option<String>,
    },
    /// `LambdaFunctionTimedOut`.
    LambdaFunctionTimedOut {
        error: Option<String>,
        cause: Option<String>,
    },
    /// `ActivityScheduled`.
    ActivityScheduled(Box<ActivityScheduled>),
    /// `ActivityStarted`.
    ActivityStarted { worker_name: Option<String> },
    /// `ActivitySucceeded`.
    ActivitySucceeded { output: Payload },
    /// `ActivityFailed`.
    ActivityFailed {
        error: Option<String>,
        cause: Option<String>,
    },
    /// `ActivityTimedOut`.
    ActivityTimedOut {
        error: Option<String>,
        cause: Option<String>,
    },
    /// `ParallelStateStarted`.
    ParallelStateStarted,
    /// `ParallelStateSucceeded`.
    ParallelStateSucceeded,
    /// `ParallelStateFailed`.
    ParallelStateFailed,
    /// `MapStateStarted`.
    MapStateStarted { length: usize },
    /// `MapStateSucceeded`.
    MapStateSucceeded,
    /// `MapStateFailed`.
    MapStateFailed,
    /// `MapRunStarted` (a Distributed Map).
    MapRunStarted { map_run_arn: String },
    /// `MapRunSucceeded`.
    MapRunSucceeded,
    /// `MapRunFailed`.
    MapRunFailed {
        error: Option<String>,
        cause: Option<String>,
    },
    /// `MapIterationStarted`.
    MapIterationStarted { name: Arc<str>, index: usize },
    /// `MapIterationSucceeded`.
    MapIterationSucceeded { name: Arc<str>, index: usize },
    /// `MapIterationFailed`.
    MapIterationFailed { name: Arc<str>, index: usize },
    /// `MapIterationAborted`.
    MapIterationAborted { name: Arc<str>, index: usize },
    /// `EvaluationFailed` (a JSONata expression failed).
    EvaluationFailed(Box<EvaluationFailed>),
}

// The details of the larger, rarer events are boxed, so that every event stays small: a run
// records one per step, and moving them is a good part of a long run's time.

/// `TaskScheduled`'s details (`role_arn`: the task's Credentials).
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // The `taskScheduledEventDetails` fields of the same names.
pub struct TaskScheduled {
    pub task: Task,
    pub region: String,
    pub parameters: Payload,
    pub timeout: Option<u64>,
    pub heartbeat: Option<u64>,
    pub role_arn: Option<String>,
}

/// `ActivityScheduled`'s details.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // The `activityScheduledEventDetails` fields of the same names.
pub struct ActivityScheduled {
    pub resource: String,
    pub input: Payload,
    pub timeout: Option<u64>,
    pub heartbeat: Option<u64>,
}

/// `EvaluationFailed`'s details.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // The `evaluationFailedEventDetails` fields of the same names.
pub struct EvaluationFailed {
    pub error: String,
    pub cause: String,
    pub location: Option<String>,
    pub state: String,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(
    std::mem::size_of::<HistoryEvent>() <= 88,
    "keep events small"
);

impl EventKind {
    /// AWS's event type name, `PassStateEntered`.
    pub fn type_name(&self) -> String {
        match self {
            EventKind::StateEntered { state_type, .. } => format!("{state_type}StateEntered"),
            EventKind::StateExited { state_type, .. } => format!("{state_type}StateExited"),
            EventKind::StateAborted { state_type } => format!("{state_type}StateAborted"),
            other => other.fixed_name().to_string(),
        }
    }

    /// True for an event that reports a failure: a task's, a state's, an iteration's or the
    /// execution's (its type ends in `Failed` or `TimedOut`).
    pub fn is_failure(&self) -> bool {
        let name = self.fixed_name();
        name.ends_with("Failed") || name.ends_with("TimedOut")
    }

    /// True for the failure of a container (a Parallel, a Map, one of its iterations or its Map
    /// Run) or of the execution: it follows the failure inside that caused it.
    pub fn is_consequent_failure(&self) -> bool {
        matches!(
            self,
            EventKind::ParallelStateFailed
                | EventKind::MapStateFailed
                | EventKind::MapIterationFailed { .. }
                | EventKind::MapRunFailed { .. }
                | EventKind::ExecutionFailed { .. }
                | EventKind::ExecutionTimedOut { .. }
        )
    }

    fn fixed_name(&self) -> &'static str {
        match self {
            EventKind::ExecutionStarted { .. } => "ExecutionStarted",
            EventKind::ExecutionSucceeded { .. } => "ExecutionSucceeded",
            EventKind::ExecutionFailed { .. } => "ExecutionFailed",
            EventKind::ExecutionTimedOut { .. } => "ExecutionTimedOut",
            EventKind::ExecutionAborted { .. } => "ExecutionAborted",
            EventKind::ExecutionRedriven { .. } => "ExecutionRedriven",
            EventKind::TaskScheduled(_) => "TaskScheduled",
            EventKind::TaskStarted { .. } => "TaskStarted",
            EventKind::TaskSubmitted { .. } => "TaskSubmitted",
            EventKind::TaskSucceeded { .. } => "TaskSucceeded",
            EventKind::TaskFailed { .. } => "TaskFailed",
            EventKind::TaskTimedOut { .. } => "TaskTimedOut",
            EventKind::LambdaFunctionScheduled { .. } => "LambdaFunctionScheduled",
            EventKind::LambdaFunctionStarted => "LambdaFunctionStarted",
            EventKind::LambdaFunctionSucceeded { .. } => "LambdaFunctionSucceeded",
            EventKind::LambdaFunctionFailed { .. } => "LambdaFunctionFailed",
            EventKind::LambdaFunctionTimedOut { .. } => "LambdaFunctionTimedOut",
            EventKind::ActivityScheduled(_) => "ActivityScheduled",
            EventKind::ActivityStarted { .. } => "ActivityStarted",
            EventKind::ActivitySucceeded { .. } => "ActivitySucceeded",
            EventKind::ActivityFailed { .. } => "ActivityFailed",
            EventKind::ActivityTimedOut { .. } => "ActivityTimedOut",
            EventKind::MapRunStarted { .. } => "MapRunStarted",
            EventKind::MapRunSucceeded => "MapRunSucceeded",
            EventKind::MapRunFailed { .. } => "MapRunFailed",
            EventKind::ParallelStateStarted => "ParallelStateStarted",
            EventKind::ParallelStateSucceeded => "ParallelStateSucceeded",
            EventKind::ParallelStateFailed => "ParallelStateFailed",
            EventKind::MapStateStarted { .. } => "MapStateStarted",
            EventKind::MapStateSucceeded => "MapStateSucceeded",
            EventKind::MapStateFailed => "MapStateFailed",
            EventKind::MapIterationStarted { .. } => "MapIterationStarted",
            EventKind::MapIterationSucceeded { .. } => "MapIterationSucceeded",
            EventKind::MapIterationFailed { .. } => "MapIterationFailed",
            EventKind::MapIterationAborted { .. } => "MapIterationAborted",
            EventKind::EvaluationFailed(_) => "EvaluationFailed",
            EventKind::StateEntered { .. }
            | EventKind::StateExited { .. }
            | EventKind::StateAborted { .. } => "",
        }
    }

    /// A one-line description of the event's details, for timelines: the state's name, the
    /// task's resource, the error and cause…
    pub fn summary(&self) -> String {
        let failure = |error: &Option<String>, cause: &Option<String>| match (error, cause) {
            (Some(e), Some(c)) if !c.is_empty() => format!("{e}: {c}"),
            (Some(e), _) => e.clone(),
            (None, Some(c)) => c.clone(),
            (None, None) => String::new(),
        };
        match self {
            EventKind::StateExited {
                name,
                assigned: Some(assigned),
                ..
            } => {
                let names: Vec<String> = assigned.keys().map(|k| format!("${k}")).collect();
                format!("{name} (assigns {})", names.join(", "))
            }
            EventKind::StateEntered { name, .. } | EventKind::StateExited { name, .. } => {
                name.to_string()
            }
            EventKind::TaskScheduled(scheduled) => {
                format!(
                    "{}:{}",
                    scheduled.task.resource_type, scheduled.task.resource
                )
            }
            EventKind::TaskStarted { task }
            | EventKind::TaskSubmitted { task, .. }
            | EventKind::TaskSucceeded { task, .. } => {
                format!("{}:{}", task.resource_type, task.resource)
            }
            EventKind::TaskFailed { error, cause, .. }
            | EventKind::TaskTimedOut { error, cause, .. }
            | EventKind::ExecutionFailed { error, cause }
            | EventKind::ExecutionTimedOut { error, cause }
            | EventKind::ExecutionAborted { error, cause }
            | EventKind::LambdaFunctionFailed { error, cause }
            | EventKind::LambdaFunctionTimedOut { error, cause }
            | EventKind::ActivityFailed { error, cause }
            | EventKind::ActivityTimedOut { error, cause }
            | EventKind::MapRunFailed { error, cause } => failure(error, cause),
            EventKind::LambdaFunctionScheduled { resource, .. } => resource.clone(),
            EventKind::ActivityScheduled(scheduled) => scheduled.resource.clone(),
            EventKind::MapStateStarted { length } => format!("{length} items"),
            EventKind::MapIterationStarted { index, .. }
            | EventKind::MapIterationSucceeded { index, .. }
            | EventKind::MapIterationFailed { index, .. }
            | EventKind::MapIterationAborted { index, .. } => format!("item {index}"),
            EventKind::MapRunStarted { map_run_arn } => map_run_arn.clone(),
            EventKind::EvaluationFailed(failed) => format!("{}: {}", failed.state, failed.cause),
            _ => String::new(),
        }
    }

    /// The name of the state the event is about, when it is about one.
    pub fn state_name(&self) -> Option<&str> {
        match self {
            EventKind::StateEntered { name, .. } | EventKind::StateExited { name, .. } => {
                Some(name)
            }
            EventKind::MapIterationStarted { name, .. }
            | EventKind::MapIterationSucceeded { name, .. }
            | EventKind::MapIterationFailed { name, .. }
            | EventKind::MapIterationAborted { name, .. } => Some(&**name),
            EventKind::EvaluationFailed(failed) => Some(&failed.state),
            _ => None,
        }
    }
}

/// A payload as AWS writes it in events: a JSON string, and `{"truncated": false}` beside it.
fn payload(out: &mut Map<String, Value>, key: &str, value: &Value) {
    out.insert(key.into(), Value::String(value.to_string()));
    out.insert(format!("{key}Details"), json!({ "truncated": false }));
}

fn error_cause(out: &mut Map<String, Value>, error: &Option<String>, cause: &Option<String>) {
    if let Some(error) = error {
        out.insert("error".into(), json!(error));
    }
    if let Some(cause) = cause {
        out.insert("cause".into(), json!(cause));
    }
}

fn task_fields(out: &mut Map<String, Value>, task: &TaskResource) {
    out.insert("resourceType".into(), json!(task.resource_type));
    out.insert("resource".into(), json!(task.resource));
}

impl HistoryEvent {
    /// The event as `GetExecutionHistory` returns it: `timestamp`, `type`, `id`,
    /// `previousEventId` and the type's `…EventDetails`, payloads as JSON strings.
    pub fn to_json(&self) -> Value {
        let mut event = Map::new();
        event.insert("timestamp".into(), json!(format_timestamp(self.timestamp)));
        event.insert("type".into(), json!(self.kind.type_name()));
        event.insert("id".into(), json!(self.id));
        event.insert("previousEventId".into(), json!(self.previous_event_id));
        let mut d = Map::new();
        let key = match &self.kind {
            EventKind::ExecutionStarted { input, role_arn } => {
                payload(&mut d, "input", input);
                d.insert("roleArn".into(), json!(role_arn));
                "executionStartedEventDetails"
            }
            EventKind::ExecutionSucceeded { output } => {
                payload(&mut d, "output", output);
                "executionSucceededEventDetails"
            }
            EventKind::ExecutionFailed { error, cause } => {
                error_cause(&mut d, error, cause);
                "executionFailedEventDetails"
            }
            EventKind::ExecutionTimedOut { error, cause } => {
                error_cause(&mut d, error, cause);
                "executionTimedOutEventDetails"
            }
            EventKind::ExecutionAborted { error, cause } => {
                error_cause(&mut d, error, cause);
                "executionAbortedEventDetails"
            }
            EventKind::ExecutionRedriven { redrive_count } => {
                d.insert("redriveCount".into(), json!(redrive_count));
                "executionRedrivenEventDetails"
            }
            EventKind::StateEntered { name, input, .. } => {
                d.insert("name".into(), json!(&**name));
                payload(&mut d, "input", input);
                "stateEnteredEventDetails"
            }
            EventKind::StateExited {
                name,
                output,
                assigned,
                ..
            } => {
                d.insert("name".into(), json!(&**name));
                payload(&mut d, "output", output);
                if let Some(assigned) = assigned {
                    let encoded: Map<String, Value> = assigned
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::String(v.to_string())))
                        .collect();
                    d.insert("assignedVariables".into(), Value::Object(encoded));
                    d.insert(
                        "assignedVariablesDetails".into(),
                        json!({ "truncated": false }),
                    );
                }
                "stateExitedEventDetails"
            }
            EventKind::TaskScheduled(scheduled) => {
                let TaskScheduled {
                    task,
                    region,
                    parameters,
                    timeout,
                    heartbeat,
                    role_arn,
                } = &**scheduled;
                task_fields(&mut d, task);
                d.insert("region".into(), json!(region));
                d.insert("parameters".into(), Value::String(parameters.to_string()));
                if let Some(t) = timeout {
                    d.insert("timeoutInSeconds".into(), json!(t));
                }
                if let Some(h) = heartbeat {
                    d.insert("heartbeatInSeconds".into(), json!(h));
                }
                if let Some(role_arn) = role_arn {
                    d.insert("taskCredentials".into(), json!({ "roleArn": role_arn }));
                }
                "taskScheduledEventDetails"
            }
            EventKind::TaskStarted { task } => {
                task_fields(&mut d, task);
                "taskStartedEventDetails"
            }
            EventKind::TaskSubmitted { task, output } => {
                task_fields(&mut d, task);
                payload(&mut d, "output", output);
                "taskSubmittedEventDetails"
            }
            EventKind::TaskSucceeded { task, output } => {
                task_fields(&mut d, task);
                payload(&mut d, "output", output);
                "taskSucceededEventDetails"
            }
            EventKind::TaskFailed { task, error, cause } => {
                task_fields(&mut d, task);
                error_cause(&mut d, error, cause);
                "taskFailedEventDetails"
            }
            EventKind::TaskTimedOut { task, error, cause } => {
                task_fields(&mut d, task);
                error_cause(&mut d, error, cause);
                "taskTimedOutEventDetails"
            }
            EventKind::LambdaFunctionScheduled {
                resource,
                input,
                timeout,
            } => {
                d.insert("resource".into(), json!(resource));
                payload(&mut d, "input", input);
                if let Some(t) = timeout {
                    d.insert("timeoutInSeconds".into(), json!(t));
                }
                "lambdaFunctionScheduledEventDetails"
            }
            EventKind::LambdaFunctionSucceeded { output } => {
                payload(&mut d, "output", output);
                "lambdaFunctionSucceededEventDetails"
            }
            EventKind::LambdaFunctionFailed { error, cause } => {
                error_cause(&mut d, error, cause);
                "lambdaFunctionFailedEventDetails"
            }
            EventKind::LambdaFunctionTimedOut { error, cause } => {
                error_cause(&mut d, error, cause);
                "lambdaFunctionTimedOutEventDetails"
            }
            EventKind::ActivityScheduled(scheduled) => {
                let ActivityScheduled {
                    resource,
                    input,
                    timeout,
                    heartbeat,
                } = &**scheduled;
                d.insert("resource".into(), json!(resource));
                payload(&mut d, "input", input);
                if let Some(t) = timeout {
                    d.insert("timeoutInSeconds".into(), json!(t));
                }
                if let Some(h) = heartbeat {
                    d.insert("heartbeatInSeconds".into(), json!(h));
                }
                "activityScheduledEventDetails"
            }
            EventKind::ActivityStarted { worker_name } => {
                if let Some(worker) = worker_name {
                    d.insert("workerName".into(), json!(worker));
                }
                "activityStartedEventDetails"
            }
            EventKind::ActivitySucceeded { output } => {
                payload(&mut d, "output", output);
                "activitySucceededEventDetails"
            }
            EventKind::ActivityFailed { error, cause } => {
                error_cause(&mut d, error, cause);
                "activityFailedEventDetails"
            }
            EventKind::ActivityTimedOut { error, cause } => {
                error_cause(&mut d, error, cause);
                "activityTimedOutEventDetails"
            }
            EventKind::MapRunStarted { map_run_arn } => {
                d.insert("mapRunArn".into(), json!(map_run_arn));
                "mapRunStartedEventDetails"
            }
            EventKind::MapRunFailed { error, cause } => {
                error_cause(&mut d, error, cause);
                "mapRunFailedEventDetails"
            }
            EventKind::MapStateStarted { length } => {
                d.insert("length".into(), json!(length));
                "mapStateStartedEventDetails"
            }
            EventKind::MapIterationStarted { name, index } => {
                d.insert("name".into(), json!(&**name));
                d.insert("index".into(), json!(index));
                "mapIterationStartedEventDetails"
            }
            EventKind::MapIterationSucceeded { name, index } => {
                d.insert("name".into(), json!(&**name));
                d.insert("index".into(), json!(index));
                "mapIterationSucceededEventDetails"
            }
            EventKind::MapIterationFailed { name, index } => {
                d.insert("name".into(), json!(&**name));
                d.insert("index".into(), json!(index));
                "mapIterationFailedEventDetails"
            }
            EventKind::MapIterationAborted { name, index } => {
                d.insert("name".into(), json!(&**name));
                d.insert("index".into(), json!(index));
                "mapIterationAbortedEventDetails"
            }
            EventKind::EvaluationFailed(failed) => {
                let EvaluationFailed {
                    error,
                    cause,
                    location,
                    state,
                } = &**failed;
                d.insert("error".into(), json!(error));
                d.insert("cause".into(), json!(cause));
                if let Some(location) = location {
                    d.insert("location".into(), json!(location));
                }
                d.insert("state".into(), json!(state));
                "evaluationFailedEventDetails"
            }
            EventKind::LambdaFunctionStarted
            | EventKind::StateAborted { .. }
            | EventKind::ParallelStateStarted
            | EventKind::ParallelStateSucceeded
            | EventKind::ParallelStateFailed
            | EventKind::MapStateSucceeded
            | EventKind::MapStateFailed
            | EventKind::MapRunSucceeded => "",
        };
        if !key.is_empty() {
            event.insert(key.into(), Value::Object(d));
        }
        Value::Object(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_have_aws_shapes() {
        let event = HistoryEvent {
            id: 2,
            previous_event_id: 0,
            timestamp: 0,
            kind: EventKind::StateEntered {
                state_type: "Pass",
                name: "Start".into(),
                input: Arc::new(json!({"a": 1})),
            },
        };
        assert_eq!(
            event.to_json(),
            json!({
                "timestamp": "1970-01-01T00:00:00.000Z", "type": "PassStateEntered", "id": 2, "previousEventId": 0,
                "stateEnteredEventDetails": {"name": "Start", "input": "{\"a\":1}", "inputDetails": {"truncated": false}}
            })
        );
        let exited = EventKind::StateExited {
            state_type: "Pass",
            name: "S".into(),
            output: Arc::new(json!(42)),
            assigned: Some(Box::new(
                [("answer".to_string(), json!(42))].into_iter().collect(),
            )),
        };
        let json = HistoryEvent {
            id: 3,
            previous_event_id: 2,
            timestamp: 0,
            kind: exited,
        }
        .to_json();
        assert_eq!(
            json["stateExitedEventDetails"]["assignedVariables"],
            json!({"answer": "42"})
        );
        let failed = HistoryEvent {
            id: 4,
            previous_event_id: 3,
            timestamp: 0,
            kind: EventKind::ExecutionFailed {
                error: None,
                cause: None,
            },
        };
        assert_eq!(failed.to_json()["executionFailedEventDetails"], json!({}));
    }
}

//! Nested executions: a `states:startExecution` task whose state machine the user supplied runs
//! it inside the simulator. `.sync` and `.sync:2` wait for it (the parent's clock moves on by the
//! child's duration) and return its DescribeExecution (output as JSON text, or as JSON); the
//! request-response form returns as soon as the child has started.

use super::engine::{Engine, FiberId, Pc, Visit, Wake};
use super::shapes::with_sdk_metadata;
use super::task::{Failure, Request};
use super::{Child, Execution, ExecutionStatus, RunOptions, run};
use crate::exec::context::{Identity, format_timestamp};
use crate::exec::error::{StatesError, names};
use crate::resource::{Integration, Pattern, Resource};
use serde_json::{Value, json};

/// How deep executions may nest.
const MAX_DEPTH: u32 = 10;

impl<'m> Engine<'m> {
    /// The supplied state machine a `states:startExecution` task starts, if any.
    pub(super) fn child_for(&self, resource: &Resource<'_>, parameters: &Value) -> Option<Child> {
        let Resource::Integration(Integration {
            resource_type: "states",
            api: "startExecution",
            ..
        }) = resource
        else {
            return None;
        };
        let arn = parameters["StateMachineArn"].as_str()?;
        let name = arn.rsplit(':').next()?;
        self.options.children.get(name).cloned()
    }

    /// Run the child, then settle the task: at once for the request-response form, after the
    /// child's duration (or the task's timeout, if shorter) for `.sync`.
    pub(super) fn start_child(
        &mut self,
        id: FiberId,
        visit: Visit<'m>,
        resource: &Resource<'_>,
        request: &Request,
        child: &Child,
    ) {
        let parameters = &request.parameters;
        if self.options.depth >= MAX_DEPTH {
            let failure = Failure {
                error: StatesError::new(
                    names::TASK_FAILED,
                    format!(
                        "Executions nest more than {MAX_DEPTH} deep: the playground stops here"
                    ),
                ),
                timed_out: false,
            };
            return self.settle_later(id, visit, 0, Err(failure), None);
        }
        let identity = &self.options.identity;
        let machine_arn = parameters["StateMachineArn"].as_str().unwrap_or_default();
        let machine_name = machine_arn.rsplit(':').next().unwrap_or_default();
        let name = match parameters["Name"].as_str() {
            Some(name) => name.to_string(),
            None => self.rng.uuid_v4(),
        };
        let input = match &parameters["Input"] {
            Value::String(text) => serde_json::from_str(text).unwrap_or(json!(text)),
            Value::Null => json!({}),
            other => other.clone(),
        };
        let options = RunOptions {
            identity: Identity {
                state_machine_name: machine_name.to_string(),
                execution_name: name,
                ..identity.clone()
            },
            express: child.express,
            start_millis: self.clock,
            seed: self.rng.next_u64(),
            mocks: child.mocks.clone(),
            s3_objects: self.options.s3_objects.clone(),
            iterate_objects: self.options.iterate_objects,
            limits: self.options.limits,
            actions: Vec::new(),
            children: self.options.children.clone(),
            depth: self.options.depth + 1,
        };
        let execution = run(&child.machine, input, options);
        let pattern = resource.pattern();
        let duration = match pattern {
            Pattern::Sync | Pattern::Sync2 => execution.stop_millis - execution.start_millis,
            _ => 0,
        };
        let outcome = match pattern {
            Pattern::Sync | Pattern::Sync2 => {
                describe(&execution, machine_arn, pattern == Pattern::Sync2)
            }
            _ => Ok(with_sdk_metadata(json!({
                "ExecutionArn": execution.execution_arn,
                "StartDate": format_timestamp(execution.start_millis),
            }))),
        };
        let waited_for = pattern.is_sync().then_some(self.children.len());
        self.children.push(execution);
        let timeout = request.timeout.map(|s| (s as i64).saturating_mul(1000));
        match timeout {
            Some(limit) if duration > limit => {
                let failure = Failure {
                    error: StatesError::timeout(false),
                    timed_out: true,
                };
                self.settle_later(id, visit, limit, Err(failure), waited_for);
            }
            _ => self.settle_later(id, visit, duration, outcome, waited_for),
        }
    }

    /// Settle the task after `millis` of virtual time (`child`: the nested execution it waits
    /// for).
    fn settle_later(
        &mut self,
        id: FiberId,
        visit: Visit<'m>,
        millis: i64,
        outcome: Result<Value, Failure>,
        child: Option<usize>,
    ) {
        let at = self.clock.saturating_add(millis);
        self.fibers[id].pc = Pc::Sleep(visit, Wake::Settle(outcome, child));
        self.timer(at, id);
    }

    /// The task waiting for a nested execution was aborted: so is the execution, now, if it
    /// still runs.
    pub(super) fn abort_child(&mut self, child: usize) {
        let now = self.clock;
        if let Some(execution) = self.children.get_mut(child) {
            execution.abort_at(now);
        }
    }

    /// The execution ends: the nested executions its tasks still wait for are aborted with it.
    pub(super) fn abort_waited_for_children(&mut self) {
        let waited_for: Vec<usize> = self
            .fibers
            .iter()
            .filter_map(|fiber| match &fiber.pc {
                Pc::Sleep(_, Wake::Settle(_, child)) => *child,
                _ => None,
            })
            .collect();
        for child in waited_for {
            self.abort_child(child);
        }
    }
}

/// What `.sync` returns: the child's DescribeExecution; its input and output as JSON text, or
/// (`.sync:2`) as JSON. A child that did not succeed fails the task with `States.TaskFailed` and
/// that description, with `Error` and `Cause`, as the cause.
fn describe(execution: &Execution, machine_arn: &str, as_json: bool) -> Result<Value, Failure> {
    let payload = |value: &Value| {
        if as_json {
            value.clone()
        } else {
            Value::String(value.to_string())
        }
    };
    let mut out = json!({
        "ExecutionArn": execution.execution_arn,
        "Input": payload(&execution.input),
        "InputDetails": {"Included": true},
        "Name": execution.name,
        "StartDate": format_timestamp(execution.start_millis),
        "StateMachineArn": machine_arn,
        "Status": execution.status.as_str(),
        "StopDate": format_timestamp(execution.stop_millis),
    });
    if let Some(output) = &execution.output {
        out["Output"] = payload(output);
        out["OutputDetails"] = json!({"Included": true});
    }
    if execution.status == ExecutionStatus::Succeeded {
        return Ok(out);
    }
    if let Some(error) = &execution.error {
        out["Error"] = json!(error);
    }
    if let Some(cause) = &execution.cause {
        out["Cause"] = json!(cause);
    }
    Err(Failure {
        error: StatesError::new(names::TASK_FAILED, out.to_string()),
        timed_out: false,
    })
}

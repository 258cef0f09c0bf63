//! Task states: the request (InputPath, Parameters, timeouts), the events of the integration, the
//! outcome from the mocks, then Retry/Catch or the result's data flow.

use super::engine::{Engine, FiberId, Pc, Visit, Wake};
use super::shapes::{self, Call};
use crate::exec::dataflow::{Env, apply_path, apply_template};
use crate::exec::error::{StatesError, names};
use crate::exec::history::{self, ActivityScheduled, EventKind, Payload, TaskScheduled};
use crate::exec::jsonata_step;
use crate::exec::mock::{Invocation, MockOutcome};
use crate::exec::step;
use crate::model::{QueryLanguage, Seconds, Task};
use crate::path::Roots;
use crate::resource::{Integration, Pattern, Resource};
use serde_json::Value;
use std::sync::Arc;

/// What the task is asked: its parameters and time limits.
pub(super) struct Request {
    pub(super) parameters: Payload,
    pub(super) timeout: Option<u64>,
    pub(super) heartbeat: Option<u64>,
}

/// How a task failed.
pub(super) struct Failure {
    pub(super) error: StatesError,
    pub(super) timed_out: bool,
}

impl<'m> Engine<'m> {
    pub(super) fn task(&mut self, id: FiberId, visit: Visit<'m>, task: &'m Task) {
        let resource = task.resource();
        // A callback or activity task has its token from the start: Parameters may pass it on.
        let token = (resource.pattern() == Pattern::WaitForTaskToken).then(|| self.new_token());
        let state = visit.state;
        let request = self.with_env(id, &visit, token.as_deref(), |env, input| {
            request(state, task, input, env)
        });
        let request = match request {
            Ok(request) => request,
            Err(error) => {
                let error = self.located(id, &visit, error);
                return self.handle_error(id, visit, &task.fields, error, Vec::new());
            }
        };
        self.schedule(id, &resource, task, &request);
        let outcome = self.mocked(&visit, &resource, &request.parameters);
        if let Resource::Integration(
            integration @ Integration {
                pattern: Pattern::Sync | Pattern::Sync2 | Pattern::WaitForTaskToken,
                ..
            },
        ) = resource
        {
            // The call that starts the job or hands out the token returned; a mock gives the
            // task's final outcome, so this response is the integration's usual one.
            let started = Resource::Integration(integration.request_response());
            let call = Call {
                resource: &started,
                parameters: &request.parameters,
                identity: &self.options.identity,
                now_millis: self.clock,
            };
            let response =
                shapes::complete(&call, &Value::Object(Default::default()), &mut self.rng);
            self.emit(
                id,
                EventKind::TaskSubmitted {
                    task: history_resource(&resource),
                    output: Arc::new(response),
                },
            );
        }
        match outcome {
            Some(outcome) => {
                if let Resource::Activity { .. } = resource {
                    self.emit(id, EventKind::ActivityStarted { worker_name: None });
                }
                let limits = (request.heartbeat, request.timeout);
                self.settle_task(
                    id,
                    visit,
                    task,
                    &resource,
                    token.as_deref(),
                    limits,
                    outcome,
                );
            }
            None if let Some(child) = self.child_for(&resource, &request.parameters) => {
                self.start_child(id, visit, &resource, &request, &child);
            }
            None if resource.pattern() == Pattern::WaitForTaskToken => {
                let token = token.unwrap_or_default();
                self.wait_for_answer(id, visit, task, resource, token, request);
            }
            None => {
                let test_case = self.mocks.as_ref().map(|m| m.test_case().to_string());
                let failure = missing_mock(&state.name, &resource, test_case.as_deref());
                if !self.unmocked.iter().any(|name| **name == *state.name) {
                    self.unmocked.push(state.name.to_string());
                }
                self.settle_task(id, visit, task, &resource, None, (None, None), Err(failure));
            }
        }
    }

    /// A task's outcome: its result goes through ResultSelector, ResultPath and OutputPath; its
    /// failure is recorded (a timeout once its heartbeat or timeout has run out), then Retry,
    /// Catch or fail.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn settle_task(
        &mut self,
        id: FiberId,
        visit: Visit<'m>,
        task: &'m Task,
        resource: &Resource<'_>,
        token: Option<&str>,
        (heartbeat, timeout): (Option<u64>, Option<u64>),
        outcome: Result<Value, Failure>,
    ) {
        let state = visit.state;
        match outcome {
            Ok(result) => {
                self.emit(id, succeeded(resource, Arc::new(result.clone())));
                let size_name = match resource {
                    Resource::LambdaFunction { arn, .. } => arn,
                    Resource::Integration(Integration {
                        resource_type: "lambda",
                        ..
                    }) => "lambda",
                    _ => &state.name,
                };
                if let Err(error) = self.check_size(size_name, &result) {
                    return self.handle_error(id, visit, &task.fields, error, Vec::new());
                }
                let exit = self.with_env(id, &visit, token, |env, input| {
                    step::finish(state, &task.fields, input, result, env, &mut ())
                });
                match exit {
                    Ok(exit) => self.exit(id, &visit, exit),
                    Err(error) => {
                        let error = self.located(id, &visit, error);
                        self.handle_error(id, visit, &task.fields, error, Vec::new());
                    }
                }
            }
            Err(mut failure) => {
                // A mocked timeout happened once the heartbeat (or the timeout) ran out.
                let limit = heartbeat.or(timeout).filter(|_| failure.timed_out);
                failure.error.heartbeat = failure.timed_out && heartbeat.is_some();
                let kind = failed(resource, &failure);
                match limit {
                    Some(seconds) => {
                        let at = self
                            .clock
                            .saturating_add((seconds as i64).saturating_mul(1000));
                        self.fibers[id].pc = Pc::Sleep(visit, Wake::Fail(kind, failure.error));
                        self.timer(at, id);
                    }
                    None => {
                        self.emit(id, kind);
                        self.handle_error(id, visit, &task.fields, failure.error, Vec::new());
                    }
                }
            }
        }
    }

    /// The events of a task being scheduled and started.
    fn schedule(&mut self, id: FiberId, resource: &Resource<'_>, task: &Task, request: &Request) {
        match resource {
            Resource::LambdaFunction { arn, .. } => {
                self.emit(
                    id,
                    EventKind::LambdaFunctionScheduled {
                        resource: (*arn).to_string(),
                        input: Arc::clone(&request.parameters),
                        timeout: request.timeout,
                    },
                );
                self.emit(id, EventKind::LambdaFunctionStarted);
            }
            Resource::Activity { arn } => {
                self.emit(
                    id,
                    EventKind::ActivityScheduled(Box::new(ActivityScheduled {
                        resource: (*arn).to_string(),
                        input: Arc::clone(&request.parameters),
                        timeout: request.timeout,
                        heartbeat: request.heartbeat,
                    })),
                );
            }
            Resource::Integration(_) => {
                let role_arn = task
                    .credentials
                    .as_ref()
                    .and_then(|c| c.get("RoleArn"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let task = history_resource(resource);
                self.emit(
                    id,
                    EventKind::TaskScheduled(Box::new(TaskScheduled {
                        task: Arc::clone(&task),
                        region: self.options.identity.region.clone(),
                        parameters: Arc::clone(&request.parameters),
                        timeout: request.timeout,
                        heartbeat: request.heartbeat,
                        role_arn,
                    })),
                );
                self.emit(id, EventKind::TaskStarted { task });
            }
        }
    }

    /// The task's outcome, from the mocks; `None` when the test case does not mock it.
    fn mocked(
        &mut self,
        visit: &Visit<'m>,
        resource: &Resource<'_>,
        parameters: &Value,
    ) -> Option<Result<Value, Failure>> {
        let name = &visit.state.name;
        // The outcome is read where the mocks hold it (the fields borrowed apart), not cloned:
        // a response is often the largest value of a run.
        let message = match self.mocks.as_mut()?.invoke(name) {
            Invocation::NotMocked => return None,
            Invocation::Outcome(MockOutcome::Return(value)) => {
                let call = Call {
                    resource,
                    parameters,
                    identity: &self.options.identity,
                    now_millis: self.clock,
                };
                return Some(Ok(shapes::complete(&call, value, &mut self.rng)));
            }
            Invocation::Outcome(MockOutcome::Throw { error, cause }) => {
                let timed_out = error.as_deref() == Some(names::TIMEOUT);
                let cause = cause.clone().filter(|c| !(timed_out && c.is_empty()));
                return Some(Err(Failure {
                    error: StatesError::from_parts(error.clone(), cause),
                    timed_out,
                }));
            }
            Invocation::Exhausted {
                response,
                invocation,
            } => format!(
                "The mocked response '{response}' has no entry for invocation {invocation} of the state \
                 '{name}' (the count starts at 0 and includes retries and Map iterations)."
            ),
        };
        Some(Err(Failure {
            error: self.locate(visit, StatesError::runtime(message)),
            timed_out: false,
        }))
    }
}

/// InputPath, the time limits (read from the effective input) and Parameters; in JSONata,
/// Arguments and the time limits (possibly expressions).
fn request(
    state: &crate::model::State,
    task: &Task,
    input: &Value,
    env: &mut Env<'_>,
) -> Result<Request, StatesError> {
    if state.query_language == QueryLanguage::Jsonata {
        let parameters = jsonata_step::arguments(task.fields.arguments.as_ref(), input, env)?;
        let timeout = jsonata_step::seconds(task.timeout.as_ref(), "TimeoutSeconds", input, env)?;
        let heartbeat =
            jsonata_step::seconds(task.heartbeat.as_ref(), "HeartbeatSeconds", input, env)?;
        return Ok(Request {
            parameters: Arc::new(parameters),
            timeout,
            heartbeat,
        });
    }
    let effective = apply_path(&state.input_path, input, env)?;
    let roots = env.roots(&effective);
    let timeout = seconds(task.timeout.as_ref(), "TimeoutSecondsPath", roots)?;
    let heartbeat = seconds(task.heartbeat.as_ref(), "HeartbeatSecondsPath", roots)?;
    let parameters = match &task.fields.parameters {
        Some(template) => apply_template(template, &effective, env)?,
        None => effective,
    };
    Ok(Request {
        parameters: Arc::new(parameters),
        timeout,
        heartbeat,
    })
}

/// `TimeoutSeconds(Path)` or `HeartbeatSeconds(Path)`: a positive whole number of seconds.
fn seconds(
    field: Option<&Seconds>,
    name: &str,
    roots: Roots<'_>,
) -> Result<Option<u64>, StatesError> {
    match field {
        None | Some(Seconds::Expression(_)) => Ok(None),
        Some(Seconds::Literal(n)) => Ok(Some(*n)),
        Some(Seconds::Path(path)) => {
            let value = path.path.eval(roots).map_err(|failure| {
                StatesError::runtime(format!("Invalid path '{}' : {failure}", path.text))
            })?;
            match value.as_u64() {
                Some(n) if n > 0 => Ok(Some(n)),
                _ => Err(StatesError::runtime(format!(
                    "The {name} field refers to value \"{}\" which is not a positive integer: {}",
                    match &value {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    },
                    path.text
                ))),
            }
        }
    }
}

fn missing_mock(state: &str, resource: &Resource<'_>, test_case: Option<&str>) -> Failure {
    let resource = match resource {
        Resource::LambdaFunction { arn, .. } | Resource::Activity { arn } => (*arn).to_string(),
        Resource::Integration(Integration {
            resource_type,
            resource,
            ..
        }) => format!("{resource_type}:{resource}"),
    };
    let advice = match test_case {
        Some(case) => format!("add it to the test case '{case}' of the mock configuration"),
        None => "give a mock configuration and a test case that mock it".to_string(),
    };
    Failure {
        error: StatesError::new(
            "Playground.MockMissing",
            format!(
                "The Task state '{state}' ({resource}) has no mocked response: the playground does not call AWS, so {advice}."
            ),
        ),
        timed_out: false,
    }
}

pub(super) fn history_resource(resource: &Resource<'_>) -> history::Task {
    let (resource_type, resource) = match resource {
        Resource::Integration(Integration {
            resource_type,
            resource,
            ..
        }) => (*resource_type, *resource),
        Resource::LambdaFunction { arn, .. } | Resource::Activity { arn } => ("", *arn),
    };
    Arc::new(history::TaskResource {
        resource_type: resource_type.to_string(),
        resource: resource.to_string(),
    })
}

pub(super) fn succeeded(resource: &Resource<'_>, output: Payload) -> EventKind {
    match resource {
        Resource::LambdaFunction { .. } => EventKind::LambdaFunctionSucceeded { output },
        Resource::Activity { .. } => EventKind::ActivitySucceeded { output },
        Resource::Integration(_) => EventKind::TaskSucceeded {
            task: history_resource(resource),
            output,
        },
    }
}

pub(super) fn failed(resource: &Resource<'_>, failure: &Failure) -> EventKind {
    let (error, cause) = (failure.error.error.clone(), failure.error.cause.clone());
    match (resource, failure.timed_out) {
        (Resource::LambdaFunction { .. }, false) => {
            EventKind::LambdaFunctionFailed { error, cause }
        }
        (Resource::LambdaFunction { .. }, true) => {
            EventKind::LambdaFunctionTimedOut { error, cause }
        }
        (Resource::Activity { .. }, false) => EventKind::ActivityFailed { error, cause },
        (Resource::Activity { .. }, true) => EventKind::ActivityTimedOut { error, cause },
        (Resource::Integration(_), false) => EventKind::TaskFailed {
            task: history_resource(resource),
            error,
            cause,
        },
        (Resource::Integration(_), true) => EventKind::TaskTimedOut {
            task: history_resource(resource),
            error,
            cause,
        },
    }
}

//! Tasks that wait for the world: `.waitForTaskToken` callbacks and activities with no mock. The
//! task holds a token until an answer comes (SendTaskSuccess, SendTaskFailure), its heartbeat or
//! timeout runs out on the virtual clock, or it is aborted.

use super::actions::{Answer, Target};
use super::engine::{Engine, FiberId, Pc, Timer, Visit};
use super::task::{Failure, Request, failed};
use crate::exec::error::StatesError;
use crate::exec::history::{EventKind, Payload};
use crate::model::Task;
use crate::resource::{Integration, Resource};
use serde_json::{Value, json};
use std::sync::Arc;

/// The prefix of the playground's task tokens (AWS's are opaque base64 text too).
const TOKEN_PREFIX: &str = "AQC";
/// How many base64 characters follow the prefix.
const TOKEN_LENGTH: usize = 176;

/// A task waiting for an answer.
pub(super) struct Pending<'m> {
    pub(super) task: &'m Task,
    pub(super) resource: Resource<'m>,
    pub(super) token: String,
    /// What the task was given (its effective parameters).
    pub(super) input: Payload,
    pub(super) heartbeat: Option<u64>,
    /// When the heartbeat runs out, if the task has one.
    pub(super) heartbeat_at: Option<i64>,
    /// When the timeout runs out, if the task has one.
    pub(super) timeout_at: Option<i64>,
    /// Bumped by each heartbeat: an older heartbeat timer is stale.
    pub(super) generation: u64,
    /// Which of its state's waits this is (from 1).
    pub(super) attempt: u64,
    /// An activity: whether a worker took it (GetActivityTask).
    pub(super) started: bool,
}

/// Whether a token is still good.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokenState {
    /// Its task waits in this fiber.
    Open(FiberId),
    /// Its task is over (answered, timed out, aborted).
    Closed,
}

/// A waiting task, as the run reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitingTask {
    /// The state.
    pub state: String,
    /// Its token.
    pub token: String,
    /// `callback` or `activity`.
    pub kind: &'static str,
    /// The resource (for an activity, its ARN).
    pub resource: String,
    /// What the task was given.
    pub input: Value,
    /// Which of its state's waits this is (from 1).
    pub attempt: u64,
    /// An activity a worker has taken.
    pub started: bool,
    /// When the heartbeat runs out (milliseconds since the epoch).
    pub heartbeat_at: Option<i64>,
    /// When the timeout runs out.
    pub timeout_at: Option<i64>,
}

impl WaitingTask {
    /// As JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "state": self.state,
            "token": self.token,
            "kind": self.kind,
            "resource": self.resource,
            "input": self.input,
            "attempt": self.attempt,
            "started": self.started,
            "heartbeatAt": self.heartbeat_at.map(crate::exec::context::format_timestamp),
            "timeoutAt": self.timeout_at.map(crate::exec::context::format_timestamp),
        })
    }
}

/// Why an action could not be taken, as AWS's API says it.
pub(super) struct Refusal {
    pub(super) code: &'static str,
    pub(super) message: String,
}

fn refusal(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: message.into(),
    }
}

/// True when `token` looks like a token the playground gives.
fn well_formed(token: &str) -> bool {
    token.strip_prefix(TOKEN_PREFIX).is_some_and(|rest| {
        rest.len() == TOKEN_LENGTH
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    })
}

impl<'m> Engine<'m> {
    /// A fresh task token, from the run's random source.
    pub(super) fn new_token(&mut self) -> String {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut token = String::with_capacity(TOKEN_PREFIX.len() + TOKEN_LENGTH);
        token.push_str(TOKEN_PREFIX);
        while token.len() < TOKEN_PREFIX.len() + TOKEN_LENGTH {
            let bits = self.rng.next_u64();
            for shift in (0..60).step_by(6) {
                if token.len() < TOKEN_PREFIX.len() + TOKEN_LENGTH {
                    token.push(char::from(ALPHABET[(bits >> shift) as usize & 63]));
                }
            }
        }
        token
    }

    /// The task waits for an answer: its token opens, its heartbeat and timeout start running.
    pub(super) fn wait_for_answer(
        &mut self,
        id: FiberId,
        visit: Visit<'m>,
        task: &'m Task,
        resource: Resource<'m>,
        token: String,
        request: Request,
    ) {
        let counter = self.waits.entry(Arc::clone(&visit.state.name)).or_default();
        *counter += 1;
        let attempt = *counter;
        let after = |seconds: Option<u64>, clock: i64| {
            seconds.map(|s| clock.saturating_add((s as i64).saturating_mul(1000)))
        };
        let pending = Pending {
            task,
            resource,
            token: token.clone(),
            input: request.parameters,
            heartbeat: request.heartbeat,
            heartbeat_at: after(request.heartbeat, self.clock),
            timeout_at: after(request.timeout, self.clock),
            generation: 0,
            attempt,
            started: false,
        };
        if let Some(at) = pending.heartbeat_at {
            self.timer_for(at, Timer::Heartbeat(id, 0));
        }
        if let Some(at) = pending.timeout_at {
            self.timer_for(at, Timer::Timeout(id, 0));
        }
        self.tokens.insert(token, TokenState::Open(id));
        self.fibers[id].pc = Pc::Await(visit, Box::new(pending));
    }

    /// The fiber a target names, if it waits now.
    pub(super) fn find_waiting(&self, target: &Target) -> Result<Option<FiberId>, Refusal> {
        match target {
            Target::Token(token) => match self.tokens.get(token) {
                Some(TokenState::Open(id)) => Ok(Some(*id)),
                Some(TokenState::Closed) => Err(refusal(
                    "TaskTimedOut",
                    "Task Timed Out: the task of this token is over (answered, timed out or aborted)",
                )),
                None if well_formed(token) => Err(refusal(
                    "TaskDoesNotExist",
                    "Task does not exist: no task of this execution was given this token",
                )),
                None => Err(refusal("InvalidToken", "Invalid token")),
            },
            Target::State { name, attempt } => Ok(self.fibers.iter().position(|f| {
                matches!(&f.pc, Pc::Await(visit, pending)
                    if &*visit.state.name == name && attempt.is_none_or(|a| a == pending.attempt))
            })),
        }
    }

    /// The states waiting now, for messages.
    pub(super) fn waiting_names(&self) -> String {
        let names: Vec<String> = self.waiting().iter().map(|w| w.state.clone()).collect();
        if names.is_empty() {
            "none".into()
        } else {
            names.join(", ")
        }
    }

    /// Tell a waiting task `answer`.
    pub(super) fn answer(&mut self, id: FiberId, answer: Answer) {
        let Pc::Await(visit, mut pending) = std::mem::replace(&mut self.fibers[id].pc, Pc::Done)
        else {
            return;
        };
        if let Answer::Heartbeat = answer {
            pending.generation += 1;
            if let Some(seconds) = pending.heartbeat {
                let at = self
                    .clock
                    .saturating_add((seconds as i64).saturating_mul(1000));
                pending.heartbeat_at = Some(at);
                self.timer_for(at, Timer::Heartbeat(id, pending.generation));
            }
            self.fibers[id].pc = Pc::Await(visit, pending);
            return;
        }
        self.tokens
            .insert(pending.token.clone(), TokenState::Closed);
        if matches!(pending.resource, Resource::Activity { .. }) && !pending.started {
            // Answering an activity means a worker took it.
            self.emit(id, EventKind::ActivityStarted { worker_name: None });
        }
        let outcome = match answer {
            Answer::Success(output) => Ok(output),
            Answer::Failure { error, cause } => Err(Failure {
                error: StatesError::from_parts(error, cause),
                timed_out: false,
            }),
            Answer::Heartbeat => return,
        };
        let Pending {
            task,
            resource,
            token,
            ..
        } = *pending;
        self.settle_task(
            id,
            visit,
            task,
            &resource,
            Some(&token),
            (None, None),
            outcome,
        );
    }

    /// GetActivityTask: the oldest task waiting for `activity` starts with `worker`; its token and
    /// input, or `None` when no task waits for it.
    pub(super) fn start_activity(
        &mut self,
        activity: &str,
        worker: Option<&str>,
    ) -> Option<(String, Value)> {
        let id = self.fibers.iter().position(|f| {
            matches!(&f.pc, Pc::Await(_, pending)
                if !pending.started && pending.resource == Resource::Activity { arn: activity })
        })?;
        let Pc::Await(_, pending) = &mut self.fibers[id].pc else {
            return None;
        };
        pending.started = true;
        let found = (pending.token.clone(), (*pending.input).clone());
        self.emit(
            id,
            EventKind::ActivityStarted {
                worker_name: worker.map(str::to_string),
            },
        );
        Some(found)
    }

    /// A heartbeat or timeout timer fired: if it still applies, the task timed out.
    pub(super) fn deadline(&mut self, id: FiberId, generation: u64, heartbeat: bool) {
        let applies = matches!(&self.fibers[id].pc, Pc::Await(_, pending)
            if !heartbeat || pending.generation == generation);
        if !applies {
            return;
        }
        let Pc::Await(visit, pending) = std::mem::replace(&mut self.fibers[id].pc, Pc::Done) else {
            return;
        };
        self.tokens
            .insert(pending.token.clone(), TokenState::Closed);
        let failure = Failure {
            error: StatesError::timeout(heartbeat),
            timed_out: true,
        };
        self.emit(id, failed(&pending.resource, &failure));
        let task = pending.task;
        self.handle_error(id, visit, &task.fields, failure.error, Vec::new());
    }

    /// Every task waiting now.
    pub(super) fn waiting(&self) -> Vec<WaitingTask> {
        self.fibers
            .iter()
            .filter_map(|fiber| match &fiber.pc {
                Pc::Await(visit, pending) => Some(WaitingTask {
                    state: visit.state.name.to_string(),
                    token: pending.token.clone(),
                    kind: match pending.resource {
                        Resource::Activity { .. } => "activity",
                        _ => "callback",
                    },
                    resource: match pending.resource {
                        Resource::Activity { arn } | Resource::LambdaFunction { arn, .. } => {
                            arn.to_string()
                        }
                        Resource::Integration(Integration {
                            resource_type,
                            resource,
                            ..
                        }) => format!("{resource_type}:{resource}"),
                    },
                    input: (*pending.input).clone(),
                    attempt: pending.attempt,
                    started: pending.started,
                    heartbeat_at: pending.heartbeat_at,
                    timeout_at: pending.timeout_at,
                }),
                _ => None,
            })
            .collect()
    }

    /// Close every open token: the execution is over.
    pub(super) fn close_all_tokens(&mut self) {
        for state in self.tokens.values_mut() {
            *state = TokenState::Closed;
        }
    }

    /// Close the token of a waiting task that is being aborted or stopped.
    pub(super) fn close_token(&mut self, pending: &Pending<'m>) {
        self.tokens
            .insert(pending.token.clone(), TokenState::Closed);
    }
}

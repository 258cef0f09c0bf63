//! The scheduler. A run is a set of fibers, one per `States` block being run (the machine, each
//! Parallel branch, each Map iteration), on a virtual clock. A fiber runs one state at a time and
//! then goes to the back of the ready queue, so concurrent branches and iterations interleave as
//! they do on AWS; it sleeps on a timer (a Wait state, a retry's back-off) or waits for its
//! children (Parallel, Map). When no fiber is ready, the clock jumps to the next timer. Nothing
//! here reads a real clock: the same definition, input, mocks and seed give the same run.

use super::actions::{Action, ActionError};
use super::fan_out::Join;
use super::report::{CatchRecord, Handled, RetryRecord};
use super::scopes::{ScopeId, Scopes};
use super::task::Failure;
use super::waiting::{Pending, TokenState};
use super::{Execution, ExecutionStatus, RunOptions};
use crate::exec::context::{ExecutionContext, StateContext, context_object};
use crate::exec::dataflow::Env;
use crate::exec::error::{StatesError, names};
use crate::exec::history::{EvaluationFailed, EventKind, HistoryEvent, Payload};
use crate::exec::mock::Mocks;
use crate::exec::retry::{backoff_seconds, first_match};
use crate::exec::rng::Rng;
use crate::exec::step::{self, Exit, Next, Output};
use crate::model::{Machine, ResultFields, State, StateKind};
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};
use std::sync::Arc;

/// A fiber's index.
pub(super) type FiberId = usize;

/// One `States` block being run.
pub(super) struct Fiber<'m> {
    /// The block.
    pub(super) block: &'m Machine,
    /// Its variables.
    pub(super) scope: ScopeId,
    /// The Parallel or Map state's fiber waiting for it, and its slot there (branch or item
    /// index).
    pub(super) parent: Option<(FiberId, usize)>,
    /// The last event of its causal chain: the `previousEventId` of its next event.
    pub(super) last: u64,
    /// What it does next.
    pub(super) pc: Pc<'m>,
    /// A Distributed Map's child execution: its events are not part of this history.
    pub(super) silent: bool,
}

/// What a fiber does next.
pub(super) enum Pc<'m> {
    /// Enter this state with this input.
    Enter(&'m State, Payload),
    /// Sleep until a timer: then leave the state, or retry it.
    Sleep(Visit<'m>, Wake<'m>),
    /// Wait for the branches or iterations of a Parallel or Map state.
    Join(Visit<'m>, Box<Join>),
    /// Wait for the world to answer a callback or activity task.
    Await(Visit<'m>, Box<Pending<'m>>),
    /// Fail at once (a block whose StartAt names no state).
    Fail(StatesError),
    /// Nothing: the fiber ended.
    Done,
}

/// What a fiber does when its timer fires.
pub(super) enum Wake<'m> {
    /// Leave the state (a Wait state's wait is over).
    Exit(Exit<'m>),
    /// Run the state again (a retry).
    Retry,
    /// Record that the task failed (it timed out), then Retry, Catch or fail.
    Fail(EventKind, StatesError),
    /// The task's work is done (a nested execution, by its index in `children` when `.sync`
    /// waits for it): settle it.
    Settle(Result<Value, Failure>, Option<usize>),
}

/// What a timer does when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Timer {
    /// Wake a sleeping fiber.
    Wake(FiberId),
    /// A waiting task's heartbeat runs out (unless a heartbeat of a later generation came).
    Heartbeat(FiberId, u64),
    /// A waiting task's timeout runs out.
    Timeout(FiberId, u64),
    /// The execution's own time runs out.
    Execution,
}

/// One visit to a state: from its `…StateEntered` event to its exit.
pub(super) struct Visit<'m> {
    /// The state.
    pub(super) state: &'m State,
    /// Its raw input.
    pub(super) input: Payload,
    /// The id of its `…StateEntered` event (error causes name it).
    pub(super) entered_id: u64,
    /// When it was entered.
    pub(super) entered_millis: i64,
    /// Each retrier's attempts so far.
    pub(super) attempts: Vec<u64>,
    /// `$$.State.RetryCount`.
    pub(super) retry_count: u64,
}

/// How the execution ended.
pub(super) enum Finish {
    Succeeded(Payload),
    Failed(StatesError),
    TimedOut,
    Aborted(StatesError),
}

/// The errors whose cause names the state and its `…StateEntered` event: the ones the engine
/// raises about the state's own data (⚠ AWS records the prefix for States.Runtime and
/// States.QueryEvaluationError; for the others it is our best reading).
const LOCATED: [&str; 4] = [
    names::RUNTIME,
    names::QUERY_EVALUATION_ERROR,
    names::INTRINSIC_FAILURE,
    names::REFERENCE_PATH_CONFLICT,
];

/// The longest an execution may run: five minutes for Express, a year for Standard.
const EXPRESS_MAX_MILLIS: i64 = 5 * 60 * 1000;
const STANDARD_MAX_MILLIS: i64 = 365 * 24 * 3600 * 1000;

/// A run in progress.
pub(super) struct Engine<'m> {
    machine: &'m Machine,
    pub(super) options: RunOptions,
    pub(super) mocks: Option<Mocks>,
    /// The execution's input.
    pub(super) input: Payload,
    /// The virtual clock, in milliseconds since the epoch.
    pub(super) clock: i64,
    pub(super) rng: Rng,
    pub(super) events: Vec<HistoryEvent>,
    pub(super) fibers: Vec<Fiber<'m>>,
    /// Fibers that ended normally: their slots are reused (an aborted fiber's slot is not, as
    /// the ready queue or a timer may still name it).
    free_fibers: Vec<FiberId>,
    pub(super) ready: VecDeque<FiberId>,
    pub(super) timers: BinaryHeap<Reverse<(i64, u64, Timer)>>,
    timer_seq: u64,
    pub(super) scopes: Scopes,
    transitions: u64,
    pub(super) deadline: i64,
    /// How long the execution may run (its TimeoutSeconds, within the type's limit).
    pub(super) budget: i64,
    pub(super) finish: Option<Finish>,
    pub(super) retries: Vec<RetryRecord>,
    pub(super) catches: Vec<CatchRecord>,
    /// Task states entered with no mocked response, each once.
    pub(super) unmocked: Vec<String>,
    /// What the world does, applied in order whenever no state can move by itself.
    pub(super) actions: Vec<Action>,
    /// The next action to apply.
    pub(super) next_action: usize,
    /// The actions that could not be taken.
    pub(super) action_errors: Vec<ActionError>,
    /// Every task token given out, and whether it is still good.
    pub(super) tokens: BTreeMap<String, TokenState>,
    /// How many times each state has waited for an answer.
    pub(super) waits: BTreeMap<Arc<str>, u64>,
    /// An Advance in progress: timers due before this time fire first.
    pub(super) advancing_to: Option<i64>,
    /// `$$.Execution.RedriveCount`.
    pub(super) redrive_count: u64,
    /// Where a redrive restarts: the top-level state that failed, and its input.
    pub(super) redrive_point: Option<(&'m State, Payload)>,
    /// The nested executions run so far.
    pub(super) children: Vec<Execution>,
    /// `$$.Execution.Id`.
    pub(super) execution_arn: String,
}

/// The execution's ARN; an Express one ends with a UUID of the run, drawn from the seed apart
/// from the run's own random numbers (which stay as they are without it).
fn execution_arn(options: &RunOptions) -> String {
    if options.express {
        let uuid = Rng::new(options.seed ^ 0x4558_5052_4553_5321).uuid_v4();
        options.identity.express_arn(&uuid)
    } else {
        options.identity.execution_arn(false)
    }
}

impl<'m> Engine<'m> {
    pub(super) fn new(machine: &'m Machine, input: Value, mut options: RunOptions) -> Self {
        let start = options.start_millis;
        let longest = if options.express {
            EXPRESS_MAX_MILLIS
        } else {
            STANDARD_MAX_MILLIS
        };
        let own = machine
            .timeout_seconds
            .map_or(longest, |s| (s as i64).saturating_mul(1000));
        let budget = own.min(longest);
        let mut options_actions = std::mem::take(&mut options.actions);
        Engine {
            machine,
            execution_arn: execution_arn(&options),
            mocks: options.mocks.take(),
            rng: Rng::new(options.seed),
            options,
            input: Arc::new(input),
            clock: start,
            events: Vec::new(),
            fibers: Vec::new(),
            free_fibers: Vec::new(),
            ready: VecDeque::new(),
            timers: BinaryHeap::new(),
            timer_seq: 0,
            scopes: Scopes::default(),
            transitions: 0,
            deadline: start.saturating_add(budget),
            budget,
            finish: None,
            retries: Vec::new(),
            catches: Vec::new(),
            unmocked: Vec::new(),
            actions: std::mem::take(&mut options_actions),
            next_action: 0,
            action_errors: Vec::new(),
            tokens: BTreeMap::new(),
            waits: BTreeMap::new(),
            advancing_to: None,
            redrive_count: 0,
            redrive_point: None,
            children: Vec::new(),
        }
    }

    pub(super) fn run(&mut self) -> Execution {
        self.start();
        self.drive();
        self.take_execution()
    }

    /// Go on for at most `budget` moves: the execution once it has ended or waits for an answer.
    pub(super) fn resume(&mut self, budget: u64) -> Option<Execution> {
        self.drive_for(budget).then(|| self.take_execution())
    }

    /// StopExecution now, between two moves: the execution, aborted.
    pub(super) fn stop_now(&mut self, error: Option<String>, cause: Option<String>) -> Execution {
        if self.finish.is_none() {
            self.stop(error, cause);
        }
        self.take_execution()
    }

    /// How many states have been entered so far.
    pub(super) fn transitions(&self) -> u64 {
        self.transitions
    }

    /// ExecutionStarted, and the first state ready to run.
    pub(super) fn start(&mut self) {
        let role_arn = self.options.identity.role_arn.clone();
        let started = self.emit_after(
            0,
            false,
            EventKind::ExecutionStarted {
                input: self.input.clone(),
                role_arn,
            },
        );
        debug_assert_eq!(started, 1);
        let input = Arc::clone(&self.input);
        self.spawn(self.machine, None, None, 0, input, false);
        self.timer_for(self.deadline, Timer::Execution);
    }

    /// The mocks as the run left them (their invocation counters), for a run that goes on from
    /// them.
    pub(super) fn take_mocks(&mut self) -> Option<Mocks> {
        self.mocks.take()
    }

    fn take_execution(&mut self) -> Execution {
        self.refuse_remaining_actions();
        if self.finish.is_some() {
            self.abort_waited_for_children();
        }
        let waiting = if self.finish.is_none() {
            self.waiting()
        } else {
            Vec::new()
        };
        let identity = &self.options.identity;
        let (status, output, error) = match self.finish.take() {
            Some(Finish::Succeeded(output)) => (
                ExecutionStatus::Succeeded,
                Some(Arc::unwrap_or_clone(output)),
                None,
            ),
            Some(Finish::Failed(e)) => (ExecutionStatus::Failed, None, Some(e)),
            Some(Finish::TimedOut) => (ExecutionStatus::TimedOut, None, None),
            Some(Finish::Aborted(e)) => (ExecutionStatus::Aborted, None, Some(e)),
            None => (ExecutionStatus::Running, None, None),
        };
        let (error, cause) = error.map_or((None, None), |e| (e.error, e.cause));
        Execution {
            execution_arn: self.execution_arn.clone(),
            state_machine_arn: identity.state_machine_arn(),
            name: identity.execution_name.clone(),
            status,
            start_millis: self.options.start_millis,
            stop_millis: self.clock,
            input: Arc::clone(&self.input),
            output,
            error,
            cause,
            events: std::mem::take(&mut self.events),
            retries: std::mem::take(&mut self.retries),
            catches: std::mem::take(&mut self.catches),
            waiting,
            action_errors: std::mem::take(&mut self.action_errors),
            unmocked: std::mem::take(&mut self.unmocked),
            redrive_count: self.redrive_count,
            children: std::mem::take(&mut self.children),
            redelivered: None,
        }
    }

    pub(super) fn time_out(&mut self) {
        self.capture_redrive_point();
        self.close_all_tokens();
        let last = self.events.len() as u64;
        self.emit_after(
            last,
            false,
            EventKind::ExecutionTimedOut {
                error: None,
                cause: None,
            },
        );
        self.finish = Some(Finish::TimedOut);
    }

    /// Start a fiber running `block` with `input`.
    pub(super) fn spawn(
        &mut self,
        block: &'m Machine,
        outer_scope: Option<ScopeId>,
        parent: Option<(FiberId, usize)>,
        last: u64,
        input: Payload,
        silent: bool,
    ) -> FiberId {
        let scope = self.scopes.open(outer_scope);
        let fiber = Fiber {
            block,
            scope,
            parent,
            last,
            pc: Pc::Done,
            silent,
        };
        let id = match self.free_fibers.pop() {
            Some(id) => {
                self.fibers[id] = fiber;
                id
            }
            None => {
                self.fibers.push(fiber);
                self.fibers.len() - 1
            }
        };
        match block.state(&block.start_at) {
            Some(state) => {
                self.fibers[id].pc = Pc::Enter(state, input);
                self.ready.push_back(id);
            }
            None => {
                let error = StatesError::runtime(format!(
                    "StartAt names '{}', which is not a state of its block",
                    block.start_at
                ));
                self.fibers[id].pc = Pc::Fail(error);
                self.ready.push_back(id);
            }
        }
        id
    }

    pub(super) fn step(&mut self, id: FiberId) {
        match std::mem::replace(&mut self.fibers[id].pc, Pc::Done) {
            Pc::Enter(state, input) => self.enter(id, state, input),
            Pc::Sleep(visit, Wake::Retry) => self.work(id, visit),
            Pc::Sleep(visit, Wake::Exit(exit)) => self.exit(id, &visit, exit),
            Pc::Sleep(visit, Wake::Settle(outcome, _)) => {
                if let StateKind::Task(task) = &visit.state.kind {
                    let resource = task.resource();
                    self.settle_task(id, visit, task, &resource, None, (None, None), outcome);
                }
            }
            Pc::Sleep(visit, Wake::Fail(kind, error)) => {
                self.emit(id, kind);
                match &visit.state.kind {
                    StateKind::Task(task) => {
                        self.handle_error(id, visit, &task.fields, error, Vec::new());
                    }
                    _ => self.state_failed(id, &visit, error),
                }
            }
            Pc::Fail(error) => self.finish_fiber(id, Err(error)),
            other @ (Pc::Join(..) | Pc::Await(..) | Pc::Done) => self.fibers[id].pc = other,
        }
    }

    fn enter(&mut self, id: FiberId, state: &'m State, input: Payload) {
        self.transitions += 1;
        if self.transitions > self.options.limits.max_transitions {
            let error = StatesError::new(
                "Playground.TransitionLimitExceeded",
                format!(
                    "The playground stopped the execution after {} state transitions: it looks endless. \
                     Raise the limit if it is not.",
                    self.options.limits.max_transitions
                ),
            );
            let last = self.fibers[id].last;
            self.emit_after(
                last,
                false,
                EventKind::ExecutionAborted {
                    error: error.error.clone(),
                    cause: error.cause.clone(),
                },
            );
            self.finish = Some(Finish::Aborted(error));
            return;
        }
        let entered_id = self.emit(
            id,
            EventKind::StateEntered {
                state_type: state.kind.type_name(),
                name: Arc::clone(&state.name),
                input: Arc::clone(&input),
            },
        );
        let visit = Visit {
            state,
            input,
            entered_id,
            entered_millis: self.clock,
            attempts: Vec::new(),
            retry_count: 0,
        };
        self.work(id, visit);
    }

    /// Do the work of the state being visited.
    pub(super) fn work(&mut self, id: FiberId, visit: Visit<'m>) {
        let state = visit.state;
        match &state.kind {
            StateKind::Pass(pass) => {
                let result = self.with_env(id, &visit, None, |env, input| {
                    step::pass(state, pass, input, env, &mut ())
                });
                self.settle(id, &visit, result);
            }
            StateKind::Choice(choice) => {
                let result = self.with_env(id, &visit, None, |env, input| {
                    step::choice(state, choice, input, env, &mut ())
                });
                self.settle(id, &visit, result);
            }
            StateKind::Succeed => {
                let result = self.with_env(id, &visit, None, |env, input| {
                    step::succeed(state, input, env, &mut ())
                });
                self.settle(id, &visit, result);
            }
            StateKind::Fail(fail) => {
                let error = self.with_env(id, &visit, None, |env, input| {
                    step::fail(state, fail, input, env, &mut ())
                });
                let error = self.located(id, &visit, error);
                self.state_failed(id, &visit, error);
            }
            StateKind::Wait(wait) => {
                let now = self.clock;
                let result = self.with_env(id, &visit, None, |env, input| {
                    step::wait(state, wait, input, now, env, &mut ())
                });
                match result {
                    Ok((until, exit)) if until > now => {
                        self.fibers[id].pc = Pc::Sleep(visit, Wake::Exit(exit));
                        self.timer(until, id);
                    }
                    Ok((_, exit)) => self.exit(id, &visit, exit),
                    Err(error) => {
                        let error = self.located(id, &visit, error);
                        self.state_failed(id, &visit, error);
                    }
                }
            }
            StateKind::Task(task) => self.task(id, visit, task),
            StateKind::Parallel(parallel) => self.parallel(id, visit, parallel),
            StateKind::Map(map) => self.map(id, visit, map),
        }
    }

    /// Run `f` with the state's environment: its context object (when the state reads it), the
    /// fiber's variables and the run's random source.
    pub(super) fn with_env<R>(
        &mut self,
        id: FiberId,
        visit: &Visit<'m>,
        token: Option<&str>,
        f: impl FnOnce(&mut Env<'_>, &Value) -> R,
    ) -> R {
        let context = self.context(visit, token, None);
        let scope = self.fibers[id].scope;
        self.in_scope(scope, &context, |env| f(env, &visit.input))
    }

    /// Run `f` with the environment of `scope`: its variables, `context`, the run's random source
    /// and clock.
    pub(super) fn in_scope<R>(
        &mut self,
        scope: ScopeId,
        context: &Value,
        f: impl FnOnce(&mut Env<'_>) -> R,
    ) -> R {
        let view = self.scopes.view(scope);
        let mut env = Env {
            context,
            variables: &view,
            rng: &mut self.rng,
            now_millis: self.clock,
        };
        f(&mut env)
    }

    /// The context object of a visit, or `null` when the state never reads it.
    pub(super) fn context(
        &self,
        visit: &Visit<'m>,
        token: Option<&str>,
        map_item: Option<(usize, &Value, Option<&str>)>,
    ) -> Value {
        self.context_with_input(visit, token, map_item, &self.input)
    }

    /// The context object with `execution_input` as `Execution.Input` (`null` where the reader
    /// cannot see it, to spare copying a large input for every Map item).
    pub(super) fn context_with_input(
        &self,
        visit: &Visit<'m>,
        token: Option<&str>,
        map_item: Option<(usize, &Value, Option<&str>)>,
        execution_input: &Value,
    ) -> Value {
        if !visit.state.reads_context {
            return Value::Null;
        }
        let retries = matches!(
            visit.state.kind,
            StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_)
        );
        let state = StateContext {
            name: &visit.state.name,
            entered_millis: visit.entered_millis,
            retry_count: retries.then_some(visit.retry_count),
            task_token: token,
            map_item,
        };
        let run = ExecutionContext {
            identity: &self.options.identity,
            arn: &self.execution_arn,
            express: self.options.express,
            input: execution_input,
            start_millis: self.options.start_millis,
            redrive_count: self.redrive_count,
        };
        context_object(&run, &state)
    }

    fn settle(&mut self, id: FiberId, visit: &Visit<'m>, result: Result<Exit<'m>, StatesError>) {
        match result {
            Ok(exit) => self.exit(id, visit, exit),
            Err(error) => {
                let error = self.located(id, visit, error);
                self.state_failed(id, visit, error);
            }
        }
    }

    /// The cause of an error the state raised about its own data names the state and the event
    /// it was entered at; a failed JSONata evaluation is recorded (`EvaluationFailed`).
    pub(super) fn located(
        &mut self,
        id: FiberId,
        visit: &Visit<'m>,
        error: StatesError,
    ) -> StatesError {
        let error = self.locate(visit, error);
        if error.name() == names::QUERY_EVALUATION_ERROR {
            // AWS links the event to what came before the state was entered, except for a
            // Wait, whose time is worked out once it has been entered.
            let prev = if matches!(visit.state.kind, StateKind::Wait(_)) {
                visit.entered_id
            } else {
                self.events
                    .iter()
                    .rev()
                    .find(|e| e.id == visit.entered_id)
                    .map_or(0, |e| e.previous_event_id)
            };
            let silent = self.fibers[id].silent;
            let event = self.emit_after(
                prev,
                silent,
                EventKind::EvaluationFailed(Box::new(EvaluationFailed {
                    error: error.name().to_string(),
                    cause: error.cause.clone().unwrap_or_default(),
                    location: error.location.clone(),
                    state: visit.state.name.to_string(),
                })),
            );
            if !silent {
                self.fibers[id].last = event;
            }
        }
        error
    }

    /// The cause of an error the state raised about its own data, naming the state and the
    /// event it was entered at.
    pub(super) fn locate(&self, visit: &Visit<'m>, mut error: StatesError) -> StatesError {
        if LOCATED.contains(&error.name()) {
            let prefix = format!(
                "An error occurred while executing the state '{}' (entered at the event id #{}). ",
                visit.state.name, visit.entered_id
            );
            error.cause = Some(prefix + error.cause.as_deref().unwrap_or_default());
        }
        error
    }

    /// Leave the state: record its exit, store what it assigned, go on.
    pub(super) fn exit(&mut self, id: FiberId, visit: &Visit<'m>, exit: Exit<'m>) {
        let output = match exit.output {
            // An input passed through was checked when it was made.
            Output::Input => Arc::clone(&visit.input),
            Output::Value(value) => {
                if let Err(error) = self.check_size(&visit.state.name, &value) {
                    return self.state_failed(id, visit, error);
                }
                Arc::new(value)
            }
        };
        if let Err(error) = self.check_assigned(&exit.assigned) {
            let error = self.locate(visit, error);
            return self.state_failed(id, visit, error);
        }
        let state = visit.state;
        let assigned = (!exit.assigned.is_empty()).then(|| Box::new(exit.assigned.clone()));
        self.emit(
            id,
            EventKind::StateExited {
                state_type: state.kind.type_name(),
                name: Arc::clone(&state.name),
                output: Arc::clone(&output),
                assigned,
            },
        );
        if !exit.assigned.is_empty() {
            self.scopes.assign(self.fibers[id].scope, exit.assigned);
        }
        match exit.next {
            Next::State(name) => match self.fibers[id].block.state(name) {
                Some(next) => {
                    self.fibers[id].pc = Pc::Enter(next, output);
                    self.ready.push_back(id);
                }
                None => {
                    let error =
                        StatesError::runtime(format!("There is no state named '{name}' to go to"));
                    self.finish_fiber(id, Err(error));
                }
            },
            Next::End => self.finish_fiber(id, Ok(output)),
        }
    }

    /// `States.DataLimitExceeded` when a variable, or all a state assigns, is over 256 KiB
    /// (asl-semantics §6.5; ⚠ the error AWS raises for it is not recorded).
    fn check_assigned(&self, assigned: &Map<String, Value>) -> Result<(), StatesError> {
        let limit = self.options.limits.max_payload_bytes;
        let mut total = 0;
        for (name, value) in assigned {
            let size = json_size(value, limit);
            if size > limit {
                return Err(StatesError::new(
                    names::DATA_LIMIT_EXCEEDED,
                    format!(
                        "The value assigned to the variable '{name}' exceeds the maximum size of 256 KiB."
                    ),
                ));
            }
            total += size;
        }
        if total > limit {
            return Err(StatesError::new(
                names::DATA_LIMIT_EXCEEDED,
                "The values of the variables assigned by the state exceed the maximum total size of 256 KiB.",
            ));
        }
        Ok(())
    }

    /// `States.DataLimitExceeded` when a payload is over the limit.
    pub(super) fn check_size(&self, name: &str, value: &Value) -> Result<(), StatesError> {
        let limit = self.options.limits.max_payload_bytes;
        if json_size(value, limit) > limit {
            return Err(StatesError::new(
                names::DATA_LIMIT_EXCEEDED,
                format!(
                    "The state/task '{name}' returned a result with a size exceeding the maximum number of bytes service limit."
                ),
            ));
        }
        Ok(())
    }

    /// The state failed and nothing handles it: the fiber fails with the error. A Task inside a
    /// branch or iteration is aborted, as AWS records.
    pub(super) fn state_failed(&mut self, id: FiberId, visit: &Visit<'m>, error: StatesError) {
        let fiber = &self.fibers[id];
        let (top_level, last, silent) = (fiber.parent.is_none(), fiber.last, fiber.silent);
        if !top_level && matches!(visit.state.kind, StateKind::Task(_)) {
            self.emit_after(last, silent, EventKind::StateAborted { state_type: "Task" });
        }
        if top_level {
            // A redrive starts again from here.
            self.redrive_point = Some((visit.state, Arc::clone(&visit.input)));
        }
        self.finish_fiber(id, Err(error));
    }

    /// The top-level state running now (for a redrive after a stop or a timeout).
    pub(super) fn capture_redrive_point(&mut self) {
        let point = self.fibers.first().and_then(|root| match &root.pc {
            Pc::Enter(state, input) => Some((*state, Arc::clone(input))),
            Pc::Sleep(visit, _) | Pc::Join(visit, _) | Pc::Await(visit, _) => {
                Some((visit.state, Arc::clone(&visit.input)))
            }
            Pc::Fail(_) | Pc::Done => None,
        });
        if point.is_some() {
            self.redrive_point = point;
        }
    }

    /// The fiber ended: the execution ends with it (the top level), or its parent learns.
    pub(super) fn finish_fiber(&mut self, id: FiberId, result: Result<Payload, StatesError>) {
        self.fibers[id].pc = Pc::Done;
        let (parent, last, scope) = {
            let fiber = &self.fibers[id];
            (fiber.parent, fiber.last, fiber.scope)
        };
        if parent.is_some() {
            // The top level keeps its variables: a redrive goes on with them.
            self.scopes.close(scope);
        }
        match parent {
            Some((parent, slot)) => {
                self.child_done(parent, slot, id, result);
                self.free_fibers.push(id);
            }
            None => match result {
                Ok(output) => {
                    self.emit_after(
                        last,
                        false,
                        EventKind::ExecutionSucceeded {
                            output: Arc::clone(&output),
                        },
                    );
                    self.finish.get_or_insert(Finish::Succeeded(output));
                }
                Err(error) => {
                    self.emit_after(
                        last,
                        false,
                        EventKind::ExecutionFailed {
                            error: error.error.clone(),
                            cause: error.cause.clone(),
                        },
                    );
                    self.finish.get_or_insert(Finish::Failed(error));
                }
            },
        }
    }

    /// A Task, Parallel or Map reported `error` (its failure event is the fiber's last): retry
    /// it, catch it, or fail. `give_up` are the events recorded when it is not retried
    /// (`ParallelStateFailed`, `MapStateFailed`).
    pub(super) fn handle_error(
        &mut self,
        id: FiberId,
        mut visit: Visit<'m>,
        fields: &'m ResultFields,
        error: StatesError,
        give_up: Vec<EventKind>,
    ) {
        let failure_event = self.fibers[id].last;
        let handled = || Handled {
            state: visit.state.name.to_string(),
            event_id: failure_event,
            error: error.error.clone(),
            cause: error.cause.clone(),
        };
        if let Some((index, retrier)) = first_match(&fields.retry, |r| &r.error_equals, &error) {
            visit.attempts.resize(fields.retry.len(), 0);
            let attempt = visit.attempts[index];
            if attempt < retrier.max_attempts {
                let seconds = backoff_seconds(retrier, attempt, &mut self.rng);
                let delay_millis = (seconds * 1000.0).round() as i64;
                visit.attempts[index] += 1;
                visit.retry_count += 1;
                self.retries.push(RetryRecord {
                    handled: handled(),
                    retrier: index,
                    attempt: attempt + 1,
                    delay_millis,
                });
                let at = self.clock.saturating_add(delay_millis);
                self.fibers[id].pc = Pc::Sleep(visit, Wake::Retry);
                self.timer(at, id);
                return;
            }
        }
        for kind in give_up {
            self.emit(id, kind);
        }
        let Some((index, catcher)) = first_match(&fields.catch, |c| &c.error_equals, &error) else {
            return self.state_failed(id, &visit, error);
        };
        let result = self.with_env(id, &visit, None, |env, input| {
            step::catch(visit.state, catcher, input, &error, env)
        });
        match result {
            Ok(exit) => {
                self.catches.push(CatchRecord {
                    handled: handled(),
                    catcher: index,
                    next: catcher.next.clone(),
                });
                self.exit(id, &visit, exit);
            }
            Err(e) => {
                let e = self.located(id, &visit, e);
                self.state_failed(id, &visit, e);
            }
        }
    }

    /// Stop a fiber that is still running because a sibling failed: its state records that it
    /// was aborted, with `prev` (the failure) as its previous event.
    pub(super) fn abort(&mut self, id: FiberId, prev: u64) {
        let silent = self.fibers[id].silent;
        let aborted = |state: &State| match state.kind {
            StateKind::Task(_)
            | StateKind::Wait(_)
            | StateKind::Parallel(_)
            | StateKind::Map(_) => Some(EventKind::StateAborted {
                state_type: state.kind.type_name(),
            }),
            _ => None,
        };
        match std::mem::replace(&mut self.fibers[id].pc, Pc::Done) {
            Pc::Done => return,
            Pc::Sleep(visit, wake) => {
                if let Wake::Settle(_, Some(child)) = wake {
                    self.abort_child(child);
                }
                if let Some(kind) = aborted(visit.state) {
                    self.emit_after(prev, silent, kind);
                }
            }
            Pc::Join(visit, join) => {
                self.abort_children(&visit, &join, prev);
                if let Some(kind) = aborted(visit.state) {
                    self.emit_after(prev, silent, kind);
                }
            }
            Pc::Await(_, pending) => {
                self.close_token(&pending);
                self.emit_after(prev, silent, EventKind::StateAborted { state_type: "Task" });
            }
            Pc::Enter(..) | Pc::Fail(..) => {}
        }
        self.scopes.close(self.fibers[id].scope);
    }

    /// Record an event that follows the fiber's chain, and make it the chain's last.
    pub(super) fn emit(&mut self, id: FiberId, kind: EventKind) -> u64 {
        let (prev, silent) = (self.fibers[id].last, self.fibers[id].silent);
        let event = self.emit_after(prev, silent, kind);
        if !silent {
            self.fibers[id].last = event;
        }
        event
    }

    /// Record an event with `prev` as its previous event. A silent fiber's events are not
    /// recorded; a Standard execution that reaches the history limit fails.
    pub(super) fn emit_after(&mut self, prev: u64, silent: bool, kind: EventKind) -> u64 {
        if silent {
            return prev;
        }
        let limit = self.options.limits.max_events;
        if !self.options.express && self.events.len() >= limit {
            if self.finish.is_none() {
                self.finish = Some(Finish::Failed(StatesError::runtime(format!(
                    "The execution reached the limit of {limit} events in its history."
                ))));
            }
            return prev;
        }
        let kept = self.options.limits.max_express_events;
        if self.options.express && self.events.len() >= kept {
            // AWS keeps no history of an Express execution; the playground keeps this much of
            // it (memory, in a browser tab), and stops the execution there.
            if self.finish.is_none() {
                self.finish = Some(Finish::Aborted(StatesError::new(
                    "Playground.HistoryLimitExceeded",
                    format!(
                        "The playground keeps at most {kept} events of an Express execution's \
                         history, and stopped the execution there: it looks endless."
                    ),
                )));
            }
            return prev;
        }
        let id = self.events.len() as u64 + 1;
        self.events.push(HistoryEvent {
            id,
            previous_event_id: prev,
            timestamp: self.clock,
            kind,
        });
        id
    }

    /// Wake fiber `id` at `at`.
    pub(super) fn timer(&mut self, at: i64, id: FiberId) {
        self.timer_for(at, Timer::Wake(id));
    }

    /// Fire `timer` at `at`.
    pub(super) fn timer_for(&mut self, at: i64, timer: Timer) {
        self.timers.push(Reverse((at, self.timer_seq, timer)));
        self.timer_seq += 1;
    }
}

/// The size of a value's compact JSON text, counted up to a little past `limit`, without
/// writing it.
pub(super) fn json_size(value: &Value, limit: usize) -> usize {
    fn string(s: &str) -> usize {
        2 + s
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
                0..=0x1f => 6,
                _ => 1,
            })
            .sum::<usize>()
    }
    fn number(n: &serde_json::Number) -> usize {
        // Integers, by far the most common, are counted without formatting them.
        let digits = |u: u64| u.checked_ilog10().map_or(1, |log| log as usize + 1);
        if let Some(u) = n.as_u64() {
            return digits(u);
        }
        if let Some(i) = n.as_i64() {
            return 1 + digits(i.unsigned_abs());
        }
        struct Count(usize);
        impl std::fmt::Write for Count {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                self.0 += s.len();
                Ok(())
            }
        }
        let mut count = Count(0);
        let _ = std::fmt::Write::write_fmt(&mut count, format_args!("{n}"));
        count.0
    }
    fn size(value: &Value, total: &mut usize, limit: usize) {
        if *total > limit {
            return;
        }
        *total += match value {
            Value::Null | Value::Bool(true) => 4,
            Value::Bool(false) => 5,
            Value::Number(n) => number(n),
            Value::String(s) => string(s),
            Value::Array(items) => {
                for item in items {
                    size(item, total, limit);
                }
                2 + items.len().saturating_sub(1)
            }
            Value::Object(map) => {
                for (key, item) in map {
                    *total += string(key) + 1;
                    size(item, total, limit);
                }
                2 + map.len().saturating_sub(1)
            }
        };
    }
    let mut total = 0;
    size(value, &mut total, limit);
    total
}

#[cfg(test)]
mod tests {
    use super::json_size;
    use serde_json::json;

    #[test]
    fn sizes_are_those_of_compact_json() {
        for value in [
            json!(null),
            json!({"a": [1, 2.5, "x\"y\n", {"b": false}], "c": {}, "d": []}),
            json!("\u{1}é"),
            json!([
                0,
                9,
                10,
                99,
                100,
                -1,
                -10,
                u64::MAX,
                i64::MIN,
                1e300,
                -0.0,
                0.1
            ]),
        ] {
            assert_eq!(
                json_size(&value, usize::MAX),
                value.to_string().len(),
                "{value}"
            );
        }
    }
}

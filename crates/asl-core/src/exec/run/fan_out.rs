//! Parallel and Map states: their children (branches, iterations) run as fibers; the state
//! waits for them, collects their outputs in order, and fails with the first error it cannot
//! tolerate, stopping the others.

use super::engine::{Engine, FiberId, Pc, Visit};
use super::map_items::MapPlan;
use crate::exec::error::{StatesError, names};
use crate::exec::history::{EventKind, Payload};
use crate::exec::step;
use crate::model::{Map, Parallel, ResultFields, ResultPath, StateKind};
use serde_json::Value;
use std::sync::Arc;

/// The most iterations an inline Map runs at once.
const INLINE_CONCURRENCY: usize = 40;

/// The children a Parallel or Map state waits for.
pub(super) struct Join {
    /// The running child of each slot (branch or item).
    children: Vec<Option<FiberId>>,
    /// The output of each finished slot.
    results: Vec<Payload>,
    /// How many slots have finished.
    done: usize,
    /// A Map's iterations still to start and its rules.
    map: Option<MapRun>,
}

/// A Map's iterations.
struct MapRun {
    /// The input of each iteration not started yet.
    inputs: Vec<Option<Value>>,
    /// The next iteration to start.
    next: usize,
    /// Failed iterations so far.
    failures: usize,
    tolerated_count: Option<f64>,
    tolerated_percentage: Option<f64>,
    /// A Distributed Map: the iterations are child executions with their own histories.
    distributed: bool,
    /// The Map Run's ARN (Distributed).
    map_run_arn: Option<String>,
    /// ResultWriter's `{Bucket, Prefix}`: the result is then the writer's summary.
    writer: Option<(String, String)>,
}

impl MapRun {
    /// True while the failures stay within what the Map tolerates.
    fn tolerates(&self, total: usize) -> bool {
        !step::exceeds_tolerance(
            self.failures as u64,
            total as u64,
            self.tolerated_count,
            self.tolerated_percentage,
        )
    }
}

impl Join {
    fn new(total: usize, map: Option<MapRun>) -> Self {
        Join {
            children: vec![None; total],
            // One shared `null` until each slot has its output.
            results: std::iter::repeat_n(Arc::new(Value::Null), total).collect(),
            done: 0,
            map,
        }
    }

    fn total(&self) -> usize {
        self.results.len()
    }

    fn running(&self) -> impl Iterator<Item = (usize, FiberId)> + '_ {
        self.children
            .iter()
            .enumerate()
            .filter_map(|(slot, child)| child.map(|c| (slot, c)))
    }

    /// True when the children's events are not part of this history.
    fn silent_children(&self) -> bool {
        self.map.as_ref().is_some_and(|m| m.distributed)
    }
}

fn fields_of(kind: &StateKind) -> Option<&ResultFields> {
    match kind {
        StateKind::Parallel(p) => Some(&p.fields),
        StateKind::Map(m) => Some(&m.fields),
        StateKind::Task(t) => Some(&t.fields),
        _ => None,
    }
}

impl<'m> Engine<'m> {
    pub(super) fn parallel(&mut self, id: FiberId, visit: Visit<'m>, parallel: &'m Parallel) {
        let state = visit.state;
        let input = self.with_env(id, &visit, None, |env, input| {
            step::request_input(state, &parallel.fields, input, env, &mut ())
        });
        let input = match input {
            Ok(input) => input,
            Err(error) => {
                let error = self.located(id, &visit, error);
                return self.handle_error(id, visit, &parallel.fields, error, Vec::new());
            }
        };
        let input = Arc::new(input);
        self.emit(id, EventKind::ParallelStateStarted);
        let (started, scope, silent) = {
            let fiber = &self.fibers[id];
            (fiber.last, fiber.scope, fiber.silent)
        };
        let mut join = Box::new(Join::new(parallel.branches.len(), None));
        for (slot, branch) in parallel.branches.iter().enumerate() {
            let child = self.spawn(
                branch,
                Some(scope),
                Some((id, slot)),
                started,
                Arc::clone(&input),
                silent,
            );
            join.children[slot] = Some(child);
        }
        self.fibers[id].pc = Pc::Join(visit, join);
    }

    pub(super) fn map(&mut self, id: FiberId, visit: Visit<'m>, map: &'m Map) {
        let plan = match self.plan_map(id, &visit, map) {
            Ok(plan) => plan,
            Err(error) => {
                let error = self.located(id, &visit, error);
                // A JSONata field that failed before the Map started fails the Map.
                let give_up = if error.name() == names::QUERY_EVALUATION_ERROR {
                    vec![EventKind::MapStateFailed]
                } else {
                    Vec::new()
                };
                return self.handle_error(id, visit, &map.fields, error, give_up);
            }
        };
        let MapPlan {
            inputs,
            length,
            concurrency,
            tolerance,
            writer,
        } = plan;
        self.emit(id, EventKind::MapStateStarted { length });
        let (tolerated_count, tolerated_percentage) = match tolerance {
            Ok(tolerance) => tolerance,
            Err(error) => {
                let error = self.located(id, &visit, error);
                return self.handle_error(id, visit, &map.fields, error, Vec::new());
            }
        };
        let map_run_arn = map.distributed.then(|| self.map_run_arn(map));
        if let Some(arn) = &map_run_arn {
            self.emit(
                id,
                EventKind::MapRunStarted {
                    map_run_arn: arn.clone(),
                },
            );
        }
        let inputs = match inputs {
            Ok(inputs) => inputs,
            Err(error) => {
                let give_up = if map.distributed {
                    vec![
                        EventKind::MapRunFailed {
                            error: error.error.clone(),
                            cause: error.cause.clone(),
                        },
                        EventKind::MapStateFailed,
                    ]
                } else {
                    Vec::new()
                };
                let error = self.located(id, &visit, error);
                return self.handle_error(id, visit, &map.fields, error, give_up);
            }
        };
        let started = self.fibers[id].last;
        let total = inputs.len();
        // Each iteration records at least four events: make room once.
        if !map.distributed {
            self.events.reserve(total.saturating_mul(4));
        }
        let mut join = Box::new(Join::new(
            total,
            Some(MapRun {
                inputs: inputs.into_iter().map(Some).collect(),
                next: 0,
                failures: 0,
                tolerated_count,
                tolerated_percentage,
                distributed: map.distributed,
                map_run_arn,
                writer,
            }),
        ));
        // MaxConcurrency 0 means no limit of the user's, but an inline Map runs at most 40
        // iterations at once (⚠ AWS documents the cap, not how it orders the rest).
        let cap = if map.distributed {
            usize::MAX
        } else {
            INLINE_CONCURRENCY
        };
        let first = match concurrency {
            0 => cap,
            n => n.min(cap),
        }
        .min(total);
        for _ in 0..first {
            self.start_iteration(id, &visit, map, &mut join, started);
        }
        if total == 0 {
            self.join_complete(id, visit, *join);
        } else {
            self.fibers[id].pc = Pc::Join(visit, join);
        }
    }

    /// `arn:aws:states:<region>:<account>:mapRun:<machine>/<label or id>:<id>`.
    fn map_run_arn(&mut self, map: &Map) -> String {
        let identity = &self.options.identity;
        let prefix = format!(
            "arn:{}:states:{}:{}:mapRun:{}",
            identity.partition, identity.region, identity.account, identity.state_machine_name
        );
        let label = match &map.label {
            Some(label) => label.clone(),
            None => self.rng.uuid_v4(),
        };
        format!("{prefix}/{label}:{}", self.rng.uuid_v4())
    }

    fn start_iteration(
        &mut self,
        id: FiberId,
        visit: &Visit<'m>,
        map: &'m Map,
        join: &mut Join,
        prev: u64,
    ) {
        let silent_children = join.silent_children();
        let Some(run) = join.map.as_mut() else {
            return;
        };
        let index = run.next;
        run.next += 1;
        let input = Arc::new(run.inputs[index].take().unwrap_or(Value::Null));
        let (scope, silent) = (self.fibers[id].scope, self.fibers[id].silent);
        let silent = silent || silent_children;
        let started = self.emit_after(
            prev,
            silent,
            EventKind::MapIterationStarted {
                name: Arc::clone(&visit.state.name),
                index,
            },
        );
        // A Distributed Map's iterations are child executions: they see no outer variable.
        let outer = (!map.distributed).then_some(scope);
        let child = self.spawn(
            &map.processor,
            outer,
            Some((id, index)),
            started,
            input,
            silent,
        );
        join.children[index] = Some(child);
    }

    /// A branch or iteration ended.
    pub(super) fn child_done(
        &mut self,
        parent: FiberId,
        slot: usize,
        child: FiberId,
        result: Result<Payload, StatesError>,
    ) {
        let Pc::Join(visit, mut join) = std::mem::replace(&mut self.fibers[parent].pc, Pc::Done)
        else {
            return;
        };
        join.children[slot] = None;
        let child_last = self.fibers[child].last;
        let silent = self.fibers[parent].silent || join.silent_children();
        let name = Arc::clone(&visit.state.name);
        let total = join.total();
        let value = match (result, join.map.as_mut()) {
            (Ok(value), None) => value,
            (Ok(value), Some(_)) => {
                let kind = EventKind::MapIterationSucceeded { name, index: slot };
                self.emit_after(child_last, silent, kind);
                value
            }
            (Err(error), None) => return self.fail_join(parent, visit, &join, error, child_last),
            (Err(error), Some(run)) => {
                run.failures += 1;
                let tolerated = run.tolerates(total);
                // A Distributed Map's children are executions: past the threshold the Map Run
                // fails as a whole. An inline Map fails with the iteration's own error.
                let threshold = run.distributed
                    || run.tolerated_count.is_some()
                    || run.tolerated_percentage.is_some();
                let kind = EventKind::MapIterationFailed { name, index: slot };
                self.emit_after(child_last, silent, kind);
                if !tolerated {
                    let error = if threshold {
                        StatesError::new(
                            names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                            "The specified tolerated failure threshold was exceeded",
                        )
                    } else {
                        error
                    };
                    return self.fail_join(parent, visit, &join, error, child_last);
                }
                Arc::new(error.error_output())
            }
        };
        join.results[slot] = value;
        join.done += 1;
        let more = join.map.as_ref().is_some_and(|run| run.next < total);
        if more && let StateKind::Map(map) = &visit.state.kind {
            self.start_iteration(parent, &visit, map, &mut join, child_last);
        }
        if join.done == total {
            self.join_complete(parent, visit, *join);
        } else {
            self.fibers[parent].pc = Pc::Join(visit, join);
        }
    }

    /// A child failed beyond what the state tolerates: stop the others, then Retry, Catch or
    /// fail.
    fn fail_join(
        &mut self,
        parent: FiberId,
        visit: Visit<'m>,
        join: &Join,
        error: StatesError,
        failure_event: u64,
    ) {
        let distributed = join.silent_children();
        self.abort_children(&visit, join, failure_event);
        let mut give_up = Vec::new();
        match &visit.state.kind {
            StateKind::Parallel(_) => give_up.push(EventKind::ParallelStateFailed),
            _ if distributed => {
                give_up.push(EventKind::MapRunFailed {
                    error: error.error.clone(),
                    cause: error.cause.clone(),
                });
                give_up.push(EventKind::MapStateFailed);
            }
            _ => give_up.push(EventKind::MapStateFailed),
        }
        if !distributed && !self.fibers[parent].silent {
            self.fibers[parent].last = failure_event;
        }
        let Some(fields) = fields_of(&visit.state.kind) else {
            return;
        };
        self.handle_error(parent, visit, fields, error, give_up);
    }

    /// Abort the running children of a Parallel or Map state.
    pub(super) fn abort_children(&mut self, visit: &Visit<'m>, join: &Join, prev: u64) {
        let silent = join.silent_children();
        let is_map = join.map.is_some();
        for (slot, child) in join.running() {
            let silent = silent || self.fibers[child].silent;
            self.abort(child, prev);
            if is_map {
                let kind = EventKind::MapIterationAborted {
                    name: Arc::clone(&visit.state.name),
                    index: slot,
                };
                self.emit_after(prev, silent, kind);
            }
        }
    }

    /// Every child succeeded (or failed within tolerance): the state's result, then its data
    /// flow.
    fn join_complete(&mut self, id: FiberId, visit: Visit<'m>, join: Join) {
        let Some(fields) = fields_of(&visit.state.kind) else {
            return;
        };
        // A result nothing reads (ResultPath null, no ResultSelector, no Assign) is not built.
        let read = fields.result_selector.is_some()
            || fields.result_path != ResultPath::Discard
            || visit.state.assign.is_some();
        let outputs = |results: Vec<Payload>| {
            if read {
                Value::Array(results.into_iter().map(Arc::unwrap_or_clone).collect())
            } else {
                Value::Null
            }
        };
        let silent = self.fibers[id].silent;
        let last_inner = self.events.len() as u64;
        let result = match join.map {
            None => {
                self.emit_after(last_inner, silent, EventKind::ParallelStateSucceeded);
                if !silent {
                    self.fibers[id].last = last_inner;
                }
                outputs(join.results)
            }
            Some(run) if run.distributed => {
                // MapStateSucceeded and MapStateExited both follow MapRunSucceeded (as most
                // recordings show; a few show MapStateExited after MapRunStarted).
                let run_succeeded = self.emit(id, EventKind::MapRunSucceeded);
                self.emit_after(run_succeeded, silent, EventKind::MapStateSucceeded);
                match (&run.writer, &run.map_run_arn) {
                    (Some((bucket, prefix)), Some(arn)) => self.writer_summary(arn, bucket, prefix),
                    _ => outputs(join.results),
                }
            }
            Some(_) => {
                self.emit_after(last_inner, silent, EventKind::MapStateSucceeded);
                if !silent {
                    self.fibers[id].last = last_inner;
                }
                outputs(join.results)
            }
        };
        let state = visit.state;
        let exit = self.with_env(id, &visit, None, |env, input| {
            step::finish(state, fields, input, result, env, &mut ())
        });
        match exit {
            Ok(exit) => self.exit(id, &visit, exit),
            Err(error) => {
                let error = self.located(id, &visit, error);
                self.handle_error(id, visit, fields, error, Vec::new());
            }
        }
    }

    /// What a Map with a ResultWriter returns: where the results were written.
    fn writer_summary(&mut self, map_run_arn: &str, bucket: &str, prefix: &str) -> Value {
        let run_id = map_run_arn.rsplit(':').next().unwrap_or_default();
        let key = if prefix.is_empty() {
            format!("{run_id}/manifest.json")
        } else {
            format!("{}/{run_id}/manifest.json", prefix.trim_end_matches('/'))
        };
        serde_json::json!({
            "MapRunArn": map_run_arn,
            "ResultWriterDetails": { "Bucket": bucket, "Key": key }
        })
    }
}

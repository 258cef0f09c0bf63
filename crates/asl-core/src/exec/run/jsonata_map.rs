//! A JSONata Map: `Items` (default: the input, which must be an array), `ItemSelector` with
//! `$states.context.Map.Item`, `ItemBatcher` (its expressions evaluated, then batched as a
//! JSONPath Map batches), and `MaxConcurrency` and the tolerated failures as numbers or
//! expressions.

use super::engine::{Engine, FiberId, Visit};
use super::item_reader;
use super::map_items::MapPlan;
use crate::exec::dataflow::Env;
use crate::exec::error::StatesError;
use crate::exec::jsonata_step::{evaluate, states};
use crate::jsonata::template::QueryError;
use crate::jsonata::{States, Template};
use crate::model::{Count, Map};
use serde_json::Value;
use std::sync::Arc;

impl<'m> Engine<'m> {
    pub(super) fn plan_jsonata_map(
        &mut self,
        id: FiberId,
        visit: &Visit<'m>,
        map: &'m Map,
    ) -> Result<MapPlan, StatesError> {
        let context = self.context(visit, None, None);
        let scope = self.fibers[id].scope;
        let input = &*visit.input;
        // The Map's own fields, read while the environment borrows the engine.
        let (items, concurrency, tolerance, writer, batcher) = {
            let view = self.scopes.view(scope);
            let mut env = Env {
                context: &context,
                variables: &view,
                rng: &mut self.rng,
                now_millis: self.clock,
            };
            let states = states(input, &context);
            let concurrency = number(
                map.max_concurrency.as_ref(),
                "MaxConcurrency",
                &states,
                &mut env,
            )?;
            if concurrency.is_some_and(|c| c < 0.0) {
                return Err(StatesError::runtime("MaxConcurrency cannot be negative."));
            }
            let tolerance = (|| {
                let count = number(
                    map.tolerated_failure_count.as_ref(),
                    "ToleratedFailureCount",
                    &states,
                    &mut env,
                )?;
                let percentage = number(
                    map.tolerated_failure_percentage.as_ref(),
                    "ToleratedFailurePercentage",
                    &states,
                    &mut env,
                )?;
                super::map_items::tolerance_in_range(count, percentage)
            })();
            let items = match (&map.item_reader, &map.items) {
                (Some(reader), _) => {
                    let reader = as_written_in_jsonpath(reader, "ItemReader", &states, &mut env)?;
                    item_reader::read(&reader, input, &mut env, &self.options.s3_objects)
                }
                (None, Some(template)) => match evaluate(template, "Items", &states, &mut env)? {
                    Value::Array(items) => Ok(items),
                    other => {
                        let text = template.expression().map_or("", |e| e.text());
                        return Err(QueryError::unexpected(text, "Items", "array", &other).into());
                    }
                },
                (None, None) => match input {
                    Value::Array(items) => Ok(items.clone()),
                    other => {
                        return Err(StatesError::query(
                            format!("Map state input must be an array but was: {other}"),
                            None,
                        ));
                    }
                },
            };
            let writer = match &map.result_writer {
                Some(writer) => {
                    let writer = as_written_in_jsonpath(writer, "ResultWriter", &states, &mut env)?;
                    Some(super::map_items::writer_target(&writer, input, &mut env)?)
                }
                None => None,
            };
            let batcher = match &map.item_batcher {
                Some(batcher) => Some(as_written_in_jsonpath(
                    batcher,
                    "ItemBatcher",
                    &states,
                    &mut env,
                )?),
                None => None,
            };
            (items, concurrency, tolerance, writer, batcher)
        };
        let inputs = match items {
            Ok(items) => self.select_jsonata_items(visit, scope, map, input, items),
            Err(error) => Err(error),
        };
        let inputs = match (inputs, batcher) {
            (Ok(inputs), Some(batcher)) => self.in_scope(scope, &context, |env| {
                super::map_items::batches(&batcher, inputs, input, env)
            }),
            (inputs, _) => inputs,
        };
        Ok(MapPlan::new(map, inputs, concurrency, tolerance, writer))
    }

    /// Each iteration's input: the item, or ItemSelector evaluated with the item in
    /// `$states.context.Map.Item`.
    fn select_jsonata_items(
        &mut self,
        visit: &Visit<'m>,
        scope: usize,
        map: &'m Map,
        input: &Value,
        items: Vec<Value>,
    ) -> Result<Vec<Value>, StatesError> {
        let Some(selector) = &map.item_selector else {
            return Ok(items);
        };
        let mut inputs = Vec::with_capacity(items.len());
        // The Map's input is converted for JSONata once, not once per item; and the execution's
        // input is left out of each item's context object unless the selector may read it.
        let shared = states(input, &Value::Null);
        let execution_input = if selector.may_read_execution_input() {
            self.input.clone()
        } else {
            Arc::new(Value::Null)
        };
        for (index, item) in items.into_iter().enumerate() {
            let context =
                self.context_with_input(visit, None, Some((index, &item, None)), &execution_input);
            let states = shared.for_item(&context);
            inputs.push(self.in_scope(scope, &context, |env| {
                evaluate(selector, "ItemSelector", &states, env)
            })?);
        }
        Ok(inputs)
    }
}

/// An ItemReader or ResultWriter with its expressions evaluated and its `Arguments` given as the
/// JSONPath form's `Parameters`, so that it is read the same way.
fn as_written_in_jsonpath(
    field: &Value,
    name: &str,
    states: &States<'_>,
    env: &mut Env<'_>,
) -> Result<Value, StatesError> {
    let mut value = evaluate(&Template::compile(field), name, states, env)?;
    if let Some(object) = value.as_object_mut()
        && let Some(arguments) = object.shift_remove("Arguments")
    {
        object.insert("Parameters".into(), arguments);
    }
    Ok(value)
}

/// MaxConcurrency or a tolerated failure field: a number, or an expression giving one.
fn number(
    field: Option<&Count>,
    name: &str,
    states: &States<'_>,
    env: &mut Env<'_>,
) -> Result<Option<f64>, StatesError> {
    match field {
        None | Some(Count::Path(_)) => Ok(None),
        Some(Count::Literal(n)) => Ok(Some(*n)),
        Some(Count::Expression(template)) => {
            let value = evaluate(template, name, states, env)?;
            match value.as_f64() {
                Some(n) => Ok(Some(n)),
                None => {
                    let text = template.expression().map_or("", |e| e.text());
                    Err(QueryError::unexpected(text, name, "number", &value).into())
                }
            }
        }
    }
}

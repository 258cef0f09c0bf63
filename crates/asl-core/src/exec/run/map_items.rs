//! What a Map state iterates over and how: its items (ItemsPath, or an ItemReader), each
//! iteration's input (ItemSelector, with `$$.Map.Item`), batches (ItemBatcher), and its limits
//! (MaxConcurrency, the tolerated failures), with AWS's errors for bad values.

use super::engine::{Engine, FiberId, Visit};
use super::item_reader;
use crate::exec::dataflow::{Env, apply_path, apply_template};
use crate::exec::error::StatesError;
use crate::model::{Count, Map, PathField, QueryLanguage, Template};
use crate::path::Roots;
use serde_json::{Map as Object, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// How a Map runs.
pub(super) struct MapPlan {
    /// Each iteration's input, or the error reading them raised (an ItemReader reads once the
    /// Map Run has started, and its errors fail the Map Run).
    pub(super) inputs: Result<Vec<Value>, StatesError>,
    /// `MapStateStarted.length` (0 with an ItemReader).
    pub(super) length: usize,
    /// How many iterations run at once (0: all).
    pub(super) concurrency: usize,
    /// ToleratedFailureCount and ToleratedFailurePercentage, or the error their values raise
    /// (AWS raises it once the Map has started).
    pub(super) tolerance: Result<(Option<f64>, Option<f64>), StatesError>,
    /// ResultWriter's bucket and prefix.
    pub(super) writer: Option<(String, String)>,
}

impl MapPlan {
    /// The plan of `map`: `length` is the number of inputs, unless an ItemReader reads them.
    pub(super) fn new(
        map: &Map,
        inputs: Result<Vec<Value>, StatesError>,
        concurrency: Option<f64>,
        tolerance: Result<(Option<f64>, Option<f64>), StatesError>,
        writer: Option<(String, String)>,
    ) -> MapPlan {
        let length = match (&inputs, map.item_reader.is_some()) {
            (Ok(inputs), false) => inputs.len(),
            _ => 0,
        };
        MapPlan {
            length,
            inputs,
            concurrency: concurrency.map_or(0, |c| c as usize),
            tolerance,
            writer,
        }
    }
}

/// One item: its value, and its key when the Map iterates an object.
struct Item {
    value: Value,
    key: Option<String>,
}

impl<'m> Engine<'m> {
    pub(super) fn plan_map(
        &mut self,
        id: FiberId,
        visit: &Visit<'m>,
        map: &'m Map,
    ) -> Result<MapPlan, StatesError> {
        if visit.state.query_language == QueryLanguage::Jsonata {
            return self.plan_jsonata_map(id, visit, map);
        }
        let context = self.context(visit, None, None);
        let scope = self.fibers[id].scope;
        let view = self.scopes.view(scope);
        let mut env = Env {
            context: &context,
            variables: &view,
            rng: &mut self.rng,
            now_millis: self.clock,
        };
        let effective = match visit.state.input_path {
            PathField::Default => Cow::Borrowed(&*visit.input),
            _ => Cow::Owned(apply_path(&visit.state.input_path, &visit.input, &env)?),
        };
        let roots = env.roots(&effective);
        let concurrency = count(map.max_concurrency.as_ref(), "MaxConcurrency", true, roots)?;
        let tolerance = tolerance(map, roots);
        if concurrency.is_some_and(|c| c < 0.0) {
            return Err(StatesError::runtime("MaxConcurrency cannot be negative."));
        }
        let reader = match &map.item_reader {
            Some(reader) => Some(item_reader::read(
                reader,
                &effective,
                &mut env,
                &self.options.s3_objects,
            )),
            None => None,
        };
        let items = match reader {
            Some(Ok(values)) => Ok(values
                .into_iter()
                .map(|value| Item { value, key: None })
                .collect()),
            Some(Err(error)) => Err(error),
            None => Ok(items(
                &map.items_path,
                &effective,
                &env,
                self.options.iterate_objects,
            )?),
        };
        let writer = match &map.result_writer {
            Some(writer) => Some(writer_target(writer, &effective, &mut env)?),
            None => None,
        };
        let inputs = match items {
            Ok(items) => self.iteration_inputs(visit, scope, map, &context, &effective, items),
            Err(error) => Err(error),
        };
        Ok(MapPlan::new(map, inputs, concurrency, tolerance, writer))
    }

    /// Each iteration's input: the items through ItemSelector, then ItemBatcher.
    fn iteration_inputs(
        &mut self,
        visit: &Visit<'m>,
        scope: usize,
        map: &'m Map,
        context: &Value,
        effective: &Value,
        items: Vec<Item>,
    ) -> Result<Vec<Value>, StatesError> {
        let mut inputs = Vec::with_capacity(items.len());
        // Each item's context object carries the execution's input only when the selector may
        // read it: copying a large input for every item made big Maps quadratic.
        let execution_input = match &map.fields.parameters {
            Some(template) if template.may_read_execution_input() => Arc::clone(&self.input),
            _ => Arc::new(Value::Null),
        };
        for (index, item) in items.into_iter().enumerate() {
            inputs.push(match &map.fields.parameters {
                None => item.value,
                Some(template) => self.select_item(
                    visit,
                    scope,
                    template,
                    (effective, &execution_input),
                    index,
                    &item,
                )?,
            });
        }
        if let Some(batcher) = &map.item_batcher {
            inputs = self.in_scope(scope, context, |env| {
                batches(batcher, inputs, effective, env)
            })?;
        }
        Ok(inputs)
    }

    /// ItemSelector for one item: `$` is the Map's effective input, `$$.Map.Item` the item.
    fn select_item(
        &mut self,
        visit: &Visit<'m>,
        scope: usize,
        template: &Template,
        (effective, execution_input): (&Value, &Value),
        index: usize,
        item: &Item,
    ) -> Result<Value, StatesError> {
        let context = self.context_with_input(
            visit,
            None,
            Some((index, &item.value, item.key.as_deref())),
            execution_input,
        );
        self.in_scope(scope, &context, |env| {
            apply_template(template, effective, env)
        })
    }
}

/// ToleratedFailureCount and ToleratedFailurePercentage (or their paths), in range.
fn tolerance(map: &Map, roots: Roots<'_>) -> Result<(Option<f64>, Option<f64>), StatesError> {
    let tolerated_count = count(
        map.tolerated_failure_count.as_ref(),
        "ToleratedFailureCount",
        true,
        roots,
    )?;
    let tolerated_percentage = count(
        map.tolerated_failure_percentage.as_ref(),
        "ToleratedFailurePercentage",
        false,
        roots,
    )?;
    tolerance_in_range(tolerated_count, tolerated_percentage)
}

/// The tolerated failures, once read: AWS's errors for values out of range.
pub(super) fn tolerance_in_range(
    tolerated_count: Option<f64>,
    tolerated_percentage: Option<f64>,
) -> Result<(Option<f64>, Option<f64>), StatesError> {
    if tolerated_percentage.is_some_and(|p| !(0.0..=100.0).contains(&p)) {
        return Err(StatesError::runtime(
            "ToleratedFailurePercentage must be between 0 and 100.",
        ));
    }
    if tolerated_count.is_some_and(|c| c < 0.0) {
        return Err(StatesError::runtime(
            "ToleratedFailureCount cannot be negative.",
        ));
    }
    Ok((tolerated_count, tolerated_percentage))
}

/// The items ItemsPath selects: an array, or (when allowed) an object's members by key.
fn items(
    items_path: &PathField,
    effective: &Value,
    env: &Env<'_>,
    iterate_objects: bool,
) -> Result<Vec<Item>, StatesError> {
    let (value, shown) = match items_path {
        PathField::Path(path) => {
            let shown = path
                .text
                .strip_prefix('$')
                .filter(|t| t.starts_with('$'))
                .unwrap_or(&path.text)
                .to_string();
            (apply_path(items_path, effective, env).ok(), shown)
        }
        _ => (Some(effective.clone()), "$".to_string()),
    };
    match value {
        Some(Value::Array(values)) => Ok(values
            .into_iter()
            .map(|value| Item { value, key: None })
            .collect()),
        Some(Value::Object(members)) if iterate_objects => Ok(members
            .into_iter()
            .map(|(key, value)| Item {
                value,
                key: Some(key),
            })
            .collect()),
        _ => Err(StatesError::runtime(format!(
            "Reference path \"{shown}\" must point to array."
        ))),
    }
}

/// A count or percentage: written, or read by its `…Path` (numeric strings are accepted).
pub(super) fn count(
    field: Option<&Count>,
    name: &str,
    integer: bool,
    roots: Roots<'_>,
) -> Result<Option<f64>, StatesError> {
    let path = match field {
        None | Some(Count::Expression(_)) => return Ok(None),
        Some(Count::Literal(n)) => return Ok(Some(*n)),
        Some(Count::Path(path)) => path,
    };
    let value = path.path.eval(roots).map_err(|failure| {
        StatesError::runtime(format!("Invalid path '{}' : {failure}", path.text))
    })?;
    let number = match &value {
        Value::Number(n) if integer => n.as_i64().map(|n| n as f64),
        Value::Number(n) => n.as_f64(),
        Value::String(s) if integer => s.trim().parse::<i64>().ok().map(|n| n as f64),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    };
    number.map(Some).ok_or_else(|| {
        let shown = match &value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        StatesError::runtime(format!(
            "The {name}Path field refers to value \"{shown}\" which is not a valid {}: {}",
            if integer { "integer" } else { "float" },
            path.text
        ))
    })
}

/// ItemBatcher: consecutive items grouped by count and size, each batch `{"BatchInput", "Items"}`.
pub(super) fn batches(
    batcher: &Value,
    inputs: Vec<Value>,
    effective: &Value,
    env: &mut Env<'_>,
) -> Result<Vec<Value>, StatesError> {
    let roots = env.roots(effective);
    let limit = |name: &str| count(raw_count(batcher, name).as_ref(), name, true, roots);
    let max_items = limit("MaxItemsPerBatch")?
        .filter(|n| *n > 0.0)
        .map(|n| n as usize);
    let max_bytes = limit("MaxInputBytesPerBatch")?
        .filter(|n| *n > 0.0)
        .map(|n| n as usize);
    let batch_input = raw_template(batcher, "BatchInput", "ItemBatcher", effective, env)?;
    let wrap = |items: Vec<Value>| {
        let mut batch = Object::new();
        if let Some(input) = &batch_input {
            batch.insert("BatchInput".into(), input.clone());
        }
        batch.insert("Items".into(), Value::Array(items));
        Value::Object(batch)
    };
    let mut batches = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut bytes = 0;
    for input in inputs {
        let size = input.to_string().len();
        let full_count = max_items.is_some_and(|m| current.len() >= m);
        let full_bytes = max_bytes.is_some_and(|m| !current.is_empty() && bytes + size > m);
        if full_count || full_bytes {
            batches.push(wrap(std::mem::take(&mut current)));
            bytes = 0;
        }
        bytes += size;
        current.push(input);
    }
    if !current.is_empty() {
        batches.push(wrap(current));
    }
    Ok(batches)
}

/// ResultWriter's `Parameters`: the bucket and prefix the results are written to.
pub(super) fn writer_target(
    writer: &Value,
    effective: &Value,
    env: &mut Env<'_>,
) -> Result<(String, String), StatesError> {
    let parameters =
        raw_template(writer, "Parameters", "ResultWriter", effective, env)?.unwrap_or_default();
    let text = |key: &str| {
        parameters
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok((text("Bucket"), text("Prefix")))
}

/// A template inside a field the model keeps as written (ItemReader, ItemBatcher, ResultWriter),
/// applied to the Map's effective input; `None` when the key is absent.
pub(super) fn raw_template(
    object: &Value,
    key: &str,
    owner: &str,
    effective: &Value,
    env: &mut Env<'_>,
) -> Result<Option<Value>, StatesError> {
    let Some(template) = object.get(key) else {
        return Ok(None);
    };
    let template = Template::compile(template)
        .map_err(|e| StatesError::runtime(format!("{owner}.{key}: {e}")))?;
    apply_template(&template, effective, env).map(Some)
}

/// `Name` or `NamePath` inside a field the model keeps as written.
pub(super) fn raw_count(object: &Value, name: &str) -> Option<Count> {
    match (object.get(name), object.get(format!("{name}Path"))) {
        (Some(n), _) => n.as_f64().map(Count::Literal),
        (None, Some(Value::String(path))) => crate::path::parse(path).ok().map(|p| {
            Count::Path(crate::model::CompiledPath {
                text: path.as_str().into(),
                path: p,
            })
        }),
        _ => None,
    }
}

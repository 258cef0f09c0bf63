//! What one JSONPath state does to its data, stage by stage: the semantics TestState and the
//! executor share. Each function takes the state's raw input and returns where it goes and with
//! what output, or the error it raises; an [`Observer`] sees every stage as it is computed (the
//! inspection data of TestState, nothing at all for a run).

use super::choice;
use super::dataflow::{Env, apply_assign, apply_path, apply_result_path, apply_template, select};
use super::error::StatesError;
use super::jsonata_step;
use crate::intrinsic::IntrinsicFailure;
use crate::model::{
    self, Assign, Catcher, FailField, PathField, QueryLanguage, ResultFields, ResultPath, State,
    Template, Transition,
};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Watches the stages of a state's data flow.
pub trait Observer {
    /// After InputPath.
    fn after_input_path(&mut self, _value: &Value) {}
    /// After Parameters (or a Pass state's effective input).
    fn after_parameters(&mut self, _value: &Value) {}
    /// After JSONata `Arguments`.
    fn after_arguments(&mut self, _value: &Value) {}
    /// A Pass state's `Result`, or a Task's result.
    fn result(&mut self, _value: &Value) {}
    /// After ResultSelector.
    fn after_result_selector(&mut self, _value: &Value) {}
    /// After ResultPath.
    fn after_result_path(&mut self, _value: &Value) {}
}

/// Sees nothing.
impl Observer for () {}

/// Where a state goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next<'m> {
    /// To this state.
    State(&'m str),
    /// Nowhere: the block (machine, branch or iteration) ends here.
    End,
}

/// A state's output.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Its input, unchanged (no path or template touched it): nothing was copied.
    Input,
    /// A new value.
    Value(Value),
}

impl Output {
    /// The output of a state whose input was `input`.
    pub fn into_value(self, input: &Value) -> Value {
        match self {
            Output::Input => input.clone(),
            Output::Value(value) => value,
        }
    }
}

/// How a state ends: its output, the variables it assigns, and where it goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Exit<'m> {
    /// The output.
    pub output: Output,
    /// The variables the state assigns (stored once it has exited).
    pub assigned: Map<String, Value>,
    /// Where it goes.
    pub next: Next<'m>,
}

/// Where a state with `Next` or `End` goes.
pub fn next_of(state: &State) -> Next<'_> {
    match &state.transition {
        Transition::Next(name) => Next::State(name),
        Transition::End | Transition::None => Next::End,
    }
}

fn assign(
    assign: Option<&Assign>,
    data: &Value,
    env: &mut Env<'_>,
) -> Result<Map<String, Value>, StatesError> {
    match assign {
        Some(assign) => apply_assign(assign, data, env),
        None => Ok(Map::new()),
    }
}

/// InputPath, shown to the observer: the input itself when the field is absent.
fn effective_input<'v>(
    state: &State,
    input: &'v Value,
    env: &Env<'_>,
    observer: &mut dyn Observer,
) -> Result<Cow<'v, Value>, StatesError> {
    let effective = match state.input_path {
        PathField::Default => Cow::Borrowed(input),
        _ => Cow::Owned(apply_path(&state.input_path, input, env)?),
    };
    observer.after_input_path(&effective);
    Ok(effective)
}

/// OutputPath on the effective input: the input itself when neither path is given.
fn output_of(
    state: &State,
    effective: Cow<'_, Value>,
    env: &Env<'_>,
) -> Result<Output, StatesError> {
    Ok(match (&state.output_path, effective) {
        (PathField::Default, Cow::Borrowed(_)) => Output::Input,
        (_, effective) => Output::Value(select(&state.output_path, effective.into_owned(), env)?),
    })
}

/// What a Task is called with or a Parallel's branches get: InputPath, then Parameters; in
/// JSONata, `Arguments`.
pub fn request_input(
    state: &State,
    fields: &ResultFields,
    input: &Value,
    env: &mut Env<'_>,
    observer: &mut dyn Observer,
) -> Result<Value, StatesError> {
    if state.query_language == QueryLanguage::Jsonata {
        let arguments = jsonata_step::arguments(fields.arguments.as_ref(), input, env)?;
        observer.after_arguments(&arguments);
        return Ok(arguments);
    }
    prepare(state, fields.parameters.as_ref(), input, env, observer)
}

/// InputPath, then Parameters: the effective input of a Pass, Task, Parallel or Map.
pub fn prepare(
    state: &State,
    parameters: Option<&Template>,
    input: &Value,
    env: &mut Env<'_>,
    observer: &mut dyn Observer,
) -> Result<Value, StatesError> {
    let effective = effective_input(state, input, env, observer)?;
    let parameters = match parameters {
        Some(template) => apply_template(template, &effective, env)?,
        None => effective.into_owned(),
    };
    observer.after_parameters(&parameters);
    Ok(parameters)
}

/// ResultSelector, ResultPath (into the raw input), OutputPath and Assign (which reads the
/// result): the end of a Task, Parallel or Map that produced `result`.
pub fn finish<'m>(
    state: &'m State,
    fields: &ResultFields,
    input: &Value,
    result: Value,
    env: &mut Env<'_>,
    observer: &mut dyn Observer,
) -> Result<Exit<'m>, StatesError> {
    if state.query_language == QueryLanguage::Jsonata {
        return jsonata_step::finish(state, input, result, env);
    }
    let assigned = assign(state.assign.as_ref(), &result, env)?;
    let selected = match &fields.result_selector {
        Some(template) => apply_template(template, &result, env)?,
        None => result,
    };
    observer.after_result_selector(&selected);
    let output = merge(state, &fields.result_path, input, selected, env, observer)?;
    Ok(Exit {
        output,
        assigned,
        next: next_of(state),
    })
}

/// ResultPath, then OutputPath. A discarded result leaves the input as it was, uncopied.
fn merge(
    state: &State,
    result_path: &ResultPath,
    input: &Value,
    result: Value,
    env: &Env<'_>,
    observer: &mut dyn Observer,
) -> Result<Output, StatesError> {
    if *result_path == ResultPath::Discard {
        observer.after_result_path(input);
        return output_of(state, Cow::Borrowed(input), env);
    }
    let merged = apply_result_path(result_path, input, result)?;
    observer.after_result_path(&merged);
    Ok(Output::Value(select(&state.output_path, merged, env)?))
}

/// A catcher took `error`: its ResultPath merges the Error Output into the raw input (the
/// state's OutputPath does not apply), and its Assign reads the Error Output.
pub fn catch<'m>(
    state: &State,
    catcher: &'m Catcher,
    input: &Value,
    error: &StatesError,
    env: &mut Env<'_>,
) -> Result<Exit<'m>, StatesError> {
    if state.query_language == QueryLanguage::Jsonata {
        return jsonata_step::catch(catcher, input, error, env);
    }
    let error_output = error.error_output();
    let assigned = assign(catcher.assign.as_ref(), &error_output, env)?;
    let output = Output::Value(apply_result_path(
        &catcher.result_path,
        input,
        error_output,
    )?);
    Ok(Exit {
        output,
        assigned,
        next: Next::State(&catcher.next),
    })
}

/// A Pass state: `Result` (used as is) or the effective input, then ResultPath and OutputPath;
/// Assign reads the result.
pub fn pass<'m>(
    state: &'m State,
    pass: &model::Pass,
    input: &Value,
    env: &mut Env<'_>,
    observer: &mut dyn Observer,
) -> Result<Exit<'m>, StatesError> {
    if state.query_language == QueryLanguage::Jsonata {
        return jsonata_step::pass(state, input, env);
    }
    let untouched = pass.result.is_none()
        && pass.parameters.is_none()
        && pass.result_path == ResultPath::Replace
        && state.assign.is_none();
    if untouched {
        // The input passes through (InputPath and OutputPath may still select from it).
        let effective = effective_input(state, input, env, observer)?;
        observer.after_parameters(&effective);
        observer.after_result_selector(&effective);
        observer.after_result_path(&effective);
        return Ok(Exit {
            output: output_of(state, effective, env)?,
            assigned: Map::new(),
            next: next_of(state),
        });
    }
    let result = match &pass.result {
        Some(result) => {
            observer.result(result);
            result.clone()
        }
        None => prepare(state, pass.parameters.as_ref(), input, env, observer)?,
    };
    observer.after_result_selector(&result);
    let assigned = assign(state.assign.as_ref(), &result, env)?;
    let output = merge(state, &pass.result_path, input, result, env, observer)?;
    Ok(Exit {
        output,
        assigned,
        next: next_of(state),
    })
}

/// A Choice state: the first rule that holds (its Assign), else `Default` (the state's
/// Assign); the output is the effective input after OutputPath.
pub fn choice<'m>(
    state: &'m State,
    choice: &'m model::Choice,
    input: &Value,
    env: &mut Env<'_>,
    observer: &mut dyn Observer,
) -> Result<Exit<'m>, StatesError> {
    if state.query_language == QueryLanguage::Jsonata {
        return jsonata_step::choice(state, choice, input, env);
    }
    let effective = effective_input(state, input, env, observer)?;
    let roots = env.roots(&effective);
    let mut matched = None;
    for rule in &choice.choices {
        if choice::holds(&rule.condition, roots)? {
            matched = Some(rule);
            break;
        }
    }
    let (next, assigned) = match (matched, &choice.default) {
        (Some(rule), _) => (
            rule.next.as_str(),
            assign(rule.assign.as_ref(), &effective, env)?,
        ),
        (None, Some(default)) => (
            default.as_str(),
            assign(state.assign.as_ref(), &effective, env)?,
        ),
        (None, None) => {
            return Err(StatesError::runtime(
                "Failed to transition out of the state. The state does not point to a next state.",
            ));
        }
    };
    let output = output_of(state, effective, env)?;
    Ok(Exit {
        output,
        assigned,
        next: Next::State(next),
    })
}

/// A Wait state's data: the effective input, the output and what it assigns. The wait itself is
/// [`super::wait::wait_until`] on the effective input.
pub fn wait<'m>(
    state: &'m State,
    wait: &model::Wait,
    input: &Value,
    now_millis: i64,
    env: &mut Env<'_>,
    observer: &mut dyn Observer,
) -> Result<(i64, Exit<'m>), StatesError> {
    if state.query_language == QueryLanguage::Jsonata {
        return jsonata_step::wait(state, wait, input, now_millis, env);
    }
    let effective = effective_input(state, input, env, observer)?;
    let roots = env.roots(&effective);
    let until = super::wait::wait_until(wait, roots, now_millis)?;
    let assigned = assign(state.assign.as_ref(), &effective, env)?;
    let output = output_of(state, effective, env)?;
    Ok((
        until,
        Exit {
            output,
            assigned,
            next: next_of(state),
        },
    ))
}

/// A Succeed state: InputPath then OutputPath.
pub fn succeed<'m>(
    state: &'m State,
    input: &Value,
    env: &mut Env<'_>,
    observer: &mut dyn Observer,
) -> Result<Exit<'m>, StatesError> {
    if state.query_language == QueryLanguage::Jsonata {
        return jsonata_step::succeed(state, input, env);
    }
    let effective = effective_input(state, input, env, observer)?;
    Ok(Exit {
        output: output_of(state, effective, env)?,
        assigned: Map::new(),
        next: Next::End,
    })
}

/// The error a Fail state raises: its Error and Cause, literal or read by ErrorPath/CausePath
/// (a path, or an intrinsic call). A path that matches nothing raises `States.Runtime` instead.
pub fn fail(
    state: &State,
    fail: &model::Fail,
    input: &Value,
    env: &mut Env<'_>,
    observer: &mut dyn Observer,
) -> StatesError {
    if state.query_language == QueryLanguage::Jsonata {
        return jsonata_step::fail(fail, input, env);
    }
    observer.after_input_path(input);
    let error = fail_field(fail.error.as_ref(), "ErrorPath", input, env);
    let cause = fail_field(fail.cause.as_ref(), "CausePath", input, env);
    match (error, cause) {
        (Ok(error), Ok(cause)) => StatesError::from_parts(error, cause),
        (Err(e), _) | (_, Err(e)) => e,
    }
}

fn fail_field(
    field: Option<&FailField>,
    name: &str,
    input: &Value,
    env: &mut Env<'_>,
) -> Result<Option<String>, StatesError> {
    let roots = env.roots(input);
    let text = |value: Value| match value {
        Value::String(s) => s,
        other => other.to_string(),
    };
    let missing = |path: &str| {
        StatesError::runtime(format!(
            "The JSONPath '{path}' specified for the field '{name}' could not be found in the input '{input}'"
        ))
    };
    Ok(match field {
        None => None,
        Some(FailField::Literal(text)) => Some(text.clone()),
        Some(FailField::Expression(_)) => None,
        Some(FailField::Path(path)) => Some(text(
            path.path.eval(roots).map_err(|_| missing(&path.text))?,
        )),
        Some(FailField::Call(call, _)) => {
            Some(text(call.eval(roots, env.rng).map_err(|e| match e {
                IntrinsicFailure::Failure(message) => StatesError::intrinsic(format!(
                    "The value of the field '{name}' could not be evaluated: {message}"
                )),
                IntrinsicFailure::Path { path, .. } => missing(&path),
            })?))
        }
    })
}

/// True when a Map's failed iterations exceed what it tolerates: any failure when neither
/// ToleratedFailureCount nor ToleratedFailurePercentage is given, otherwise more than either
/// given threshold (⚠ AWS documents "either"; a field not given sets no threshold).
pub fn exceeds_tolerance(
    failures: u64,
    total: u64,
    count: Option<f64>,
    percentage: Option<f64>,
) -> bool {
    let failures_f = failures as f64;
    match (count, percentage) {
        (None, None) => failures > 0,
        (count, percentage) => {
            count.is_some_and(|c| failures_f > c)
                || percentage.is_some_and(|p| total > 0 && failures_f * 100.0 / total as f64 > p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::exceeds_tolerance;

    #[test]
    fn either_given_threshold_fails_the_map() {
        assert!(!exceeds_tolerance(0, 4, None, None));
        assert!(exceeds_tolerance(1, 4, None, None));
        assert!(!exceeds_tolerance(1, 4, Some(1.0), None));
        assert!(exceeds_tolerance(2, 4, Some(1.0), None));
        assert!(!exceeds_tolerance(1, 4, None, Some(25.0)));
        assert!(exceeds_tolerance(2, 4, None, Some(25.0)));
        assert!(exceeds_tolerance(1, 4, Some(5.0), Some(10.0)));
    }
}

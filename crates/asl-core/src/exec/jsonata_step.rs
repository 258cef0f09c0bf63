//! What one JSONata state does to its data: `Arguments` before the work, `Output` and `Assign`
//! after it, every expression reading `$states` (`input`, `context`, and `result` or
//! `errorOutput` where AWS allows them) and the variables as they were when the state was
//! entered. A failed expression raises `States.QueryEvaluationError` naming its field.

use super::dataflow::Env;
use super::error::StatesError;
use super::step::{Exit, Next, Output, next_of};
use crate::jsonata::template::QueryError;
use crate::jsonata::{Host, Scope, States, Template};
use crate::model::{self, Assign, Catcher, Condition, FailField, Seconds, State};
use crate::timestamp::parse_rfc3339;
use serde_json::{Map, Value};

/// The `$states` object: the state's input and the context object.
pub fn states<'a>(input: &'a Value, context: &'a Value) -> States<'a> {
    States::new(input, context)
}

impl From<QueryError> for StatesError {
    fn from(error: QueryError) -> Self {
        StatesError::query(error.cause, Some(error.location))
    }
}

/// Evaluate a JSONata field.
pub fn evaluate(
    template: &Template,
    field: &str,
    states: &States<'_>,
    env: &mut Env<'_>,
) -> Result<Value, StatesError> {
    let scope = Scope {
        states,
        variables: env.variables,
    };
    let mut host = Host {
        now_millis: env.now_millis,
        rng: env.rng,
    };
    Ok(template.evaluate(field, &scope, &mut host)?)
}

/// `Assign`: every value computed from the values on entry, stored after the state.
fn assign(
    assign: Option<&Assign>,
    states: &States<'_>,
    env: &mut Env<'_>,
) -> Result<Map<String, Value>, StatesError> {
    let Some(template) = assign.and_then(|a| a.jsonata.as_ref()) else {
        return Ok(Map::new());
    };
    match evaluate(template, "Assign", states, env)? {
        Value::Object(map) => Ok(map),
        _ => Ok(Map::new()),
    }
}

/// A field's value, when the field is given.
fn optional(
    template: Option<&Template>,
    field: &str,
    states: &States<'_>,
    env: &mut Env<'_>,
) -> Result<Option<Value>, StatesError> {
    template
        .map(|template| evaluate(template, field, states, env))
        .transpose()
}

/// `Output`, or `default` when the field is absent.
fn output(
    template: Option<&Template>,
    default: Output,
    states: &States<'_>,
    env: &mut Env<'_>,
) -> Result<Output, StatesError> {
    match template {
        Some(template) => Ok(Output::Value(evaluate(template, "Output", states, env)?)),
        None => Ok(default),
    }
}

/// Assign, then Output: how a state that produced no result ends.
fn end<'m>(
    assign_field: Option<&Assign>,
    output_field: Option<&Template>,
    states: &States<'_>,
    next: Next<'m>,
    env: &mut Env<'_>,
) -> Result<Exit<'m>, StatesError> {
    let assigned = assign(assign_field, states, env)?;
    let output = output(output_field, Output::Input, states, env)?;
    Ok(Exit {
        output,
        assigned,
        next,
    })
}

/// A Pass state: Assign and Output read the input (Output defaults to it).
pub fn pass<'m>(
    state: &'m State,
    input: &Value,
    env: &mut Env<'_>,
) -> Result<Exit<'m>, StatesError> {
    let states = states(input, env.context);
    end(
        state.assign.as_ref(),
        state.output.as_ref(),
        &states,
        next_of(state),
        env,
    )
}

/// A Succeed state: Output (default: the input).
pub fn succeed<'m>(
    state: &'m State,
    input: &Value,
    env: &mut Env<'_>,
) -> Result<Exit<'m>, StatesError> {
    let states = states(input, env.context);
    end(None, state.output.as_ref(), &states, Next::End, env)
}

/// A Choice state: the first rule whose Condition is true (its Assign and Output), else
/// `Default` (the state's Assign and Output).
pub fn choice<'m>(
    state: &'m State,
    choice: &'m model::Choice,
    input: &Value,
    env: &mut Env<'_>,
) -> Result<Exit<'m>, StatesError> {
    let states = states(input, env.context);
    for rule in &choice.choices {
        let Condition::Jsonata(condition) = &rule.condition else {
            continue;
        };
        let holds = match evaluate(condition, "Condition", &states, env)? {
            Value::Bool(b) => b,
            other => {
                let text = condition.expression().map_or("", |e| e.text());
                return Err(QueryError::unexpected(text, "Condition", "boolean", &other).into());
            }
        };
        if holds {
            return end(
                rule.assign.as_ref(),
                rule.output.as_ref(),
                &states,
                Next::State(&rule.next),
                env,
            );
        }
    }
    match &choice.default {
        Some(default) => end(
            state.assign.as_ref(),
            state.output.as_ref(),
            &states,
            Next::State(default),
            env,
        ),
        None => Err(StatesError::new(
            super::error::names::NO_CHOICE_MATCHED,
            "No Matches!",
        )),
    }
}

/// A Wait state: when the wait ends (`Seconds` or `Timestamp`, possibly expressions), then
/// Assign and Output.
pub fn wait<'m>(
    state: &'m State,
    wait: &model::Wait,
    input: &Value,
    now_millis: i64,
    env: &mut Env<'_>,
) -> Result<(i64, Exit<'m>), StatesError> {
    let states = states(input, env.context);
    let until = match wait {
        model::Wait::Seconds(Seconds::Expression(template)) => {
            let value = evaluate(template, "Seconds", &states, env)?;
            let seconds = value.as_u64().ok_or_else(|| {
                let text = template.expression().map_or("", |e| e.text());
                StatesError::from(QueryError::unexpected(text, "Seconds", "integer", &value))
            })?;
            now_millis.saturating_add((seconds as i64).saturating_mul(1000))
        }
        model::Wait::TimestampExpression(template) => {
            let value = evaluate(template, "Timestamp", &states, env)?;
            let text = match &value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let at = parse_rfc3339(&text).map(|t| t.millis).ok_or_else(|| {
                StatesError::query(
                    format!(
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}"
                    ),
                    Some("Timestamp".into()),
                )
            })?;
            at.max(now_millis)
        }
        other => super::wait::wait_until(other, env.roots(input), now_millis)?,
    };
    let exit = end(
        state.assign.as_ref(),
        state.output.as_ref(),
        &states,
        next_of(state),
        env,
    )?;
    Ok((until, exit))
}

/// The error a Fail state raises: Error and Cause, literal or expressions.
pub fn fail(fail: &model::Fail, input: &Value, env: &mut Env<'_>) -> StatesError {
    let states = states(input, env.context);
    let mut field =
        |field: Option<&FailField>, name: &str| -> Result<Option<String>, StatesError> {
            Ok(match field {
                None => None,
                Some(FailField::Literal(text)) => Some(text.clone()),
                Some(FailField::Expression(template)) => {
                    Some(match evaluate(template, name, &states, env)? {
                        Value::String(s) => s,
                        other => other.to_string(),
                    })
                }
                Some(FailField::Path(_) | FailField::Call(..)) => None,
            })
        };
    let error = field(fail.error.as_ref(), "Error");
    let cause = field(fail.cause.as_ref(), "Cause");
    match (error, cause) {
        (Ok(error), Ok(cause)) => StatesError::from_parts(error, cause),
        (Err(e), _) | (_, Err(e)) => e,
    }
}

/// `Arguments` (default: the input): what a Task is called with, or a Parallel's branches get.
pub fn arguments(
    arguments: Option<&Template>,
    input: &Value,
    env: &mut Env<'_>,
) -> Result<Value, StatesError> {
    match arguments {
        Some(template) => {
            let states = states(input, env.context);
            evaluate(template, "Arguments", &states, env)
        }
        None => Ok(input.clone()),
    }
}

/// The end of a Task, Parallel or Map that produced `result`: Assign and Output read
/// `$states.result` (Output defaults to it).
pub fn finish<'m>(
    state: &'m State,
    input: &Value,
    result: Value,
    env: &mut Env<'_>,
) -> Result<Exit<'m>, StatesError> {
    let (assigned, output) = {
        let states = states(input, env.context).with("result", &result);
        let assigned = assign(state.assign.as_ref(), &states, env)?;
        let output = optional(state.output.as_ref(), "Output", &states, env)?;
        (assigned, output)
    };
    let output = Output::Value(output.unwrap_or(result));
    Ok(Exit {
        output,
        assigned,
        next: next_of(state),
    })
}

/// A catcher took `error`: its Assign and Output read `$states.errorOutput` (Output defaults to
/// it).
pub fn catch<'m>(
    catcher: &'m Catcher,
    input: &Value,
    error: &StatesError,
    env: &mut Env<'_>,
) -> Result<Exit<'m>, StatesError> {
    let error_output = error.error_output();
    let (assigned, output) = {
        let states = states(input, env.context).with("errorOutput", &error_output);
        let assigned = assign(catcher.assign.as_ref(), &states, env)?;
        let output = optional(catcher.output.as_ref(), "Output", &states, env)?;
        (assigned, output)
    };
    let output = Output::Value(output.unwrap_or(error_output));
    Ok(Exit {
        output,
        assigned,
        next: Next::State(&catcher.next),
    })
}

/// A Task's `TimeoutSeconds` or `HeartbeatSeconds`: a number, or an expression giving a
/// positive integer.
pub fn seconds(
    field: Option<&Seconds>,
    name: &str,
    input: &Value,
    env: &mut Env<'_>,
) -> Result<Option<u64>, StatesError> {
    match field {
        Some(Seconds::Literal(n)) => Ok(Some(*n)),
        Some(Seconds::Expression(template)) => {
            let states = states(input, env.context);
            let value = evaluate(template, name, &states, env)?;
            match value.as_u64() {
                Some(n) if n > 0 => Ok(Some(n)),
                _ => {
                    let text = template.expression().map_or("", |e| e.text());
                    Err(QueryError::unexpected(text, name, "positive integer", &value).into())
                }
            }
        }
        Some(Seconds::Path(_)) | None => Ok(None),
    }
}

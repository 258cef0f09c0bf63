//! The stages of a JSONPath state's data flow, each raising what AWS raises:
//! InputPath → Parameters → (the work) → ResultSelector → ResultPath → OutputPath, and Assign.

use super::error::{StatesError, names};
use super::rng::Rng;
use crate::model::template::TemplateFailure;
use crate::model::{Assign, PathField, ResultPath, Template};
use crate::path::{Roots, Variables, write_result};
use serde_json::{Map, Value};

/// What a state's paths and templates read besides their data: the context object, the
/// variables as they were when the state was entered, and the run's random source.
pub struct Env<'a> {
    /// The context object.
    pub context: &'a Value,
    /// The workflow variables in scope, as they were on entry.
    pub variables: &'a dyn Variables,
    /// The run's random source.
    pub rng: &'a mut Rng,
    /// The virtual time, in milliseconds since the epoch (JSONata's `$now()`).
    pub now_millis: i64,
}

impl std::fmt::Debug for Env<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Env")
            .field("context", self.context)
            .finish_non_exhaustive()
    }
}

impl<'a> Env<'a> {
    /// What paths read with `data` as `$`: the context object and variables are the
    /// environment's (the result does not borrow the environment, so its random source stays
    /// free).
    pub fn roots<'v>(&self, data: &'v Value) -> Roots<'v>
    where
        'a: 'v,
    {
        Roots {
            data,
            context: self.context,
            variables: self.variables,
        }
    }
}

/// JSON as AWS writes it in causes and events: compact.
pub fn compact(value: &Value) -> String {
    value.to_string()
}

/// InputPath or OutputPath: absent keeps the value, `null` gives `{}`, a path selects.
pub fn apply_path(field: &PathField, value: &Value, env: &Env<'_>) -> Result<Value, StatesError> {
    match field {
        PathField::Default => Ok(value.clone()),
        PathField::Null => Ok(Value::Object(Map::new())),
        PathField::Path(path) => path.path.eval(env.roots(value)).map_err(|failure| {
            StatesError::runtime(format!("Invalid path '{}' : {failure}", path.text))
        }),
    }
}

/// InputPath or OutputPath on a value the caller gives up: when the field is absent the value
/// passes through without a copy.
pub fn select(field: &PathField, value: Value, env: &Env<'_>) -> Result<Value, StatesError> {
    match field {
        PathField::Default => Ok(value),
        _ => apply_path(field, &value, env),
    }
}

/// A payload template (Parameters, ResultSelector, ItemSelector) applied to `data`.
pub fn apply_template(
    template: &Template,
    data: &Value,
    env: &mut Env<'_>,
) -> Result<Value, StatesError> {
    let roots = env.roots(data);
    template
        .eval(roots, env.rng)
        .map_err(|failure| template_error(failure, data))
}

/// The error a template failure raises.
pub fn template_error(failure: TemplateFailure, data: &Value) -> StatesError {
    match failure {
        TemplateFailure::Path { field, path, .. } => StatesError::runtime(format!(
            "The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{}'",
            compact(data)
        )),
        TemplateFailure::Intrinsic { field, message } => StatesError::intrinsic(format!(
            "The value of the field '{field}' could not be evaluated: {message}"
        )),
    }
}

/// ResultPath: the result merged into the state's raw input.
pub fn apply_result_path(
    result_path: &ResultPath,
    raw_input: &Value,
    result: Value,
) -> Result<Value, StatesError> {
    match result_path {
        ResultPath::Replace => Ok(result),
        ResultPath::Discard => Ok(raw_input.clone()),
        ResultPath::Path(path) => {
            write_result(&path.path, raw_input.clone(), result).map_err(|_| {
                StatesError::new(
                    names::REFERENCE_PATH_CONFLICT,
                    format!(
                        "Unable to apply ReferencePath {} to input {}",
                        path.text,
                        compact(raw_input)
                    ),
                )
            })
        }
    }
}

/// Assign: every value is computed from `data` and the variables as they were on entry; the
/// caller stores them all at once, after the state.
pub fn apply_assign(
    assign: &Assign,
    data: &Value,
    env: &mut Env<'_>,
) -> Result<Map<String, Value>, StatesError> {
    let mut assigned = Map::new();
    for (name, template) in &assign.entries {
        assigned.insert(name.clone(), apply_template(template, data, env)?);
    }
    Ok(assigned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CompiledPath;
    use crate::path::{NoVariables, parse};
    use serde_json::json;

    fn path(text: &str) -> CompiledPath {
        CompiledPath {
            text: text.into(),
            path: parse(text).unwrap(),
        }
    }

    #[test]
    fn path_misses_raise_aws_runtime_errors() {
        let mut rng = Rng::new(0);
        let env = Env {
            context: &Value::Null,
            variables: &NoVariables,
            rng: &mut rng,
            now_millis: 0,
        };
        let e = apply_path(
            &PathField::Path(path("$.NoSuchInputPath")),
            &json!({"a": 0}),
            &env,
        )
        .unwrap_err();
        assert_eq!(
            e,
            StatesError::runtime(
                "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
            )
        );
        assert_eq!(
            apply_path(&PathField::Null, &json!({"a": 0}), &env),
            Ok(json!({}))
        );
    }

    #[test]
    fn template_misses_quote_the_field_and_the_input() {
        let mut rng = Rng::new(0);
        let mut env = Env {
            context: &Value::Null,
            variables: &NoVariables,
            rng: &mut rng,
            now_millis: 0,
        };
        let template = Template::compile(&json!({"value.$": "$.no_such_jsonpath"})).unwrap();
        let e = apply_template(&template, &json!({"int-literal": 0}), &mut env).unwrap_err();
        assert_eq!(
            e.cause.as_deref(),
            Some(
                "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'"
            )
        );
    }

    #[test]
    fn result_path_on_a_scalar_input_conflicts() {
        let e = apply_result_path(
            &ResultPath::Path(path("$.someTaskResult")),
            &json!("input1"),
            json!(1),
        )
        .unwrap_err();
        assert_eq!(e.name(), "States.ReferencePathConflict");
        assert_eq!(
            e.cause.as_deref(),
            Some("Unable to apply ReferencePath $.someTaskResult to input \"input1\"")
        );
        assert_eq!(
            apply_result_path(&ResultPath::Discard, &json!({"a": 1}), json!(2)),
            Ok(json!({"a": 1}))
        );
    }
}

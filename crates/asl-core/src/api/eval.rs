//! Evaluating one expression: the `asl eval` command and the playground's scratchpad.

use crate::exec::dataflow::template_error;
use crate::exec::error::StatesError;
use crate::exec::rng::Rng;
use crate::intrinsic::{self, IntrinsicFailure};
use crate::model::Template;
use crate::path::{self, Roots};
use serde_json::{Map, Value};

/// What [`eval`] reads: the data `$` paths read, the context object (`$$`), the variables
/// (`$name`), and the seed of `States.UUID` and `States.MathRandom`.
#[derive(Clone, Debug, Default)]
pub struct EvalInput {
    /// The data.
    pub input: Value,
    /// The context object.
    pub context: Value,
    /// The workflow variables.
    pub variables: Map<String, Value>,
    /// The random seed.
    pub seed: u64,
}

/// Why [`eval`] gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalError {
    /// The expression does not parse: the message and the byte range in the expression.
    Syntax {
        /// What is wrong.
        message: String,
        /// Where, in the expression's bytes.
        range: std::ops::Range<usize>,
    },
    /// The expression ran and failed, as AWS would fail it.
    Runtime(StatesError),
}

/// Evaluate a JSONPath (as an InputPath), an intrinsic function call, or a payload template given
/// as a JSON object (as Parameters), against `input`.
pub fn eval(expression: &str, input: &EvalInput) -> Result<Value, EvalError> {
    let text = expression.trim();
    let offset = expression.len() - expression.trim_start().len();
    let roots = Roots {
        data: &input.input,
        context: &input.context,
        variables: &input.variables,
    };
    let mut rng = Rng::new(input.seed);
    let syntax = |message: String, range: std::ops::Range<usize>| EvalError::Syntax {
        message,
        range: range.start + offset..range.end + offset,
    };
    if text.starts_with('{') && !(text.starts_with("{%") && text.ends_with("%}")) {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| syntax(format!("not a JSON object: {e}"), 0..text.len()))?;
        if !value.is_object() {
            return Err(syntax(
                "a payload template is a JSON object".into(),
                0..text.len(),
            ));
        }
        let template = Template::compile(&value).map_err(|m| syntax(m, 0..text.len()))?;
        return template
            .eval(roots, &mut rng)
            .map_err(|f| EvalError::Runtime(template_error(f, &input.input)));
    }
    if text.starts_with("{%") {
        return Err(syntax("JSONata expressions are not evaluated yet: the playground's JSONata engine is not there yet".into(), 0..text.len()));
    }
    if intrinsic::looks_like_call(text) {
        let call = intrinsic::parse(text).map_err(|e| syntax(e.message, e.range))?;
        return call.eval(roots, &mut rng).map_err(|e| {
            EvalError::Runtime(match e {
                IntrinsicFailure::Failure(message) => StatesError::intrinsic(message),
                IntrinsicFailure::Path { path, failure } => {
                    StatesError::runtime(format!("Invalid path '{path}' : {failure}"))
                }
            })
        });
    }
    if text.starts_with('$') {
        let parsed = path::parse(text).map_err(|e| syntax(e.message, e.range))?;
        return parsed.eval(roots).map_err(|failure| {
            EvalError::Runtime(StatesError::runtime(format!(
                "Invalid path '{text}' : {failure}"
            )))
        });
    }
    Err(syntax(
        "expected a path ($...), an intrinsic function call (States....) or a payload template ({...})".into(),
        0..text.len().max(1),
    ))
}

//! Evaluating one expression: the `asl eval` command and the playground's scratchpad.

use crate::exec::context::DEFAULT_START_MILLIS;
use crate::exec::dataflow::template_error;
use crate::exec::error::{StatesError, names};
use crate::exec::rng::Rng;
use crate::intrinsic::{self, IntrinsicFailure};
use crate::jsonata::{
    self, Conversions, Expression, Host, Scope, States, SyntaxError, Template, template::QueryError,
};
use crate::model;
use crate::path::{self, Roots, Selection};
use serde_json::{Map, Value};

/// What [`eval`] reads: the data `$` paths read (`$states.input` in JSONata), the context object
/// (`$$`, `$states.context`), the variables (`$name`), the seed of the random functions, and the
/// virtual time JSONata's `$now()` reads.
#[derive(Clone, Debug)]
pub struct EvalInput {
    /// The data.
    pub input: Value,
    /// The context object.
    pub context: Value,
    /// The workflow variables.
    pub variables: Map<String, Value>,
    /// The random seed.
    pub seed: u64,
    /// The virtual time, in milliseconds since the epoch.
    pub now_millis: i64,
}

impl Default for EvalInput {
    fn default() -> Self {
        EvalInput {
            input: Value::Null,
            context: Value::Null,
            variables: Map::new(),
            seed: 0,
            now_millis: DEFAULT_START_MILLIS,
        }
    }
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

/// Evaluate a JSONPath (as an InputPath), an intrinsic function call, a payload template given
/// as a JSON object (as Parameters), or a JSONata expression (`{% … %}`), against `input`.
pub fn eval(expression: &str, input: &EvalInput) -> Result<Value, EvalError> {
    query(expression, input).map(Selection::into_value)
}

/// Like [`eval`], what a path selects borrowed from the input: written out as JSON, the answer
/// copies none of it.
pub fn query<'a>(expression: &str, input: &'a EvalInput) -> Result<Selection<'a>, EvalError> {
    query_sharing(expression, input, &Conversions::default())
}

/// A document queried many times (a large input): what JSONata needs of it is converted once
/// and kept for every later query.
#[derive(Debug)]
pub struct Document {
    input: EvalInput,
    conversions: Conversions,
}

impl Document {
    /// The document is `input.input`, queried with the rest of `input` around it.
    pub fn new(input: EvalInput) -> Self {
        Document {
            input,
            conversions: Conversions::default(),
        }
    }

    /// [`eval`] against the document.
    pub fn eval(&self, expression: &str) -> Result<Value, EvalError> {
        self.query(expression).map(Selection::into_value)
    }

    /// [`query`] against the document.
    pub fn query(&self, expression: &str) -> Result<Selection<'_>, EvalError> {
        query_sharing(expression, &self.input, &self.conversions)
    }
}

/// [`query`], JSONata's conversions of the input shared with every evaluation that passes the
/// same `conversions` (and so the same input).
fn query_sharing<'a>(
    expression: &str,
    input: &'a EvalInput,
    conversions: &Conversions,
) -> Result<Selection<'a>, EvalError> {
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
        let template = model::Template::compile(&value).map_err(|m| syntax(m, 0..text.len()))?;
        return template
            .eval(roots, &mut rng)
            .map(Selection::from)
            .map_err(|f| EvalError::Runtime(template_error(f, &input.input)));
    }
    if let Some(inner) = jsonata::expression_text(text) {
        let value = eval_jsonata(inner, input, conversions, &mut rng);
        return value.map(Selection::from).map_err(|e| match e {
            JsonataFailure::Syntax(error) => {
                let base = text.find(inner).unwrap_or(0);
                let range = error.range_in(inner);
                let end = (base + range.end).min(text.len());
                syntax(error.message, base + range.start..end)
            }
            JsonataFailure::Query(error) => {
                EvalError::Runtime(StatesError::new(names::QUERY_EVALUATION_ERROR, error.cause))
            }
        });
    }
    if intrinsic::looks_like_call(text) {
        let call = intrinsic::parse(text).map_err(|e| syntax(e.message, e.range))?;
        return call
            .eval(roots, &mut rng)
            .map(Selection::from)
            .map_err(|e| {
                EvalError::Runtime(match e {
                    IntrinsicFailure::Failure(message) => StatesError::intrinsic(message),
                    IntrinsicFailure::Path { path, failure } => {
                        StatesError::runtime(format!("Invalid path '{path}' : {failure}"))
                    }
                })
            });
    }
    if text.starts_with('$') {
        // The path grammar reads whitespace around a path itself (as validation and the
        // executor read it), so the path is given as written, not trimmed.
        let parsed = path::parse(expression).map_err(|e| EvalError::Syntax {
            message: e.message,
            range: e.range,
        })?;
        return parsed.query(roots).map_err(|failure| {
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

enum JsonataFailure {
    Syntax(SyntaxError),
    Query(QueryError),
}

/// A JSONata expression, with `$states.input` and `$states.context` bound.
fn eval_jsonata(
    text: &str,
    input: &EvalInput,
    conversions: &Conversions,
    rng: &mut Rng,
) -> Result<Value, JsonataFailure> {
    let expression = Expression::parse(text).map_err(JsonataFailure::Syntax)?;
    let states = States::sharing(&input.input, &input.context, conversions);
    let scope = Scope {
        states: &states,
        variables: &input.variables,
    };
    let mut host = Host {
        now_millis: input.now_millis,
        rng,
    };
    Template::Expression(Box::new(expression))
        .evaluate("expression", &scope, &mut host)
        .map_err(JsonataFailure::Query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_document_answers_as_eval_does_query_after_query() {
        let input = EvalInput {
            input: json!({"orders": [{"id": "a", "total": 600}, {"id": "b", "total": 20}]}),
            context: json!({"Execution": {"Input": {"x": 1}}}),
            ..EvalInput::default()
        };
        let document = Document::new(input.clone());
        for expression in [
            "$.orders[?(@.total > 500)].id",
            "$$.Execution.Input.x",
            "{% $sum($states.input.orders.total) %}",
            "{% $states.context.Execution.Input.x %}",
            "{% $states.input.orders[total < 100].id %}",
            "{% $states.input.nope.nope %}",
        ] {
            let once = format!("{:?}", eval(expression, &input));
            assert_eq!(format!("{:?}", document.eval(expression)), once);
            assert_eq!(format!("{:?}", document.eval(expression)), once);
        }
        assert_eq!(
            document.eval("{% $sum($states.input.orders.total) %}").ok(),
            Some(json!(620))
        );
    }

    #[test]
    fn a_query_borrows_what_a_path_selects() {
        use std::borrow::Cow;
        let document = Document::new(EvalInput {
            input: json!({"orders": [{"c": {"n": 1}}, {"c": {"n": 2}}, {"c": {"n": 3}}]}),
            ..EvalInput::default()
        });
        let borrowed = |cow: &Cow<'_, Value>| matches!(cow, Cow::Borrowed(_));
        match document.query("$.orders[0:3:2].c") {
            Ok(Selection::Many(nodes)) => {
                assert!(nodes.iter().all(borrowed));
                assert_eq!(
                    serde_json::to_value(Selection::Many(nodes)).ok(),
                    Some(json!([{"n": 1}, {"n": 3}]))
                );
            }
            other => panic!("{other:?}"),
        }
        match document.query("$.orders[1].c") {
            Ok(Selection::One(node)) => assert!(borrowed(&node)),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            document.query("$..n").map(Selection::into_value),
            Ok(json!([1, 2, 3]))
        );
    }
}

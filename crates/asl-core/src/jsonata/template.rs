//! JSONata fields (`Arguments`, `Output`, `Assign`, `Items`, `Condition`, …): JSON whose strings
//! may be `{% expression %}`, anywhere inside objects and arrays. A string is an expression only
//! when it starts with `{%` and ends with `%}`; every other string is literal text. Each
//! expression is parsed once, when the definition is read.

use super::{Converted, EvalError, Expression, Host, Scope, SyntaxError};
use serde_json::{Map, Value};

/// The expression inside `{% … %}`, trimmed, when the whole string is one.
pub fn expression_text(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("{%")?.strip_suffix("%}")?;
    Some(inner.trim())
}

/// A JSONata field, compiled.
#[derive(Clone, Debug, PartialEq)]
pub enum Template {
    /// JSON with no expression in it.
    Literal(Value),
    /// `{% … %}`.
    Expression(Box<Expression>),
    /// `{% … %}` that does not parse (validation reports it; running it fails).
    Invalid {
        /// The expression's text.
        text: String,
        /// Why it does not parse.
        error: SyntaxError,
    },
    /// An array with an expression somewhere inside.
    Array(Vec<Template>),
    /// An object with an expression somewhere inside.
    Object(Vec<(String, Template)>),
}

/// A JSONata field that failed: the cause of the `States.QueryEvaluationError` it raises
/// (without the "An error occurred while executing the state" prefix the state adds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// The cause, as AWS words it.
    pub cause: String,
    /// The field, with the path inside it (`Output/values[0]`).
    pub location: String,
}

impl QueryError {
    /// The expression gave nothing.
    pub fn undefined(expression: &str, field: &str) -> QueryError {
        QueryError {
            cause: format!(
                "The JSONata expression '{expression}' specified for the field '{field}' returned nothing (undefined)."
            ),
            location: field.to_string(),
        }
    }

    /// The expression failed.
    pub fn failed(expression: &str, field: &str, message: &str) -> QueryError {
        QueryError {
            cause: format!(
                "The JSONata expression '{expression}' specified for the field '{field}' threw an error during evaluation. {message}"
            ),
            location: field.to_string(),
        }
    }

    /// The expression gave a function (or something else JSON cannot hold).
    pub fn unsupported(expression: &str, field: &str) -> QueryError {
        QueryError {
            cause: format!(
                "The JSONata expression '{expression}' specified for the field '{field}' returned an unsupported result type."
            ),
            location: field.to_string(),
        }
    }

    /// The expression gave JSON of the wrong type for its field.
    pub fn unexpected(expression: &str, field: &str, expected: &str, value: &Value) -> QueryError {
        QueryError {
            cause: format!(
                "The JSONata expression '{expression}' specified for the field '{field}' returned an unexpected result type. Expected '{expected}', but was '{}' for value: {value}",
                type_name(value)
            ),
            location: field.to_string(),
        }
    }
}

/// JSON's name for a value's type, as AWS's messages give it.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Template {
    /// Compile a field as written.
    pub fn compile(value: &Value) -> Template {
        match value {
            Value::String(text) => match expression_text(text) {
                Some(inner) => match Expression::parse(inner) {
                    Ok(expression) => Template::Expression(Box::new(expression)),
                    Err(error) => Template::Invalid {
                        text: inner.to_string(),
                        error,
                    },
                },
                None => Template::Literal(value.clone()),
            },
            Value::Array(items) => {
                let items: Vec<Template> = items.iter().map(Template::compile).collect();
                if items.iter().all(|t| matches!(t, Template::Literal(_))) {
                    Template::Literal(value.clone())
                } else {
                    Template::Array(items)
                }
            }
            Value::Object(map) => {
                let entries: Vec<(String, Template)> = map
                    .iter()
                    .map(|(key, item)| (key.clone(), Template::compile(item)))
                    .collect();
                if entries
                    .iter()
                    .all(|(_, t)| matches!(t, Template::Literal(_)))
                {
                    Template::Literal(value.clone())
                } else {
                    Template::Object(entries)
                }
            }
            other => Template::Literal(other.clone()),
        }
    }

    /// The expression, when the whole field is one.
    pub fn expression(&self) -> Option<&Expression> {
        match self {
            Template::Expression(expression) => Some(expression),
            _ => None,
        }
    }

    /// The syntax errors inside, with the field path of each.
    pub fn syntax_errors(&self, field: &str) -> Vec<(String, &SyntaxError)> {
        let mut out = Vec::new();
        self.visit_errors(field, &mut out);
        out
    }

    fn visit_errors<'t>(&'t self, field: &str, out: &mut Vec<(String, &'t SyntaxError)>) {
        match self {
            Template::Invalid { error, .. } => out.push((field.to_string(), error)),
            Template::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    item.visit_errors(&format!("{field}[{i}]"), out);
                }
            }
            Template::Object(entries) => {
                for (key, item) in entries {
                    item.visit_errors(&format!("{field}/{key}"), out);
                }
            }
            Template::Literal(_) | Template::Expression(_) => {}
        }
    }

    /// Evaluate every expression inside; `field` names the field in error causes (`Output`,
    /// `Arguments`, `Assign/total`), and grows with the path inside it (`Output/values[0]`).
    pub fn evaluate(
        &self,
        field: &str,
        scope: &Scope<'_>,
        host: &mut Host<'_>,
    ) -> Result<Value, QueryError> {
        match self {
            Template::Literal(value) => Ok(value.clone()),
            Template::Expression(expression) => {
                let text = expression.text();
                match expression.evaluate(scope, host) {
                    Ok(Converted::Json(value)) => Ok(value),
                    Ok(Converted::Undefined) => Err(QueryError::undefined(text, field)),
                    Ok(Converted::Function) => Err(QueryError::unsupported(text, field)),
                    Err(EvalError(message)) => Err(QueryError::failed(text, field, &message)),
                }
            }
            Template::Invalid { text, error } => {
                Err(QueryError::failed(text, field, &error.message))
            }
            Template::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(item.evaluate(&format!("{field}[{i}]"), scope, host)?);
                }
                Ok(Value::Array(out))
            }
            Template::Object(entries) => {
                let mut out = Map::new();
                for (key, item) in entries {
                    out.insert(
                        key.clone(),
                        item.evaluate(&format!("{field}/{key}"), scope, host)?,
                    );
                }
                Ok(Value::Object(out))
            }
        }
    }

    /// Whether its expressions may read the execution's input through the context object
    /// (`$states.context.Execution…`, or the whole context).
    pub fn may_read_execution_input(&self) -> bool {
        match self {
            Template::Expression(expression) => {
                let text = expression.text();
                text.contains("Execution")
                    || text
                        .match_indices("$states.context")
                        .any(|(i, m)| !text[i + m.len()..].starts_with('.'))
                    || (text.contains("$states") && !text.contains("$states."))
            }
            Template::Array(items) => items.iter().any(Template::may_read_execution_input),
            Template::Object(entries) => entries.iter().any(|(_, t)| t.may_read_execution_input()),
            Template::Literal(_) | Template::Invalid { .. } => false,
        }
    }

    /// The variables its expressions read.
    pub fn variables(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        self.visit_variables(&mut out);
        out
    }

    fn visit_variables<'t>(&'t self, out: &mut Vec<&'t str>) {
        match self {
            Template::Expression(expression) => {
                for name in expression.variables() {
                    if !out.contains(&name.as_str()) {
                        out.push(name);
                    }
                }
            }
            Template::Array(items) => items.iter().for_each(|t| t.visit_variables(out)),
            Template::Object(entries) => entries.iter().for_each(|(_, t)| t.visit_variables(out)),
            Template::Literal(_) | Template::Invalid { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::rng::Rng;
    use crate::jsonata::States;
    use crate::path::Variables;
    use serde_json::json;

    fn evaluate(
        template: &Value,
        field: &str,
        variables: &dyn Variables,
    ) -> Result<Value, QueryError> {
        let (input, context) = (json!({"name": "Ada"}), json!({}));
        let states = States::new(&input, &context);
        let mut rng = Rng::new(1);
        Template::compile(template).evaluate(
            field,
            &Scope {
                states: &states,
                variables,
            },
            &mut Host {
                now_millis: 0,
                rng: &mut rng,
            },
        )
    }

    #[test]
    fn only_whole_strings_are_expressions() {
        assert_eq!(expression_text("{% $x %}"), Some("$x"));
        assert_eq!(expression_text(" {% $x %}"), None);
        assert_eq!(expression_text("{% $x %} "), None);
        assert_eq!(expression_text("$x"), None);
    }

    #[test]
    fn expressions_anywhere_inside_are_evaluated() {
        // The example of the AWS documentation (asl-semantics §6.6).
        let mut variables = Map::new();
        variables.insert("student".into(), json!({"name": "Scotland"}));
        variables.insert("class".into(), json!({"teacher": "Bert"}));
        variables.insert("two".into(), json!("the number 2"));
        let template = json!({
            "student": "{% $student.name %}",
            "classInfo": {"teacher": "{% $class.teacher %}"},
            "values": [1, "{% $two %}", "three"],
            "literal": "$two"
        });
        assert_eq!(
            evaluate(&template, "Arguments", &variables).unwrap(),
            json!({
                "student": "Scotland",
                "classInfo": {"teacher": "Bert"},
                "values": [1, "the number 2", "three"],
                "literal": "$two"
            })
        );
    }

    #[test]
    fn failures_name_the_field_inside() {
        let none = Map::new();
        assert_eq!(
            evaluate(&json!({"values": [1, "{% $nope %}"]}), "Output", &none)
                .unwrap_err()
                .cause,
            "The JSONata expression '$nope' specified for the field 'Output/values[1]' returned nothing (undefined)."
        );
        assert_eq!(
            evaluate(&json!({"f": "{% $nope() %}"}), "Output", &none)
                .unwrap_err()
                .cause,
            "The JSONata expression '$nope()' specified for the field 'Output/f' threw an error during evaluation. T1006: Attempted to invoke a non-function"
        );
        assert_eq!(
            evaluate(&json!("{% function($x){$x} %}"), "Items", &none)
                .unwrap_err()
                .cause,
            "The JSONata expression 'function($x){$x}' specified for the field 'Items' returned an unsupported result type."
        );
    }
}

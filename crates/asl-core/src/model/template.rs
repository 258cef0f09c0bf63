//! Payload templates: `Parameters`, `ResultSelector`, `ItemSelector` and JSONPath `Assign`
//! values. Fields whose name ends in `.$` are evaluated (a path or an intrinsic call) and lose the
//! suffix, at any depth in objects and arrays; everything else is copied as is.

use super::CompiledPath;
use crate::exec::rng::Rng;
use crate::intrinsic::{self, Call, IntrinsicFailure};
use crate::path::{self, PathFailure, Roots};
use serde_json::{Map, Value};

/// A compiled payload template.
#[derive(Clone, Debug)]
pub enum Template {
    /// A part with no `.$` field: copied as is.
    Literal(Value),
    /// An object with evaluated fields somewhere inside; the names are already stripped.
    Object(Vec<(String, Template)>),
    /// An array with evaluated fields somewhere inside.
    Array(Vec<Template>),
    /// A `.$` field holding a path.
    Path {
        /// The field name as written (`value.$`).
        field: String,
        /// The path.
        path: CompiledPath,
    },
    /// A `.$` field holding an intrinsic call.
    Call {
        /// The field name as written.
        field: String,
        /// The call.
        call: Call,
    },
}

/// Why a template gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateFailure {
    /// A path (of a field or of an intrinsic's argument) matched nothing.
    Path {
        /// The field name as written (`value.$`).
        field: String,
        /// The path's text.
        path: String,
        /// What went wrong.
        failure: PathFailure,
    },
    /// An intrinsic function refused its arguments.
    Intrinsic {
        /// The field name as written.
        field: String,
        /// Why.
        message: String,
    },
}

impl Template {
    /// Compile a template from its JSON. Fails (with the field's name) only for `.$` values that
    /// are not a path or an intrinsic call, which validation reports first.
    pub fn compile(value: &Value) -> Result<Template, String> {
        if !has_dollar_field(value) {
            return Ok(Template::Literal(value.clone()));
        }
        Ok(match value {
            Value::Object(map) => {
                let mut fields = Vec::with_capacity(map.len());
                for (key, item) in map {
                    match key.strip_suffix(".$") {
                        Some(name) => {
                            fields.push((name.to_string(), Template::dynamic(key, item)?));
                        }
                        None => fields.push((key.clone(), Template::compile(item)?)),
                    }
                }
                Template::Object(fields)
            }
            Value::Array(items) => Template::Array(
                items
                    .iter()
                    .map(Template::compile)
                    .collect::<Result<_, _>>()?,
            ),
            other => Template::Literal(other.clone()),
        })
    }

    /// The evaluated value of one `.$` field.
    pub(super) fn dynamic(field: &str, value: &Value) -> Result<Template, String> {
        let text = value
            .as_str()
            .ok_or_else(|| format!("the value of '{field}' is not a string"))?;
        if intrinsic::looks_like_call(text) {
            let call = intrinsic::parse(text).map_err(|e| format!("'{field}': {}", e.message))?;
            return Ok(Template::Call {
                field: field.to_string(),
                call,
            });
        }
        let path = path::parse(text).map_err(|e| format!("'{field}': {}", e.message))?;
        Ok(Template::Path {
            field: field.to_string(),
            path: CompiledPath {
                text: text.into(),
                path,
            },
        })
    }

    /// Evaluate the template: `$` paths read `roots.data`.
    pub fn eval(&self, roots: Roots<'_>, rng: &mut Rng) -> Result<Value, TemplateFailure> {
        Ok(match self {
            Template::Literal(value) => value.clone(),
            Template::Object(fields) => {
                let mut map = Map::with_capacity(fields.len());
                for (name, template) in fields {
                    map.insert(name.clone(), template.eval(roots, rng)?);
                }
                Value::Object(map)
            }
            Template::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|t| t.eval(roots, rng))
                    .collect::<Result<_, _>>()?,
            ),
            Template::Path { field, path } => {
                path.path
                    .eval(roots)
                    .map_err(|failure| TemplateFailure::Path {
                        field: field.clone(),
                        path: path.text.to_string(),
                        failure,
                    })?
            }
            Template::Call { field, call } => call.eval(roots, rng).map_err(|e| match e {
                IntrinsicFailure::Failure(message) => TemplateFailure::Intrinsic {
                    field: field.clone(),
                    message,
                },
                IntrinsicFailure::Path { path, failure } => TemplateFailure::Path {
                    field: field.clone(),
                    path,
                    failure,
                },
            })?,
        })
    }
}

impl Template {
    /// Whether it may read the execution's input through the context object (`$$.Execution…`
    /// or the whole `$$`).
    pub fn may_read_execution_input(&self) -> bool {
        fn text_reads(text: &str) -> bool {
            text.contains("Execution") || text.trim() == "$$"
        }
        fn call_reads(call: &Call) -> bool {
            call.args.iter().any(|arg| match arg {
                intrinsic::Arg::Path(_, text) => text_reads(text),
                intrinsic::Arg::Call(inner) => call_reads(inner),
                _ => false,
            })
        }
        match self {
            Template::Literal(_) => false,
            Template::Object(entries) => entries.iter().any(|(_, t)| t.may_read_execution_input()),
            Template::Array(items) => items.iter().any(Template::may_read_execution_input),
            Template::Path { path, .. } => text_reads(&path.text),
            Template::Call { call, .. } => call_reads(call),
        }
    }
}

fn has_dollar_field(value: &Value) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k.ends_with(".$") || has_dollar_field(v)),
        Value::Array(items) => items.iter().any(has_dollar_field),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::NoVariables;
    use serde_json::json;

    fn eval(template: &Value, data: &Value, context: &Value) -> Result<Value, TemplateFailure> {
        let template = Template::compile(template).unwrap();
        template.eval(
            Roots {
                data,
                context,
                variables: &NoVariables,
            },
            &mut Rng::new(1),
        )
    }

    #[test]
    fn evaluates_dollar_fields_at_any_depth() {
        let data = json!({"flagged": 7, "vals": [0, 10, 20, 30, 40, 50]});
        let context = json!({"DayOfWeek": "TUESDAY"});
        let template = json!({
            "flagged": true,
            "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[-3:]"},
            "weekday.$": "$$.DayOfWeek",
            "formattedOutput.$": "States.Format('Today is {}', $$.DayOfWeek)",
            "list": [{"x.$": "$.flagged"}, "$.not-a-path"]
        });
        assert_eq!(
            eval(&template, &data, &context),
            Ok(json!({
                "flagged": true,
                "parts": {"first": 0, "last3": [30, 40, 50]},
                "weekday": "TUESDAY",
                "formattedOutput": "Today is TUESDAY",
                "list": [{"x": 7}, "$.not-a-path"]
            }))
        );
    }

    #[test]
    fn a_missing_path_names_the_field() {
        let failure = eval(
            &json!({"value.$": "$.no_such_jsonpath"}),
            &json!({}),
            &json!({}),
        )
        .unwrap_err();
        assert_eq!(
            failure,
            TemplateFailure::Path {
                field: "value.$".into(),
                path: "$.no_such_jsonpath".into(),
                failure: PathFailure::NoResults("$['no_such_jsonpath']".into())
            }
        );
    }

    #[test]
    fn static_parts_are_kept_whole() {
        assert!(matches!(
            Template::compile(&json!({"a": {"b": [1]}})).unwrap(),
            Template::Literal(_)
        ));
    }
}

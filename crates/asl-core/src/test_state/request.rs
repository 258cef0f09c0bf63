//! Reading a TestState request.

use super::TestStateError;
use serde_json::{Map, Value};

/// How much inspection data the response carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Level {
    /// Output and status only.
    #[default]
    Info,
    /// Plus `inspectionData`.
    Debug,
    /// As DEBUG (HTTP Tasks would add the request and response).
    Trace,
}

/// How strictly a mocked result is checked against the service's response shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum FieldValidation {
    /// Types and required fields.
    #[default]
    Strict,
    /// Types of the fields given.
    Present,
    /// Nothing.
    None,
}

/// A mocked outcome of the state's work.
#[derive(Clone, Debug, PartialEq)]
pub enum Mock {
    /// `mock.result`: what the service returned.
    Result(Value),
    /// `mock.errorOutput`: how the service failed.
    Error {
        /// The error name.
        error: Option<String>,
        /// The cause.
        cause: Option<String>,
    },
}

/// A TestState request.
#[derive(Clone, Debug)]
pub struct Request {
    /// The definition: one state, or a machine when `state_name` is set.
    pub definition: String,
    /// The state to test inside a machine.
    pub state_name: Option<String>,
    /// The state's input.
    pub input: Value,
    pub(super) level: Level,
    /// Workflow variables the state sees.
    pub variables: Option<Map<String, Value>>,
    /// The mocked outcome.
    pub mock: Option<Mock>,
    pub(super) field_validation: FieldValidation,
    /// A context object to use instead of the synthetic one.
    pub context: Option<Value>,
    /// `stateConfiguration.retrierRetryCount`: the retries already made.
    pub retrier_retry_count: u64,
    /// `stateConfiguration.mapIterationFailureCount`.
    pub map_iteration_failure_count: Option<u64>,
    /// `stateConfiguration.mapItemReaderData`: the items a Map's ItemReader reads.
    pub map_item_reader_data: Option<Value>,
    /// `roleArn`.
    pub role_arn: Option<String>,
    pub(super) reveal_secrets: bool,
}

fn json_string(field: &str, value: &Value) -> Result<Value, TestStateError> {
    match value {
        Value::String(text) => serde_json::from_str(text).map_err(|e| {
            TestStateError::validation(format!("Invalid {field}: {}", first_line(&e.to_string())))
        }),
        other => Ok(other.clone()),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

impl Request {
    /// Read the request JSON (AWS's field names), refusing what AWS refuses before running.
    pub fn parse(request: &Value) -> Result<Request, TestStateError> {
        let definition = match &request["definition"] {
            Value::String(text) => text.clone(),
            Value::Null => {
                return Err(TestStateError::validation(
                    "1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null",
                ));
            }
            other => serde_json::to_string_pretty(other).unwrap_or_default(),
        };
        let input = match &request["input"] {
            Value::Null => Value::Object(Map::new()),
            other => json_string("input", other)?,
        };
        let level = match request["inspectionLevel"].as_str() {
            None | Some("INFO") => Level::Info,
            Some("DEBUG") => Level::Debug,
            Some("TRACE") => Level::Trace,
            Some(other) => {
                return Err(TestStateError::validation(format!(
                    "1 validation error detected: Value '{other}' at 'inspectionLevel' failed to satisfy constraint: \
                     Member must satisfy enum value set: [DEBUG, TRACE, INFO]"
                )));
            }
        };
        let variables = match &request["variables"] {
            Value::Null => None,
            other => match json_string("variables", other)? {
                Value::Object(map) => Some(map),
                _ => {
                    return Err(TestStateError::validation(
                        "Invalid variables: must be a JSON object",
                    ));
                }
            },
        };
        let (mock, field_validation) = Self::mock(&request["mock"])?;
        let context = match &request["context"] {
            Value::Null => None,
            other => Some(json_string("context", other)?),
        };
        let configuration = &request["stateConfiguration"];
        Ok(Request {
            definition,
            state_name: request["stateName"].as_str().map(str::to_string),
            input,
            level,
            variables,
            mock,
            field_validation,
            context,
            retrier_retry_count: configuration["retrierRetryCount"].as_u64().unwrap_or(0),
            map_iteration_failure_count: configuration["mapIterationFailureCount"].as_u64(),
            map_item_reader_data: match &configuration["mapItemReaderData"] {
                Value::Null => None,
                data => Some(json_string("mapItemReaderData", data)?),
            },
            role_arn: request["roleArn"].as_str().map(str::to_string),
            reveal_secrets: request["revealSecrets"].as_bool().unwrap_or(false),
        })
    }

    fn mock(mock: &Value) -> Result<(Option<Mock>, FieldValidation), TestStateError> {
        let Some(object) = mock.as_object() else {
            return Ok((None, FieldValidation::default()));
        };
        let mode = match object.get("fieldValidationMode").and_then(Value::as_str) {
            None | Some("STRICT") => FieldValidation::Strict,
            Some("PRESENT") => FieldValidation::Present,
            Some("NONE") => FieldValidation::None,
            Some(other) => {
                return Err(TestStateError::validation(format!(
                    "1 validation error detected: Value '{other}' at 'mock.fieldValidationMode' failed to satisfy \
                     constraint: Member must satisfy enum value set: [STRICT, PRESENT, NONE]"
                )));
            }
        };
        let mock = match (object.get("result"), object.get("errorOutput")) {
            (Some(_), Some(_)) => {
                return Err(TestStateError::validation(
                    "A test mock should have only one of the following fields: [result, errorOutput].",
                ));
            }
            (Some(result), None) => {
                let text = result.as_str().unwrap_or_default();
                let value = serde_json::from_str(text)
                    .map_err(|_| TestStateError::validation("Mocked result must be valid JSON"))?;
                Some(Mock::Result(value))
            }
            (None, Some(error)) => Some(Mock::Error {
                error: error["error"].as_str().map(str::to_string),
                cause: error["cause"].as_str().map(str::to_string),
            }),
            (None, None) => None,
        };
        Ok((mock, mode))
    }

    /// True when the response carries `inspectionData`.
    pub(super) fn inspects(&self) -> bool {
        self.level != Level::Info
    }
}

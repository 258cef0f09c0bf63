//! JavaScript bindings of the ASL Playground engine.
//!
//! Each export converts its arguments, calls [`asl_core::api`], and converts the result; nothing
//! else happens here.
//!
//! ```js
//! import init, { validate } from "./asl_wasm.js";
//! await init();
//! const report = validate(definitionText, { type: "EXPRESS", severity: "WARNING" });
//! // { result: "OK" | "FAIL", diagnostics: [{ severity, code, message, location, line, column }], truncated }
//! ```

use asl_core::api::{self, EvalError, EvalInput, ValidateOptions};
use asl_core::diag::Severity;
use asl_core::source::Format;
use asl_core::test_state::{ServiceShapes, TestStateOptions, sdk_service, test_state};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export interface ValidateOptions {
    type?: "STANDARD" | "EXPRESS";
    severity?: "ERROR" | "WARNING";
    maxResults?: number;
    format?: "json" | "yaml";
}
export interface ValidationDiagnostic {
    severity: "ERROR" | "WARNING";
    code: string;
    message: string;
    location?: string;
    line: number;
    column: number;
}
export interface ValidationResponse {
    result: "OK" | "FAIL";
    diagnostics: ValidationDiagnostic[];
    truncated: boolean;
}
/** AWS's TestState request (`definition`, `input`, `stateName`, `mock`, `inspectionLevel`, …). */
export type TestStateRequest = Record<string, unknown>;
/** AWS's TestState response (`output`, `error`, `cause`, `nextState`, `status`, `inspectionData`). */
export type TestStateResponse = Record<string, unknown>;
/**
 * A table of an AWS service's output shapes: the text (or the parsed JSON) of the repository's
 * `aws-shapes/<service>.json`, which names its service.
 */
export type AwsShapesTable = string | Record<string, unknown>;
export interface EvaluateInput {
    input?: unknown;
    context?: unknown;
    variables?: Record<string, unknown>;
    seed?: number;
}
/** The options of `run`: the texts as StartExecution and Step Functions Local take them. */
export interface RunOptions {
    /** The execution's input, as JSON text (default `{}`). */
    input?: string;
    /** A Step Functions Local MockConfigFile, as JSON text. */
    mockConfig?: string;
    /** Its test case (default: its only one). */
    testCase?: string;
    type?: "STANDARD" | "EXPRESS";
    seed?: number;
    /** RFC 3339; the virtual clock starts there. */
    startTime?: string;
    name?: string;
    stateMachineName?: string;
    account?: string;
    region?: string;
    roleArn?: string;
    maxTransitions?: number;
    /** Simulated S3 objects for a Map's ItemReader: `"bucket/key": body`. */
    s3Objects?: Record<string, string>;
    /** What the world does, in order (the `asl run --callbacks` script format): answers to
     * waiting tasks, heartbeats, `{"advance": seconds}`, `{"stop": {}}`, `{"redrive": true}`. */
    actions?: unknown[];
    /** State machines `states:startExecution` tasks may start: `name: definition`. */
    children?: Record<string, string>;
    /** Express at-least-once: how many times the execution is delivered. */
    deliveries?: number;
    /** `false` leaves the history (`events`, `retries`, `catches`, …) out of the response:
     * DescribeExecution's fields alone (default `true`). */
    history?: boolean;
}
/**
 * `execution`: DescribeExecution's fields plus `events` (GetExecutionHistory), `retries` and
 * `catches`; `validation`: the definition's errors (nothing ran); `problem`: an input or mock
 * configuration that could not be read, with its position.
 */
export type RunResponse =
    | { execution: Record<string, unknown> }
    | { validation: ValidationResponse }
    | { problem: { source: "definition" | "input" | "mocks"; message: string; line?: number; column?: number } };
export type EvaluateResult =
    | { value: unknown }
    | { error: string | null; cause: string | null }
    | { syntaxError: string; start: number; end: number };
"#;

/// The options object JavaScript passes to `validate`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct JsValidateOptions {
    #[serde(rename = "type")]
    machine_type: Option<String>,
    severity: Option<String>,
    max_results: Option<usize>,
    format: Option<String>,
}

impl JsValidateOptions {
    fn into_options(self) -> Result<ValidateOptions, String> {
        let mut options = ValidateOptions::default();
        if let Some(t) = self.machine_type {
            options.machine_type = t.parse()?;
        }
        if let Some(s) = self.severity {
            options.severity = match s.to_ascii_uppercase().as_str() {
                "ERROR" => Severity::Error,
                "WARNING" => Severity::Warning,
                "INFO" => Severity::Info,
                _ => {
                    return Err(format!(
                        "'{s}' is not a severity: use ERROR, WARNING or INFO"
                    ));
                }
            };
        }
        if let Some(n) = self.max_results {
            options.max_results = n;
        }
        if let Some(f) = self.format {
            options.format = Some(f.parse::<Format>()?);
        }
        Ok(options)
    }
}

/// Validate a definition; returns AWS's ValidateStateMachineDefinition response shape, each
/// diagnostic with `line` and `column` added (the same JSON as `asl validate --format json`).
#[wasm_bindgen(js_name = validate, unchecked_return_type = "ValidationResponse")]
pub fn validate(
    definition: &str,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let options: JsValidateOptions = from_js_options(options)?;
    let options = options.into_options().map_err(|e| JsError::new(&e))?;
    to_js(&api::validate(definition, &options).to_aws_json())
}

/// An options object from JavaScript: its defaults when `undefined` or `null`.
fn from_js_options<T: serde::de::DeserializeOwned + Default>(value: JsValue) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&e.to_string()))
}

/// A JSON value as a JavaScript one: serialised here and read by the engine's `JSON.parse`, which
/// is several times faster for large values than building them one property at a time.
fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text)
        .map_err(|e| JsError::new(&format!("JSON.parse refused the answer: {e:?}")))
}

/// Run AWS's TestState on a request (the JSON AWS's API takes); returns AWS's response, or throws
/// AWS's error (`{Error: {Code, Message}}` as the message) when the request is refused.
///
/// `shapes` are tables of AWS SDK services' output shapes (`aws-shapes/<service>.json`, see
/// `testStateService` for the one a request needs): an `aws-sdk:` Task's mocked result is checked
/// against its service's table when it is given, else only where the engine knows the shape.
/// A table that is not one throws.
#[wasm_bindgen(js_name = testState, unchecked_return_type = "TestStateResponse")]
pub fn test_state_js(
    #[wasm_bindgen(unchecked_param_type = "TestStateRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AwsShapesTable[] | undefined")] shapes: JsValue,
) -> Result<JsValue, JsError> {
    let request: serde_json::Value =
        serde_wasm_bindgen::from_value(request).map_err(|e| JsError::new(&e.to_string()))?;
    let mut options = TestStateOptions::default();
    if !shapes.is_undefined() && !shapes.is_null() {
        let tables: Vec<serde_json::Value> =
            serde_wasm_bindgen::from_value(shapes).map_err(|e| JsError::new(&e.to_string()))?;
        for table in tables {
            let table = match table {
                serde_json::Value::String(text) => ServiceShapes::parse(&text),
                other => ServiceShapes::parse(&other.to_string()),
            };
            options
                .shapes
                .insert(table.map_err(|e| JsError::new(&e.to_string()))?);
        }
    }
    match test_state(&request, &options) {
        Ok(response) => to_js(&response),
        Err(error) => Err(JsError::new(&error.to_json().to_string())),
    }
}

/// The AWS SDK service whose table of output shapes `testState` would check this request's
/// mocked result against (`"s3"` for an `aws-sdk:s3:getObject` Task mocked in STRICT or PRESENT
/// mode), or `undefined`: fetch `aws-shapes/<service>.json` only when it names one.
#[wasm_bindgen(js_name = testStateService)]
pub fn test_state_service(
    #[wasm_bindgen(unchecked_param_type = "TestStateRequest")] request: JsValue,
) -> Result<Option<String>, JsError> {
    let request: serde_json::Value =
        serde_wasm_bindgen::from_value(request).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(sdk_service(&request))
}

/// Evaluate a JSONPath, an intrinsic function call, a payload template (a JSON object's text) or
/// a JSONata expression (`{% … %}`).
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "EvaluateResult")]
pub fn evaluate(
    expression: &str,
    #[wasm_bindgen(unchecked_param_type = "EvaluateInput | undefined")] input: JsValue,
) -> Result<JsValue, JsError> {
    let input: JsEvalInput = from_js_options(input)?;
    let input = input.into_eval_input();
    evaluation(api::query(expression, &input))
}

/// The object JavaScript passes to `evaluate`.
#[derive(Default, Deserialize)]
#[serde(default)]
struct JsEvalInput {
    input: serde_json::Value,
    context: serde_json::Value,
    variables: serde_json::Map<String, serde_json::Value>,
    seed: u64,
}

impl JsEvalInput {
    fn into_eval_input(self) -> EvalInput {
        EvalInput {
            input: self.input,
            context: self.context,
            variables: self.variables,
            seed: self.seed,
            ..EvalInput::default()
        }
    }
}

/// `evaluate`'s answer: `{value}`, `{error, cause}` or `{syntaxError, start, end}`.
fn evaluation(result: Result<api::Selection<'_>, EvalError>) -> Result<JsValue, JsError> {
    /// `{value}`, a path's matches written out from the document's own nodes (not copied first).
    #[derive(serde::Serialize)]
    struct Answer<'a> {
        value: api::Selection<'a>,
    }
    match result {
        Ok(value) => to_js(&Answer { value }),
        Err(EvalError::Runtime(e)) => {
            to_js(&serde_json::json!({ "error": e.error, "cause": e.cause }))
        }
        Err(EvalError::Syntax { message, range }) => to_js(
            &serde_json::json!({ "syntaxError": message, "start": range.start, "end": range.end }),
        ),
    }
}

/// A JSON document read once and queried many times, as `evaluate` queries its input: a large
/// input stays in the engine instead of being converted from JavaScript for every query.
///
/// ```js
/// const doc = new Document(text);            // throws where the text is not JSON
/// doc.evaluate("$.orders[?(@.total > 500)].id");
/// doc.evaluate("{% $sum($states.input.orders.total) %}");
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct Document {
    document: api::Document,
}

#[wasm_bindgen]
impl Document {
    /// Read `json`; `context` is the context object and variables around it, as `evaluate`
    /// takes them (its `input` is ignored).
    #[wasm_bindgen(constructor)]
    pub fn new(
        json: &str,
        #[wasm_bindgen(unchecked_param_type = "EvaluateInput | undefined")] context: JsValue,
    ) -> Result<Document, JsError> {
        let around: JsEvalInput = from_js_options(context)?;
        let document = serde_json::from_str(json)
            .map_err(|e| JsError::new(&format!("The document is not JSON: {e}")))?;
        let mut input = around.into_eval_input();
        input.input = document;
        Ok(Document {
            document: api::Document::new(input),
        })
    }

    /// Evaluate an expression against the document: the same answers as `evaluate`.
    #[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
    pub fn evaluate(&self, expression: &str) -> Result<JsValue, JsError> {
        evaluation(self.document.query(expression))
    }
}

/// The options object JavaScript passes to `run`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct JsRunOptions {
    input: Option<String>,
    mock_config: Option<String>,
    test_case: Option<String>,
    #[serde(rename = "type")]
    machine_type: Option<String>,
    seed: Option<u64>,
    start_time: Option<String>,
    name: Option<String>,
    state_machine_name: Option<String>,
    account: Option<String>,
    region: Option<String>,
    role_arn: Option<String>,
    max_transitions: Option<u64>,
    s3_objects: std::collections::BTreeMap<String, String>,
    actions: Option<serde_json::Value>,
    children: std::collections::BTreeMap<String, String>,
    deliveries: Option<u32>,
    history: Option<bool>,
}

/// Run a whole execution on a virtual clock, task outcomes from the mock configuration; returns
/// `{execution}`, `{validation}` or `{problem}` (the same JSON as `asl run --format json` for an
/// execution).
#[wasm_bindgen(js_name = run, unchecked_return_type = "RunResponse")]
pub fn run_js(
    definition: &str,
    #[wasm_bindgen(unchecked_param_type = "RunOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    use asl_core::exec::context::parse_timestamp;
    use asl_core::exec::run::{Limits, RunOptions};
    let js: JsRunOptions = from_js_options(options)?;
    let mut options = RunOptions::default();
    if let Some(t) = &js.machine_type {
        let machine_type: asl_core::validate::MachineType =
            t.parse().map_err(|e: String| JsError::new(&e))?;
        options.express = machine_type == asl_core::validate::MachineType::Express;
    }
    if let Some(seed) = js.seed {
        options.seed = seed;
    }
    if let Some(start) = &js.start_time {
        options.start_millis = parse_timestamp(start)
            .ok_or_else(|| JsError::new(&format!("'{start}' is not an RFC 3339 timestamp")))?;
    }
    let identity = &mut options.identity;
    if let Some(account) = js.account {
        *identity = std::mem::take(identity).in_account(account);
    }
    for (field, value) in [
        (&mut identity.execution_name, js.name),
        (&mut identity.state_machine_name, js.state_machine_name),
        (&mut identity.region, js.region),
        (&mut identity.role_arn, js.role_arn),
    ] {
        if let Some(value) = value {
            *field = value;
        }
    }
    if let Some(max) = js.max_transitions {
        options.limits = Limits {
            max_transitions: max,
            ..options.limits
        };
    }
    options.s3_objects = js.s3_objects;
    if let Some(actions) = &js.actions {
        options.actions = asl_core::exec::run::actions::actions_from_json(actions)
            .map_err(|e| JsError::new(&e))?;
    }
    let request = api::RunRequest {
        definition,
        input: js.input.as_deref().unwrap_or(""),
        mock_config: js.mock_config.as_deref(),
        test_case: js.test_case.as_deref(),
        options,
        children: js
            .children
            .iter()
            .map(|(name, definition)| api::ChildDefinition {
                name,
                definition,
                express: false,
            })
            .collect(),
        deliveries: js.deliveries.unwrap_or(1),
    };
    to_js(&api::run(request).to_json_with(js.history.unwrap_or(true)))
}

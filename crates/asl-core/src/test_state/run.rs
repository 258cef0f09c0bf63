//! Running one state as TestState does.

use super::inspection::Inspection;
use super::request::{FieldValidation, Mock, Request};
#[cfg(feature = "mock-shapes")]
use super::schema;
use super::{TestStateError, TestStateOptions};
use crate::analysis::{Analysis, AnalysisOptions, creation_message};
use crate::diag::Code;
use crate::exec::context::format_timestamp;
use crate::exec::dataflow::{Env, apply_path};
use crate::exec::error::{StatesError, names};
use crate::exec::jsonata_step;
use crate::exec::retry::{backoff_seconds, first_match};
use crate::exec::rng::Rng;
use crate::exec::step::{self, Exit, Next, Observer};
use crate::json::{Kind, Node};
use crate::model::{self, Machine, PathField, QueryLanguage, ResultFields, State, StateKind, Task};
use crate::resource::Pattern;
use crate::source;
use serde_json::{Map, Value, json};

/// The name TestState gives the state it tests (in the context object and in locations).
const STATE_NAME: &str = "StateName";

/// How the test ended.
enum Status {
    Succeeded,
    Failed,
    Retriable,
    CaughtError,
}

impl Status {
    fn as_str(&self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::Retriable => "RETRIABLE",
            Status::CaughtError => "CAUGHT_ERROR",
        }
    }
}

struct Outcome {
    status: Status,
    output: Option<Value>,
    error: Option<StatesError>,
    next: Option<String>,
}

impl Outcome {
    fn succeeded(output: Value, next: Option<String>) -> Self {
        Outcome {
            status: Status::Succeeded,
            output: Some(output),
            error: None,
            next,
        }
    }

    fn failed(error: StatesError) -> Self {
        Outcome {
            status: Status::Failed,
            output: None,
            error: Some(error),
            next: None,
        }
    }
}

pub(super) fn run(request: &Request, options: &TestStateOptions) -> Result<Value, TestStateError> {
    let state = load(request)?;
    check(request, &state, options)?;
    let context = request
        .context
        .clone()
        .unwrap_or_else(|| synthetic_context(request, &state, options));
    let variables = request.variables.clone().unwrap_or_default();
    let mut rng = Rng::new(options.seed);
    let mut tester = Tester {
        request,
        state: &state,
        inspection: Inspection::default(),
        env_context: &context,
        variables: &variables,
        assigned: Map::new(),
        refused: None,
    };
    let outcome = tester.run(&mut rng);
    if let Some(refused) = tester.refused.take() {
        return Err(refused);
    }
    let mut response = Map::new();
    if let Some(output) = &outcome.output {
        response.insert("output".into(), Value::String(output.to_string()));
    }
    if let Some(error) = &outcome.error {
        if let Some(name) = &error.error {
            response.insert("error".into(), Value::String(name.clone()));
        }
        if let Some(cause) = &error.cause {
            response.insert("cause".into(), Value::String(cause.clone()));
        }
    }
    if let Some(next) = &outcome.next {
        response.insert("nextState".into(), Value::String(next.clone()));
    }
    response.insert(
        "status".into(),
        Value::String(outcome.status.as_str().into()),
    );
    if request.inspects() {
        let mut all = variables.clone();
        all.extend(tester.assigned.clone());
        if !all.is_empty() {
            tester.inspection.variables = Some(Value::Object(all));
        }
        response.insert("inspectionData".into(), tester.inspection.to_json());
    }
    Ok(Value::Object(response))
}

/// Read, validate and build the state under test.
fn load(request: &Request) -> Result<State, TestStateError> {
    let invalid = |message: String| TestStateError::invalid_definition(message);
    match &request.state_name {
        Some(name) => {
            let analysis = Analysis::new(&request.definition, &AnalysisOptions::default());
            let machine = analysis.machine().map_err(|e| invalid(e.0))?;
            find(&machine, name)
                .cloned()
                .ok_or_else(|| TestStateError::validation("State not found in definition"))
        }
        None => {
            let definition = source::read(&request.definition, None).map_err(|d| {
                invalid(format!(
                    "Invalid State Machine Definition: '{}: {}'",
                    d.code, d.message
                ))
            })?;
            // Validate the state as AWS does: as the only state of a machine, named StateName,
            // without the checks of transitions it cannot have.
            let wrapped = format!(
                r#"{{"StartAt":"{STATE_NAME}","States":{{"{STATE_NAME}":{}}}}}"#,
                definition.root.to_value()
            );
            let analysis = Analysis::new(&wrapped, &AnalysisOptions::default());
            let relevant = analysis.diagnostics().iter().filter(|d| {
                !matches!(
                    d.code,
                    Code::MissingTransitionTarget | Code::MissingEndState
                )
            });
            if let Some(message) = creation_message(relevant) {
                return Err(invalid(message));
            }
            let language = match &definition.root.kind {
                Kind::Object(o)
                    if o.get("QueryLanguage").and_then(Node::as_str) == Some("JSONata") =>
                {
                    QueryLanguage::Jsonata
                }
                _ => QueryLanguage::JsonPath,
            };
            model::build_state(STATE_NAME, &definition.root, language).map_err(|e| invalid(e.0))
        }
    }
}

/// The state named `name`, in the machine or any branch or processor.
fn find<'m>(machine: &'m Machine, name: &str) -> Option<&'m State> {
    machine.states.iter().find_map(|state| {
        if &*state.name == name {
            return Some(state);
        }
        match &state.kind {
            StateKind::Parallel(p) => p.branches.iter().find_map(|b| find(b, name)),
            StateKind::Map(m) => find(&m.processor, name),
            _ => None,
        }
    })
}

/// What TestState refuses once it knows the state.
fn check(
    request: &Request,
    state: &State,
    options: &TestStateOptions,
) -> Result<(), TestStateError> {
    let type_name = state.kind.type_name();
    if request.mock.is_none() && request.map_iteration_failure_count.is_some() {
        return Err(TestStateError::validation(
            "TestState does not support MapIterationFailureCount when a mock is not specified.",
        ));
    }
    match (&request.mock, &state.kind) {
        (
            Some(_),
            StateKind::Pass(_)
            | StateKind::Succeed
            | StateKind::Fail(_)
            | StateKind::Choice(_)
            | StateKind::Wait(_),
        ) => {
            return Err(TestStateError::validation(format!(
                "State type '{type_name}' is not supported when a mock is specified"
            )));
        }
        (None, StateKind::Map(_) | StateKind::Parallel(_)) => {
            return Err(TestStateError::invalid_definition(
                "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, \
                 Succeed, Fail, Choice]",
            ));
        }
        (None, StateKind::Task(_)) if request.role_arn.is_none() => {
            return Err(TestStateError::validation(
                "RoleArn must be specified when testing a Task state",
            ));
        }
        (None, StateKind::Task(_)) => {
            return Err(TestStateError::validation(
                "The playground does not call AWS services: give the task's outcome as mock.result or mock.errorOutput",
            ));
        }
        _ => {}
    }
    if request.mock.is_some() && request.reveal_secrets {
        return Err(TestStateError::validation(
            "TestState does not support RevealSecrets when a mock is specified.",
        ));
    }
    if let Some(context) = &request.context {
        check_context(context, state)?;
    }
    if let Some(Mock::Result(result)) = &request.mock {
        check_mock_result(request, state, result, options)?;
    }
    Ok(())
}

fn check_context(context: &Value, state: &State) -> Result<(), TestStateError> {
    let invalid =
        |why: String| TestStateError::validation(format!("Invalid Context object provided: {why}"));
    let Some(object) = context.as_object() else {
        return Err(invalid("it must be a JSON object".into()));
    };
    for (key, value) in object {
        match key.as_str() {
            "Execution" | "State" | "StateMachine" => check_context_fields(key, value)?,
            "Map" => {
                return Err(invalid(
                    "'Map' field is not supported when mocking a Context object".into(),
                ));
            }
            "Task" => {
                let waits = matches!(&state.kind, StateKind::Task(t)
                    if t.resource().integration().is_some_and(|i| i.pattern != Pattern::RequestResponse));
                if !waits {
                    return Err(invalid(
                        "Context object contains 'Task' when state is not a Task state with a '.sync' or \
                         '.waitForTaskToken' service integration pattern"
                            .into(),
                    ));
                }
                check_context_fields(key, value)?;
            }
            other => return Err(invalid(format!("Field '{other}' is not allowed"))),
        }
    }
    Ok(())
}

/// What a field of the context object holds.
#[derive(Clone, Copy)]
enum ContextField {
    String,
    Integer,
    Any,
}

/// The fields of each part of the context object a TestState request may give.
const CONTEXT_FIELDS: &[(&str, &[(&str, ContextField)])] = &[
    (
        "Execution",
        &[
            ("Id", ContextField::String),
            ("Input", ContextField::Any),
            ("Name", ContextField::String),
            ("RoleArn", ContextField::String),
            ("StartTime", ContextField::String),
            ("RedriveCount", ContextField::Integer),
        ],
    ),
    (
        "State",
        &[
            ("Name", ContextField::String),
            ("EnteredTime", ContextField::String),
            ("RetryCount", ContextField::Integer),
        ],
    ),
    (
        "StateMachine",
        &[("Id", ContextField::String), ("Name", ContextField::String)],
    ),
    ("Task", &[("Token", ContextField::String)]),
];

/// One part of a given context object (`Execution`, …): an object of the fields AWS knows, each
/// of its type. ⚠ AWS's wording is recorded for an unknown top-level field ("Field 'x' is not
/// allowed") and a wrong type ("… Execution.Id must be a string"); nested fields are named in
/// the same dotted way.
fn check_context_fields(part: &str, value: &Value) -> Result<(), TestStateError> {
    let invalid =
        |why: String| TestStateError::validation(format!("Invalid Context object provided: {why}"));
    let Some(object) = value.as_object() else {
        return Err(invalid(format!("{part} must be an object")));
    };
    let known = CONTEXT_FIELDS
        .iter()
        .find(|(name, _)| *name == part)
        .map_or(&[][..], |(_, fields)| fields);
    for (field, value) in object {
        let Some((_, kind)) = known.iter().find(|(name, _)| name == field) else {
            return Err(invalid(format!("Field '{part}.{field}' is not allowed")));
        };
        let wrong = match kind {
            ContextField::String if !value.is_string() => Some("a string"),
            ContextField::Integer if !(value.is_u64() || value.is_i64()) => Some("an integer"),
            _ => None,
        };
        if let Some(expected) = wrong {
            return Err(invalid(format!("{part}.{field} must be {expected}")));
        }
    }
    Ok(())
}

#[cfg_attr(not(feature = "mock-shapes"), allow(unused_variables))]
fn check_mock_result(
    request: &Request,
    state: &State,
    result: &Value,
    options: &TestStateOptions,
) -> Result<(), TestStateError> {
    let invalid = |m: &str| Err(TestStateError::validation(m));
    match &state.kind {
        StateKind::Parallel(p) => match result.as_array() {
            None => return invalid("Mocked result must be an array."),
            Some(items) if items.len() != p.branches.len() => {
                return invalid(
                    "Mocked result must contain the same number of items as number of Parallel branches.",
                );
            }
            Some(_) => {}
        },
        StateKind::Map(m) if m.result_writer.is_some() && !result.is_object() => {
            return invalid("Mocked result must be a JSON object.");
        }
        StateKind::Map(_) if !result.is_array() => {
            return invalid("Mocked result must be an array.");
        }
        #[cfg(feature = "mock-shapes")]
        StateKind::Task(task) if request.field_validation != FieldValidation::None => {
            if let Some((table, shape)) = schema::output_shape(&task.resource(), &options.shapes) {
                schema::check(
                    result,
                    table,
                    shape,
                    request.field_validation == FieldValidation::Strict,
                )
                .map_err(|m| {
                    TestStateError::validation(format!("Mock result schema validation error: {m}"))
                })?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The AWS SDK service of the Task a request tests with a mocked result to check.
pub(super) fn sdk_service(request: &Request) -> Option<String> {
    if request.field_validation == FieldValidation::None
        || !matches!(request.mock, Some(Mock::Result(_)))
    {
        return None;
    }
    let state = load(request).ok()?;
    let StateKind::Task(task) = &state.kind else {
        return None;
    };
    let resource = task.resource();
    let integration = resource.integration()?;
    (integration.sdk && integration.pattern == Pattern::RequestResponse)
        .then(|| integration.service.to_string())
}

/// TestState's own context object: an Express-style execution of a machine named after the
/// options, the state called `StateName`.
fn synthetic_context(request: &Request, state: &State, options: &TestStateOptions) -> Value {
    let identity = &options.identity;
    let now = format_timestamp(options.start_millis);
    let mut state_object = Map::new();
    state_object.insert("Name".into(), json!(STATE_NAME));
    state_object.insert("EnteredTime".into(), json!(now));
    if matches!(
        state.kind,
        StateKind::Task(_) | StateKind::Map(_) | StateKind::Parallel(_)
    ) {
        state_object.insert("RetryCount".into(), json!(request.retrier_retry_count));
    }
    json!({
        "Execution": {
            "Id": identity.execution_arn(true),
            "Input": request.input,
            "Name": identity.execution_name,
            "RoleArn": request.role_arn,
            "StartTime": now,
        },
        "StateMachine": { "Id": identity.state_machine_arn(), "Name": identity.state_machine_name },
        "State": state_object,
    })
}

struct Tester<'a> {
    request: &'a Request,
    state: &'a State,
    inspection: Inspection,
    env_context: &'a Value,
    variables: &'a Map<String, Value>,
    assigned: Map<String, Value>,
    /// A request TestState refuses once the state has begun (a Map's items known).
    refused: Option<TestStateError>,
}

impl<'a> Tester<'a> {
    fn env<'r>(&self, rng: &'r mut Rng) -> Env<'r>
    where
        'a: 'r,
    {
        Env {
            context: self.env_context,
            variables: self.variables,
            rng,
            now_millis: self.env_context["State"]["EnteredTime"]
                .as_str()
                .and_then(crate::exec::context::parse_timestamp)
                .unwrap_or(crate::exec::context::DEFAULT_START_MILLIS),
        }
    }

    fn run(&mut self, rng: &mut Rng) -> Outcome {
        let input = self.request.input.clone();
        self.inspection.input = Some(input.clone());
        let state = self.state;
        let mut env = self.env(rng);
        let inspection = &mut self.inspection;
        let exit = match &state.kind {
            StateKind::Pass(pass) => step::pass(state, pass, &input, &mut env, inspection),
            StateKind::Choice(c) => step::choice(state, c, &input, &mut env, inspection),
            StateKind::Wait(w) => {
                step::wait(state, w, &input, 0, &mut env, inspection).map(|(_, exit)| exit)
            }
            StateKind::Succeed => step::succeed(state, &input, &mut env, inspection),
            StateKind::Fail(f) => Err(step::fail(state, f, &input, &mut env, inspection)),
            StateKind::Task(task) => return self.with_handlers(&task.fields, &input, rng),
            StateKind::Parallel(p) => return self.with_handlers(&p.fields, &input, rng),
            StateKind::Map(m) => return self.with_handlers(&m.fields, &input, rng),
        };
        match exit {
            Ok(exit) => self.succeeded(exit),
            Err(error) => Outcome::failed(error),
        }
    }

    fn succeeded(&mut self, exit: Exit<'_>) -> Outcome {
        self.assigned.extend(exit.assigned);
        let output = exit.output.into_value(&self.request.input);
        let next = match exit.next {
            Next::State(name) => Some(name.to_string()),
            Next::End => None,
        };
        Outcome::succeeded(output, next)
    }

    /// The mocked outcome of the work.
    fn mocked(&self) -> Result<Value, StatesError> {
        match &self.request.mock {
            Some(Mock::Result(result)) => Ok(result.clone()),
            Some(Mock::Error { error, cause }) => {
                Err(StatesError::from_parts(error.clone(), cause.clone()))
            }
            None => Err(StatesError::runtime("the state's outcome must be mocked")),
        }
    }

    /// A Task, Parallel or Map: the work, then ResultSelector, ResultPath and OutputPath; an
    /// error goes to the retriers, then the catchers.
    fn with_handlers(&mut self, fields: &ResultFields, input: &Value, rng: &mut Rng) -> Outcome {
        let result = match &self.state.kind {
            StateKind::Task(task) => self.task(task, input, rng),
            StateKind::Map(map) => self.map(map, input, rng),
            _ => self.mocked(),
        };
        let result = match result {
            Ok(result) => result,
            Err(error) if error.is_runtime() => return Outcome::failed(error),
            Err(error) => return self.handle(fields, input, error, rng),
        };
        // Only a Task reports its raw result, in either query language; a mocked Parallel or
        // Map goes straight to ResultSelector (as AWS's inspection data shows).
        if matches!(self.state.kind, StateKind::Task(_)) {
            self.inspection.result = Some(result.clone());
        }
        let mut env = self.env(rng);
        match step::finish(
            self.state,
            fields,
            input,
            result,
            &mut env,
            &mut self.inspection,
        ) {
            Ok(exit) => self.succeeded(exit),
            Err(error) => Outcome::failed(error),
        }
    }

    /// The work of a Task: its effective input, then its mocked outcome.
    fn task(&mut self, task: &Task, input: &Value, rng: &mut Rng) -> Result<Value, StatesError> {
        let mut env = self.env(rng);
        step::request_input(
            self.state,
            &task.fields,
            input,
            &mut env,
            &mut self.inspection,
        )?;
        self.mocked()
    }

    fn map(
        &mut self,
        map: &model::Map,
        input: &Value,
        rng: &mut Rng,
    ) -> Result<Value, StatesError> {
        if self.state.query_language == QueryLanguage::Jsonata {
            return self.jsonata_map(map, input, rng);
        }
        let env = self.env(rng);
        let effective = apply_path(&self.state.input_path, input, &env)?;
        self.inspection.after_input_path = Some(effective.clone());
        let items = match &map.items_path {
            PathField::Path(path) => {
                let roots = env.roots(&effective);
                let shown = path
                    .text
                    .strip_prefix('$')
                    .filter(|t| t.starts_with('$'))
                    .unwrap_or(&path.text);
                path.path
                    .eval(roots)
                    .ok()
                    .filter(Value::is_array)
                    .ok_or_else(|| {
                        StatesError::runtime(format!(
                            "Reference path \"{shown}\" must point to array."
                        ))
                    })?
            }
            _ => effective,
        };
        let Value::Array(items) = items else {
            return Err(StatesError::runtime(
                "Reference path \"$\" must point to array.",
            ));
        };
        self.inspection.after_items_path = Some(Value::Array(items.clone()));
        let count = |c: &Option<model::Count>| match c {
            Some(model::Count::Literal(n)) => Some(*n),
            _ => None,
        };
        let limits = (
            count(&map.max_concurrency),
            count(&map.tolerated_failure_count),
            count(&map.tolerated_failure_percentage),
        );
        self.map_limits(items.len(), limits)
    }

    /// A JSONata Map: its items (`Items`, or the input), its limits (numbers or expressions).
    fn jsonata_map(
        &mut self,
        map: &model::Map,
        input: &Value,
        rng: &mut Rng,
    ) -> Result<Value, StatesError> {
        let mut env = self.env(rng);
        let states = jsonata_step::states(input, env.context);
        let items = match (
            &map.item_reader,
            &self.request.map_item_reader_data,
            &map.items,
        ) {
            (Some(_), Some(data), _) => data.clone(),
            (_, _, Some(template)) => jsonata_step::evaluate(template, "Items", &states, &mut env)?,
            _ => input.clone(),
        };
        let Value::Array(items) = items else {
            return Err(StatesError::query(
                format!("Map state input must be an array but was: {items}"),
                None,
            ));
        };
        let mut count =
            |c: &Option<model::Count>, name: &str| -> Result<Option<f64>, StatesError> {
                Ok(match c {
                    Some(model::Count::Literal(n)) => Some(*n),
                    Some(model::Count::Expression(template)) => {
                        jsonata_step::evaluate(template, name, &states, &mut env)?.as_f64()
                    }
                    _ => None,
                })
            };
        let limits = (
            count(&map.max_concurrency, "MaxConcurrency")?,
            count(&map.tolerated_failure_count, "ToleratedFailureCount")?,
            count(
                &map.tolerated_failure_percentage,
                "ToleratedFailurePercentage",
            )?,
        );
        self.map_limits(items.len(), limits)
    }

    /// MaxConcurrency and the tolerated failures, reported; the failures TestState was told
    /// of, against them; then the mocked outcome.
    fn map_limits(
        &mut self,
        total: usize,
        (max_concurrency, tolerated_count, tolerated_percentage): (
            Option<f64>,
            Option<f64>,
            Option<f64>,
        ),
    ) -> Result<Value, StatesError> {
        self.inspection.max_concurrency = Some(json!(max_concurrency.map_or(0, |n| n as i64)));
        if let Some(n) = tolerated_count {
            self.inspection.tolerated_failure_count = Some(json!(n as i64));
        }
        if let Some(p) = tolerated_percentage {
            self.inspection.tolerated_failure_percentage = Some(json!(p));
        }
        let failures = self.request.map_iteration_failure_count.unwrap_or(0);
        if failures > total as u64 {
            const MESSAGE: &str = "Map iteration failure count must be less than or equal to the number of Map iterations";
            self.refused = Some(TestStateError::validation(MESSAGE));
            return Err(StatesError::runtime(MESSAGE));
        }
        let total = total as u64;
        // Without a tolerance, TestState lets any number of mocked failures through (recorded
        // on AWS: test_map_state_failure_count BASE_MAP_STATE, 2 of 3 failed, SUCCEEDED).
        let tolerates = tolerated_count.is_some() || tolerated_percentage.is_some();
        if tolerates
            && step::exceeds_tolerance(failures, total, tolerated_count, tolerated_percentage)
        {
            return Err(StatesError::new(
                names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                "The specified tolerated failure threshold was exceeded",
            ));
        }
        self.mocked()
    }

    fn handle(
        &mut self,
        fields: &ResultFields,
        input: &Value,
        error: StatesError,
        rng: &mut Rng,
    ) -> Outcome {
        let mut details = Map::new();
        if let Some((index, retrier)) = first_match(&fields.retry, |r| &r.error_equals, &error) {
            details.insert("retryIndex".into(), json!(index));
            let attempt = self.request.retrier_retry_count;
            if attempt < retrier.max_attempts {
                let seconds = backoff_seconds(retrier, attempt, rng).floor() as u64;
                details.insert("retryBackoffIntervalSeconds".into(), json!(seconds));
                self.inspection.error_details = Some(details);
                return Outcome {
                    status: Status::Retriable,
                    output: None,
                    error: Some(error),
                    next: None,
                };
            }
        }
        if let Some((index, catcher)) = first_match(&fields.catch, |c| &c.error_equals, &error) {
            details.insert("catchIndex".into(), json!(index));
            self.inspection.error_details = Some(details);
            let mut env = self.env(rng);
            return match step::catch(self.state, catcher, input, &error, &mut env) {
                Ok(exit) => {
                    let mut outcome = self.succeeded(exit);
                    outcome.status = Status::CaughtError;
                    outcome.error = Some(error);
                    outcome
                }
                Err(error) => Outcome::failed(error),
            };
        }
        if !details.is_empty() {
            self.inspection.error_details = Some(details);
        }
        Outcome::failed(error)
    }
}

impl Observer for Inspection {
    fn after_arguments(&mut self, value: &Value) {
        self.after_arguments = Some(value.clone());
    }

    fn after_input_path(&mut self, value: &Value) {
        self.after_input_path = Some(value.clone());
    }

    fn after_parameters(&mut self, value: &Value) {
        self.after_parameters = Some(value.clone());
    }

    fn result(&mut self, value: &Value) {
        self.result = Some(value.clone());
    }

    fn after_result_selector(&mut self, value: &Value) {
        self.after_result_selector = Some(value.clone());
    }

    fn after_result_path(&mut self, value: &Value) {
        self.after_result_path = Some(value.clone());
    }
}

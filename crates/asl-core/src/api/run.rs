//! Running a whole execution from the texts a user typed: the definition, the input, a mock
//! configuration. Every problem comes back as data with a position; nothing is lost.

use super::{ValidateOptions, Validation, validate};
use crate::diag::Severity;
use crate::exec::mock::MockConfig;
use crate::exec::run::{Child, Execution, RunOptions, Runner, run_delivered};
use crate::json::{self, Node};
use crate::model::{self, Machine};
use crate::source;
use crate::text::{LineIndex, Span};
use crate::validate::MachineType;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What to run.
#[derive(Clone, Debug, Default)]
pub struct RunRequest<'a> {
    /// The definition (JSON or YAML).
    pub definition: &'a str,
    /// The execution's input (JSON; blank means `{}`).
    pub input: &'a str,
    /// A Step Functions Local MockConfigFile (JSON), if the tasks are mocked.
    pub mock_config: Option<&'a str>,
    /// The test case of the mock configuration; the only one when there is one.
    pub test_case: Option<&'a str>,
    /// Names, clock, seed, limits and simulated S3 objects (its `mocks` and `children` are
    /// ignored: they come from `mock_config` and `children` here).
    pub options: RunOptions,
    /// The state machines its `states:startExecution` tasks may start.
    pub children: Vec<ChildDefinition<'a>>,
    /// How many times an Express execution is delivered (at-least-once; 0 and 1 mean once).
    pub deliveries: u32,
}

/// A state machine a `states:startExecution` task may start, by the name its ARN ends with.
#[derive(Clone, Copy, Debug)]
pub struct ChildDefinition<'a> {
    /// The state machine's name.
    pub name: &'a str,
    /// Its definition.
    pub definition: &'a str,
    /// An Express machine.
    pub express: bool,
}

/// Which text a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The definition.
    Definition,
    /// The input.
    Input,
    /// The mock configuration.
    Mocks,
    /// A nested state machine's definition (the message names it).
    Child,
}

impl Source {
    /// `definition`, `input`, `mocks` or `child`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Definition => "definition",
            Source::Input => "input",
            Source::Mocks => "mocks",
            Source::Child => "child",
        }
    }
}

/// Why nothing ran: the text, the message and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Which text.
    pub source: Source,
    /// What is wrong.
    pub message: String,
    /// 1-based line and column, when known.
    pub position: Option<(u32, u32)>,
}

/// The outcome of [`run`].
#[derive(Clone, Debug, PartialEq)]
pub enum RunResult {
    /// The execution ran (whatever its status).
    Ran(Box<Execution>),
    /// The definition has errors: nothing ran.
    Invalid(Validation),
    /// The input or the mock configuration could not be used.
    Problem(Problem),
}

impl RunResult {
    /// As JSON: `{"execution": …}` (see [`Execution::to_json`]), `{"validation": …}` (AWS's
    /// ValidateStateMachineDefinition response) or `{"problem": {source, message, line, column}}`.
    pub fn to_json(&self) -> Value {
        self.to_json_with(true)
    }

    /// [`RunResult::to_json`], the execution's history (`events`, `retries`, `catches`, …) left
    /// out when `history` is false: DescribeExecution's fields alone.
    pub fn to_json_with(&self, history: bool) -> Value {
        match self {
            RunResult::Ran(execution) if history => json!({ "execution": execution.to_json() }),
            RunResult::Ran(execution) => json!({ "execution": execution.describe() }),
            RunResult::Invalid(validation) => json!({ "validation": validation.to_aws_json() }),
            RunResult::Problem(problem) => {
                let mut out = json!({
                    "source": problem.source.as_str(),
                    "message": problem.message,
                });
                if let Some((line, column)) = problem.position {
                    out["line"] = json!(line);
                    out["column"] = json!(column);
                }
                json!({ "problem": out })
            }
        }
    }
}

/// Validate the definition, read the input and the mocks, and run.
pub fn run(request: RunRequest<'_>) -> RunResult {
    match prepare(request) {
        Ok(Prepared {
            machine,
            input,
            options,
            deliveries,
        }) => RunResult::Ran(Box::new(run_delivered(
            &machine, input, options, deliveries,
        ))),
        Err(result) => result,
    }
}

/// An execution under way, run in slices (a browser runs a long execution between frames, with
/// a Stop button): the same execution [`run`] gives, move for move.
#[derive(Debug)]
pub struct Running {
    runner: Runner,
}

/// What [`begin`] gives: an outcome already (a definition, input or mocks that cannot run, or
/// an at-least-once Express execution, run whole), or an execution to go on with.
#[derive(Debug)]
pub enum Begun {
    /// Nothing left to run.
    Done(RunResult),
    /// Under way.
    Running(Running),
}

/// [`run`], in slices: validate, read the input and the mocks, and start.
pub fn begin(request: RunRequest<'_>) -> Begun {
    if request.deliveries > 1 {
        return Begun::Done(run(request));
    }
    match prepare(request) {
        Ok(Prepared {
            machine,
            input,
            options,
            ..
        }) => Begun::Running(Running {
            runner: Runner::new(machine, input, options),
        }),
        Err(result) => Begun::Done(result),
    }
}

impl Running {
    /// Go on for at most `moves` moves: the outcome once the execution has ended or waits for
    /// an answer.
    pub fn run_for(&mut self, moves: u64) -> Option<RunResult> {
        self.runner
            .run_for(moves)
            .map(|execution| RunResult::Ran(Box::new(execution)))
    }

    /// How many states have been entered so far.
    pub fn transitions(&self) -> u64 {
        self.runner.transitions()
    }

    /// Stop it now (StopExecution, as the user asked): the execution, aborted where it got to.
    pub fn stop(self) -> RunResult {
        let cause = format!(
            "Stopped in the playground after {} state transitions",
            self.runner.transitions()
        );
        RunResult::Ran(Box::new(self.runner.stop(None, Some(cause))))
    }
}

/// A request made ready to run.
struct Prepared {
    machine: Machine,
    input: Value,
    options: RunOptions,
    deliveries: u32,
}

/// Validate the definition, read the input, the mocks and the children: ready to run, or the
/// outcome that says why not.
fn prepare(request: RunRequest<'_>) -> Result<Prepared, RunResult> {
    let RunRequest {
        definition,
        input,
        mock_config,
        test_case,
        mut options,
        children,
        deliveries,
    } = request;
    let validation = validate(definition, &error_options(options.express));
    if !validation.ok {
        return Err(RunResult::Invalid(validation));
    }
    let input = match read_json(input, Source::Input) {
        Ok(Some(value)) => value,
        Ok(None) => json!({}),
        Err(problem) => return Err(RunResult::Problem(problem)),
    };
    options.mocks = None;
    let mut config = None;
    if let Some(text) = mock_config.filter(|t| !t.trim().is_empty()) {
        let read = read_config(text).and_then(|(config, at)| {
            let mocks = test_case_mocks(
                &config,
                &at,
                test_case,
                &options.identity.state_machine_name,
            )?;
            Ok((config, mocks))
        });
        match read {
            Ok((read, (case, mocks))) => {
                options.mocks = Some(mocks);
                config = Some((read, case));
            }
            Err(problem) => return Err(RunResult::Problem(problem)),
        }
    }
    options.children = BTreeMap::new();
    for child in children {
        match build_child(&child, config.as_ref()) {
            Ok(built) => {
                options.children.insert(child.name.to_string(), built);
            }
            Err(message) => {
                return Err(RunResult::Problem(Problem {
                    source: Source::Child,
                    message: format!("the state machine '{}': {message}", child.name),
                    position: None,
                }));
            }
        }
    }
    match build(definition) {
        Ok(machine) => Ok(Prepared {
            machine,
            input,
            options,
            deliveries,
        }),
        Err(message) => Err(RunResult::Problem(Problem {
            source: Source::Definition,
            message,
            position: None,
        })),
    }
}

/// A JSON text's value (`None` when blank), or where it stops being JSON.
fn read_json(text: &str, source: Source) -> Result<Option<Value>, Problem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    json::read_value(text)
        .map(Some)
        .map_err(|error| problem_at(text, &error, source))
}

/// A text that is not JSON, where it goes wrong.
fn problem_at(text: &str, error: &json::ParseError, source: Source) -> Problem {
    let at = LineIndex::new(text).position(error.span.start);
    Problem {
        source,
        message: error.message.clone(),
        position: Some((at.line, at.column)),
    }
}

/// The test cases a mock configuration offers (for its only state machine, or the one named
/// `machine_name`); empty when the text is not a valid configuration.
pub fn mock_test_cases(text: &str, machine_name: &str) -> Vec<String> {
    let Ok(value) = json::read_value(text) else {
        return Vec::new();
    };
    let Ok(config) = MockConfig::from_json(&value) else {
        return Vec::new();
    };
    let machines: Vec<&str> = config.machine_names().collect();
    let machine = match machines.as_slice() {
        [only] => *only,
        _ => machine_name,
    };
    config
        .test_case_names(machine)
        .map(str::to_string)
        .collect()
}

/// A parsed mock configuration, and a way to turn a pointer into a position.
type Located = Box<dyn Fn(&str, String) -> Problem>;

fn read_config(text: &str) -> Result<(MockConfig, Located), Problem> {
    let value = json::read_value(text).map_err(|error| problem_at(text, &error, Source::Mocks))?;
    let config = MockConfig::from_json(&value);
    let text = text.to_string();
    // The spans are read only when a problem must point at its place.
    let at_pointer: Located = Box::new(move |pointer: &str, message: String| {
        let position = json::parse(&text)
            .ok()
            .and_then(|document| find(&document.root, pointer))
            .map(|span| {
                let at = LineIndex::new(&text).position(span.start);
                (at.line, at.column)
            });
        Problem {
            source: Source::Mocks,
            message,
            position,
        }
    });
    match config {
        Ok(config) => Ok((config, at_pointer)),
        Err(e) => Err(at_pointer(&e.pointer, e.message)),
    }
}

/// The mocks of a test case. A configuration for one state machine applies whatever the
/// machine is called; with no test case named, its only one is used.
fn test_case_mocks(
    config: &MockConfig,
    at_pointer: &Located,
    test_case: Option<&str>,
    machine_name: &str,
) -> Result<(String, crate::exec::mock::Mocks), Problem> {
    let machines: Vec<&str> = config.machine_names().collect();
    let machine = match machines.as_slice() {
        [only] => *only,
        _ => machine_name,
    };
    let cases: Vec<&str> = config.test_case_names(machine).collect();
    let case = match (test_case.filter(|c| !c.is_empty()), cases.as_slice()) {
        (Some(case), _) => case,
        (None, [only]) => *only,
        (None, _) => {
            return Err(at_pointer(
                "/StateMachines",
                format!(
                    "Choose a test case of the mock configuration ({})",
                    cases.join(", ")
                ),
            ));
        }
    };
    let mocks = config
        .test_case(machine, case)
        .map_err(|e| at_pointer(&e.pointer, e.message))?;
    Ok((case.to_string(), mocks))
}

/// Validation as CreateStateMachine applies it: errors only.
fn error_options(express: bool) -> ValidateOptions {
    ValidateOptions {
        machine_type: if express {
            MachineType::Express
        } else {
            MachineType::Standard
        },
        severity: Severity::Error,
        ..ValidateOptions::default()
    }
}

/// The machine of a (valid) definition.
fn build(definition: &str) -> Result<model::Machine, String> {
    source::read(definition, None)
        .map_err(|d| d.message)
        .and_then(|document| model::build_machine(&document.root).map_err(|e| e.0))
}

/// A nested state machine: valid, built, with its own test case of the mocks (the same name).
fn build_child(
    child: &ChildDefinition<'_>,
    config: Option<&(MockConfig, String)>,
) -> Result<Child, String> {
    if let Some(message) =
        validate(child.definition, &error_options(child.express)).create_state_machine_message()
    {
        return Err(message);
    }
    let machine = build(child.definition)?;
    let mocks = config.and_then(|(config, case)| config.test_case(child.name, case).ok());
    Ok(Child {
        machine: Arc::new(machine),
        mocks,
        express: child.express,
    })
}

/// The span of the value at a JSON pointer.
fn find(root: &Node, pointer: &str) -> Option<Span> {
    let mut node = root;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = node.as_object()?.get(&token)?;
    }
    Some(node.span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::run::ExecutionStatus;

    const TASK: &str = r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
        "OutputPath": "$.Payload", "End": true}}}"#;

    fn request<'a>(definition: &'a str, input: &'a str, mocks: Option<&'a str>) -> RunRequest<'a> {
        RunRequest {
            definition,
            input,
            mock_config: mocks,
            test_case: None,
            options: RunOptions::default(),
            children: Vec::new(),
            deliveries: 1,
        }
    }

    /// A loop that never ends by itself: only the transition limit stops it.
    const ENDLESS: &str = r#"{"StartAt": "Again", "States": {
        "Again": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Check"},
        "Check": {"Type": "Choice", "Default": "Again",
                  "Choices": [{"Variable": "$.n", "NumericLessThan": 0, "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}}"#;

    /// Run `request` in slices of `moves` until it ends.
    fn sliced(request: RunRequest<'_>, moves: u64) -> (RunResult, usize) {
        let mut running = match begin(request) {
            Begun::Running(running) => running,
            Begun::Done(result) => return (result, 0),
        };
        let mut slices = 1;
        loop {
            if let Some(result) = running.run_for(moves) {
                return (result, slices);
            }
            slices += 1;
        }
    }

    #[test]
    fn a_run_in_slices_is_the_run_in_one_go() {
        let mocks = r#"{"StateMachines": {"Any": {"TestCases": {"Happy": {"Call": "Ok"}}}},
            "MockedResponses": {"Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"ok": 1}}}}}}"#;
        let express = |definition| RunRequest {
            options: RunOptions {
                express: true,
                limits: crate::exec::run::Limits {
                    max_transitions: 5_000,
                    ..Default::default()
                },
                ..RunOptions::default()
            },
            ..request(definition, r#"{"n": 0}"#, None)
        };
        for (make, moves) in [
            (request(TASK, "", Some(mocks)), 1),
            (request(ENDLESS, r#"{"n": 0}"#, None), 7),
            (express(ENDLESS), 1000),
            (request("{", "", None), 1),
        ] {
            let whole = run(make.clone()).to_json();
            let (parts, _) = sliced(make, moves);
            assert_eq!(parts.to_json(), whole);
        }
        let (result, slices) = sliced(express(ENDLESS), 1000);
        assert!(slices > 5, "a long run takes many slices ({slices})");
        let RunResult::Ran(execution) = result else {
            panic!("did not run")
        };
        assert_eq!(execution.status, ExecutionStatus::Aborted);
        assert_eq!(
            execution.error.as_deref(),
            Some("Playground.TransitionLimitExceeded")
        );
    }

    #[test]
    fn a_run_under_way_can_be_stopped() {
        let Begun::Running(mut running) = begin(request(ENDLESS, r#"{"n": 0}"#, None)) else {
            panic!("did not start")
        };
        assert!(running.run_for(100).is_none());
        let entered = running.transitions();
        assert!(entered > 10);
        let RunResult::Ran(execution) = running.stop() else {
            panic!("did not run")
        };
        assert_eq!(execution.status, ExecutionStatus::Aborted);
        assert_eq!(
            execution.cause.as_deref(),
            Some(format!("Stopped in the playground after {entered} state transitions").as_str())
        );
        let last = execution.events.last().expect("events").to_json();
        assert_eq!(last["type"], "ExecutionAborted");
    }

    #[test]
    fn runs_with_the_only_test_case_of_the_mocks() {
        let mocks = r#"{"StateMachines": {"Any": {"TestCases": {"Happy": {"Call": "Ok"}}}},
            "MockedResponses": {"Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"ok": 1}}}}}}"#;
        let RunResult::Ran(execution) = run(request(TASK, "", Some(mocks))) else {
            panic!("did not run");
        };
        assert_eq!(execution.status, ExecutionStatus::Succeeded);
        assert_eq!(execution.output, Some(json!({"ok": 1})));
    }

    #[test]
    fn problems_name_their_text_and_position() {
        let RunResult::Invalid(validation) =
            run(request(r#"{"StartAt": "X", "States": {}}"#, "", None))
        else {
            panic!("an invalid definition ran");
        };
        assert!(!validation.ok);
        let RunResult::Problem(problem) = run(request(TASK, "{\n  \"a\": }", None)) else {
            panic!("bad input ran");
        };
        assert_eq!(
            (problem.source, problem.position),
            (Source::Input, Some((2, 8)))
        );
        let mocks = "{\"MockedResponses\": {\"R\": {\n  \"x\": {\"Return\": 1}}}}";
        let RunResult::Problem(problem) = run(request(TASK, "{}", Some(mocks))) else {
            panic!("bad mocks ran");
        };
        assert_eq!(problem.source, Source::Mocks);
        assert_eq!(problem.position, Some((2, 8)), "{}", problem.message);
        assert!(problem.message.contains("not an invocation number"));
    }
}

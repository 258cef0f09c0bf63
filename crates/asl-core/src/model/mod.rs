//! The state machine as the executor runs it: built once from a validated definition, with every
//! path, payload template and intrinsic call already compiled.

mod build;
pub mod template;

pub use build::{BuildError, build_machine, build_state};
pub use template::Template;

use crate::intrinsic::Call;
use crate::jsonata;
use crate::path::Path;
use crate::resource::{Integration, Resource};
use crate::text::Span;
use serde_json::Value;
use std::sync::Arc;

/// The query language of a state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueryLanguage {
    /// JSONPath (the default).
    #[default]
    JsonPath,
    /// JSONata.
    Jsonata,
}

/// A `States` block: the machine itself, a Parallel branch or a Map processor.
#[derive(Clone, Debug)]
pub struct Machine {
    /// The first state.
    pub start_at: String,
    /// The states, in definition order.
    pub states: Vec<State>,
    /// The machine-wide timeout (top level only).
    pub timeout_seconds: Option<u64>,
    /// The machine's query language (top level), inherited by every state that sets none.
    pub query_language: QueryLanguage,
}

impl Machine {
    /// The first state (nested ones included) written in JSONata, if any.
    pub fn first_jsonata_state(&self) -> Option<&State> {
        self.states.iter().find_map(|state| {
            if state.query_language == QueryLanguage::Jsonata {
                return Some(state);
            }
            match &state.kind {
                StateKind::Parallel(p) => p.branches.iter().find_map(Machine::first_jsonata_state),
                StateKind::Map(m) => m.processor.first_jsonata_state(),
                _ => None,
            }
        })
    }

    /// The state named `name`.
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.iter().find(|s| &*s.name == name)
    }
}

/// A path and the text it was written as (error messages quote the text).
#[derive(Clone, Debug, PartialEq)]
pub struct CompiledPath {
    /// The text, as written.
    pub text: Box<str>,
    /// The parsed path.
    pub path: Path,
}

/// A field that is a path, absent (its default), or `null`.
#[derive(Clone, Debug, PartialEq)]
pub enum PathField {
    /// Absent: `$`.
    Default,
    /// `null`.
    Null,
    /// A path.
    Path(CompiledPath),
}

/// Where a state goes next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transition {
    /// `Next`.
    Next(String),
    /// `End: true`.
    End,
    /// Choice, Succeed and Fail states: decided by the state itself.
    None,
}

/// One state.
#[derive(Clone, Debug)]
pub struct State {
    /// Its name (shared with the history events about it).
    pub name: Arc<str>,
    /// Its key in the definition.
    pub span: Span,
    /// Its query language.
    pub query_language: QueryLanguage,
    /// `InputPath`.
    pub input_path: PathField,
    /// `OutputPath`.
    pub output_path: PathField,
    /// `Assign`, as written.
    pub assign: Option<Assign>,
    /// JSONata `Output`.
    pub output: Option<jsonata::Template>,
    /// Where it goes next.
    pub transition: Transition,
    /// What kind of state it is.
    pub kind: StateKind,
    /// Whether any of its fields mentions the context object (`$$`, `$states.context`): the
    /// executor builds the context object only for the states that read it.
    pub reads_context: bool,
}

/// The kinds of state.
#[derive(Clone, Debug)]
pub enum StateKind {
    /// Pass.
    Pass(Pass),
    /// Task.
    Task(Box<Task>),
    /// Choice.
    Choice(Choice),
    /// Wait.
    Wait(Wait),
    /// Succeed.
    Succeed,
    /// Fail.
    Fail(Fail),
    /// Parallel.
    Parallel(Box<Parallel>),
    /// Map.
    Map(Box<Map>),
}

impl StateKind {
    /// The `Type` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            StateKind::Pass(_) => "Pass",
            StateKind::Task(_) => "Task",
            StateKind::Choice(_) => "Choice",
            StateKind::Wait(_) => "Wait",
            StateKind::Succeed => "Succeed",
            StateKind::Fail(_) => "Fail",
            StateKind::Parallel(_) => "Parallel",
            StateKind::Map(_) => "Map",
        }
    }
}

/// `Assign`: variable names and their values (a JSONPath `.$` name is stripped of its suffix).
#[derive(Clone, Debug)]
pub struct Assign {
    /// Each variable and how its value is computed.
    pub entries: Vec<(String, Template)>,
    /// The object as written.
    pub raw: Value,
    /// In JSONata, the object compiled (it is evaluated whole).
    pub jsonata: Option<jsonata::Template>,
}

/// The fields shared by the states that produce a result: Task, Parallel and Map.
#[derive(Clone, Debug, Default)]
pub struct ResultFields {
    /// `Parameters` (or a Map's `ItemSelector`).
    pub parameters: Option<Template>,
    /// JSONata `Arguments`.
    pub arguments: Option<jsonata::Template>,
    /// `ResultSelector`.
    pub result_selector: Option<Template>,
    /// `ResultPath`.
    pub result_path: ResultPath,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
}

/// Where a result goes.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ResultPath {
    /// Absent or `$`: the result replaces the input.
    #[default]
    Replace,
    /// `null`: the result is discarded.
    Discard,
    /// A path into the input.
    Path(CompiledPath),
}

/// A Pass state.
#[derive(Clone, Debug, Default)]
pub struct Pass {
    /// `Parameters`.
    pub parameters: Option<Template>,
    /// `Result`, used as is.
    pub result: Option<Value>,
    /// `ResultPath`.
    pub result_path: ResultPath,
}

/// A Task state.
#[derive(Clone, Debug)]
pub struct Task {
    /// `Resource`.
    pub resource: String,
    /// Parameters, ResultSelector, ResultPath, Retry, Catch.
    pub fields: ResultFields,
    /// `TimeoutSeconds` / `TimeoutSecondsPath`.
    pub timeout: Option<Seconds>,
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
    pub heartbeat: Option<Seconds>,
    /// `Credentials`, as written.
    pub credentials: Option<Value>,
}

impl Task {
    /// What the `Resource` names. A built machine's resources are all recognised (the build
    /// refuses others); were one not, it would be taken as an integration named by its text.
    pub fn resource(&self) -> Resource<'_> {
        Resource::parse(&self.resource)
            .unwrap_or(Resource::Integration(Integration::opaque(&self.resource)))
    }
}

/// A number of seconds: written, read from a path, or a JSONata expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Seconds {
    /// A number.
    Literal(u64),
    /// `…SecondsPath`.
    Path(CompiledPath),
    /// A `{% %}` expression.
    Expression(jsonata::Template),
}

/// A retrier.
#[derive(Clone, Debug, PartialEq)]
pub struct Retrier {
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `IntervalSeconds` (default 1).
    pub interval_seconds: u64,
    /// `MaxAttempts` (default 3).
    pub max_attempts: u64,
    /// `BackoffRate` (default 2.0).
    pub backoff_rate: f64,
    /// `MaxDelaySeconds`.
    pub max_delay_seconds: Option<u64>,
    /// `JitterStrategy: FULL`.
    pub full_jitter: bool,
}

/// A catcher.
#[derive(Clone, Debug)]
pub struct Catcher {
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `Next`.
    pub next: String,
    /// `ResultPath`.
    pub result_path: ResultPath,
    /// JSONata `Output`.
    pub output: Option<jsonata::Template>,
    /// `Assign`.
    pub assign: Option<Assign>,
}

/// A Choice state.
#[derive(Clone, Debug)]
pub struct Choice {
    /// The rules, in order.
    pub choices: Vec<ChoiceRule>,
    /// `Default`.
    pub default: Option<String>,
}

/// A top-level Choice rule.
#[derive(Clone, Debug)]
pub struct ChoiceRule {
    /// When it matches.
    pub condition: Condition,
    /// Where it leads.
    pub next: String,
    /// Its `Assign`.
    pub assign: Option<Assign>,
    /// Its JSONata `Output`.
    pub output: Option<jsonata::Template>,
}

/// A Choice condition.
#[derive(Clone, Debug)]
pub enum Condition {
    /// `And`.
    And(Vec<Condition>),
    /// `Or`.
    Or(Vec<Condition>),
    /// `Not`.
    Not(Box<Condition>),
    /// `Variable` with a comparison.
    Compare {
        /// `Variable`.
        variable: CompiledPath,
        /// The operator's name, e.g. `NumericGreaterThanEquals`.
        operator: String,
        /// Its operand: a literal, or the path of a `…Path` operator.
        operand: Operand,
    },
    /// JSONata `Condition`: a boolean or an expression.
    Jsonata(jsonata::Template),
}

/// A comparison's operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// A literal.
    Value(Value),
    /// A path (the `…Path` operators).
    Path(CompiledPath),
}

/// A Wait state.
#[derive(Clone, Debug, PartialEq)]
pub enum Wait {
    /// `Seconds` (a number or a JSONata expression).
    Seconds(Seconds),
    /// `SecondsPath`.
    SecondsPath(CompiledPath),
    /// `Timestamp` (RFC 3339 text, or a JSONata expression).
    Timestamp(String),
    /// `TimestampPath`.
    TimestampPath(CompiledPath),
    /// JSONata `Timestamp` given as an expression.
    TimestampExpression(jsonata::Template),
}

/// A Fail state.
#[derive(Clone, Debug, Default)]
pub struct Fail {
    /// `Error` / `ErrorPath`.
    pub error: Option<FailField>,
    /// `Cause` / `CausePath`.
    pub cause: Option<FailField>,
}

/// How a Fail state's error or cause is given.
#[derive(Clone, Debug)]
pub enum FailField {
    /// A string (in JSONata, possibly an expression).
    Literal(String),
    /// `ErrorPath`/`CausePath` as a path.
    Path(CompiledPath),
    /// `ErrorPath`/`CausePath` as an intrinsic call.
    Call(Call, String),
    /// JSONata `Error`/`Cause` given as an expression.
    Expression(jsonata::Template),
}

/// A Parallel state.
#[derive(Clone, Debug)]
pub struct Parallel {
    /// The branches.
    pub branches: Vec<Machine>,
    /// Parameters, ResultSelector, ResultPath, Retry, Catch.
    pub fields: ResultFields,
}

/// A Map state.
#[derive(Clone, Debug)]
pub struct Map {
    /// `ItemProcessor` (or `Iterator`).
    pub processor: Machine,
    /// True for `Mode: DISTRIBUTED`.
    pub distributed: bool,
    /// `ItemsPath`.
    pub items_path: PathField,
    /// JSONata `Items`.
    pub items: Option<jsonata::Template>,
    /// JSONata `ItemSelector` (in JSONPath it is `fields.parameters`).
    pub item_selector: Option<jsonata::Template>,
    /// `MaxConcurrency` / `MaxConcurrencyPath`.
    pub max_concurrency: Option<Count>,
    /// `ToleratedFailureCount` / `…Path`.
    pub tolerated_failure_count: Option<Count>,
    /// `ToleratedFailurePercentage` / `…Path`.
    pub tolerated_failure_percentage: Option<Count>,
    /// `ItemReader`, as written.
    pub item_reader: Option<Value>,
    /// `ItemBatcher`, as written.
    pub item_batcher: Option<Value>,
    /// `ResultWriter`, as written.
    pub result_writer: Option<Value>,
    /// `Label`.
    pub label: Option<String>,
    /// ItemSelector (as `parameters`), ResultSelector, ResultPath, Retry, Catch.
    pub fields: ResultFields,
}

/// A count or percentage: written, from a path, or an expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Count {
    /// A number.
    Literal(f64),
    /// From a path.
    Path(CompiledPath),
    /// A JSONata expression.
    Expression(jsonata::Template),
}

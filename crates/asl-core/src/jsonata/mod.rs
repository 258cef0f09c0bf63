//! JSONata as Step Functions runs it: JSONata 2.0 (the `jsonata-core` engine) with AWS's library
//! changes, `$states` and the workflow variables bound, and the impure functions reading the run's
//! virtual clock and seeded random numbers, so that the same run always gives the same values.
//!
//! ```
//! use asl_core::exec::rng::Rng;
//! use asl_core::jsonata::{Expression, Host, Scope, States};
//! use asl_core::path::NoVariables;
//! use serde_json::json;
//!
//! let expression = Expression::parse("$sum($states.input.prices) * 2").unwrap();
//! let (input, context) = (json!({"prices": [1, 2.5]}), json!({}));
//! let states = States::new(&input, &context);
//! let mut rng = Rng::new(1);
//! let scope = Scope { states: &states, variables: &NoVariables };
//! let value = expression.evaluate(&scope, &mut Host { now_millis: 0, rng: &mut rng });
//! assert_eq!(value.unwrap(), asl_core::jsonata::Converted::Json(json!(7)));
//! ```

#[cfg(feature = "jsonata")]
mod analysis;
mod convert;
#[cfg(feature = "jsonata")]
mod functions;
pub mod remote;
pub mod template;

pub use convert::{Converted, number};
#[cfg(feature = "jsonata")]
pub use convert::{from_jvalue, to_jvalue};
pub use template::{Template, expression_text};

use crate::exec::rng::Rng;
use crate::path::Variables;
#[cfg(feature = "jsonata")]
use jsonata_core::{
    ast::AstNode,
    evaluator::{Context, Evaluator},
    parser,
    value::JValue,
};
use serde_json::Value;
#[cfg(feature = "jsonata")]
use std::cell::RefCell;
use std::rc::Rc;

/// A parsed JSONata expression.
#[derive(Clone, Debug)]
pub struct Expression {
    text: String,
    /// The variables it reads (`$name`), `$states` among them: only these are bound.
    variables: Vec<String>,
    body: Body,
}

/// Where the expression was parsed: here (its tree), or by JSONata's own module ([`remote`]:
/// what it reads).
#[derive(Clone, Debug)]
enum Body {
    #[cfg(feature = "jsonata")]
    Here(AstNode),
    Remote(Box<remote::Analysis>),
}

/// Two expressions are the same when their texts are.
impl PartialEq for Expression {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// A JSONata syntax error: JSONata's message (with its code) and, when known, the byte offset
/// in the expression where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// JSONata's message, e.g. `S0202: Expected ")", got "]"`.
    pub message: String,
    /// Where in the expression, in bytes.
    pub offset: usize,
}

impl SyntaxError {
    /// The bytes of `expression` (the text that was parsed) to point at: the character where
    /// JSONata stopped, whole (one byte past the end when it stopped at the end).
    pub fn range_in(&self, expression: &str) -> std::ops::Range<usize> {
        let mut at = self.offset.min(expression.len());
        while !expression.is_char_boundary(at) {
            at -= 1;
        }
        let width = expression[at..].chars().next().map_or(1, char::len_utf8);
        at..at + width
    }
}

/// The `$states` object: the state's input, the context object, and where AWS allows them
/// `result` or `errorOutput`. It is converted for JSONata once, when an expression first reads
/// it, without copying the JSON first; the states of a Map's items share the conversion of the
/// Map's input and of the execution's input (in the context object), so a Map over many items
/// converts them once, not once per item.
#[derive(Debug)]
pub struct States<'a> {
    input: &'a Value,
    context: &'a Value,
    extra: Option<(&'a str, &'a Value)>,
    #[cfg(feature = "jsonata")]
    converted: std::cell::OnceCell<JValue>,
    shared: Rc<Shared>,
}

/// Conversions of one input (and execution input) that several `$states` objects share: the
/// states of one Map's items, or the evaluations of one document (`api::Document`).
#[derive(Clone, Debug, Default)]
pub struct Conversions(Rc<Shared>);

/// Conversions the states of one Map's items share.
#[derive(Debug, Default)]
struct Shared {
    #[cfg(feature = "jsonata")]
    input: std::cell::OnceCell<JValue>,
    #[cfg(feature = "jsonata")]
    execution_input: std::cell::OnceCell<JValue>,
    /// Through a [`remote`] transport: the ids the input and the execution input are kept under
    /// on the other side, once they have crossed.
    kept: std::cell::Cell<Option<(u64, u64)>>,
}

impl Drop for Shared {
    fn drop(&mut self) {
        if let (Some((input, execution_input)), Some(transport)) =
            (self.kept.get(), remote::transport())
        {
            let ids = vec![input, execution_input];
            remote::call(&transport, &remote::Request::Release { ids });
        }
    }
}

impl<'a> States<'a> {
    /// `$states.input` and `$states.context`.
    pub fn new(input: &'a Value, context: &'a Value) -> Self {
        States {
            input,
            context,
            extra: None,
            #[cfg(feature = "jsonata")]
            converted: std::cell::OnceCell::new(),
            shared: Rc::default(),
        }
    }

    /// `$states.input` and `$states.context`, their conversions shared with every other `States`
    /// made with `conversions`: the caller sees to it that they all have the same input and
    /// execution input.
    pub fn sharing(input: &'a Value, context: &'a Value, conversions: &Conversions) -> Self {
        States {
            shared: Rc::clone(&conversions.0),
            ..States::new(input, context)
        }
    }

    /// The same input with another context object (a Map's item), sharing the conversions.
    pub fn for_item<'b>(&'b self, context: &'b Value) -> States<'b> {
        States {
            input: self.input,
            context,
            extra: None,
            #[cfg(feature = "jsonata")]
            converted: std::cell::OnceCell::new(),
            shared: Rc::clone(&self.shared),
        }
    }

    /// With `$states.result` or `$states.errorOutput` too.
    pub fn with(self, name: &'a str, value: &'a Value) -> Self {
        States {
            extra: Some((name, value)),
            ..self
        }
    }

    /// The state's input.
    pub fn input(&self) -> &'a Value {
        self.input
    }

    /// `$states` as it crosses to JSONata's module: the input and the execution's input with the
    /// ids they are kept under there, their values only the first time.
    fn request(&self) -> remote::StatesRequest {
        let (ids, first) = match self.shared.kept.get() {
            Some(ids) => (ids, false),
            None => {
                let ids = (remote::next_id(), remote::next_id());
                self.shared.kept.set(Some(ids));
                (ids, true)
            }
        };
        let (context, execution_input) = without_execution_input(self.context);
        remote::StatesRequest {
            input: remote::Kept {
                id: ids.0,
                value: first.then(|| self.input.clone()),
            },
            context,
            execution_input: execution_input.map(|value| remote::Kept {
                id: ids.1,
                value: first.then(|| value.clone()),
            }),
            extra: self
                .extra
                .map(|(name, value)| (name.to_string(), value.clone())),
        }
    }

    /// The context object, its `Execution.Input` converted once for all who share it.
    #[cfg(feature = "jsonata")]
    fn context_jvalue(&self) -> JValue {
        let Value::Object(context) = self.context else {
            return to_jvalue(self.context);
        };
        let mut map = indexmap::IndexMap::with_capacity(context.len());
        for (key, value) in context {
            let converted = match (key.as_str(), value) {
                ("Execution", Value::Object(execution)) => {
                    let mut inner = indexmap::IndexMap::with_capacity(execution.len());
                    for (name, item) in execution {
                        let item = if name == "Input" {
                            self.shared
                                .execution_input
                                .get_or_init(|| to_jvalue(item))
                                .clone()
                        } else {
                            to_jvalue(item)
                        };
                        inner.insert(name.clone(), item);
                    }
                    JValue::object(inner)
                }
                _ => to_jvalue(value),
            };
            map.insert(key.clone(), converted);
        }
        JValue::object(map)
    }

    #[cfg(feature = "jsonata")]
    fn jvalue(&self) -> JValue {
        self.converted
            .get_or_init(|| {
                let mut map = indexmap::IndexMap::new();
                let input = self
                    .shared
                    .input
                    .get_or_init(|| to_jvalue(self.input))
                    .clone();
                map.insert("input".to_string(), input);
                map.insert("context".to_string(), self.context_jvalue());
                if let Some((name, value)) = self.extra {
                    map.insert(name.to_string(), to_jvalue(value));
                }
                JValue::object(map)
            })
            .clone()
    }
}

/// The context object with `Execution.Input` set to null in its place (so that the members keep
/// their order), and the input taken out: it crosses to JSONata's module once, like the input.
fn without_execution_input(context: &Value) -> (Value, Option<&Value>) {
    let Value::Object(members) = context else {
        return (context.clone(), None);
    };
    let mut execution_input = None;
    let mut out = serde_json::Map::with_capacity(members.len());
    for (key, value) in members {
        let value = match (key.as_str(), value) {
            ("Execution", Value::Object(execution)) => Value::Object(
                execution
                    .iter()
                    .map(|(name, item)| match name.as_str() {
                        "Input" => {
                            execution_input = Some(item);
                            (name.clone(), Value::Null)
                        }
                        _ => (name.clone(), item.clone()),
                    })
                    .collect(),
            ),
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    (Value::Object(out), execution_input)
}

/// What an expression reads besides its text: `$states` and the workflow variables in scope.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The `$states` object.
    pub states: &'a States<'a>,
    /// The workflow variables, as they were when the state was entered.
    pub variables: &'a dyn Variables,
}

impl std::fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scope")
            .field("states", &self.states)
            .finish_non_exhaustive()
    }
}

/// What the impure functions read: the virtual clock and the run's random source.
#[derive(Debug)]
pub struct Host<'a> {
    /// The virtual time, in milliseconds since the epoch (`$now()`, `$millis()`).
    pub now_millis: i64,
    /// The run's random source (`$random()`, `$uuid()`, `$shuffle()`).
    pub rng: &'a mut Rng,
}

/// JSONata's message for a failed evaluation, code first (`T1006: Attempted to invoke a
/// non-function`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError(pub String);

impl Expression {
    /// Parse an expression (the text inside `{% %}`): through JSONata's module when the page
    /// has installed one ([`remote::install`]), here otherwise.
    pub fn parse(text: &str) -> Result<Expression, SyntaxError> {
        let Some(transport) = remote::transport() else {
            #[cfg(feature = "jsonata")]
            return Expression::parse_here(text);
            #[cfg(not(feature = "jsonata"))]
            return Err(remote::not_loaded());
        };
        let request = remote::Request::Parse {
            text: text.to_string(),
        };
        let analysis = remote::call(&transport, &request).parsed()?;
        Ok(Expression {
            text: text.to_string(),
            variables: analysis.variables.clone(),
            body: Body::Remote(Box::new(analysis)),
        })
    }

    /// Parse an expression with this crate's engine.
    #[cfg(feature = "jsonata")]
    fn parse_here(text: &str) -> Result<Expression, SyntaxError> {
        match parser::parse(text) {
            Ok(ast) => {
                let variables = analysis::variables_of(&ast);
                Ok(Expression {
                    text: text.to_string(),
                    variables,
                    body: Body::Here(ast),
                })
            }
            Err(error) => Err(SyntaxError {
                message: message_of(&error),
                offset: error_offset(text),
            }),
        }
    }

    /// The expression's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The fields it reads from the data at its top level (`total` in `total + 1`), where there
    /// is no data: AWS refuses them (`$states.input.total` is what was meant).
    pub fn top_level_fields(&self) -> Vec<String> {
        match &self.body {
            #[cfg(feature = "jsonata")]
            Body::Here(ast) => analysis::top_level_fields(ast),
            Body::Remote(analysis) => analysis.top_level_fields.clone(),
        }
    }

    /// The members of `$states` it reads (`input`, `result`, …).
    pub fn states_fields(&self) -> Vec<String> {
        match &self.body {
            #[cfg(feature = "jsonata")]
            Body::Here(ast) => analysis::states_fields(ast),
            Body::Remote(analysis) => analysis.states_fields.clone(),
        }
    }

    /// The operators it uses that JSONata added after 2.0 (`??`, `?:`): Step Functions runs
    /// JSONata 2.0.6, which does not have them (⚠ reported on re:Post, not measured).
    pub fn newer_operators(&self) -> Vec<String> {
        match &self.body {
            #[cfg(feature = "jsonata")]
            Body::Here(ast) => analysis::newer_operators(ast)
                .into_iter()
                .map(str::to_string)
                .collect(),
            Body::Remote(analysis) => analysis.newer_operators.clone(),
        }
    }

    /// What it reads, as [`remote`] hands it across.
    #[cfg(feature = "jsonata")]
    fn analysis(&self) -> remote::Analysis {
        remote::Analysis {
            variables: self.variables.clone(),
            top_level_fields: self.top_level_fields(),
            states_fields: self.states_fields(),
            newer_operators: self.newer_operators(),
        }
    }

    /// The variables it reads, `states` among them, in the order they first appear.
    pub fn variables(&self) -> &[String] {
        &self.variables
    }

    /// Evaluate it.
    pub fn evaluate(&self, scope: &Scope<'_>, host: &mut Host<'_>) -> Result<Converted, EvalError> {
        match &self.body {
            #[cfg(feature = "jsonata")]
            Body::Here(ast) => self.evaluate_tree(ast, scope, host),
            Body::Remote(_) => self.evaluate_remotely(scope, host),
        }
    }

    #[cfg(feature = "jsonata")]
    fn evaluate_tree(
        &self,
        ast: &AstNode,
        scope: &Scope<'_>,
        host: &mut Host<'_>,
    ) -> Result<Converted, EvalError> {
        let rng = Rc::new(RefCell::new(std::mem::replace(host.rng, Rng::new(0))));
        let result = self.evaluate_with(ast, scope, host.now_millis, &rng);
        if let Ok(rng) = Rc::try_unwrap(rng) {
            *host.rng = rng.into_inner();
        }
        result
    }

    /// Evaluate it here, as JSONata's module does for a page ([`remote::serve`]).
    #[cfg(feature = "jsonata")]
    fn evaluate_here(
        &self,
        states: &States<'_>,
        variables: &serde_json::Map<String, Value>,
        now_millis: i64,
        rng: &mut Rng,
    ) -> Result<Converted, EvalError> {
        let scope = Scope { states, variables };
        self.evaluate(&scope, &mut Host { now_millis, rng })
    }

    /// Evaluate it through the installed transport: `$states`'s input and the execution's
    /// input cross once for all the states that share them (a Map's items), by id after.
    fn evaluate_remotely(
        &self,
        scope: &Scope<'_>,
        host: &mut Host<'_>,
    ) -> Result<Converted, EvalError> {
        let Some(transport) = remote::transport() else {
            return Err(EvalError(
                "JSONata's module is not loaded: the expression cannot be evaluated".into(),
            ));
        };
        let mut variables = serde_json::Map::new();
        let mut states = None;
        for name in &self.variables {
            if name == "states" {
                states = Some(Box::new(scope.states.request()));
            } else if let Some(value) = scope.variables.variable(name) {
                variables.insert(name.clone(), value.clone());
            }
        }
        let request = remote::Request::Evaluate {
            text: self.text.clone(),
            states,
            variables,
            now_millis: host.now_millis,
            rng: host.rng.clone(),
        };
        remote::call(&transport, &request).evaluated(host.rng)
    }

    #[cfg(feature = "jsonata")]
    fn evaluate_with(
        &self,
        ast: &AstNode,
        scope: &Scope<'_>,
        now_millis: i64,
        rng: &Rc<RefCell<Rng>>,
    ) -> Result<Converted, EvalError> {
        let mut context = Context::new();
        for name in &self.variables {
            if name == "states" {
                context.bind(name.clone(), scope.states.jvalue());
            } else if let Some(value) = scope.variables.variable(name) {
                context.bind(name.clone(), to_jvalue(value));
            }
        }
        let mut evaluator = Evaluator::with_options(context, limits());
        let host = functions::Host {
            now_millis,
            rng: Rc::clone(rng),
        };
        functions::register(&mut evaluator, &host).map_err(|e| EvalError(e.message().into()))?;
        let value = evaluator
            .evaluate(ast, &JValue::Undefined)
            .map_err(|e| EvalError(as_jsonata_js_says(e.message())))?;
        Ok(from_jvalue(&value))
    }
}

/// The steps (nodes evaluated, turns of loops) one evaluation may take before it stops with
/// U1004: an endless tail-recursive function or a runaway nested loop ends in a few seconds with a
/// message instead of hanging the page. ⚠ Ours: AWS bounds an evaluation by time, with a limit it
/// does not publish. Mapping `$ * 2` over a range takes 3 steps an item, so this allows ranges of
/// millions of items (a state's data is at most 256 KiB), while an endless tail-recursive
/// function stops after about 1.3 s natively.
pub const EVALUATION_STEPS: u64 = 10_000_000;

/// The evaluation's limits, counts rather than clocks (the engine never reads the time): the
/// step budget above, and no sequence longer than the 10,000,000 items a range may make (D2014),
/// so that a runaway expression (`[1..9000000].[1..9000000]`) fails with D2015 instead of
/// exhausting memory.
#[cfg(feature = "jsonata")]
fn limits() -> jsonata_core::evaluator::EvaluatorOptions {
    jsonata_core::evaluator::EvaluatorOptions {
        max_sequence_length: Some(10_000_000),
        fuel: Some(jsonata_core::evaluator::Fuel::new(EVALUATION_STEPS)),
        ..Default::default()
    }
}

/// An evaluation error as jsonata-js (which AWS runs) words it: `jsonata-core` adds details to
/// some messages.
#[cfg(feature = "jsonata")]
fn as_jsonata_js_says(message: &str) -> String {
    const NON_FUNCTION: &str = "T1006: Attempted to invoke a non-function";
    if message.starts_with(NON_FUNCTION) {
        return NON_FUNCTION.to_string();
    }
    message.to_string()
}

/// JSONata's message, with its code, as jsonata-js words it (`jsonata-core` names some tokens
/// where jsonata-js shows them).
#[cfg(feature = "jsonata")]
fn message_of(error: &parser::ParserError) -> String {
    const SYMBOLS: [(&str, &str); 33] = [
        ("StarStar", "**"),
        ("Star", "*"),
        ("Plus", "+"),
        ("Minus", "-"),
        ("Slash", "/"),
        ("Percent", "%"),
        ("NotEqual", "!="),
        ("LessThanOrEqual", "<="),
        ("GreaterThanOrEqual", ">="),
        ("Equal", "="),
        ("LessThan", "<"),
        ("GreaterThan", ">"),
        ("Ampersand", "&"),
        ("DotDot", ".."),
        ("Dot", "."),
        ("QuestionQuestion", "??"),
        ("QuestionColon", "?:"),
        ("Question", "?"),
        ("ColonEqual", ":="),
        ("Colon", ":"),
        ("TildeArrow", "~>"),
        ("LeftParen", "("),
        ("RightParen", ")"),
        ("LeftBracket", "["),
        ("RightBracket", "]"),
        ("LeftBrace", "{"),
        ("RightBrace", "}"),
        ("Comma", ","),
        ("Semicolon", ";"),
        ("Caret", "^"),
        ("Pipe", "|"),
        ("Hash", "#"),
        ("At", "@"),
    ];
    let symbol = |token: &str| {
        SYMBOLS
            .iter()
            .find(|(name, _)| *name == token)
            .map(|(_, symbol)| *symbol)
    };
    let message = error.to_string();
    if let Some(rest) = message.strip_prefix("S0211: The symbol ")
        && let Some((token, tail)) = rest.split_once(' ')
        && let Some(symbol) = symbol(token)
    {
        return format!("S0211: The symbol {symbol} {tail}");
    }
    if let Some(rest) = message.strip_prefix("S0202: Expected ")
        && let Some((expected, found)) = rest.split_once(", got ")
    {
        let quoted =
            |token: &str| symbol(token).map_or_else(|| token.to_string(), |s| format!("\"{s}\""));
        return format!(
            "S0202: Expected {}, got {}",
            quoted(expected),
            quoted(found)
        );
    }
    if let Some(rest) = message.strip_prefix("S0203: Expected ")
        && let Some(expected) = rest.strip_suffix(" before end of expression")
        && let Some(symbol) = symbol(expected)
    {
        return format!("S0203: Expected \"{symbol}\" before end of expression");
    }
    message
}

/// Where a syntax error is: the first prefix of the text that fails for a reason other than
/// ending too soon ends at the offending token.
#[cfg(feature = "jsonata")]
fn error_offset(text: &str) -> usize {
    let ends_early = |error: &parser::ParserError| {
        let message = error.to_string();
        ["S0203", "S0207", "S0101", "S0105", "S0102"]
            .iter()
            .any(|code| message.starts_with(code))
            || message.contains("end of expression")
            || message.starts_with("Unclosed comment")
    };
    let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    boundaries.push(text.len());
    let mut start = 0;
    for end in boundaries {
        match parser::parse(&text[..end]) {
            Err(error) if !ends_early(&error) => return start,
            _ => start = end,
        }
    }
    text.len()
}

#[cfg(all(test, feature = "jsonata"))]
mod tests {
    use super::*;
    use crate::path::NoVariables;
    use serde_json::{Map, json};

    fn eval(text: &str, input: &Value, variables: &dyn Variables) -> Result<Converted, EvalError> {
        let mut rng = Rng::new(7);
        let context = json!({});
        let states = States::new(input, &context);
        Expression::parse(text).unwrap().evaluate(
            &Scope {
                states: &states,
                variables,
            },
            &mut Host {
                now_millis: 1_704_067_200_000,
                rng: &mut rng,
            },
        )
    }

    #[test]
    fn a_runaway_sequence_fails_instead_of_exhausting_memory() {
        let error = eval(
            "$count($append([1..6000000], [1..6000000]))",
            &json!({}),
            &NoVariables,
        )
        .unwrap_err();
        assert!(error.0.contains("D2015"), "{}", error.0);
        assert_eq!(
            eval("$count([1..6000000])", &json!({}), &NoVariables).unwrap(),
            Converted::Json(json!(6_000_000))
        );
    }

    #[test]
    fn an_endless_evaluation_stops_when_its_steps_are_spent() {
        for endless in [
            "($f := function($x){ $f($x + 1) }; $f(1))",
            "$count([1..3000].([1..3000]).($ * 2))",
        ] {
            let error = eval(endless, &json!({}), &NoVariables).unwrap_err();
            assert_eq!(
                error.0,
                format!(
                    "U1004: Evaluation stopped after {EVALUATION_STEPS} steps. Check for infinite loop"
                ),
                "{endless}"
            );
        }
        assert_eq!(
            eval("$sum([1..1000000].($ * 2))", &json!({}), &NoVariables).unwrap(),
            Converted::Json(json!(1_000_001_000_000_u64))
        );
    }

    #[test]
    fn states_and_variables_are_bound() {
        let mut variables = Map::new();
        variables.insert("two".into(), json!("the number 2"));
        let states = json!({"a": [1, 2, 3]});
        assert_eq!(
            eval("[$sum($states.input.a), $two]", &states, &variables).unwrap(),
            Converted::Json(json!([6, "the number 2"]))
        );
        assert_eq!(
            eval("$missing", &states, &variables).unwrap(),
            Converted::Undefined
        );
    }

    #[test]
    fn the_clock_and_randomness_are_the_runs() {
        let states = json!({});
        assert_eq!(
            eval("$now()", &states, &NoVariables).unwrap(),
            Converted::Json(json!("2024-01-01T00:00:00.000Z"))
        );
        assert_eq!(
            eval("$millis()", &states, &NoVariables).unwrap(),
            Converted::Json(json!(1_704_067_200_000_i64))
        );
        let first = eval(
            "[$random(), $uuid(), $shuffle([1,2,3,4,5,6])]",
            &states,
            &NoVariables,
        );
        let second = eval(
            "[$random(), $uuid(), $shuffle([1,2,3,4,5,6])]",
            &states,
            &NoVariables,
        );
        assert_eq!(first, second);
        assert_eq!(
            eval("$random('a') = $random('a')", &states, &NoVariables).unwrap(),
            Converted::Json(json!(true))
        );
        // Java's `new Random(42).nextDouble()`: AWS runs on the JVM.
        assert_eq!(
            eval("$random(42)", &states, &NoVariables).unwrap(),
            Converted::Json(json!(0.7275636800328681))
        );
    }

    #[test]
    fn aws_additions_and_removals() {
        let states = json!({});
        let ok = |text: &str| eval(text, &states, &NoVariables).unwrap();
        assert_eq!(ok("$range(0, 9, 3)"), Converted::Json(json!([0, 3, 6, 9])));
        assert_eq!(
            ok("$partition([1,2,3], 2)"),
            Converted::Json(json!([[1, 2], [3]]))
        );
        assert_eq!(
            ok("$parse('{\"a\": [1]}')"),
            Converted::Json(json!({"a": [1]}))
        );
        assert_eq!(ok("$parse('-0')"), Converted::Json(json!(0)));
        assert_eq!(
            ok("$hash('abc', 'MD5')"),
            Converted::Json(json!("900150983cd24fb0d6963f7d28e17f72"))
        );
        assert_eq!(
            eval("$eval('1')", &states, &NoVariables).unwrap_err(),
            EvalError("T1006: Attempted to invoke a non-function".into())
        );
        assert_eq!(
            eval("$randomSeeded(1)", &states, &NoVariables).unwrap_err(),
            EvalError("T1006: Attempted to invoke a non-function".into())
        );
    }

    /// JSONata's regular expressions are JavaScript's; the engine matches them with regex-lite
    /// (vendor/jsonata-core/README.md), whose classes are ASCII as JavaScript's `\d`, `\w` and
    /// `\b` are. ⚠ Two differences remain: `\s` matches ASCII white space only (JavaScript's
    /// also Unicode spaces such as U+00A0), and `i` folds ASCII letters only.
    #[test]
    fn regular_expressions_match_as_javascript_does() {
        let states = json!({});
        let ok = |text: &str| eval(text, &states, &NoVariables).unwrap();
        assert_eq!(
            ok(r#"$match("ababbabbcc", /a(b+)/).groups"#),
            Converted::Json(json!(["b", "bb", "bb"]))
        );
        assert_eq!(
            ok(r#"$replace("John Smith", /(\w+)\s(\w+)/, "$2, $1")"#),
            Converted::Json(json!("Smith, John"))
        );
        assert_eq!(
            ok(r#"$split("a1b22c", /\d+/)"#),
            Converted::Json(json!(["a", "b", "c"]))
        );
        assert_eq!(
            ok(r#"$contains("HELLO", /hello/i)"#),
            Converted::Json(json!(true))
        );
        // JavaScript's `\d` and `\w` are ASCII: an Arabic-Indic digit or an accented letter is
        // neither.
        assert_eq!(ok(r#"$contains("٣", /\d/)"#), Converted::Json(json!(false)));
        assert_eq!(ok(r#"$contains("é", /\w/)"#), Converted::Json(json!(false)));
    }

    #[test]
    fn syntax_errors_say_where() {
        let error = Expression::parse("$a + ]").unwrap_err();
        assert_eq!(error.offset, 5, "{error:?}");
        assert_eq!(
            error.message,
            "S0211: The symbol ] cannot be used as a unary operator"
        );
        let error = Expression::parse("$sum(1, ").unwrap_err();
        assert_eq!(error.offset, 8, "{error:?}");
        let error = Expression::parse("$sum($a])").unwrap_err();
        assert_eq!(error.message, "S0202: Expected \")\", got \"]\"");
    }

    #[test]
    fn top_level_fields_are_found() {
        let fields = |text: &str| Expression::parse(text).unwrap().top_level_fields();
        assert_eq!(fields("phone"), ["phone"]);
        assert_eq!(fields("$count(total) + a.b"), ["total", "a"]);
        assert!(fields("$states.input.items[price > 10].name").is_empty());
        assert!(fields("$map($x, function($v){ v.w })").is_empty());
    }

    #[test]
    fn states_members_and_newer_operators_are_found() {
        let e = Expression::parse("$states.result.Payload & $count($states.input.x) & ($a ?? 1)")
            .unwrap();
        assert_eq!(e.states_fields(), ["result", "input"]);
        assert_eq!(e.newer_operators(), ["??"]);
    }

    #[test]
    fn only_read_variables_are_bound() {
        let expression = Expression::parse("$x + $states.input.y + $count($z)").unwrap();
        assert_eq!(expression.variables(), ["x", "states", "z"]);
    }
}

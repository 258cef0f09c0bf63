//! JSONata behind a boundary: the page can run JSONata in a wasm module of its own, loaded the
//! first time a definition needs it, instead of carrying the engine in its first download.
//!
//! The page [`install`]s a transport: a function that hands a request's JSON text to the module
//! and returns its answer's. The module answers with [`serve`], this crate's own engine. Once a
//! transport is installed, [`super::Expression::parse`] and `evaluate` go through it; without one
//! they run here, as they always have.
//!
//! A Map evaluates its expressions once per item with the same input: the input (and the
//! execution's input, inside the context object) crosses the boundary once, the first time an
//! item needs it, and is kept on the other side under an id until its `$states` objects are gone.

use super::{Converted, EvalError, SyntaxError};
use crate::exec::rng::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
#[cfg(feature = "jsonata")]
use std::collections::HashMap;
use std::rc::Rc;

/// Hands a request's JSON text to JSONata's module and returns its answer's.
pub type Transport = Rc<dyn Fn(&str) -> String>;

thread_local! {
    static TRANSPORT: RefCell<Option<Transport>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// From now on, parse and evaluate JSONata through `transport`.
pub fn install(transport: Transport) {
    TRANSPORT.with(|slot| *slot.borrow_mut() = Some(transport));
}

/// The installed transport, if any.
pub(super) fn transport() -> Option<Transport> {
    // None as the thread ends too: values dropped then release nothing.
    TRANSPORT
        .try_with(|slot| slot.borrow().clone())
        .ok()
        .flatten()
}

/// A fresh id for a value kept on the other side.
pub(super) fn next_id() -> u64 {
    NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    })
}

/// What an expression reads, found when it was parsed (on the other side).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// The variables it reads, `states` among them, in order of appearance.
    pub variables: Vec<String>,
    /// The fields it reads at its top level.
    pub top_level_fields: Vec<String>,
    /// The members of `$states` it reads.
    pub states_fields: Vec<String>,
    /// The operators it uses that JSONata 2.0 does not have.
    pub newer_operators: Vec<String>,
}

/// A value the other side may already hold: sent with its id the first time, by id after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    /// Its id.
    pub id: u64,
    /// The value, when it has not crossed yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// `$states`, as it crosses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatesRequest {
    /// `$states.input`.
    pub input: Kept,
    /// `$states.context`, its `Execution.Input` left out when it is `execution_input`.
    pub context: Value,
    /// The context object's `Execution.Input`, kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_input: Option<Kept>,
    /// `$states.result` or `$states.errorOutput`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<(String, Value)>,
}

/// A request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Request {
    /// Parse an expression.
    Parse {
        /// Its text.
        text: String,
    },
    /// Evaluate an expression.
    Evaluate {
        /// Its text.
        text: String,
        /// `$states`, when it reads it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        states: Option<Box<StatesRequest>>,
        /// The workflow variables it reads.
        variables: Map<String, Value>,
        /// The virtual time.
        now_millis: i64,
        /// The run's random source, before.
        rng: Rng,
    },
    /// Forget kept values.
    Release {
        /// Their ids.
        ids: Vec<u64>,
    },
}

/// An answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Response {
    /// The expression parsed.
    Parsed(Analysis),
    /// It did not.
    SyntaxError {
        /// JSONata's message.
        message: String,
        /// Where, in bytes.
        offset: usize,
    },
    /// The value, and the random source after.
    Value {
        /// The value.
        value: Converted,
        /// The random source after.
        rng: Rng,
    },
    /// The evaluation failed.
    Failed {
        /// JSONata's message.
        message: String,
        /// The random source after.
        rng: Rng,
    },
    /// Done (a release).
    Done,
    /// JSONata's module is still loading: the page asks again once it is there.
    Loading,
    /// The request could not be read.
    Refused(String),
}

/// What [`super::Expression::parse`] says while JSONata's module is loading (or when this crate
/// was built without JSONata and no module is installed): not a syntax error of the expression,
/// so validation reports nothing for it ([`SyntaxError::is_loading`]).
pub(super) fn not_loaded() -> SyntaxError {
    SyntaxError {
        message: LOADING.to_string(),
        offset: 0,
    }
}

const LOADING: &str = "JSONata is loading";

impl SyntaxError {
    /// True when the expression could not be parsed because JSONata's module is not there yet.
    pub fn is_loading(&self) -> bool {
        self.message == LOADING
    }
}

/// Send `request` through `transport` and read the answer.
pub(super) fn call(transport: &Transport, request: &Request) -> Response {
    let text = match serde_json::to_string(request) {
        Ok(text) => text,
        Err(e) => return Response::Refused(e.to_string()),
    };
    serde_json::from_str(&transport(&text)).unwrap_or_else(|e| {
        Response::Refused(format!(
            "JSONata's module answered with something unreadable: {e}"
        ))
    })
}

impl Response {
    /// A parse's answer.
    pub(super) fn parsed(self) -> Result<Analysis, SyntaxError> {
        match self {
            Response::Parsed(analysis) => Ok(analysis),
            Response::Loading => Err(not_loaded()),
            Response::SyntaxError { message, offset } => Err(SyntaxError { message, offset }),
            other => Err(SyntaxError {
                message: other.unexpected(),
                offset: 0,
            }),
        }
    }

    /// An evaluation's answer; `rng` takes the random source's state after it.
    pub(super) fn evaluated(self, rng: &mut Rng) -> Result<Converted, EvalError> {
        match self {
            Response::Value { value, rng: after } => {
                *rng = after;
                Ok(value)
            }
            Response::Failed {
                message,
                rng: after,
            } => {
                *rng = after;
                Err(EvalError(message))
            }
            other => Err(EvalError(other.unexpected())),
        }
    }

    fn unexpected(self) -> String {
        match self {
            Response::Refused(message) => message,
            Response::Loading => format!("{LOADING}: run again once it is there"),
            other => format!("JSONata's module gave an unexpected answer: {other:?}"),
        }
    }
}

/// The other side: answer a request's JSON text with this crate's engine. `kept` holds the values
/// sent once and referred to by id since.
#[cfg(feature = "jsonata")]
pub fn serve(request: &str, kept: &mut Keep) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Ok(request) => answer(request, kept),
        Err(e) => Response::Refused(format!("JSONata's module could not read the request: {e}")),
    };
    serde_json::to_string(&response).unwrap_or_else(|e| {
        format!(r#"{{"refused":"JSONata's module could not write its answer: {e}"}}"#)
    })
}

/// What the other side keeps between requests: the values sent once, by id, each with its
/// conversion for JSONata; and the expressions parsed so far (a Map evaluates the same ones for
/// every item).
#[cfg(feature = "jsonata")]
#[derive(Debug, Default)]
pub struct Keep {
    values: HashMap<u64, (Rc<Value>, super::Conversions)>,
    parsed: HashMap<String, Rc<super::Expression>>,
}

/// At most this many parsed expressions are kept (the scratchpad sends one per keystroke).
#[cfg(feature = "jsonata")]
const PARSED_KEPT: usize = 1024;

#[cfg(feature = "jsonata")]
impl Keep {
    fn hold(&mut self, kept: Kept) -> Option<(Rc<Value>, super::Conversions)> {
        if let Some(value) = kept.value {
            let entry = (Rc::new(value), super::Conversions::default());
            self.values.insert(kept.id, entry);
        }
        let (value, conversions) = self.values.get(&kept.id)?;
        Some((Rc::clone(value), conversions.clone()))
    }

    fn parse(&mut self, text: &str) -> Result<Rc<super::Expression>, SyntaxError> {
        if let Some(expression) = self.parsed.get(text) {
            return Ok(Rc::clone(expression));
        }
        let expression = Rc::new(super::Expression::parse_here(text)?);
        if self.parsed.len() >= PARSED_KEPT {
            self.parsed.clear();
        }
        self.parsed.insert(text.to_string(), Rc::clone(&expression));
        Ok(expression)
    }
}

#[cfg(feature = "jsonata")]
fn answer(request: Request, kept: &mut Keep) -> Response {
    match request {
        Request::Parse { text } => match kept.parse(&text) {
            Ok(expression) => Response::Parsed(expression.analysis()),
            Err(SyntaxError { message, offset }) => Response::SyntaxError { message, offset },
        },
        Request::Evaluate {
            text,
            states,
            variables,
            now_millis,
            mut rng,
        } => {
            let expression = match kept.parse(&text) {
                Ok(expression) => expression,
                Err(error) => {
                    return Response::Failed {
                        message: error.message,
                        rng,
                    };
                }
            };
            let result = evaluate_kept(&expression, states, &variables, now_millis, &mut rng, kept);
            match result {
                Ok(value) => Response::Value { value, rng },
                Err(EvalError(message)) => Response::Failed { message, rng },
            }
        }
        Request::Release { ids } => {
            for id in ids {
                kept.values.remove(&id);
            }
            Response::Done
        }
    }
}

#[cfg(feature = "jsonata")]
fn evaluate_kept(
    expression: &super::Expression,
    states: Option<Box<StatesRequest>>,
    variables: &Map<String, Value>,
    now_millis: i64,
    rng: &mut Rng,
    kept: &mut Keep,
) -> Result<Converted, EvalError> {
    let missing = || EvalError("JSONata's module lost a value it was keeping".into());
    let Some(states) = states else {
        let (input, context) = (Value::Null, Value::Null);
        let states = super::States::new(&input, &context);
        return expression.evaluate_here(&states, variables, now_millis, rng);
    };
    let states = *states;
    let (input, conversions) = kept.hold(states.input).ok_or_else(missing)?;
    let mut context = states.context;
    if let Some(execution) = states.execution_input {
        let (value, _) = kept.hold(execution).ok_or_else(missing)?;
        // Converted once for all the states that share the input; not read again after that.
        let converted = conversions.0.execution_input.get().is_some();
        if let Some(Value::Object(execution)) = context.get_mut("Execution")
            && !converted
        {
            execution.insert("Input".into(), Value::clone(&value));
        }
    }
    let base = super::States::sharing(&input, &context, &conversions);
    match &states.extra {
        Some((name, value)) => {
            expression.evaluate_here(&base.with(name, value), variables, now_millis, rng)
        }
        None => expression.evaluate_here(&base, variables, now_millis, rng),
    }
}

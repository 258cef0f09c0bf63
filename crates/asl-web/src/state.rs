//! The playground's state: what the user typed (signals) and what the engine says about it
//! (memos).

use crate::jsonata::{self, Jsonata};
use crate::templates::OPENING;
use asl_core::api::{
    self, DataFlow, DataFlowRequest, EvalError, EvalInput, StateInfo, ValidateOptions, Validation,
};
use asl_core::text::LineIndex;
use asl_core::validate::MachineType;
use leptos::prelude::*;
use serde_json::Value;

/// Definitions longer than this (in bytes) are checked when typing pauses rather than on every
/// keystroke, and their code inside strings is not marked: a pasted 10 MB document must not
/// freeze the editor.
pub(crate) const LARGE_TEXT: usize = 256 * 1024;

/// How long typing must pause before a large definition is checked.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// What another panel asks the editor to show: a range of the definition, in UTF-16 units (what
/// the editor counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EditorRequest {
    /// Select the range and focus the editor (a problem was clicked).
    Select { start: u32, end: u32 },
    /// Mark the range and scroll to it, with the cursor at its start and nothing selected, the
    /// focus left where it is (a state picked in the history or on the graph: what is typed next
    /// must not replace it).
    Reveal { start: u32, end: u32 },
}

/// The panels beside the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tab {
    Problems,
    Graph,
    DataFlow,
    Scratchpad,
    Run,
}

/// All playground state, provided as context.
#[derive(Clone, Copy)]
pub(crate) struct Playground {
    /// The definition text, exactly as typed.
    pub(crate) definition: RwSignal<String>,
    /// The definition the engine looks at: the text as typed, or for a large text, as it was
    /// when typing last paused.
    pub(crate) settled: RwSignal<String>,
    /// STANDARD or EXPRESS.
    pub(crate) machine_type: RwSignal<MachineType>,
    /// Where JSONata's module is (fetched when a definition first needs it).
    pub(crate) jsonata: RwSignal<Jsonata>,
    /// The validation of the definition, recomputed as it changes.
    pub(crate) validation: Memo<Validation>,
    /// A request for the editor to select or reveal some text (a problem clicked, a state
    /// picked in the history or on the graph).
    pub(crate) editor_request: RwSignal<Option<EditorRequest>>,
    /// The panel shown beside the editor.
    pub(crate) tab: RwSignal<Tab>,
    /// Every state of the definition.
    pub(crate) states: Memo<Vec<StateInfo>>,
    /// The state the user picked (in the list, or by putting the cursor in it).
    pub(crate) picked_state: RwSignal<Option<String>>,
    /// The state the data-flow panel shows: the picked one while it exists, else the first.
    pub(crate) current_state: Memo<Option<String>>,
    /// The input the data flow and the scratchpad run on (JSON text).
    pub(crate) input: RwSignal<String>,
    /// The result a Task, Parallel or Map state's work gives (JSON text).
    pub(crate) task_result: RwSignal<String>,
    /// The current state's data flow.
    pub(crate) data_flow: Memo<Option<DataFlow>>,
    /// The scratchpad's expression.
    pub(crate) expression: RwSignal<String>,
    /// The scratchpad's result, against the input.
    pub(crate) evaluation: Memo<Result<Value, String>>,
}

impl Playground {
    pub(crate) fn new() -> Self {
        let definition = RwSignal::new(OPENING.definition.to_string());
        let settled = RwSignal::new(definition.get_untracked());
        settle(definition, settled);
        let machine_type = RwSignal::new(MachineType::Standard);
        let jsonata = RwSignal::new(Jsonata::Unused);
        jsonata::install(jsonata);
        // What reads JSONata is computed again when its module arrives.
        let validation = Memo::new(move |_| {
            jsonata.track();
            let options = ValidateOptions {
                machine_type: machine_type.get(),
                ..ValidateOptions::default()
            };
            settled.with(|text| api::validate(text, &options))
        });
        let states = Memo::new(move |_| settled.with(|text| api::states(text)));
        let picked_state = RwSignal::new(None::<String>);
        let current_state = Memo::new(move |_| {
            let picked = picked_state.get();
            states.with(|list| match picked {
                Some(name) if list.iter().any(|s| s.name == name) => Some(name),
                _ => list.first().map(|s| s.name.clone()),
            })
        });
        let input = RwSignal::new(OPENING.input.to_string());
        let task_result =
            RwSignal::new("{\n  \"Payload\": { \"chargeId\": \"ch_42\" }\n}".to_string());
        let data_flow = Memo::new(move |_| {
            jsonata.track();
            let state = current_state.get()?;
            Some(settled.with(|definition| {
                input.with(|input| {
                    task_result.with(|result| {
                        api::data_flow(&DataFlowRequest {
                            definition,
                            state: &state,
                            input,
                            result: Some(result),
                            variables: None,
                        })
                    })
                })
            }))
        });
        let expression =
            RwSignal::new("States.Format('Order {} totals {}', $.orderId, $.total)".to_string());
        let evaluation = Memo::new(move |_| {
            jsonata.track();
            let data: Value = input
                .with(|text| serde_json::from_str(text))
                .map_err(|e| format!("The input is not JSON: {e}"))?;
            let eval_input = EvalInput {
                input: data,
                ..EvalInput::default()
            };
            expression
                .with(|text| api::eval(text, &eval_input))
                .map_err(|e| match e {
                    EvalError::Runtime(error) => format!(
                        "{}: {}",
                        error.name(),
                        error.cause.as_deref().unwrap_or_default()
                    ),
                    EvalError::Syntax { message, .. } => format!("Syntax error: {message}"),
                })
        });
        Playground {
            definition,
            settled,
            machine_type,
            jsonata,
            validation,
            editor_request: RwSignal::new(None),
            tab: RwSignal::new(Tab::Problems),
            states,
            picked_state,
            current_state,
            input,
            task_result,
            data_flow,
            expression,
            evaluation,
        }
    }

    /// Reveal the state named `name` in the editor: marked and scrolled to, not selected.
    pub(crate) fn reveal_state(self, name: &str) {
        let span = self
            .states
            .with_untracked(|list| list.iter().find(|s| s.name == name).map(|s| s.span));
        let Some(span) = span else { return };
        // The states were read from the settled text: their spans are its bytes.
        let request = self.settled.with_untracked(|text| {
            let index = LineIndex::new(text);
            EditorRequest::Reveal {
                start: index.position(span.start).utf16,
                end: index.position(span.end).utf16,
            }
        });
        self.editor_request.set(Some(request));
    }
}

/// Keep `settled` up with `definition`: at once for a text of ordinary size, when typing pauses
/// for a large one.
fn settle(definition: RwSignal<String>, settled: RwSignal<String>) {
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let large = definition.with(|text| text.len() > LARGE_TEXT);
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        if !large {
            settled.set(definition.get_untracked());
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                settled.set(definition.get_untracked());
            },
            PAUSE,
        );
        pending.set_value(handle.ok());
    });
}

/// The playground state of the page.
pub(crate) fn use_playground() -> Playground {
    expect_context::<Playground>()
}

//! One input for the whole workspace. The data flow of a state runs on the input that state
//! received in the last run; before a run reaches it, the start state's data flow runs on the
//! execution input itself (editing one edits the other), and any other state's on what the
//! user gives it. The panel says which.

use crate::session::{Session, use_session};
use crate::state::{Playground, use_playground};
use asl_core::api::{self, RunResult};
use leptos::prelude::*;

/// Where the data flow's input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// The input the state received in the last run (the `…StateEntered` event's id).
    LastRun(u64),
    /// The execution input: the state is the one the execution starts at.
    Execution,
    /// The user's own, for a state the last run did not reach.
    Own,
}

/// The source of the data flow's input, provided as context.
#[derive(Clone, Copy)]
pub(crate) struct FlowInput {
    source: RwSignal<Source>,
    /// The text last put in the input from its source: a different text was edited since.
    given: StoredValue<String>,
}

/// Keep the data flow's input with its source, and the execution input with the start state's.
pub(crate) fn follow(playground: Playground, session: Session) -> FlowInput {
    let flow = FlowInput {
        source: RwSignal::new(Source::Own),
        given: StoredValue::new(String::new()),
    };
    Effect::new(move |_| {
        let Some(state) = playground.current_state.get() else {
            return;
        };
        let start = playground
            .states
            .with(|list| list.iter().any(|s| s.name == state && s.start));
        let from_run = session.result.with(|result| match result {
            Some(RunResult::Ran(execution)) => api::last_input(execution, &state),
            _ => None,
        });
        let (source, text) = match from_run {
            Some((event, input)) => (
                Source::LastRun(event),
                serde_json::to_string_pretty(&*input).unwrap_or_default(),
            ),
            None if start => (Source::Execution, session.input.get()),
            None => {
                flow.source.set(Source::Own);
                return;
            }
        };
        flow.given.set_value(text.clone());
        if playground.input.with_untracked(|input| *input != text) {
            playground.input.set(text);
        }
        flow.source.set(source);
    });
    // The start state's input edited in the data flow is the execution input edited.
    Effect::new(move |_| {
        let text = playground.input.get();
        if flow.source.get_untracked() == Source::Execution
            && session.input.with_untracked(|input| *input != text)
        {
            flow.given.set_value(text.clone());
            session.input.set(text);
        }
    });
    provide_context(flow);
    flow
}

/// What the data flow's input is, under its field.
#[component]
pub(crate) fn FlowInputNote() -> impl IntoView {
    let flow = use_context::<FlowInput>().expect("the flow input is provided");
    let playground = use_playground();
    let session = use_session();
    let note = move || {
        let edited = playground
            .input
            .with(|input| flow.given.with_value(|given| input != given));
        match flow.source.get() {
            Source::LastRun(event) if edited => format!(
                "Edited here from what this state received in the last run (event {event})."
            ),
            Source::LastRun(event) => {
                let name = session.result.with(|r| match r {
                    Some(RunResult::Ran(execution)) => execution.name.clone(),
                    _ => String::new(),
                });
                format!("What this state received in the last run ({name}, event {event}).")
            }
            Source::Execution => {
                "The execution input (the same as Run's): the execution starts here.".to_string()
            }
            Source::Own => {
                "An input of your own: the last run did not reach this state.".to_string()
            }
        }
    };
    view! { <p class="run__note" data-testid="state-input-source">{note}</p> }
}

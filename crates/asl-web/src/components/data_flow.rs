//! The data-flow panel: what each stage of a state does to its JSON.

use super::JsonField;
use super::json_text::pretty;
use crate::state::use_playground;
use asl_core::api::{self, Stage};
use leptos::prelude::*;

/// A state picker, the input (and the work's result for Task, Parallel and Map states), and the
/// JSON after every stage, with the stage that failed marked and its error shown.
#[component]
pub(crate) fn DataFlowPanel() -> impl IntoView {
    let playground = use_playground();
    let current_info = move |fact: fn(&api::StateInfo) -> bool| {
        let current = playground.current_state.get();
        playground.states.with(|list| {
            list.iter()
                .find(|s| Some(&s.name) == current.as_ref())
                .is_some_and(fact)
        })
    };
    let needs_result = move || current_info(|s| s.takes_result);
    let convertible = move || !current_info(|s| s.jsonata);
    let flow = move || playground.data_flow.get();
    // The conversion aid: the picked state rewritten in JSONata, in the editor.
    let refused = RwSignal::new(None::<String>);
    let convert = move |_| {
        let Some(name) = playground.current_state.get_untracked() else {
            return;
        };
        let converted = playground
            .definition
            .with_untracked(|text| api::convert_state(text, &name));
        match converted {
            Ok(text) => {
                refused.set(None);
                playground.definition.set(text);
            }
            Err(why) => refused.set(Some(why)),
        }
    };
    view! {
        <div class="data-flow" data-testid="data-flow">
            <label class="field">
                <span class="field__label">"State"</span>
                <select
                    data-testid="state-picker"
                    aria-label="State"
                    on:change:target=move |ev| playground.picked_state.set(Some(ev.target().value()))
                >
                    <For
                        each=move || playground.states.get()
                        key=|s| (s.name.clone(), s.depth)
                        children=move |s| {
                            let name = s.name.clone();
                            let selected = move || playground.current_state.get().as_deref() == Some(name.as_str());
                            let indent = "\u{a0}\u{a0}".repeat(s.depth);
                            let kind = s.type_name.clone().unwrap_or_default();
                            view! { <option value=s.name selected=selected>{indent}{s.name.clone()}" ("{kind}")"</option> }
                        }
                    />
                </select>
            </label>
            <div class="data-flow__convert" hidden=move || !convertible()>
                <button class="button" data-testid="convert-to-jsonata" on:click=convert
                    title="Rewrite this state in JSONata: InputPath, Parameters, ResultSelector, ResultPath and OutputPath become Arguments and Output">
                    "Convert to JSONata"
                </button>
                {move || refused.get().map(|why| view! { <p class="data-flow__problem" data-testid="convert-refused">{why}</p> })}
            </div>
            <JsonField label="State input" test_id="state-input" rows=5 value=playground.input/>
            <crate::flow_input::FlowInputNote/>
            {move || {
                let name = playground.current_state.get()?;
                let definition = playground.settled.get();
                let input = playground.input.get();
                let result = playground.task_result.get();
                let account = asl_core::exec::run::RunOptions::default().identity.account;
                let (request, command) =
                    api::test_state_request(&definition, &name, &input, Some(&result), &account)?;
                let request = serde_json::to_string_pretty(&request).unwrap_or_default();
                Some(view! {
                    <details class="data-flow__aws">
                        <summary>"TestState on AWS"</summary>
                        <pre class="run__output" data-testid="test-state-request">{request}</pre>
                        <pre class="run__output" data-testid="test-state-command">{command}</pre>
                    </details>
                })
            }}
            <Show when=needs_result>
                <JsonField label="Result of the work (mocked)" test_id="task-result" rows=4 value=playground.task_result/>
            </Show>
            {move || flow().map(|flow| {
                let outcome = flow.problem.clone().map(|p| view! { <p class="data-flow__problem" data-testid="data-flow-problem">{p}</p> });
                let status = flow.status.clone().map(|status| {
                    let next = flow.next_state.clone().map(|n| format!(" → {n}")).unwrap_or_default();
                    view! { <p class="data-flow__status" data-testid="data-flow-status">{status}{next}</p> }
                });
                let error = flow.error.clone().map(|error| {
                    let cause = flow.cause.clone().unwrap_or_default();
                    view! {
                        <p class="data-flow__error" data-testid="data-flow-error">
                            <strong>{error}</strong>": "{cause}
                        </p>
                    }
                });
                let stages = flow.stages.into_iter().map(|stage| view! { <StageCard stage/> }).collect::<Vec<_>>();
                view! { {outcome}{status}{error}<ol class="stages">{stages}</ol> }
            })}
        </div>
    }
}

/// One stage and its JSON.
#[component]
fn StageCard(
    /// The stage.
    stage: Stage,
) -> impl IntoView {
    let body = match (&stage.value, stage.failed) {
        (Some(value), _) => pretty(value),
        (None, true) => "failed here".to_string(),
        (None, false) => "not reached".to_string(),
    };
    view! {
        <li class="stage" class:stage--failed=stage.failed class:stage--skipped=stage.value.is_none() data-testid=format!("stage-{}", stage.key)>
            <h3 class="stage__label">{stage.label}</h3>
            <pre class="stage__json" data-testid="stage-json">{body}</pre>
        </li>
    }
}

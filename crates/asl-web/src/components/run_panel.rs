//! The run panel: the execution's input and mocks, and the last run's outcome and history.

use super::JsonField;
use super::json_text::pretty;
use crate::state::{Playground, use_playground};
use asl_core::api::RunResult;
use asl_core::exec::history::HistoryEvent;
use asl_core::exec::run::{Execution, ExecutionStatus};
use leptos::prelude::*;

/// The most history rows shown at once; a longer history says how much is left out.
const MAX_ROWS: usize = 2_000;

/// Input and mock editors, a test-case picker and the Run button; below them the result
/// (status, output or error and cause) and the event history.
#[component]
pub(crate) fn RunPanel() -> impl IntoView {
    let playground = use_playground();
    view! {
        <div class="run" data-testid="run-panel">
            <JsonField label="Execution input" test_id="execution-input" rows=4 value=playground.execution_input/>
            <details class="run__mocks">
                <summary>"Mocks (Step Functions Local MockConfigFile)"</summary>
                <textarea
                    class="field__json"
                    data-testid="mock-config"
                    spellcheck="false"
                    rows="12"
                    prop:value=move || playground.mocks.get()
                    on:input:target=move |ev| playground.mocks.set(ev.target().value())
                ></textarea>
            </details>
            <div class="run__controls">
                <label class="field run__test-case">
                    <span class="field__label">"Test case"</span>
                    <select
                        data-testid="test-case"
                        aria-label="Test case"
                        on:change:target=move |ev| playground.test_case.set(ev.target().value())
                    >
                        <For
                            each=move || playground.test_cases.get()
                            key=Clone::clone
                            children=move |name| {
                                let (value, label) = (name.clone(), name.clone());
                                let selected = move || playground.test_case.get() == value;
                                view! { <option value=name selected=selected>{label}</option> }
                            }
                        />
                    </select>
                </label>
                <button class="button button--primary" data-testid="run-in-panel" on:click=move |_| playground.run_now()>
                    "Run"
                </button>
                <span class="run__hint">"Ctrl/⌘ + Enter"</span>
            </div>
            {move || playground.run.get().map(|result| view! { <RunOutcome result/> })}
        </div>
    }
}

/// What the last run gave.
#[component]
fn RunOutcome(
    /// The run.
    result: RunResult,
) -> impl IntoView {
    match result {
        RunResult::Ran(execution) => view! { <ExecutionView execution=*execution/> }.into_any(),
        RunResult::Invalid(validation) => {
            let count = validation.diagnostics.len();
            view! {
                <p class="run__problem" data-testid="run-problem">
                    "The definition has " {count} " problem(s): see the Problems tab. Nothing ran."
                </p>
            }
            .into_any()
        }
        RunResult::Problem(problem) => {
            let at = problem
                .position
                .map(|(line, column)| format!(" (line {line}, column {column})"))
                .unwrap_or_default();
            let source = problem.source.as_str();
            view! {
                <p class="run__problem" data-testid="run-problem">
                    "The " {source} {at} ": " {problem.message}
                </p>
            }
            .into_any()
        }
    }
}

/// An execution: its outcome, then its history.
#[component]
fn ExecutionView(
    /// The execution.
    execution: Execution,
) -> impl IntoView {
    let playground = use_playground();
    let status = execution.status;
    let seconds = (execution.stop_millis - execution.start_millis) as f64 / 1000.0;
    let outcome = match status {
        ExecutionStatus::Succeeded => {
            let output = execution.output.as_ref().map(pretty).unwrap_or_default();
            view! { <pre class="run__output" data-testid="run-output">{output}</pre> }.into_any()
        }
        _ => {
            let error = execution.error.clone().unwrap_or_default();
            let cause = execution.cause.clone().unwrap_or_default();
            view! {
                <p class="run__error" data-testid="run-error"><strong>{error}</strong>": "{cause}</p>
            }
            .into_any()
        }
    };
    let hidden = execution.events.len().saturating_sub(MAX_ROWS);
    let rows = execution
        .events
        .iter()
        .take(MAX_ROWS)
        .map(|event| event_row(playground, &execution, event))
        .collect::<Vec<_>>();
    let details = {
        let events = execution.events.clone();
        move || {
            let id = playground.selected_event.get()?;
            let event = events.iter().find(|e| e.id == id)?;
            Some(view! {
                <pre class="run__event-json" data-testid="event-details">{pretty(&event.to_json())}</pre>
            })
        }
    };
    view! {
        <div class="run__result">
            <p class="run__status" class:run__status--failed=status != ExecutionStatus::Succeeded data-testid="run-status">
                {status.as_str()} <span class="run__time">" after " {format!("{seconds:.3}")} " s of virtual time"</span>
            </p>
            {outcome}
            <table class="history" data-testid="history">
                <thead><tr><th>"#"</th><th>"Time"</th><th>"Event"</th><th>"Details"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {(hidden > 0).then(|| view! { <p class="run__more">{hidden} " more events not shown"</p> })}
            {details}
        </div>
    }
}

/// One history row, with the retries and catches of its event called out. Clicking it shows the
/// event and selects its state in the editor.
fn event_row(
    playground: Playground,
    execution: &Execution,
    event: &HistoryEvent,
) -> impl IntoView + use<> {
    let id = event.id;
    let kind = event.kind.type_name();
    let data_type = kind.clone();
    let summary = event.kind.summary();
    let failed = kind.ends_with("Failed") || kind.ends_with("TimedOut");
    let state = execution.state_of_event(id).map(str::to_string);
    let notes = execution
        .notes(id)
        .into_iter()
        .map(|note| view! { <span class="history__note" data-testid="history-note">{note}</span> })
        .collect::<Vec<_>>();
    let time = format!(
        "+{:.3}s",
        (event.timestamp - execution.start_millis) as f64 / 1000.0
    );
    let select = move |_| {
        playground.selected_event.set(Some(id));
        if let Some(name) = &state {
            playground.select_state(name);
        }
    };
    view! {
        <tr
            class="history__row"
            class:history__row--failed=failed
            class:history__row--selected=move || playground.selected_event.get() == Some(id)
            data-testid="history-row"
            data-type=data_type
            on:click=select
        >
            <td>{id}</td>
            <td>{time}</td>
            <td class="history__type">{kind}</td>
            <td>{summary}{notes}</td>
        </tr>
    }
}

//! The run panel: how the execution starts (input, mocks, name, preset, Express delivery), what
//! it gave (outcome and history), and, while tasks wait, the world's side: answers, heartbeats,
//! the clock, stop and redrive; export and import.

use super::json_text::pretty;
use super::{JsonField, TemplateNotes, UnmockedTasks, WaitingTasks};
use crate::session::{Preset, Session, use_session};
use crate::state::{Playground, use_playground};
use asl_core::api::{self, RunResult};
use asl_core::exec::history::HistoryEvent;
use asl_core::exec::run::{Action, Execution, ExecutionStatus, RunOptions};
use asl_core::validate::MachineType;
use leptos::prelude::*;

/// The most history rows shown at once; a longer history says how much is left out.
const MAX_ROWS: usize = 2_000;

/// The start controls, then the outcome of the current execution.
#[component]
pub(crate) fn RunPanel() -> impl IntoView {
    let session = use_session();
    let playground = use_playground();
    let express = move || playground.machine_type.get() == MachineType::Express;
    view! {
        <div class="run" data-testid="run-panel">
            <TemplateNotes/>
            <JsonField label="Execution input" test_id="execution-input" rows=4 value=session.input/>
            <UnmockedTasks/>
            <details class="run__mocks">
                <summary>"Mocks of this workspace (Step Functions Local MockConfigFile)"</summary>
                <JsonField label="MockConfigFile" test_id="mock-config" rows=12 value=session.mocks/>
            </details>
            <div class="run__controls">
                <Show when=move || !session.test_cases.with(Vec::is_empty)>
                <label class="field run__test-case">
                    <span class="field__label">"Test case"</span>
                    <select
                        data-testid="test-case"
                        aria-label="Test case"
                        on:change:target=move |ev| session.test_case.set(ev.target().value())
                    >
                        <For
                            each=move || session.test_cases.get()
                            key=Clone::clone
                            children=move |name| {
                                let (value, label) = (name.clone(), name.clone());
                                let selected = move || session.test_case.get() == value;
                                view! { <option value=name selected=selected>{label}</option> }
                            }
                        />
                    </select>
                </label>
                </Show>
                <label class="field run__name">
                    <span class="field__label">"Execution name"</span>
                    <input
                        class="field__expression"
                        data-testid="execution-name"
                        placeholder="a fresh one per run"
                        prop:value=move || session.name.get()
                        on:input:target=move |ev| session.name.set(ev.target().value())
                    />
                </label>
            </div>
            <div class="run__controls">
                <label class="field run__preset">
                    <span class="field__label">"Started by"</span>
                    <select
                        data-testid="start-preset"
                        aria-label="Started by"
                        on:change:target=move |ev| {
                            let id = ev.target().value();
                            if let Some(preset) = Preset::ALL.into_iter().find(|p| p.id() == id) {
                                session.choose_preset(preset);
                            }
                        }
                    >
                        {Preset::ALL.into_iter().map(|p| view! { <option value=p.id() selected=move || session.preset.get() == p>{p.label()}</option> }).collect::<Vec<_>>()}
                    </select>
                </label>
                <Show when=express>
                    <label class="run__toggle">
                        <input type="checkbox" data-testid="express-sync" prop:checked=move || session.sync.get()
                            on:change:target=move |ev| session.sync.set(ev.target().checked())/>
                        " StartSyncExecution"
                    </label>
                    <label class="run__toggle">
                        <input type="checkbox" data-testid="express-twice" prop:checked=move || session.twice.get()
                            on:change:target=move |ev| session.twice.set(ev.target().checked())/>
                        " Deliver twice (at-least-once)"
                    </label>
                </Show>
                <button class="button button--primary" data-testid="run-in-panel" on:click=move |_| session.start()>
                    "Start"
                </button>
                <span class="run__hint">"Ctrl/⌘ + Enter"</span>
            </div>
            {move || session.progress.get().map(|entered| view! {
                <p class="run__progress" role="status" data-testid="run-progress">
                    <span class="run__spinner" aria-hidden="true"></span>
                    "Running… " {entered} " state transitions so far "
                    <button class="button" data-testid="run-stop" on:click=move |_| session.stop_running()>"Stop"</button>
                </p>
            })}
            {move || session.message.get().map(|m| view! { <p class="run__message" data-testid="run-message">{m}</p> })}
            {move || session.refused.get().map(|m| view! { <p class="run__problem" data-testid="action-refused">{m}</p> })}
            {move || session.result.get().map(|result| view! { <RunOutcome result/> })}
            <ExportImport/>
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
            view! {
                <p class="run__problem" data-testid="run-problem">
                    "The " {problem.source.as_str()} {at} ": " {problem.message}
                </p>
            }
            .into_any()
        }
    }
}

/// An execution: its outcome, the world's controls, its history, and a second delivery.
#[component]
fn ExecutionView(
    /// The execution.
    execution: Execution,
) -> impl IntoView {
    let session = use_session();
    let playground = use_playground();
    let status = execution.status;
    let seconds = (execution.stop_millis - execution.start_millis) as f64 / 1000.0;
    let outcome = match status {
        ExecutionStatus::Succeeded => {
            let output = execution.output.as_ref().map(pretty).unwrap_or_default();
            view! { <pre class="run__output" data-testid="run-output">{output}</pre> }.into_any()
        }
        ExecutionStatus::Running => view! {
            <WaitingTasks waiting=execution.waiting.clone() now=execution.stop_millis/>
        }
        .into_any(),
        _ => {
            // StopExecution may give neither an error nor a cause.
            let error = execution.error.clone().unwrap_or_default();
            let cause = execution.cause.clone().unwrap_or_default();
            let separator = (!error.is_empty() && !cause.is_empty()).then_some(": ");
            view! {
                <p class="run__error" data-testid="run-error"><strong>{error}</strong>{separator}{cause}</p>
            }
            .into_any()
        }
    };
    let redrive = (status == ExecutionStatus::Failed).then(|| {
        view! {
            <button class="button" data-testid="redrive" on:click=move |_| session.act(Action::Redrive)>
                "Redrive (RedriveExecution)"
            </button>
        }
    });
    let sync = (playground.machine_type.get_untracked() == MachineType::Express
        && session.sync.get_untracked())
    .then(|| {
        let response = pretty(&execution.start_sync_response());
        view! {
            <p class="run__note">"StartSyncExecution answered (Express executions have no GetExecutionHistory on AWS; the log below is the playground's):"</p>
            <pre class="run__output" data-testid="sync-response">{response}</pre>
        }
    });
    let hidden = execution.events.len().saturating_sub(MAX_ROWS);
    let rows = execution
        .events
        .iter()
        .take(MAX_ROWS)
        .map(|event| event_row(playground, session, &execution, event))
        .collect::<Vec<_>>();
    let details = {
        let events = execution.events.clone();
        move || {
            let id = session.selected_event.get()?;
            let event = events.iter().find(|e| e.id == id)?;
            Some(view! {
                <pre class="run__event-json" data-testid="event-details">{pretty(&event.to_json())}</pre>
            })
        }
    };
    let steps = view! { <StepControls execution=execution.clone()/> };
    // The second delivery is an execution view too: an AnyView keeps the type finite.
    let again = execution.redelivered.map(|again| {
        let inner = view! { <ExecutionView execution=*again/> }.into_any();
        view! {
            <div class="run__redelivery" data-testid="redelivery">
                <p class="run__note">"Delivered again (Express is at-least-once): the same execution ran a second time. Tasks that are not idempotent did their work twice."</p>
                {inner}
            </div>
        }
    });
    view! {
        <div class="run__result">
            <p class="run__status" class:run__status--failed=!matches!(status, ExecutionStatus::Succeeded | ExecutionStatus::Running) data-testid="run-status">
                {status.as_str()} <span class="run__time">" after " {format!("{seconds:.3}")} " s of virtual time"</span>
            </p>
            {outcome}
            {redrive}
            {sync}
            {steps}
            <table class="history" data-testid="history">
                <thead><tr><th>"#"</th><th>"Time"</th><th>"Event"</th><th>"Details"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {(hidden > 0).then(|| view! { <p class="run__more">{hidden} " more events not shown"</p> })}
            {details}
            {again}
        </div>
    }
}

/// One history row, with the retries and catches of its event called out. Clicking it shows the
/// event and selects its state in the editor.
fn event_row(
    playground: Playground,
    session: Session,
    execution: &Execution,
    event: &HistoryEvent,
) -> impl IntoView + use<> {
    let id = event.id;
    let kind = event.kind.type_name();
    let data_type = kind.clone();
    let summary = event.kind.summary();
    let failed = event.kind.is_failure();
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
        session.selected_event.set(Some(id));
        if let Some(name) = &state {
            playground.reveal_state(name);
        }
    };
    view! {
        <tr
            class="history__row"
            class:history__row--failed=failed
            class:history__row--future=move || session.selected_event.get().is_some_and(|step| id > step)
            class:history__row--selected=move || session.selected_event.get() == Some(id)
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

/// Step through the run event by event: the history, the graph and the data-flow panel follow
/// the current event.
#[component]
fn StepControls(execution: Execution) -> impl IntoView {
    let session = use_session();
    let playground = use_playground();
    let ids: Vec<u64> = execution.events.iter().map(|e| e.id).collect();
    let deciding_failure = execution.deciding_failure();
    let execution = StoredValue::new(execution);
    let go = move |id: Option<u64>| {
        session.selected_event.set(id);
        let state =
            id.and_then(|id| execution.with_value(|e| e.state_of_event(id).map(str::to_string)));
        if let Some(name) = state {
            playground.picked_state.set(Some(name));
        }
    };
    let ids = StoredValue::new(ids);
    let step = move |delta: i64| {
        let current = session.selected_event.get_untracked();
        let next = ids.with_value(|ids| {
            let at = current
                .and_then(|c| ids.iter().position(|&i| i == c))
                .map_or(if delta > 0 { -1 } else { ids.len() as i64 }, |p| p as i64);
            let target = (at + delta).clamp(0, ids.len() as i64 - 1);
            ids.get(target as usize).copied()
        });
        go(next);
    };
    let position = move || {
        let total = ids.with_value(Vec::len);
        match session.selected_event.get() {
            Some(id) => format!("event {id} of {total}"),
            None => format!("all {total} events"),
        }
    };
    view! {
        <div class="run__steps" data-testid="step-controls">
            <button class="button" data-testid="step-first" on:click=move |_| go(ids.with_value(|ids| ids.first().copied()))>"|◀ First"</button>
            <button class="button" data-testid="step-back" on:click=move |_| step(-1)>"◀ Back"</button>
            <button class="button" data-testid="step-forward" on:click=move |_| step(1)>"Forward ▶"</button>
            <button class="button" data-testid="step-failure" disabled=deciding_failure.is_none()
                title="The failure that decided the outcome: the last one no retrier took again"
                on:click=move |_| go(deciding_failure)>"Jump to the failure"</button>
            <button class="button" data-testid="step-all" on:click=move |_| go(None)>"Whole run"</button>
            <span class="run__step-position" data-testid="step-position">{position}</span>
        </div>
    }
}

/// Export the current execution as one JSON file, or import one.
#[component]
fn ExportImport() -> impl IntoView {
    let session = use_session();
    let playground = use_playground();
    let cli = move || {
        let definition = playground.settled.get();
        let input = session.input.get();
        let name = session.name.get();
        let identity = RunOptions::default().identity;
        api::aws_cli_commands(&api::CliRun {
            definition: &definition,
            input: &input,
            express: playground.machine_type.get() == MachineType::Express,
            machine_name: &identity.state_machine_name,
            execution_name: &name,
            account: &identity.account,
            region: &identity.region,
        })
    };
    let mocks_file = move || {
        format!(
            "data:application/json;charset=utf-8,{}",
            percent_encode(&session.mocks.get())
        )
    };
    let pasted = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let file = move || {
        let text = serde_json::to_string_pretty(
            &session.export().to_json(
                session
                    .result
                    .with(|r| match r {
                        Some(RunResult::Ran(execution)) => Some((**execution).clone()),
                        _ => None,
                    })
                    .as_ref(),
            ),
        )
        .unwrap_or_default();
        format!(
            "data:application/json;charset=utf-8,{}",
            percent_encode(&text)
        )
    };
    view! {
        <details class="run__export">
            <summary>"Export / import"</summary>
            <p class="run__note">"An export holds the definition, input, mocks and everything the world did: importing it anywhere runs the execution again to the same point (waiting, failed and ready to redrive, or finished)."</p>
            <a class="button" data-testid="export" download="execution.json" href=file>"Download the execution"</a>
            <JsonField label="Paste an exported execution" test_id="import-text" rows=4 value=pasted/>
            <button class="button" data-testid="import" on:click=move |_| {
                problem.set(session.import(&pasted.get_untracked()).err());
            }>"Import"</button>
            {move || problem.get().map(|p| view! { <p class="run__problem">{p}</p> })}
            <a class="button" data-testid="export-mocks" download="MockConfigFile.json" href=mocks_file>"Download the MockConfigFile"</a>
            <p class="run__note">"The same run on real AWS (AWS CLI; the role must exist and the tasks call real services):"</p>
            <pre class="run__output" data-testid="aws-cli">{cli}</pre>
        </details>
    }
}

/// Text as a URL component (what `encodeURIComponent` gives).
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

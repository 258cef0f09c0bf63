//! The world's side of a waiting execution: each waiting task with its token and input, and the
//! buttons AWS's API offers (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat,
//! GetActivityTask), the virtual clock, and StopExecution.

use super::JsonField;
use super::json_text::pretty;
use crate::session::use_session;
use asl_core::exec::context::format_timestamp;
use asl_core::exec::run::{Action, Answer, Target, WaitingTask};
use leptos::prelude::*;

/// The tasks waiting for an answer, and the clock.
#[component]
pub(crate) fn WaitingTasks(
    /// The tasks.
    waiting: Vec<WaitingTask>,
    /// Now, on the virtual clock.
    now: i64,
) -> impl IntoView {
    let session = use_session();
    let seconds = RwSignal::new("60".to_string());
    let cards = waiting
        .into_iter()
        .map(|task| view! { <WaitingCard task/> })
        .collect::<Vec<_>>();
    let advance = move |_| {
        let seconds = seconds.get_untracked().trim().parse::<u64>().unwrap_or(0);
        session.act(Action::Advance { seconds });
    };
    view! {
        <div class="waiting" data-testid="waiting">
            <p class="run__note">
                "The execution waits for the world. Time stands still until someone answers or moves the clock (now "
                {format_timestamp(now)} ")."
            </p>
            {cards}
            <div class="waiting__clock">
                <label class="run__toggle">
                    "Advance the clock by "
                    <input class="waiting__seconds" data-testid="advance-seconds" prop:value=move || seconds.get()
                        on:input:target=move |ev| seconds.set(ev.target().value())/>
                    " s "
                </label>
                <button class="button" data-testid="advance" on:click=advance>"Advance"</button>
                <button class="button" data-testid="stop" on:click=move |_| session.act(Action::Stop { error: None, cause: None })>
                    "Stop execution"
                </button>
            </div>
        </div>
    }
}

/// One waiting task: what it was given, its token, and the answers.
// With `erase_components` (the wasm build) the view macro consumes its parts in another order,
// so one clone of a value used twice is redundant there and needed natively.
#[allow(clippy::redundant_clone)]
#[component]
fn WaitingCard(
    /// The task.
    task: WaitingTask,
) -> impl IntoView {
    let session = use_session();
    let output = RwSignal::new("{\n  \"approved\": true\n}".to_string());
    let error = RwSignal::new("Rejected".to_string());
    let cause = RwSignal::new(String::new());
    let worker = RwSignal::new("worker-1".to_string());
    let token = task.token.clone();
    let target = move || Target::Token(token.clone());
    let send = {
        move |answer: Answer| {
            session.act(Action::Answer {
                target: target(),
                answer,
            });
        }
    };
    let success = {
        let send = send.clone();
        move |_| match serde_json::from_str(&output.get_untracked()) {
            Ok(value) => send(Answer::Success(value)),
            Err(e) => session
                .refused
                .set(Some(format!("InvalidOutput: the output is not JSON: {e}"))),
        }
    };
    let failure = {
        let send = send.clone();
        move |_| {
            let text = |s: String| (!s.trim().is_empty()).then_some(s);
            send(Answer::Failure {
                error: text(error.get_untracked()),
                cause: text(cause.get_untracked()),
            });
        }
    };
    let heartbeat = move |_| send(Answer::Heartbeat);
    let activity = task.kind == "activity";
    let poll = {
        let resource = task.resource.clone();
        move |_| {
            session.act(Action::GetActivityTask {
                activity: resource.clone(),
                worker: Some(worker.get_untracked()),
            });
        }
    };
    let deadlines = [
        task.heartbeat_at
            .map(|t| format!("heartbeat due {}", format_timestamp(t))),
        task.timeout_at
            .map(|t| format!("times out {}", format_timestamp(t))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <section class="waiting__task" data-testid="waiting-task" data-state=task.state.clone()>
            <h3 class="waiting__title">{task.state.clone()} " " <span class="waiting__kind">{task.kind} " · " {task.resource.clone()} " · wait " {task.attempt}</span></h3>
            <p class="waiting__deadlines">{deadlines}</p>
            <p class="field__label">"Token ($$.Task.Token)"</p>
            <code class="waiting__token" data-testid="task-token">{task.token.clone()}</code>
            <p class="field__label">"Input"</p>
            <pre class="run__output">{pretty(&task.input)}</pre>
            {(activity && !task.started).then(|| view! {
                <div class="waiting__row">
                    <input class="waiting__worker" aria-label="Worker name" prop:value=move || worker.get()
                        on:input:target=move |ev| worker.set(ev.target().value())/>
                    <button class="button" data-testid="get-activity-task" on:click=poll>"GetActivityTask"</button>
                </div>
            })}
            <JsonField label="Output (SendTaskSuccess)" test_id="success-output" rows=3 value=output/>
            <div class="waiting__row">
                <button class="button button--primary" data-testid="send-success" on:click=success>"Send success"</button>
                <button class="button" data-testid="send-heartbeat" on:click=heartbeat>"Send heartbeat"</button>
            </div>
            <div class="waiting__row">
                <input class="waiting__error" aria-label="Error" placeholder="error" prop:value=move || error.get()
                    on:input:target=move |ev| error.set(ev.target().value())/>
                <input class="waiting__cause" aria-label="Cause" placeholder="cause" prop:value=move || cause.get()
                    on:input:target=move |ev| cause.set(ev.target().value())/>
                <button class="button" data-testid="send-failure" on:click=failure>"Send failure"</button>
            </div>
        </section>
    }
}

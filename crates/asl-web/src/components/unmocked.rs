//! Mocks for the Task states the chosen test case leaves out. The playground never calls AWS,
//! so a run stops at the first such state it enters (`Playground.MockMissing`): after such a run
//! the states it stopped at are offered "Add a mock" at once; before, the Task states the test
//! case does not mock are listed, folded (a test case may leave out states its path never
//! reaches). A callback Task needs no mock: it waits for an answer.

use crate::session::use_session;
use crate::state::use_playground;
use asl_core::api::{self, RunResult, UnmockedTask};
use asl_core::exec::run::RunOptions;
use leptos::prelude::*;

fn machine_name() -> String {
    RunOptions::default().identity.state_machine_name
}

/// The notice, when there is something to mock.
#[component]
pub(crate) fn UnmockedTasks() -> impl IntoView {
    let session = use_session();
    let playground = use_playground();
    let unmocked = Memo::new(move |_| {
        let test_case = session.test_case.get();
        session.mocks.with(|mocks| {
            playground.settled.with(|definition| {
                api::unmocked_tasks(definition, mocks, &test_case, &machine_name())
            })
        })
    });
    // The states the last run stopped at, still unmocked.
    let stopped_at = Memo::new(move |_| {
        let stopped = session.result.with(|result| match result {
            Some(RunResult::Ran(execution)) => execution.unmocked.clone(),
            _ => Vec::new(),
        });
        unmocked.with(|tasks| {
            tasks
                .iter()
                .filter(|task| stopped.contains(&task.state))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let refused = RwSignal::new(None::<String>);
    let add = move |state: String| {
        let added = playground.settled.with_untracked(|definition| {
            session.mocks.with_untracked(|mocks| {
                let test_case = session.test_case.get_untracked();
                api::add_mock(definition, mocks, &state, &test_case, &machine_name())
            })
        });
        match added {
            Ok(added) => {
                refused.set(None);
                session.mocks.set(added.mocks);
                session.test_case.set(added.test_case);
            }
            Err(why) => refused.set(Some(why)),
        }
    };
    let case = move || match session.test_case.get() {
        case if case.is_empty() => "the mocks".to_string(),
        case => format!("test case '{case}'"),
    };
    let list = move |tasks: Memo<Vec<UnmockedTask>>| {
        view! {
            <ul class="run__unmocked-list">
                <For
                    each=move || tasks.get()
                    key=|task| task.state.clone()
                    children=move |task| {
                        let state = task.state.clone();
                        view! {
                            <li>
                                <code>{task.state.clone()}</code>" "
                                <span class="run__resource">{task.resource}</span>" "
                                <button class="button" data-testid="add-mock" data-state=state.clone()
                                    on:click=move |_| add(state.clone())>"Add a mock"</button>
                            </li>
                        }
                    }
                />
            </ul>
        }
    };
    let tasks = |n: usize| {
        if n == 1 {
            "1 Task state".to_string()
        } else {
            format!("{n} Task states")
        }
    };
    view! {
        <Show
            when=move || !stopped_at.with(Vec::is_empty)
            fallback=move || view! {
                <Show when=move || !unmocked.with(Vec::is_empty)>
                    <details class="run__unmocked" data-testid="unmocked-tasks">
                        <summary>{move || format!("{} with no mock in {}", tasks(unmocked.with(Vec::len)), case())}</summary>
                        <p class="run__note">"A run that enters one stops there with Playground.MockMissing. A mock added here goes into this workspace's MockConfigFile, for you to edit."</p>
                        {list(unmocked)}
                    </details>
                </Show>
            }
        >
            <div class="run__unmocked run__unmocked--stopped" data-testid="unmocked-stopped" role="status">
                <p class="run__note">{move || format!("The run stopped at {} with no mocked response in {}: the playground does not call AWS. Add a mock (it goes into this workspace's MockConfigFile, for you to edit), then run again.", tasks(stopped_at.with(Vec::len)), case())}</p>
                {list(stopped_at)}
            </div>
        </Show>
        {move || refused.get().map(|why| view! { <p class="data-flow__problem" data-testid="add-mock-refused">{why}</p> })}
    }
}

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
    let case = move || match session.test_case.get_untracked() {
        case if case.is_empty() => "the mocks".to_string(),
        case => format!("test case '{case}'"),
    };
    let tasks = |n: usize| {
        if n == 1 {
            "1 Task state".to_string()
        } else {
            format!("{n} Task states")
        }
    };
    // One view, redrawn when the list changes (a handful of rows): lighter in the page's wasm
    // than keyed lists.
    move || {
        let stopped = stopped_at.get();
        let listed = if stopped.is_empty() {
            unmocked.get()
        } else {
            stopped.clone()
        };
        let problem = refused.get().map(
            |why| view! { <p class="data-flow__problem" data-testid="add-mock-refused">{why}</p> },
        );
        if listed.is_empty() {
            return problem.into_any();
        }
        let rows = listed
            .into_iter()
            .map(|UnmockedTask { state, resource }| {
                let name = state.clone();
                view! {
                    <li>
                        <code>{state.clone()}</code>" "
                        <span class="run__resource">{resource}</span>" "
                        <button class="button" data-testid="add-mock" data-state=state
                            on:click=move |_| add(name.clone())>"Add a mock"</button>
                    </li>
                }
            })
            .collect_view();
        let (n, case) = (unmocked.with(Vec::len), case());
        let (test_id, class, open, summary, note) = if stopped.is_empty() {
            (
                "unmocked-tasks",
                "run__unmocked",
                false,
                format!("{} with no mock in {case}", tasks(n)),
                "A run that enters one stops there with Playground.MockMissing. A mock added here goes into this workspace's MockConfigFile, for you to edit.".to_string(),
            )
        } else {
            (
                "unmocked-stopped",
                "run__unmocked run__unmocked--stopped",
                true,
                format!("The run stopped at {} with no mocked response in {case}", tasks(stopped.len())),
                "The playground does not call AWS. Add a mock (it goes into this workspace's MockConfigFile, for you to edit), then run again.".to_string(),
            )
        };
        view! {
            <details class=class data-testid=test_id open=open role="status">
                <summary>{summary}</summary>
                <p class="run__note">{note}</p>
                <ul class="run__unmocked-list">{rows}</ul>
            </details>
            {problem}
        }
        .into_any()
    }
}

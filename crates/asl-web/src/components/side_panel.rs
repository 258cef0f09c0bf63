//! The panels beside the editor, behind tabs.

use super::{DataFlowPanel, DiagnosticsPanel, GraphPanel, RunPanel, Scratchpad};
use crate::state::{Tab, use_playground};
use leptos::prelude::*;

/// Tabs for Problems, Graph, Data flow, Scratchpad and Run, and the panel of the chosen one.
#[component]
pub(crate) fn SidePanel() -> impl IntoView {
    let playground = use_playground();
    let problems = move || playground.validation.with(|v| v.diagnostics.len());
    let tab = move |which: Tab, label: &'static str, test_id: &'static str| {
        view! {
            <button
                class="tabs__tab"
                class:tabs__tab--active=move || playground.tab.get() == which
                role="tab"
                aria-selected=move || (playground.tab.get() == which).to_string()
                data-testid=test_id
                on:click=move |_| playground.tab.set(which)
            >
                {label}
                {(which == Tab::Problems).then(|| view! { " " <span class="tabs__count">{problems}</span> })}
            </button>
        }
    };
    view! {
        <section class="side-panel">
            <nav class="tabs" role="tablist" aria-label="Panels">
                {tab(Tab::Problems, "Problems", "tab-problems")}
                {tab(Tab::Graph, "Graph", "tab-graph")}
                {tab(Tab::DataFlow, "Data flow", "tab-data-flow")}
                {tab(Tab::Scratchpad, "Scratchpad", "tab-scratchpad")}
                {tab(Tab::Run, "Run", "tab-run")}
            </nav>
            <div class="side-panel__body" role="tabpanel">
                {move || match playground.tab.get() {
                    Tab::Problems => view! { <DiagnosticsPanel/> }.into_any(),
                    Tab::Graph => view! { <GraphPanel/> }.into_any(),
                    Tab::DataFlow => view! { <DataFlowPanel/> }.into_any(),
                    Tab::Scratchpad => view! { <Scratchpad/> }.into_any(),
                    Tab::Run => view! { <RunPanel/> }.into_any(),
                }}
            </div>
        </section>
    }
}

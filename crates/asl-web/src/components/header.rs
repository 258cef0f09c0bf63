//! The top bar: the product name, the machine type, the Run button and the validation result.

use crate::state::use_playground;
use asl_core::validate::MachineType;
use leptos::prelude::*;

/// Shows "ASL Playground", a STANDARD/EXPRESS switch, the Run button and the OK/FAIL badge.
#[component]
pub(crate) fn Header() -> impl IntoView {
    let playground = use_playground();
    let result = move || playground.validation.with(|v| v.result());
    let is_express = move || playground.machine_type.get() == MachineType::Express;
    view! {
        <header class="top-bar">
            <h1 class="top-bar__title">"ASL Playground"</h1>
            <label class="top-bar__type">
                "Type "
                <select
                    data-testid="machine-type"
                    aria-label="State machine type"
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        playground.machine_type.set(value.parse().unwrap_or_default());
                    }
                >
                    <option value="STANDARD" selected=move || !is_express()>"Standard"</option>
                    <option value="EXPRESS" selected=is_express>"Express"</option>
                </select>
            </label>
            <button
                class="button button--primary"
                data-testid="run-button"
                title="Run the execution (Ctrl/⌘ + Enter)"
                on:click=move |_| playground.run_now()
            >
                "▶ Run"
            </button>
            <span
                class="top-bar__result"
                class:top-bar__result--fail=move || result() == "FAIL"
                data-testid="validation-result"
                role="status"
            >
                {result}
            </span>
        </header>
    }
}

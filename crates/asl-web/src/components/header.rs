//! The top bar: the product name, the machine type, the Run button and the validation result.

use super::{ImportButton, RecentButton, ShareButton};
use crate::session::use_session;
use crate::state::use_playground;
use crate::templates::TEMPLATES;
use asl_core::validate::MachineType;
use leptos::prelude::*;

/// Shows "ASL Playground", a STANDARD/EXPRESS switch, the Run button and the OK/FAIL badge.
#[component]
pub(crate) fn Header() -> impl IntoView {
    let playground = use_playground();
    let session = use_session();
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
            <label class="top-bar__type">
                "Template "
                <select
                    data-testid="template"
                    aria-label="Template"
                    data-loaded=move || session.template.get()
                    prop:value=move || session.template.get()
                    aria-busy=move || session.picking.get().is_some().to_string()
                    on:change:target=move |ev| {
                        let id = ev.target().value();
                        if let Some(t) = TEMPLATES.iter().find(|t| t.id == id) {
                            session.pick_template(t);
                        }
                    }
                >
                    <option value="" data-testid="template-own">"Your own machine"</option>
                    {TEMPLATES.iter().map(|t| view! { <option value=t.id>{t.label}</option> }).collect::<Vec<_>>()}
                </select>
            </label>
            <button
                class="button button--primary"
                data-testid="run-button"
                title="Start the execution (Ctrl/⌘ + Enter)"
                disabled=move || session.picking.get().is_some()
                on:click=move |_| session.start()
            >
                "▶ Run"
            </button>
            <button class="button" data-testid="format" title="Pretty-print the definition (JSON)"
                on:click=move |_| {
                    let formatted = playground.definition.with_untracked(|t| asl_core::api::format_definition(t));
                    if let Ok(text) = formatted {
                        playground.definition.set(text);
                    }
                }>"Format"</button>
            <ImportButton/>
            <RecentButton/>
            <ShareButton/>
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

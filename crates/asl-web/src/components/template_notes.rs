//! A gallery template's notes: what the pattern does and its pitfalls, and buttons that run its
//! success path and its failure path.

use crate::session::use_session;
use asl_core::exec::run::actions::actions_from_json;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub(crate) fn TemplateNotes() -> impl IntoView {
    let session = use_session();
    let meta = move || {
        session
            .template_meta
            .with(|text| serde_json::from_str::<Value>(text.as_deref()?).ok())
    };
    move || {
        meta().map(|meta| {
            let text = |key: &str| meta[key].as_str().unwrap_or_default().to_string();
            let path = |name: &'static str, label: &'static str| {
                let case = meta[name]["test_case"].as_str().unwrap_or_default().to_string();
                let actions = actions_from_json(&meta[name]["callbacks"]).unwrap_or_default();
                let expected = meta[name]["status"].as_str().unwrap_or_default().to_string();
                view! {
                    <button class="button" data-testid=format!("run-{name}-path") data-expected=expected
                        on:click=move |_| session.run_path(&case, actions.clone())>{label}</button>
                }
            };
            view! {
                <details class="template-notes" data-testid="template-notes" open>
                    <summary><strong>{text("title")}</strong>" — "{text("summary")}</summary>
                    <p>{text("explanation")}</p>
                    <div class="template-notes__paths">
                        {path("success", "▶ Run the success path")}
                        {path("failure", "▶ Run the failure path")}
                    </div>
                </details>
            }
        })
    }
}

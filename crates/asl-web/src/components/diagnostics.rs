//! The list of problems in the definition.

use crate::state::{EditorRequest, use_playground};
use asl_core::api::Located;
use leptos::prelude::*;

/// Every diagnostic of the current definition; clicking one selects its text in the editor.
#[component]
pub(crate) fn DiagnosticsPanel() -> impl IntoView {
    let playground = use_playground();
    let items = move || {
        playground.validation.with(|v| {
            v.diagnostics
                .iter()
                .cloned()
                .enumerate()
                .collect::<Vec<_>>()
        })
    };
    let count = move || playground.validation.with(|v| v.diagnostics.len());
    view! {
        <section class="diagnostics" aria-label="Problems">
            <h2 class="diagnostics__title">"Problems " <span class="diagnostics__count">{count}</span></h2>
            <Show
                when=move || { count() > 0 }
                fallback=|| view! { <p class="diagnostics__empty" data-testid="no-diagnostics">"No problems: AWS would accept this definition."</p> }
            >
                <ul class="diagnostics__list" data-testid="diagnostics-list">
                    <For
                        each=items
                        key=|(i, l)| (*i, l.diagnostic.message.clone(), l.start.offset)
                        children=move |(_, located)| view! { <DiagnosticItem located/> }
                    />
                </ul>
            </Show>
        </section>
    }
}

/// One diagnostic: severity, code, message, position, and the hint if there is one.
#[component]
fn DiagnosticItem(
    /// The diagnostic and its position.
    located: Located,
) -> impl IntoView {
    let playground = use_playground();
    let Located {
        diagnostic,
        start,
        end,
    } = located;
    let severity = diagnostic.severity.as_str().to_ascii_lowercase();
    let request = EditorRequest::Select {
        start: start.utf16,
        end: end.utf16,
    };
    let position = format!("{}:{}", start.line, start.column);
    let location = diagnostic.pointer().unwrap_or_default().to_string();
    view! {
        <li class=format!("diagnostic diagnostic--{severity}")>
            <button
                class="diagnostic__button"
                data-testid="diagnostic-item"
                data-code=diagnostic.code.as_str()
                on:click=move |_| playground.editor_request.set(Some(request))
            >
                <span class="diagnostic__severity">{severity.clone()}</span>
                <span class="diagnostic__code">{diagnostic.code.as_str()}</span>
                <span class="diagnostic__message">{diagnostic.headline().to_string()}</span>
                <span class="diagnostic__position">{position} " " {location}</span>
                {diagnostic.help.clone().map(|help| view! { <span class="diagnostic__help">{help}</span> })}
            </button>
        </li>
    }
}

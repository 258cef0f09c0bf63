//! A labelled text area for JSON the user edits (an input, a result, mocks).

use leptos::prelude::*;

/// A label and a monospace text area bound to `value`; the text is kept exactly as typed.
#[component]
pub(crate) fn JsonField(
    /// The label above the text area.
    label: &'static str,
    /// Its `data-testid`.
    test_id: &'static str,
    /// How many lines it shows.
    rows: u32,
    /// The text.
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <textarea
                class="field__json"
                data-testid=test_id
                spellcheck="false"
                rows=rows
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            ></textarea>
        </label>
    }
}

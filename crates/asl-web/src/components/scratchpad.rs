//! The path scratchpad.

use super::JsonField;
use super::json_text::pretty;
use crate::state::use_playground;
use leptos::prelude::*;

/// An expression field (a JSONPath, an intrinsic call or a payload template) evaluated against the
/// state input as the user types, with the value or AWS's error.
#[component]
pub(crate) fn Scratchpad() -> impl IntoView {
    let playground = use_playground();
    view! {
        <div class="scratchpad">
            <label class="field">
                <span class="field__label">"Expression"</span>
                <input
                    class="field__expression"
                    data-testid="scratchpad-expression"
                    spellcheck="false"
                    placeholder="$.items[0]  or  States.Format('{}', $.id)  or  {% $states.input.id %}"
                    prop:value=move || playground.expression.get()
                    on:input:target=move |ev| playground.expression.set(ev.target().value())
                />
            </label>
            <JsonField label="Against this input" test_id="scratchpad-input" rows=6 value=playground.input/>
            {move || match playground.evaluation.get() {
                Ok(value) => view! { <pre class="scratchpad__value" data-testid="scratchpad-result">{pretty(&value)}</pre> }.into_any(),
                Err(message) => view! { <p class="scratchpad__error" data-testid="scratchpad-error">{message}</p> }.into_any(),
            }}
        </div>
    }
}

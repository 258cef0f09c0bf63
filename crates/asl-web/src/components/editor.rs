//! The definition editor: a text area with line numbers that can be asked to select a range, over
//! a layer that marks the code inside strings (JSONata expressions, `.$` paths).

use crate::state::{Selection, use_playground};
use asl_core::api;
use asl_core::text::byte_offset;
use leptos::html;
use leptos::prelude::*;

/// Line height of the editor, in pixels; must match `--editor-line-height` in style.css.
const LINE_HEIGHT: f64 = 20.0;

/// The text area the user types the definition in, with a line-number gutter. When a selection
/// is requested (a diagnostic was clicked), it selects that text and scrolls it into view.
#[component]
pub(crate) fn DefinitionEditor() -> impl IntoView {
    let playground = use_playground();
    let textarea = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Pre>::new();

    let line_numbers = Memo::new(move |_| {
        let lines = playground.definition.with(|t| t.split('\n').count());
        (1..=lines)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    });

    Effect::new(move |_| {
        let Some(Selection { start, end, line }) = playground.selection.get() else {
            return;
        };
        let Some(area) = textarea.get() else { return };
        let _ = area.focus();
        let _ = area.set_selection_range(start, end);
        let top = (f64::from(line.saturating_sub(1)) * LINE_HEIGHT
            - f64::from(area.client_height()) / 3.0)
            .max(0.0);
        area.set_scroll_top(top as i32);
        playground.selection.set(None);
    });

    // Putting the cursor inside a state picks it for the data-flow panel.
    let pick_state_at_cursor = move || {
        let Some(area) = textarea.get() else { return };
        let Ok(Some(utf16)) = area.selection_start() else {
            return;
        };
        let name = playground
            .definition
            .with(|text| api::state_at(text, byte_offset(text, utf16)));
        if name.is_some() {
            playground.picked_state.set(name);
        }
    };

    // The marks layer: the same text, transparent, with the code inside strings marked.
    let marks_layer = NodeRef::<html::Pre>::new();
    let marks = Memo::new(move |_| {
        playground.definition.with(|text| {
            let mut segments = Vec::new();
            let mut at = 0;
            for mark in api::highlights(text) {
                if mark.start < at {
                    continue;
                }
                segments.push((text[at..mark.start].to_string(), None));
                segments.push((text[mark.start..mark.end].to_string(), Some(mark.kind)));
                at = mark.end;
            }
            // A trailing space keeps the layer as tall as the text area's last line.
            segments.push((format!("{} ", &text[at..]), None));
            segments
        })
    });

    let sync_gutter = move || {
        if let (Some(area), Some(gutter)) = (textarea.get(), gutter.get()) {
            gutter.set_scroll_top(area.scroll_top());
        }
        if let (Some(area), Some(layer)) = (textarea.get(), marks_layer.get()) {
            layer.set_scroll_top(area.scroll_top());
            layer.set_scroll_left(area.scroll_left());
        }
    };

    view! {
        <section class="editor" aria-label="Definition">
            <pre class="editor__gutter" aria-hidden="true" node_ref=gutter>{line_numbers}</pre>
            <div class="editor__area">
            <pre class="editor__marks" aria-hidden="true" node_ref=marks_layer>
                {move || marks.get().into_iter().map(|(text, kind)| match kind {
                    Some(kind) => view! {
                        <mark class=format!("editor__mark editor__mark--{}", kind.as_str())
                            data-testid=format!("mark-{}", kind.as_str())>{text}</mark>
                    }.into_any(),
                    None => text.into_any(),
                }).collect_view()}
            </pre>
            <textarea
                class="editor__text"
                data-testid="definition-editor"
                aria-label="State machine definition"
                spellcheck="false"
                autocomplete="off"
                wrap="off"
                node_ref=textarea
                prop:value=move || playground.definition.get()
                on:input:target=move |ev| playground.definition.set(ev.target().value())
                on:scroll=move |_| sync_gutter()
                on:click=move |_| pick_state_at_cursor()
                on:keyup=move |_| pick_state_at_cursor()
            ></textarea>
            </div>
        </section>
    }
}

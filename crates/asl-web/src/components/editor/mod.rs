//! The definition editor. A text of ordinary size is edited whole, coloured and marked; a large
//! one (a 10 MB paste) through a window of its lines, since the browser lays out and edits a text
//! area of half a million lines in seconds per keystroke.

mod highlighted;
mod window;
mod windowed;

use crate::state::{LARGE_TEXT, Playground, Selection, use_playground};
use leptos::prelude::*;
use std::ops::Range;

/// Line height of the editor, in pixels; must match `--editor-line-height` in style.css.
const LINE_HEIGHT: f64 = 20.0;

/// The text area the user types the definition in, as suits the text's size.
#[component]
pub(crate) fn DefinitionEditor() -> impl IntoView {
    let playground = use_playground();
    let large = Memo::new(move |_| playground.definition.with(|t| t.len() > LARGE_TEXT));
    let replaced = Replaced(RwSignal::new(None));
    let undo = move |_| {
        if let Some((text, _)) = replaced.0.get_untracked() {
            replaced.0.set(None);
            playground.definition.set(text);
        }
    };
    view! {
        <Show when=move || large.get() fallback=move || view! { <highlighted::HighlightedEditor replaced/> }>
            <windowed::WindowedEditor replaced/>
        </Show>
        {move || replaced.0.with(|r| r.as_ref().map(|(_, lines)| *lines)).map(|lines| view! {
            <p class="editor__replaced" data-testid="replaced" role="status">
                {format!("The whole text ({lines} lines) was replaced. ")}
                <button class="button" data-testid="undo-replace" on:click=undo>"Undo"</button>
                <button class="button" aria-label="Dismiss" on:click=move |_| replaced.0.set(None)>"×"</button>
            </p>
        })}
    }
}

/// A large text replaced whole (select-all, then a key, a paste or a cut) and its count of
/// lines: the text area cannot undo that, since it held only a window of the text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Replaced(RwSignal<Option<(String, usize)>>);

impl Replaced {
    /// Keep the definition as it is now, before it is replaced whole.
    fn keep(self, playground: Playground) {
        let text = playground.definition.get_untracked();
        let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
        self.0.set(Some((text, lines)));
    }
}

/// Put `pasted` over the bytes `range` of the definition, as the text area would have, and ask
/// for the cursor after it.
fn paste_over(playground: Playground, range: Range<usize>, pasted: &str) {
    let after = range.start + pasted.len();
    playground
        .definition
        .update(|text| text.replace_range(range, pasted));
    let (utf16, line) = playground.definition.with_untracked(|text| {
        let before = &text[..after];
        (
            before.encode_utf16().count(),
            before.bytes().filter(|&b| b == b'\n').count() + 1,
        )
    });
    let (at, line) = (
        u32::try_from(utf16).unwrap_or(u32::MAX),
        u32::try_from(line).unwrap_or(u32::MAX),
    );
    playground.selection.set(Some(Selection {
        start: at,
        end: at,
        line,
    }));
}

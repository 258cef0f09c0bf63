//! The definition editor: CodeMirror (`crate::code_mirror`), kept in step with the playground's
//! definition. What the user types goes into the definition change by change; a definition set
//! elsewhere (a template, Import, a share link, Format) replaces the editor's text as one step
//! that Ctrl+Z undoes. The engine's problems become lint marks, its marks of code inside strings
//! decorations, and requests from the other panels selections or revealed states.

use crate::code_mirror::{Editor, Language, Mark, Problem};
use crate::state::{EditorRequest, LARGE_TEXT, Playground, use_playground};
use asl_core::api;
use asl_core::diag::Severity;
use asl_core::source::{self, Format};
use asl_core::text::{LineIndex, byte_offset};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The code editor the user types the definition in, with line numbers, folding, search (Ctrl+F)
/// and the problems marked in the text and its gutter.
#[component]
pub(crate) fn DefinitionEditor() -> impl IntoView {
    let playground = use_playground();
    let host = NodeRef::<html::Div>::new();
    let editor = StoredValue::new_local(None::<Editor>);
    // The text the editor holds, as the definition had it when they last agreed.
    let held = StoredValue::new(String::new());
    let ready = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);

    host.on_load(move |element| {
        let text = playground.definition.get_untracked();
        let on_change = move |from: u32, to: u32, inserted: String| {
            held.update_value(|text| replace_utf16(text, from, to, &inserted));
            playground
                .definition
                .update(|text| replace_utf16(text, from, to, &inserted));
        };
        let on_cursor = move |at: u32| pick_state_at(playground, at);
        match Editor::new(&element, &text, on_change, on_cursor) {
            Ok(created) => {
                held.set_value(text);
                editor.set_value(Some(created));
                follow_colour_scheme(editor);
                ready.set(true);
            }
            Err(message) => failure.set(Some(message)),
        }
    });
    on_cleanup(move || {
        editor.try_update_value(|e| *e = None);
    });

    // A definition set elsewhere: the editor shows it (one undoable step). CodeMirror keeps line
    // breaks as line feeds, so a text with carriage returns is first given line feeds.
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        if playground.definition.with(|text| text.contains('\r')) {
            let fed = playground
                .definition
                .with_untracked(|text| text.replace("\r\n", "\n").replace('\r', "\n"));
            playground.definition.set(fed);
            return;
        }
        let changed = playground
            .definition
            .with(|text| held.with_value(|held| held != text));
        if changed {
            let text = playground.definition.get_untracked();
            editor.with_value(|e| {
                if let Some(e) = e {
                    e.set_text(&text);
                }
            });
            held.set_value(text);
        }
    });

    // The problems, once the engine has read the text the editor holds (a large text is read
    // when typing pauses; until then its marks move with the edits).
    Effect::new(move |_| {
        if !ready.get() || !settled(playground) {
            return;
        }
        playground.validation.with(|validation| {
            let problems: Vec<Problem<'_>> = validation
                .diagnostics
                .iter()
                .map(|located| Problem {
                    from: located.start.utf16,
                    to: located.end.utf16,
                    severity: match located.diagnostic.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    },
                    code: located.diagnostic.code.as_str(),
                    message: &located.diagnostic.message,
                })
                .collect();
            editor.with_value(|e| {
                if let Some(e) = e {
                    e.set_problems(&problems);
                }
            });
        });
    });

    // The code inside strings (JSONata expressions, `.$` paths), for a text of ordinary size.
    Effect::new(move |_| {
        if !ready.get() || !settled(playground) {
            return;
        }
        let marks = playground.settled.with(|text| {
            if text.len() > LARGE_TEXT {
                return Vec::new();
            }
            let index = LineIndex::new(text);
            let utf16 = |offset: usize| {
                index
                    .position(u32::try_from(offset).unwrap_or(u32::MAX))
                    .utf16
            };
            api::highlights(text)
                .into_iter()
                .map(|h| Mark {
                    from: utf16(h.start),
                    to: utf16(h.end),
                    kind: h.kind.as_str(),
                })
                .collect::<Vec<_>>()
        });
        editor.with_value(|e| {
            if let Some(e) = e {
                e.set_marks(&marks);
            }
        });
    });

    // JSON or YAML colours, as the engine reads the text.
    let language = Memo::new(move |_| {
        playground.settled.with(|text| {
            let format = if text.len() > LARGE_TEXT {
                // Not read whole while typing: its first character says.
                match text.trim_start().chars().next() {
                    None | Some('{' | '[' | '"') => Format::Json,
                    Some(_) => Format::Yaml,
                }
            } else {
                source::detect(text)
            };
            match format {
                Format::Json => Language::Json,
                Format::Yaml => Language::Yaml,
            }
        })
    });
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        let language = language.get();
        editor.with_value(|e| {
            if let Some(e) = e {
                e.set_language(language);
            }
        });
    });

    // A problem clicked selects its text; a state picked in the history or on the graph is
    // revealed, never selected (typing must not replace it).
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        let Some(request) = playground.editor_request.get() else {
            return;
        };
        playground.editor_request.set(None);
        editor.with_value(|e| {
            let Some(e) = e else { return };
            match request {
                EditorRequest::Select { start, end } => e.select(start, end),
                EditorRequest::Reveal { start, end } => e.reveal(start, end),
            }
        });
    });

    view! {
        <section class="editor" aria-label="Definition">
            <div class="editor__host" node_ref=host></div>
            <p class="editor__keys" id="editor-keys">
                "Tab indents; Esc then Tab leaves the editor. Ctrl+F finds and replaces, Ctrl+Z undoes."
            </p>
            {move || failure.get().map(|message| view! {
                <p class="editor__failed" role="alert">
                    {format!("The editor could not start ({message}). Your definition is kept: reload the page.")}
                </p>
            })}
        </section>
    }
}

/// Whether the engine's answers are about the text the editor holds (a large text is read only
/// when typing pauses).
fn settled(playground: Playground) -> bool {
    playground.settled.with(|settled| {
        playground
            .definition
            .with_untracked(|definition| settled == definition)
    })
}

/// Replace the UTF-16 range `from..to` of `text` with `inserted`.
fn replace_utf16(text: &mut String, from: u32, to: u32, inserted: &str) {
    let start = byte_offset(text, from);
    let end = start + byte_offset(&text[start..], to.saturating_sub(from));
    text.replace_range(start..end, inserted);
}

/// Putting the cursor inside a state picks it for the data-flow panel (a large text is not read
/// on every move).
fn pick_state_at(playground: Playground, at: u32) {
    let name = playground.definition.with_untracked(|text| {
        (text.len() <= LARGE_TEXT)
            .then(|| api::state_at(text, byte_offset(text, at)))
            .flatten()
    });
    if name.is_some() {
        playground.picked_state.set(name);
    }
}

/// CodeMirror's own defaults follow the page's colour scheme, as it changes.
fn follow_colour_scheme(editor: StoredValue<Option<Editor>, LocalStorage>) {
    let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") else {
        return;
    };
    // The listener outlives the editor, which may be gone when it is called.
    let apply = move |dark: bool| {
        editor.try_with_value(|e| {
            if let Some(e) = e {
                e.set_dark(dark);
            }
        });
    };
    apply(query.matches());
    let listener = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
        move |ev: web_sys::MediaQueryListEvent| apply(ev.matches()),
    );
    let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
    // The page's one listener, for the page's lifetime.
    listener.forget();
}

#[cfg(test)]
mod tests {
    use super::replace_utf16;

    #[test]
    fn changes_are_applied_at_utf16_positions() {
        let mut text = "a😀b\né".to_string();
        // "😀" is two UTF-16 units: "b" is at 3.
        replace_utf16(&mut text, 3, 4, "B");
        assert_eq!(text, "a😀B\né");
        replace_utf16(&mut text, 1, 3, "");
        assert_eq!(text, "aB\né");
        replace_utf16(&mut text, 3, 4, "e");
        assert_eq!(text, "aB\ne");
        // Ranges past the end are cut to it; nothing panics.
        replace_utf16(&mut text, 2, 99, "!");
        assert_eq!(text, "aB!");
        replace_utf16(&mut text, 99, 5, "?");
        assert_eq!(text, "aB!?");
    }
}

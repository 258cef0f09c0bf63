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
use asl_core::text::LineIndex;
use leptos::html;
use leptos::prelude::*;
use std::ops::Range;
use wasm_bindgen::prelude::*;

/// The code editor the user types the definition in, with line numbers, folding, search (Ctrl+F)
/// and the problems marked in the text and its gutter.
#[component]
pub(crate) fn DefinitionEditor() -> impl IntoView {
    let playground = use_playground();
    let host = NodeRef::<html::Div>::new();
    let editor = StoredValue::new_local(None::<Editor>);
    // The text the editor holds, as the definition had it when they last agreed.
    let held = StoredValue::new(Held::default());
    let ready = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);

    host.on_load(move |element| {
        let text = playground.definition.get_untracked();
        let on_change = move |from: u32, to: u32, inserted: String| {
            let before =
                held.try_update_value(|held| (held.text.len(), held.replace(from, to, &inserted)));
            playground.definition.update(|text| {
                // The definition is the text the editor held (a change made elsewhere reaches
                // the editor before the user can type again): the same bytes change.
                match before {
                    Some((length, range))
                        if text.len() == length && text.get(range.clone()).is_some() =>
                    {
                        text.replace_range(range, &inserted);
                    }
                    _ => {
                        let range = utf16_range(text, false, from, to);
                        text.replace_range(range, &inserted);
                    }
                }
            });
        };
        let on_cursor = move |at: u32| pick_state_at(playground, at);
        match Editor::new(&element, &text, on_change, on_cursor) {
            Ok(created) => {
                held.set_value(Held::new(text));
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
            .with(|text| held.with_value(|held| held.text != *text));
        if changed {
            let text = playground.definition.get_untracked();
            editor.with_value(|e| {
                if let Some(e) = e {
                    e.set_text(&text);
                }
            });
            held.set_value(Held::new(text));
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
                        Severity::Info => "info",
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

    // JSON or YAML colours, as the engine reads the text; none for a large text, which
    // CodeMirror's parser would read again on every keystroke.
    let large = Memo::new(move |_| playground.definition.with(|text| text.len() > LARGE_TEXT));
    let language = Memo::new(move |_| {
        if large.get() {
            return Language::Plain;
        }
        match playground.settled.with(|text| source::detect(text)) {
            Format::Json => Language::Json,
            Format::Yaml => Language::Yaml,
        }
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

/// The text the editor holds, and whether it is all ASCII (then its UTF-16 offsets are its
/// byte offsets: a change in a 10 MB text is found without reading the text up to it).
#[derive(Default)]
struct Held {
    text: String,
    ascii: bool,
}

impl Held {
    fn new(text: String) -> Held {
        let ascii = text.is_ascii();
        Held { text, ascii }
    }

    /// Replace the UTF-16 range `from..to` with `inserted`; the bytes it replaced.
    fn replace(&mut self, from: u32, to: u32, inserted: &str) -> Range<usize> {
        let range = utf16_range(&self.text, self.ascii, from, to);
        self.text.replace_range(range.clone(), inserted);
        self.ascii &= inserted.is_ascii();
        range
    }
}

/// The bytes of `text` that its UTF-16 range `from..to` covers (cut to the text's end; an
/// offset inside a character moves to its end). `ascii` says the text is all ASCII.
fn utf16_range(text: &str, ascii: bool, from: u32, to: u32) -> Range<usize> {
    let (from, to) = (from as usize, (to as usize).max(from as usize));
    if ascii {
        return from.min(text.len())..to.min(text.len());
    }
    let start = byte_offset(text, from);
    start..start + byte_offset(&text[start..], to - from)
}

/// The byte offset of the UTF-16 offset `utf16` in `text`, counted over its bytes (a lead byte
/// starts a character; one of four bytes is two UTF-16 units).
fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        let lead = byte & 0xC0 != 0x80;
        if lead {
            if units >= utf16 {
                return at;
            }
            units += if byte >= 0xF0 { 2 } else { 1 };
        }
    }
    text.len()
}

/// Putting the cursor inside a state picks it for the data-flow panel (a large text is not read
/// on every move).
fn pick_state_at(playground: Playground, at: u32) {
    let name = playground.definition.with_untracked(|text| {
        (text.len() <= LARGE_TEXT)
            .then(|| api::state_at(text, byte_offset(text, at as usize)))
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
    use super::{Held, byte_offset};

    #[test]
    fn changes_are_applied_at_utf16_positions() {
        let mut held = Held::new("a😀b\né".to_string());
        assert!(!held.ascii);
        // "😀" is two UTF-16 units: "b" is at 3.
        assert_eq!(held.replace(3, 4, "B"), 5..6);
        assert_eq!(held.text, "a😀B\né");
        held.replace(1, 3, "");
        assert_eq!(held.text, "aB\né");
        held.replace(3, 4, "e");
        assert_eq!(held.text, "aB\ne");
        // Ranges past the end are cut to it; nothing panics.
        held.replace(2, 99, "!");
        assert_eq!(held.text, "aB!");
        held.replace(99, 5, "?");
        assert_eq!(held.text, "aB!?");
    }

    #[test]
    fn an_ascii_text_is_changed_at_its_byte_offsets_until_it_is_not_ascii() {
        let mut held = Held::new("{\"a\": 1}".to_string());
        assert!(held.ascii);
        assert_eq!(held.replace(6, 7, "2"), 6..7);
        held.replace(0, 0, "é");
        assert!(!held.ascii);
        assert_eq!(held.replace(7, 8, "3"), 8..9);
        assert_eq!(held.text, "é{\"a\": 3}");
        held.replace(50, 60, "x");
        assert_eq!(held.text, "é{\"a\": 3}x");
    }

    #[test]
    fn offsets_count_utf16_units() {
        let text = "aé😀b";
        let expected = [(0, 0), (1, 1), (2, 3), (3, 7), (4, 7), (5, 8), (9, 8)];
        for (utf16, byte) in expected {
            assert_eq!(byte_offset(text, utf16), byte, "{utf16}");
        }
    }
}

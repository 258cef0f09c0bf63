//! The editor of a large text: a sheet as tall as the whole text scrolls, and the text area on it
//! holds only the lines around the screen (`window::LINES` of them), moved as the screen nears
//! its edges. Typing edits those lines of the definition; select-all, copy, cut and paste act on
//! the whole text. The text is shown plain (no colours or marks) and checked when typing pauses.

use super::window::Window;
use super::{LINE_HEIGHT, Replaced, paste_over};
use crate::state::{Selection, use_playground};
use asl_core::text::byte_offset;
use leptos::html;
use leptos::prelude::*;

/// Pasted text longer than this is put in without the text area, whose layout of it would
/// freeze the page.
const LARGE_PASTE: usize = 64 * 1024;

/// The text area's padding above its first line, in pixels (style.css, `.editor__text`).
const PADDING: f64 = 8.0;

/// The text area over a window of the definition's lines, on a sheet as tall as all of them.
/// Replacing the whole text keeps it in `replaced`, for the editor's Undo.
#[component]
pub(super) fn WindowedEditor(replaced: Replaced) -> impl IntoView {
    let playground = use_playground();
    let textarea = NodeRef::<html::Textarea>::new();
    let scroller = NodeRef::<html::Div>::new();
    let window = RwSignal::new(playground.definition.with_untracked(|t| Window::new(t)));
    // Select-all selects the whole text, though the text area shows only the window of it.
    let all_selected = RwSignal::new(false);
    // Whether the last change of the definition was typed here (and so is in the text area).
    let typed = StoredValue::new(false);

    // Show `next` in the text area, keeping the cursor where it was in the text if asked and the
    // window holds it, else putting it at the screen's top line; the screen does not move.
    let show = move |next: Window, keep_cursor: bool| {
        let (Some(area), Some(scroller)) = (textarea.get_untracked(), scroller.get_untracked())
        else {
            return;
        };
        let scroll_top = scroller.scroll_top();
        let focused = document().active_element().is_some_and(|e| e == **area);
        let previous = window.get_untracked();
        let cursor = (focused && keep_cursor)
            .then(|| area.selection_start().ok().flatten())
            .flatten()
            .and_then(|utf16| {
                playground.definition.with_untracked(|text| {
                    let shown = text.get(previous.start..previous.end)?;
                    Some(previous.start + byte_offset(shown, utf16))
                })
            });
        window.set(next);
        playground.definition.with_untracked(|text| {
            let shown = &text[next.start..next.end];
            area.set_value(shown);
            if focused {
                let at = match cursor {
                    Some(at) if (next.start..=next.end).contains(&at) => at - next.start,
                    _ => screen_line_start(shown, next, scroll_top),
                };
                let utf16 = utf16_len(&shown[..at]);
                let _ = area.set_selection_range(utf16, utf16);
            }
        });
        scroller.set_scroll_top(scroll_top);
    };

    // A change made elsewhere (a paste, a template, Format, an import): the window starts again
    // at the text's top.
    Effect::new(move |_| {
        playground.definition.track();
        if typed.get_value() {
            typed.set_value(false);
            return;
        }
        let next = playground
            .definition
            .with_untracked(|text| Window::new(text));
        all_selected.set(false);
        if let Some(scroller) = scroller.get() {
            scroller.set_scroll_top(0);
        }
        // The old window's place means nothing in the new text.
        show(next, false);
    });

    // A requested selection (a diagnostic clicked, the cursor after a paste): the window moves
    // to it, and it is scrolled to a third of the screen.
    Effect::new(move |_| {
        let Some(Selection { start, end, line }) = playground.selection.get() else {
            return;
        };
        let (Some(area), Some(scroller)) = (textarea.get(), scroller.get()) else {
            return;
        };
        playground.selection.set(None);
        let line = line.saturating_sub(1) as usize;
        let next = playground
            .definition
            .with_untracked(|text| window.get_untracked().around(text, line));
        let top = (line as f64 * LINE_HEIGHT - f64::from(scroller.client_height()) / 3.0).max(0.0);
        scroller.set_scroll_top(top as i32);
        show(next, true);
        let _ = area.focus();
        let range = playground.definition.with_untracked(|text| {
            let shown = &text[next.start..next.end];
            let relative = |utf16| {
                let at = byte_offset(text, utf16).clamp(next.start, next.end) - next.start;
                utf16_len(&shown[..at])
            };
            (relative(start), relative(end))
        });
        let _ = area.set_selection_range(range.0, range.1);
        scroller.set_scroll_top(top as i32);
    });

    let on_scroll = move |_| {
        let Some(scroller) = scroller.get_untracked() else {
            return;
        };
        let top = ((f64::from(scroller.scroll_top()) - PADDING) / LINE_HEIGHT).max(0.0) as usize;
        let visible = (f64::from(scroller.client_height()) / LINE_HEIGHT).ceil() as usize + 1;
        let next = playground
            .definition
            .with_untracked(|text| window.get_untracked().for_screen(text, top, visible));
        if let Some(next) = next {
            show(next, true);
        }
    };

    // Typing: the window's lines of the definition become the text area's.
    let on_input = move |_| {
        let Some(area) = textarea.get_untracked() else {
            return;
        };
        let value = area.value();
        let current = window.get_untracked();
        // The window always lies in the text (a change made elsewhere moves it at once); a
        // window that does not is left alone rather than cut into the text.
        if playground
            .definition
            .with_untracked(|text| text.get(current.start..current.end).is_none())
        {
            return;
        }
        typed.set_value(true);
        playground
            .definition
            .update(|text| text.replace_range(current.start..current.end, &value));
        window.set(current.edited(&value));
    };

    // With the whole text selected, what is typed replaces it all.
    let on_before_input = move |ev: leptos::ev::InputEvent| {
        if !all_selected.get_untracked() {
            return;
        }
        let kind = ev.input_type();
        let replacement = match kind.as_str() {
            "insertText" | "insertReplacementText" => ev.data().unwrap_or_default(),
            "insertLineBreak" | "insertParagraph" => "\n".to_string(),
            _ if kind.starts_with("delete") => String::new(),
            // A paste is the paste handler's; undo and the like act on the window.
            _ => return,
        };
        ev.prevent_default();
        all_selected.set(false);
        replaced.keep(playground);
        playground.definition.set(replacement);
    };

    // The cursor moved to line `line` (from 0) of the whole text, at `column` characters or the
    // line's end, and the screen scrolled by as many lines as it moved.
    let go_to_line = move |line: usize, column: usize| {
        let (Some(area), Some(scroller)) = (textarea.get_untracked(), scroller.get_untracked())
        else {
            return;
        };
        let current = window.get_untracked();
        let line = line.min(current.total_lines - 1);
        let from = cursor_line(textarea, window, playground).unwrap_or(current.first_line);
        let moved = (line as f64 - from as f64) * LINE_HEIGHT;
        scroller.set_scroll_top((f64::from(scroller.scroll_top()) + moved).max(0.0) as i32);
        let next = playground
            .definition
            .with_untracked(|text| current.around(text, line));
        show(next, true);
        let utf16 = playground.definition.with_untracked(|text| {
            let shown = &text[next.start..next.end];
            let start = match line - next.first_line {
                0 => 0,
                lines => shown
                    .match_indices('\n')
                    .nth(lines - 1)
                    .map_or(shown.len(), |(at, _)| at + 1),
            };
            let text_of_line = shown[start..].split('\n').next().unwrap_or_default();
            let within: usize = text_of_line.chars().take(column).map(char::len_utf8).sum();
            utf16_len(&shown[..start + within])
        });
        let _ = area.set_selection_range(utf16, utf16);
    };

    // Keys that move past the window: PageUp/PageDown by a screen, Ctrl+Home/End to the text's
    // ends (the text area alone would stop at the window's edges).
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let command = ev.ctrl_key() || ev.meta_key();
        if command && key.eq_ignore_ascii_case("a") {
            all_selected.set(true);
            return;
        }
        if key.starts_with("Arrow")
            || matches!(
                key.as_str(),
                "Home" | "End" | "PageUp" | "PageDown" | "Escape"
            )
        {
            all_selected.set(false);
        }
        if ev.shift_key() {
            return;
        }
        let Some(scroller) = scroller.get_untracked() else {
            return;
        };
        let page = (f64::from(scroller.client_height()) / LINE_HEIGHT)
            .floor()
            .max(1.0) as usize;
        let line = cursor_line(textarea, window, playground).unwrap_or(0);
        let column = cursor_column(textarea);
        let target = match key.as_str() {
            "PageDown" if !command => (line + page, column),
            "PageUp" if !command => (line.saturating_sub(page), column),
            "End" if command => (usize::MAX, usize::MAX),
            "Home" if command => (0, 0),
            _ => return,
        };
        ev.prevent_default();
        go_to_line(target.0, target.1);
    };

    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(pasted) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        let range = if all_selected.get_untracked() {
            replaced.keep(playground);
            Some(0..playground.definition.with_untracked(String::len))
        } else if pasted.len() > LARGE_PASTE {
            window_selection(textarea, window, playground)
        } else {
            None
        };
        if let Some(range) = range {
            ev.prevent_default();
            all_selected.set(false);
            paste_over(playground, range, &pasted);
        }
    };

    // Copy and cut of the whole text, when it is all selected.
    let on_copy = move |ev: leptos::ev::ClipboardEvent, cut: bool| {
        if !all_selected.get_untracked() {
            return;
        }
        let Some(clipboard) = ev.clipboard_data() else {
            return;
        };
        let copied = playground
            .definition
            .with_untracked(|text| clipboard.set_data("text/plain", text));
        if copied.is_ok() {
            ev.prevent_default();
            if cut {
                all_selected.set(false);
                replaced.keep(playground);
                playground.definition.set(String::new());
            }
        }
    };

    let slice_top = move || format!("{}px", window.with(|w| w.first_line as f64 * LINE_HEIGHT));
    let slice_height = move || {
        format!(
            "{}px",
            window.with(|w| w.lines as f64 * LINE_HEIGHT + 2.0 * PADDING)
        )
    };
    let numbers = move || {
        window.with(|w| {
            (w.first_line + 1..=w.first_line + w.lines)
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    // As wide as the window's longest line, so that the sheet, not the text area, scrolls.
    let width = move || {
        window.with(|w| {
            playground.definition.with_untracked(|text| {
                let longest = text
                    .get(w.start..w.end)
                    .unwrap_or_default()
                    .split('\n')
                    .map(|line| line.chars().count())
                    .max()
                    .unwrap_or(0);
                format!("calc({longest}ch + {}px)", 3.0 * PADDING)
            })
        })
    };

    view! {
        <section class="editor editor--windowed" aria-label="Definition">
            <div class="editor__scroller" node_ref=scroller on:scroll=on_scroll>
                <div
                    class="editor__sheet"
                    style:height=move || format!(
                        "{}px",
                        window.with(|w| w.total_lines as f64 * LINE_HEIGHT + 2.0 * PADDING)
                    )
                >
                    <div class="editor__slice" style:top=slice_top>
                        <pre
                            class="editor__gutter"
                            data-testid="gutter-large"
                            title="A large text: the editor holds the lines around the screen, and checks the text when typing pauses"
                            style:height=slice_height
                        >{numbers}</pre>
                        <textarea
                            class="editor__text editor__text--plain editor__text--window"
                            data-testid="definition-editor"
                            aria-label="State machine definition"
                            spellcheck="false"
                            autocomplete="off"
                            wrap="off"
                            node_ref=textarea
                            style:height=slice_height
                            style:min-width=width
                            on:input=on_input
                            on:beforeinput=on_before_input
                            on:keydown=on_keydown
                            on:mousedown=move |_| all_selected.set(false)
                            on:paste=on_paste
                            on:copy=move |ev| on_copy(ev, false)
                            on:cut=move |ev| on_copy(ev, true)
                        ></textarea>
                    </div>
                </div>
            </div>
            {move || all_selected.get().then(|| view! {
                <p class="editor__notice" data-testid="all-selected">
                    {move || format!("All {} lines are selected", window.with(|w| w.total_lines))}
                </p>
            })}
        </section>
    }
}

/// The text area's selection, as bytes of the whole definition.
fn window_selection(
    textarea: NodeRef<html::Textarea>,
    window: RwSignal<Window>,
    playground: crate::state::Playground,
) -> Option<std::ops::Range<usize>> {
    let area = textarea.get_untracked()?;
    let (from, to) = (area.selection_start().ok()??, area.selection_end().ok()??);
    let w = window.get_untracked();
    playground.definition.with_untracked(|text| {
        let shown = text.get(w.start..w.end)?;
        Some(w.start + byte_offset(shown, from)..w.start + byte_offset(shown, to))
    })
}

/// The cursor's line (from 0) in the whole text.
fn cursor_line(
    textarea: NodeRef<html::Textarea>,
    window: RwSignal<Window>,
    playground: crate::state::Playground,
) -> Option<usize> {
    let area = textarea.get_untracked()?;
    let utf16 = area.selection_start().ok()??;
    let w = window.get_untracked();
    let before = playground.definition.with_untracked(|text| {
        let shown = text.get(w.start..w.end)?;
        Some(shown[..byte_offset(shown, utf16)].matches('\n').count())
    })?;
    Some(w.first_line + before)
}

/// The cursor's column, in characters from its line's start.
fn cursor_column(textarea: NodeRef<html::Textarea>) -> usize {
    let Some(area) = textarea.get_untracked() else {
        return 0;
    };
    let at = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let value = area.value();
    let before: Vec<u16> = value.encode_utf16().take(at).collect();
    let before = String::from_utf16_lossy(&before);
    before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
}

/// Where, in the window's text `shown`, the line at the top of a screen scrolled to
/// `scroll_top` starts.
fn screen_line_start(shown: &str, window: Window, scroll_top: i32) -> usize {
    let top = ((f64::from(scroll_top) - PADDING) / LINE_HEIGHT).max(0.0) as usize;
    let lines = top.saturating_sub(window.first_line);
    if lines == 0 {
        return 0;
    }
    shown
        .match_indices('\n')
        .nth(lines - 1)
        .map_or(shown.len(), |(at, _)| at + 1)
}

fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

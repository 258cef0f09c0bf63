//! The editor of a text of ordinary size: the whole text in a text area, over a layer that
//! colours it and marks the code inside strings (JSONata expressions, `.$` paths) and the
//! problems, with line numbers that carry the problems' messages.

use super::{LINE_HEIGHT, Replaced, paste_over};
use crate::state::{LARGE_TEXT, Selection, use_playground};
use asl_core::api;
use asl_core::diag::Severity;
use asl_core::text::byte_offset;
use leptos::html;
use leptos::prelude::*;

/// The text area the user types the definition in, with a line-number gutter. When a selection
/// is requested (a diagnostic was clicked), it selects that text and scrolls it into view. A
/// large paste over the whole text keeps the text in `replaced`, for the editor's Undo.
#[component]
pub(super) fn HighlightedEditor(replaced: Replaced) -> impl IntoView {
    let playground = use_playground();
    let textarea = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Pre>::new();

    // The gutter: line numbers, and a marker with the message on lines that have a problem.
    let gutter_lines = Memo::new(move |_| {
        let lines = playground.definition.with(|t| t.split('\n').count());
        let mut problems: Vec<Option<(String, &'static str)>> = vec![None; lines];
        playground.validation.with(|v| {
            for located in &v.diagnostics {
                let line = located.start.line.saturating_sub(1) as usize;
                if let Some(slot) = problems.get_mut(line) {
                    let severity = if located.diagnostic.severity == Severity::Error {
                        "error"
                    } else {
                        "warning"
                    };
                    let message = format!(
                        "{}: {}",
                        located.diagnostic.code.as_str(),
                        located.diagnostic.message
                    );
                    match slot {
                        Some((text, _)) => {
                            text.push('\n');
                            text.push_str(&message);
                        }
                        None => *slot = Some((message, severity)),
                    }
                }
            }
        });
        problems
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
    let pick_state_at_cursor = move |cursor: RwSignal<Option<usize>>| {
        let Some(area) = textarea.get() else { return };
        let Ok(Some(utf16)) = area.selection_start() else {
            return;
        };
        cursor.set(Some(
            playground
                .definition
                .with_untracked(|text| byte_offset(text, utf16)),
        ));
        let name = playground
            .definition
            .with(|text| api::state_at(text, byte_offset(text, utf16)));
        if name.is_some() {
            playground.picked_state.set(name);
        }
    };

    // The marks layer: the same text, transparent, with the code inside strings marked.
    let marks_layer = NodeRef::<html::Pre>::new();
    // Where the cursor is: the bracket there and its pair are marked.
    let cursor = RwSignal::new(None::<usize>);
    let marks = Memo::new(move |_| {
        let brackets = cursor.get().and_then(|at| {
            playground
                .definition
                .with(|text| api::matching_bracket(text, at))
        });
        playground.definition.with(|text| {
            // Problems first (they win where marks overlap), then the code inside strings.
            let mut marked: Vec<(usize, usize, &'static str)> = playground.validation.with(|v| {
                v.diagnostics
                    .iter()
                    .map(|l| {
                        let kind = if l.diagnostic.severity == Severity::Error {
                            "error"
                        } else {
                            "warning"
                        };
                        let (start, end) = (l.start.offset as usize, l.end.offset as usize);
                        (start, end.max(start + 1).min(text.len()), kind)
                    })
                    .collect()
            });
            marked.extend(
                api::highlights(text)
                    .into_iter()
                    .map(|h| (h.start, h.end, h.kind.as_str())),
            );
            if let Some((a, b)) = brackets {
                marked.push((a, a + 1, "bracket"));
                marked.push((b, b + 1, "bracket"));
            }
            let tokens = api::tokens(text);
            // Cut the text where any token or mark starts or ends; colour each piece by its
            // token, and mark it by the first mark that covers it.
            let mut cuts: Vec<usize> = vec![0, text.len()];
            for t in &tokens {
                cuts.extend([t.start, t.end]);
            }
            for (start, end, _) in &marked {
                cuts.extend([*start, *end]);
            }
            cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
            cuts.sort_unstable();
            cuts.dedup();
            let mut segments = Vec::with_capacity(cuts.len());
            let mut token = tokens.iter().peekable();
            for pair in cuts.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                while token.peek().is_some_and(|t| t.end <= a) {
                    token.next();
                }
                let kind = token
                    .peek()
                    .filter(|t| t.start <= a && a < t.end)
                    .map(|t| t.kind.as_str());
                let mark = marked
                    .iter()
                    .find(|(s, e, _)| *s <= a && a < *e)
                    .map(|m| m.2);
                segments.push((text[a..b].to_string(), kind, mark));
            }
            // A trailing space keeps the layer as tall as the text area's last line.
            segments.push((" ".to_string(), None, None));
            keyed_lines(segments)
        })
    });

    // The text area shows the definition; what the user typed is already there, so only a
    // change made elsewhere (a template, Format, an import) is written back.
    let typed = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(area) = textarea.get() else { return };
        playground.definition.with(|text| {
            if typed.get_value() {
                typed.set_value(false);
            } else {
                area.set_value(text);
            }
        });
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
            <pre class="editor__gutter" node_ref=gutter>
                // Keyed by line and problem: an edit rebuilds only the lines whose marker changed.
                <For each=move || gutter_lines.get().into_iter().enumerate() key=|line| line.clone() let((i, problem))>
                    {match problem {
                        Some((message, severity)) => view! {
                            <span class=format!("editor__line editor__line--{severity}") data-testid="gutter-problem" title=message>{i + 1}"\n"</span>
                        }.into_any(),
                        None => view! { <span class="editor__line">{i + 1}"\n"</span> }.into_any(),
                    }}
                </For>
            </pre>
            <div class="editor__area">
            <pre class="editor__marks" aria-hidden="true" node_ref=marks_layer>
                // Keyed by each line's pieces: an edit rebuilds only the lines it changed, and
                // each line is a block of its own, so the browser lays out only those again
                // (laying out the whole layer was most of a keystroke's cost).
                <For each=move || marks.get() key=|line| line.0 let((_, line))>
                    <span class="editor__row">{line.into_iter().map(|(text, kind, mark)| {
                        let token = kind.map(|k| format!("tok-{k}")).unwrap_or_default();
                        match mark {
                            Some(mark) => view! {
                                <mark class=format!("{token} editor__mark editor__mark--{mark}")
                                    data-testid=format!("mark-{mark}")>{text}</mark>
                            }.into_any(),
                            None if kind.is_some() => view! { <span class=token>{text}</span> }.into_any(),
                            None => text.into_any(),
                        }
                    }).collect_view()}</span>
                </For>
            </pre>
            <textarea
                class="editor__text"
                data-testid="definition-editor"
                aria-label="State machine definition"
                spellcheck="false"
                autocomplete="off"
                wrap="off"
                node_ref=textarea
                on:paste=move |ev| {
                    // A paste that makes the text large is put in without the text area, whose
                    // layout of it would freeze the page for seconds.
                    let Some(area) = textarea.get() else { return };
                    let Some(pasted) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else {
                        return;
                    };
                    let (Ok(Some(from)), Ok(Some(to))) = (area.selection_start(), area.selection_end()) else {
                        return;
                    };
                    let range = playground
                        .definition
                        .with_untracked(|text| byte_offset(text, from)..byte_offset(text, to));
                    let length = playground.definition.with_untracked(String::len) - range.len() + pasted.len();
                    if length > LARGE_TEXT {
                        ev.prevent_default();
                        if range.len() == playground.definition.with_untracked(String::len) {
                            replaced.keep(playground);
                        }
                        paste_over(playground, range, &pasted);
                    }
                }
                on:input:target=move |ev| {
                    typed.set_value(true);
                    playground.definition.set(ev.target().value());
                }
                on:scroll=move |_| sync_gutter()
                on:click=move |_| pick_state_at_cursor(cursor)
                on:keyup=move |_| pick_state_at_cursor(cursor)
            ></textarea>
            </div>
        </section>
    }
}

/// A piece of the marks layer: its text, its token kind and its mark.
type Piece = (String, Option<&'static str>, Option<&'static str>);

/// The pieces cut into lines (a piece that spans lines is cut at each newline), each line with
/// its key: a hash of its pieces and of how many identical lines come before it, so that keys
/// are unique and a line keeps its key wherever it moves.
fn keyed_lines(pieces: Vec<Piece>) -> Vec<(u64, Vec<Piece>)> {
    use std::hash::{Hash, Hasher};
    let mut lines = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    for (text, kind, mark) in pieces {
        let mut rest = text.as_str();
        while let Some(end) = rest.find('\n') {
            line.push((rest[..=end].to_string(), kind, mark));
            lines.push(std::mem::take(&mut line));
            rest = &rest[end + 1..];
        }
        if !rest.is_empty() {
            line.push((rest.to_string(), kind, mark));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let mut seen: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
    lines
        .into_iter()
        .map(|line| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            line.hash(&mut hasher);
            let content = hasher.finish();
            let count = seen.entry(content).or_default();
            *count += 1;
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (content, *count).hash(&mut hasher);
            (hasher.finish(), line)
        })
        .collect()
}

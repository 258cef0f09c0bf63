//! A dialog over the page (Share, Import): it takes the focus when it opens and keeps it inside
//! (Tab and Shift+Tab wrap around its controls), closes with Esc or a click outside it, and gives
//! the focus back to what had it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What can take the focus inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), textarea:not([disabled]), \
                         select:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// A dialog shown while `open` is true.
#[component]
pub(crate) fn Dialog(
    /// Shown while true; set to false to close it.
    open: RwSignal<bool>,
    /// Its accessible name.
    label: &'static str,
    /// Its `data-testid`.
    test_id: &'static str,
    /// Extra classes.
    #[prop(default = "")]
    class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    // On opening: remember what had the focus and move it inside; on closing: give it back.
    Effect::new(move |_| {
        if open.get() {
            let active = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
            request_animation_frame(move || {
                if let Some(first) = focusable(node).into_iter().next() {
                    let _ = first.focus();
                }
            });
        } else if let Some(opener) = opener.try_update_value(Option::take).flatten() {
            let _ = opener.focus();
        }
    });
    // A click outside closes it (the click that opened it has already been handled).
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        let Some(dialog) = node.get_untracked() else {
            return;
        };
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|t| dialog.contains(Some(&t)));
        if open.get_untracked() && !inside {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            open.set(false);
        }
        "Tab" => {
            let items = focusable(node);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active = document().active_element();
            let at = |e: &web_sys::HtmlElement| active.as_ref() == Some(e.unchecked_ref());
            if ev.shift_key() && at(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && at(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    view! {
        <Show when=move || open.get()>
            <div class=format!("share {class}") role="dialog" aria-modal="true" aria-label=label
                data-testid=test_id node_ref=node on:keydown=keydown>
                {children()}
            </div>
        </Show>
    }
}

/// The controls inside the dialog that can take the focus, in order.
fn focusable(node: NodeRef<html::Div>) -> Vec<web_sys::HtmlElement> {
    let Some(dialog) = node.get_untracked() else {
        return Vec::new();
    };
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

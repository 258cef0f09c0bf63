//! Sharing: a link that carries the whole workspace, and the choice offered when a shared link
//! would replace saved work.

use crate::components::Dialog;
use crate::components::run_panel::percent_encode;
use crate::session::use_session;
use crate::state::use_playground;
use crate::workspace::{self, Arrival, SaveProblem};
use leptos::prelude::*;

/// The Share button and the link it makes.
#[component]
pub(crate) fn ShareButton() -> impl IntoView {
    let playground = use_playground();
    let session = use_session();
    let link = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let share = move |_| {
        let url = workspace::link(playground, session);
        let _ = window().navigator().clipboard().write_text(&url);
        link.set(url);
        open.set(true);
    };
    view! {
        <button class="button" data-testid="share" on:click=share>"Share"</button>
        <Dialog open label="Share link" test_id="share-dialog">
            <p>"Copied to the clipboard: anyone who opens this link gets this workspace."</p>
            <input class="field__expression share__link" data-testid="share-link" readonly prop:value=move || link.get()/>
            <button class="button" on:click=move |_| open.set(false)>"Close"</button>
        </Dialog>
    }
}

/// What arriving with a link said: a damaged link, or a shared workspace to open or not.
#[component]
pub(crate) fn ArrivalBanner(arrival: Arrival) -> impl IntoView {
    let playground = use_playground();
    let session = use_session();
    let shown = RwSignal::new(arrival);
    move || {
        match shown.get() {
        Arrival::Fresh => None,
        Arrival::Damaged(message) => Some(view! {
            <div class="banner banner--error" role="alert" data-testid="link-damaged">
                <p>{message} " Your own work is unchanged."</p>
                <button class="button" on:click=move |_| shown.set(Arrival::Fresh)>"Dismiss"</button>
            </div>
        }.into_any()),
        Arrival::Shared(shared) => Some(view! {
            <div class="banner" role="alert" data-testid="link-offer">
                <p>"This link carries a shared workspace. Opening it sets your work here aside under Recent."</p>
                <button class="button button--primary" data-testid="open-shared" on:click=move |_| {
                    workspace::keep_if_own(playground, session);
                    workspace::apply(playground, session, &shared);
                    shown.set(Arrival::Fresh);
                }>"Open the shared workspace"</button>
                <button class="button" data-testid="keep-mine" on:click=move |_| shown.set(Arrival::Fresh)>"Keep my work"</button>
            </div>
        }.into_any()),
    }
    }
}

/// The work saved in this browser could not be read: what happened, and the damaged save to
/// download (it stays in the browser's storage too, where no autosave overwrites it).
#[component]
pub(crate) fn SaveProblemBanner(problem: Option<SaveProblem>) -> impl IntoView {
    let shown = RwSignal::new(problem);
    move || {
        shown.get().map(|SaveProblem { message, text }| {
            let file = format!("data:text/plain;charset=utf-8,{}", percent_encode(&text));
            view! {
                <div class="banner banner--error" role="alert" data-testid="save-damaged">
                    <p>{message}</p>
                    <a class="button" data-testid="save-damaged-download" download="asl-playground-damaged-save.txt" href=file>"Download the damaged save"</a>
                    <button class="button" on:click=move |_| shown.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}

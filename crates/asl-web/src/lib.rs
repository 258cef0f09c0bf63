//! The ASL Playground app: a definition editor with live, AWS-exact diagnostics, each state's
//! data flow, and simulated executions with their history.
//!
//! Components render what [`asl_core::api`] returns; none of them interprets ASL.

// Leptos' `#[component]` emits public items inside private modules, which this lint misjudges.
#![allow(unreachable_pub)]

mod code_mirror;
mod components;
mod flow_input;
mod jsonata;
mod session;
mod state;
mod templates;
mod workspace;

use components::{ArrivalBanner, DefinitionEditor, Embed, Header, SaveProblemBanner, SidePanel};
use leptos::prelude::*;
use session::Session;
use state::Playground;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let playground = Playground::new();
    provide_context(playground);
    let session = Session::new(playground);
    provide_context(session);
    flow_input::follow(playground, session);
    // `?embed` (and `?embed&editable`): the widget for other pages. It shows the workspace its
    // link carries and never touches the playground's saved work.
    let search = window().location().search().unwrap_or_default();
    if search.contains("embed") {
        workspace::open_link(playground, session);
        let editable = search.contains("editable");
        return view! { <Embed editable=editable/> }.into_any();
    }
    let (arrival, save_problem) = workspace::arrive(playground, session);
    workspace::autosave(playground, session);
    // Ctrl/Cmd + Enter starts the execution from anywhere on the page.
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            session.start();
        }
    });
    view! {
        <Header/>
        <SaveProblemBanner problem=save_problem/>
        <ArrivalBanner arrival=arrival/>
        <main class="workspace">
            <DefinitionEditor/>
            <SidePanel/>
        </main>
    }
    .into_any()
}

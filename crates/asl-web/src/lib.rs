//! The ASL Playground app: a definition editor with live, AWS-exact diagnostics.
//!
//! Components render what [`asl_core::api`] returns; none of them interprets ASL.

// Leptos' `#[component]` emits public items inside private modules, which this lint misjudges.
#![allow(unreachable_pub)]

mod components;
mod state;

use components::{DefinitionEditor, Header, SidePanel};
use leptos::prelude::*;
use state::Playground;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Playground::new());
    view! {
        <Header/>
        <main class="workspace">
            <DefinitionEditor/>
            <SidePanel/>
        </main>
    }
}

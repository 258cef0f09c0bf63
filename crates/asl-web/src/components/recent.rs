//! Recent workspaces: the user's own work that a template, an import or a shared link replaced,
//! kept in this browser and opened again from here.

use super::Dialog;
use crate::session::use_session;
use crate::state::use_playground;
use crate::workspace::{self, Recent};
use leptos::prelude::*;

/// The Recent button (shown once something was set aside) and its list.
#[component]
pub(crate) fn RecentButton() -> impl IntoView {
    let playground = use_playground();
    let session = use_session();
    let open = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let reopen = move |chosen: Recent| match workspace::reopen(playground, session, &chosen) {
        Ok(()) => {
            problem.set(None);
            open.set(false);
        }
        Err(why) => problem.set(Some(why)),
    };
    let when = |at: f64| {
        web_sys::js_sys::Date::new(&at.into())
            .to_locale_string("default", &Default::default())
            .as_string()
            .unwrap_or_default()
    };
    view! {
        <Show when=move || !session.recent.with(Vec::is_empty)>
            <button class="button" data-testid="recent-open" on:click=move |_| open.set(true)
                title="Your own work that a template or an import replaced">
                {move || format!("Recent ({})", session.recent.with(Vec::len))}
            </button>
        </Show>
        <Dialog open label="Recent workspaces" test_id="recent-dialog">
            <p>"Your own work, set aside in this browser when a template, an import or a shared link replaced it. Opening one sets the current work aside in its place."</p>
            <ul class="recent">
                <For
                    each=move || session.recent.get()
                    key=|kept| kept.fragment.clone()
                    children=move |kept| {
                        let chosen = kept.clone();
                        view! {
                            <li class="recent__item" data-testid="recent-item">
                                <span class="recent__title">{kept.title}</span>
                                <span class="recent__when">{when(kept.at)}</span>
                                <button class="button" data-testid="recent-reopen"
                                    on:click=move |_| reopen(chosen.clone())>"Open"</button>
                            </li>
                        }
                    }
                />
            </ul>
            {move || problem.get().map(|why| view! { <p class="data-flow__problem">{why}</p> })}
            <button class="button" on:click=move |_| open.set(false)>"Close"</button>
        </Dialog>
    }
}

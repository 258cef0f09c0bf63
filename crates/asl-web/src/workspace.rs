//! The workspace outside the page: autosaved in the browser's storage and restored on reload,
//! and carried by share links. Opening a shared link never silently replaces work saved here:
//! the user chooses.

use crate::session::Session;
use crate::state::Playground;
use asl_core::api::Workspace;
use asl_core::validate::MachineType;
use leptos::prelude::*;
use serde_json::{Value, json};

/// Where the autosave lives. A save is written to the spare key first, then to the main one, so
/// a failed write never leaves no save at all.
const KEY: &str = "asl-playground.workspace";
const SPARE: &str = "asl-playground.workspace.previous";
/// A save that could not be read is moved here, where no autosave overwrites it.
pub(crate) const DAMAGED: &str = "asl-playground.workspace.damaged";

/// Work set aside when a template or an import replaced it: newest first, at most
/// [`MOST_RECENT`], each a share fragment.
const RECENT: &str = "asl-playground.recent";
const MOST_RECENT: usize = 12;

/// A workspace set aside.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Recent {
    /// When it was set aside (milliseconds since the epoch).
    pub(crate) at: f64,
    /// What it is called in the list.
    pub(crate) title: String,
    /// The workspace, as a share fragment.
    pub(crate) fragment: String,
}

/// The workspaces set aside, newest first (none when the storage has none or cannot be read).
pub(crate) fn recent() -> Vec<Recent> {
    let stored = storage()
        .and_then(|storage| storage.get_item(RECENT).ok().flatten())
        .and_then(|text| serde_json::from_str::<Value>(&text).ok());
    let Some(Value::Array(items)) = stored else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            Some(Recent {
                at: item.get("at")?.as_f64()?,
                title: item.get("title")?.as_str()?.to_string(),
                fragment: item.get("fragment")?.as_str()?.to_string(),
            })
        })
        .collect()
}

fn store_recent(list: &[Recent]) -> bool {
    let items: Vec<Value> = list
        .iter()
        .map(|kept| json!({"at": kept.at, "title": kept.title, "fragment": kept.fragment}))
        .collect();
    let text = Value::Array(items).to_string();
    storage().is_some_and(|storage| storage.set_item(RECENT, &text).is_ok())
}

/// Set the current work aside when it is the user's own (no template's as it opened), before a
/// template or an import replaces it. The same work set aside twice is listed once.
pub(crate) fn keep_if_own(playground: Playground, session: Session) {
    if !session.is_own() {
        return;
    }
    let workspace = current(playground, session);
    let fragment = workspace.to_fragment();
    let mut list = recent();
    list.retain(|kept| kept.fragment != fragment);
    list.insert(
        0,
        Recent {
            at: web_sys::js_sys::Date::now(),
            title: workspace.title(),
            fragment,
        },
    );
    list.truncate(MOST_RECENT);
    if store_recent(&list) {
        session.recent.set(list);
    }
}

/// Open a workspace set aside, setting the current one aside in its place when it is the
/// user's own.
pub(crate) fn reopen(
    playground: Playground,
    session: Session,
    chosen: &Recent,
) -> Result<(), String> {
    let workspace = Workspace::from_fragment(&chosen.fragment)?;
    keep_if_own(playground, session);
    let mut list = recent();
    list.retain(|kept| kept.fragment != chosen.fragment);
    store_recent(&list);
    session.recent.set(list);
    apply(playground, session, &workspace);
    Ok(())
}

/// What the page was opened with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Arrival {
    /// Nothing to restore or open.
    Fresh,
    /// A share link to open; the saved work differs, so the user is asked first.
    Shared(Workspace),
    /// A share link that cannot be read: the message (the user's work stays).
    Damaged(String),
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The workspace as the page holds it now.
pub(crate) fn current(playground: Playground, session: Session) -> Workspace {
    Workspace {
        definition: playground.definition.get_untracked(),
        input: session.input.get_untracked(),
        mocks: session.mocks.get_untracked(),
        test_case: session.test_case.get_untracked(),
        machine_type: playground.machine_type.get_untracked().as_str().to_string(),
        name: session.name.get_untracked(),
    }
}

/// Put a workspace in the page.
pub(crate) fn apply(playground: Playground, session: Session, workspace: &Workspace) {
    playground.definition.set(workspace.definition.clone());
    playground.machine_type.set(
        workspace
            .machine_type
            .parse()
            .unwrap_or(MachineType::Standard),
    );
    session.load(&workspace.input, &workspace.mocks, &workspace.test_case);
    session.name.set(workspace.name.clone());
}

/// What the autosave held when the page opened.
struct Saved {
    /// The work to restore: the main save, or the spare one when the main is unreadable.
    workspace: Option<Workspace>,
    /// Why the main save could not be read, and what became of it.
    problem: Option<SaveProblem>,
}

/// A save that could not be read: the message, and its text (kept under [`DAMAGED`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SaveProblem {
    pub(crate) message: String,
    pub(crate) text: String,
}

fn saved() -> Saved {
    let nothing = Saved {
        workspace: None,
        problem: None,
    };
    let Some(storage) = storage() else {
        return nothing;
    };
    let read = |key: &str| storage.get_item(key).ok().flatten();
    let Some(main) = read(KEY) else {
        return Saved {
            workspace: read(SPARE).and_then(|text| Workspace::from_fragment(&text).ok()),
            problem: None,
        };
    };
    let reason = match Workspace::from_fragment(&main) {
        Ok(workspace) => {
            return Saved {
                workspace: Some(workspace),
                problem: None,
            };
        }
        Err(reason) => reason,
    };
    // Keep the unreadable save out of the autosave's way before anything is written.
    let kept = storage.set_item(DAMAGED, &main).is_ok();
    let spare = read(SPARE).and_then(|text| Workspace::from_fragment(&text).ok());
    let reason = reason.trim_start_matches("The share link is damaged: ");
    let mut message = format!("The work saved in this browser could not be read: {reason}.");
    message.push_str(if spare.is_some() {
        " The save before it was restored."
    } else {
        " The page starts from a fresh workspace."
    });
    if kept {
        message.push_str(&format!(
            " The damaged save is kept in this browser's storage under '{DAMAGED}'."
        ));
    }
    Saved {
        workspace: spare,
        problem: Some(SaveProblem {
            message,
            text: main,
        }),
    }
}

/// Restore the saved work, then look at the link the page was opened with; also says what went
/// wrong reading the save, if anything did.
pub(crate) fn arrive(playground: Playground, session: Session) -> (Arrival, Option<SaveProblem>) {
    let Saved {
        workspace: saved,
        problem,
    } = saved();
    if let Some(saved) = &saved {
        apply(playground, session, saved);
    }
    let hash = window().location().hash().unwrap_or_default();
    let hash = hash.trim_start_matches('#');
    let arrival = if hash.is_empty() {
        Arrival::Fresh
    } else {
        match Workspace::from_fragment(hash) {
            Err(message) => Arrival::Damaged(message),
            Ok(shared) if saved.is_none() || saved.as_ref() == Some(&shared) => {
                apply(playground, session, &shared);
                Arrival::Fresh
            }
            Ok(shared) => Arrival::Shared(shared),
        }
    };
    (arrival, problem)
}

/// Open the workspace the page's link carries, if any (the embed: nothing saved is read).
pub(crate) fn open_link(playground: Playground, session: Session) {
    let hash = window().location().hash().unwrap_or_default();
    if let Ok(shared) = Workspace::from_fragment(&hash) {
        apply(playground, session, &shared);
    }
}

/// How long after the last change the workspace is saved: compressing and storing it is kept
/// off the keystroke path.
const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// Write the workspace to the spare key, then to the main one. A write the browser refuses (the
/// storage is full or disabled) leaves the previous save as it was.
fn save(playground: Playground, session: Session) {
    let fragment = current(playground, session).to_fragment();
    let saved = storage().is_some_and(|storage| {
        storage.set_item(SPARE, &fragment).is_ok() && storage.set_item(KEY, &fragment).is_ok()
    });
    mark(if saved { "saved" } else { "refused" });
}

/// Say on the document element where the autosave stands (`pending`, `saved` or `refused`), for
/// whoever needs to know that what is shown is what is stored (the browser tests do).
fn mark(state: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-autosave", state);
    }
}

/// Save the workspace a moment after it stops changing, and at once when the page is hidden or
/// left, so that nothing typed is lost.
pub(crate) fn autosave(playground: Playground, session: Session) {
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        // Track every field.
        playground.definition.track();
        playground.machine_type.track();
        session.input.track();
        session.mocks.track();
        session.test_case.track();
        session.name.track();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        mark("pending");
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                save(playground, session);
            },
            SAVE_DELAY,
        );
        pending.set_value(handle.ok());
    });
    let flush = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
            save(playground, session);
        }
    };
    let hidden = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let away = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
    // The listeners live as long as the page.
    std::mem::forget(hidden);
    std::mem::forget(away);
}

/// The share link of the workspace: this page's address with the workspace in its fragment.
pub(crate) fn link(playground: Playground, session: Session) -> String {
    let location = window().location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    format!("{base}#{}", current(playground, session).to_fragment())
}

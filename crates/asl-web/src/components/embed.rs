//! The embeddable widget (`index.html?embed`, the workspace in the fragment as a share link
//! carries it): the graph, a Run button and the outcome, sized to its container; the definition
//! too with `?embed&editable`. A host page drives it with `postMessage`:
//!
//! - `{"type": "asl-playground:set", "definition"?, "input"?, "mocks"?, "testCase"?}` replaces
//!   those texts;
//! - `{"type": "asl-playground:run"}` runs the execution;
//! - the widget answers `{"type": "asl-playground:ready"}` when it has loaded, and
//!   `{"type": "asl-playground:result", "status", "output"?, "error"?, "cause"?}` after each run.
//!
//! Origins: the widget listens to the page that embeds it (its parent window) only, whatever that
//! page's origin, and answers only that page (with target origin `*`: it does not know the
//! host's origin in advance, and everything it sends came from the host: the link it was opened
//! with, and the host's messages). Messages from any other window, and of any other shape, are
//! ignored; text is only ever set as text. The widget makes no network request.

use super::{DefinitionEditor, GraphPanel};
use crate::session::use_session;
use crate::state::use_playground;
use asl_core::api::RunResult;
use leptos::prelude::*;
use serde_json::{Value, json};
use wasm_bindgen::JsValue;

/// A message the widget understands.
enum Message {
    Set {
        definition: Option<String>,
        input: Option<String>,
        mocks: Option<String>,
        test_case: Option<String>,
    },
    Run,
}

fn read(data: &JsValue) -> Option<Message> {
    let text = js_sys_json(data)?;
    let value: Value = serde_json::from_str(&text).ok()?;
    let text_of = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    match value.get("type")?.as_str()? {
        "asl-playground:set" => Some(Message::Set {
            definition: text_of("definition"),
            input: text_of("input"),
            mocks: text_of("mocks"),
            test_case: text_of("testCase"),
        }),
        "asl-playground:run" => Some(Message::Run),
        _ => None,
    }
}

/// A message's data as JSON text: a string as it is, an object through `JSON.stringify`.
fn js_sys_json(data: &JsValue) -> Option<String> {
    if let Some(text) = data.as_string() {
        return Some(text);
    }
    let window = web_sys::window()?;
    let json = js_get(&window, "JSON")?;
    let stringify = js_get(&json, "stringify")?;
    let function: &web_sys::js_sys::Function = wasm_bindgen::JsCast::dyn_ref(&stringify)?;
    function.call1(&json, data).ok()?.as_string()
}

fn js_get(target: &JsValue, key: &str) -> Option<JsValue> {
    web_sys::js_sys::Reflect::get(target, &JsValue::from_str(key)).ok()
}

#[component]
pub(crate) fn Embed(editable: bool) -> impl IntoView {
    let playground = use_playground();
    let session = use_session();
    // Results go to the page that embeds the widget.
    let post = move |message: Value| {
        if let Ok(Some(parent)) = window().parent() {
            let _ = parent.post_message(&JsValue::from_str(&message.to_string()), "*");
        }
    };
    let _ = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let from_parent = match (ev.source(), window().parent()) {
            (Some(source), Ok(Some(parent))) => {
                web_sys::js_sys::Object::is(&source, parent.as_ref())
            }
            _ => false,
        };
        if !from_parent {
            return;
        }
        let Some(message) = read(&ev.data()) else {
            return;
        };
        match message {
            Message::Set {
                definition,
                input,
                mocks,
                test_case,
            } => {
                if let Some(d) = definition {
                    playground.definition.set(d);
                }
                if let Some(i) = input {
                    session.input.set(i);
                }
                if let Some(m) = mocks {
                    session.mocks.set(m);
                }
                if let Some(t) = test_case {
                    session.test_case.set(t);
                }
            }
            Message::Run => session.start(),
        }
    });
    // Report every run's outcome to the host.
    Effect::new(move |_| {
        let message = session.result.with(|result| match result {
            Some(RunResult::Ran(execution)) => Some(json!({
                "type": "asl-playground:result",
                "status": execution.status.as_str(),
                "output": execution.output,
                "error": execution.error,
                "cause": execution.cause,
            })),
            Some(other) => Some(json!({"type": "asl-playground:result", "status": "NOT_RUN", "problem": other.to_json()})),
            None => None,
        });
        if let Some(message) = message {
            post(message);
        }
    });
    post(json!({"type": "asl-playground:ready"}));
    let status = move || {
        session.result.with(|result| match result {
            Some(RunResult::Ran(execution)) => {
                let detail = match (&execution.output, &execution.error) {
                    (Some(output), _) => output.to_string(),
                    (None, Some(error)) => {
                        format!("{error}: {}", execution.cause.clone().unwrap_or_default())
                    }
                    _ => String::new(),
                };
                format!("{} {detail}", execution.status.as_str())
            }
            Some(_) => {
                "The definition or input has problems: open it in the playground".to_string()
            }
            None => String::new(),
        })
    };
    let open_link = move || crate::workspace::link(playground, session).replacen("?embed", "", 1);
    view! {
        <div class="embed" data-testid="embed">
            <header class="embed__bar">
                <strong class="embed__title">"ASL Playground"</strong>
                <button class="button button--primary" data-testid="embed-run" on:click=move |_| session.start()>"▶ Run"</button>
                <a class="embed__open" target="_blank" rel="noopener" href=open_link>"Open in the playground ↗"</a>
            </header>
            <div class="embed__body" class:embed__body--editable=editable>
                {editable.then(|| view! { <DefinitionEditor/> })}
                <GraphPanel/>
            </div>
            <p class="embed__status" data-testid="embed-status" role="status">{status}</p>
        </div>
    }
}

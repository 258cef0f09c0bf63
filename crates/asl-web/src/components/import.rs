//! Import a definition: ASL as JSON or YAML, or a CloudFormation / SAM template's state machine,
//! with the `${Name}` values the template does not give filled in by the user. The text is
//! pasted, picked as a file, or dropped on the dialog.

use super::{Dialog, JsonField};
use crate::session::use_session;
use crate::state::use_playground;
use asl_core::api::{self, Imported};
use leptos::prelude::*;
use std::collections::BTreeMap;

// With `erase_components` (the wasm build) the view macro consumes its parts in another order,
// so one clone of a value used twice is redundant there and needed natively.
#[allow(clippy::redundant_clone)]
#[component]
pub(crate) fn ImportButton() -> impl IntoView {
    let playground = use_playground();
    let session = use_session();
    let open = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let values = RwSignal::new(BTreeMap::<String, String>::new());
    let imported = Memo::new(move |_| {
        let text = pasted.get();
        (!text.trim().is_empty()).then(|| values.with(|v| api::import(&text, v)))
    });
    let file_problem = RwSignal::new(None::<String>);
    let take_file = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        let name = file.name();
        wasm_bindgen_futures::spawn_local(async move {
            match read_file(&file).await {
                Ok(text) => {
                    file_problem.set(None);
                    pasted.set(text);
                }
                Err(why) => file_problem.set(Some(format!("{name}: {why}"))),
            }
        });
    };
    let apply = move |_| {
        if let Some(Ok(Imported { definition, .. })) = imported.get_untracked() {
            crate::workspace::keep_if_own(playground, session);
            playground.definition.set(definition);
            open.set(false);
            pasted.set(String::new());
            values.set(BTreeMap::new());
        }
    };
    view! {
        <button class="button" data-testid="import-open" on:click=move |_| open.set(true)>"Import"</button>
        <Dialog open label="Import a definition" test_id="import-dialog" class="import">
            <div class="import__drop" data-testid="import-drop"
                on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    take_file(ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
                }
            >
                <p>"Paste ASL (JSON or YAML) or a CloudFormation / SAM template with a state machine, \
                    choose its file, or drop the file here."</p>
                <label class="field">
                    <span class="field__label">"File"</span>
                    <input type="file" data-testid="import-file"
                        accept=".json,.yaml,.yml,.template,.asl,.txt,application/json,application/yaml,text/yaml"
                        on:change:target=move |ev| take_file(ev.target().files().and_then(|f| f.get(0)))/>
                </label>
                {move || file_problem.get().map(|why| view! {
                    <p class="data-flow__problem" data-testid="import-file-problem">{why}</p>
                })}
                <JsonField label="Definition or template" test_id="import-definition" rows=10 value=pasted/>
                {move || imported.get().map(|result| match result {
                    Err(why) => view! { <p class="data-flow__problem" data-testid="import-problem">{why}</p> }.into_any(),
                    Ok(found) => {
                        let fields = found.placeholders.iter().map(|name| {
                            let key = name.clone();
                            view! {
                                <label class="field">
                                    <span class="field__label">"${"{name.clone()}"}"</span>
                                    <input class="field__expression" data-testid=format!("import-value-{name}")
                                        on:change:target=move |ev| {
                                            let value = ev.target().value();
                                            values.update(|v| { v.insert(key.clone(), value); });
                                        }/>
                                </label>
                            }
                        }).collect_view();
                        view! {
                            <p data-testid="import-origin">"Found: "{found.origin.clone()}</p>
                            {fields}
                        }.into_any()
                    }
                })}
                <button class="button button--primary" data-testid="import-apply" on:click=apply>"Use this definition"</button>
            </div>
        </Dialog>
    }
}

/// The text of a file the user picked or dropped.
async fn read_file(file: &web_sys::File) -> Result<String, String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| "the file could not be read as text".to_string())
}

//! JSONata, loaded when a definition first needs it: the engine in the page is built without
//! JSONata (a quarter of its size), and asks through `asl_core::jsonata::remote` for JSONata's
//! own module, which `jsonata.js` fetches the first time a request comes. Until it is there the
//! engine reports nothing about JSONata expressions, Run waits, and the memos that read the
//! engine are computed again once it is ready.

use asl_core::jsonata::remote;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/jsonata.js")]
extern "C" {
    #[wasm_bindgen(js_name = jsonataServe)]
    fn serve(request: &str) -> Option<String>;
    #[wasm_bindgen(js_name = jsonataFailure)]
    fn failure() -> Option<String>;
    #[wasm_bindgen(js_name = jsonataListen)]
    fn listen(callback: &Closure<dyn Fn(String)>);
}

/// Where JSONata's module is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Jsonata {
    /// Nothing has asked for it.
    Unused,
    /// Being fetched.
    Loading,
    /// There: every JSONata expression is parsed and evaluated by it.
    Ready,
    /// It could not be fetched (the engine's answers say why).
    Failed,
}

/// Send the engine's JSONata requests to the module, and keep `state` up with it.
pub(crate) fn install(state: RwSignal<Jsonata>) {
    remote::install(Rc::new(|request: &str| {
        serve(request).unwrap_or_else(|| match failure() {
            Some(message) => serde_json::json!({ "refused": message }).to_string(),
            None => r#""loading""#.to_string(),
        })
    }));
    let callback = Closure::<dyn Fn(String)>::new(move |event: String| {
        state.set(match event.as_str() {
            "ready" => Jsonata::Ready,
            "failed" => Jsonata::Failed,
            _ => Jsonata::Loading,
        });
    });
    listen(&callback);
    // The page's one listener, for the page's lifetime.
    callback.forget();
}

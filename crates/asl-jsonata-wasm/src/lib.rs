//! JSONata for the playground's page, as a wasm module of its own.
//!
//! The page's first download carries the engine without JSONata; the first time a definition
//! needs it, the page fetches this module (`dist/jsonata/`, built by `scripts/jsonata-module.sh`
//! after Trunk's build) and installs it as `asl_core::jsonata::remote`'s transport: each request
//! is a JSON text, answered by [`serve`] with the engine's own JSONata.
//!
//! ```js
//! import init, { serve } from "./jsonata/asl_jsonata_wasm.js";
//! await init();
//! serve('{"parse":{"text":"$sum($states.input.prices)"}}');
//! // '{"parsed":{"variables":["sum","states"],…}}'
//! ```

use asl_core::jsonata::remote::{self, Keep};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The values the page sent once (a Map's input) and refers to by id since.
    static KEEP: RefCell<Keep> = RefCell::new(Keep::default());
}

/// Answer one request (`asl_core::jsonata::remote::Request` as JSON) with its response's JSON.
#[wasm_bindgen]
pub fn serve(request: &str) -> String {
    KEEP.with(|keep| remote::serve(request, &mut keep.borrow_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_a_parse_and_an_evaluation() {
        let parsed = serve(r#"{"parse":{"text":"$sum($states.input.prices)"}}"#);
        assert!(parsed.starts_with(r#"{"parsed":"#), "{parsed}");
        let request = r#"{"evaluate":{"text":"$sum($states.input.prices) * 2",
            "states":{"input":{"id":1,"value":{"prices":[1,2.5]}},"context":{}},
            "variables":{},"nowMillis":0,"rng":{"s":[1,2,3,4]}}}"#;
        assert!(
            serve(request).contains(r#""value":{"Json":7}"#),
            "{}",
            serve(request)
        );
        assert!(serve("not json").starts_with(r#"{"refused":"#));
    }
}

//! The machines the playground opens with, each with an input and mocks to run it.

/// A template: the opening one is built in; a gallery one is fetched when it is picked (its
/// files are `web/templates/gallery/<id>/`, copied to `dist/gallery/<id>/`), so that the first
/// screen and the embed do not carry the gallery.
pub(crate) struct Template {
    pub(crate) id: &'static str,
    pub(crate) label: &'static str,
    /// The test case of the mocks to run first.
    pub(crate) test_case: &'static str,
    /// The built-in files, or none for a gallery template.
    pub(crate) built_in: Option<Files<&'static str>>,
}

/// A template's texts.
#[derive(Clone, Debug)]
pub(crate) struct Files<T> {
    pub(crate) definition: T,
    pub(crate) input: T,
    pub(crate) mocks: T,
    /// A gallery template's `meta.json`: its explanation and its two paths.
    pub(crate) meta: Option<T>,
}

/// A gallery template.
macro_rules! gallery {
    ($id:literal, $label:literal, $test_case:literal) => {
        Template {
            id: $id,
            label: $label,
            test_case: $test_case,
            built_in: None,
        }
    };
}

impl Template {
    /// The template's texts: the built-in ones, or those fetched from the site.
    pub(crate) async fn files(&self) -> Result<Files<String>, String> {
        if let Some(files) = &self.built_in {
            return Ok(Files {
                definition: files.definition.to_string(),
                input: files.input.to_string(),
                mocks: files.mocks.to_string(),
                meta: files.meta.map(str::to_string),
            });
        }
        let file = |name: &str| fetch_text(format!("gallery/{}/{name}", self.id));
        Ok(Files {
            definition: file("definition.asl.json").await?,
            input: file("input.json").await?,
            mocks: file("mocks.json").await?,
            meta: Some(file("meta.json").await?),
        })
    }
}

/// The text of a file of the site.
async fn fetch_text(url: String) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let failed = |what: &str| format!("could not load {url}: {what}");
    let response = JsFuture::from(leptos::prelude::window().fetch_with_str(&url))
        .await
        .map_err(|_| failed("the request failed"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed("not a response"))?;
    if !response.ok() {
        return Err(failed(&format!("HTTP {}", response.status())));
    }
    let text = response.text().map_err(|_| failed("no text"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| failed("no text"))
}

/// The opening template, built in.
pub(crate) const OPENING: Files<&str> = Files {
    definition: include_str!("../../../web/templates/hello-world.asl.json"),
    input: include_str!("../../../web/templates/hello-world.input.json"),
    mocks: include_str!("../../../web/templates/hello-world.mocks.json"),
    meta: None,
};

/// Every template, the first one opened at start.
pub(crate) const TEMPLATES: [Template; 10] = [
    Template {
        id: "order",
        label: "Order: Retry and Catch",
        test_case: "ThrottledThenCharged",
        built_in: Some(OPENING),
    },
    gallery!("callback", "Human approval with a task token", "Approved"),
    gallery!("choice-routing", "Routing with Choice", "StandardOrder"),
    gallery!("dedupe-by-name", "De-duplicate deliveries", "FirstDelivery"),
    gallery!("express-sync", "Express request/response", "Quoted"),
    gallery!("map-fan-out", "Fan-out with Map", "AllFulfilled"),
    gallery!(
        "retry-backoff",
        "Retry with back-off and jitter",
        "ThrottledTwiceThenOk"
    ),
    gallery!(
        "s3-eventbridge",
        "S3 upload via EventBridge",
        "InvoiceProcessed"
    ),
    gallery!("saga", "Saga with compensations", "TripBooked"),
    gallery!("try-catch", "Try/catch around a workflow", "OrderShipped"),
];

//! The machines the playground opens with, each with an input and mocks to run it.

/// A template.
pub(crate) struct Template {
    pub(crate) id: &'static str,
    pub(crate) label: &'static str,
    pub(crate) definition: &'static str,
    pub(crate) input: &'static str,
    pub(crate) mocks: &'static str,
    /// The test case of the mocks to run first.
    pub(crate) test_case: &'static str,
    /// A gallery template's `meta.json`: its explanation and its two paths.
    pub(crate) meta: Option<&'static str>,
}

/// A gallery template: `web/templates/gallery/<id>/`.
macro_rules! gallery {
    ($id:literal, $label:literal, $test_case:literal) => {
        Template {
            id: $id,
            label: $label,
            definition: include_str!(concat!(
                "../../../web/templates/gallery/",
                $id,
                "/definition.asl.json"
            )),
            input: include_str!(concat!(
                "../../../web/templates/gallery/",
                $id,
                "/input.json"
            )),
            mocks: include_str!(concat!(
                "../../../web/templates/gallery/",
                $id,
                "/mocks.json"
            )),
            test_case: $test_case,
            meta: Some(include_str!(concat!(
                "../../../web/templates/gallery/",
                $id,
                "/meta.json"
            ))),
        }
    };
}

/// Every template, the first one opened at start.
pub(crate) const TEMPLATES: [Template; 10] = [
    Template {
        id: "order",
        label: "Order: Retry and Catch",
        definition: include_str!("../../../web/templates/hello-world.asl.json"),
        input: include_str!("../../../web/templates/hello-world.input.json"),
        mocks: include_str!("../../../web/templates/hello-world.mocks.json"),
        test_case: "ThrottledThenCharged",
        meta: None,
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

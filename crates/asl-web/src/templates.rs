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
}

/// Every template, the first one opened at start.
pub(crate) const TEMPLATES: [Template; 2] = [
    Template {
        id: "order",
        label: "Order: Retry and Catch",
        definition: include_str!("../../../web/templates/hello-world.asl.json"),
        input: include_str!("../../../web/templates/hello-world.input.json"),
        mocks: include_str!("../../../web/templates/hello-world.mocks.json"),
        test_case: "ThrottledThenCharged",
    },
    Template {
        id: "callback",
        label: "Human approval: callback with heartbeat",
        definition: include_str!("../../../web/templates/callback.asl.json"),
        input: include_str!("../../../web/templates/callback.input.json"),
        mocks: "",
        test_case: "",
    },
];

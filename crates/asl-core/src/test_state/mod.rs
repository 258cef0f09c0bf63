//! TestState, as AWS's API shapes it: test one state (on its own, or by name inside a machine)
//! with an input, optional mocks, variables and context, and get the output, error, next state,
//! status and the stage-by-stage inspection data.
//!
//! ```
//! use asl_core::test_state::{test_state, TestStateOptions};
//! use serde_json::json;
//!
//! let request = json!({
//!     "definition": r#"{"Type": "Pass", "InputPath": "$.order", "ResultPath": "$.copy", "End": true}"#,
//!     "input": r#"{"order": {"id": 7}}"#,
//!     "inspectionLevel": "DEBUG"
//! });
//! let response = test_state(&request, &TestStateOptions::default()).unwrap();
//! assert_eq!(response["status"], "SUCCEEDED");
//! assert_eq!(response["output"], r#"{"order":{"id":7},"copy":{"id":7}}"#);
//! assert_eq!(response["inspectionData"]["afterInputPath"], r#"{"id":7}"#);
//! ```

mod inspection;
mod request;
mod run;
#[cfg(feature = "mock-shapes")]
mod schema;
// Without `mock-shapes`, tables are read but nothing checks against them.
#[cfg_attr(not(feature = "mock-shapes"), allow(dead_code))]
mod shapes;

pub use request::{Mock, Request};
pub use shapes::{AwsShapes, ServiceShapes, ShapesError};

use crate::exec::context::Identity;
use serde_json::Value;

/// Who runs the test and when: the names in the synthetic context object, its clock, the seed.
#[derive(Clone, Debug)]
pub struct TestStateOptions {
    /// Account, region and names for ARNs.
    pub identity: Identity,
    /// `Execution.StartTime` and `State.EnteredTime`, in milliseconds since the epoch.
    pub start_millis: i64,
    /// The seed of the random source (`States.UUID`, `States.MathRandom`, jitter).
    pub seed: u64,
    /// The output shapes of AWS SDK services a mocked result is checked against (see
    /// [`sdk_service`] for the one a request needs). Without its service's table, an AWS SDK
    /// Task's result is checked only for the few actions the engine knows.
    pub shapes: AwsShapes,
}

impl Default for TestStateOptions {
    fn default() -> Self {
        TestStateOptions {
            identity: Identity::default(),
            start_millis: 1_704_067_200_000,
            seed: 0,
            shapes: AwsShapes::default(),
        }
    }
}

/// A request TestState refuses, as AWS refuses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestStateError {
    /// `ValidationException` or `InvalidDefinition`.
    pub code: &'static str,
    /// AWS's message.
    pub message: String,
}

impl TestStateError {
    fn validation(message: impl Into<String>) -> Self {
        TestStateError {
            code: "ValidationException",
            message: message.into(),
        }
    }

    fn invalid_definition(message: impl Into<String>) -> Self {
        TestStateError {
            code: "InvalidDefinition",
            message: message.into(),
        }
    }

    /// The error as AWS's API returns it: `{"Error": {"Code", "Message"}}`.
    pub fn to_json(&self) -> Value {
        serde_json::json!({ "Error": { "Code": self.code, "Message": self.message } })
    }
}

/// Run a TestState request (the JSON AWS's API takes) and return AWS's response shape.
pub fn test_state(request: &Value, options: &TestStateOptions) -> Result<Value, TestStateError> {
    let request = Request::parse(request)?;
    run::run(&request, options)
}

/// The AWS SDK service whose table of output shapes (`aws-shapes/<service>.json`) checking this
/// request's mocked result needs: `s3` when it tests an `aws-sdk:s3:getObject` Task with a
/// mocked `result` in STRICT or PRESENT mode. `None` when nothing would be checked against one,
/// or when the request is refused anyway.
///
/// ```
/// use asl_core::test_state::sdk_service;
/// use serde_json::json;
///
/// let request = json!({
///     "definition": r#"{"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "End": true}"#,
///     "mock": {"result": "{}"}
/// });
/// assert_eq!(sdk_service(&request).as_deref(), Some("s3"));
/// ```
pub fn sdk_service(request: &Value) -> Option<String> {
    let request = Request::parse(request).ok()?;
    run::sdk_service(&request)
}

//! Diagnostic codes. AWS's own where AWS has one; ours, in the same style, where it has none.

use serde::Serialize;

/// The code of a [`super::Diagnostic`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum Code {
    /// The text is not JSON (or YAML) at all.
    ///
    /// `{"StartAt": "A",}` — a trailing comma.
    InvalidJsonDescription,
    /// Ours: the definition is longer than the 1,048,576 characters AWS accepts (its API refuses
    /// the request with a ValidationException before looking at it); the playground does not read
    /// it either.
    DefinitionTooLarge,
    /// The definition breaks a rule of the States Language: a missing or unknown field, a value
    /// of the wrong type or out of range, a malformed path or intrinsic function.
    ///
    /// `{"Type": "Pass", "Next": "B", "End": true}` — both Next and End.
    SchemaValidationFailed,
    /// A transition names a state that does not exist in its scope, or a state can never be
    /// reached.
    ///
    /// `"Next": "Fetchh"` when the state is called `Fetch`.
    MissingTransitionTarget,
    /// Two states share a name; names are unique across the whole machine, branches and Map
    /// processors included.
    DuplicateStateName,
    /// A `States` block has no state that ends it (`End: true`, Succeed or Fail).
    MissingEndState,
    /// A state name breaks the service's naming rules (longer than 80 characters).
    InvalidStateName,
    /// A Map `Label` breaks the service's naming rules (longer than 40 characters).
    InvalidLabelName,
    /// A JSONata expression the service does not support.
    UnsupportedJsonataExpression,
    /// A JSONata expression that does not parse.
    InvalidJsonataExpression,
    /// AWS warning: a field looks like a path but its name does not end in `.$`, so the path is
    /// passed on as a plain string.
    ///
    /// `"Parameters": {"id": "$.orderId"}`
    NoDollar,
    /// AWS warning: a Pass state's `Result` contains `.$` keys; `Result` is static and is never
    /// evaluated.
    PassResultIsStatic,
    /// Warning: a Lambda function is called without a version or alias, so running executions
    /// pick up whatever code is deployed next.
    UnqualifiedLambdaArn,
    /// Warning: a catcher on a state whose `ResultPath` replaces the state's input with the error
    /// output; the next state sees only `{Error, Cause}`.
    CatchReplacesInput,
    /// Warning: a retrier or catcher that can never fire (an earlier one always matches first, or
    /// its errors can never be raised or retried).
    UnreachableHandler,
    /// Warning: an object has the same key twice; like AWS, the last one is used.
    DuplicateField,
    /// Warning: there is text after the definition; AWS ignores it.
    TrailingContent,
    /// A `${Name}` template placeholder left in the definition (ours).
    UnresolvedPlaceholder,
}

impl Code {
    /// The code as written in AWS responses.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidJsonDescription => "INVALID_JSON_DESCRIPTION",
            Code::DefinitionTooLarge => "DEFINITION_TOO_LARGE",
            Code::SchemaValidationFailed => "SCHEMA_VALIDATION_FAILED",
            Code::MissingTransitionTarget => "MISSING_TRANSITION_TARGET",
            Code::DuplicateStateName => "DUPLICATE_STATE_NAME",
            Code::MissingEndState => "MISSING_END_STATE",
            Code::InvalidStateName => "INVALID_STATE_NAME",
            Code::InvalidLabelName => "INVALID_LABEL_NAME",
            Code::UnsupportedJsonataExpression => "UNSUPPORTED_JSONATA_EXPRESSION",
            Code::InvalidJsonataExpression => "INVALID_JSONATA_EXPRESSION",
            Code::NoDollar => "NO_DOLLAR",
            Code::PassResultIsStatic => "PASS_RESULT_IS_STATIC",
            Code::UnqualifiedLambdaArn => "UNQUALIFIED_LAMBDA_ARN",
            Code::CatchReplacesInput => "CATCH_REPLACES_INPUT",
            Code::UnreachableHandler => "UNREACHABLE_HANDLER",
            Code::DuplicateField => "DUPLICATE_FIELD",
            Code::TrailingContent => "TRAILING_CONTENT",
            Code::UnresolvedPlaceholder => "UNRESOLVED_PLACEHOLDER",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

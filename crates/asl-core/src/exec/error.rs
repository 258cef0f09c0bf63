//! Errors as Step Functions raises them: a name that `Retry` and `Catch` match, and a cause.

use serde_json::{Value, json};

/// The predefined error names.
pub mod names {
    /// Matches every error except `States.Runtime`.
    pub const ALL: &str = "States.ALL";
    /// A failure the state machine itself cannot recover from (bad paths, bad data). Never
    /// retried, never caught.
    pub const RUNTIME: &str = "States.Runtime";
    /// An intrinsic function failed on its arguments.
    pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
    /// A task failed.
    pub const TASK_FAILED: &str = "States.TaskFailed";
    /// A task or the execution ran out of time (or missed a heartbeat).
    pub const TIMEOUT: &str = "States.Timeout";
    /// A heartbeat was missed (only in ErrorEquals; the error raised is `States.Timeout`).
    pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
    /// A payload exceeded 256 KiB.
    pub const DATA_LIMIT_EXCEEDED: &str = "States.DataLimitExceeded";
    /// ResultPath could not be applied to the state's input (not documented by AWS, but what
    /// it reports; ⚠ see asl-semantics.md §1.4).
    pub const REFERENCE_PATH_CONFLICT: &str = "States.ReferencePathConflict";
    /// A JSONata expression failed.
    pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";
    /// A Map's failures exceeded its tolerance.
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";
    /// A Map's ItemReader failed.
    pub const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";
    /// No Choice rule matched and there is no Default.
    pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
}

/// An error raised while running a state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatesError {
    /// The error name (`States.Runtime`, `Lambda.ServiceException`, a Fail state's Error…).
    /// `None` when a Fail state or a task failure gave none.
    pub error: Option<String>,
    /// The cause, when there is one.
    pub cause: Option<String>,
    /// A `States.Timeout` raised because a heartbeat was missed: it also matches
    /// `States.HeartbeatTimeout` in Retry and Catch.
    pub heartbeat: bool,
    /// For a JSONata evaluation that failed (`States.QueryEvaluationError`): the field it was
    /// in (`Output/total`), which the `EvaluationFailed` event gives as its location.
    pub location: Option<String>,
}

impl StatesError {
    /// An error with a name and a cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        StatesError::from_parts(Some(error.into()), Some(cause.into()))
    }

    /// An error whose name and cause may be missing (a Fail state, SendTaskFailure).
    pub fn from_parts(error: Option<String>, cause: Option<String>) -> Self {
        StatesError {
            error,
            cause,
            heartbeat: false,
            location: None,
        }
    }

    /// `States.Timeout`, the task's time (or, with `heartbeat`, its heartbeat) having run out.
    pub fn timeout(heartbeat: bool) -> Self {
        StatesError {
            error: Some(names::TIMEOUT.into()),
            cause: None,
            heartbeat,
            location: None,
        }
    }

    /// `States.Runtime` with this cause.
    pub fn runtime(cause: impl Into<String>) -> Self {
        StatesError::new(names::RUNTIME, cause)
    }

    /// `States.QueryEvaluationError` with this cause, raised by the JSONata field at `location`.
    pub fn query(cause: impl Into<String>, location: Option<String>) -> Self {
        StatesError {
            location,
            ..StatesError::new(names::QUERY_EVALUATION_ERROR, cause)
        }
    }

    /// `States.IntrinsicFailure` with this cause.
    pub fn intrinsic(cause: impl Into<String>) -> Self {
        StatesError::new(names::INTRINSIC_FAILURE, cause)
    }

    /// The name, or `""`.
    pub fn name(&self) -> &str {
        self.error.as_deref().unwrap_or("")
    }

    /// True for errors that are never retried or caught.
    pub fn is_runtime(&self) -> bool {
        self.error.as_deref() == Some(names::RUNTIME)
    }

    /// The Error Output a catcher passes on: `{"Error": …, "Cause": …}` (`null` for a missing
    /// part, but `""` for the missing cause of a timeout, as AWS gives it).
    pub fn error_output(&self) -> Value {
        let cause = match (&self.cause, self.error.as_deref()) {
            (None, Some(names::TIMEOUT)) => Some(""),
            (cause, _) => cause.as_deref(),
        };
        json!({ "Error": self.error, "Cause": cause })
    }
}

impl std::fmt::Display for StatesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.error, &self.cause) {
            (Some(e), Some(c)) => write!(f, "{e}: {c}"),
            (Some(e), None) => f.write_str(e),
            (None, Some(c)) => f.write_str(c),
            (None, None) => f.write_str("(no error)"),
        }
    }
}

//! The wording of every validation message, in one place.
//!
//! Texts marked "AWS" were recorded from the service (see `../shared/reference`); the others
//! follow AWS's style where AWS's exact words are unknown (⚠): change them here when a recording
//! shows otherwise.

/// AWS: `These fields are required: [States, StartAt]`.
pub(crate) fn required(fields: &[&str]) -> String {
    format!("These fields are required: [{}]", fields.join(", "))
}

/// AWS: `Field 'Catch' is not supported`.
pub(crate) fn not_supported(field: &str) -> String {
    format!("Field '{field}' is not supported")
}

/// AWS: `The field 'Type' should have one of these values: [Task, Wait, …]`.
pub(crate) fn one_of_values(field: &str, values: &[&str]) -> String {
    format!(
        "The field '{field}' should have one of these values: [{}]",
        values.join(", ")
    )
}

/// AWS (third-party quote): `There should only be one of the following fields: [Next, End]`.
pub(crate) fn only_one_of(fields: &[&str]) -> String {
    format!(
        "There should only be one of the following fields: [{}]",
        fields.join(", ")
    )
}

/// AWS (third-party quote): `This object should have only one of the following fields: […]`,
/// when none of them is present.
pub(crate) fn exactly_one_of(fields: &[&str]) -> String {
    format!(
        "This object should have only one of the following fields: [{}]",
        fields.join(", ")
    )
}

/// ⚠ A value of the wrong JSON type.
pub(crate) fn wrong_type(expected: &str) -> String {
    format!("Expected value of type: {expected}")
}

/// AWS (FLOCI): `Minimum value is 0`.
pub(crate) fn minimum(value: &str) -> String {
    format!("Minimum value is {value}")
}

/// AWS (FLOCI): `Maximum value is 100000000`.
pub(crate) fn maximum(value: &str) -> String {
    format!("Maximum value is {value}")
}

/// AWS: `Value cannot be empty`.
pub(crate) const EMPTY: &str = "Value cannot be empty";

/// AWS: `Definition must be a valid JSON object`.
pub(crate) const NOT_AN_OBJECT: &str = "Definition must be a valid JSON object";

/// AWS: `String does not match RFC3339 timestamp`.
pub(crate) const NOT_RFC3339: &str = "String does not match RFC3339 timestamp";

/// AWS: `The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the
/// 'JSONata' QueryLanguage`.
pub(crate) fn wrong_query_language(set: &str, field: &str, needed: &str) -> String {
    format!(
        "The QueryLanguage is set to '{set}', but field '{field}' is only supported for the \
         '{needed}' QueryLanguage"
    )
}

/// AWS: a state that says JSONPath inside a JSONata machine.
pub(crate) const QUERY_LANGUAGE_DOWNGRADE: &str =
    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";

/// AWS: `The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic
/// function call`.
pub(crate) fn invalid_dollar_field(key: &str) -> String {
    format!(
        "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"
    )
}

/// ⚠ After AWS's older wording `The value for the field 'JobName.$' must be a valid JSONPath`.
pub(crate) fn invalid_path(field: &str) -> String {
    format!("The value for the field '{field}' must be a valid JSONPath")
}

/// AWS (FLOCI): `Value is not a Reference Path`.
pub(crate) const NOT_REFERENCE_PATH: &str = "Value is not a Reference Path";

/// ⚠ Fail ErrorPath / CausePath.
pub(crate) fn invalid_error_path(field: &str) -> String {
    format!(
        "The value for the field '{field}' must be a valid Reference Path or a valid intrinsic \
         function call that returns a string"
    )
}

/// AWS: `Missing 'Next' target: pass3` (the word is 'Next' for every kind of transition).
pub(crate) fn missing_target(target: &str) -> String {
    format!("Missing 'Next' target: {target}")
}

/// AWS: `State "pass2" is not reachable.`
pub(crate) fn unreachable(name: &str) -> String {
    format!("State \"{name}\" is not reachable.")
}

/// AWS: `Workflow has no terminal state`.
pub(crate) const NO_TERMINAL_STATE: &str = "Workflow has no terminal state";

/// AWS: `Duplicate State name: Add`.
pub(crate) fn duplicate_state(name: &str) -> String {
    format!("Duplicate State name: {name}")
}

/// AWS (partial): `… exceeds the 80-character limit allowed by the service`.
pub(crate) fn state_name_too_long(name: &str) -> String {
    format!("State name '{name}' exceeds the 80-character limit allowed by the service")
}

/// AWS (partial): `… exceeds the 40-character limit`.
pub(crate) fn label_too_long(label: &str) -> String {
    format!("Label '{label}' exceeds the 40-character limit")
}

/// AWS: `The resource provided arn:aws:states:::dynamodb:query is not recognized. …`.
pub(crate) fn resource_not_recognized(resource: &str) -> String {
    format!(
        "The resource provided {resource} is not recognized. The value is not a valid resource \
         ARN, or the resource is not available in this region."
    )
}

/// AWS.
pub(crate) const EXPRESS_SYNC: &str =
    "Express state machine does not support '.sync' service integration";
/// AWS, trailing space included.
pub(crate) const EXPRESS_WAIT_FOR_TASK_TOKEN: &str =
    "Express state machine does not support '.waitForTaskToken' service integration ";
/// AWS.
pub(crate) const EXPRESS_ACTIVITY: &str = "Express state machine does not support Activity ARN";

/// AWS: `The field 'RoleArn' is required but was missing`.
pub(crate) fn required_but_missing(field: &str) -> String {
    format!("The field '{field}' is required but was missing")
}

/// ⚠ HeartbeatSeconds not below TimeoutSeconds.
pub(crate) const HEARTBEAT_NOT_BELOW_TIMEOUT: &str =
    "HeartbeatSeconds must be smaller than TimeoutSeconds";

/// ⚠ States.ALL not alone or not last.
pub(crate) const STATES_ALL_ALONE: &str =
    "'States.ALL' must be the only error name in its ErrorEquals";
/// ⚠
pub(crate) fn states_all_last(kind: &str) -> String {
    format!("'States.ALL' may only appear in the last {kind}")
}

/// ⚠ A `.$` key and a plain key that name the same field.
pub(crate) fn duplicate_template_field(name: &str) -> String {
    format!("The fields '{name}' and '{name}.$' cannot both be present")
}

/// ⚠ A workflow variable name that is not an identifier.
pub(crate) fn invalid_variable_name(name: &str) -> String {
    format!("The variable name '{name}' is not valid")
}

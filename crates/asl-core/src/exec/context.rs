//! The context object (`$$` in JSONPath, `$states.context` in JSONata).

use crate::timestamp;
use serde_json::{Map, Value, json};

/// When executions start unless told otherwise: 2024-01-01T00:00:00Z.
pub const DEFAULT_START_MILLIS: i64 = 1_704_067_200_000;

/// Who is running: the names and ARNs the context object and the history show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The AWS partition, `aws`.
    pub partition: String,
    /// The region, `us-east-1`.
    pub region: String,
    /// The account id.
    pub account: String,
    /// The state machine's name.
    pub state_machine_name: String,
    /// The execution's name.
    pub execution_name: String,
    /// The execution role's ARN.
    pub role_arn: String,
}

impl Default for Identity {
    fn default() -> Self {
        Identity {
            partition: "aws".into(),
            region: "us-east-1".into(),
            account: "123456789012".into(),
            state_machine_name: "Playground".into(),
            execution_name: "playground-execution".into(),
            role_arn: default_role_arn("123456789012"),
        }
    }
}

/// The execution role the playground assumes in `account` when none is given: the one place
/// it is named (runs, TestState requests and the AWS CLI commands all use it).
pub fn default_role_arn(account: &str) -> String {
    format!("arn:aws:iam::{account}:role/StepFunctionsPlaygroundRole")
}

impl Identity {
    /// The default identity moved to `account`, its default role with it.
    pub fn in_account(mut self, account: impl Into<String>) -> Self {
        self.account = account.into();
        self.role_arn = default_role_arn(&self.account);
        self
    }

    /// `arn:aws:states:<region>:<account>:stateMachine:<name>`.
    pub fn state_machine_arn(&self) -> String {
        format!(
            "arn:{}:states:{}:{}:stateMachine:{}",
            self.partition, self.region, self.account, self.state_machine_name
        )
    }

    /// `arn:aws:states:<region>:<account>:execution:<machine>:<execution>` (`express:` for an
    /// Express execution, whose ARN AWS ends with a UUID of the run: [`Identity::express_arn`]).
    pub fn execution_arn(&self, express: bool) -> String {
        let kind = if express { "express" } else { "execution" };
        format!(
            "arn:{}:states:{}:{}:{kind}:{}:{}",
            self.partition, self.region, self.account, self.state_machine_name, self.execution_name
        )
    }
}

impl Identity {
    /// An Express execution's ARN: `arn:aws:states:<region>:<account>:express:<machine>:<name>:<uuid>`,
    /// the UUID AWS gives each run (executions of an Express machine may share a name).
    pub fn express_arn(&self, uuid: &str) -> String {
        format!("{}:{uuid}", self.execution_arn(true))
    }
}

/// What the context object says about the execution.
#[derive(Clone, Copy, Debug)]
pub struct ExecutionContext<'a> {
    /// Who runs it.
    pub identity: &'a Identity,
    /// `Execution.Id`.
    pub arn: &'a str,
    /// Express executions have no `Execution.RedriveCount` (they cannot be redriven).
    pub express: bool,
    /// `Execution.Input`.
    pub input: &'a Value,
    /// When it started, in milliseconds since the epoch.
    pub start_millis: i64,
    /// `Execution.RedriveCount`.
    pub redrive_count: u64,
}

/// What the context object says about the state being run.
#[derive(Clone, Debug, Default)]
pub struct StateContext<'a> {
    /// The state's name.
    pub name: &'a str,
    /// When it was entered, in milliseconds since the epoch.
    pub entered_millis: i64,
    /// `State.RetryCount`, present in Task, Parallel and Map states.
    pub retry_count: Option<u64>,
    /// `Task.Token`, for callback tasks and activities.
    pub task_token: Option<&'a str>,
    /// `Map.Item`, in a Map's ItemSelector: the index, the value and (iterating an object) the key.
    pub map_item: Option<(usize, &'a Value, Option<&'a str>)>,
}

/// The context object for a state, keys in AWS's order: Execution, StateMachine, State, then Task
/// and Map when they apply.
pub fn context_object(run: &ExecutionContext<'_>, state: &StateContext<'_>) -> Value {
    let ExecutionContext {
        identity,
        start_millis,
        redrive_count,
        ..
    } = *run;
    let mut context = Map::new();
    // Built member by member: `json!` would serialise the input anew, much slower than a clone.
    let mut execution = Map::new();
    execution.insert("Id".into(), Value::String(run.arn.to_string()));
    execution.insert("Input".into(), run.input.clone());
    execution.insert(
        "StartTime".into(),
        Value::String(format_timestamp(start_millis)),
    );
    execution.insert(
        "Name".into(),
        Value::String(identity.execution_name.clone()),
    );
    execution.insert("RoleArn".into(), Value::String(identity.role_arn.clone()));
    if !run.express {
        execution.insert("RedriveCount".into(), Value::from(redrive_count));
    }
    context.insert("Execution".into(), Value::Object(execution));
    context.insert(
        "StateMachine".into(),
        json!({ "Id": identity.state_machine_arn(), "Name": identity.state_machine_name }),
    );
    let mut state_object = Map::new();
    state_object.insert("Name".into(), Value::String(state.name.to_string()));
    state_object.insert(
        "EnteredTime".into(),
        Value::String(format_timestamp(state.entered_millis)),
    );
    if let Some(count) = state.retry_count {
        state_object.insert("RetryCount".into(), Value::from(count));
    }
    context.insert("State".into(), Value::Object(state_object));
    if let Some(token) = state.task_token {
        context.insert("Task".into(), json!({ "Token": token }));
    }
    if let Some((index, value, key)) = state.map_item {
        let mut item = Map::new();
        item.insert("Index".into(), Value::from(index));
        if let Some(key) = key {
            item.insert("Key".into(), Value::String(key.to_string()));
        }
        item.insert("Value".into(), value.clone());
        context.insert("Map".into(), json!({ "Item": item }));
    }
    Value::Object(context)
}

/// `2024-01-01T00:00:00.000Z`: AWS's timestamp format, exactly three fractional digits.
pub fn format_timestamp(millis: i64) -> String {
    let days = millis.div_euclid(86_400_000);
    let rest = millis.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let (h, m, s, ms) = (
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000,
    );
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Milliseconds since the epoch of an RFC 3339 text (for `--start-time`).
pub fn parse_timestamp(text: &str) -> Option<i64> {
    timestamp::parse_rfc3339(text).map(|t| t.millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip() {
        for text in [
            "2024-01-01T00:00:00.000Z",
            "1969-12-31T23:59:59.999Z",
            "2028-02-29T12:34:56.789Z",
        ] {
            assert_eq!(format_timestamp(parse_timestamp(text).unwrap()), text);
        }
    }

    #[test]
    fn the_context_object_has_aws_keys_in_aws_order() {
        let identity = Identity::default();
        let state = StateContext {
            name: "Pass",
            entered_millis: 0,
            ..StateContext::default()
        };
        let arn = identity.execution_arn(false);
        let run = ExecutionContext {
            identity: &identity,
            arn: &arn,
            express: false,
            input: &json!({"a": 1}),
            start_millis: 0,
            redrive_count: 0,
        };
        let context = context_object(&run, &state);
        let keys: Vec<&String> = context.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["Execution", "StateMachine", "State"]);
        let execution: Vec<&String> = context["Execution"].as_object().unwrap().keys().collect();
        assert_eq!(
            execution,
            [
                "Id",
                "Input",
                "StartTime",
                "Name",
                "RoleArn",
                "RedriveCount"
            ]
        );
        assert_eq!(
            context["Execution"]["Id"],
            "arn:aws:states:us-east-1:123456789012:execution:Playground:playground-execution"
        );
        assert_eq!(
            context["State"],
            json!({"Name": "Pass", "EnteredTime": "1970-01-01T00:00:00.000Z"})
        );
    }
}

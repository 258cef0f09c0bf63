//! The AWS CLI commands that reproduce a playground run on real AWS, and the TestState request of
//! one state: what to paste into a terminal once the machine behaves here.

use super::data_flow::find;
use crate::exec::context::default_role_arn;
use crate::source;
use serde_json::{Value, json};

/// Quote for a POSIX shell: inside single quotes, `'` is written `'\''`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The definition as compact JSON (a YAML definition too), or as it is when it does not read.
fn compact(definition: &str) -> String {
    source::read(definition, None)
        .map(|read| read.root.to_value().to_string())
        .unwrap_or_else(|_| definition.to_string())
}

/// What the commands need to know.
#[derive(Clone, Copy, Debug)]
pub struct CliRun<'a> {
    /// The definition.
    pub definition: &'a str,
    /// The execution's input.
    pub input: &'a str,
    /// An Express machine.
    pub express: bool,
    /// The state machine's name.
    pub machine_name: &'a str,
    /// The execution's name (empty: AWS picks one).
    pub execution_name: &'a str,
    /// The account and region of the ARNs.
    pub account: &'a str,
    /// The region.
    pub region: &'a str,
}

/// `create-state-machine`, then `start-execution` (or `start-sync-execution` for Express).
pub fn aws_cli_commands(run: &CliRun<'_>) -> String {
    let role = default_role_arn(run.account);
    let machine = format!(
        "arn:aws:states:{}:{}:stateMachine:{}",
        run.region, run.account, run.machine_name
    );
    let input = serde_json::from_str::<Value>(run.input)
        .map_or_else(|_| run.input.trim().to_string(), |v| v.to_string());
    let mut out = format!(
        "aws stepfunctions create-state-machine --name {} --role-arn {} --definition {}{}\n",
        quote(run.machine_name),
        quote(&role),
        quote(&compact(run.definition)),
        if run.express { " --type EXPRESS" } else { "" }
    );
    let start = if run.express {
        "start-sync-execution"
    } else {
        "start-execution"
    };
    out.push_str(&format!(
        "aws stepfunctions {start} --state-machine-arn {}{} --input {}\n",
        quote(&machine),
        if run.execution_name.is_empty() {
            String::new()
        } else {
            format!(" --name {}", quote(run.execution_name))
        },
        quote(&input)
    ));
    out
}

/// The TestState request of one state (with its mocked result for a Task, Parallel or Map), and
/// the `aws stepfunctions test-state` command that sends it; `None` when there is no such state.
pub fn test_state_request(
    definition: &str,
    state: &str,
    input: &str,
    result: Option<&str>,
    account: &str,
) -> Option<(Value, String)> {
    let read = source::read(definition, None).ok()?;
    let node = find(&read.root, state)?;
    let value = node.to_value();
    let role = default_role_arn(account);
    let input =
        serde_json::from_str::<Value>(input).map_or_else(|_| input.to_string(), |v| v.to_string());
    let mut request = json!({
        "definition": value.to_string(),
        "roleArn": role,
        "input": input,
        "inspectionLevel": "TRACE",
    });
    let mut command = format!(
        "aws stepfunctions test-state --definition {} --role-arn {} --input {} --inspection-level TRACE",
        quote(&value.to_string()),
        quote(&role),
        quote(&input)
    );
    if matches!(value["Type"].as_str(), Some("Task" | "Parallel" | "Map")) {
        let result = serde_json::from_str::<Value>(result.unwrap_or("{}"))
            .map_or_else(|_| "{}".to_string(), |v| v.to_string());
        request["mock"] = json!({ "result": result });
        command.push_str(&format!(
            " --mock {}",
            quote(&json!({"result": result}).to_string())
        ));
    }
    Some((request, command))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_quote_what_the_shell_would_split() {
        let commands = aws_cli_commands(&CliRun {
            definition: "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n",
            input: "{\"who\": \"O'Brien\"}",
            express: false,
            machine_name: "Playground",
            execution_name: "order-42",
            account: "123456789012",
            region: "us-east-1",
        });
        assert_eq!(
            commands,
            "aws stepfunctions create-state-machine --name 'Playground' --role-arn 'arn:aws:iam::123456789012:role/StepFunctionsPlaygroundRole' --definition '{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}'\n\
             aws stepfunctions start-execution --state-machine-arn 'arn:aws:states:us-east-1:123456789012:stateMachine:Playground' --name 'order-42' --input '{\"who\":\"O'\\''Brien\"}'\n"
        );
    }

    #[test]
    fn a_task_test_state_request_carries_its_mock() {
        let definition = r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#;
        let (request, command) = test_state_request(
            definition,
            "T",
            "{\"a\": 1}",
            Some("{\"ok\": true}"),
            "123456789012",
        )
        .unwrap();
        assert_eq!(request["mock"]["result"], "{\"ok\":true}");
        assert_eq!(request["input"], "{\"a\":1}");
        assert!(
            command.ends_with("--mock '{\"result\":\"{\\\"ok\\\":true}\"}'"),
            "{command}"
        );
        assert!(test_state_request(definition, "Nope", "{}", None, "1").is_none());
    }
}

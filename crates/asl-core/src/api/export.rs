//! An execution as one JSON file: the definition, the input, the names, clock and seed, the
//! mocks, and everything the world did to it (answers, the clock moving, stops, redrives). A run
//! is a pure function of these, so importing the file anywhere gives the same execution, at the
//! same point: waiting, failed (ready to be redriven) or finished. The history is included for
//! reading; it is the result, not an input.

use super::run::{ChildDefinition, RunRequest};
use crate::exec::context::{Identity, format_timestamp, parse_timestamp};
use crate::exec::run::{Action, Execution, Limits, RunOptions, actions::actions_from_json};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// What the file's `format` says.
const FORMAT: &str = "asl-playground-execution/1";

/// An execution, exported.
#[derive(Clone, Debug)]
pub struct ExecutionExport {
    /// The definition's text.
    pub definition: String,
    /// The input's text.
    pub input: String,
    /// The mock configuration's text.
    pub mock_config: Option<String>,
    /// Its test case.
    pub test_case: Option<String>,
    /// Names, clock, seed, type, limits, S3 objects and actions.
    pub options: RunOptions,
    /// The nested state machines: name, definition, Express or not.
    pub children: Vec<(String, String, bool)>,
}

impl ExecutionExport {
    /// The request that runs it.
    pub fn request(&self) -> RunRequest<'_> {
        RunRequest {
            definition: &self.definition,
            input: &self.input,
            mock_config: self.mock_config.as_deref(),
            test_case: self.test_case.as_deref(),
            options: self.options.clone(),
            children: self
                .children
                .iter()
                .map(|(name, definition, express)| ChildDefinition {
                    name,
                    definition,
                    express: *express,
                })
                .collect(),
            deliveries: 1,
        }
    }

    /// The file: everything above, and the execution it gave (for reading).
    pub fn to_json(&self, execution: Option<&Execution>) -> Value {
        let identity = &self.options.identity;
        let mut out = Map::new();
        out.insert("format".into(), json!(FORMAT));
        out.insert("definition".into(), json!(self.definition));
        out.insert("input".into(), json!(self.input));
        out.insert(
            "type".into(),
            json!(if self.options.express {
                "EXPRESS"
            } else {
                "STANDARD"
            }),
        );
        out.insert(
            "names".into(),
            json!({
                "partition": identity.partition,
                "region": identity.region,
                "account": identity.account,
                "stateMachineName": identity.state_machine_name,
                "executionName": identity.execution_name,
                "roleArn": identity.role_arn,
            }),
        );
        out.insert(
            "startTime".into(),
            json!(format_timestamp(self.options.start_millis)),
        );
        out.insert("seed".into(), json!(self.options.seed));
        out.insert(
            "maxTransitions".into(),
            json!(self.options.limits.max_transitions),
        );
        out.insert("mockConfig".into(), json!(self.mock_config));
        out.insert("testCase".into(), json!(self.test_case));
        out.insert("s3Objects".into(), json!(self.options.s3_objects));
        out.insert(
            "children".into(),
            Value::Array(
                self.children
                    .iter()
                    .map(|(name, definition, express)| {
                        json!({
                            "name": name,
                            "definition": definition,
                            "type": if *express { "EXPRESS" } else { "STANDARD" },
                        })
                    })
                    .collect(),
            ),
        );
        out.insert(
            "actions".into(),
            Value::Array(self.options.actions.iter().map(Action::to_json).collect()),
        );
        if let Some(execution) = execution {
            out.insert("execution".into(), execution.to_json());
        }
        Value::Object(out)
    }

    /// Read a file written by [`ExecutionExport::to_json`].
    pub fn from_json(value: &Value) -> Result<ExecutionExport, String> {
        if value["format"] != FORMAT {
            return Err(format!(
                "not an exported execution: \"format\" must be \"{FORMAT}\""
            ));
        }
        let text = |key: &str| -> Result<String, String> {
            value[key]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("\"{key}\" must be a string"))
        };
        let optional = |key: &str| value[key].as_str().map(str::to_string);
        let names = &value["names"];
        let name = |key: &str, default: String| names[key].as_str().map_or(default, str::to_string);
        let defaults = Identity::default();
        let identity = Identity {
            partition: name("partition", defaults.partition),
            region: name("region", defaults.region),
            account: name("account", defaults.account),
            state_machine_name: name("stateMachineName", defaults.state_machine_name),
            execution_name: name("executionName", defaults.execution_name),
            role_arn: name("roleArn", defaults.role_arn),
        };
        let start_millis = match value["startTime"].as_str() {
            Some(text) => parse_timestamp(text)
                .ok_or_else(|| format!("\"startTime\" '{text}' is not an RFC 3339 timestamp"))?,
            None => RunOptions::default().start_millis,
        };
        let s3_objects: BTreeMap<String, String> = value["s3Objects"]
            .as_object()
            .map(|objects| {
                objects
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let actions = match &value["actions"] {
            Value::Null => Vec::new(),
            actions => actions_from_json(actions)?,
        };
        let children = value["children"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|child| {
                Some((
                    child["name"].as_str()?.to_string(),
                    child["definition"].as_str()?.to_string(),
                    child["type"] == "EXPRESS",
                ))
            })
            .collect();
        Ok(ExecutionExport {
            children,
            definition: text("definition")?,
            input: optional("input").unwrap_or_default(),
            mock_config: optional("mockConfig"),
            test_case: optional("testCase"),
            options: RunOptions {
                identity,
                express: value["type"] == "EXPRESS",
                start_millis,
                seed: value["seed"].as_u64().unwrap_or(0),
                s3_objects,
                limits: Limits {
                    max_transitions: value["maxTransitions"]
                        .as_u64()
                        .unwrap_or(Limits::default().max_transitions),
                    ..Limits::default()
                },
                actions,
                ..RunOptions::default()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{RunResult, run};
    use crate::exec::run::ExecutionStatus;

    #[test]
    fn an_exported_execution_runs_again_to_the_same_point() {
        let definition = r#"{"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
            "End": true}}}"#;
        let export = ExecutionExport {
            definition: definition.into(),
            input: "{\"id\": 1}".into(),
            mock_config: None,
            test_case: None,
            options: RunOptions {
                seed: 9,
                ..RunOptions::default()
            },
            children: Vec::new(),
        };
        let RunResult::Ran(first) = run(export.request()) else {
            panic!("did not run");
        };
        assert_eq!(first.status, ExecutionStatus::Running);
        let file = export.to_json(Some(&first));
        let again = ExecutionExport::from_json(&file).unwrap();
        let RunResult::Ran(second) = run(again.request()) else {
            panic!("did not run");
        };
        assert_eq!(first.to_json(), second.to_json());
        assert!(ExecutionExport::from_json(&json!({"definition": "{}"})).is_err());
    }
}

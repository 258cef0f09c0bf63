//! What a Task's `Resource` is, as the history names it, and the result shapes a mock may leave
//! implied.

use serde_json::{Map, Value, json};

/// How a Task waits for its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// Call the API and move on.
    RequestResponse,
    /// `.sync` / `.sync:2`: run a job and wait for it.
    Sync,
    /// `.waitForTaskToken`: wait for a callback.
    WaitForTaskToken,
}

/// A Task's resource, understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskResource<'r> {
    /// A Lambda function ARN (`LambdaFunction…` events; the result is the function's return).
    LambdaFunction(&'r str),
    /// An activity ARN (`Activity…` events).
    Activity(&'r str),
    /// `arn:aws:states:::service:api[.pattern]` or `…:::aws-sdk:service:action` (`Task…`
    /// events).
    Integration {
        /// `resourceType` in the history: `lambda`, `aws-sdk:dynamodb`.
        resource_type: &'r str,
        /// `resource` in the history: `invoke`, `sendMessage.waitForTaskToken`.
        resource: &'r str,
        /// The integration pattern.
        pattern: Pattern,
    },
}

impl<'r> TaskResource<'r> {
    /// Classify a (validated) resource string.
    pub fn parse(text: &'r str) -> TaskResource<'r> {
        let mut parts = text.splitn(6, ':');
        let service = parts.nth(2).unwrap_or_default();
        let rest = parts.nth(2).unwrap_or_default();
        match service {
            "lambda" => return TaskResource::LambdaFunction(text),
            "states" if rest.starts_with("activity:") => return TaskResource::Activity(text),
            _ => {}
        }
        let call = text.split_once(":::").map_or(text, |(_, call)| call);
        let split = match call.strip_prefix("aws-sdk:") {
            Some(sdk) => sdk.find(':').map(|i| i + "aws-sdk:".len()),
            None => call.find(':'),
        };
        let (resource_type, resource) = match split {
            Some(i) => (&call[..i], &call[i + 1..]),
            None => (call, ""),
        };
        let pattern = if resource.ends_with(".waitForTaskToken") {
            Pattern::WaitForTaskToken
        } else if resource.contains(".sync") {
            Pattern::Sync
        } else {
            Pattern::RequestResponse
        };
        TaskResource::Integration {
            resource_type,
            resource,
            pattern,
        }
    }

    /// The integration pattern (a Lambda function or an activity is request-response and
    /// callback respectively).
    pub fn pattern(&self) -> Pattern {
        match self {
            TaskResource::LambdaFunction(_) => Pattern::RequestResponse,
            TaskResource::Activity(_) => Pattern::WaitForTaskToken,
            TaskResource::Integration { pattern, .. } => *pattern,
        }
    }

    /// The task's result when a mock's `Return` is `value`. `lambda:invoke` returns the Invoke
    /// response: a `Return` without `Payload` or `StatusCode` is taken to be the payload and
    /// wrapped. A Lambda function ARN returns the payload: `Return.Payload` when the mock gives
    /// the whole response (Step Functions Local's convention), `Return` itself otherwise; a
    /// payload given as a string is the function's response text, JSON when it parses. A
    /// callback's `Return` is what SendTaskSuccess sends: a string is its `output` text, JSON when
    /// it parses.
    pub fn result_of_mock(&self, value: &Value) -> Value {
        let is_invoke_response = value
            .as_object()
            .is_some_and(|o| o.contains_key("Payload") || o.contains_key("StatusCode"));
        match self {
            TaskResource::LambdaFunction(_) if is_invoke_response => {
                response_text(value.get("Payload").cloned().unwrap_or(Value::Null))
            }
            TaskResource::LambdaFunction(_) => response_text(value.clone()),
            _ if self.pattern() == Pattern::WaitForTaskToken => response_text(value.clone()),
            TaskResource::Integration {
                resource_type: "lambda",
                resource: "invoke",
                ..
            } if !is_invoke_response => lambda_invoke_response(value.clone()),
            _ => value.clone(),
        }
    }
}

/// A response given as text: the JSON it holds, or the text itself.
fn response_text(value: Value) -> Value {
    match &value {
        Value::String(text) => serde_json::from_str(text).unwrap_or(value),
        _ => value,
    }
}

/// `lambda:invoke`'s response around a payload.
fn lambda_invoke_response(payload: Value) -> Value {
    let mut response = Map::new();
    response.insert("ExecutedVersion".into(), json!("$LATEST"));
    response.insert("Payload".into(), payload);
    response.insert(
        "SdkHttpMetadata".into(),
        json!({
            "AllHttpHeaders": {"Content-Type": ["application/json"], "X-Amz-Executed-Version": ["$LATEST"]},
            "HttpHeaders": {"Content-Type": "application/json", "X-Amz-Executed-Version": "$LATEST"},
            "HttpStatusCode": 200
        }),
    );
    response.insert(
        "SdkResponseMetadata".into(),
        json!({"RequestId": "00000000-0000-4000-8000-000000000000"}),
    );
    response.insert("StatusCode".into(), json!(200));
    Value::Object(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_are_named_as_the_history_names_them() {
        let cases = [
            ("arn:aws:states:::lambda:invoke", "lambda", "invoke"),
            (
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "sqs",
                "sendMessage.waitForTaskToken",
            ),
            (
                "arn:aws:states:::states:startExecution.sync:2",
                "states",
                "startExecution.sync:2",
            ),
            (
                "arn:aws:states:::aws-sdk:dynamodb:putItem",
                "aws-sdk:dynamodb",
                "putItem",
            ),
        ];
        for (text, ty, res) in cases {
            let TaskResource::Integration {
                resource_type,
                resource,
                ..
            } = TaskResource::parse(text)
            else {
                panic!("{text}");
            };
            assert_eq!((resource_type, resource), (ty, res));
        }
        assert_eq!(
            TaskResource::parse("arn:aws:lambda:us-east-1:111111111111:function:f"),
            TaskResource::LambdaFunction("arn:aws:lambda:us-east-1:111111111111:function:f")
        );
        assert_eq!(
            TaskResource::parse("arn:aws:states:us-east-1:111111111111:activity:a").pattern(),
            Pattern::WaitForTaskToken
        );
        assert_eq!(
            TaskResource::parse("arn:aws:states:::states:startExecution.sync").pattern(),
            Pattern::Sync
        );
    }

    #[test]
    fn a_lambda_mock_may_give_just_the_payload() {
        let invoke = TaskResource::parse("arn:aws:states:::lambda:invoke");
        let wrapped = invoke.result_of_mock(&json!({"ok": true}));
        assert_eq!(wrapped["Payload"], json!({"ok": true}));
        assert_eq!(wrapped["StatusCode"], json!(200));
        let whole = json!({"StatusCode": 200, "Payload": 1});
        assert_eq!(invoke.result_of_mock(&whole), whole);
        let function = TaskResource::parse("arn:aws:lambda:us-east-1:111111111111:function:f");
        assert_eq!(function.result_of_mock(&whole), json!(1));
        assert_eq!(function.result_of_mock(&json!([1])), json!([1]));
        let text = json!({"StatusCode": 200, "Payload": "\"HelloWorld\""});
        assert_eq!(function.result_of_mock(&text), json!("HelloWorld"));
        let callback = TaskResource::parse("arn:aws:states:::sqs:sendMessage.waitForTaskToken");
        assert_eq!(
            callback.result_of_mock(&json!("{\"a\":1}")),
            json!({"a": 1})
        );
        assert_eq!(
            callback.result_of_mock(&json!("not json")),
            json!("not json")
        );
    }
}

//! The responses of the common integrations, so that a mock may give only what matters: a Lambda
//! function's payload, a child execution's output, a DynamoDB item. A `Return` that already has
//! the response's shape is used as given (Step Functions Local's convention).

use crate::exec::context::{Identity, format_timestamp};
use crate::exec::rng::Rng;
use crate::resource::{Integration, Pattern, Resource};
use md5::{Digest, Md5};
use serde_json::{Map, Value, json};

/// What a mocked task's result is built from.
pub(super) struct Call<'a> {
    /// The task's resource.
    pub(super) resource: &'a Resource<'a>,
    /// Its effective parameters.
    pub(super) parameters: &'a Value,
    /// Who runs (for ARNs).
    pub(super) identity: &'a Identity,
    /// Now, on the virtual clock.
    pub(super) now_millis: i64,
}

/// The task's result when a mock's `Return` is `value`.
///
/// - `lambda:invoke`: a `Return` without `Payload` or `StatusCode` is the payload, wrapped in
///   the Invoke response. A Lambda function ARN returns the payload: `Return.Payload` when the
///   mock gives the whole response, `Return` itself otherwise; a payload given as a string is the
///   function's response text, JSON when it parses.
/// - A callback (`.waitForTaskToken`, activity): `Return` is what SendTaskSuccess sends; a
///   string is its `output` text, JSON when it parses.
/// - `states:startExecution.sync(:2)`: a `Return` without `Status` is the child's output,
///   wrapped in DescribeExecution's shape; `states:startExecution` gets its ARN and start date.
/// - SQS `sendMessage`, SNS `publish`, EventBridge `putEvents`: a `Return` without `MessageId`
///   (`Entries`) gets the ids AWS would give.
/// - DynamoDB: `getItem`'s `Return` without `Item` is the item; every response gets the SDK
///   metadata it lacks.
pub(super) fn complete(call: &Call<'_>, value: &Value, rng: &mut Rng) -> Value {
    let has = |key: &str| value.as_object().is_some_and(|o| o.contains_key(key));
    let Resource::Integration(Integration {
        resource_type,
        api,
        pattern,
        ..
    }) = call.resource
    else {
        return match call.resource {
            Resource::LambdaFunction { .. } if has("Payload") || has("StatusCode") => {
                response_text(value.get("Payload").cloned().unwrap_or(Value::Null))
            }
            _ => response_text(value.clone()),
        };
    };
    if *pattern == Pattern::WaitForTaskToken {
        return response_text(value.clone());
    }
    match (*resource_type, *api) {
        ("lambda", "invoke") if !has("Payload") && !has("StatusCode") => {
            lambda_invoke_response(value.clone())
        }
        ("states", "startExecution") if pattern.is_sync() && !has("Status") => {
            child_execution(call, value, *pattern == Pattern::Sync2, rng)
        }
        ("states", "startExecution") if !has("ExecutionArn") => with_sdk_metadata(json!({
            "ExecutionArn": child_arn(call, rng),
            "StartDate": format_timestamp(call.now_millis),
        })),
        ("sqs", "sendMessage") if !has("MessageId") => {
            let body = match &call.parameters["MessageBody"] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let digest = Md5::digest(body.as_bytes());
            let md5: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            merged(
                value,
                with_sdk_metadata(json!({"MD5OfMessageBody": md5, "MessageId": rng.uuid_v4()})),
            )
        }
        ("sns", "publish") if !has("MessageId") => merged(
            value,
            with_sdk_metadata(json!({"MessageId": rng.uuid_v4()})),
        ),
        ("events", "putEvents") if !has("Entries") => {
            let count = call.parameters["Entries"].as_array().map_or(1, Vec::len);
            let entries: Vec<Value> = (0..count)
                .map(|_| json!({"EventId": rng.uuid_v4()}))
                .collect();
            json!({"Entries": entries, "FailedEntryCount": 0})
        }
        ("dynamodb", "getItem") if !has("Item") && !has("SdkHttpMetadata") => {
            let item = match value {
                Value::Object(o) if o.is_empty() => json!({}),
                Value::Null => json!({}),
                item => json!({ "Item": item }),
            };
            with_sdk_metadata(item)
        }
        ("dynamodb", _) if !has("SdkHttpMetadata") => with_sdk_metadata(value.clone()),
        _ => value.clone(),
    }
}

/// A response given as text: the JSON it holds, or the text itself.
fn response_text(value: Value) -> Value {
    match &value {
        Value::String(text) => serde_json::from_str(text).unwrap_or(value),
        _ => value,
    }
}

/// `base` with the fields of `value` (an object) laid over it.
fn merged(value: &Value, mut base: Value) -> Value {
    if let (Some(fields), Some(out)) = (value.as_object(), base.as_object_mut()) {
        for (key, field) in fields {
            out.insert(key.clone(), field.clone());
        }
    }
    base
}

/// The SDK metadata of a request-response call, added to an object.
pub(super) fn with_sdk_metadata(mut value: Value) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "SdkHttpMetadata".into(),
            json!({
                "AllHttpHeaders": {"Content-Type": ["application/x-amz-json-1.0"]},
                "HttpHeaders": {"Content-Type": "application/x-amz-json-1.0"},
                "HttpStatusCode": 200
            }),
        );
        object.insert(
            "SdkResponseMetadata".into(),
            json!({"RequestId": "00000000-0000-4000-8000-000000000000"}),
        );
    }
    value
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

/// The ARN of the execution `states:startExecution` starts: the machine of `StateMachineArn`,
/// the execution named `Name` (or a fresh id).
fn child_arn(call: &Call<'_>, rng: &mut Rng) -> String {
    let machine_arn = call.parameters["StateMachineArn"]
        .as_str()
        .unwrap_or_default();
    let machine = machine_arn.rsplit(':').next().unwrap_or_default();
    let name = match call.parameters["Name"].as_str() {
        Some(name) => name.to_string(),
        None => rng.uuid_v4(),
    };
    let identity = call.identity;
    format!(
        "arn:{}:states:{}:{}:execution:{machine}:{name}",
        identity.partition, identity.region, identity.account
    )
}

/// `states:startExecution.sync`'s result: the child's DescribeExecution, its input and output as
/// JSON text (`.sync:2`: as JSON).
fn child_execution(call: &Call<'_>, output: &Value, as_json: bool, rng: &mut Rng) -> Value {
    let input = match &call.parameters["Input"] {
        Value::String(text) => serde_json::from_str(text).unwrap_or(Value::String(text.clone())),
        Value::Null => json!({}),
        other => other.clone(),
    };
    let arn = child_arn(call, rng);
    let name = arn.rsplit(':').next().unwrap_or_default().to_string();
    let payload = |value: &Value| {
        if as_json {
            value.clone()
        } else {
            Value::String(value.to_string())
        }
    };
    let now = format_timestamp(call.now_millis);
    json!({
        "ExecutionArn": arn,
        "Input": payload(&input),
        "InputDetails": {"Included": true},
        "Name": name,
        "Output": payload(output),
        "OutputDetails": {"Included": true},
        "StartDate": now,
        "StateMachineArn": call.parameters["StateMachineArn"],
        "Status": "SUCCEEDED",
        "StopDate": now,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete_for(resource: &str, parameters: &Value, value: &Value) -> Value {
        let resource = Resource::parse(resource).unwrap();
        let identity = Identity::default();
        let call = Call {
            resource: &resource,
            parameters,
            identity: &identity,
            now_millis: 0,
        };
        complete(&call, value, &mut Rng::new(0))
    }

    #[test]
    fn a_lambda_mock_may_give_just_the_payload() {
        let invoke = "arn:aws:states:::lambda:invoke";
        let wrapped = complete_for(invoke, &json!({}), &json!({"ok": true}));
        assert_eq!(wrapped["Payload"], json!({"ok": true}));
        assert_eq!(wrapped["StatusCode"], json!(200));
        let whole = json!({"StatusCode": 200, "Payload": 1});
        assert_eq!(complete_for(invoke, &json!({}), &whole), whole);
        let function = "arn:aws:lambda:us-east-1:111111111111:function:f";
        assert_eq!(complete_for(function, &json!({}), &whole), json!(1));
        assert_eq!(complete_for(function, &json!({}), &json!([1])), json!([1]));
        let text = json!({"StatusCode": 200, "Payload": "\"HelloWorld\""});
        assert_eq!(
            complete_for(function, &json!({}), &text),
            json!("HelloWorld")
        );
        let callback = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
        assert_eq!(
            complete_for(callback, &json!({}), &json!("{\"a\":1}")),
            json!({"a": 1})
        );
        assert_eq!(
            complete_for(callback, &json!({}), &json!("not json")),
            json!("not json")
        );
    }

    #[test]
    fn service_mocks_may_give_just_what_matters() {
        let child = complete_for(
            "arn:aws:states:::states:startExecution.sync:2",
            &json!({"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": {"n": 1}, "Name": "run-1"}),
            &json!({"total": 3}),
        );
        assert_eq!(child["Status"], "SUCCEEDED");
        assert_eq!(child["Output"], json!({"total": 3}));
        assert_eq!(child["Input"], json!({"n": 1}));
        assert_eq!(
            child["ExecutionArn"],
            "arn:aws:states:us-east-1:123456789012:execution:Child:run-1"
        );
        let sync = complete_for(
            "arn:aws:states:::states:startExecution.sync",
            &json!({"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child"}),
            &json!({"total": 3}),
        );
        assert_eq!(sync["Output"], "{\"total\":3}");
        let sqs = complete_for(
            "arn:aws:states:::sqs:sendMessage",
            &json!({"MessageBody": "hello"}),
            &json!({}),
        );
        assert_eq!(sqs["MD5OfMessageBody"], "5d41402abc4b2a76b9719d911017c592");
        assert!(sqs["MessageId"].is_string());
        let item = json!({"id": {"S": "1"}});
        let get = complete_for("arn:aws:states:::dynamodb:getItem", &json!({}), &item);
        assert_eq!(get["Item"], item);
        assert_eq!(get["SdkHttpMetadata"]["HttpStatusCode"], 200);
        let events = complete_for(
            "arn:aws:states:::events:putEvents",
            &json!({"Entries": [{}, {}]}),
            &Value::Null,
        );
        assert_eq!(events["Entries"].as_array().map(Vec::len), Some(2));
        assert_eq!(events["FailedEntryCount"], 0);
        let sdk = json!({"Item": {"a": {"S": "b"}}});
        assert_eq!(
            complete_for(
                "arn:aws:states:::aws-sdk:dynamodb:getItem",
                &json!({}),
                &sdk
            ),
            sdk
        );
    }
}

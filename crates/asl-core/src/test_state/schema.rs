//! The response shapes of common service integrations, to check a mocked result as TestState's
//! `fieldValidationMode` does: STRICT checks types and required fields, PRESENT only the types of
//! the fields given, NONE nothing. Fields a shape does not know are always accepted.

use crate::resource::Resource;
use serde_json::Value;

/// The shape of a value in a service response.
#[derive(Clone, Copy, Debug)]
pub(super) enum Shape {
    /// Anything.
    Any,
    /// A string, at least this long.
    String(usize),
    /// A string among these values.
    Enum(&'static [&'static str]),
    /// An integer in this range.
    Integer(i64, i64),
    /// Any number.
    Number,
    /// A timestamp (a string or a number of seconds).
    Timestamp,
    /// A list of values of one shape.
    List(&'static Shape),
    /// A map of string keys to values of one shape.
    Map(&'static Shape),
    /// An object with these fields (name, shape, required).
    Structure(&'static [(&'static str, Shape, bool)]),
}

const STRING: Shape = Shape::String(0);
const LONG: Shape = Shape::Integer(i64::MIN, i64::MAX);

const CONSUMED_CAPACITY: Shape = Shape::Structure(&[
    ("TableName", STRING, false),
    ("CapacityUnits", Shape::Number, false),
    ("ReadCapacityUnits", Shape::Number, false),
    ("WriteCapacityUnits", Shape::Number, false),
    ("Table", Shape::Any, false),
    ("LocalSecondaryIndexes", Shape::Any, false),
    ("GlobalSecondaryIndexes", Shape::Any, false),
]);

const DYNAMODB_ITEM_OUTPUT: Shape = Shape::Structure(&[
    ("Attributes", Shape::Map(&Shape::Any), false),
    ("Item", Shape::Map(&Shape::Any), false),
    ("ConsumedCapacity", CONSUMED_CAPACITY, false),
    ("ItemCollectionMetrics", Shape::Any, false),
]);

const PUT_EVENTS_OUTPUT: Shape = Shape::Structure(&[
    ("FailedEntryCount", LONG, false),
    (
        "Entries",
        Shape::List(&Shape::Structure(&[
            ("EventId", STRING, false),
            ("ErrorCode", STRING, false),
            ("ErrorMessage", STRING, false),
        ])),
        false,
    ),
]);

const LAMBDA_INVOKE_OUTPUT: Shape = Shape::Structure(&[
    ("StatusCode", LONG, false),
    ("FunctionError", STRING, false),
    ("LogResult", STRING, false),
    ("Payload", Shape::Any, false),
    ("ExecutedVersion", Shape::String(1), false),
]);

const START_EXECUTION_OUTPUT: Shape = Shape::Structure(&[
    ("ExecutionArn", Shape::String(1), true),
    ("StartDate", Shape::Timestamp, true),
]);

const SEND_MESSAGE_OUTPUT: Shape = Shape::Structure(&[
    ("MD5OfMessageBody", STRING, false),
    ("MD5OfMessageAttributes", STRING, false),
    ("MD5OfMessageSystemAttributes", STRING, false),
    ("MessageId", STRING, false),
    ("SequenceNumber", STRING, false),
]);

const PUBLISH_OUTPUT: Shape = Shape::Structure(&[
    ("MessageId", STRING, false),
    ("SequenceNumber", STRING, false),
]);

const GET_FUNCTION_OUTPUT: Shape = Shape::Structure(&[
    (
        "Configuration",
        Shape::Structure(&[
            ("FunctionName", Shape::String(1), false),
            ("FunctionArn", STRING, false),
            ("Runtime", STRING, false),
            ("Role", STRING, false),
            ("Handler", STRING, false),
            ("CodeSize", LONG, false),
            ("Description", STRING, false),
            ("Timeout", Shape::Integer(1, i64::MAX), false),
            ("MemorySize", Shape::Integer(128, 10_240), false),
            ("Version", Shape::String(1), false),
        ]),
        false,
    ),
    ("Code", Shape::Any, false),
    ("Tags", Shape::Map(&STRING), false),
    ("Concurrency", Shape::Any, false),
]);

const KMS_ENCRYPT_OUTPUT: Shape = Shape::Structure(&[
    ("CiphertextBlob", Shape::String(1), false),
    ("KeyId", Shape::String(1), false),
    (
        "EncryptionAlgorithm",
        Shape::Enum(&[
            "SYMMETRIC_DEFAULT",
            "RSAES_OAEP_SHA_1",
            "RSAES_OAEP_SHA_256",
            "SM2PKE",
        ]),
        false,
    ),
]);

/// The response shape of a resource, when it is one of the integrations known here.
pub(super) fn output_shape(resource: &Resource<'_>) -> Option<Shape> {
    let integration = resource.integration()?;
    Some(match (integration.resource_type, integration.api) {
        ("lambda", "invoke") => LAMBDA_INVOKE_OUTPUT,
        ("states", "startExecution") => START_EXECUTION_OUTPUT,
        ("events", "putEvents") => PUT_EVENTS_OUTPUT,
        ("sqs", "sendMessage") => SEND_MESSAGE_OUTPUT,
        ("sns", "publish") => PUBLISH_OUTPUT,
        ("dynamodb", "putItem" | "getItem" | "updateItem" | "deleteItem") => DYNAMODB_ITEM_OUTPUT,
        ("aws-sdk:lambda", "getFunction") => GET_FUNCTION_OUTPUT,
        ("aws-sdk:kms", "encrypt") => KMS_ENCRYPT_OUTPUT,
        _ => return None,
    })
}

/// Check `value` against `shape`; `strict` also checks required fields. The message names the
/// offending field, as AWS's does.
pub(super) fn check(value: &Value, shape: Shape, strict: bool) -> Result<(), String> {
    check_field(value, shape, strict, "")
}

fn check_field(value: &Value, shape: Shape, strict: bool, field: &str) -> Result<(), String> {
    let wrong = |what: &str| Err(format!("Field '{field}' must be {what}"));
    match shape {
        Shape::Any => Ok(()),
        Shape::String(min) => match value.as_str() {
            None => wrong("a string"),
            Some(s) if s.chars().count() < min => Err(format!(
                "Field '{field}' is smaller than the minimum length"
            )),
            Some(_) => Ok(()),
        },
        Shape::Enum(values) => match value.as_str() {
            None => wrong("a string"),
            Some(s) if !values.contains(&s) => {
                Err(format!("Field '{field}' is not an expected value"))
            }
            Some(_) => Ok(()),
        },
        Shape::Integer(min, max) => match value.as_f64() {
            None => wrong("a number"),
            Some(n) if n < min as f64 => {
                Err(format!("Field '{field}' is less than the minimum value"))
            }
            Some(n) if n > max as f64 => Err(format!("Field '{field}' exceeds the maximum value")),
            Some(_) => Ok(()),
        },
        Shape::Number => {
            if value.is_number() {
                Ok(())
            } else {
                wrong("a number")
            }
        }
        Shape::Timestamp => {
            if value.is_string() || value.is_number() {
                Ok(())
            } else {
                wrong("a timestamp")
            }
        }
        Shape::List(item) => match value.as_array() {
            None => wrong("an array"),
            Some(items) => items
                .iter()
                .try_for_each(|v| check_field(v, *item, strict, field)),
        },
        Shape::Map(item) => match value.as_object() {
            None => wrong("an object"),
            Some(map) => map
                .values()
                .try_for_each(|v| check_field(v, *item, strict, field)),
        },
        Shape::Structure(fields) => {
            let Some(object) = value.as_object() else {
                return wrong("an object");
            };
            for (name, shape, required) in fields {
                match object.get(*name) {
                    Some(v) => check_field(v, *shape, strict, name)?,
                    None if strict && *required => {
                        return Err(format!("Required field '{name}' is missing"));
                    }
                    None => {}
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn checks_like_test_state_does() {
        let invoke =
            output_shape(&Resource::parse("arn:aws:states:::lambda:invoke").unwrap()).unwrap();
        assert_eq!(
            check(&json!({"StatusCode": "200"}), invoke, true),
            Err("Field 'StatusCode' must be a number".into())
        );
        assert_eq!(check(&json!({"random": "json"}), invoke, true), Ok(()));
        let start = output_shape(
            &Resource::parse("arn:aws:states:::states:startExecution.sync:2").unwrap(),
        )
        .unwrap();
        assert_eq!(
            check(&json!({}), start, true),
            Err("Required field 'ExecutionArn' is missing".into())
        );
        assert_eq!(check(&json!({}), start, false), Ok(()));
        let events =
            output_shape(&Resource::parse("arn:aws:states:::events:putEvents").unwrap()).unwrap();
        assert_eq!(
            check(
                &json!({"Entries": [{"EventId": "a"}, {"EventId": ["b"]}]}),
                events,
                true
            ),
            Err("Field 'EventId' must be a string".into())
        );
        let function =
            output_shape(&Resource::parse("arn:aws:states:::aws-sdk:lambda:getFunction").unwrap())
                .unwrap();
        assert_eq!(
            check(
                &json!({"Configuration": {"MemorySize": 127}}),
                function,
                false
            ),
            Err("Field 'MemorySize' is less than the minimum value".into())
        );
    }
}

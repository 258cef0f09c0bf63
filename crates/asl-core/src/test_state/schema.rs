//! Checking a mocked result against the response shape of the Task's API, as TestState's
//! `fieldValidationMode` does: STRICT checks the types of the fields given and that the required
//! ones are there, PRESENT only the types, NONE nothing.
//!
//! Where the shape comes from: for an AWS SDK integration, the service's table when the caller
//! gave it ([`super::shapes`]); otherwise the shapes of the optimized integrations (and of two
//! AWS SDK actions) written in `optimized-shapes.json`. A resource with neither is not checked.
//!
//! Fields a shape does not know are accepted in every mode, as AWS accepts them: a putEvents
//! Task mocked with `{"random": "json"}` in STRICT SUCCEEDED (recorded), the names being
//! compared as written (`executionArn` is not `ExecutionArn`).

use super::shapes::{AwsShapes, Bounds, ServiceShapes, Shape, ShapeRef};
use crate::resource::{Pattern, Resource};
use serde_json::Value;
use std::sync::OnceLock;

/// The shapes of the optimized integrations' responses, keyed `lambda:invoke`, and of the AWS SDK
/// actions AWS's recordings check without a table (`aws-sdk:kms:encrypt`).
fn optimized() -> Option<&'static ServiceShapes> {
    static TABLE: OnceLock<Option<ServiceShapes>> = OnceLock::new();
    TABLE
        .get_or_init(|| ServiceShapes::parse(include_str!("optimized-shapes.json")).ok())
        .as_ref()
}

/// The table and shape a resource's response is checked against, when there is one.
pub(super) fn output_shape<'t>(
    resource: &Resource<'_>,
    shapes: &'t AwsShapes,
) -> Option<(&'t ServiceShapes, ShapeRef)> {
    let integration = resource.integration()?;
    if integration.sdk {
        // A callback's result is what the worker sent, not the API's response.
        if integration.pattern != Pattern::RequestResponse {
            return None;
        }
        if let Some(table) = shapes.service(integration.service) {
            return Some((table, table.output(integration.api)?));
        }
    }
    let table = optimized()?;
    let key = format!("{}:{}", integration.resource_type, integration.api);
    Some((table, table.output(&key)?))
}

/// Check `value` against `shape`; `strict` also checks required fields. The message names the
/// offending field, as AWS's does.
pub(super) fn check(
    value: &Value,
    table: &ServiceShapes,
    shape: ShapeRef,
    strict: bool,
) -> Result<(), String> {
    Checker { table, strict }.field(value, shape, "")
}

struct Checker<'t> {
    table: &'t ServiceShapes,
    strict: bool,
}

impl Checker<'_> {
    fn field(&self, value: &Value, shape: ShapeRef, field: &str) -> Result<(), String> {
        let is = |ok: bool, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(format!("Field '{field}' must be {what}"))
            }
        };
        match shape {
            ShapeRef::Any => Ok(()),
            // Step Functions writes timestamps and blobs as strings: "Field 'StartDate' must be
            // a string", "Field 'CiphertextBlob' must be a string" (recorded).
            ShapeRef::String | ShapeRef::Timestamp | ShapeRef::Blob => {
                is(value.is_string(), "a string")
            }
            ShapeRef::Integer | ShapeRef::Number => is(value.is_number(), "a number"),
            // ⚠ Not recorded: worded as AWS words the other types.
            ShapeRef::Boolean => is(value.is_boolean(), "a boolean"),
            ShapeRef::Entry(index) => match self.table.entry(index) {
                Some(entry) => self.entry(value, entry, field),
                None => Ok(()),
            },
        }
    }

    fn entry(&self, value: &Value, shape: &Shape, field: &str) -> Result<(), String> {
        let wrong = |what: &str| Err(format!("Field '{field}' must be {what}"));
        match shape {
            Shape::String(bounds) => match value.as_str() {
                Some(text) => length(text, *bounds, field),
                None => wrong("a string"),
            },
            // ⚠ Only the least length: a blob's text may be base64, longer than its bytes.
            Shape::Blob(bounds) => match value.as_str() {
                Some(text) => length(
                    text,
                    Bounds {
                        max: None,
                        ..*bounds
                    },
                    field,
                ),
                None => wrong("a string"),
            },
            Shape::Enum(values) => match value.as_str() {
                Some(text) if values.iter().any(|v| v == text) => Ok(()),
                Some(_) => Err(format!("Field '{field}' is not an expected value")),
                None => wrong("a string"),
            },
            Shape::Integer(bounds) | Shape::Number(bounds) => match value.as_f64() {
                Some(n) if bounds.min.is_some_and(|min| n < min) => {
                    Err(format!("Field '{field}' is less than the minimum value"))
                }
                Some(n) if bounds.max.is_some_and(|max| n > max) => {
                    Err(format!("Field '{field}' exceeds the maximum value"))
                }
                Some(_) => Ok(()),
                None => wrong("a number"),
            },
            Shape::List(item) => match value.as_array() {
                Some(items) => items.iter().try_for_each(|v| self.field(v, *item, field)),
                None => wrong("an array"),
            },
            Shape::Map(item) => match value.as_object() {
                Some(map) => map.values().try_for_each(|v| self.field(v, *item, field)),
                None => wrong("an object"),
            },
            Shape::Structure(members) => {
                let Some(object) = value.as_object() else {
                    return wrong("an object");
                };
                for member in members {
                    match object.get(&member.name) {
                        Some(v) => self.field(v, member.shape, &member.name)?,
                        None if self.strict && member.required => {
                            return Err(format!("Required field '{}' is missing", member.name));
                        }
                        None => {}
                    }
                }
                Ok(())
            }
        }
    }
}

/// ⚠ AWS's wording is recorded for neither bound of a length; these follow its other messages.
fn length(text: &str, bounds: Bounds, field: &str) -> Result<(), String> {
    let count = text.chars().count() as f64;
    if bounds.min.is_some_and(|min| count < min) {
        return Err(format!(
            "Field '{field}' is smaller than the minimum length"
        ));
    }
    if bounds.max.is_some_and(|max| count > max) {
        return Err(format!("Field '{field}' exceeds the maximum length"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn checked(resource: &str, value: &Value, strict: bool) -> Result<(), String> {
        let resource = Resource::parse(resource).unwrap();
        let none = AwsShapes::default();
        let (table, shape) = output_shape(&resource, &none).unwrap();
        check(value, table, shape, strict)
    }

    #[test]
    fn the_optimized_integrations_shapes_are_read() {
        assert!(optimized().is_some());
    }

    #[test]
    fn checks_like_test_state_does() {
        let invoke = "arn:aws:states:::lambda:invoke";
        assert_eq!(
            checked(invoke, &json!({"StatusCode": "200"}), true),
            Err("Field 'StatusCode' must be a number".into())
        );
        assert_eq!(checked(invoke, &json!({"random": "json"}), true), Ok(()));
        let start = "arn:aws:states:::states:startExecution.sync:2";
        assert_eq!(
            checked(start, &json!({}), true),
            Err("Required field 'ExecutionArn' is missing".into())
        );
        assert_eq!(checked(start, &json!({}), false), Ok(()));
        assert_eq!(
            checked(start, &json!({"StartDate": 1764103483}), false),
            Err("Field 'StartDate' must be a string".into())
        );
        assert_eq!(
            checked(
                "arn:aws:states:::events:putEvents",
                &json!({"Entries": [{"EventId": "a"}, {"EventId": ["b"]}]}),
                true
            ),
            Err("Field 'EventId' must be a string".into())
        );
        assert_eq!(
            checked(
                "arn:aws:states:::aws-sdk:lambda:getFunction",
                &json!({"Configuration": {"MemorySize": 127}}),
                false
            ),
            Err("Field 'MemorySize' is less than the minimum value".into())
        );
        assert_eq!(
            checked(
                "arn:aws:states:::aws-sdk:kms:encrypt",
                &json!({"CiphertextBlob": ""}),
                false
            ),
            Err("Field 'CiphertextBlob' is smaller than the minimum length".into())
        );
    }

    #[test]
    fn a_given_table_is_used_for_its_service_only() {
        let mut shapes = AwsShapes::default();
        shapes.insert(
            ServiceShapes::parse(
                r#"{"service": "kms", "operations": {"encrypt": 0},
                    "shapes": [["o", {"KeyId": "b"}]]}"#,
            )
            .unwrap(),
        );
        let shape = |resource: &str| {
            let resource = Resource::parse(resource).unwrap();
            output_shape(&resource, &shapes).map(|(table, _)| table.service().to_string())
        };
        assert_eq!(
            shape("arn:aws:states:::aws-sdk:kms:encrypt").as_deref(),
            Some("kms")
        );
        assert_eq!(shape("arn:aws:states:::aws-sdk:kms:decrypt"), None);
        assert_eq!(
            shape("arn:aws:states:::aws-sdk:kms:encrypt.waitForTaskToken"),
            None
        );
        assert_eq!(
            shape("arn:aws:states:::aws-sdk:lambda:getFunction").as_deref(),
            Some("optimized integrations")
        );
        assert_eq!(shape("arn:aws:states:::aws-sdk:s3:getObject"), None);
    }
}

//! Tables of the output shapes of an AWS service's API, as `scripts/aws-shapes.py` writes them
//! from the AWS SDK's service models (`aws-shapes/<service>.json`): what TestState checks a
//! mocked result of an `aws-sdk:<service>:<action>` Task against. The engine reads no file: a
//! caller hands the tables it has in [`super::TestStateOptions::shapes`].
//!
//! ```
//! use asl_core::test_state::ServiceShapes;
//!
//! let table = r#"{"service": "sfn", "operations": {"startExecution": 0},
//!                 "shapes": [["o", {"ExecutionArn": "s", "StartDate": "t"}, ["ExecutionArn"]]]}"#;
//! let shapes = ServiceShapes::parse(table).unwrap();
//! assert_eq!(shapes.service(), "sfn");
//! assert!(ServiceShapes::parse(r#"{"service": "sfn", "operations": {"a": 1}, "shapes": []}"#).is_err());
//! ```

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A shape, by reference: a bare type, or an entry of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ShapeRef {
    /// `"a"`: anything (a document, an event stream).
    Any,
    /// `"s"`: a string.
    String,
    /// `"i"`: an integer or a long.
    Integer,
    /// `"n"`: a float or a double.
    Number,
    /// `"b"`: a boolean.
    Boolean,
    /// `"t"`: a timestamp, which Step Functions writes as a string.
    Timestamp,
    /// `"x"`: a blob, which Step Functions writes as a string.
    Blob,
    /// The table's entry at this index.
    Entry(usize),
}

/// An entry of the table.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Shape {
    /// `["s", min, max]`: a string of bounded length.
    String(Bounds),
    /// `["x", min, max]`: a blob of bounded length.
    Blob(Bounds),
    /// `["e", "A", "B", …]`: a string among these values.
    Enum(Vec<String>),
    /// `["i", min, max]`: an integer in this range.
    Integer(Bounds),
    /// `["n", min, max]`: a number in this range.
    Number(Bounds),
    /// `["l", ref]`: a list of values of one shape.
    List(ShapeRef),
    /// `["m", ref]`: a map of string keys to values of one shape.
    Map(ShapeRef),
    /// `["o", {"Member": ref, …}, ["Required", …]]`: an object with these members.
    Structure(Vec<Member>),
}

/// The bounds of a length or a value (`null` in the table when there is none).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Bounds {
    pub(super) min: Option<f64>,
    pub(super) max: Option<f64>,
}

/// A member of a structure.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Member {
    pub(super) name: String,
    pub(super) shape: ShapeRef,
    pub(super) required: bool,
}

/// The output shapes of one service's operations.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceShapes {
    service: String,
    operations: HashMap<String, ShapeRef>,
    shapes: Vec<Shape>,
}

/// A table that is not of the format `scripts/aws-shapes.py` writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapesError(pub String);

impl fmt::Display for ShapesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a table of AWS shapes: {}", self.0)
    }
}

impl std::error::Error for ShapesError {}

fn error<T>(message: impl Into<String>) -> Result<T, ShapesError> {
    Err(ShapesError(message.into()))
}

impl ServiceShapes {
    /// Read a service's table (the text of `aws-shapes/<service>.json`), checking that every
    /// reference points into it.
    pub fn parse(text: &str) -> Result<ServiceShapes, ShapesError> {
        let root: Value =
            serde_json::from_str(text).map_err(|e| ShapesError(format!("not JSON: {e}")))?;
        let Some(service) = root["service"].as_str() else {
            return error("no \"service\"");
        };
        let Some(entries) = root["shapes"].as_array() else {
            return error("no \"shapes\" list");
        };
        let count = entries.len();
        let shapes = entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                parse_shape(entry, count).map_err(|e| ShapesError(format!("shape {i}: {}", e.0)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let Some(operations) = root["operations"].as_object() else {
            return error("no \"operations\" object");
        };
        let operations = operations
            .iter()
            .map(|(name, r)| {
                parse_ref(r, count)
                    .map(|r| (name.clone(), r))
                    .map_err(|e| ShapesError(format!("operation {name}: {}", e.0)))
            })
            .collect::<Result<HashMap<_, _>, _>>()?;
        Ok(ServiceShapes {
            service: service.to_string(),
            operations,
            shapes,
        })
    }

    /// The service, as the Task's resource names it (`s3` in `aws-sdk:s3:getObject`).
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The shape of an action's output (`getObject`), when the table has the action.
    pub(super) fn output(&self, action: &str) -> Option<ShapeRef> {
        self.operations.get(action).copied()
    }

    /// The entry a reference points to (every reference was checked when the table was read).
    pub(super) fn entry(&self, index: usize) -> Option<&Shape> {
        self.shapes.get(index)
    }
}

fn parse_ref(value: &Value, count: usize) -> Result<ShapeRef, ShapesError> {
    Ok(match value {
        Value::String(tag) => match tag.as_str() {
            "a" => ShapeRef::Any,
            "s" => ShapeRef::String,
            "i" => ShapeRef::Integer,
            "n" => ShapeRef::Number,
            "b" => ShapeRef::Boolean,
            "t" => ShapeRef::Timestamp,
            "x" => ShapeRef::Blob,
            other => return error(format!("unknown type \"{other}\"")),
        },
        Value::Number(n) => match n.as_u64().and_then(|i| usize::try_from(i).ok()) {
            Some(i) if i < count => ShapeRef::Entry(i),
            _ => return error(format!("no shape {n}")),
        },
        other => return error(format!("{other} is not a reference")),
    })
}

fn parse_bounds(items: &[Value]) -> Result<Bounds, ShapesError> {
    let bound = |i: usize| match items.get(i) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_f64()
            .map(Some)
            .ok_or_else(|| ShapesError(format!("{v} is not a bound"))),
    };
    Ok(Bounds {
        min: bound(1)?,
        max: bound(2)?,
    })
}

fn parse_shape(value: &Value, count: usize) -> Result<Shape, ShapesError> {
    let Some(items) = value.as_array() else {
        return error("not a list");
    };
    let item = |i: usize| items.get(i).unwrap_or(&Value::Null);
    Ok(match items.first().and_then(Value::as_str) {
        Some("s") => Shape::String(parse_bounds(items)?),
        Some("x") => Shape::Blob(parse_bounds(items)?),
        Some("i") => Shape::Integer(parse_bounds(items)?),
        Some("n") => Shape::Number(parse_bounds(items)?),
        Some("e") => Shape::Enum(
            items[1..]
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<_>>()
                .ok_or_else(|| ShapesError("an enum value is not a string".into()))?,
        ),
        Some("l") => Shape::List(parse_ref(item(1), count)?),
        Some("m") => Shape::Map(parse_ref(item(1), count)?),
        Some("o") => {
            let Some(members) = item(1).as_object() else {
                return error("a structure without members");
            };
            let required: Vec<&str> = match item(2) {
                Value::Null => Vec::new(),
                Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
                _ => return error("required members are not a list"),
            };
            Shape::Structure(
                members
                    .iter()
                    .map(|(name, r)| {
                        Ok(Member {
                            name: name.clone(),
                            shape: parse_ref(r, count)?,
                            required: required.contains(&name.as_str()),
                        })
                    })
                    .collect::<Result<_, ShapesError>>()?,
            )
        }
        _ => return error(format!("unknown shape {value}")),
    })
}

/// The tables a TestState run may use, by service.
#[derive(Clone, Debug, Default)]
pub struct AwsShapes {
    services: BTreeMap<String, ServiceShapes>,
}

impl AwsShapes {
    /// Add (or replace) a service's table.
    pub fn insert(&mut self, shapes: ServiceShapes) {
        self.services.insert(shapes.service.clone(), shapes);
    }

    /// The table of a service, when it was given.
    pub fn service(&self, name: &str) -> Option<&ServiceShapes> {
        self.services.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_shape() {
        let table = ServiceShapes::parse(
            r#"{"service": "demo", "operations": {"get": 0, "ping": "a"}, "shapes": [
                ["o", {"Name": 1, "Tags": 2, "Class": 3, "Size": 4, "Ratio": 5, "Data": 6,
                       "Items": 7, "When": "t"}, ["Name"]],
                ["s", 1, null], ["m", "s"], ["e", "A", "B"], ["i", 0, 10], ["n", null, 1.5],
                ["x", 1, 6144], ["l", 0]
            ]}"#,
        )
        .unwrap();
        assert_eq!(table.output("ping"), Some(ShapeRef::Any));
        assert_eq!(table.output("put"), None);
        let Some(Shape::Structure(members)) = table.entry(0) else {
            panic!("a structure");
        };
        assert_eq!(members.len(), 8);
        assert!(members[0].required && !members[1].required);
        assert_eq!(
            table.entry(3),
            Some(&Shape::Enum(vec!["A".into(), "B".into()]))
        );
        assert_eq!(
            table.entry(5),
            Some(&Shape::Number(Bounds {
                min: None,
                max: Some(1.5)
            }))
        );
        assert_eq!(table.entry(7), Some(&Shape::List(ShapeRef::Entry(0))));
    }

    #[test]
    fn refuses_what_is_not_a_table() {
        for text in [
            "",
            "[]",
            r#"{"operations": {}, "shapes": []}"#,
            r#"{"service": "s", "operations": {"a": 0}, "shapes": []}"#,
            r#"{"service": "s", "operations": {"a": "q"}, "shapes": []}"#,
            r#"{"service": "s", "operations": {}, "shapes": [["l", 1]]}"#,
            r#"{"service": "s", "operations": {}, "shapes": [["e", 1]]}"#,
            r#"{"service": "s", "operations": {}, "shapes": [["i", "0"]]}"#,
            r#"{"service": "s", "operations": {}, "shapes": [["o", []]]}"#,
            r#"{"service": "s", "operations": {}, "shapes": [["z"]]}"#,
            r#"{"service": "s", "operations": {"a": -1}, "shapes": []}"#,
        ] {
            assert!(ServiceShapes::parse(text).is_err(), "{text}");
        }
    }
}

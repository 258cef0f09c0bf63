//! Importing a definition from what people have: ASL as JSON or YAML, or a CloudFormation / SAM
//! (or CDK-synthesised) template whose state machine's `Definition` or `DefinitionString`
//! (`Fn::Sub`, `Fn::Join`) is resolved with its `DefinitionSubstitutions` and the values the user
//! fills in.

use crate::source;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// An imported definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The definition, as pretty JSON.
    pub definition: String,
    /// Where it came from (`ASL (YAML)`, `CloudFormation resource OrderMachine`).
    pub origin: String,
    /// The `${Name}` placeholders still to fill in (their values are not in the template).
    pub placeholders: Vec<String>,
}

const STATE_MACHINE_TYPES: [&str; 2] = [
    "AWS::StepFunctions::StateMachine",
    "AWS::Serverless::StateMachine",
];

/// Import `text`, filling `${Name}` placeholders from `values` (the user's) before the template's
/// own substitutions.
pub fn import(text: &str, values: &BTreeMap<String, String>) -> Result<Imported, String> {
    let read =
        source::read(text, None).map_err(|d| format!("The text does not read: {}", d.message))?;
    let yaml = source::detect(text) == source::Format::Yaml;
    let value = read.root.to_value();
    let object = value
        .as_object()
        .ok_or("The text is neither a state machine definition nor a CloudFormation template")?;
    if object.contains_key("States") || object.contains_key("StartAt") {
        return Ok(Imported {
            definition: pretty(&value),
            origin: if yaml { "ASL (YAML)" } else { "ASL (JSON)" }.into(),
            placeholders: Vec::new(),
        });
    }
    let resources = object
        .get("Resources")
        .and_then(Value::as_object)
        .ok_or("The text is neither a state machine definition nor a CloudFormation template (no Resources)")?;
    let (name, properties) = resources
        .iter()
        .find_map(|(name, resource)| {
            let kind = resource.get("Type")?.as_str()?;
            STATE_MACHINE_TYPES.contains(&kind).then(|| {
                (
                    name,
                    resource.get("Properties").cloned().unwrap_or(Value::Null),
                )
            })
        })
        .ok_or(
            "The template has no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine",
        )?;
    let mut substitutions: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (key, value) in properties
        .get("DefinitionSubstitutions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        substitutions.insert(key.clone(), value.as_str().map(str::to_string));
    }
    let definition = if let Some(definition) = properties.get("Definition") {
        definition.clone()
    } else if let Some(string) = properties.get("DefinitionString") {
        let text = definition_string(string, &mut substitutions)?;
        let text = substitute(&text, values, &substitutions, &mut Vec::new());
        serde_json::from_str(&text).map_err(|e| {
            format!("The DefinitionString of {name} is not JSON once substituted: {e}")
        })?
    } else if properties.get("DefinitionUri").is_some() {
        return Err(format!(
            "{name} takes its definition from a file (DefinitionUri): paste that file instead"
        ));
    } else {
        return Err(format!("{name} has no Definition or DefinitionString"));
    };
    let mut placeholders = Vec::new();
    let definition = substitute_all(definition, values, &substitutions, &mut placeholders);
    placeholders.sort();
    placeholders.dedup();
    Ok(Imported {
        definition: pretty(&definition),
        origin: format!("CloudFormation resource {name}"),
        placeholders,
    })
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// `DefinitionString` as text: a string, `Fn::Sub` (with its own variables), or `Fn::Join`.
fn definition_string(
    value: &Value,
    substitutions: &mut BTreeMap<String, Option<String>>,
) -> Result<String, String> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Object(map) if map.contains_key("Fn::Sub") => match &map["Fn::Sub"] {
            Value::String(text) => Ok(text.clone()),
            Value::Array(parts) => {
                if let Some(Value::Object(variables)) = parts.get(1) {
                    for (key, value) in variables {
                        substitutions.insert(key.clone(), value.as_str().map(str::to_string));
                    }
                }
                parts
                    .first()
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| "Fn::Sub without a string".to_string())
            }
            _ => Err("Fn::Sub without a string".into()),
        },
        Value::Object(map) if map.contains_key("Fn::Join") => {
            let join = map["Fn::Join"].as_array().ok_or("Fn::Join is not a list")?;
            let separator = join.first().and_then(Value::as_str).unwrap_or_default();
            let parts = join
                .get(1)
                .and_then(Value::as_array)
                .ok_or("Fn::Join without parts")?;
            let texts: Vec<String> = parts
                .iter()
                .map(|part| match part {
                    Value::String(text) => text.clone(),
                    Value::Object(reference) => {
                        let name = reference
                            .values()
                            .next()
                            .map(|v| match v {
                                Value::String(s) => s.replace('.', "_"),
                                Value::Array(a) => a
                                    .iter()
                                    .filter_map(Value::as_str)
                                    .collect::<Vec<_>>()
                                    .join("_"),
                                _ => "Value".into(),
                            })
                            .unwrap_or_default();
                        substitutions.entry(name.clone()).or_insert(None);
                        format!("${{{name}}}")
                    }
                    other => other.to_string(),
                })
                .collect();
            Ok(texts.join(separator))
        }
        _ => Err("DefinitionString is neither a string, Fn::Sub nor Fn::Join".into()),
    }
}

/// The pseudo parameters, with the playground's account and region.
fn pseudo(name: &str) -> Option<&'static str> {
    match name {
        "AWS::Region" => Some("us-east-1"),
        "AWS::AccountId" => Some("123456789012"),
        "AWS::Partition" => Some("aws"),
        "AWS::URLSuffix" => Some("amazonaws.com"),
        _ => None,
    }
}

/// `${Name}` replaced by the user's value, the template's, or a pseudo parameter's; the rest
/// are left and listed. `${!Literal}` is a literal `${Literal}`.
fn substitute(
    text: &str,
    values: &BTreeMap<String, String>,
    substitutions: &BTreeMap<String, Option<String>>,
    missing: &mut Vec<String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        let value = if let Some(literal) = name.strip_prefix('!') {
            Some(format!("${{{literal}}}"))
        } else {
            values
                .get(name)
                .cloned()
                .or_else(|| substitutions.get(name).cloned().flatten())
                .or_else(|| pseudo(name).map(str::to_string))
        };
        match value {
            Some(value) => out.push_str(&value),
            None => {
                missing.push(name.to_string());
                out.push_str(&rest[start..start + 3 + end]);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn substitute_all(
    value: Value,
    values: &BTreeMap<String, String>,
    substitutions: &BTreeMap<String, Option<String>>,
    missing: &mut Vec<String>,
) -> Value {
    match value {
        Value::String(text) => Value::String(substitute(&text, values, substitutions, missing)),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| substitute_all(item, values, substitutions, missing))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, item)| (key, substitute_all(item, values, substitutions, missing)))
                .collect::<Map<String, Value>>(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_asl_becomes_json() {
        let imported = import(
            "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n",
            &BTreeMap::new(),
        )
        .unwrap();
        assert_eq!(imported.origin, "ASL (YAML)");
        let value: Value = serde_json::from_str(&imported.definition).unwrap();
        assert_eq!(value["States"]["A"]["Type"], "Pass");
    }

    #[test]
    fn a_cloudformation_definition_string_is_substituted() {
        let template = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Charge:
    Type: AWS::Lambda::Function
  OrderMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
         "Resource": "${ChargeArn}", "Parameters": {"Queue": "${QueueUrl}", "Region": "${AWS::Region}"}, "End": true}}}
      DefinitionSubstitutions:
        ChargeArn: !GetAtt Charge.Arn
        QueueUrl: https://sqs.us-east-1.amazonaws.com/123456789012/orders
"#;
        let imported = import(template, &BTreeMap::new()).unwrap();
        assert_eq!(imported.origin, "CloudFormation resource OrderMachine");
        // A YAML tag is read as its value: the GetAtt's target is not an ARN, so it is asked for.
        assert!(imported.definition.contains("Charge.Arn") || imported.placeholders.is_empty());
        let mut values = BTreeMap::new();
        values.insert(
            "ChargeArn".to_string(),
            "arn:aws:lambda:us-east-1:123456789012:function:charge".to_string(),
        );
        let imported = import(template, &values).unwrap();
        let value: Value = serde_json::from_str(&imported.definition).unwrap();
        let task = &value["States"]["Charge"];
        assert_eq!(
            task["Resource"],
            "arn:aws:lambda:us-east-1:123456789012:function:charge"
        );
        assert_eq!(
            task["Parameters"]["Queue"],
            "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
        );
        assert_eq!(task["Parameters"]["Region"], "us-east-1");
    }

    #[test]
    fn json_cloudformation_lists_what_is_missing() {
        let template = r#"{"Resources": {"M": {"Type": "AWS::Serverless::StateMachine", "Properties": {
            "Definition": {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Fn}", "End": true}}},
            "DefinitionSubstitutions": {"Fn": {"Fn::GetAtt": ["F", "Arn"]}}}}}}"#;
        let imported = import(template, &BTreeMap::new()).unwrap();
        assert_eq!(imported.placeholders, ["Fn"]);
        assert!(import("[1, 2]", &BTreeMap::new()).is_err());
        assert!(
            import(r#"{"Resources": {}}"#, &BTreeMap::new())
                .unwrap_err()
                .contains("no AWS::StepFunctions")
        );
    }
}

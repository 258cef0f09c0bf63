//! `inspectionData`: the state's data at each stage, as TestState reports it.

use serde_json::{Map, Value, json};

/// The stages a state went through. Each payload is reported as a JSON string.
#[derive(Clone, Debug, Default)]
pub(super) struct Inspection {
    pub(super) input: Option<Value>,
    pub(super) after_input_path: Option<Value>,
    pub(super) after_parameters: Option<Value>,
    pub(super) after_arguments: Option<Value>,
    pub(super) result: Option<Value>,
    pub(super) after_result_selector: Option<Value>,
    pub(super) after_result_path: Option<Value>,
    pub(super) after_items_path: Option<Value>,
    pub(super) after_item_selector: Option<Value>,
    pub(super) variables: Option<Value>,
    pub(super) error_details: Option<Map<String, Value>>,
    pub(super) max_concurrency: Option<Value>,
    pub(super) tolerated_failure_count: Option<Value>,
    pub(super) tolerated_failure_percentage: Option<Value>,
}

impl Inspection {
    pub(super) fn to_json(&self) -> Value {
        let mut out = Map::new();
        let payloads = [
            ("input", &self.input),
            ("afterInputPath", &self.after_input_path),
            ("afterParameters", &self.after_parameters),
            ("afterArguments", &self.after_arguments),
            ("result", &self.result),
            ("afterResultSelector", &self.after_result_selector),
            ("afterResultPath", &self.after_result_path),
            ("afterItemsPath", &self.after_items_path),
            ("afterItemSelector", &self.after_item_selector),
            ("variables", &self.variables),
        ];
        for (name, value) in payloads {
            if let Some(value) = value {
                out.insert(name.into(), Value::String(value.to_string()));
            }
        }
        if let Some(details) = &self.error_details {
            out.insert("errorDetails".into(), Value::Object(details.clone()));
        }
        let numbers = [
            ("maxConcurrency", &self.max_concurrency),
            ("toleratedFailureCount", &self.tolerated_failure_count),
            (
                "toleratedFailurePercentage",
                &self.tolerated_failure_percentage,
            ),
        ];
        for (name, value) in numbers {
            if let Some(value) = value {
                out.insert(name.into(), value.clone());
            }
        }
        json!(out)
    }
}

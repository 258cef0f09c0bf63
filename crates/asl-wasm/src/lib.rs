//! JavaScript bindings of the ASL Playground engine.
//!
//! Each export converts its arguments, calls [`asl_core::api`], and converts the result; nothing
//! else happens here.
//!
//! ```js
//! import init, { validate } from "./asl_wasm.js";
//! await init();
//! const report = validate(definitionText, { type: "EXPRESS", severity: "WARNING" });
//! // { result: "OK" | "FAIL", diagnostics: [{ severity, code, message, location, line, column }], truncated }
//! ```

use asl_core::api::{self, ValidateOptions};
use asl_core::diag::Severity;
use asl_core::source::Format;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export interface ValidateOptions {
    type?: "STANDARD" | "EXPRESS";
    severity?: "ERROR" | "WARNING";
    maxResults?: number;
    format?: "json" | "yaml";
}
export interface ValidationDiagnostic {
    severity: "ERROR" | "WARNING";
    code: string;
    message: string;
    location?: string;
    line: number;
    column: number;
}
export interface ValidationResponse {
    result: "OK" | "FAIL";
    diagnostics: ValidationDiagnostic[];
    truncated: boolean;
}
"#;

/// The options object JavaScript passes to `validate`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct JsValidateOptions {
    #[serde(rename = "type")]
    machine_type: Option<String>,
    severity: Option<String>,
    max_results: Option<usize>,
    format: Option<String>,
}

impl JsValidateOptions {
    fn into_options(self) -> Result<ValidateOptions, String> {
        let mut options = ValidateOptions::default();
        if let Some(t) = self.machine_type {
            options.machine_type = t.parse()?;
        }
        if let Some(s) = self.severity {
            options.severity = match s.to_ascii_uppercase().as_str() {
                "ERROR" => Severity::Error,
                "WARNING" => Severity::Warning,
                _ => return Err(format!("'{s}' is not a severity: use ERROR or WARNING")),
            };
        }
        if let Some(n) = self.max_results {
            options.max_results = n;
        }
        if let Some(f) = self.format {
            options.format = Some(f.parse::<Format>()?);
        }
        Ok(options)
    }
}

/// Validate a definition; returns AWS's ValidateStateMachineDefinition response shape, each
/// diagnostic with `line` and `column` added (the same JSON as `asl validate --format json`).
#[wasm_bindgen(js_name = validate, unchecked_return_type = "ValidationResponse")]
pub fn validate(
    definition: &str,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let options: JsValidateOptions = if options.is_undefined() || options.is_null() {
        JsValidateOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
    };
    let options = options.into_options().map_err(|e| JsError::new(&e))?;
    to_js(&api::validate(definition, &options).to_aws_json())
}

fn to_js(value: &serde_json::Value) -> Result<JsValue, JsError> {
    use serde::Serialize;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

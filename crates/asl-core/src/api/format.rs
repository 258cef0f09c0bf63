//! Format a definition: JSON pretty-printed with two-space indentation, members in their order.

use crate::source::{self, Format};

/// The definition pretty-printed, or why it cannot be (it does not read, or it is YAML).
pub fn format_definition(text: &str) -> Result<String, String> {
    if source::detect(text) == Format::Yaml {
        return Err("Format works on JSON definitions; this one is YAML".into());
    }
    let read = source::read(text, Some(Format::Json)).map_err(|d| {
        format!(
            "The definition must read as JSON to be formatted: {}",
            d.message
        )
    })?;
    serde_json::to_string_pretty(&read.root.to_value()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_prints_in_member_order() {
        assert_eq!(
            format_definition(r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#)
                .unwrap(),
            "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}"
        );
        assert!(format_definition("{ \"StartAt\": ").is_err());
        assert!(
            format_definition("StartAt: A\n")
                .unwrap_err()
                .contains("YAML")
        );
    }
}

//! The conversion aid in the editor: one state of the definition rewritten in JSONata, in place,
//! the rest of the text untouched.

use super::data_flow::find;
use crate::convert::state_to_jsonata;
use crate::json::{Kind, Node};
use crate::source::{self, Format};

/// The definition with the state `name` written in JSONata, or why it cannot be.
pub fn convert_state(definition: &str, name: &str) -> Result<String, String> {
    let read = source::read(definition, Some(Format::Json))
        .map_err(|d| format!("The definition does not read as JSON: {}", d.message))?;
    let machine_is_jsonata = read
        .root
        .as_object()
        .and_then(|o| o.get("QueryLanguage"))
        .and_then(Node::as_str)
        == Some("JSONata");
    let node = find(&read.root, name)
        .filter(|node| matches!(node.kind, Kind::Object(_)))
        .ok_or_else(|| format!("There is no state named '{name}'"))?;
    let converted = state_to_jsonata(&node.to_value(), machine_is_jsonata)
        .map_err(|why| format!("The state '{name}' cannot be converted: {why}"))?;
    let (start, end) = (node.span.start as usize, node.span.end as usize);
    let line_start = definition[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = definition[line_start..start]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let text = serde_json::to_string_pretty(&converted).unwrap_or_default();
    let text = text.replace('\n', &format!("\n{indent}"));
    Ok(format!(
        "{}{text}{}",
        &definition[..start],
        &definition[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_the_state_in_place() {
        let definition = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"InputPath\": \"$.order\", \"End\": true}\n  }\n}";
        let converted = convert_state(definition, "A").unwrap();
        assert_eq!(
            converted,
            "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true,\n      \"QueryLanguage\": \"JSONata\",\n      \"Output\": \"{% $states.input.order %}\"\n    }\n  }\n}"
        );
        assert!(
            convert_state(definition, "B")
                .unwrap_err()
                .contains("no state named 'B'")
        );
    }
}

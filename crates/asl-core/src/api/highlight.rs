//! What the editor marks inside the definition's strings: JSONata expressions (`{% … %}`) and the
//! paths and intrinsic calls of `.$` fields, so that the code inside the JSON stands out.

use crate::json::{Kind, Node};
use crate::jsonata;
use crate::source;

/// What a marked range holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightKind {
    /// A JSONata expression, `{%` to `%}`.
    Jsonata,
    /// A JSONPath or an intrinsic function call (the value of a `.$` field).
    Path,
}

impl HighlightKind {
    /// `jsonata` or `path` (a CSS class suffix).
    pub fn as_str(self) -> &'static str {
        match self {
            HighlightKind::Jsonata => "jsonata",
            HighlightKind::Path => "path",
        }
    }
}

/// A marked range of the text, in bytes (inside the string's quotes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it holds.
    pub kind: HighlightKind,
}

/// The marks of a definition, in order; none while it does not read as JSON or YAML.
pub fn highlights(text: &str) -> Vec<Highlight> {
    let Ok(definition) = source::read(text, None) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&definition.root, false, text, &mut out);
    out.sort_by_key(|h| h.start);
    out
}

fn walk(node: &Node, dynamic: bool, text: &str, out: &mut Vec<Highlight>) {
    match &node.kind {
        Kind::String(s) => {
            let kind = if jsonata::expression_text(&s.value).is_some() {
                HighlightKind::Jsonata
            } else if dynamic {
                HighlightKind::Path
            } else {
                return;
            };
            let (start, end) = (node.span.start as usize, node.span.end as usize);
            // Inside the quotes, when the text there is quoted.
            let quoted = text.get(start..end).is_some_and(|t| {
                t.len() >= 2
                    && ((t.starts_with('"') && t.ends_with('"'))
                        || (t.starts_with('\'') && t.ends_with('\'')))
            });
            let (start, end) = if quoted {
                (start + 1, end - 1)
            } else {
                (start, end)
            };
            if start < end {
                out.push(Highlight { start, end, kind });
            }
        }
        Kind::Array(items) => items.iter().for_each(|item| walk(item, false, text, out)),
        Kind::Object(object) => {
            for member in &object.members {
                walk(&member.value, member.key.name.ends_with(".$"), text, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_jsonata_and_dynamic_paths_inside_their_quotes() {
        let text =
            r#"{"a.$": "$.x", "b": "{% $states.input %}", "c": "$.literal", "d": ["{% 1 %}"]}"#;
        let marked: Vec<(&str, HighlightKind)> = highlights(text)
            .iter()
            .map(|h| (&text[h.start..h.end], h.kind))
            .collect();
        assert_eq!(
            marked,
            [
                ("$.x", HighlightKind::Path),
                ("{% $states.input %}", HighlightKind::Jsonata),
                ("{% 1 %}", HighlightKind::Jsonata),
            ]
        );
        assert!(highlights("{ not json").is_empty());
    }
}

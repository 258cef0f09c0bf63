//! The JSONata expressions of a JSONata state, checked as AWS checks them when the definition is
//! created: each `{% %}` string must parse (`INVALID_JSONATA_EXPRESSION`, pointed at where
//! JSONata stopped, with JSONata's message without its code), and may not read fields at its top
//! level, where there is no data (`UNSUPPORTED_JSONATA_EXPRESSION`).

use super::Checker;
use crate::diag::{Code, Diagnostic};
use crate::json::pointer::Pointer;
use crate::json::{Kind, Node, Object};
use crate::jsonata::{self, Expression};

impl<'a> Checker<'a> {
    /// Every expression in the state's fields (nested states are checked as states).
    pub(super) fn jsonata_expressions(&mut self, object: &'a Object, at: &Pointer) {
        for member in object.effective() {
            if matches!(&*member.key.name, "ItemProcessor" | "Iterator" | "Branches") {
                continue;
            }
            self.jsonata_node(&member.value, &at.key(&member.key.name));
        }
    }

    fn jsonata_node(&mut self, node: &'a Node, at: &Pointer) {
        match &node.kind {
            Kind::String(s) => {
                if let Some(inner) = jsonata::expression_text(&s.value) {
                    let start = s.value[2..].find(inner).map_or(2, |i| i + 2);
                    self.jsonata_expression(node, inner, start, at);
                }
            }
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.jsonata_node(item, &at.index(i));
                }
            }
            Kind::Object(object) => {
                for member in object.effective() {
                    self.jsonata_node(&member.value, &at.key(&member.key.name));
                }
            }
            _ => {}
        }
    }

    /// One expression: `inner` starts at byte `start` of the string's value.
    fn jsonata_expression(&mut self, node: &Node, inner: &str, start: usize, at: &Pointer) {
        match Expression::parse(inner) {
            Err(error) => {
                let offset = start + error.offset.min(inner.len());
                let span = node.string_subspan(self.source, offset..offset + 1);
                let message = without_code(&error.message);
                self.push(
                    Diagnostic::error(Code::InvalidJsonataExpression, "invalid-jsonata", message)
                        .at(at.as_str())
                        .span(span)
                        .help(format!("In {{% {inner} %}}: {}", error.message)),
                );
            }
            Ok(expression) => {
                for field in expression.top_level_fields() {
                    let offset = inner.find(&*field).map_or(start, |i| start + i);
                    let span = node.string_subspan(self.source, offset..offset + field.len());
                    self.push(
                        Diagnostic::error(
                            Code::UnsupportedJsonataExpression,
                            "jsonata-top-level-field",
                            format!("Reference to '{field}' at the top level is not supported."),
                        )
                        .at(at.as_str())
                        .span(span)
                        .help(format!(
                            "There is no data at the top level of an expression: read the state's input as $states.input.{field}"
                        )),
                    );
                }
            }
        }
    }
}

/// JSONata's message without its code (`S0202: Expected ")"` gives `Expected ")"`), as AWS
/// reports it.
fn without_code(message: &str) -> &str {
    match message.split_once(": ") {
        Some((code, rest)) if code.len() == 5 && code[1..].bytes().all(|b| b.is_ascii_digit()) => {
            rest
        }
        _ => message,
    }
}

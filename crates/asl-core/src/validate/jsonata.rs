//! The JSONata expressions of a JSONata state, checked as AWS checks them when the definition is
//! created: each `{% %}` string must parse (`INVALID_JSONATA_EXPRESSION`, pointed at where
//! JSONata stopped, with JSONata's message without its code), may not read fields at its top
//! level, where there is no data, nor `$states.result` and `$states.errorOutput` where they do
//! not exist (`UNSUPPORTED_JSONATA_EXPRESSION`); and (⚠ reported, not measured) JSONata 2.0.6
//! has no `??` or `?:`.

use super::Checker;
use crate::diag::{Code, Diagnostic};
use crate::json::pointer::Pointer;
use crate::json::{Kind, Node, Object};
use crate::jsonata::{self, Expression};

/// Which `$states` members a field may read besides `input` and `context`.
#[derive(Clone, Copy, Debug, Default)]
struct Available {
    /// `$states.result`: a Task's, Map's or Parallel's own Output and Assign.
    result: bool,
    /// `$states.errorOutput`: a catcher's Output and Assign.
    error_output: bool,
}

impl<'a> Checker<'a> {
    /// Every expression in the state's fields (nested states are checked as states).
    pub(super) fn jsonata_expressions(&mut self, object: &'a Object, at: &Pointer) {
        let produces = matches!(
            object.get("Type").and_then(Node::as_str),
            Some("Task" | "Map" | "Parallel")
        );
        for member in object.effective() {
            let name = &*member.key.name;
            let at = at.key(name);
            match name {
                "ItemProcessor" | "Iterator" | "Branches" => {}
                "Catch" => {
                    for (i, catcher) in member
                        .value
                        .as_array()
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        let Some(catcher) = catcher.as_object() else {
                            continue;
                        };
                        for m in catcher.effective() {
                            let available = Available {
                                result: false,
                                error_output: matches!(&*m.key.name, "Output" | "Assign"),
                            };
                            self.jsonata_node(&m.value, &at.index(i).key(&m.key.name), available);
                        }
                    }
                }
                "Output" | "Assign" => {
                    let available = Available {
                        result: produces,
                        error_output: false,
                    };
                    self.jsonata_node(&member.value, &at, available);
                }
                _ => self.jsonata_node(&member.value, &at, Available::default()),
            }
        }
    }

    fn jsonata_node(&mut self, node: &'a Node, at: &Pointer, available: Available) {
        match &node.kind {
            Kind::String(s) => {
                if let Some(inner) = jsonata::expression_text(&s.value) {
                    let start = s.value[2..].find(inner).map_or(2, |i| i + 2);
                    self.jsonata_expression(node, inner, start, at, available);
                }
            }
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.jsonata_node(item, &at.index(i), available);
                }
            }
            Kind::Object(object) => {
                for member in object.effective() {
                    self.jsonata_node(&member.value, &at.key(&member.key.name), available);
                }
            }
            _ => {}
        }
    }

    /// One expression: `inner` starts at byte `start` of the string's value.
    fn jsonata_expression(
        &mut self,
        node: &Node,
        inner: &str,
        start: usize,
        at: &Pointer,
        available: Available,
    ) {
        match Expression::parse(inner) {
            // The page checks it again once JSONata's module is there.
            Err(error) if error.is_loading() => {}
            Err(error) => {
                let range = error.range_in(inner);
                let span = node.string_subspan(self.source, start + range.start..start + range.end);
                let message = without_code(&error.message);
                self.push(
                    Diagnostic::error(Code::InvalidJsonataExpression, "invalid-jsonata", message)
                        .at(at.as_str())
                        .span(span)
                        .help(format!("In {{% {inner} %}}: {}", error.message)),
                );
            }
            Ok(expression) => {
                let span_of = |text: &str| {
                    let offset = inner.find(text).map_or(start, |i| start + i);
                    node.string_subspan(self.source, offset..offset + text.len())
                };
                for member in expression.states_fields() {
                    let (allowed, where_) = match member.as_str() {
                        "result" => (
                            available.result,
                            "the Output and Assign of a Task, Map or Parallel state",
                        ),
                        "errorOutput" => {
                            (available.error_output, "the Output and Assign of a catcher")
                        }
                        _ => (true, ""),
                    };
                    if !allowed {
                        let text = format!("$states.{member}");
                        let span = span_of(&text);
                        self.push(
                            Diagnostic::error(
                                Code::UnsupportedJsonataExpression,
                                "jsonata-states-member",
                                format!("{text} is not available in this field: only in {where_}."),
                            )
                            .at(at.as_str())
                            .span(span),
                        );
                    }
                }
                for operator in expression.newer_operators() {
                    let span = span_of(&operator);
                    self.push(
                        Diagnostic::error(
                            Code::InvalidJsonataExpression,
                            "jsonata-newer-operator",
                            format!("The operator {operator} is not supported: Step Functions runs JSONata 2.0.6, which does not have it."),
                        )
                        .at(at.as_str())
                        .span(span)
                        .help("Write it with a conditional: ($exists($x) ? $x : default)"),
                    );
                }
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

//! `${Name}` placeholders left from a SAM, CloudFormation or Terraform template: one diagnostic
//! for each string that has them, at the first, saying what they are and how to fill them. In a
//! Task's `Resource` AWS would refuse the definition (an error, in place of "not recognized");
//! anywhere else AWS takes the text literally (a warning). Comments are free text.

use crate::diag::{Code, Diagnostic};
use crate::json::pointer::Pointer;
use crate::json::{Kind, Node};
use crate::placeholder;

/// Every string of the document that still has placeholders.
pub(super) fn check(root: &Node, source: &str, out: &mut Vec<Diagnostic>) {
    walk(root, &Pointer::root(), None, source, out);
}

fn walk(node: &Node, at: &Pointer, key: Option<&str>, source: &str, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        Kind::Object(object) => {
            for member in &object.members {
                let name = &*member.key.name;
                walk(&member.value, &at.key(name), Some(name), source, out);
            }
        }
        Kind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &at.index(i), None, source, out);
            }
        }
        Kind::String(_) if key != Some("Comment") => {
            let Some(text) = node.as_str() else {
                return;
            };
            let found: Vec<_> = placeholder::all(text).collect();
            let Some(first) = found.first() else {
                return;
            };
            let names: Vec<&str> = found.iter().map(|p| p.name).collect();
            let diagnostic = if key == Some("Resource") {
                let message = placeholder::describe(
                    &names,
                    "until it is, AWS does not recognise the resource",
                );
                Diagnostic::error(
                    Code::UnresolvedPlaceholder,
                    "unresolved-placeholder",
                    message,
                )
            } else {
                let message = placeholder::describe(&names, "AWS would take the text as it is");
                Diagnostic::warning(
                    Code::UnresolvedPlaceholder,
                    "unresolved-placeholder",
                    message,
                )
            };
            out.push(
                diagnostic
                    .at(at.as_str())
                    .span(node.string_subspan(source, first.range.clone()))
                    .help(placeholder::HELP),
            );
        }
        _ => {}
    }
}

//! Warnings about the document as a whole.

use crate::diag::{Code, Diagnostic};
use crate::json::pointer::Pointer;
use crate::json::{Kind, Node};

/// Duplicate keys: AWS (Jackson) silently keeps the last one; say so. Duplicate state names are
/// left to the machine walk, which reports them as `DUPLICATE_STATE_NAME`.
pub(super) fn duplicate_fields(root: &Node, out: &mut Vec<Diagnostic>) {
    walk(root, &mut Vec::new(), false, out);
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn pointer(steps: &[Step<'_>]) -> Pointer {
    steps.iter().fold(Pointer::root(), |p, s| match s {
        Step::Key(k) => p.key(k),
        Step::Index(i) => p.index(*i),
    })
}

fn walk<'a>(
    node: &'a Node,
    steps: &mut Vec<Step<'a>>,
    states_block: bool,
    out: &mut Vec<Diagnostic>,
) {
    match &node.kind {
        Kind::Object(object) => {
            if !states_block {
                for member in object.shadowed() {
                    out.push(
                        Diagnostic::warning(
                            Code::DuplicateField,
                            "duplicate-field",
                            format!(
                                "The field '{}' appears more than once; only the last one is used",
                                member.key.name
                            ),
                        )
                        .at(pointer(steps).as_str())
                        .span(member.key.span),
                    );
                }
            }
            let is_machine = object.contains("StartAt");
            for member in &object.members {
                steps.push(Step::Key(&member.key.name));
                let states = is_machine && &*member.key.name == "States";
                walk(&member.value, steps, states, out);
                steps.pop();
            }
        }
        Kind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                steps.push(Step::Index(i));
                walk(item, steps, false, out);
                steps.pop();
            }
        }
        _ => {}
    }
}

//! Workflow variable scopes: the top level, each Parallel branch and each Map processor is a
//! scope. An inner scope reads the variables of the scopes around it but may not assign one of
//! their names (asl-semantics §6.5). The Parallel or Map itself may assign an inner name (its
//! Assign and its catchers' run after the inner scope has ended): AWS accepted that
//! (PARALLEL_CATCH_ERROR_VARIABLE_SAMPLING). ⚠ AWS's wording of the message is not known.

use crate::diag::{Code, Diagnostic};
use crate::json::pointer::Pointer;
use crate::json::{Member, Node, Object};

/// Check every block against the names its enclosing blocks assign.
pub(super) fn scope_conflicts(root: &Node, out: &mut Vec<Diagnostic>) {
    if let Some(machine) = root.as_object() {
        block(machine, &Pointer::root(), &[], out);
    }
}

/// The `Assign` members of a state: its own, its Choice rules' and its catchers'.
fn assigns<'a>(state: &'a Object, at: &Pointer) -> Vec<(&'a Member, Pointer)> {
    let mut found = Vec::new();
    let mut take = |object: &'a Object, at: Pointer| {
        if let Some(assign) = object.get("Assign").and_then(Node::as_object) {
            for member in assign.effective() {
                found.push((member, at.key("Assign").key(&member.key.name)));
            }
        }
    };
    take(state, at.clone());
    for list in ["Choices", "Catch"] {
        let items = state.get(list).and_then(Node::as_array).unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            if let Some(object) = item.as_object() {
                take(object, at.key(list).index(i));
            }
        }
    }
    found
}

fn variable_name(key: &str) -> &str {
    key.strip_suffix(".$").unwrap_or(key)
}

/// One `States` block, inside blocks that assign `outer`.
fn block(machine: &Object, at: &Pointer, outer: &[String], out: &mut Vec<Diagnostic>) {
    let Some(states) = machine.get("States").and_then(Node::as_object) else {
        return;
    };
    let states_at = at.key("States");
    // What each state assigns, by state.
    let mut by_state: Vec<(&str, Vec<String>)> = Vec::new();
    for member in states.effective() {
        let Some(state) = member.value.as_object() else {
            continue;
        };
        let mut names = Vec::new();
        for (assigned, pointer) in assigns(state, &states_at.key(&member.key.name)) {
            let name = variable_name(&assigned.key.name);
            if outer.iter().any(|o| o == name) {
                out.push(
                    Diagnostic::error(
                        Code::SchemaValidationFailed,
                        "variable-assigned-in-inner-scope",
                        format!(
                            "The variable '{name}' is assigned in an enclosing scope: a Parallel branch or Map iteration may read it but not assign it"
                        ),
                    )
                    .at(pointer.as_str())
                    .span(assigned.key.span)
                    .help("Give the inner variable its own name, or assign the outer one after the Parallel or Map (its Assign runs in the outer scope)"),
                );
            }
            names.push(name.to_string());
        }
        by_state.push((&member.key.name, names));
    }
    for member in states.effective() {
        let Some(state) = member.value.as_object() else {
            continue;
        };
        let name = &*member.key.name;
        // The names the inner blocks may not assign: the enclosing blocks' and this block's,
        // except those only this state assigns (they are set after its inner blocks end).
        let mut around: Vec<String> = outer.to_vec();
        for (other, names) in &by_state {
            if *other != name {
                around.extend(names.iter().cloned());
            }
        }
        let state_at = states_at.key(name);
        let branches = state
            .get("Branches")
            .and_then(Node::as_array)
            .unwrap_or_default();
        for (i, branch) in branches.iter().enumerate() {
            if let Some(branch) = branch.as_object() {
                block(branch, &state_at.key("Branches").index(i), &around, out);
            }
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(processor) = state.get(key).and_then(Node::as_object) {
                block(processor, &state_at.key(key), &around, out);
            }
        }
    }
}

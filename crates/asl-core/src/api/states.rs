//! The states of a definition, for pickers and for finding the state under the cursor.

use crate::json::{Kind, Node};
use crate::source;
use crate::text::Span;

/// A state of the definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateInfo {
    /// Its name.
    pub name: String,
    /// Its `Type`, when it has a valid one.
    pub type_name: Option<String>,
    /// Its key and value in the text.
    pub span: Span,
    /// How deep it is: 0 at the top level, 1 in a branch or processor of a top-level state, …
    pub depth: usize,
    /// True when its work gives a result the data flow takes (a Task, Parallel or Map).
    pub takes_result: bool,
    /// True when it is written in JSONata (itself, or the machine it is in).
    pub jsonata: bool,
    /// True for the state the execution starts at (the top level's `StartAt`).
    pub start: bool,
}

/// Every state, in document order, nested ones included. Empty when the text cannot be read.
pub fn states(definition: &str) -> Vec<StateInfo> {
    let mut out = Vec::new();
    if let Ok(read) = source::read(definition, None) {
        collect(&read.root, 0, false, &mut out);
    }
    out
}

fn collect(machine: &Node, depth: usize, inherited_jsonata: bool, out: &mut Vec<StateInfo>) {
    let jsonata_in = |object: Option<&crate::json::Object>, inherited: bool| match object
        .and_then(|o| o.get("QueryLanguage"))
        .and_then(Node::as_str)
    {
        Some("JSONata") => true,
        Some(_) => false,
        None => inherited,
    };
    let block_jsonata = jsonata_in(machine.as_object(), inherited_jsonata);
    let start_at = (depth == 0)
        .then(|| machine.as_object()?.get("StartAt")?.as_str())
        .flatten();
    let Some(states) = machine
        .as_object()
        .and_then(|o| o.get("States"))
        .and_then(Node::as_object)
    else {
        return;
    };
    for member in &states.members {
        let state = member.value.as_object();
        let type_name = state
            .and_then(|o| o.get("Type"))
            .and_then(Node::as_str)
            .map(str::to_string);
        let jsonata = jsonata_in(state, block_jsonata);
        out.push(StateInfo {
            name: member.key.name.to_string(),
            takes_result: matches!(type_name.as_deref(), Some("Task" | "Parallel" | "Map")),
            type_name,
            span: member.key.span.cover(member.value.span),
            depth,
            jsonata,
            start: start_at == Some(&*member.key.name),
        });
        let Some(state) = state else { continue };
        if let Some(Kind::Array(branches)) = state.get("Branches").map(|n| &n.kind) {
            for branch in branches {
                collect(branch, depth + 1, jsonata, out);
            }
        }
        if let Some(processor) = state.get("ItemProcessor").or_else(|| state.get("Iterator")) {
            collect(processor, depth + 1, jsonata, out);
        }
    }
}

/// The innermost state whose text contains the byte `offset`.
pub fn state_at(definition: &str, offset: usize) -> Option<String> {
    states(definition)
        .into_iter()
        .filter(|s| s.span.start as usize <= offset && offset <= s.span.end as usize)
        .max_by_key(|s| s.depth)
        .map(|s| s.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_states_and_the_one_under_the_cursor() {
        let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}], "End": true}}}"#;
        let found = states(text);
        let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["P", "A"]);
        // Only the top level's StartAt starts the execution.
        assert_eq!(
            found.iter().map(|s| s.start).collect::<Vec<_>>(),
            [true, false]
        );
        assert_eq!(
            state_at(text, text.find("\"Pass\"").unwrap()),
            Some("A".into())
        );
        assert_eq!(
            state_at(text, text.find("Branches").unwrap()),
            Some("P".into())
        );
        assert_eq!(state_at(text, 1), None);
    }
}

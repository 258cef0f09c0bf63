//! Each `States` block as a graph: transitions must name a state of the same block, some state
//! must end the block, and every state must be reachable from `StartAt`.

use super::{Checker, messages, suggest};
use crate::diag::{Code, Diagnostic};
use crate::json::Object;
use crate::json::pointer::Pointer;
use crate::text::Span;
use std::collections::HashMap;

/// A `States` block, as the graph checks see it.
#[derive(Debug)]
pub(super) struct Block<'a> {
    /// Where to point for problems of the whole block (its `States` key).
    pub(super) head: Span,
    /// The `StartAt` transition.
    pub(super) start_at: Option<Target<'a>>,
    /// The states, in order.
    pub(super) states: Vec<StateNode<'a>>,
}

/// A state in a block.
#[derive(Debug)]
pub(super) struct StateNode<'a> {
    pub(super) name: &'a str,
    pub(super) at: Pointer,
    /// The state's key.
    pub(super) span: Span,
    /// True when the state can end the block (End, Succeed, Fail).
    pub(super) terminal: bool,
    /// Every transition out of it (Next, Default, Choices[].Next, Catch[].Next).
    pub(super) targets: Vec<Target<'a>>,
}

/// A transition: the name of the state it leads to, and where it is written.
#[derive(Debug)]
pub(super) struct Target<'a> {
    pub(super) name: &'a str,
    pub(super) at: Pointer,
    pub(super) span: Span,
}

impl<'a> Checker<'a> {
    /// The transition written in `object`'s `field` (`Next`, `Default`, `StartAt`), if it is a
    /// string; a value of another type is reported.
    pub(super) fn transition(
        &mut self,
        object: &'a Object,
        field: &str,
        at: &Pointer,
    ) -> Option<Target<'a>> {
        let member = object.member(field)?;
        let at = at.key(field);
        let name = self.string(member, &at)?;
        Some(Target {
            name,
            at,
            span: member.value.span,
        })
    }

    /// Check every block collected during the walk.
    pub(super) fn check_graphs(&mut self) {
        let blocks = std::mem::take(&mut self.blocks);
        for block in &blocks {
            self.check_block(block);
        }
    }

    fn check_block(&mut self, block: &Block<'a>) {
        let index: HashMap<&str, usize> = block
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name, i))
            .collect();
        let transitions = block
            .start_at
            .iter()
            .chain(block.states.iter().flat_map(|s| &s.targets));
        for target in transitions {
            if !index.contains_key(target.name) {
                self.missing_target(target, block);
            }
        }
        if !block.states.iter().any(|s| s.terminal) {
            self.push(
                Diagnostic::error(
                    Code::MissingEndState,
                    "missing-end-state",
                    messages::NO_TERMINAL_STATE,
                )
                .span(block.head)
                .help("End a path with \"End\": true, a Succeed state or a Fail state"),
            );
            return;
        }
        let Some(&start) = block.start_at.as_ref().and_then(|t| index.get(t.name)) else {
            return;
        };
        let mut reached = vec![false; block.states.len()];
        let mut queue = vec![start];
        reached[start] = true;
        while let Some(i) = queue.pop() {
            for target in &block.states[i].targets {
                if let Some(&j) = index.get(target.name)
                    && !reached[j]
                {
                    reached[j] = true;
                    queue.push(j);
                }
            }
        }
        for (state, reached) in block.states.iter().zip(reached) {
            if !reached {
                self.push(
                    Diagnostic::error(
                        Code::MissingTransitionTarget,
                        "unreachable-state",
                        messages::unreachable(state.name),
                    )
                    .at(state.at.as_str())
                    .span(state.span),
                );
            }
        }
    }

    fn missing_target(&mut self, target: &Target<'a>, block: &Block<'a>) {
        let mut diagnostic = Diagnostic::error(
            Code::MissingTransitionTarget,
            "missing-transition-target",
            messages::missing_target(target.name),
        )
        .at(target.at.as_str())
        .span(target.span);
        if let Some(scope) = self.names.get(target.name) {
            let scope = if scope.as_str() == "/" {
                String::from("the top level")
            } else {
                scope.to_string()
            };
            diagnostic = diagnostic.help(format!(
                "'{}' is a state of another scope ({scope}): transitions cannot enter or leave a \
                 Parallel branch or a Map processor",
                target.name
            ));
        } else if let Some(near) =
            suggest::closest(target.name, block.states.iter().map(|s| s.name))
        {
            diagnostic = diagnostic.help(format!("Did you mean '{near}'?"));
        }
        self.push(diagnostic);
    }
}

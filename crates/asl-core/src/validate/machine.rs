//! The machine's top level, and the `States` blocks of the machine, its Parallel branches and its
//! Map processors.

use super::fields::{self, QueryLanguage};
use super::graph::Block;
use super::state::Scope;
use super::{Checker, MachineType, messages};
use crate::diag::{Code, Diagnostic};
use crate::json::pointer::Pointer;
use crate::json::{Member, Node, Object};
use crate::text::Span;

/// The kinds of `States` block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BlockKind {
    /// A Parallel branch.
    Branch,
    /// A Map's ItemProcessor or Iterator.
    Processor,
}

/// A Parallel branch or Map processor waiting to be checked.
#[derive(Debug)]
pub(super) struct PendingBlock<'a> {
    node: &'a Node,
    at: Pointer,
    kind: BlockKind,
    scope: Scope,
}

/// The longest state name AWS accepts, in characters.
const MAX_STATE_NAME: usize = 80;

impl<'a> Checker<'a> {
    pub(super) fn machine(&mut self, root: &'a Node) {
        let Some(object) = root.as_object() else {
            self.push(
                Diagnostic::error(
                    Code::SchemaValidationFailed,
                    "not-an-object",
                    messages::NOT_AN_OBJECT,
                )
                .span(root.span),
            );
            return;
        };
        let at = Pointer::root();
        if let Some(m) = object.member("QueryLanguage")
            && self.enumeration(m, &at.key("QueryLanguage"), &["JSONPath", "JSONata"])
                == Some("JSONata")
        {
            self.machine_language = QueryLanguage::Jsonata;
        }
        self.check_fields(object, &at, &fields::MACHINE, QueryLanguage::JsonPath);
        if let Some(m) = object.member("Comment") {
            self.string(m, &at.key("Comment"));
        }
        if let Some(m) = object.member("Version") {
            self.enumeration(m, &at.key("Version"), &["1.0"]);
        }
        if let Some(m) = object.member("TimeoutSeconds") {
            self.integer(
                m,
                &at.key("TimeoutSeconds"),
                (1, 99_999_999),
                QueryLanguage::JsonPath,
            );
        }
        let scope = Scope {
            lang: self.machine_language,
            express: self.options.machine_type == MachineType::Express,
        };
        let head = self.first_char(root.span);
        self.block(object, head, &at, scope);
        // Nested blocks wait in a queue rather than recursing, so that deeply nested Parallels
        // and Maps cannot exhaust the stack.
        while let Some(pending) = self.pending.pop_front() {
            self.nested_block_node(pending.node, &pending.at, pending.kind, pending.scope);
        }
    }

    /// Queue a Parallel branch or a Map processor; it is checked after the current block.
    pub(super) fn nested_block(
        &mut self,
        node: &'a Node,
        at: Pointer,
        kind: BlockKind,
        scope: Scope,
    ) {
        self.pending.push_back(PendingBlock {
            node,
            at,
            kind,
            scope,
        });
    }

    /// The span of the character at the start of `span` (a place to point at for a whole block).
    fn first_char(&self, span: Span) -> Span {
        let start = span.start as usize;
        let len = self
            .source
            .get(start..)
            .and_then(|s| s.chars().next())
            .map_or(0, char::len_utf8);
        Span::new(start, start + len)
    }

    /// A Parallel branch or a Map processor: its own fields, then its `States` block.
    fn nested_block_node(
        &mut self,
        node: &'a Node,
        at: &Pointer,
        kind: BlockKind,
        mut scope: Scope,
    ) {
        let Some(object) = node.as_object() else {
            self.schema("wrong-type", messages::wrong_type("Object"), at, node.span);
            return;
        };
        let allowed: &[_] = match kind {
            BlockKind::Branch => &fields::BRANCH,
            BlockKind::Processor => &fields::PROCESSOR,
        };
        self.check_fields(object, at, allowed, QueryLanguage::JsonPath);
        if let Some(m) = object.member("Comment") {
            self.string(m, &at.key("Comment"));
        }
        if kind == BlockKind::Branch {
            scope.lang = self.query_language(object, at, scope.lang);
        }
        if let Some(m) = object.member("ProcessorConfig")
            && self.processor_config(m, &at.key("ProcessorConfig"))
        {
            scope.express = true;
        }
        let head = self.first_char(node.span);
        self.block(object, head, at, scope);
    }

    /// `{"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}`. True when the processor's children
    /// run as Express workflows.
    fn processor_config(&mut self, member: &'a Member, at: &Pointer) -> bool {
        let Some(object) = self.object(member, at) else {
            return false;
        };
        let allowed = [
            ("Mode", fields::Lang::Any),
            ("ExecutionType", fields::Lang::Any),
        ];
        self.check_fields(object, at, &allowed, QueryLanguage::JsonPath);
        let mode = object
            .member("Mode")
            .and_then(|m| self.enumeration(m, &at.key("Mode"), &["INLINE", "DISTRIBUTED"]));
        let execution = object
            .member("ExecutionType")
            .and_then(|m| self.enumeration(m, &at.key("ExecutionType"), &["STANDARD", "EXPRESS"]));
        if mode == Some("DISTRIBUTED") && !object.contains("ExecutionType") {
            self.schema(
                "missing-field",
                messages::required(&["ExecutionType"]),
                at,
                member.key.span,
            );
        }
        mode == Some("DISTRIBUTED") && execution == Some("EXPRESS")
    }

    /// `StartAt` and `States`, each state, and the block's graph (checked after the walk).
    fn block(&mut self, object: &'a Object, head: Span, at: &Pointer, scope: Scope) {
        self.require(object, &["States", "StartAt"], at, head);
        let start_at = self.transition(object, "StartAt", at);
        // Without a States object there is no graph to check.
        let Some(states_member) = object.member("States") else {
            return;
        };
        let states_at = at.key("States");
        let Some(states) = self.object(states_member, &states_at) else {
            return;
        };
        self.block_states = Some(states);
        let mut block = Block {
            head: states_member.key.span,
            start_at,
            states: Vec::new(),
        };
        for (index, member) in states.members.iter().enumerate() {
            let state_at = states_at.key(&member.key.name);
            self.register_state_name(member, &state_at, at);
            let shadowed = states.members[index + 1..]
                .iter()
                .any(|m| m.key.name == member.key.name);
            if !shadowed {
                block.states.push(self.state(member, &state_at, scope));
            }
        }
        self.blocks.push(block);
    }

    fn register_state_name(&mut self, member: &'a Member, at: &Pointer, block: &Pointer) {
        let name = &*member.key.name;
        if name.chars().count() > MAX_STATE_NAME {
            self.push(
                Diagnostic::error(
                    Code::InvalidStateName,
                    "state-name-too-long",
                    messages::state_name_too_long(name),
                )
                .at(at.as_str())
                .span(member.key.span),
            );
        }
        match self.names.get(name) {
            Some(first) => {
                let first = if first.as_str() == "/" {
                    String::from("the top level")
                } else {
                    first.to_string()
                };
                self.push(
                    Diagnostic::error(
                        Code::DuplicateStateName,
                        "duplicate-state-name",
                        messages::duplicate_state(name),
                    )
                    .at(at.as_str())
                    .span(member.key.span)
                    .help(format!(
                        "'{name}' is already a state in {first}: names are unique across the whole \
                             machine, Parallel branches and Map processors included"
                    )),
                );
            }
            None => {
                self.names.insert(name, block.clone());
            }
        }
    }
}

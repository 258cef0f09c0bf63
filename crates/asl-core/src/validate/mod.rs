//! Validation of a definition, as AWS's `ValidateStateMachineDefinition` does it.
//!
//! [`validate`] walks the spanned tree once, checking every object against the States Language's
//! rules and collecting every problem (never stopping at the first), then checks each `States`
//! block as a graph: transitions that lead nowhere, states nothing reaches, blocks with no end.

mod choice;
mod fields;
mod graph;
mod handlers;
mod jsonata;
mod machine;
mod map;
mod messages;
mod payload;
mod placeholders;
mod resource;
mod state;
mod suggest;
mod task;
mod values;
mod variables;
mod warnings;

use crate::diag::{Code, Diagnostic};
use crate::json::pointer::Pointer;
use crate::json::{Member, Node, Object};
use crate::text::Span;
use fields::{FieldSpec, QueryLanguage};
use std::collections::{HashMap, VecDeque};

/// Standard or Express: Express machines cannot wait for callbacks, jobs or activities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MachineType {
    /// A Standard workflow.
    #[default]
    Standard,
    /// An Express workflow.
    Express,
}

impl MachineType {
    /// `STANDARD` or `EXPRESS`.
    pub fn as_str(self) -> &'static str {
        match self {
            MachineType::Standard => "STANDARD",
            MachineType::Express => "EXPRESS",
        }
    }
}

impl std::str::FromStr for MachineType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "STANDARD" => Ok(MachineType::Standard),
            "EXPRESS" => Ok(MachineType::Express),
            _ => Err(format!(
                "'{s}' is not a machine type: use STANDARD or EXPRESS"
            )),
        }
    }
}

/// What to validate against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The type of machine the definition is for.
    pub machine_type: MachineType,
}

/// Validate a parsed definition. `source` is the text the tree was read from (for positions
/// inside strings). Diagnostics come in the order found: schema problems in document order, then
/// graph problems.
pub fn validate(root: &Node, source: &str, options: &Options) -> Vec<Diagnostic> {
    let mut checker = Checker {
        source,
        options,
        diagnostics: Vec::new(),
        machine_language: QueryLanguage::JsonPath,
        names: HashMap::new(),
        blocks: Vec::new(),
        pending: VecDeque::new(),
        block_states: None,
        advised_functions: std::collections::HashSet::new(),
        raised: handlers::raised_by_fail_states(root),
    };
    checker.machine(root);
    checker.check_graphs();
    variables::scope_conflicts(root, &mut checker.diagnostics);
    warnings::duplicate_fields(root, &mut checker.diagnostics);
    placeholders::check(root, source, &mut checker.diagnostics);
    checker.diagnostics
}

/// The state of one validation run.
struct Checker<'a> {
    source: &'a str,
    options: &'a Options,
    diagnostics: Vec<Diagnostic>,
    /// The machine's QueryLanguage, which every state inherits (Map and Parallel included).
    machine_language: QueryLanguage,
    /// Every state name seen, with the pointer of the block it is in.
    names: HashMap<&'a str, Pointer>,
    /// The `States` blocks, for the graph checks that run after the walk.
    blocks: Vec<graph::Block<'a>>,
    /// Parallel branches and Map processors still to check.
    pending: VecDeque<machine::PendingBlock<'a>>,
    /// The Lambda functions already advised to be called by version or alias.
    advised_functions: std::collections::HashSet<&'a str>,
    /// The `States` of the block being checked (blocks are checked one at a time).
    block_states: Option<&'a Object>,
    /// The errors the machine's Fail states raise by name: a handler for one of them can fire,
    /// whatever the name (`States.QuorumMet` included).
    raised: std::collections::HashSet<&'a str>,
}

impl<'a> Checker<'a> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// A `SCHEMA_VALIDATION_FAILED` error.
    fn schema(&mut self, rule: &'static str, message: impl Into<String>, at: &Pointer, span: Span) {
        self.push(
            Diagnostic::error(Code::SchemaValidationFailed, rule, message)
                .at(at.as_str())
                .span(span),
        );
    }

    /// A `SCHEMA_VALIDATION_FAILED` error with a hint.
    fn schema_help(
        &mut self,
        rule: &'static str,
        message: impl Into<String>,
        at: &Pointer,
        span: Span,
        help: impl Into<String>,
    ) {
        self.push(
            Diagnostic::error(Code::SchemaValidationFailed, rule, message)
                .at(at.as_str())
                .span(span)
                .help(help),
        );
    }

    /// Report fields that the object does not accept: unknown ones, and those of the other query
    /// language.
    fn check_fields(
        &mut self,
        object: &'a Object,
        at: &Pointer,
        allowed: &[FieldSpec],
        lang: QueryLanguage,
    ) {
        for member in object.effective() {
            let name = &*member.key.name;
            match allowed.iter().find(|(n, _)| *n == name) {
                Some((_, field_lang)) if lang.allows(*field_lang) => {}
                Some(_) => self.schema(
                    "wrong-query-language",
                    messages::wrong_query_language(lang.name(), name, lang.other().name()),
                    at,
                    member.key.span,
                ),
                None => {
                    let known = allowed
                        .iter()
                        .filter(|(_, l)| lang.allows(*l))
                        .map(|(n, _)| *n);
                    let message = messages::not_supported(name);
                    match suggest::closest(name, known) {
                        Some(near) => self.schema_help(
                            "unknown-field",
                            message,
                            at,
                            member.key.span,
                            format!("Did you mean '{near}'?"),
                        ),
                        None => self.schema("unknown-field", message, at, member.key.span),
                    }
                }
            }
        }
    }

    /// Report the fields of `names` that are missing, in one diagnostic.
    fn require(&mut self, object: &Object, names: &[&str], at: &Pointer, span: Span) -> bool {
        let missing: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| !object.contains(n))
            .collect();
        if !missing.is_empty() {
            self.schema("missing-field", messages::required(&missing), at, span);
        }
        missing.is_empty()
    }

    /// Report when more than one of `names` is present; returns how many are.
    fn at_most_one(&mut self, object: &Object, names: &[&str], at: &Pointer) -> usize {
        let present: Vec<&Member> = names.iter().filter_map(|n| object.member(n)).collect();
        if present.len() > 1 {
            let span = present[1].key.span;
            self.schema("exclusive-fields", messages::only_one_of(names), at, span);
        }
        present.len()
    }
}

/// True when `name` is a Choice rule's comparison operator (`StringEquals`, `IsPresent`, …).
pub fn comparison_operator(name: &str) -> bool {
    fields::comparison(name).is_some()
}

/// True for a JSONata expression string: it starts with `{%` and ends with `%}`.
pub(crate) fn is_jsonata(text: &str) -> bool {
    text.len() >= 4 && text.starts_with("{%") && text.ends_with("%}")
}

//! `Retry` and `Catch`.

use super::fields::{self, QueryLanguage};
use super::graph::StateNode;
use super::state::Ctx;
use super::values::PathRule;
use super::{Checker, messages};
use crate::diag::{Code, Diagnostic};
use crate::json::pointer::Pointer;
use crate::json::{Member, Node};
use crate::text::Span;

/// The errors Step Functions itself raises (the ASL spec's predefined error codes).
const PREDEFINED_ERRORS: [&str; 16] = [
    "States.ALL",
    "States.BranchFailed",
    "States.DataLimitExceeded",
    "States.ExceedToleratedFailureThreshold",
    "States.HeartbeatTimeout",
    "States.IntrinsicFailure",
    "States.ItemReaderFailed",
    "States.NoChoiceMatched",
    "States.ParameterPathFailure",
    "States.Permissions",
    "States.QueryEvaluationError",
    "States.ResultPathMatchFailure",
    "States.ResultWriterFailed",
    "States.Runtime",
    "States.TaskFailed",
    "States.Timeout",
];

/// The `Error` names the Fail states of a machine raise, at any depth (a Fail state in a branch
/// fails the Parallel with its error).
pub(super) fn raised_by_fail_states(root: &Node) -> std::collections::HashSet<&str> {
    let mut raised = std::collections::HashSet::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            crate::json::Kind::Object(object) => {
                if object.get("Type").and_then(Node::as_str) == Some("Fail")
                    && let Some(error) = object.get("Error").and_then(Node::as_str)
                {
                    raised.insert(error);
                }
                stack.extend(object.members.iter().map(|m| &m.value));
            }
            crate::json::Kind::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    raised
}

/// One retrier or catcher's error names, for the "can never fire" checks.
struct Handler<'a> {
    names: Vec<(&'a str, Span)>,
    at: Pointer,
    span: Span,
}

impl<'a> Checker<'a> {
    /// A state's `Retry` and `Catch`.
    pub(super) fn handlers(&mut self, ctx: &Ctx<'a, '_>, node: &mut StateNode<'a>) {
        if let Some(m) = ctx.object.member("Retry") {
            self.retriers(m, &ctx.at.key("Retry"));
        }
        if let Some(m) = ctx.object.member("Catch") {
            self.catchers(m, ctx, node);
        }
    }

    fn retriers(&mut self, member: &'a Member, at: &Pointer) {
        let Some(items) = self.array(member, at) else {
            return;
        };
        let mut handlers = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = at.index(i);
            let Some(object) = self.item_object(item, &at) else {
                continue;
            };
            self.check_fields(object, &at, &fields::RETRIER, QueryLanguage::JsonPath);
            if let Some(names) =
                self.error_equals(object, item, &at, i + 1 == items.len(), "retrier")
            {
                handlers.push(Handler {
                    names,
                    at: at.clone(),
                    span: item.span,
                });
            }
            let int = |c: &mut Self, field: &str, range| {
                if let Some(m) = object.member(field) {
                    c.integer(m, &at.key(field), range, QueryLanguage::JsonPath);
                }
            };
            int(self, "IntervalSeconds", (1, 99_999_999));
            int(self, "MaxAttempts", (0, 99_999_999));
            int(self, "MaxDelaySeconds", (1, 31_622_400));
            if let Some(m) = object.member("BackoffRate") {
                self.number(
                    m,
                    &at.key("BackoffRate"),
                    ((1.0, "1.0"), (f64::MAX, "")),
                    QueryLanguage::JsonPath,
                );
            }
            if let Some(m) = object.member("JitterStrategy") {
                self.enumeration(m, &at.key("JitterStrategy"), &["FULL", "NONE"]);
            }
            if let Some(m) = object.member("Comment") {
                self.string(m, &at.key("Comment"));
            }
        }
        self.unreachable_handlers(&handlers, ("retrier", "Retry"), "retried");
    }

    fn catchers(&mut self, member: &'a Member, ctx: &Ctx<'a, '_>, node: &mut StateNode<'a>) {
        let at = ctx.at.key("Catch");
        let Some(items) = self.array(member, &at) else {
            return;
        };
        let mut handlers = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = at.index(i);
            let Some(object) = self.item_object(item, &at) else {
                continue;
            };
            self.check_fields(object, &at, &fields::CATCHER, ctx.lang);
            if let Some(names) =
                self.error_equals(object, item, &at, i + 1 == items.len(), "catcher")
            {
                handlers.push(Handler {
                    names,
                    at: at.clone(),
                    span: item.span,
                });
            }
            if self.require(object, &["Next"], &at, item.span) {
                node.targets.extend(self.transition(object, "Next", &at));
            }
            if let Some(m) = object.member("Assign") {
                self.assign(m, &at.key("Assign"), ctx.lang);
            }
            if let Some(m) = object.member("Comment") {
                self.string(m, &at.key("Comment"));
            }
            if ctx.lang == QueryLanguage::JsonPath {
                let result_path = object.member("ResultPath");
                if let Some(m) = result_path {
                    self.path_field(m, &at.key("ResultPath"), PathRule::ResultPath);
                }
                if result_path.is_none_or(|m| m.value.as_str() == Some("$"))
                    && !self.ends_at_once(object)
                {
                    self.catch_replaces_input(result_path, &at, item.span);
                }
            }
        }
        self.unreachable_handlers(&handlers, ("catcher", "Catch"), "caught");
    }

    /// True when the catcher goes to a Fail or Succeed state: nothing after it reads the input
    /// the error output replaced.
    fn ends_at_once(&self, catcher: &crate::json::Object) -> bool {
        let next = catcher.get("Next").and_then(Node::as_str);
        let target = next.and_then(|n| self.block_states?.get(n));
        matches!(
            target
                .and_then(Node::as_object)
                .and_then(|t| t.get("Type"))
                .and_then(Node::as_str),
            Some("Fail" | "Succeed")
        )
    }

    fn item_object(&mut self, item: &'a Node, at: &Pointer) -> Option<&'a crate::json::Object> {
        let object = item.as_object();
        if object.is_none() {
            self.schema("wrong-type", messages::wrong_type("Object"), at, item.span);
        }
        object
    }

    /// `ErrorEquals`: required, a non-empty array of strings, `States.ALL` alone and last.
    fn error_equals(
        &mut self,
        object: &'a crate::json::Object,
        item: &'a Node,
        at: &Pointer,
        last: bool,
        kind: &str,
    ) -> Option<Vec<(&'a str, Span)>> {
        if !self.require(object, &["ErrorEquals"], at, item.span) {
            return None;
        }
        let member = object.member("ErrorEquals")?;
        let field_at = at.key("ErrorEquals");
        let items = self.non_empty_array(member, &field_at)?;
        let mut names = Vec::new();
        for (i, node) in items.iter().enumerate() {
            match node.as_str() {
                Some(name) => names.push((name, node.span)),
                None => self.schema(
                    "wrong-type",
                    messages::wrong_type("String"),
                    &field_at.index(i),
                    node.span,
                ),
            }
        }
        if let Some(&(_, span)) = names.iter().find(|(n, _)| *n == "States.ALL") {
            if names.len() > 1 {
                self.schema(
                    "states-all-not-alone",
                    messages::STATES_ALL_ALONE,
                    &field_at,
                    span,
                );
            } else if !last {
                self.schema(
                    "states-all-not-last",
                    messages::states_all_last(kind),
                    &field_at,
                    span,
                );
            }
        }
        Some(names)
    }

    /// Warnings for retriers and catchers that can never fire.
    fn unreachable_handlers(
        &mut self,
        handlers: &[Handler<'a>],
        (kind, field): (&str, &str),
        verb: &str,
    ) {
        for (i, handler) in handlers.iter().enumerate() {
            for &(name, span) in &handler.names {
                if name.starts_with("States.")
                    && !PREDEFINED_ERRORS.contains(&name)
                    && !self.raised.contains(name)
                {
                    let mut d = Diagnostic::warning(
                        Code::UnreachableHandler,
                        "unknown-states-error",
                        format!("'{name}' is not an error Step Functions raises: this name never matches"),
                    )
                    .at(handler.at.key("ErrorEquals").as_str())
                    .span(span);
                    if let Some(near) = super::suggest::closest(name, PREDEFINED_ERRORS) {
                        d = d.help(format!("Did you mean '{near}'?"));
                    }
                    self.push(d);
                }
            }
            let real: Vec<&str> = handler.names.iter().map(|(n, _)| *n).collect();
            if !real.is_empty() && real.iter().all(|n| *n == "States.Runtime") {
                self.push(
                    Diagnostic::warning(
                        Code::UnreachableHandler,
                        "runtime-never-handled",
                        format!(
                            "This {kind} can never fire: States.Runtime errors are never {verb}"
                        ),
                    )
                    .at(handler.at.as_str())
                    .span(handler.span),
                );
                continue;
            }
            let covered_by = |name: &str| {
                handlers[..i].iter().position(|earlier| {
                    earlier.names.iter().any(|&(e, _)| {
                        e == name
                            || (e == "States.ALL" && name != "States.Runtime")
                            || (e == "States.TaskFailed" && !name.starts_with("States."))
                    })
                })
            };
            let earlier: Option<Vec<usize>> = real.iter().map(|n| covered_by(n)).collect();
            if let (false, Some(earlier)) = (real.is_empty(), earlier) {
                let first = earlier.into_iter().max().unwrap_or(0);
                self.push(
                    Diagnostic::warning(
                        Code::UnreachableHandler,
                        "unreachable-handler",
                        format!(
                            "This {kind} can never fire: every error it names is matched first by \
                             {field}[{first}]"
                        ),
                    )
                    .at(handler.at.as_str())
                    .span(handler.span)
                    .help(format!("Only the first matching {kind} handles an error; reorder them or merge this one")),
                );
            }
        }
    }

    fn catch_replaces_input(&mut self, result_path: Option<&Member>, at: &Pointer, span: Span) {
        let span = result_path.map_or(span, |m| m.value.span);
        self.push(
            Diagnostic::warning(
                Code::CatchReplacesInput,
                "catch-replaces-input",
                "With this catcher, the next state's input is only the error output {\"Error\", \
                 \"Cause\"}: the state's original input is discarded",
            )
            .at(at.as_str())
            .span(span)
            .help("Set \"ResultPath\": \"$.error\" to keep the input and add the error to it"),
        );
    }
}

//! One state: its type, its fields, its transitions.

use super::fields::{self, QueryLanguage};
use super::graph::{StateNode, Target};
use super::machine::BlockKind;
use super::values::PathRule;
use super::{Checker, is_jsonata, messages};
use crate::intrinsic;
use crate::json::pointer::Pointer;
use crate::json::{Member, Object};
use crate::path;
use crate::text::Span;
use crate::timestamp;

/// What a state inherits from where it is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scope {
    /// The query language of states that do not set one.
    pub(super) lang: QueryLanguage,
    /// True in an Express machine, or in the processor of a Distributed Map whose children run as
    /// Express workflows.
    pub(super) express: bool,
}

/// What the type-specific checks know about the state.
pub(super) struct Ctx<'a, 's> {
    pub(super) object: &'a Object,
    pub(super) at: &'s Pointer,
    pub(super) lang: QueryLanguage,
    pub(super) scope: Scope,
    /// The state's key, for problems of the whole state.
    pub(super) head: Span,
}

impl<'a> Checker<'a> {
    pub(super) fn state(
        &mut self,
        member: &'a Member,
        at: &Pointer,
        scope: Scope,
    ) -> StateNode<'a> {
        let mut node = StateNode {
            name: &member.key.name,
            at: at.clone(),
            span: member.key.span,
            terminal: false,
            targets: Vec::new(),
        };
        let Some(object) = self.object(member, at) else {
            node.terminal = true;
            return node;
        };
        let ty = match object.member("Type") {
            None => {
                self.schema(
                    "missing-field",
                    messages::required(&["Type"]),
                    at,
                    member.key.span,
                );
                None
            }
            Some(m) => self.enumeration(m, &at.key("Type"), &fields::STATE_TYPES),
        };
        let lang = self.query_language(object, at, scope.lang);
        let Some(ty) = ty else {
            // An unknown type: follow its Next anyway, and let it end the block, so that the graph
            // checks do not pile consequences on the one real problem.
            node.terminal = true;
            if let Some(next) = object.member("Next")
                && let Some(name) = next.value.as_str()
            {
                node.targets.push(Target {
                    name,
                    at: at.key("Next"),
                    span: next.value.span,
                });
            }
            return node;
        };
        self.check_fields(object, at, &fields::state_fields(ty), lang);
        if lang == QueryLanguage::Jsonata {
            self.jsonata_expressions(object, at);
        }
        let ctx = Ctx {
            object,
            at,
            lang,
            scope,
            head: member.key.span,
        };
        if let Some(m) = object.member("Comment") {
            self.string(m, &at.key("Comment"));
        }
        for field in ["InputPath", "OutputPath"] {
            if let Some(m) = object
                .member(field)
                .filter(|_| lang == QueryLanguage::JsonPath)
            {
                self.path_field(m, &at.key(field), PathRule::Path);
            }
        }
        if let Some(m) = object.member("Assign") {
            self.assign(m, &at.key("Assign"), lang);
        }
        if matches!(ty, "Task" | "Pass" | "Wait" | "Parallel" | "Map") {
            self.next_or_end(&ctx, &mut node);
        }
        match ty {
            "Task" => self.task(&ctx, &mut node),
            "Pass" => self.pass(&ctx),
            "Wait" => self.wait(&ctx),
            "Choice" => self.choice(&ctx, &mut node),
            "Succeed" => node.terminal = true,
            "Fail" => {
                node.terminal = true;
                self.fail(&ctx);
            }
            "Parallel" => self.parallel(&ctx, &mut node),
            "Map" => self.map(&ctx, &mut node),
            _ => {}
        }
        node
    }

    /// The QueryLanguage an object (a state, a Parallel branch) sets, or the one it inherits. A
    /// JSONata machine's states cannot go back to JSONPath.
    pub(super) fn query_language(
        &mut self,
        object: &'a Object,
        at: &Pointer,
        inherited: QueryLanguage,
    ) -> QueryLanguage {
        let Some(m) = object.member("QueryLanguage") else {
            return inherited;
        };
        match self.enumeration(m, &at.key("QueryLanguage"), &["JSONPath", "JSONata"]) {
            Some("JSONata") => QueryLanguage::Jsonata,
            Some(_) if self.machine_language == QueryLanguage::Jsonata => {
                self.schema(
                    "query-language-downgrade",
                    messages::QUERY_LANGUAGE_DOWNGRADE,
                    at,
                    m.key.span,
                );
                QueryLanguage::Jsonata
            }
            Some(_) => QueryLanguage::JsonPath,
            None => inherited,
        }
    }

    /// Exactly one of `Next` and `End: true`.
    fn next_or_end(&mut self, ctx: &Ctx<'a, '_>, node: &mut StateNode<'a>) {
        let next = ctx.object.member("Next");
        let end = ctx.object.member("End");
        let ends = end
            .and_then(|m| self.boolean(m, &ctx.at.key("End")))
            .unwrap_or(false);
        match (next, ends) {
            (Some(next), true) => {
                let span = end.map_or(next.key.span, |e| e.key.span);
                self.schema_help(
                    "next-and-end",
                    messages::only_one_of(&["Next", "End"]),
                    ctx.at,
                    span,
                    "A state either moves on (Next) or ends its block (End: true), not both",
                );
            }
            (None, false) => self.schema(
                "missing-next-or-end",
                messages::exactly_one_of(&["Next", "End"]),
                ctx.at,
                ctx.head,
            ),
            _ => {}
        }
        node.targets
            .extend(self.transition(ctx.object, "Next", ctx.at));
        node.terminal = ends;
    }

    fn pass(&mut self, ctx: &Ctx<'a, '_>) {
        if ctx.lang == QueryLanguage::JsonPath {
            if let Some(m) = ctx.object.member("Parameters") {
                self.template(m, &ctx.at.key("Parameters"));
            }
            if let Some(m) = ctx.object.member("Result") {
                self.static_result(m, &ctx.at.key("Result"));
            }
            if let Some(m) = ctx.object.member("ResultPath") {
                self.path_field(m, &ctx.at.key("ResultPath"), PathRule::ResultPath);
            }
        }
    }

    fn wait(&mut self, ctx: &Ctx<'a, '_>) {
        let (object, at) = (ctx.object, ctx.at);
        let timing: &[&str] = match ctx.lang {
            QueryLanguage::JsonPath => &["SecondsPath", "Seconds", "TimestampPath", "Timestamp"],
            QueryLanguage::Jsonata => &["Seconds", "Timestamp"],
        };
        if self.at_most_one(object, timing, at) == 0 {
            self.schema(
                "missing-wait-time",
                messages::exactly_one_of(timing),
                at,
                ctx.head,
            );
        }
        if let Some(m) = object.member("Seconds") {
            self.integer(m, &at.key("Seconds"), (0, 99_999_999), ctx.lang);
        }
        if let Some(m) = object.member("Timestamp") {
            let expression =
                ctx.lang == QueryLanguage::Jsonata && m.value.as_str().is_some_and(is_jsonata);
            if !expression
                && let Some(text) = self.string(m, &at.key("Timestamp"))
                && timestamp::parse_rfc3339(text).is_none()
            {
                self.schema(
                    "invalid-timestamp",
                    messages::NOT_RFC3339,
                    &at.key("Timestamp"),
                    m.value.span,
                );
            }
        }
        if ctx.lang == QueryLanguage::JsonPath {
            for field in ["SecondsPath", "TimestampPath"] {
                if let Some(m) = object.member(field) {
                    self.path_field(m, &at.key(field), PathRule::Numeric);
                }
            }
        }
    }

    fn fail(&mut self, ctx: &Ctx<'a, '_>) {
        let (object, at) = (ctx.object, ctx.at);
        for (plain, path) in [("Error", "ErrorPath"), ("Cause", "CausePath")] {
            self.at_most_one(object, &[plain, path], at);
            if let Some(m) = object.member(plain) {
                self.string(m, &at.key(plain));
            }
            if let Some(m) = object
                .member(path)
                .filter(|_| ctx.lang == QueryLanguage::JsonPath)
            {
                self.error_path(m, &at.key(path));
            }
        }
    }

    /// Fail `ErrorPath` / `CausePath`: a Reference Path (variables and `$$` allowed) or an
    /// intrinsic function that returns a string.
    fn error_path(&mut self, member: &'a Member, at: &Pointer) {
        let field = &*member.key.name;
        let Some(text) = self.string(member, at) else {
            return;
        };
        let node = &member.value;
        let problem = if intrinsic::looks_like_call(text) {
            match intrinsic::parse(text) {
                Err(e) => Some((node.string_subspan(self.source, e.range), e.message)),
                Ok(call) if !call.function.returns_string() => Some((
                    node.span,
                    format!("{} does not return a string", call.function.name()),
                )),
                Ok(_) => None,
            }
        } else {
            match path::parse(text) {
                Err(e) => Some((node.string_subspan(self.source, e.range), e.message)),
                Ok(p) if !p.is_reference_path() => Some((
                    node.span,
                    "a Reference Path identifies a single node".to_string(),
                )),
                Ok(_) => None,
            }
        };
        if let Some((span, help)) = problem {
            self.schema_help(
                "invalid-error-path",
                messages::invalid_error_path(field),
                at,
                span,
                help,
            );
        }
    }

    fn parallel(&mut self, ctx: &Ctx<'a, '_>, node: &mut StateNode<'a>) {
        let (object, at) = (ctx.object, ctx.at);
        self.require(object, &["Branches"], at, ctx.head);
        if let Some(m) = object.member("Branches") {
            let branches_at = at.key("Branches");
            if let Some(branches) = self.non_empty_array(m, &branches_at) {
                let scope = Scope {
                    lang: self.machine_language,
                    ..ctx.scope
                };
                for (i, branch) in branches.iter().enumerate() {
                    self.nested_block(branch, branches_at.index(i), BlockKind::Branch, scope);
                }
            }
        }
        self.result_fields(ctx, "Parameters");
        self.handlers(ctx, node);
    }

    /// The fields shared by Task, Parallel and Map: input template (`Parameters`/`ItemSelector`,
    /// or `Arguments`), `ResultSelector`, `ResultPath`.
    pub(super) fn result_fields(&mut self, ctx: &Ctx<'a, '_>, template: &str) {
        let (object, at) = (ctx.object, ctx.at);
        match ctx.lang {
            QueryLanguage::JsonPath => {
                for field in [template, "ResultSelector"] {
                    if let Some(m) = object.member(field) {
                        self.template(m, &at.key(field));
                    }
                }
                if let Some(m) = object.member("ResultPath") {
                    self.path_field(m, &at.key("ResultPath"), PathRule::ResultPath);
                }
            }
            QueryLanguage::Jsonata => {
                if let Some(m) = object.member("Arguments") {
                    self.object_or_expression(m, &at.key("Arguments"));
                }
            }
        }
    }

    /// A JSONata field that must be an object or a `{% %}` expression.
    pub(super) fn object_or_expression(&mut self, member: &'a Member, at: &Pointer) {
        if !member.value.as_str().is_some_and(is_jsonata) {
            self.object(member, at);
        }
    }
}

//! Choice states and their rules.

use super::fields::{self, Operand, QueryLanguage};
use super::graph::StateNode;
use super::state::Ctx;
use super::values::PathRule;
use super::{Checker, is_jsonata, messages};
use crate::json::pointer::Pointer;
use crate::json::{Member, Node};
use crate::timestamp;

const COMBINATORS: [&str; 4] = ["And", "Or", "Not", "Variable"];

impl<'a> Checker<'a> {
    pub(super) fn choice(&mut self, ctx: &Ctx<'a, '_>, node: &mut StateNode<'a>) {
        let (object, at) = (ctx.object, ctx.at);
        self.require(object, &["Choices"], at, ctx.head);
        if let Some(m) = object.member("Choices") {
            let choices_at = at.key("Choices");
            if let Some(rules) = self.non_empty_array(m, &choices_at) {
                for (i, rule) in rules.iter().enumerate() {
                    self.rule(rule, &choices_at.index(i), ctx.lang, Some(&mut *node));
                }
            }
        }
        node.targets.extend(self.transition(object, "Default", at));
    }

    /// A rule. `state` is `Some` for a top-level rule (which must have `Next`), `None` for a rule
    /// nested in `And`, `Or` or `Not`.
    fn rule(
        &mut self,
        rule: &'a Node,
        at: &Pointer,
        lang: QueryLanguage,
        state: Option<&mut StateNode<'a>>,
    ) {
        let Some(object) = rule.as_object() else {
            self.schema("wrong-type", messages::wrong_type("Object"), at, rule.span);
            return;
        };
        let top = state.is_some();
        let mut allowed: Vec<fields::FieldSpec> = vec![("Comment", fields::Lang::Any)];
        if top {
            allowed.extend([
                ("Next", fields::Lang::Any),
                ("Assign", fields::Lang::Any),
                ("Output", fields::Lang::Jsonata),
            ]);
        }
        allowed.push(("Condition", fields::Lang::Jsonata));
        allowed.extend(COMBINATORS.iter().map(|c| (*c, fields::Lang::JsonPath)));
        allowed.extend(
            fields::COMPARISONS
                .iter()
                .map(|(c, _)| (*c, fields::Lang::JsonPath)),
        );
        self.check_fields(object, at, &allowed, lang);

        match lang {
            QueryLanguage::Jsonata => {
                if self.require(object, &["Condition"], at, rule.span)
                    && let Some(m) = object.member("Condition")
                    && !(m.value.as_bool().is_some() || m.value.as_str().is_some_and(is_jsonata))
                {
                    self.schema(
                        "wrong-type",
                        messages::wrong_type("Boolean"),
                        &at.key("Condition"),
                        m.value.span,
                    );
                }
            }
            QueryLanguage::JsonPath => self.data_test(object, rule, at, lang),
        }

        if let Some(state) = state {
            if self.require(object, &["Next"], at, rule.span) {
                state.targets.extend(self.transition(object, "Next", at));
            }
            if let Some(m) = object.member("Assign") {
                self.assign(m, &at.key("Assign"), lang);
            }
        }
    }

    /// A JSONPath rule: a combinator (`And`, `Or`, `Not`) or `Variable` with one comparison.
    fn data_test(
        &mut self,
        object: &'a crate::json::Object,
        rule: &'a Node,
        at: &Pointer,
        lang: QueryLanguage,
    ) {
        let comparisons: Vec<&Member> = object
            .effective()
            .filter(|m| fields::comparison(&m.key.name).is_some())
            .collect();
        let kinds = COMBINATORS.iter().filter(|c| object.contains(c)).count();
        if kinds > 1 {
            self.at_most_one(object, &COMBINATORS, at);
        } else if kinds == 0 {
            if comparisons.is_empty() {
                self.schema(
                    "missing-choice-rule",
                    messages::exactly_one_of(&COMBINATORS),
                    at,
                    rule.span,
                );
            } else {
                self.schema(
                    "missing-field",
                    messages::required(&["Variable"]),
                    at,
                    rule.span,
                );
            }
        }
        for combinator in ["And", "Or"] {
            if let Some(m) = object.member(combinator) {
                let list_at = at.key(combinator);
                if let Some(rules) = self.non_empty_array(m, &list_at) {
                    for (i, nested) in rules.iter().enumerate() {
                        self.rule(nested, &list_at.index(i), lang, None);
                    }
                }
            }
        }
        if let Some(m) = object.member("Not") {
            self.rule(&m.value, &at.key("Not"), lang, None);
        }
        if let Some(m) = object.member("Variable") {
            self.path_field(m, &at.key("Variable"), PathRule::Path);
            if comparisons.is_empty() {
                let names: Vec<&str> = fields::COMPARISONS.iter().map(|(n, _)| *n).collect();
                self.schema_help(
                    "missing-comparison",
                    messages::exactly_one_of(&names),
                    at,
                    m.key.span,
                    "Compare the Variable with an operator such as StringEquals, NumericGreaterThan or IsPresent",
                );
            }
        }
        if comparisons.len() > 1 {
            let names: Vec<&str> = comparisons.iter().map(|m| &*m.key.name).collect();
            self.schema(
                "exclusive-fields",
                messages::only_one_of(&names),
                at,
                comparisons[1].key.span,
            );
        }
        for m in comparisons {
            self.comparison_operand(m, &at.key(&m.key.name));
        }
    }

    fn comparison_operand(&mut self, member: &'a Member, at: &Pointer) {
        let Some(operand) = fields::comparison(&member.key.name) else {
            return;
        };
        match operand {
            Operand::Boolean => {
                self.boolean(member, at);
            }
            Operand::Number => {
                if member.value.as_number().is_none() {
                    self.schema(
                        "wrong-type",
                        messages::wrong_type("Number"),
                        at,
                        member.value.span,
                    );
                }
            }
            Operand::String => {
                self.string(member, at);
            }
            Operand::Timestamp => {
                if let Some(text) = self.string(member, at)
                    && timestamp::parse_rfc3339(text).is_none()
                {
                    self.schema(
                        "invalid-timestamp",
                        messages::NOT_RFC3339,
                        at,
                        member.value.span,
                    );
                }
            }
            Operand::Path => {
                self.path_field(member, at, PathRule::Path);
            }
        }
    }
}

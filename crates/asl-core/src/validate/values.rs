//! Typed readers for field values: each returns the value when it has the right type and range,
//! and reports a diagnostic when it does not.

use super::fields::QueryLanguage;
use super::{Checker, is_jsonata, messages};
use crate::json::pointer::Pointer;
use crate::json::{Member, Node, Object};
use crate::path::{self, Path, Root};

/// The kinds of path a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PathRule {
    /// `InputPath`, `OutputPath`, Choice `Variable`: any path, `$$` and variables included.
    Path,
    /// `ResultPath`: a Reference Path into the state's data (no `$$`, no variable).
    ResultPath,
    /// `ItemsPath`: a Reference Path, `$$` and variables included.
    ItemsPath,
    /// `SecondsPath` and the other numeric `…Path` fields: a Reference Path or a variable.
    Numeric,
}

impl<'a> Checker<'a> {
    fn wrong_type(&mut self, expected: &str, node: &Node, at: &Pointer) {
        self.schema("wrong-type", messages::wrong_type(expected), at, node.span);
    }

    /// A string.
    pub(super) fn string(&mut self, member: &'a Member, at: &Pointer) -> Option<&'a str> {
        let value = member.value.as_str();
        if value.is_none() {
            self.wrong_type("String", &member.value, at);
        }
        value
    }

    /// A boolean.
    pub(super) fn boolean(&mut self, member: &'a Member, at: &Pointer) -> Option<bool> {
        let value = member.value.as_bool();
        if value.is_none() {
            self.wrong_type("Boolean", &member.value, at);
        }
        value
    }

    /// An object.
    pub(super) fn object(&mut self, member: &'a Member, at: &Pointer) -> Option<&'a Object> {
        let value = member.value.as_object();
        if value.is_none() {
            self.wrong_type("Object", &member.value, at);
        }
        value
    }

    /// An array.
    pub(super) fn array(&mut self, member: &'a Member, at: &Pointer) -> Option<&'a [Node]> {
        let value = member.value.as_array();
        if value.is_none() {
            self.wrong_type("Array", &member.value, at);
        }
        value
    }

    /// A non-empty array.
    pub(super) fn non_empty_array(
        &mut self,
        member: &'a Member,
        at: &Pointer,
    ) -> Option<&'a [Node]> {
        let items = self.array(member, at)?;
        if items.is_empty() {
            self.schema("empty-array", messages::EMPTY, at, member.value.span);
            return None;
        }
        Some(items)
    }

    /// An integer in `min..=max`. In a JSONata state, a `{% %}` expression is accepted too (and
    /// gives `None`: its value is known only at run time).
    pub(super) fn integer(
        &mut self,
        member: &'a Member,
        at: &Pointer,
        (min, max): (i64, i64),
        lang: QueryLanguage,
    ) -> Option<i64> {
        if lang == QueryLanguage::Jsonata && member.value.as_str().is_some_and(is_jsonata) {
            return None;
        }
        let Some(number) = member.value.as_number().filter(|n| n.is_integer_literal()) else {
            self.wrong_type("Integer", &member.value, at);
            return None;
        };
        let span = member.value.span;
        match number.as_i64() {
            Some(n) if n < min => self.schema(
                "out-of-range",
                messages::minimum(&min.to_string()),
                at,
                span,
            ),
            Some(n) if n <= max => return Some(n),
            Some(_) => self.schema(
                "out-of-range",
                messages::maximum(&max.to_string()),
                at,
                span,
            ),
            None if number.raw().starts_with('-') => {
                self.schema(
                    "out-of-range",
                    messages::minimum(&min.to_string()),
                    at,
                    span,
                );
            }
            None => self.schema(
                "out-of-range",
                messages::maximum(&max.to_string()),
                at,
                span,
            ),
        }
        None
    }

    /// A number in `min..=max` (the bounds as AWS prints them, e.g. `"0.0"`).
    pub(super) fn number(
        &mut self,
        member: &'a Member,
        at: &Pointer,
        (min, max): ((f64, &str), (f64, &str)),
        lang: QueryLanguage,
    ) -> Option<f64> {
        if lang == QueryLanguage::Jsonata && member.value.as_str().is_some_and(is_jsonata) {
            return None;
        }
        let Some(number) = member.value.as_number() else {
            self.wrong_type("Number", &member.value, at);
            return None;
        };
        let n = number.as_f64();
        let span = member.value.span;
        if n < min.0 {
            self.schema("out-of-range", messages::minimum(min.1), at, span);
        } else if n > max.0 {
            self.schema("out-of-range", messages::maximum(max.1), at, span);
        } else {
            return Some(n);
        }
        None
    }

    /// A string among `values`.
    pub(super) fn enumeration(
        &mut self,
        member: &'a Member,
        at: &Pointer,
        values: &[&str],
    ) -> Option<&'a str> {
        let found = member.value.as_str().filter(|v| values.contains(v));
        if found.is_none() {
            let field = &member.key.name;
            self.schema(
                "unknown-value",
                messages::one_of_values(field, values),
                at,
                member.value.span,
            );
        }
        found
    }

    /// A path field. `null` is accepted where AWS accepts it (InputPath, OutputPath, ResultPath).
    pub(super) fn path_field(
        &mut self,
        member: &'a Member,
        at: &Pointer,
        rule: PathRule,
    ) -> Option<Path> {
        let node = &member.value;
        let field = &*member.key.name;
        if node.is_null() && matches!(rule, PathRule::Path | PathRule::ResultPath) {
            return None;
        }
        let Some(text) = node.as_str() else {
            self.wrong_type("String", node, at);
            return None;
        };
        match path::parse(text) {
            Err(e) => {
                let message = match rule {
                    PathRule::Path => messages::invalid_path(field),
                    _ => messages::NOT_REFERENCE_PATH.to_string(),
                };
                let span = node.string_subspan(self.source, e.range);
                self.schema_help("invalid-path", message, at, span, e.message);
                None
            }
            Ok(path) => {
                let problem = match (rule, &path.root) {
                    (PathRule::Path, _) => None,
                    (PathRule::ResultPath, Root::Context) => {
                        Some("ResultPath writes into the state's data: it cannot start with $$")
                    }
                    (PathRule::ResultPath, Root::Variable(_)) => {
                        Some("ResultPath writes into the state's data: it cannot name a variable")
                    }
                    (PathRule::Numeric, Root::Context) => Some(
                        "this field reads the state's input or a variable, not the context object",
                    ),
                    _ if !path.is_reference_path() => Some(
                        "a Reference Path identifies a single node: use only .name, ['name'] and \
                         [index] steps",
                    ),
                    _ => None,
                };
                match problem {
                    Some(help) => {
                        self.schema_help(
                            "not-reference-path",
                            messages::NOT_REFERENCE_PATH,
                            at,
                            node.span,
                            help,
                        );
                        None
                    }
                    None => Some(path),
                }
            }
        }
    }
}

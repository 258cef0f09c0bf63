//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, …), `Assign`, and a Pass
//! state's static `Result`.

use super::fields::QueryLanguage;
use super::{Checker, messages};
use crate::diag::{Code, Diagnostic};
use crate::intrinsic;
use crate::json::pointer::Pointer;
use crate::json::{Kind, Member, Node};
use crate::path;

/// The longest workflow variable name.
const MAX_VARIABLE_NAME: usize = 80;

impl<'a> Checker<'a> {
    /// A JSONPath payload template: an object whose `.$` fields, at any depth, hold a path or an
    /// intrinsic function call.
    pub(super) fn template(&mut self, member: &'a Member, at: &Pointer) {
        if self.object(member, at).is_some() {
            self.template_node(&member.value, at);
        }
    }

    fn template_node(&mut self, node: &'a Node, at: &Pointer) {
        match &node.kind {
            Kind::Object(object) => {
                for member in object.effective() {
                    let key = &*member.key.name;
                    match key.strip_suffix(".$") {
                        Some(name) => {
                            if object.contains(name) {
                                self.schema(
                                    "duplicate-template-field",
                                    messages::duplicate_template_field(name),
                                    at,
                                    member.key.span,
                                );
                            }
                            self.dollar_value(member, at);
                        }
                        None => {
                            self.no_dollar(member, at);
                            self.template_node(&member.value, &at.key(key));
                        }
                    }
                }
            }
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.template_node(item, &at.index(i));
                }
            }
            _ => {}
        }
    }

    /// The value of a `.$` field: all of it one path (`$`, `$$`, `$var`) or one intrinsic call.
    /// Problems are reported at the object holding the field, as AWS does.
    fn dollar_value(&mut self, member: &'a Member, container: &Pointer) {
        let key = &*member.key.name;
        let node = &member.value;
        let message = messages::invalid_dollar_field(key);
        let Some(text) = node.as_str() else {
            self.schema_help(
                "invalid-dollar-value",
                message,
                container,
                node.span,
                "The value of a '.$' field is a string",
            );
            return;
        };
        let problem = if text.trim_start().starts_with('$') {
            path::parse(text)
                .err()
                .map(|e| (node.string_subspan(self.source, e.range), e.message))
        } else if intrinsic::looks_like_call(text) {
            intrinsic::parse(text)
                .err()
                .map(|e| (node.string_subspan(self.source, e.range), e.message))
        } else {
            Some((node.span, all_or_nothing_help(text)))
        };
        if let Some((span, help)) = problem {
            self.schema_help("invalid-dollar-value", message, container, span, help);
        }
    }

    /// AWS's `NO_DOLLAR` warning: a field whose value is a path or an intrinsic call, but whose
    /// name lacks `.$`, so the text is passed on as it is.
    fn no_dollar(&mut self, member: &'a Member, container: &Pointer) {
        let Some(text) = member.value.as_str() else {
            return;
        };
        let looks_evaluable =
            (text.starts_with("$.") || text.starts_with("$$.") || text.starts_with("$["))
                && path::parse(text).is_ok()
                || intrinsic::looks_like_call(text) && intrinsic::parse(text).is_ok();
        if looks_evaluable {
            let key = &member.key.name;
            self.push(
                Diagnostic::warning(
                    Code::NoDollar,
                    "no-dollar",
                    format!(
                        "The value of '{key}' looks like a path or a function call, but the field name \
                         does not end in '.$': it is passed on as the literal string"
                    ),
                )
                .at(container.as_str())
                .span(member.key.span)
                .help(format!("Rename the field to '{key}.$' to evaluate it")),
            );
        }
    }

    /// A Pass state's `Result` is never evaluated: `.$` keys in it stay as written.
    pub(super) fn static_result(&mut self, member: &'a Member, at: &Pointer) {
        fn first_dollar_key(node: &Node) -> Option<&Member> {
            match &node.kind {
                Kind::Object(o) => o
                    .members
                    .iter()
                    .find(|m| m.key.name.ends_with(".$"))
                    .or_else(|| o.members.iter().find_map(|m| first_dollar_key(&m.value))),
                Kind::Array(items) => items.iter().find_map(first_dollar_key),
                _ => None,
            }
        }
        if let Some(key) = first_dollar_key(&member.value) {
            self.push(
                Diagnostic::warning(
                    Code::PassResultIsStatic,
                    "pass-result-is-static",
                    format!(
                        "Result is static: the field '{}' is output as written, not evaluated",
                        key.key.name
                    ),
                )
                .at(at.as_str())
                .span(key.key.span)
                .help("Use Parameters to build the output from the input"),
            );
        }
    }

    /// `Assign`: an object of variable names; in JSONPath a name may end in `.$`.
    pub(super) fn assign(&mut self, member: &'a Member, at: &Pointer, lang: QueryLanguage) {
        let Some(object) = self.object(member, at) else {
            return;
        };
        for m in object.effective() {
            let key = &*m.key.name;
            let name = match (lang, key.strip_suffix(".$")) {
                (QueryLanguage::JsonPath, Some(name)) => {
                    self.dollar_value(m, at);
                    name
                }
                _ => key,
            };
            if !is_variable_name(name) {
                self.schema_help(
                    "invalid-variable-name",
                    messages::invalid_variable_name(name),
                    at,
                    m.key.span,
                    "Variable names are identifiers of at most 80 characters (letters, digits, '_'; \
                     not starting with a digit), and 'states' is reserved",
                );
            }
        }
    }
}

fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && name.chars().count() <= MAX_VARIABLE_NAME
        && name != "states"
}

/// The hint for a `.$` value that mixes text and a path: build the string with States.Format.
fn all_or_nothing_help(text: &str) -> String {
    let generic = "The value must be entirely one path ($..., $$..., $variable) or one intrinsic \
                   function call; to combine text and values use States.Format";
    let Some(dollar) = text.find('$') else {
        return generic.to_string();
    };
    let (prefix, rest) = text.split_at(dollar);
    let path_len = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '#' | '/' | ',' | ';' | '"' | '\''))
        .unwrap_or(rest.len());
    let (path_text, suffix) = rest.split_at(path_len);
    if path::parse(path_text).is_err() {
        return generic.to_string();
    }
    let escape = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('\'', "\\'")
            .replace('{', "\\{")
            .replace('}', "\\}")
    };
    format!(
        "The value must be entirely one path or one intrinsic function call. To build a string, \
         write: States.Format('{}{{}}{}', {path_text})",
        escape(prefix),
        escape(suffix)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_states_format_for_mixed_text() {
        assert_eq!(
            all_or_nothing_help("KEY#$$.Execution.Id"),
            "The value must be entirely one path or one intrinsic function call. To build a string, \
             write: States.Format('KEY#{}', $$.Execution.Id)"
        );
        assert!(all_or_nothing_help("plain").contains("States.Format"));
    }

    #[test]
    fn variable_names() {
        assert!(is_variable_name("answer"));
        assert!(is_variable_name("_x1"));
        assert!(is_variable_name("ünï"));
        assert!(!is_variable_name("1x"));
        assert!(!is_variable_name("x.y"));
        assert!(!is_variable_name("x[2]"));
        assert!(!is_variable_name("states"));
        assert!(!is_variable_name(&"x".repeat(81)));
    }
}

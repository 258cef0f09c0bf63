//! What the graph shows of a definition, read from its JSON tree (so that a definition with
//! errors still draws): each block's states, their transitions, and the blocks inside them.

use crate::json::{Node, Object};
use crate::text::Span;

/// A `States` block: the machine, a Parallel branch or a Map processor.
#[derive(Clone, Debug, Default)]
pub(super) struct Block {
    pub(super) start_at: Option<String>,
    pub(super) states: Vec<State>,
}

/// One state.
#[derive(Clone, Debug)]
pub(super) struct State {
    pub(super) name: String,
    pub(super) type_name: String,
    pub(super) span: Span,
    pub(super) transitions: Vec<Transition>,
    /// It ends its block (`End: true`, Succeed, Fail).
    pub(super) ends: bool,
    /// Its retry policy, shortly (`2× ×2.0 from 1s`), when it has retriers.
    pub(super) retry: Option<String>,
    /// Parallel branches, or a Map's processor.
    pub(super) blocks: Vec<Block>,
}

/// A way out of a state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Transition {
    pub(super) to: String,
    pub(super) kind: TransitionKind,
}

/// What kind of way out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransitionKind {
    /// `Next`.
    Next,
    /// A Choice rule, with its condition shortly.
    Choice(String),
    /// A Choice's `Default`.
    Default,
    /// A catcher, with the errors it catches.
    Catch(String),
}

pub(super) fn block(object: &Object) -> Block {
    let start_at = object
        .get("StartAt")
        .and_then(Node::as_str)
        .map(str::to_string);
    let states = object
        .get("States")
        .and_then(Node::as_object)
        .map(|states| {
            states
                .effective()
                .filter_map(|m| state(&m.key.name, &m.value, m.key.span))
                .collect()
        })
        .unwrap_or_default();
    Block { start_at, states }
}

fn text<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Node::as_str)
}

fn state(name: &str, node: &Node, span: Span) -> Option<State> {
    let object = node.as_object()?;
    let type_name = text(object, "Type").unwrap_or("?").to_string();
    let mut transitions = Vec::new();
    if let Some(next) = text(object, "Next") {
        transitions.push(Transition {
            to: next.to_string(),
            kind: TransitionKind::Next,
        });
    }
    for rule in object
        .get("Choices")
        .and_then(Node::as_array)
        .unwrap_or_default()
    {
        if let Some(rule) = rule.as_object()
            && let Some(next) = text(rule, "Next")
        {
            transitions.push(Transition {
                to: next.to_string(),
                kind: TransitionKind::Choice(condition(rule)),
            });
        }
    }
    if let Some(default) = text(object, "Default") {
        transitions.push(Transition {
            to: default.to_string(),
            kind: TransitionKind::Default,
        });
    }
    for catcher in object
        .get("Catch")
        .and_then(Node::as_array)
        .unwrap_or_default()
    {
        if let Some(catcher) = catcher.as_object()
            && let Some(next) = text(catcher, "Next")
        {
            transitions.push(Transition {
                to: next.to_string(),
                kind: TransitionKind::Catch(errors(catcher)),
            });
        }
    }
    let ends = object.get("End").and_then(Node::as_bool) == Some(true)
        || matches!(type_name.as_str(), "Succeed" | "Fail");
    let mut blocks: Vec<Block> = object
        .get("Branches")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_object)
        .map(block)
        .collect();
    if let Some(processor) = object
        .get("ItemProcessor")
        .or_else(|| object.get("Iterator"))
        .and_then(Node::as_object)
    {
        blocks.push(block(processor));
    }
    Some(State {
        name: name.to_string(),
        type_name,
        span,
        transitions,
        ends,
        retry: retry(object),
        blocks,
    })
}

fn errors(catcher: &Object) -> String {
    let names: Vec<&str> = catcher
        .get("ErrorEquals")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .collect();
    names.join(", ")
}

/// A Choice rule's condition, shortly: `$.total > 100`, `And(2)`, or the JSONata Condition.
fn condition(rule: &Object) -> String {
    const SYMBOLS: [(&str, &str); 5] = [
        ("GreaterThanEquals", "≥"),
        ("LessThanEquals", "≤"),
        ("GreaterThan", ">"),
        ("LessThan", "<"),
        ("Equals", "="),
    ];
    if let Some(condition) = text(rule, "Condition") {
        return shorten(
            condition
                .trim_start_matches("{%")
                .trim_end_matches("%}")
                .trim(),
        );
    }
    for combinator in ["And", "Or"] {
        if let Some(list) = rule.get(combinator).and_then(Node::as_array) {
            let parts: Vec<String> = list
                .iter()
                .filter_map(Node::as_object)
                .map(condition)
                .collect();
            return shorten(&parts.join(&format!(" {} ", combinator.to_lowercase())));
        }
    }
    if let Some(inner) = rule.get("Not").and_then(Node::as_object) {
        return shorten(&format!("not ({})", condition(inner)));
    }
    let variable = text(rule, "Variable").unwrap_or("?");
    for member in rule.effective() {
        let operator = &*member.key.name;
        if matches!(
            operator,
            "Variable" | "Next" | "Assign" | "Output" | "Comment"
        ) {
            continue;
        }
        let operand = match &member.value.kind {
            crate::json::Kind::String(s) => format!("\"{}\"", s.value),
            _ => member.value.to_value().to_string(),
        };
        let base = operator.trim_end_matches("Path");
        if let Some(test) = base.strip_prefix("Is") {
            return shorten(&format!(
                "{variable} is {}{}",
                if operand == "false" { "not " } else { "" },
                test.to_lowercase()
            ));
        }
        let symbol = SYMBOLS
            .iter()
            .find(|(suffix, _)| base.ends_with(suffix))
            .map_or(base, |(_, symbol)| symbol);
        let symbol = if base.starts_with("StringMatches") {
            "matches"
        } else {
            symbol
        };
        return shorten(&format!("{variable} {symbol} {operand}"));
    }
    variable.to_string()
}

fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{cut}…")
}

/// `Retry`, shortly: each retrier's attempts, back-off and interval.
fn retry(object: &Object) -> Option<String> {
    let retriers = object.get("Retry").and_then(Node::as_array)?;
    let parts: Vec<String> = retriers
        .iter()
        .filter_map(Node::as_object)
        .map(|r| {
            let number = |key: &str, default: f64| {
                r.get(key)
                    .and_then(Node::as_number)
                    .map_or(default, |n| n.as_f64())
            };
            format!(
                "{}× every {}s ×{}",
                number("MaxAttempts", 3.0),
                number("IntervalSeconds", 1.0),
                number("BackoffRate", 2.0)
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

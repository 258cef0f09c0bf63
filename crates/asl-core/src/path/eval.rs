//! Evaluating a path against data, the context object and workflow variables.

use super::{Path, Root, Segment, Selection, Selector, jayway};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt::Write;

/// Workflow variables, as paths read them (`$name`).
pub trait Variables {
    /// The value of a variable, if it is set.
    fn variable(&self, name: &str) -> Option<&Value>;
}

impl Variables for serde_json::Map<String, Value> {
    fn variable(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

/// No variables at all.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoVariables;

impl Variables for NoVariables {
    fn variable(&self, _: &str) -> Option<&Value> {
        None
    }
}

/// What paths read: `$` is `data`, `$$` the context object, `$name` a variable.
#[derive(Clone, Copy)]
pub struct Roots<'v> {
    /// The data (a state's input, a task's result…).
    pub data: &'v Value,
    /// The context object.
    pub context: &'v Value,
    /// The workflow variables in scope.
    pub variables: &'v dyn Variables,
}

impl std::fmt::Debug for Roots<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Roots")
            .field("data", self.data)
            .field("context", self.context)
            .finish_non_exhaustive()
    }
}

/// Why a definite path gave no value. The texts are Jayway's, as AWS reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathFailure {
    /// The last step found nothing: `No results for path: $['a']['b']`.
    NoResults(String),
    /// A step before the last found nothing: `Missing property in path $['a']`.
    MissingProperty(String),
    /// `$name` names a variable that is not set.
    UnknownVariable(String),
    /// A path function failed.
    Function(String),
}

impl std::fmt::Display for PathFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathFailure::NoResults(path) => write!(f, "No results for path: {path}"),
            PathFailure::MissingProperty(path) => write!(f, "Missing property in path {path}"),
            PathFailure::UnknownVariable(name) => write!(f, "The variable '{name}' is not defined"),
            PathFailure::Function(message) => f.write_str(message),
        }
    }
}

impl Path {
    /// The value of the path. A definite path gives the node it names (or fails); an indefinite
    /// one gives an array of every match, `[]` when nothing matches.
    pub fn eval(&self, roots: Roots<'_>) -> Result<Value, PathFailure> {
        Ok(self.select(roots)?.into_owned())
    }

    /// Like [`Path::eval`], borrowing from the roots when it can.
    pub fn select<'v>(&self, roots: Roots<'v>) -> Result<Cow<'v, Value>, PathFailure> {
        self.query(roots).map(Selection::into_cow)
    }

    /// Like [`Path::eval`], the nodes an indefinite path matches borrowed one by one (an answer
    /// written out as JSON copies nothing).
    pub fn query<'v>(&self, roots: Roots<'v>) -> Result<Selection<'v>, PathFailure> {
        let root = match &self.root {
            Root::Input | Root::Current => roots.data,
            Root::Context => roots.context,
            Root::Variable(name) => roots
                .variables
                .variable(name)
                .ok_or_else(|| PathFailure::UnknownVariable(name.to_string()))?,
        };
        if self.is_definite() {
            return self.walk(root, roots).map(Selection::One);
        }
        let mut nodes = self.nodes(root, roots)?;
        if let Some(Segment::Function(_)) = self.segments.last() {
            // A function aggregates the matches into one value (`$..price.sum()`).
            return Ok(Selection::One(
                nodes.pop().unwrap_or(Cow::Owned(Value::Null)),
            ));
        }
        Ok(Selection::Many(nodes))
    }

    /// A definite path, step by step, so that a failure names the step that failed.
    fn walk<'v>(&self, root: &'v Value, roots: Roots<'v>) -> Result<Cow<'v, Value>, PathFailure> {
        let mut current: Cow<'v, Value> = Cow::Borrowed(root);
        let last = self.segments.len().saturating_sub(1);
        for (i, segment) in self.segments.iter().enumerate() {
            // The failure's text is only built when a step fails.
            let fail = || {
                let upto = self.normalized(i + 1);
                if i == last {
                    PathFailure::NoResults(upto)
                } else {
                    PathFailure::MissingProperty(upto)
                }
            };
            current = match segment {
                Segment::Child(Selector::Name(name)) => match child(current, |v| member(v, name)) {
                    Some(next) => next,
                    None => return Err(fail()),
                },
                Segment::Child(Selector::Index(index)) => {
                    match child(current, |v| v.as_array().and_then(|a| element(a, *index))) {
                        Some(next) => next,
                        // Jayway: an index out of bounds selects nothing, so the whole path has
                        // no result (only a missing member stops the walk early).
                        None => {
                            return Err(PathFailure::NoResults(
                                self.normalized(self.segments.len()),
                            ));
                        }
                    }
                }
                Segment::Child(Selector::Names(names)) => {
                    Cow::Owned(jayway::merge(&current, names))
                }
                Segment::Function(function) => {
                    Cow::Owned(jayway::function(function, &current, roots)?)
                }
                // Not in a definite path (`is_definite`); fail like any step that finds nothing.
                Segment::Child(_) | Segment::Descendant(_) => return Err(fail()),
            };
        }
        Ok(current)
    }

    /// The first `steps` steps in Jayway's normalized form, `$['a'][0]`, as error messages show
    /// them.
    fn normalized(&self, steps: usize) -> String {
        let mut out = String::from("$");
        for segment in &self.segments[..steps.min(self.segments.len())] {
            match segment {
                Segment::Child(Selector::Name(name)) => {
                    let _ = write!(out, "['{name}']");
                }
                Segment::Child(Selector::Index(index)) => {
                    let _ = write!(out, "[{index}]");
                }
                _ => {}
            }
        }
        out
    }

    /// Every match of an indefinite path.
    pub(super) fn nodes<'v>(
        &self,
        root: &'v Value,
        roots: Roots<'v>,
    ) -> Result<Vec<Cow<'v, Value>>, PathFailure> {
        let mut nodes: Vec<Cow<'v, Value>> = vec![Cow::Borrowed(root)];
        let last = self.segments.len().saturating_sub(1);
        for (i, segment) in self.segments.iter().enumerate() {
            if let Segment::Function(function) = segment {
                let all = Value::Array(nodes.into_iter().map(Cow::into_owned).collect());
                return Ok(vec![Cow::Owned(jayway::function(function, &all, roots)?)]);
            }
            let mut next = Vec::new();
            for node in nodes {
                match node {
                    Cow::Borrowed(value) => {
                        self.step(i, segment, value, i == last, roots, &mut next);
                    }
                    // Owned values only come from a final merge, after which no step follows.
                    Cow::Owned(value) => next.push(Cow::Owned(value)),
                }
            }
            nodes = next;
        }
        Ok(nodes)
    }

    fn step<'v>(
        &self,
        index: usize,
        segment: &Segment,
        value: &'v Value,
        leaf: bool,
        roots: Roots<'v>,
        out: &mut Vec<Cow<'v, Value>>,
    ) {
        if let Some(query) = &self.rfc[index] {
            out.extend(query.query(value).into_iter().map(Cow::Borrowed));
            return;
        }
        match segment {
            Segment::Child(Selector::Name(name)) => {
                out.extend(member(value, name).map(Cow::Borrowed));
            }
            Segment::Child(Selector::Index(i)) => {
                out.extend(
                    value
                        .as_array()
                        .and_then(|a| element(a, *i))
                        .map(Cow::Borrowed),
                );
            }
            Segment::Child(Selector::Names(names)) if leaf && value.is_object() => {
                out.push(Cow::Owned(jayway::merge(value, names)));
            }
            Segment::Child(Selector::Names(names)) => {
                out.extend(
                    names
                        .iter()
                        .filter_map(|n| member(value, n))
                        .map(Cow::Borrowed),
                );
            }
            Segment::Child(Selector::Filter(expr)) => jayway::filter(expr, value, roots, out),
            Segment::Descendant(Selector::Name(name)) => descend_to_member(value, name, out),
            Segment::Descendant(Selector::Filter(expr)) => {
                for node in descendants_or_self(value) {
                    jayway::filter(expr, node, roots, out);
                }
            }
            // Delegated to serde_json_path above; functions are handled by the caller.
            _ => {}
        }
    }
}

fn child<'v>(
    current: Cow<'v, Value>,
    get: impl Fn(&Value) -> Option<&Value>,
) -> Option<Cow<'v, Value>> {
    match current {
        Cow::Borrowed(v) => get(v).map(Cow::Borrowed),
        Cow::Owned(v) => get(&v).cloned().map(Cow::Owned),
    }
}

/// A member of an object. Small objects (the usual JSON) are scanned: hashing a short key costs
/// more than comparing a few of them.
pub(super) fn member<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    const SCAN: usize = 16;
    let map = value.as_object()?;
    if map.len() <= SCAN {
        map.iter().find_map(|(k, v)| (k == name).then_some(v))
    } else {
        map.get(name)
    }
}

/// An element by index; negative indexes count from the end.
pub(super) fn element(items: &[Value], index: i64) -> Option<&Value> {
    let at = if index < 0 {
        items.len().checked_sub(index.unsigned_abs() as usize)?
    } else {
        index as usize
    };
    items.get(at)
}

/// A node and all its descendants, in document order.
/// `..name`: the member `name` of the value and of every value inside it, in document order (a
/// node's own member first, then its children's matches in order, as RFC 9535 lists them),
/// without listing every node first.
fn descend_to_member<'v>(value: &'v Value, name: &str, out: &mut Vec<Cow<'v, Value>>) {
    match value {
        Value::Object(members) => {
            out.extend(members.get(name).map(Cow::Borrowed));
            for child in members.values() {
                descend_to_member(child, name, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                descend_to_member(item, name, out);
            }
        }
        _ => {}
    }
}

fn descendants_or_self(value: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        out.push(node);
        match node {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => stack.extend(map.values().rev()),
            _ => {}
        }
    }
    out
}

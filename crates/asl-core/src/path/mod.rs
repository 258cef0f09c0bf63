//! JSONPath as AWS reads it: Jayway's dialect, with ASL's context object (`$$`) and workflow
//! variables (`$name`).
//!
//! [`parse`] turns a path string into a [`Path`]; errors carry the byte range of the problem inside
//! the string so validation can point at it in the definition. [`Path::is_reference_path`] tells
//! the paths that may be written to (ResultPath and the `…Path` fields) from full queries.

mod eval;
mod filter;
mod jayway;
mod parse;
mod rfc;
mod selection;
mod write;

pub use eval::{NoVariables, PathFailure, Roots, Variables};
pub use filter::{CompareOp, FilterExpr, Operand, Pattern};
pub use parse::{PathError, parse};
pub use selection::Selection;
pub use write::{ResultPathError, write_result};

use std::ops::Range;

/// A parsed path.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// What the path starts from.
    pub root: Root,
    /// The steps, in order.
    pub segments: Vec<Segment>,
    /// For each segment serde_json_path evaluates (wildcards, index unions, slices, descendants),
    /// its compiled one-segment RFC 9535 query.
    rfc: Vec<Option<serde_json_path::JsonPath>>,
}

/// What a path starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    /// `$`: the data (the state's input, or the result, depending on the field).
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(Box<str>),
    /// `@`: the current node, inside a filter.
    Current,
}

/// One step of a path.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    /// `.name`, `['name']`, `[0]`, `[*]`, `[0:2]`, `[?(...)]`: select among the children.
    Child(Selector),
    /// `..name`, `..*`, `..[...]`: select among all descendants.
    Descendant(Selector),
    /// `.length()` and Jayway's other functions, applied to what the path selected so far.
    Function(Function),
}

/// What a segment selects.
#[derive(Clone, Debug, PartialEq)]
pub enum Selector {
    /// One member by name.
    Name(Box<str>),
    /// Several members by name, `['a','b']` (Jayway gathers them into an object).
    Names(Vec<Box<str>>),
    /// Every member or element.
    Wildcard,
    /// One element; negative counts from the end.
    Index(i64),
    /// Several elements, `[0,2]`.
    Indexes(Vec<i64>),
    /// `[start:end:step]`.
    Slice {
        /// First index (default: the start).
        start: Option<i64>,
        /// One past the last index (default: the end).
        end: Option<i64>,
        /// Step (default 1).
        step: Option<i64>,
    },
    /// `[?(expr)]`.
    Filter(Box<FilterExpr>),
}

/// A Jayway path function call, `.name(args)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// The function's name (`length`, `min`, `keys`, …).
    pub name: Box<str>,
    /// The raw text of the arguments.
    pub args: Box<str>,
}

impl Path {
    /// A path from its parts.
    pub fn new(root: Root, segments: Vec<Segment>) -> Self {
        let rfc = segments.iter().map(rfc::compile).collect();
        Path {
            root,
            segments,
            rfc,
        }
    }

    /// True for a Reference Path: it can identify only one node (names and single indexes only).
    pub fn is_reference_path(&self) -> bool {
        self.root != Root::Current
            && self
                .segments
                .iter()
                .all(|s| matches!(s, Segment::Child(Selector::Name(_) | Selector::Index(_))))
    }

    /// True for a definite path: its result is one value, not a list of matches. As in Jayway:
    /// names and single indexes, a trailing `['a','b']` (which merges into one object), and a
    /// trailing function.
    pub fn is_definite(&self) -> bool {
        let last = self.segments.len().saturating_sub(1);
        self.segments.iter().enumerate().all(|(i, s)| match s {
            Segment::Child(Selector::Name(_) | Selector::Index(_)) | Segment::Function(_) => true,
            Segment::Child(Selector::Names(_)) => i == last,
            Segment::Child(_) | Segment::Descendant(_) => false,
        })
    }
}

/// Where a path sits inside a larger string, for error spans: `offset + error.range`.
pub(crate) fn shift(range: Range<usize>, offset: usize) -> Range<usize> {
    range.start + offset..range.end + offset
}

#[cfg(test)]
mod tests;

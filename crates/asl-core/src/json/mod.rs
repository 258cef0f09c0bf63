//! JSON documents with the position of every key and value.
//!
//! `serde_json::Value` forgets where things are and silently keeps the last of two duplicate
//! keys. A definition needs both, so the reader builds its own tree: every [`Node`] and every key
//! carries the [`Span`] of its text, objects keep all their members in order (duplicates
//! included), and numbers keep their exact text. [`parse`] reads JSON with the error messages of
//! Jackson (the parser AWS uses); [`crate::yaml`] builds the same tree from YAML.

mod jackson;
mod parse;
pub mod pointer;
mod value;

pub use parse::{Document, MAX_DEPTH, ParseError, ParseErrorKind, parse};
pub use value::read_value;

use crate::text::Span;

/// A value with the span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value's text is (for a string, the quotes included).
    pub span: Span,
    /// The value.
    pub kind: Kind,
}

/// The kinds of JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, with its text.
    Number(Number),
    /// A string, decoded.
    String(Str),
    /// An array.
    Array(Vec<Node>),
    /// An object.
    Object(Object),
}

/// A decoded string and how its text maps back to the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Str {
    /// The decoded value.
    pub value: Box<str>,
    /// Whether decoded offsets can be mapped back to source offsets.
    pub layout: StrLayout,
}

/// How the characters of a string's value sit in its source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrLayout {
    /// The value appears verbatim in the source, starting this many bytes into the node's span
    /// (1 after a quote, 0 for a plain YAML scalar).
    Verbatim(u8),
    /// A JSON string literal with escapes: offsets are mapped by re-reading the literal.
    JsonEscaped,
    /// No mapping is known (folded YAML scalars); positions fall back to the whole node.
    Opaque,
}

/// A JSON number, kept as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    raw: Box<str>,
}

impl Number {
    /// A number from its (valid) JSON text.
    pub fn from_raw(raw: &str) -> Self {
        Number { raw: raw.into() }
    }

    /// The text as written.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The value as a double.
    pub fn as_f64(&self) -> f64 {
        self.raw.parse().unwrap_or(f64::NAN)
    }

    /// The value as an integer, when it is written as one (no fraction, no exponent) and fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.raw.parse().ok()
    }

    /// True when the number is written without fraction or exponent.
    pub fn is_integer_literal(&self) -> bool {
        !self.raw.contains(['.', 'e', 'E'])
    }
}

/// An object: its members in document order, duplicates included.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    /// The members, in order.
    pub members: Vec<Member>,
}

/// One `"key": value` pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key.
    pub key: Key,
    /// The value.
    pub value: Node,
}

/// An object key.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The decoded key.
    pub name: Box<str>,
    /// The key's text, quotes included.
    pub span: Span,
}

impl Object {
    /// The member for `key`. With duplicates, the last one wins, as in Jackson's tree model.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The member (key and value) for `key`, last one winning.
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.members.iter().rev().find(|m| &*m.key.name == key)
    }

    /// True when `key` is present.
    pub fn contains(&self, key: &str) -> bool {
        self.member(key).is_some()
    }

    /// The members whose key appeared earlier in the same object (all but the last occurrence).
    pub fn shadowed(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().enumerate().filter_map(|(i, m)| {
            let later = self.members[i + 1..]
                .iter()
                .any(|n| n.key.name == m.key.name);
            later.then_some(m)
        })
    }

    /// The effective members: each key once, at the position of its last occurrence.
    pub fn effective(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().enumerate().filter_map(|(i, m)| {
            let later = self.members[i + 1..]
                .iter()
                .any(|n| n.key.name == m.key.name);
            (!later).then_some(m)
        })
    }
}

impl Node {
    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(&s.value),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match &self.kind {
            Kind::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match &self.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// The JSON type name used in messages: "null", "boolean", "number", "string", "array" or
    /// "object".
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "boolean",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
        }
    }

    /// The span of the bytes `range` of this string's decoded value, in the source. Falls back to
    /// the whole node when the string's layout cannot be mapped.
    pub fn string_subspan(&self, source: &str, range: std::ops::Range<usize>) -> Span {
        let Kind::String(s) = &self.kind else {
            return self.span;
        };
        match s.layout {
            StrLayout::Verbatim(skip) => {
                let base = self.span.start as usize + usize::from(skip);
                Span::new(base + range.start, base + range.end)
            }
            StrLayout::JsonEscaped => {
                let literal = &source[self.span.range()];
                match (
                    parse::source_offset_in_literal(literal, range.start),
                    parse::source_offset_in_literal(literal, range.end),
                ) {
                    (Some(a), Some(b)) => {
                        Span::new(self.span.start as usize + a, self.span.start as usize + b)
                    }
                    _ => self.span,
                }
            }
            StrLayout::Opaque => self.span,
        }
    }

    /// The plain `serde_json` value (duplicates resolved as Jackson does: the last one wins, at
    /// the position of the first).
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(n) => serde_json::from_str::<serde_json::Number>(n.raw())
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Kind::String(s) => Value::String(s.value.to_string()),
            Kind::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Kind::Object(o) => {
                let mut map = serde_json::Map::with_capacity(o.members.len());
                for m in &o.members {
                    map.insert(m.key.name.to_string(), m.value.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

#[cfg(test)]
mod tests;

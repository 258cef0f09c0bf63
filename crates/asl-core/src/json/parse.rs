//! A strict RFC 8259 reader that builds a spanned [`Node`] tree.
//!
//! Errors are worded as Jackson words them (AWS reads definitions with Jackson, so these are the
//! texts AWS reports under `INVALID_JSON_DESCRIPTION`), and carry two positions: the span of the
//! offending text, for editors, and the offset Jackson's own location points at.

use super::jackson;
use super::{Key, Kind, Member, Node, Number, Object, Str, StrLayout};
use crate::text::Span;

/// The deepest nesting of arrays and objects accepted, as Jackson's default
/// `StreamReadConstraints` (deeper documents are refused with a clear error, never a crash).
pub const MAX_DEPTH: usize = 1000;

/// A document that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// Jackson's message, without its location suffix.
    pub message: String,
    /// The offending text.
    pub span: Span,
    /// The byte offset Jackson's location points at (just past what it consumed).
    pub jackson_offset: usize,
}

/// The families of [`ParseError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The text holds nothing but white space.
    Empty,
    /// A syntax error.
    Syntax,
    /// Arrays and objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl ParseError {
    /// Jackson's location text for this error in `source`:
    /// `[Source: (String)"…"; line: 1, column: 4]`.
    pub fn jackson_location(&self, source: &str) -> String {
        jackson::location(source, self.jackson_offset)
    }
}

/// A parsed document: the root value and, if any, the text after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The root value.
    pub root: Node,
    /// Non-blank text after the root value (Jackson's tree reader ignores it).
    pub trailing: Option<Span>,
}

/// Read a JSON document.
pub fn parse(source: &str) -> Result<Document, ParseError> {
    let mut p = Parser {
        src: source,
        bytes: source.as_bytes(),
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    if p.pos == p.bytes.len() {
        return Err(ParseError {
            kind: ParseErrorKind::Empty,
            message: "No content to map due to end-of-input".into(),
            span: Span::at(p.pos),
            jackson_offset: p.pos,
        });
    }
    let root = p.value()?;
    p.skip_ws();
    let trailing = (p.pos < p.bytes.len()).then(|| Span::new(p.pos, p.bytes.len()));
    Ok(Document { root, trailing })
}

/// An array or object being read.
enum Open {
    Array {
        start: usize,
        items: Vec<Node>,
    },
    /// `key` is the name of the member whose value is being read.
    Object {
        start: usize,
        members: Vec<Member>,
        key: Key,
    },
}

impl Open {
    fn into_node(self, end: usize) -> Node {
        match self {
            Open::Array { start, items } => Node {
                span: Span::new(start, end),
                kind: Kind::Array(items),
            },
            Open::Object { start, members, .. } => Node {
                span: Span::new(start, end),
                kind: Kind::Object(Object { members }),
            },
        }
    }
}

const VALUE_LIST: &str = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

type Result<T, E = ParseError> = std::result::Result<T, E>;

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn char_at(&self, pos: usize) -> char {
        self.src[pos..].chars().next().unwrap_or('\u{0}')
    }

    fn error(&self, message: String, span: Span, jackson_offset: usize) -> ParseError {
        ParseError {
            kind: ParseErrorKind::Syntax,
            message,
            span,
            jackson_offset,
        }
    }

    /// "Unexpected character ('x' (code 120)): <comment>" for the character at `pos`.
    fn unexpected_char(&self, pos: usize, comment: &str) -> ParseError {
        let ch = self.char_at(pos);
        let end = pos + ch.len_utf8();
        let message = format!(
            "Unexpected character ({}): {comment}",
            jackson::char_desc(ch)
        );
        self.error(message, Span::new(pos, end), end)
    }

    fn unexpected_eof(&self, detail: &str) -> ParseError {
        let end = self.bytes.len();
        self.error(
            format!("Unexpected end-of-input{detail}"),
            Span::at(end),
            end,
        )
    }

    /// The value at the cursor, containers included. Arrays and objects are read with an explicit
    /// stack, never by recursion, so nesting cannot exhaust the call stack.
    fn value(&mut self) -> Result<Node> {
        let mut stack: Vec<Open> = Vec::new();
        'value: loop {
            // Read one value: a scalar, or the start of a container.
            let start = self.pos;
            let mut done = match self.peek() {
                Some(b'{') | Some(b'[') => {
                    let object = self.bytes[start] == b'{';
                    self.enter(start)?;
                    self.pos += 1;
                    self.skip_ws();
                    let close = if object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        self.depth -= 1;
                        let kind = if object {
                            Kind::Object(Object::default())
                        } else {
                            Kind::Array(Vec::new())
                        };
                        Node {
                            span: Span::new(start, self.pos),
                            kind,
                        }
                    } else if object {
                        let key = self.member_name(start)?;
                        stack.push(Open::Object {
                            start,
                            members: Vec::new(),
                            key,
                        });
                        continue 'value;
                    } else {
                        if self.peek().is_none() {
                            return Err(self.close_marker_eof("Array", start));
                        }
                        if self.peek() == Some(b']') {
                            return Err(self.unexpected_char(
                                self.pos,
                                &format!("expected a valid value {VALUE_LIST}"),
                            ));
                        }
                        stack.push(Open::Array {
                            start,
                            items: Vec::new(),
                        });
                        continue 'value;
                    }
                }
                _ => self.scalar()?,
            };
            // Attach the finished value to its container, then read what follows it; close as
            // many containers as end here.
            loop {
                let Some(mut open) = stack.pop() else {
                    return Ok(done);
                };
                self.skip_ws();
                match &mut open {
                    Open::Array { start, items } => {
                        items.push(done);
                        let start = *start;
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                match self.peek() {
                                    None => return Err(self.close_marker_eof("Array", start)),
                                    Some(b']') => {
                                        return Err(self.unexpected_char(
                                            self.pos,
                                            &format!("expected a valid value {VALUE_LIST}"),
                                        ));
                                    }
                                    Some(_) => {
                                        stack.push(open);
                                        continue 'value;
                                    }
                                }
                            }
                            Some(b']') => self.pos += 1,
                            Some(b'}') => {
                                return Err(self.mismatched_close('}', ']', "Array", start));
                            }
                            Some(_) => {
                                return Err(self.unexpected_char(
                                    self.pos,
                                    "was expecting comma to separate Array entries",
                                ));
                            }
                            None => return Err(self.close_marker_eof("Array", start)),
                        }
                    }
                    Open::Object {
                        start,
                        members,
                        key,
                    } => {
                        let start = *start;
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                let next = self.member_name(start)?;
                                members.push(Member {
                                    key: std::mem::replace(key, next),
                                    value: done,
                                });
                                stack.push(open);
                                continue 'value;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                let key = key.clone();
                                members.push(Member { key, value: done });
                            }
                            Some(b']') => {
                                return Err(self.mismatched_close(']', '}', "Object", start));
                            }
                            Some(_) => {
                                return Err(self.unexpected_char(
                                    self.pos,
                                    "was expecting comma to separate Object entries",
                                ));
                            }
                            None => return Err(self.close_marker_eof("Object", start)),
                        }
                    }
                }
                // The container closed.
                self.depth -= 1;
                done = open.into_node(self.pos);
            }
        }
    }

    /// A value that is not a container.
    fn scalar(&mut self) -> Result<Node> {
        let start = self.pos;
        match self.peek() {
            None => Err(self.unexpected_eof(": expected a value")),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node {
                    span: Span::new(start, self.pos),
                    kind: Kind::String(s),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Kind::Bool(true)),
            Some(b'f') => self.literal("false", Kind::Bool(false)),
            Some(b'n') => self.literal("null", Kind::Null),
            Some(b'}') => Err(self.unexpected_char(start, "expected a value")),
            Some(_) => {
                let ch = self.char_at(start);
                if is_identifier_start(ch) {
                    Err(self.invalid_token(start))
                } else {
                    Err(self
                        .unexpected_char(start, &format!("expected a valid value {VALUE_LIST}")))
                }
            }
        }
    }

    /// A member name and its colon, the cursor being where the name should start; leaves the
    /// cursor at the start of the member's value.
    fn member_name(&mut self, object_start: usize) -> Result<Key> {
        match self.peek() {
            Some(b'"') => {}
            Some(_) => {
                return Err(self
                    .unexpected_char(self.pos, "was expecting double-quote to start field name"));
            }
            None => return Err(self.close_marker_eof("Object", object_start)),
        }
        let key_start = self.pos;
        let name = self.string()?.value;
        let key = Key {
            name,
            span: Span::new(key_start, self.pos),
        };
        self.skip_ws();
        match self.peek() {
            Some(b':') => self.pos += 1,
            Some(_) => {
                return Err(self.unexpected_char(
                    self.pos,
                    "was expecting a colon to separate field name and value",
                ));
            }
            None => return Err(self.unexpected_eof(" within/between Object entries")),
        }
        self.skip_ws();
        if self.peek().is_none() {
            return Err(self.unexpected_eof(" within/between Object entries"));
        }
        Ok(key)
    }

    /// "Unrecognized token 'nope': was expecting (…)", the token running from `start` over
    /// identifier characters, as Jackson reads it.
    fn invalid_token(&self, start: usize) -> ParseError {
        const MAX_TOKEN: usize = 256;
        let mut end = start;
        let mut shown = String::new();
        for ch in self.src[start..].chars() {
            if end > start && !is_identifier_part(ch) {
                break;
            }
            end += ch.len_utf8();
            shown.push(ch);
            if shown.len() >= MAX_TOKEN {
                shown.push_str("...");
                break;
            }
        }
        let message = format!("Unrecognized token '{shown}': was expecting {VALUE_LIST}");
        self.error(message, Span::new(start, end), end)
    }

    fn literal(&mut self, word: &'static str, kind: Kind) -> Result<Node> {
        let start = self.pos;
        if self.bytes[start..].starts_with(word.as_bytes())
            && !self.src[start + word.len()..].starts_with(is_identifier_part)
        {
            self.pos += word.len();
            return Ok(Node {
                span: Span::new(start, self.pos),
                kind,
            });
        }
        Err(self.invalid_token(start))
    }

    fn enter(&mut self, start: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                kind: ParseErrorKind::TooDeep,
                message: format!(
                    "Document nesting depth ({}) exceeds the maximum allowed ({MAX_DEPTH}, from \
                     `StreamReadConstraints.getMaxNestingDepth()`)",
                    self.depth
                ),
                span: Span::new(start, start + 1),
                jackson_offset: start + 1,
            });
        }
        Ok(())
    }

    fn close_marker_eof(&self, what: &str, start: usize) -> ParseError {
        let marker = jackson::location(self.src, start);
        let mut e = self.unexpected_eof(&format!(
            ": expected close marker for {what} (start marker at {marker})"
        ));
        e.span = Span::new(start, start + 1);
        e
    }

    fn mismatched_close(
        &self,
        found: char,
        expected: char,
        what: &str,
        start: usize,
    ) -> ParseError {
        let marker = jackson::location(self.src, start);
        let message = format!(
            "Unexpected close marker '{found}': expected '{expected}' (for {what} starting at {marker})"
        );
        self.error(message, Span::new(self.pos, self.pos + 1), self.pos + 1)
    }

    /// A string literal at `self.pos` (which is a quote).
    fn string(&mut self) -> Result<Str> {
        let start = self.pos;
        self.pos += 1;
        let content_start = self.pos;
        // Fast path: no escapes.
        loop {
            match self.peek() {
                None => return Err(self.unterminated_string(start)),
                Some(b'"') => {
                    let value = &self.src[content_start..self.pos];
                    self.pos += 1;
                    return Ok(Str {
                        value: value.into(),
                        layout: StrLayout::Verbatim(1),
                    });
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => return Err(self.control_char(self.pos)),
                Some(_) => self.pos += 1,
            }
        }
        let mut value = String::from(&self.src[content_start..self.pos]);
        loop {
            match self.peek() {
                None => return Err(self.unterminated_string(start)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Str {
                        value: value.into(),
                        layout: StrLayout::JsonEscaped,
                    });
                }
                Some(b'\\') => {
                    let (ch, len) = decode_escape(&self.src[self.pos..])
                        .map_err(|e| self.escape_error(self.pos, e))?;
                    value.push(ch);
                    self.pos += len;
                }
                Some(b) if b < 0x20 => return Err(self.control_char(self.pos)),
                Some(_) => {
                    let ch = self.char_at(self.pos);
                    value.push(ch);
                    self.pos += ch.len_utf8();
                }
            }
        }
    }

    fn unterminated_string(&self, start: usize) -> ParseError {
        let mut e = self.unexpected_eof(": was expecting closing quote for a string value");
        e.span = Span::new(start, self.bytes.len());
        e
    }

    fn control_char(&self, pos: usize) -> ParseError {
        let ch = self.char_at(pos);
        let message = format!(
            "Illegal unquoted character ({}): has to be escaped using backslash to be included in \
             string value",
            jackson::char_desc(ch)
        );
        self.error(message, Span::new(pos, pos + 1), pos + 1)
    }

    fn escape_error(&self, backslash: usize, error: EscapeError) -> ParseError {
        match error {
            EscapeError::Eof => self.unterminated_string(backslash),
            EscapeError::Unknown => {
                let pos = backslash + 1;
                let ch = self.char_at(pos);
                let message = format!("Unrecognized character escape {}", jackson::char_desc(ch));
                self.error(
                    message,
                    Span::new(backslash, pos + ch.len_utf8()),
                    pos + ch.len_utf8(),
                )
            }
            EscapeError::BadHex(at) => self.unexpected_char(
                backslash + at,
                "expected a hex-digit for character escape sequence",
            ),
        }
    }

    fn number(&mut self) -> Result<Node> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = start;
        if b[i] == b'-' {
            i += 1;
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.number_error(
                    i,
                    "expected digit (0-9) to follow minus sign, for valid numeric value",
                ));
            }
        }
        if b[i] == b'0' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return Err(self.error(
                "Invalid numeric value: Leading zeroes not allowed".into(),
                Span::new(i, i + 2),
                i + 2,
            ));
        }
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.number_error(i, "Decimal point not followed by a digit"));
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.number_error(i, "Exponent indicator not followed by a digit"));
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        self.pos = i;
        let raw = &self.src[start..i];
        Ok(Node {
            span: Span::new(start, i),
            kind: Kind::Number(Number::from_raw(raw)),
        })
    }

    /// "Unexpected character ('x' (code 120)) in numeric value: <comment>".
    fn number_error(&self, pos: usize, comment: &str) -> ParseError {
        if pos >= self.bytes.len() {
            return self.unexpected_eof(" in a Number value");
        }
        let ch = self.char_at(pos);
        let end = pos + ch.len_utf8();
        let message = format!(
            "Unexpected character ({}) in numeric value: {comment}",
            jackson::char_desc(ch)
        );
        self.error(message, Span::new(pos, end), end)
    }
}

#[derive(Clone, Copy)]
enum EscapeError {
    Eof,
    Unknown,
    /// A `\u` escape with a bad hex digit this many bytes after the backslash.
    BadHex(usize),
}

/// Decode the escape at the start of `s` (which starts with a backslash): the character and the
/// number of source bytes it took. A `\uXXXX` high surrogate followed by a low one decodes to one
/// character; a lone surrogate becomes U+FFFD (Rust strings cannot hold it).
fn decode_escape(s: &str) -> Result<(char, usize), EscapeError> {
    let b = s.as_bytes();
    let ch = match b.get(1) {
        None => return Err(EscapeError::Eof),
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => {
            let high = hex4(b, 2)?;
            if (0xD800..0xDC00).contains(&high)
                && b.get(6) == Some(&b'\\')
                && b.get(7) == Some(&b'u')
                && let Ok(low) = hex4(b, 8)
                && (0xDC00..0xE000).contains(&low)
            {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Ok((char::from_u32(code).unwrap_or('\u{FFFD}'), 12));
            }
            return Ok((char::from_u32(high).unwrap_or('\u{FFFD}'), 6));
        }
        Some(_) => return Err(EscapeError::Unknown),
    };
    Ok((ch, 2))
}

fn hex4(b: &[u8], at: usize) -> Result<u32, EscapeError> {
    let mut code = 0;
    for i in at..at + 4 {
        let digit = match b.get(i) {
            None => return Err(EscapeError::Eof),
            Some(&d) => (d as char).to_digit(16).ok_or(EscapeError::BadHex(i))?,
        };
        code = code * 16 + digit;
    }
    Ok(code)
}

/// The source offset (from the opening quote of `literal`) of the decoded byte offset `target`.
pub(super) fn source_offset_in_literal(literal: &str, target: usize) -> Option<usize> {
    let mut decoded = 0;
    let mut pos = 1;
    let end = literal.len().saturating_sub(1);
    while pos < end {
        if decoded >= target {
            return (decoded == target).then_some(pos);
        }
        if literal.as_bytes()[pos] == b'\\' {
            let (ch, len) = decode_escape(&literal[pos..]).ok()?;
            decoded += ch.len_utf8();
            pos += len;
        } else {
            let ch = literal[pos..].chars().next()?;
            decoded += ch.len_utf8();
            pos += ch.len_utf8();
        }
    }
    (decoded == target).then_some(pos)
}

/// Java's `Character.isJavaIdentifierStart`, near enough.
fn is_identifier_start(ch: char) -> bool {
    ch.is_alphabetic() || ch == '_' || ch == '$'
}

/// Java's `Character.isJavaIdentifierPart`, near enough.
fn is_identifier_part(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_' || ch == '$'
}

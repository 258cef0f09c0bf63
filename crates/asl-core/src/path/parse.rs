//! The path parser. Positions in errors are byte ranges in the path string.

use super::filter;
use super::{Function, Path, Root, Segment, Selector};
use std::ops::Range;

/// A path that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    /// What is wrong, for people.
    pub message: String,
    /// The offending bytes of the path string.
    pub range: Range<usize>,
}

/// Parse a whole path string (`$.a[0]`, `$$.Execution.Id`, `$var.field`). Whitespace around the
/// path is no part of it, as Jayway trims a path before compiling it (`"$$.Execution.Name "`
/// is deployed as is). Validation, evaluation and the executor all read paths here.
pub fn parse(text: &str) -> Result<Path, PathError> {
    let mut cursor = Cursor::new(text, 0);
    cursor.skip_ws();
    cursor.path(Mode::Whole)
}

/// Where a path is being read: on its own, or embedded in a filter or an argument list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// The path is the whole string.
    Whole,
    /// The path is an operand in a filter expression: it ends at an operator or `)`.
    Embedded,
}

pub(super) struct Cursor<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    pub(super) fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(super) fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    pub(super) fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    pub(super) fn error(&self, message: impl Into<String>, range: Range<usize>) -> PathError {
        PathError {
            message: message.into(),
            range,
        }
    }

    /// An error about the character under the cursor (or the end).
    pub(super) fn error_here(&self, message: &str) -> PathError {
        let len = self.peek().map_or(0, char::len_utf8);
        match self.peek() {
            Some(c) => self.error(format!("{message}: found '{c}'"), self.pos..self.pos + len),
            None => self.error(format!("{message}: the path ends here"), self.pos..self.pos),
        }
    }

    /// A path from its root on.
    pub(super) fn path(&mut self, mode: Mode) -> Result<Path, PathError> {
        let start = self.pos;
        let root = if self.eat("$$") {
            Root::Context
        } else if self.eat("$") {
            match self.peek() {
                Some(c) if c.is_alphabetic() || c == '_' => {
                    let name_start = self.pos;
                    while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
                        self.pos += c.len_utf8();
                    }
                    Root::Variable(self.text[name_start..self.pos].into())
                }
                _ => Root::Input,
            }
        } else if mode == Mode::Embedded && self.eat("@") {
            Root::Current
        } else {
            let len = self.peek().map_or(0, char::len_utf8);
            return Err(self.error("a path must start with '$'", start..start + len));
        };
        let mut segments = Vec::new();
        loop {
            if let Some(Segment::Function(_)) = segments.last() {
                if self.at_segment_start() {
                    return Err(self.error_here("a path function must come last"));
                }
                break;
            }
            if self.eat("..") {
                segments.push(Segment::Descendant(self.after_dot("..", mode)?));
            } else if self.rest().starts_with('.') {
                self.pos += 1;
                match self.after_dot(".", mode)? {
                    Selector::Name(name) if self.peek() == Some('(') => {
                        segments.push(Segment::Function(self.function(name)?));
                    }
                    selector => segments.push(Segment::Child(selector)),
                }
            } else if self.rest().starts_with('[') {
                segments.push(Segment::Child(self.bracket()?));
            } else {
                break;
            }
        }
        if mode == Mode::Whole {
            self.skip_ws();
            if self.pos < self.text.len() {
                return Err(self.error_here("expected '.' or '[' after a path step"));
            }
        }
        Ok(Path::new(root, segments))
    }

    fn at_segment_start(&self) -> bool {
        self.rest().starts_with(['.', '['])
    }

    /// What follows `.` or `..`: a name, `*`, or a bracket (Jayway accepts `$.['a']`).
    fn after_dot(&mut self, dots: &str, mode: Mode) -> Result<Selector, PathError> {
        match self.peek() {
            Some('*') => {
                self.pos += 1;
                Ok(Selector::Wildcard)
            }
            Some('[') => self.bracket(),
            Some('\'' | '"') => self.name().map(Selector::Name),
            None => Err(self.error(
                format!("a path must not end with '{dots}'"),
                self.pos - dots.len()..self.pos,
            )),
            Some(_) => self.dot_name(mode).map(Selector::Name),
        }
    }

    /// A name in dot notation. It runs to the next `.`, `[`, `(` or space; a backslash escapes
    /// the character after it (`$.store\.book`).
    fn dot_name(&mut self, mode: Mode) -> Result<Box<str>, PathError> {
        let start = self.pos;
        let mut name = String::new();
        while let Some(c) = self.peek() {
            let ends = match c {
                '.' | '[' | '(' | ')' => true,
                c if c.is_whitespace() => true,
                '=' | '!' | '<' | '>' | '&' | '|' | ',' | ']' => mode == Mode::Embedded,
                _ => false,
            };
            if ends {
                break;
            }
            self.pos += c.len_utf8();
            if c == '\\' {
                match self.peek() {
                    Some(next) => {
                        name.push(next);
                        self.pos += next.len_utf8();
                    }
                    None => {
                        return Err(
                            self.error("a backslash must escape a character", start..self.pos)
                        );
                    }
                }
            } else {
                name.push(c);
            }
        }
        if name.is_empty() {
            return Err(self.error_here("expected a name after '.'"));
        }
        // Whitespace may end the path, not split a name.
        if mode == Mode::Whole
            && self.peek().is_some_and(char::is_whitespace)
            && !self.rest().trim_start().is_empty()
        {
            return Err(self.error(
                "a name with spaces must be written in brackets, ['my name']",
                start..self.pos + 1,
            ));
        }
        Ok(name.into())
    }

    /// `name(args)` after a dot: a Jayway path function.
    fn function(&mut self, name: Box<str>) -> Result<Function, PathError> {
        let open = self.pos;
        self.pos += 1;
        let args_start = self.pos;
        let mut depth = 1;
        while let Some(c) = self.peek() {
            self.pos += c.len_utf8();
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        let args = self.text[args_start..self.pos - 1].trim().into();
                        return Ok(Function { name, args });
                    }
                }
                _ => {}
            }
        }
        Err(self.error("unclosed '(' of a path function", open..open + 1))
    }

    /// A quoted text, `'a'` or `"a"`, exactly as written between the quotes: a backslash only
    /// stops the next character from ending it. Names ([`Cursor::name`]) and filter strings read
    /// its escapes each their own way.
    pub(super) fn quoted(&mut self) -> Result<Box<str>, PathError> {
        let start = self.pos;
        let Some(quote) = self.peek().filter(|c| matches!(c, '\'' | '"')) else {
            let end = self.peek().map_or(start, |c| start + c.len_utf8());
            return Err(self.error("expected a quoted name", start..end));
        };
        self.pos += 1;
        let content = self.pos;
        while let Some(c) = self.peek() {
            if c == quote {
                let value = self.text[content..self.pos].into();
                self.pos += 1;
                return Ok(value);
            }
            self.pos += c.len_utf8();
            if c == '\\'
                && let Some(next) = self.peek()
            {
                self.pos += next.len_utf8();
            }
        }
        Err(self.error(format!("unclosed quote {quote}"), start..self.pos))
    }

    /// A quoted member name. A backslash escapes only the quote that delimits the name and a
    /// backslash (`$['\'']` is the member `'`, `$['\\']` the member `\`); before anything else
    /// it is kept: AWS reads `$['Test\""Name"']` as the member `Test\""Name"` (recorded). ⚠ The
    /// first two are not recorded; this is the one reading that agrees with the recording.
    fn name(&mut self) -> Result<Box<str>, PathError> {
        let quote = self.peek().unwrap_or('\'');
        let raw = self.quoted()?;
        if !raw.contains('\\') {
            return Ok(raw);
        }
        let mut name = String::with_capacity(raw.len());
        let mut chars = raw.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, chars.peek()) {
                ('\\', Some(&next)) if next == quote || next == '\\' => {
                    name.push(next);
                    chars.next();
                }
                _ => name.push(ch),
            }
        }
        Ok(name.into())
    }

    /// `[...]`: names, indexes, a slice, `*` or a filter.
    fn bracket(&mut self) -> Result<Selector, PathError> {
        let open = self.pos;
        self.pos += 1;
        self.skip_ws();
        let selector = match self.peek() {
            Some('*') => {
                self.pos += 1;
                Selector::Wildcard
            }
            Some('\'' | '"') => {
                let mut names = vec![self.name()?];
                self.skip_ws();
                while self.eat(",") {
                    self.skip_ws();
                    if !matches!(self.peek(), Some('\'' | '"')) {
                        return Err(self.error_here("expected a quoted name"));
                    }
                    names.push(self.name()?);
                    self.skip_ws();
                }
                if names.len() == 1 {
                    Selector::Name(names.pop().unwrap_or_default())
                } else {
                    Selector::Names(names)
                }
            }
            Some('?') => {
                self.pos += 1;
                self.skip_ws();
                if !self.eat("(") {
                    return Err(self.error_here("a filter is written [?(...)]"));
                }
                let expr = filter::parse_filter(self)?;
                self.skip_ws();
                if !self.eat(")") {
                    return Err(self.error_here("expected ')' to close the filter"));
                }
                Selector::Filter(Box::new(expr))
            }
            Some('(') => {
                return Err(self.error(
                    "script expressions (...) are not supported",
                    self.pos..self.pos + 1,
                ));
            }
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => self.indexes()?,
            None => return Err(self.error("unclosed '['", open..open + 1)),
            Some(_) => {
                return Err(
                    self.error_here("expected a name, an index, '*' or a filter in brackets")
                );
            }
        };
        self.skip_ws();
        if !self.eat("]") {
            return Err(match self.peek() {
                None => self.error("unclosed '['", open..open + 1),
                Some(_) => self.error_here("expected ']'"),
            });
        }
        Ok(selector)
    }

    /// `0`, `-1`, `0,2,4`, `1:3`, `::2`.
    fn indexes(&mut self) -> Result<Selector, PathError> {
        let first = self.integer()?;
        self.skip_ws();
        if self.peek() == Some(':') {
            self.pos += 1;
            self.skip_ws();
            let end = self.integer()?;
            self.skip_ws();
            let step = if self.eat(":") {
                self.skip_ws();
                // A zero step selects nothing, as in RFC 9535.
                self.integer()?
            } else {
                None
            };
            return Ok(Selector::Slice {
                start: first,
                end,
                step,
            });
        }
        let Some(first) = first else {
            return Err(self.error_here("expected an index"));
        };
        let mut list = vec![first];
        while self.eat(",") {
            self.skip_ws();
            match self.integer()? {
                Some(i) => list.push(i),
                None => return Err(self.error_here("expected an index")),
            }
            self.skip_ws();
        }
        Ok(if list.len() == 1 {
            Selector::Index(first)
        } else {
            Selector::Indexes(list)
        })
    }

    fn integer(&mut self) -> Result<Option<i64>, PathError> {
        let start = self.pos;
        self.eat("-");
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits = &self.text[start..self.pos];
        if digits.is_empty() {
            return Ok(None);
        }
        // Jayway reads indexes as Java ints.
        digits
            .parse::<i32>()
            .map(|n| Some(i64::from(n)))
            .map_err(|_| self.error(format!("'{digits}' is not an index"), start..self.pos))
    }
}

//! The intrinsic function parser.

use super::{Arg, Call, Function, StrLit};
use crate::path;
use std::ops::Range;

/// How deep calls may nest: `States.A(States.B(...))` counts two (AWS allows 10).
pub const MAX_NESTING: usize = 10;

/// A call that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntrinsicError {
    /// What is wrong, for people.
    pub message: String,
    /// The offending bytes of the expression.
    pub range: Range<usize>,
}

/// Parse a whole intrinsic function call.
pub fn parse(text: &str) -> Result<Call, IntrinsicError> {
    let mut p = Parser { text, pos: 0 };
    let call = p.call(1)?;
    p.skip_ws();
    if p.pos < text.len() {
        return Err(p.error("unexpected text after the call", p.pos..text.len()));
    }
    Ok(call)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn error(&self, message: impl Into<String>, range: Range<usize>) -> IntrinsicError {
        IntrinsicError {
            message: message.into(),
            range,
        }
    }

    fn error_here(&self, message: &str) -> IntrinsicError {
        match self.peek() {
            Some(c) => self.error(
                format!("{message}: found '{c}'"),
                self.pos..self.pos + c.len_utf8(),
            ),
            None => self.error(
                format!("{message}: the expression ends here"),
                self.pos..self.pos,
            ),
        }
    }

    fn call(&mut self, depth: usize) -> Result<Call, IntrinsicError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        {
            self.pos += 1;
        }
        let name = &self.text[start..self.pos];
        if name.is_empty() {
            return Err(self.error_here("expected a function name such as States.Format"));
        }
        let Some(function) = Function::from_name(name) else {
            return Err(self.error(
                format!("'{name}' is not an intrinsic function"),
                start..self.pos,
            ));
        };
        if depth > MAX_NESTING {
            return Err(self.error(
                format!("intrinsic functions nest at most {MAX_NESTING} deep"),
                start..self.pos,
            ));
        }
        if self.peek() != Some('(') {
            return Err(self.error_here(&format!("expected '(' after {name}")));
        }
        let open = self.pos;
        self.pos += 1;
        let mut args = Vec::new();
        self.skip_ws();
        if self.peek() == Some(')') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                args.push(self.arg(depth)?);
                self.skip_ws();
                match self.peek() {
                    Some(',') => self.pos += 1,
                    Some(')') => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(self.error("unclosed '('", open..open + 1)),
                    Some(_) => return Err(self.error_here("expected ',' or ')' after an argument")),
                }
            }
        }
        let (min, max) = function.arity();
        if args.len() < min || args.len() > max {
            let expected = match (min, max) {
                (n, m) if n == m => format!("{n} argument{}", if n == 1 { "" } else { "s" }),
                (n, usize::MAX) => {
                    format!("at least {n} argument{}", if n == 1 { "" } else { "s" })
                }
                (n, m) => format!("{n} to {m} arguments"),
            };
            return Err(self.error(
                format!("{name} takes {expected}, not {}", args.len()),
                start..self.pos,
            ));
        }
        Ok(Call {
            function,
            args,
            range: start..self.pos,
        })
    }

    fn arg(&mut self, depth: usize) -> Result<Arg, IntrinsicError> {
        let start = self.pos;
        match self.peek() {
            Some('\'') => self.string().map(Arg::String),
            Some('$') => {
                let end = self.path_end();
                let text = &self.text[start..end];
                let parsed = path::parse(text)
                    .map_err(|e| self.error(e.message, path::shift(e.range, start)))?;
                self.pos = end;
                Ok(Arg::Path(parsed, text.into()))
            }
            Some('-' | '0'..='9') => {
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
                {
                    self.pos += 1;
                }
                let text = &self.text[start..self.pos];
                serde_json::from_str(text)
                    .map(Arg::Number)
                    .map_err(|_| self.error(format!("'{text}' is not a number"), start..self.pos))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let word_end = start
                    + self
                        .rest()
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(self.rest().len());
                match &self.text[start..word_end] {
                    "true" | "false" | "null" if !self.text[word_end..].starts_with(['.', '(']) => {
                        self.pos = word_end;
                        Ok(match &self.text[start..word_end] {
                            "true" => Arg::Bool(true),
                            "false" => Arg::Bool(false),
                            _ => Arg::Null,
                        })
                    }
                    _ => self.call(depth + 1).map(Arg::Call),
                }
            }
            _ => {
                Err(self.error_here("expected an argument: a 'string', a number, a path or a call"))
            }
        }
    }

    /// The end of a path argument: the first `,` or `)` outside brackets, parentheses and quotes.
    fn path_end(&self) -> usize {
        let mut depth = 0usize;
        let mut quote = None;
        let mut escaped = false;
        for (i, c) in self.rest().char_indices() {
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '\'' | '"' => quote = Some(c),
                '[' | '(' => depth += 1,
                ']' | ')' if depth > 0 => depth -= 1,
                ',' | ')' if depth == 0 => return self.pos + i,
                c if c.is_whitespace() && depth == 0 => return self.pos + i,
                _ => {}
            }
        }
        self.text.len()
    }

    /// A single-quoted string. Inside it, `\'`, `\{`, `\}` and `\\` are the only escapes; any
    /// other backslash makes the definition invalid (AWS rejects it when the machine is created).
    fn string(&mut self) -> Result<StrLit, IntrinsicError> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        while let Some(c) = self.peek() {
            match c {
                '\'' => {
                    let raw = self.text[start..self.pos].into();
                    self.pos += 1;
                    return Ok(StrLit { raw });
                }
                '\\' => {
                    let next = self.rest()[1..].chars().next();
                    match next {
                        Some('\'' | '{' | '}' | '\\') => self.pos += 2,
                        Some(other) => {
                            return Err(self.error(
                                format!(
                                    "'\\{other}' is not an escape: only \\', \\{{, \\}} and \\\\ are \
                                     allowed in intrinsic function strings"
                                ),
                                self.pos..self.pos + 1 + other.len_utf8(),
                            ));
                        }
                        None => return Err(self.error("unclosed string", open..self.text.len())),
                    }
                }
                _ => self.pos += c.len_utf8(),
            }
        }
        Err(self.error("unclosed string", open..self.text.len()))
    }
}

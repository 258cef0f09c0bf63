//! Filter expressions, `[?(@.price < 10 && @.tags)]`, in Jayway's syntax.

use super::Path;
use super::parse::{Cursor, Mode, PathError};

/// A filter expression.
#[derive(Clone, Debug, PartialEq)]
pub enum FilterExpr {
    /// `a || b`
    Or(Box<FilterExpr>, Box<FilterExpr>),
    /// `a && b`
    And(Box<FilterExpr>, Box<FilterExpr>),
    /// `!a`
    Not(Box<FilterExpr>),
    /// `left op right`
    Compare {
        /// The left operand.
        left: Operand,
        /// The operator.
        op: CompareOp,
        /// The right operand.
        right: Operand,
    },
    /// A lone operand: true when the path exists (or the literal is truthy).
    Exists(Operand),
}

/// A comparison operator (Jayway's set).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `=~` (regular expression match)
    Matches,
    /// `in`
    In,
    /// `nin`
    NotIn,
    /// `subsetof`
    SubsetOf,
    /// `anyof`
    AnyOf,
    /// `noneof`
    NoneOf,
    /// `size`
    Size,
    /// `empty`
    Empty,
    /// `contains`
    Contains,
}

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// `@...` or `$...`
    Path(Path),
    /// A JSON literal: number, string (single or double quoted), boolean, null, array, object.
    Literal(serde_json::Value),
    /// `/pattern/flags`
    Regex(Pattern),
}

/// A regular expression of a filter, `/^a.*/i`, compiled once. It must match the whole string,
/// as Java's `Matcher.matches()` does in Jayway.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The pattern between the slashes.
    pub source: Box<str>,
    /// The flags after the closing slash.
    pub flags: Box<str>,
    regex: regex_lite::Regex,
}

impl Pattern {
    /// Compile `/source/flags`; `None` when the pattern or a flag is not valid.
    pub fn new(source: &str, flags: &str) -> Option<Pattern> {
        if !flags.chars().all(|f| matches!(f, 'i' | 'm' | 's' | 'x')) {
            return None;
        }
        let inline = if flags.is_empty() {
            String::new()
        } else {
            format!("(?{flags})")
        };
        let regex = regex_lite::Regex::new(&format!("{inline}^(?:{source})$")).ok()?;
        Some(Pattern {
            source: source.into(),
            flags: flags.into(),
            regex,
        })
    }

    /// True when the whole of `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source && self.flags == other.flags
    }
}

const OPERATORS: [(&str, CompareOp); 14] = [
    ("==", CompareOp::Eq),
    ("!=", CompareOp::Ne),
    ("<=", CompareOp::Le),
    (">=", CompareOp::Ge),
    ("=~", CompareOp::Matches),
    ("<", CompareOp::Lt),
    (">", CompareOp::Gt),
    ("subsetof", CompareOp::SubsetOf),
    ("contains", CompareOp::Contains),
    ("noneof", CompareOp::NoneOf),
    ("anyof", CompareOp::AnyOf),
    ("empty", CompareOp::Empty),
    ("size", CompareOp::Size),
    ("nin", CompareOp::NotIn),
];

/// Parse the expression inside `[?(` … `)]`; the cursor stops before the closing `)`.
pub(super) fn parse_filter(cursor: &mut Cursor<'_>) -> Result<FilterExpr, PathError> {
    or(cursor)
}

fn or(c: &mut Cursor<'_>) -> Result<FilterExpr, PathError> {
    let mut left = and(c)?;
    loop {
        c.skip_ws();
        if !c.eat("||") {
            return Ok(left);
        }
        left = FilterExpr::Or(Box::new(left), Box::new(and(c)?));
    }
}

fn and(c: &mut Cursor<'_>) -> Result<FilterExpr, PathError> {
    let mut left = unary(c)?;
    loop {
        c.skip_ws();
        if !c.eat("&&") {
            return Ok(left);
        }
        left = FilterExpr::And(Box::new(left), Box::new(unary(c)?));
    }
}

fn unary(c: &mut Cursor<'_>) -> Result<FilterExpr, PathError> {
    c.skip_ws();
    if c.rest().starts_with('!') && !c.rest().starts_with("!=") {
        c.pos += 1;
        return Ok(FilterExpr::Not(Box::new(unary(c)?)));
    }
    if c.eat("(") {
        let inner = or(c)?;
        c.skip_ws();
        if !c.eat(")") {
            return Err(c.error_here("expected ')'"));
        }
        return Ok(inner);
    }
    let left = operand(c)?;
    c.skip_ws();
    let Some(op) = operator(c) else {
        return Ok(FilterExpr::Exists(left));
    };
    c.skip_ws();
    let right = operand(c)?;
    Ok(FilterExpr::Compare { left, op, right })
}

fn operator(c: &mut Cursor<'_>) -> Option<CompareOp> {
    for (text, op) in OPERATORS {
        if c.eat(text) {
            return Some(op);
        }
    }
    // `in` must stand alone as a word (`@.a in [...]`, not `@.a index`).
    let rest = c.rest();
    if rest.starts_with("in") && !rest[2..].starts_with(|ch: char| ch.is_alphanumeric()) {
        c.pos += 2;
        return Some(CompareOp::In);
    }
    None
}

fn operand(c: &mut Cursor<'_>) -> Result<Operand, PathError> {
    c.skip_ws();
    match c.peek() {
        Some('@' | '$') => c.path(Mode::Embedded).map(Operand::Path),
        Some('\'' | '"') => string_literal(c),
        Some('/') => regex(c),
        Some('-' | '.' | '0'..='9') => number(c),
        Some('[' | '{') => json_literal(c),
        Some('t' | 'f' | 'n') => {
            let start = c.pos;
            json_literal(c).or_else(|_| {
                c.pos = start;
                bare_word(c)
            })
        }
        _ => bare_word(c),
    }
}

/// A quoted string compared in a filter, its escapes read as Jayway reads them (Java's:
/// `\'`, `\"`, `\\`, `\n`, `\uXXXX`, …).
fn string_literal(c: &mut Cursor<'_>) -> Result<Operand, PathError> {
    let raw = c.quoted()?;
    Ok(Operand::Literal(serde_json::Value::String(unescape(&raw))))
}

/// Java's string escapes; a backslash before any other character stands for that character.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.clone().take(4).collect();
                match u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == 4)
                {
                    Some(unit) => {
                        chars.nth(3);
                        // A surrogate pair arrives as two escapes: join them.
                        let low = (0xD800..0xDC00).contains(&unit).then(|| {
                            let rest = chars.as_str();
                            rest.strip_prefix("\\u")
                                .and_then(|r| r.get(..4))
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .filter(|l| (0xDC00..0xE000).contains(l))
                        });
                        match low.flatten() {
                            Some(low) => {
                                chars.nth(5);
                                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                out.extend(char::from_u32(code));
                            }
                            None => out.push(char::from_u32(unit).unwrap_or('\u{fffd}')),
                        }
                    }
                    None => out.push('u'),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// An unquoted word compared in a filter (`@.Name==Receipt`): deployed definitions, one of
/// AWS's own samples among them, compare names this way. ⚠ What AWS matches is not recorded:
/// Jayway's first filter evaluator compared the word as a string (`a.equals(expected)`), which
/// is what those definitions mean, so the playground compares it as the string it spells.
fn bare_word(c: &mut Cursor<'_>) -> Result<Operand, PathError> {
    let start = c.pos;
    while let Some(ch) = c.peek() {
        if ch.is_whitespace() || matches!(ch, ')' | '&' | '|' | '=' | '!' | '<' | '>' | ']' | '[') {
            break;
        }
        c.pos += ch.len_utf8();
    }
    if c.pos == start {
        return Err(c.error_here("expected a value or a path in the filter"));
    }
    Ok(Operand::Literal(serde_json::Value::String(
        c.text[start..c.pos].to_string(),
    )))
}

/// A JSON literal as Jayway reads it: strings may also be single-quoted, at any depth.
fn json_literal(c: &mut Cursor<'_>) -> Result<Operand, PathError> {
    let start = c.pos;
    literal_value(c)
        .map(Operand::Literal)
        .ok_or_else(|| c.error("not a valid literal", start..c.pos.max(start + 1)))
}

fn literal_value(c: &mut Cursor<'_>) -> Option<serde_json::Value> {
    use serde_json::Value;
    c.skip_ws();
    match c.peek()? {
        '\'' | '"' => c.quoted().ok().map(|s| Value::String(unescape(&s))),
        '-' | '0'..='9' => match number(c).ok()? {
            Operand::Literal(v) => Some(v),
            _ => None,
        },
        '[' => {
            c.pos += 1;
            let mut items = Vec::new();
            c.skip_ws();
            if c.eat("]") {
                return Some(Value::Array(items));
            }
            loop {
                items.push(literal_value(c)?);
                c.skip_ws();
                if c.eat("]") {
                    return Some(Value::Array(items));
                }
                if !c.eat(",") {
                    return None;
                }
            }
        }
        '{' => {
            c.pos += 1;
            let mut map = serde_json::Map::new();
            c.skip_ws();
            if c.eat("}") {
                return Some(Value::Object(map));
            }
            loop {
                c.skip_ws();
                let key = c.quoted().ok()?;
                c.skip_ws();
                if !c.eat(":") {
                    return None;
                }
                map.insert(key.into(), literal_value(c)?);
                c.skip_ws();
                if c.eat("}") {
                    return Some(Value::Object(map));
                }
                if !c.eat(",") {
                    return None;
                }
            }
        }
        _ => {
            for (word, value) in [
                ("true", Value::Bool(true)),
                ("false", Value::Bool(false)),
                ("null", Value::Null),
            ] {
                if c.eat(word) {
                    return Some(value);
                }
            }
            None
        }
    }
}

/// A number, scanned by hand: serde_json's stream reader refuses a number followed by `)`. As
/// Java's BigDecimal, it may start or end with its point (`.5`, `5.`) and have an exponent.
fn number(c: &mut Cursor<'_>) -> Result<Operand, PathError> {
    let start = c.pos;
    c.eat("-");
    let digits = |c: &mut Cursor<'_>| {
        while c.peek().is_some_and(|d| d.is_ascii_digit()) {
            c.pos += 1;
        }
    };
    digits(c);
    if c.rest().starts_with('.') {
        c.pos += 1;
        digits(c);
    }
    if c.rest().starts_with(['e', 'E']) {
        c.pos += 1;
        if c.rest().starts_with(['+', '-']) {
            c.pos += 1;
        }
        digits(c);
    }
    let text = &c.text[start..c.pos];
    let value = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .filter(serde_json::Value::is_number)
        .or_else(|| {
            let float = text.parse::<f64>().ok().filter(|f| f.is_finite())?;
            serde_json::Number::from_f64(float).map(serde_json::Value::Number)
        });
    value
        .map(Operand::Literal)
        .ok_or_else(|| c.error(format!("'{text}' is not a number"), start..c.pos))
}

fn regex(c: &mut Cursor<'_>) -> Result<Operand, PathError> {
    let start = c.pos;
    c.pos += 1;
    let pattern_start = c.pos;
    while let Some(ch) = c.peek() {
        if ch == '/' {
            let source = &c.text[pattern_start..c.pos];
            c.pos += 1;
            let flags_start = c.pos;
            while c.peek().is_some_and(|f| f.is_ascii_alphabetic()) {
                c.pos += 1;
            }
            let flags = &c.text[flags_start..c.pos];
            return Pattern::new(source, flags)
                .map(Operand::Regex)
                .ok_or_else(|| c.error("not a valid regular expression", start..c.pos));
        }
        c.pos += ch.len_utf8();
        if ch == '\\'
            && let Some(next) = c.peek()
        {
            c.pos += next.len_utf8();
        }
    }
    Err(c.error("unclosed regular expression", start..c.pos))
}

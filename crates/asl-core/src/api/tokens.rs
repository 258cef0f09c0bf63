//! The editor's colours: the JSON text cut into tokens (keys, strings, numbers, `true`/`false`/
//! `null`, punctuation) by a lexer that keeps going through errors, so a definition being typed is
//! coloured too; and the bracket that matches the one at the cursor.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// An object key (a string followed by `:`).
    Key,
    /// A string value.
    String,
    /// A number.
    Number,
    /// `true`, `false` or `null`.
    Keyword,
    /// `{ } [ ] : ,`.
    Punctuation,
}

impl TokenKind {
    /// A CSS class suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Key => "key",
            TokenKind::String => "string",
            TokenKind::Number => "number",
            TokenKind::Keyword => "keyword",
            TokenKind::Punctuation => "punctuation",
        }
    }
}

/// A token: its byte range and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
}

/// The tokens of JSON text (anything else between them is skipped).
pub fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                let mut after = i;
                while after < bytes.len() && bytes[after].is_ascii_whitespace() {
                    after += 1;
                }
                let kind = if bytes.get(after) == Some(&b':') {
                    TokenKind::Key
                } else {
                    TokenKind::String
                };
                out.push(Token {
                    start,
                    end: i.min(bytes.len()),
                    kind,
                });
            }
            b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                i += 1;
                out.push(Token {
                    start,
                    end: i,
                    kind: TokenKind::Punctuation,
                });
            }
            b'-' | b'0'..=b'9' => {
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                out.push(Token {
                    start,
                    end: i,
                    kind: TokenKind::Number,
                });
            }
            b't' | b'f' | b'n' => {
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if matches!(&text[start..i], "true" | "false" | "null") {
                    out.push(Token {
                        start,
                        end: i,
                        kind: TokenKind::Keyword,
                    });
                }
            }
            _ => i += 1,
        }
    }
    // A string cut by the end of its line must not end inside a character.
    out.retain(|t| text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    out
}

/// The byte offset of the bracket matching the one at `offset` (or just before it), if any.
pub fn matching_bracket(text: &str, offset: usize) -> Option<(usize, usize)> {
    let tokens = tokens(text);
    let brackets: Vec<(usize, u8)> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Punctuation)
        .map(|t| (t.start, text.as_bytes()[t.start]))
        .filter(|(_, b)| matches!(b, b'{' | b'}' | b'[' | b']'))
        .collect();
    let at = brackets
        .iter()
        .position(|(o, _)| *o == offset)
        .or_else(|| brackets.iter().position(|(o, _)| *o + 1 == offset))?;
    let (position, bracket) = brackets[at];
    let (open, close, forward) = match bracket {
        b'{' => (b'{', b'}', true),
        b'[' => (b'[', b']', true),
        b'}' => (b'{', b'}', false),
        _ => (b'[', b']', false),
    };
    let mut depth = 0i32;
    let candidates: Box<dyn Iterator<Item = &(usize, u8)>> = if forward {
        Box::new(brackets[at..].iter())
    } else {
        Box::new(brackets[..=at].iter().rev())
    };
    for (o, b) in candidates {
        if *b == open {
            depth += if forward { 1 } else { -1 };
        } else if *b == close {
            depth += if forward { -1 } else { 1 };
        }
        if depth == 0 {
            return Some((position, *o));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_strings_numbers_keywords_and_punctuation() {
        let text = r#"{"a": "b", "n": -1.5e3, "t": [true, null]}"#;
        let kinds: Vec<(&str, TokenKind)> = tokens(text)
            .iter()
            .filter(|t| t.kind != TokenKind::Punctuation)
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("\"a\"", TokenKind::Key),
                ("\"b\"", TokenKind::String),
                ("\"n\"", TokenKind::Key),
                ("-1.5e3", TokenKind::Number),
                ("\"t\"", TokenKind::Key),
                ("true", TokenKind::Keyword),
                ("null", TokenKind::Keyword),
            ]
        );
        // An unfinished string ends at its line.
        assert_eq!(tokens("{\"ab\n}").len(), 3);
    }

    #[test]
    fn brackets_pair_up() {
        let text = r#"{"a": [1, {"b": 2}], "c": "}"}"#;
        assert_eq!(matching_bracket(text, 0), Some((0, text.len() - 1)));
        assert_eq!(matching_bracket(text, 6), Some((6, 18)));
        assert_eq!(
            matching_bracket(text, 19),
            Some((18, 6)),
            "just after a bracket"
        );
        assert_eq!(matching_bracket(text, 2), None);
    }
}

//! Positions in the text the user pasted.
//!
//! The engine stores only byte [`Span`]s. Human positions (1-based line and column) and the
//! UTF-16 offsets a browser editor needs are computed at the boundary through a [`LineIndex`].

use serde::Serialize;

/// A byte range into a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: to_u32(start),
            end: to_u32(end.max(start)),
        }
    }

    /// An empty span at `offset`.
    pub fn at(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The byte range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A position for people and editors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in Unicode scalar values (what a person counts).
    pub column: u32,
    /// Byte offset from the start of the text.
    pub offset: u32,
    /// Offset in UTF-16 code units from the start of the text (what a browser editor counts).
    pub utf16: u32,
}

/// Maps byte offsets to [`Position`]s.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of every line.
    line_starts: Vec<u32>,
    /// UTF-16 offset of the start of every line.
    line_starts_utf16: Vec<u32>,
}

impl<'a> LineIndex<'a> {
    /// Index the line starts of `text`. Lines end at `\n`, `\r\n` or a lone `\r`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        let mut line_starts_utf16 = vec![0];
        let mut utf16 = 0u32;
        let mut chars = text.char_indices().peekable();
        while let Some((_, ch)) = chars.next() {
            utf16 += ch.len_utf16() as u32;
            let line_break = match ch {
                '\n' => true,
                '\r' => {
                    if chars.next_if(|&(_, next)| next == '\n').is_some() {
                        utf16 += 1;
                    }
                    true
                }
                _ => false,
            };
            if line_break {
                let next = chars.peek().map_or(text.len(), |&(offset, _)| offset);
                line_starts.push(to_u32(next));
                line_starts_utf16.push(utf16);
            }
        }
        LineIndex {
            text,
            line_starts,
            line_starts_utf16,
        }
    }

    /// The text this index was built for.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of lines (a text without a line break has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The position of a byte offset. Offsets inside a character count as its start; offsets past
    /// the end count as the end.
    pub fn position(&self, offset: u32) -> Position {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            - 1;
        let line_start = self.line_starts[line] as usize;
        let before = &self.text[line_start..offset];
        let column = before.chars().count() as u32 + 1;
        let utf16 = self.line_starts_utf16[line] + before.encode_utf16().count() as u32;
        Position {
            line: line as u32 + 1,
            column,
            offset: offset as u32,
            utf16,
        }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: u32) -> &'a str {
        let index = (line as usize)
            .saturating_sub(1)
            .min(self.line_starts.len() - 1);
        let start = self.line_starts[index] as usize;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&e| e as usize);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// The byte offset of a UTF-16 offset (what a browser's `selectionStart` counts) in `text`;
/// offsets past the end give the end.
pub fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (offset, ch) in text.char_indices() {
        if units >= utf16 {
            return offset;
        }
        units += ch.len_utf16() as u32;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_columns_and_utf16() {
        let text = "ab\nдé𝄞x\r\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let p = index.position(0);
        assert_eq!((p.line, p.column, p.utf16), (1, 1, 0));
        // 'x' comes after д (2 bytes), é (2 bytes), 𝄞 (4 bytes, 2 UTF-16 units).
        let x = text.find('x').unwrap() as u32;
        let p = index.position(x);
        assert_eq!((p.line, p.column, p.offset, p.utf16), (2, 4, x, 7));
        let z = text.find('z').unwrap() as u32;
        let p = index.position(z);
        assert_eq!((p.line, p.column, p.utf16), (3, 1, 10));
        assert_eq!(index.line_text(2), "дé𝄞x");
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let index = LineIndex::new("é");
        assert_eq!(index.position(1).offset, 0);
        assert_eq!(index.position(99).offset, 2);
        assert_eq!(index.position(99).column, 2);
    }

    #[test]
    fn utf16_offsets_map_to_bytes() {
        let text = "a𝄞é-";
        assert_eq!(byte_offset(text, 0), 0);
        assert_eq!(byte_offset(text, 1), 1);
        assert_eq!(byte_offset(text, 3), 5);
        assert_eq!(byte_offset(text, 4), 7);
        assert_eq!(byte_offset(text, 99), text.len());
    }

    #[test]
    fn lone_carriage_returns_break_lines() {
        let index = LineIndex::new("a\rb");
        assert_eq!(index.position(2).line, 2);
    }
}

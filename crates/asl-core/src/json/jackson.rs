//! Jackson's ways of describing characters and locations, reproduced for AWS-identical messages.

/// How Jackson names a character in messages: `'x' (code 120)`, `(CTRL-CHAR, code 10)`, or
/// `'ж' (code 1078 / 0x436)` above Latin-1.
pub(super) fn char_desc(ch: char) -> String {
    let code = ch as u32;
    if ch.is_control() && code < 0x20 {
        format!("(CTRL-CHAR, code {code})")
    } else if code > 255 {
        format!("'{ch}' (code {code} / 0x{code:x})")
    } else {
        format!("'{ch}' (code {code})")
    }
}

/// Jackson's location text, `[Source: (String)"…"; line: 1, column: 4]`, for a byte offset in
/// `source`. The source excerpt is cut at 500 characters, as Jackson cuts it; columns count UTF-16
/// units from 1, as Java strings do.
pub(super) fn location(source: &str, offset: usize) -> String {
    const MAX_SNIPPET: usize = 500;
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let column = before[line_start.min(before.len())..]
        .encode_utf16()
        .count()
        + 1;
    let total = source.chars().count();
    let snippet: String = source.chars().take(MAX_SNIPPET).collect();
    let truncated = if total > MAX_SNIPPET {
        format!("[truncated {} chars]", total - MAX_SNIPPET)
    } else {
        String::new()
    };
    format!("[Source: (String)\"{snippet}\"{truncated}; line: {line}, column: {column}]")
}

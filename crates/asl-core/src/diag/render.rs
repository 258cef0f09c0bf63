//! Plain-text rendering: `file:line:col: severity CODE message`, then a source frame.

use super::Diagnostic;
use crate::text::LineIndex;
use std::fmt::Write;

/// Render one diagnostic against the text it was found in.
///
/// ```text
/// machine.json:4:15: error MISSING_TRANSITION_TARGET Missing 'Next' target: Fetchh
///   |
/// 4 |       "Next": "Fetchh",
///   |               ^^^^^^^^
///   = location: /States/Start/Next
///   = help: Did you mean 'Fetch'?
/// ```
pub fn render(diagnostic: &Diagnostic, file: &str, index: &LineIndex<'_>) -> String {
    let mut out = String::new();
    let severity = diagnostic.severity.as_str().to_ascii_lowercase();
    let start = index.position(diagnostic.span.map_or(0, |s| s.start));
    let _ = writeln!(
        out,
        "{file}:{}:{}: {severity} {} {}",
        start.line,
        start.column,
        diagnostic.code,
        diagnostic.headline()
    );
    if let Some(span) = diagnostic.span {
        let end = index.position(span.end);
        let line_text = index.line_text(start.line);
        let gutter = start.line.to_string().len();
        let pad = " ".repeat(gutter);
        let first = start.column as usize - 1;
        let width = if end.line == start.line {
            (end.column - start.column) as usize
        } else {
            line_text.chars().count().saturating_sub(first)
        };
        let indent: String = line_text
            .chars()
            .take(first)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {line_text}", start.line);
        let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(width.max(1)));
    }
    let pad = " ".repeat(start.line.to_string().len());
    if let Some(location) = diagnostic.pointer() {
        let _ = writeln!(out, "{pad} = location: {location}");
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::text::Span;

    #[test]
    fn renders_a_frame_with_carets_under_the_span() {
        let text = "{\n  \"Next\": \"Fetchh\"\n}";
        let start = text.find("\"Fetchh\"").unwrap();
        let d = Diagnostic::error(
            Code::MissingTransitionTarget,
            "missing-transition-target",
            "Missing 'Next' target: Fetchh",
        )
        .at("/States/A/Next")
        .span(Span::new(start, start + 8))
        .help("Did you mean 'Fetch'?");
        let index = LineIndex::new(text);
        assert_eq!(
            render(&d, "m.json", &index),
            "m.json:2:11: error MISSING_TRANSITION_TARGET Missing 'Next' target: Fetchh\n  |\n2 |   \
             \"Next\": \"Fetchh\"\n  |           ^^^^^^^^\n  = location: /States/A/Next\n  = help: \
             Did you mean 'Fetch'?\n"
        );
    }
}

//! Reading a definition as pasted: JSON, or YAML for Serverless Framework and SAM users.

use crate::diag::{Code, Diagnostic};
use crate::json::{self, Node, ParseErrorKind};
use crate::text::Span;
use crate::yaml;

/// The notation of a definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON, as AWS takes it.
    Json,
    /// YAML.
    Yaml,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "yaml" | "yml" => Ok(Format::Yaml),
            _ => Err(format!(
                "'{s}' is not a definition format: use json or yaml"
            )),
        }
    }
}

/// A definition that was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// The tree.
    pub root: Node,
    /// How it was written.
    pub format: Format,
    /// Warnings found while reading (text after the definition).
    pub notes: Vec<Diagnostic>,
}

/// Read a definition. With no `format`, a text starting with `{` (or anything that is not a YAML
/// mapping) is read as JSON, so that errors are the ones AWS reports; a YAML mapping is read as
/// YAML.
pub fn read(text: &str, format: Option<Format>) -> Result<Definition, Diagnostic> {
    if let Some(too_large) = too_large(text) {
        return Err(too_large);
    }
    let format = format.unwrap_or_else(|| detect(text));
    match format {
        Format::Json => read_json(text),
        Format::Yaml => read_yaml(text),
    }
}

/// The longest definition AWS accepts, in characters (UTF-16 code units, as its API counts).
pub const MAX_DEFINITION_CHARS: usize = 1_048_576;

/// A definition longer than AWS accepts, refused before it is read (a pasted 10 MB document is
/// not parsed on every keystroke): pointed at the first character past the limit.
fn too_large(text: &str) -> Option<Diagnostic> {
    if text.len() <= MAX_DEFINITION_CHARS {
        return None;
    }
    let mut units = 0;
    let (at, c) = text.char_indices().find(|(_, c)| {
        units += c.len_utf16();
        units > MAX_DEFINITION_CHARS
    })?;
    let total = units + text[at + c.len_utf8()..].encode_utf16().count();
    Some(
        Diagnostic::error(
            Code::DefinitionTooLarge,
            "definition-too-large",
            format!(
                "The definition is {total} characters long: AWS accepts at most \
                 {MAX_DEFINITION_CHARS} (CreateStateMachine and ValidateStateMachineDefinition \
                 refuse longer ones), so the playground does not read it"
            ),
        )
        .span(Span::new(at, at + c.len_utf8())),
    )
}

/// JSON or YAML: YAML when the text is a YAML mapping rather than JSON.
pub fn detect(text: &str) -> Format {
    let first = text.trim_start().chars().next();
    if matches!(first, None | Some('{' | '[' | '"')) {
        return Format::Json;
    }
    match yaml::parse(text) {
        Ok(Some(node)) if node.as_object().is_some() => Format::Yaml,
        Err(_) if looks_like_yaml(text) => Format::Yaml,
        _ => Format::Json,
    }
}

/// A first meaningful line of the form `key: …` or `- …`.
fn looks_like_yaml(text: &str) -> bool {
    let Some(line) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return false;
    };
    line == "---"
        || line.starts_with("- ")
        || line
            .split_once(':')
            .is_some_and(|(k, _)| !k.is_empty() && !k.contains(' '))
}

fn read_json(text: &str) -> Result<Definition, Diagnostic> {
    match json::parse(text) {
        Ok(document) => {
            let notes = document
                .trailing
                .map(|span| {
                    Diagnostic::warning(
                        Code::TrailingContent,
                        "trailing-content",
                        "There is text after the end of the definition; AWS ignores it",
                    )
                    .span(span)
                })
                .into_iter()
                .collect();
            Ok(Definition {
                root: document.root,
                format: Format::Json,
                notes,
            })
        }
        Err(e) if e.kind == ParseErrorKind::Empty => Err(Diagnostic::error(
            Code::SchemaValidationFailed,
            "not-an-object",
            "Definition must be a valid JSON object",
        )
        .span(e.span)),
        Err(e) => {
            let location = e.jackson_location(text);
            // `"MaxConcurrency": ${Concurrency}`: a template's number placeholder, unquoted.
            let at = e.span.start as usize;
            if let Some(found) =
                crate::placeholder::find(&text[at..]).filter(|p| p.range.start == 0)
            {
                let end = at + found.range.end;
                return Err(Diagnostic::error(
                    Code::UnresolvedPlaceholder,
                    "unresolved-placeholder",
                    crate::placeholder::describe(
                        &[found.name],
                        "until it is, the definition is not JSON",
                    ),
                )
                .at(location)
                .span(Span::new(at, end))
                .help(crate::placeholder::HELP));
            }
            // AWS's message is Jackson's whole text, its location included.
            Err(Diagnostic::error(
                Code::InvalidJsonDescription,
                "invalid-json",
                format!("{}\n at {location}", e.message),
            )
            .at(location)
            .span(e.span))
        }
    }
}

fn read_yaml(text: &str) -> Result<Definition, Diagnostic> {
    match yaml::parse(text) {
        Ok(Some(root)) => Ok(Definition {
            root,
            format: Format::Yaml,
            notes: Vec::new(),
        }),
        Ok(None) => Err(Diagnostic::error(
            Code::SchemaValidationFailed,
            "not-an-object",
            "Definition must be a valid JSON object",
        )
        .span(Span::at(0))),
        Err(e) => Err(Diagnostic::error(
            Code::InvalidJsonDescription,
            "invalid-yaml",
            format!("Invalid YAML: {}", e.message),
        )
        .span(e.span)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A definition of exactly `chars` UTF-16 units, its padding a Comment of `fill`.
    fn definition_of(chars: usize, fill: char) -> String {
        let shell = r#"{"Comment": "", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
        let room = (chars - shell.len()) / fill.len_utf16();
        shell.replacen("\"\"", &format!("\"{}\"", fill.to_string().repeat(room)), 1)
    }

    #[test]
    fn a_definition_longer_than_aws_accepts_is_refused_unread() {
        let at_limit = definition_of(MAX_DEFINITION_CHARS, 'x');
        assert_eq!(at_limit.encode_utf16().count(), MAX_DEFINITION_CHARS);
        assert!(read(&at_limit, None).is_ok());
        // AWS counts UTF-16 units: 'é' is one, '😀' two; bytes do not count.
        for fill in ['x', 'é', '😀'] {
            let text = definition_of(MAX_DEFINITION_CHARS + 2, fill);
            let e = read(&text, None).unwrap_err();
            assert_eq!(e.code, Code::DefinitionTooLarge);
            let span = e.span.expect("a span");
            assert!(span.end as usize <= text.len() && text.is_char_boundary(span.start as usize));
            // It points at the character that crosses the limit.
            let units = |end: u32| text[..end as usize].encode_utf16().count();
            assert!(units(span.start) <= MAX_DEFINITION_CHARS);
            assert!(units(span.end) > MAX_DEFINITION_CHARS);
            assert!(
                e.message
                    .contains(&format!("{} characters", text.encode_utf16().count()))
            );
        }
        let accented = definition_of(MAX_DEFINITION_CHARS, 'é');
        assert!(
            accented.len() > MAX_DEFINITION_CHARS,
            "more bytes than characters"
        );
        assert!(read(&accented, None).is_ok());
    }

    #[test]
    fn a_json_syntax_error_is_jacksons_whole_text() {
        let error = read("not a definition", None).unwrap_err();
        assert_eq!(error.code, Code::InvalidJsonDescription);
        assert_eq!(
            error.message,
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token \
             'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]"
        );
        assert_eq!(
            error.location.as_deref(),
            Some("[Source: (String)\"not a definition\"; line: 1, column: 4]")
        );
        assert_eq!(
            error.headline(),
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token \
             'null', 'true' or 'false')"
        );
    }

    #[test]
    fn an_unquoted_placeholder_is_said_to_be_one() {
        let error = read("{\"MaxConcurrency\": ${Concurrency}}", None).unwrap_err();
        assert_eq!(error.code, Code::UnresolvedPlaceholder);
        assert_eq!(error.span, Some(Span::new(19, 33)));
    }

    #[test]
    fn detects_the_notation() {
        assert_eq!(
            read("{\"StartAt\": \"A\"}", None).unwrap().format,
            Format::Json
        );
        assert_eq!(
            read("StartAt: A\nStates: {}\n", None).unwrap().format,
            Format::Yaml
        );
        assert_eq!(
            read("# comment\nStartAt: A\n", None).unwrap().format,
            Format::Yaml
        );
        // Not a mapping: read as JSON, for AWS's own message.
        let e = read("not a definition", None).unwrap_err();
        assert_eq!(e.code, Code::InvalidJsonDescription);
        // Broken YAML that is clearly YAML gets the YAML error.
        let e = read("StartAt: A\nStates: [\n", None).unwrap_err();
        assert!(e.message.starts_with("Invalid YAML"), "{}", e.message);
    }

    #[test]
    fn blank_text_is_not_an_object() {
        let e = read(" ", None).unwrap_err();
        assert_eq!(e.code, Code::SchemaValidationFailed);
        assert_eq!(e.message, "Definition must be a valid JSON object");
        assert_eq!(e.location, None);
    }

    #[test]
    fn trailing_text_is_a_warning() {
        let d = read("{} }", None).unwrap();
        assert_eq!(d.notes[0].code, Code::TrailingContent);
    }
}

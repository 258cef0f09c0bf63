//! YAML definitions (Serverless Framework and SAM users write YAML), read into the same spanned
//! [`Node`] tree as JSON.
//!
//! Scalars are resolved with the YAML 1.2 core schema (`true`, `null`, `42`, `1.5`); quoted and
//! block scalars are strings. Anchors and aliases are expanded, with a cap so that a small text
//! cannot expand into a huge tree. Tags (`!Sub`, `!GetAtt`) are ignored: the tagged value is used
//! as it is written.

use crate::json::{Key, Kind, MAX_DEPTH, Member, Node, Number, Object, Str, StrLayout};
use crate::text::Span;
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;

/// A YAML text that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// What went wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// Read a YAML document into a spanned tree. `Ok(None)` when the text holds no document.
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    let offsets = CharOffsets::new(text);
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
    };
    let limit = 10_000 + 64 * text.len();
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| YamlError {
            message: e.info().to_string(),
            span: Span::at(offsets.byte(e.marker().index())),
        })?;
        let span = Span::new(
            offsets.byte(span.start.index()),
            offsets.byte(span.end.index()),
        );
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        message: "a definition is one YAML document; found a second one".into(),
                        span,
                    });
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let node = scalar(text, &value, style, tag.is_some(), span);
                builder.push(node, anchor, span)?;
            }
            Event::SequenceStart(anchor, _) => builder.open(Open::Seq(Vec::new()), anchor, span)?,
            Event::MappingStart(anchor, _) => {
                builder.open(Open::Map(Vec::new(), None), anchor, span)?;
            }
            Event::SequenceEnd | Event::MappingEnd => builder.close(span)?,
            Event::Alias(id) => {
                let Some(node) = builder.anchors.get(&id).cloned() else {
                    return Err(YamlError {
                        message: "unknown alias".into(),
                        span,
                    });
                };
                builder.nodes += count(&node);
                if builder.nodes > limit {
                    return Err(YamlError {
                        message: "aliases expand into a document too large to read".into(),
                        span,
                    });
                }
                builder.push(Node { span, ..node }, 0, span)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok(builder.root)
}

enum Open {
    Seq(Vec<Node>),
    /// Members so far, and a key waiting for its value.
    Map(Vec<Member>, Option<Key>),
}

struct Frame {
    open: Open,
    anchor: usize,
    start: u32,
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    root: Option<Node>,
}

impl Builder {
    fn open(&mut self, open: Open, anchor: usize, span: Span) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError {
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
                span,
            });
        }
        if let Some(Frame {
            open: Open::Map(_, None),
            ..
        }) = self.stack.last()
        {
            return Err(YamlError {
                message: "a mapping key must be a string, not a sequence or mapping".into(),
                span,
            });
        }
        self.stack.push(Frame {
            open,
            anchor,
            start: span.start,
        });
        Ok(())
    }

    fn close(&mut self, span: Span) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let end = span.end.max(frame.start);
        let span = Span {
            start: frame.start,
            end,
        };
        let kind = match frame.open {
            Open::Seq(items) => Kind::Array(items),
            Open::Map(members, _) => Kind::Object(Object { members }),
        };
        self.push(Node { span, kind }, frame.anchor, span)
    }

    fn push(&mut self, node: Node, anchor: usize, span: Span) -> Result<(), YamlError> {
        self.nodes += 1;
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame {
                open: Open::Seq(items),
                ..
            }) => items.push(node),
            Some(Frame {
                open: Open::Map(members, pending),
                ..
            }) => match pending.take() {
                Some(key) => members.push(Member { key, value: node }),
                None => {
                    let name = match node.kind {
                        Kind::String(s) => s.value,
                        Kind::Number(n) => n.raw().into(),
                        Kind::Bool(b) => b.to_string().into(),
                        Kind::Null => "null".into(),
                        Kind::Array(_) | Kind::Object(_) => {
                            return Err(YamlError {
                                message: "a mapping key must be a string".into(),
                                span,
                            });
                        }
                    };
                    *pending = Some(Key {
                        name,
                        span: node.span,
                    });
                }
            },
        }
        Ok(())
    }
}

fn count(node: &Node) -> usize {
    match &node.kind {
        Kind::Array(items) => 1 + items.iter().map(count).sum::<usize>(),
        Kind::Object(o) => 1 + o.members.iter().map(|m| count(&m.value)).sum::<usize>(),
        _ => 1,
    }
}

fn scalar(source: &str, value: &str, style: ScalarStyle, tagged: bool, span: Span) -> Node {
    if style == ScalarStyle::Plain
        && !tagged
        && let Some(kind) = resolve_plain(value)
    {
        return Node { span, kind };
    }
    let raw = &source[span.range()];
    let layout = match style {
        ScalarStyle::Plain if raw == value => StrLayout::Verbatim(0),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            if raw.len() >= 2 && raw.get(1..raw.len() - 1) == Some(value) =>
        {
            StrLayout::Verbatim(1)
        }
        _ => StrLayout::Opaque,
    };
    Node {
        span,
        kind: Kind::String(Str {
            value: value.into(),
            layout,
        }),
    }
}

/// The YAML 1.2 core schema for plain scalars: null, booleans, integers and floats.
fn resolve_plain(value: &str) -> Option<Kind> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Kind::Null),
        "true" | "True" | "TRUE" => return Some(Kind::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Kind::Bool(false)),
        _ => {}
    }
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let negative = value.starts_with('-');
    let radix = |digits: &str, radix| {
        i128::from_str_radix(digits, radix).ok().map(|n| {
            let n = if negative { -n } else { n };
            Kind::Number(Number::from_raw(&n.to_string()))
        })
    };
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(oct) = unsigned.strip_prefix("0o") {
        return radix(oct, 8);
    }
    let json_like = value.trim_start_matches(['-', '+']);
    if !json_like.is_empty()
        && json_like
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
        && json_like
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        let n: f64 = value.parse().ok()?;
        if !n.is_finite() {
            return None;
        }
        // Keep integers as written; normalise other forms to valid JSON number text.
        let text = value.trim_start_matches('+');
        return Some(Kind::Number(
            if serde_json::from_str::<serde_json::Number>(text).is_ok() {
                Number::from_raw(text)
            } else {
                Number::from_raw(&serde_json::Number::from_f64(n)?.to_string())
            },
        ));
    }
    None
}

/// Converts the parser's character indexes into byte offsets.
struct CharOffsets {
    /// Byte offset of every character, when the text is not ASCII.
    table: Option<Vec<u32>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let table =
            (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i as u32).collect());
        CharOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(table) => table.get(char_index).map_or(self.len, |&b| b as usize),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Node {
        parse(text).unwrap().unwrap()
    }

    #[test]
    fn block_yaml_becomes_the_same_tree_as_json() {
        let text = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Seconds: 5\n";
        let node = read(text);
        let json = crate::json::parse(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Seconds":5}}}"#,
        )
        .unwrap()
        .root;
        assert_eq!(node.to_value(), json.to_value());
    }

    #[test]
    fn keys_and_values_have_spans() {
        let text = "StartAt: Start\nStates:\n  Start:\n    Type: Pass\n";
        let node = read(text);
        let obj = node.as_object().unwrap();
        let m = obj.member("StartAt").unwrap();
        assert_eq!(&text[m.key.span.range()], "StartAt");
        assert_eq!(&text[m.value.span.range()], "Start");
        let states = obj.get("States").unwrap().as_object().unwrap();
        let ty = states
            .get("Start")
            .unwrap()
            .as_object()
            .unwrap()
            .get("Type")
            .unwrap();
        assert_eq!(&text[ty.span.range()], "Pass");
    }

    #[test]
    fn non_ascii_text_maps_to_byte_offsets() {
        let text = "Comment: été\nStartAt: \"Ünïcode\"\n";
        let obj = read(text);
        let v = obj.as_object().unwrap().get("StartAt").unwrap();
        assert_eq!(&text[v.span.range()], "\"Ünïcode\"");
        assert_eq!(v.as_str(), Some("Ünïcode"));
    }

    #[test]
    fn scalars_follow_the_core_schema() {
        let node = read("[null, ~, true, False, 12, -3, 1.5, 0x1F, '12', \"true\", hello]");
        assert_eq!(
            node.to_value(),
            serde_json::json!([
                null, null, true, false, 12, -3, 1.5, 31, "12", "true", "hello"
            ])
        );
    }

    #[test]
    fn aliases_expand_but_not_without_bound() {
        let node = read("a: &x {k: 1}\nb: *x\n");
        assert_eq!(
            node.to_value(),
            serde_json::json!({"a": {"k": 1}, "b": {"k": 1}})
        );
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let err = parse(&bomb).unwrap_err();
        assert!(err.message.contains("too large"), "{}", err.message);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse("a: [1, 2\nb: c").unwrap_err();
        assert!(err.span.start > 0);
        let deep = "[".repeat(5000);
        assert!(parse(&deep).is_err());
    }
}

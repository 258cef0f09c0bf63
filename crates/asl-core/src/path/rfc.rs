//! The selectors serde_json_path evaluates for us: wildcards, index unions, slices and descendant
//! segments, each lowered to a one-segment RFC 9535 query and compiled once.

use super::{Segment, Selector};
use serde_json_path::JsonPath;
use std::fmt::Write;

/// The compiled RFC 9535 query of `segment`, when serde_json_path evaluates it.
pub(super) fn compile(segment: &Segment) -> Option<JsonPath> {
    let text = lower(segment)?;
    // Out-of-range integers (beyond I-JSON) do not compile; such a segment selects nothing.
    Some(
        JsonPath::parse(&text).unwrap_or_else(|_| JsonPath::parse("$[?false]").unwrap_or_default()),
    )
}

fn lower(segment: &Segment) -> Option<String> {
    let (prefix, selector) = match segment {
        Segment::Child(
            s @ (Selector::Wildcard | Selector::Indexes(_) | Selector::Slice { .. }),
        ) => ("$", s),
        // `..name` and `..[?(…)]` are ours (eval.rs).
        Segment::Descendant(s) if !matches!(s, Selector::Filter(_) | Selector::Name(_)) => {
            ("$..", s)
        }
        _ => return None,
    };
    let mut text = String::from(prefix);
    text.push('[');
    match selector {
        Selector::Wildcard => text.push('*'),
        Selector::Name(name) => quote(&mut text, name),
        Selector::Names(names) => {
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                quote(&mut text, name);
            }
        }
        Selector::Index(i) => {
            let _ = write!(text, "{i}");
        }
        Selector::Indexes(list) => {
            let list: Vec<String> = list.iter().map(i64::to_string).collect();
            text.push_str(&list.join(","));
        }
        Selector::Slice { start, end, step } => {
            let part = |n: &Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
            let _ = write!(text, "{}:{}", part(start), part(end));
            if let Some(step) = step {
                let _ = write!(text, ":{step}");
            }
        }
        Selector::Filter(_) => return None,
    }
    text.push(']');
    Some(text)
}

/// An RFC 9535 string literal.
fn quote(out: &mut String, name: &str) {
    out.push('\'');
    for c in name.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_the_delegated_selectors() {
        let lowered = |s: Segment| lower(&s).unwrap();
        assert_eq!(lowered(Segment::Child(Selector::Wildcard)), "$[*]");
        assert_eq!(
            lowered(Segment::Child(Selector::Indexes(vec![0, -1]))),
            "$[0,-1]"
        );
        assert_eq!(
            lowered(Segment::Child(Selector::Slice {
                start: Some(1),
                end: None,
                step: Some(2)
            })),
            "$[1::2]"
        );
        assert_eq!(
            lowered(Segment::Descendant(Selector::Names(vec!["it's\\".into()]))),
            "$..['it\\'s\\\\']"
        );
        assert_eq!(lower(&Segment::Child(Selector::Name("a".into()))), None);
        assert_eq!(
            lower(&Segment::Descendant(Selector::Name("a".into()))),
            None
        );
    }
}

//! Reading data (an execution's input, a mock configuration) as a plain `serde_json::Value`.

use super::{ParseError, parse};
use serde_json::Value;

/// The value of a JSON text, as [`parse`] then [`super::Node::to_value`] give it, read in one
/// pass without spans when `serde_json` accepts the text. Whatever `serde_json` accepts, the
/// spanned reader reads to the same value (duplicate keys: the last wins at the first's place;
/// numbers: `serde_json`'s own); what it refuses (text after the value, nesting past 128 levels,
/// a lone surrogate, a number out of range) goes to the spanned reader, which reads it as AWS
/// does or says where the text is wrong.
pub fn read_value(text: &str) -> Result<Value, ParseError> {
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(_) => parse(text).map(|document| document.root.to_value()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanned(text: &str) -> Result<Value, ParseError> {
        parse(text).map(|document| document.root.to_value())
    }

    #[test]
    fn data_reads_as_the_spanned_reader_reads_it() {
        let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
        let texts = [
            r#"{"a": 1, "b": [true, null, "x"], "c": {"d": -0.5e3}}"#,
            r#"{"k": 1, "j": 2, "k": 3}"#,
            r#"{"big": 123456789012345678901234567890, "exact": 1.0, "neg": -0}"#,
            r#"{"huge": 1e400}"#,
            r#""\ud800 lone""#,
            r#""\ud83d\ude00 pair \u00e9""#,
            "{} trailing",
            " [1, 2] ",
            deep.as_str(),
            "",
            "{",
            r#"{"a": 01}"#,
            "[1,]",
            "\u{feff}{}",
            "\"tab\there\"",
        ];
        for text in texts {
            assert_eq!(read_value(text), spanned(text), "{text:?}");
        }
    }
}

//! Inputs the fuzzers (`fuzz/`, `scripts/fuzz.sh`) found to crash the engine, each kept as the
//! smallest text that did, with what the engine must say instead.

use asl_core::api::{EvalError, EvalInput, eval};
use asl_core::source::{Format, read};

/// `$[?({`: a JSON object literal cut short in a filter read past the end of the path (found
/// by the `jsonpath` target on 2026-11-24).
#[test]
fn a_filter_object_literal_cut_short_is_a_syntax_error() {
    for path in [
        "$[?({",
        "$[?({ ",
        "$[?(@.a == {",
        "$[?(@.a == {'k': 1,",
        "$[?(@ == {x",
    ] {
        match eval(path, &EvalInput::default()) {
            Err(EvalError::Syntax { message, range }) => {
                assert!(!message.is_empty(), "{path}");
                assert!(
                    range.start <= range.end && range.end <= path.len(),
                    "{path}: {range:?}"
                );
            }
            other => panic!("{path}: {other:?}"),
        }
    }
}

/// A YAML quoted scalar whose text ends in the middle of a multi-byte character (its quotes
/// unbalanced): the reader cut the text inside the character (found by the `read_definition`
/// target on 2026-11-24; the file is the fuzzer's input, kept as it found it).
#[test]
fn a_yaml_scalar_ending_inside_a_character_is_read_or_refused() {
    let bytes = include_bytes!("fuzz/read_definition-4d9d178d.txt");
    // libFuzzer's `&str` is the input's longest UTF-8 prefix.
    let text = bytes.utf8_chunks().next().map_or("", |chunk| chunk.valid());
    assert!(text.len() > 400);
    for format in [None, Some(Format::Json), Some(Format::Yaml)] {
        if let Err(diagnostic) = read(text, format) {
            assert!(!diagnostic.message.is_empty());
        }
    }
    for quoted in ["a: \"\u{6656}", "a: '\u{6656}", "\"x\u{6656}: 1"] {
        let _ = read(quoted, Some(Format::Yaml));
    }
}

//! Inputs the fuzzers (`fuzz/`, `scripts/fuzz.sh`) found to crash the engine, each kept as the
//! smallest text that did, with what the engine must say instead.

use asl_core::api::{EvalError, EvalInput, ValidateOptions, eval, validate};
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

/// A JSONata expression that stops at a character of several bytes (`$states˖nput`): its
/// diagnostic pointed at the character's first byte only, a span ending inside the character
/// (found by the `validate` target on 2026-11-24; the file is the fuzzer's input).
#[test]
fn a_jsonata_error_at_a_wide_character_points_at_the_whole_character() {
    let bytes = include_bytes!("fuzz/validate-bac02fef.json");
    let text = bytes.utf8_chunks().next().map_or("", |chunk| chunk.valid());
    let validation = validate(text, &ValidateOptions::default());
    let jsonata = validation
        .diagnostics
        .iter()
        .find(|d| d.diagnostic.code.as_str() == "INVALID_JSONATA_EXPRESSION")
        .expect("the expression is refused");
    let span = jsonata.diagnostic.span.expect("a span");
    assert_eq!(&text[span.start as usize..span.end as usize], "\u{2d6}");
    for located in &validation.diagnostics {
        let span = located.diagnostic.span.expect("a span");
        assert!(text.is_char_boundary(span.start as usize));
        assert!(text.is_char_boundary(span.end as usize));
    }
    match eval("{% $states\u{2d6}nput.key %}", &EvalInput::default()) {
        Err(EvalError::Syntax { range, .. }) => assert_eq!(range, 10..12),
        other => panic!("{other:?}"),
    }
}

/// A range whose bound is near i64's largest (`0..2222…245`): the count of its items overflowed
/// (a panic in debug builds; in the browser's 32-bit wasm the count wrapped to a small number and
/// the range ran on without end). Found by the `jsonata` target on 2026-11-24; the same held for
/// `$range`.
#[test]
fn a_range_with_huge_bounds_is_refused() {
    let cases = [
        ("{% 0..2222222222222222222222222222245 %}", "D2014"),
        ("{% -9223372036854775807..9223372036854775807 %}", "D2014"),
        (
            "{% $range(-9223372036854775807, 9223372036854775807, 1) %}",
            "cannot make more than 10000000 items",
        ),
        (
            "{% $range(9223372036854775807, -9223372036854775807, -3) %}",
            "cannot make more than 10000000 items",
        ),
    ];
    for (expression, said) in cases {
        match eval(expression, &EvalInput::default()) {
            Err(EvalError::Runtime(error)) => {
                let cause = error.cause.unwrap_or_default();
                assert!(cause.contains(said), "{expression}: {cause}");
            }
            other => panic!("{expression}: {other:?}"),
        }
    }
}

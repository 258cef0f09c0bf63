//! Inputs the fuzzers (`fuzz/`, `scripts/fuzz.sh`) found to crash the engine, each kept as the
//! smallest text that did, with what the engine must say instead.

use asl_core::api::{EvalError, EvalInput, eval};

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

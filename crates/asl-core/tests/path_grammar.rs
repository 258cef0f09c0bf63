//! One path grammar: whatever `asl validate` accepts as a `.$` path, `asl eval` evaluates, and
//! whatever validate refuses, eval refuses as a syntax error too.

use asl_core::api::{self, EvalError, EvalInput, ValidateOptions};
use proptest::prelude::*;
use serde_json::json;

/// How a path starts.
const ROOTS: &[&str] = &["$", "$$", "$var", " $", "\t$$", "$ "];

/// Pieces paths are made of, well-formed and not.
const PIECES: &[&str] = &[
    "$",
    ".",
    "..",
    "a",
    "Execution",
    "Name",
    "b-c",
    "[0]",
    "[-1]",
    "[*]",
    "[1:2]",
    "['k']",
    "['a','b']",
    "[0,1]",
    "[?(@.x==1)]",
    "[?(@.n==Receipt)]",
    "[?(@.s=='\\u0041')]",
    "[?(@.v>1e2)]",
    ".length()",
    " ",
    "  ",
    "\t",
    "[",
    "]",
    "'",
    "(",
    ")",
    "*",
    "@",
    "?",
    "==",
    "\\",
    "中",
];

fn definition(path: &str) -> String {
    json!({
        "StartAt": "P",
        "States": {"P": {"Type": "Pass", "Parameters": {"v.$": path}, "End": true}}
    })
    .to_string()
}

/// Does validation find fault with the path?
fn validate_refuses(path: &str) -> bool {
    api::validate(&definition(path), &ValidateOptions::default())
        .diagnostics
        .iter()
        .any(|d| d.diagnostic.is_error())
}

/// Does evaluation find the path malformed? (Running it may still fail: a path that matches
/// nothing is a runtime error, not a syntax one.)
fn eval_refuses(path: &str) -> bool {
    let input = EvalInput {
        input: json!({"a": [{"x": 1}], "k": 2}),
        ..EvalInput::default()
    };
    matches!(api::query(path, &input), Err(EvalError::Syntax { .. }))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Texts that both read as a path (eval also takes intrinsics, templates and JSONata).
    #[test]
    fn validate_and_eval_agree(
        root in prop::sample::select(ROOTS),
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..7),
    ) {
        let path = format!("{root}{}", pieces.concat());
        prop_assert_eq!(validate_refuses(&path), eval_refuses(&path), "{:?}", path);
    }
}

#[test]
fn whitespace_around_a_path_is_no_part_of_it() {
    for path in ["$$.Execution.Name ", " $.a", "\t$.a[0] \n", "$ "] {
        assert!(!validate_refuses(path), "{path:?}");
        assert!(!eval_refuses(path), "{path:?}");
    }
    for path in ["$.a b", "$ .a"] {
        assert!(validate_refuses(path), "{path:?}");
        assert!(eval_refuses(path), "{path:?}");
    }
}

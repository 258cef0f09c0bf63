//! What the expression targets share: the input split into an expression and a document, and
//! the checks every answer must pass.

use asl_core::api::{EvalError, EvalInput, eval};
use serde_json::{Value, json};

/// Evaluate `wrap(text)` over the document: the answer is a value, a runtime error with a name,
/// or a syntax error whose range lies inside the expression.
pub fn evaluate(data: &[u8], wrap: impl Fn(&str) -> String) {
    let (head, tail) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(head) else {
        return;
    };
    let document = serde_json::from_slice::<Value>(tail).unwrap_or_else(
        |_| json!({"a": [1, 2.5, "x", null, true], "b": {"c": {"d": "e"}}, "n": 3, "s": "text"}),
    );
    let expression = wrap(text);
    let input = EvalInput {
        input: document,
        context: json!({"Execution": {"Id": "arn:x", "Input": {"k": 1}}, "State": {"Name": "S"}}),
        ..EvalInput::default()
    };
    match eval(&expression, &input) {
        Ok(_) => {}
        Err(EvalError::Runtime(error)) => assert!(!error.name().is_empty()),
        Err(EvalError::Syntax { message, range }) => {
            assert!(!message.is_empty());
            assert!(
                range.start <= range.end && range.end <= expression.len(),
                "{range:?}"
            );
        }
    }
}

//! Intrinsic functions, table-driven: `tests/cases/intrinsics/<family>.json`.
//!
//! A case gives `expr` (the call as written in a `.$` field), the `input` its `$` paths read (and
//! optionally `context` for `$$` and `variables` for `$name`), and either the exact `result`, an
//! `error` name (with `cause` when AWS's text is known), or a `check` for random results.

use asl_core::exec::rng::Rng;
use asl_core::intrinsic::{self, IntrinsicFailure};
use asl_core::path::Roots;
use serde_json::{Map, Value};

/// Numbers compare by value (`3` equals `3.0`); everything else structurally.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn run(case: &Value) -> Result<(), String> {
    let expr = case["expr"].as_str().ok_or("no expr")?;
    let call = intrinsic::parse(expr).map_err(|e| format!("does not parse: {}", e.message))?;
    let variables: Map<String, Value> = case["variables"].as_object().cloned().unwrap_or_default();
    let roots = Roots {
        data: &case["input"],
        context: &case["context"],
        variables: &variables,
    };
    let outcome = call.eval(roots, &mut Rng::new(7));
    match (outcome, case) {
        (Ok(value), c) if c.get("result").is_some() => {
            if same(&value, &c["result"]) {
                Ok(())
            } else {
                Err(format!("gave {value}, expected {}", c["result"]))
            }
        }
        (Ok(value), c) if c["check"] == "uuid-v4" => {
            let s = value.as_str().unwrap_or_default();
            let ok = s.len() == 36
                && s.as_bytes()[14] == b'4'
                && s.split('-').map(str::len).eq([8, 4, 4, 4, 12]);
            if ok {
                Ok(())
            } else {
                Err(format!("{value} is not a version 4 UUID"))
            }
        }
        (Ok(value), c) if c["check"] == "integer-in-range" => {
            let (min, max) = (
                c["min"].as_i64().unwrap_or(0),
                c["max"].as_i64().unwrap_or(0),
            );
            match value.as_i64() {
                Some(n) if (min..max).contains(&n) => Ok(()),
                _ => Err(format!("{value} is not an integer in [{min}, {max})")),
            }
        }
        (Ok(value), c) => Err(format!("gave {value}, expected the error {}", c["error"])),
        (Err(IntrinsicFailure::Failure(cause)), c) if c["error"] == "States.IntrinsicFailure" => {
            match c["cause"].as_str() {
                Some(expected) if expected != cause => {
                    Err(format!("cause {cause:?}, expected {expected:?}"))
                }
                _ => Ok(()),
            }
        }
        (Err(IntrinsicFailure::Path { .. }), c) if c["error"] == "States.Runtime" => Ok(()),
        (Err(e), c) => Err(format!(
            "failed with {e:?}, expected {}",
            c.get("result").unwrap_or(&c["error"])
        )),
    }
}

#[test]
fn intrinsic_function_tables() {
    let mut failures = Vec::new();
    let mut count = 0;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/intrinsics");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let table: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let family = file.file_stem().unwrap().to_string_lossy().into_owned();
        for (i, case) in table["cases"].as_array().unwrap().iter().enumerate() {
            count += 1;
            if let Err(why) = run(case) {
                failures.push(format!(
                    "{family} ({i}): {} — {} — {why}",
                    case["name"].as_str().unwrap_or("?"),
                    case["expr"]
                ));
            }
        }
    }
    assert!(count >= 80, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! The RFC 9535 JSONPath Compliance Test Suite, run through the ASL path engine.
//!
//! AWS evaluates paths with Jayway JsonPath, so the engine follows RFC 9535 only where Jayway does.
//! Every case where it deliberately differs is listed in `tests/jsonpath/jayway-differences.tsv`
//! with the reason; the test fails when an unlisted case differs (a regression) and when a listed
//! case agrees (the list must stay true). The suite is read from `$ASL_CONFORMANCE_DIR`
//! (default `../shared/conformance`); without it the test says so and passes.

use asl_core::path::{self, NoVariables, Roots};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus() -> Option<Value> {
    let dir = std::env::var_os("ASL_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance")
        });
    let text = std::fs::read_to_string(dir.join("jsonpath-cts.json")).ok()?;
    serde_json::from_str(&text).ok()
}

fn differences() -> BTreeMap<String, String> {
    let text = include_str!("jsonpath/jayway-differences.tsv");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(name, reason)| (name.to_string(), reason.to_string()))
        .collect()
}

/// What the engine answers for a case: `Err` when it rejects the selector, else the nodelist.
fn answer(selector: &str, document: &Value) -> Result<Vec<Value>, String> {
    let parsed = path::parse(selector).map_err(|e| e.message)?;
    let roots = Roots {
        data: document,
        context: &Value::Null,
        variables: &NoVariables,
    };
    match parsed.eval(roots) {
        Ok(value) if parsed.is_definite() => Ok(vec![value]),
        Ok(Value::Array(nodes)) => Ok(nodes),
        Ok(other) => Ok(vec![other]),
        Err(_) => Ok(Vec::new()),
    }
}

/// The Jayway spelling of RFC 9535 filters: `[?expr]` becomes `[?(expr)]`. `None` when the
/// selector has no parenthesis-less filter.
fn jayway_spelling(selector: &str) -> Option<String> {
    let mut out = String::with_capacity(selector.len() + 8);
    let chars: Vec<char> = selector.chars().collect();
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' && chars.get(i + 1) == Some(&'?') && chars.get(i + 2) != Some(&'(') {
            // Find the `]` that closes this bracket, outside quotes and nested brackets.
            let (mut depth, mut quote, mut j) = (0i32, None, i + 2);
            while j < chars.len() {
                match (quote, chars[j]) {
                    (Some(_), '\\') => j += 1,
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '\'' | '"') => quote = Some(chars[j]),
                    (None, '[' | '(') => depth += 1,
                    (None, ']') if depth == 0 => break,
                    (None, ']' | ')') => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            let inner: String = chars[i + 2..j.min(chars.len())].iter().collect();
            let inner = jayway_spelling(&inner).unwrap_or(inner);
            out.push_str("[?(");
            out.push_str(&inner);
            out.push_str(")]");
            changed = true;
            i = j + 1;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    changed.then_some(out)
}

/// `None` when the engine agrees with RFC 9535 on the case, in RFC's spelling or in Jayway's
/// (`[?(…)]`, which is how AWS users write filters); else how it differs.
fn disagreement(case: &Value) -> Option<String> {
    let selector = case["selector"].as_str()?;
    let first = disagreement_for(case, selector)?;
    match jayway_spelling(selector) {
        Some(spelled) if case["invalid_selector"] != Value::Bool(true) => {
            disagreement_for(case, &spelled).map(|why| format!("(as {spelled}) {why}"))
        }
        _ => Some(first),
    }
}

fn disagreement_for(case: &Value, selector: &str) -> Option<String> {
    if case["invalid_selector"] == Value::Bool(true) {
        return match answer(selector, &Value::Null) {
            Err(_) => None,
            Ok(_) => Some("accepted a selector RFC 9535 rejects".into()),
        };
    }
    let ours = match answer(selector, &case["document"]) {
        Err(message) => return Some(format!("rejected a valid selector: {message}")),
        Ok(nodes) => nodes,
    };
    let expected: Vec<Vec<Value>> = match (&case["result"], &case["results"]) {
        (Value::Array(one), _) => vec![one.clone()],
        (_, Value::Array(many)) => many.iter().filter_map(|r| r.as_array().cloned()).collect(),
        _ => return Some("the case has no result".into()),
    };
    (!expected.contains(&ours)).then(|| format!("gave {}", Value::Array(ours)))
}

#[test]
fn rfc_9535_compliance_where_aws_follows_it() {
    let Some(corpus) = corpus() else {
        println!("jsonpath-cts: no suite found (set ASL_CONFORMANCE_DIR); skipping");
        return;
    };
    let listed = differences();
    let cases = corpus["tests"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    let mut agreed = 0;
    let mut seen = std::collections::BTreeSet::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or_default().to_string();
        seen.insert(name.clone());
        match (disagreement(case), listed.contains_key(&name)) {
            (None, false) => agreed += 1,
            (None, true) => problems.push(format!("STALE (now agrees): {name}")),
            (Some(why), false) => {
                problems.push(format!("DIFFERS: {name} — {} {why}", case["selector"]));
            }
            (Some(_), true) => {}
        }
    }
    problems.extend(
        listed
            .keys()
            .filter(|n| !seen.contains(*n))
            .map(|n| format!("STALE (no such case): {n}")),
    );
    println!(
        "jsonpath-cts: {agreed}/{} agree with RFC 9535; {} listed Jayway differences",
        cases.len(),
        listed.len()
    );
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

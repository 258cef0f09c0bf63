//! The graph layout draws every machine readably (`graph_support/geometry.rs` says what that
//! means): every template of the gallery, every definition of the case folders that validates,
//! a generated 100-state machine, and machines made to be hard (loops onto themselves, many
//! edges into one state, rules with the same target). The templates are drawn without a
//! crossing; the crossings of the others are counted and printed. The same definition always
//! gives the same picture.

#[path = "graph_support/geometry.rs"]
mod geometry;
#[path = "graph_support/sources.rs"]
mod sources;

use asl_core::graph::{EdgeKind, graph};
use serde_json::{Value, json};
use sources::Source;

/// A machine of `n` states: a chain with Choices looping back, Catches, Parallels and Maps.
fn generated(n: usize) -> Value {
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let name = format!("S{i:03}");
        let next = format!("S{:03}", i + 1);
        let last = i + 1 == n;
        let state = match i % 7 {
            _ if last => json!({"Type": "Succeed"}),
            3 => json!({"Type": "Choice", "Choices": [
                {"Variable": "$.n", "NumericLessThan": i, "Next": format!("S{:03}", i.saturating_sub(3))},
                {"Variable": "$.s", "StringEquals": "skip", "Next": format!("S{:03}", (i + 2).min(n - 1))}],
                "Default": next}),
            4 => json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": format!("S{:03}", (i + 3).min(n - 1))}],
                "Next": next}),
            5 => json!({"Type": "Parallel", "Next": next, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}},
                {"StartAt": "C", "States": {"C": {"Type": "Wait", "Seconds": 1, "End": true}}}]}),
            6 => json!({"Type": "Map", "Next": next, "ItemProcessor": {"StartAt": "M", "States": {
                "M": {"Type": "Pass", "End": true}}}}),
            _ => json!({"Type": "Pass", "Next": next}),
        };
        states.insert(name, state);
    }
    json!({"StartAt": "S000", "States": states})
}

/// Machines made to be hard to draw.
fn hard() -> Vec<Source> {
    let machines = [
        (
            "a Choice and a Catch looping onto their own state",
            json!({"StartAt": "Poll", "States": {
                "Poll": {"Type": "Choice", "Choices": [
                    {"Variable": "$.done", "BooleanEquals": false, "Next": "Poll"},
                    {"Variable": "$.fail", "BooleanEquals": true, "Next": "Work"}], "Default": "Done"},
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Work"},
                              {"ErrorEquals": ["States.ALL"], "Next": "Poll"}], "End": true},
                "Done": {"Type": "Succeed"}}}),
        ),
        (
            "rules with one target, and many edges into one state",
            json!({"StartAt": "Check", "States": {
                "Check": {"Type": "Choice", "Choices": [
                    {"Variable": "$.a", "IsPresent": false, "Next": "Bad"},
                    {"Variable": "$.b", "IsPresent": false, "Next": "Bad"},
                    {"Variable": "$.c", "IsNull": true, "Next": "Bad"}], "Default": "One"},
                "One": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Bad"}], "Next": "Two"},
                "Two": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Bad"}], "Next": "Three"},
                "Three": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Bad"},
                              {"ErrorEquals": ["States.ALL"], "Next": "Bad"}], "End": true},
                "Bad": {"Type": "Fail", "Error": "Bad"}}}),
        ),
        ("a generated machine of 100 states", generated(100)),
    ];
    machines
        .into_iter()
        .map(|(name, machine)| Source {
            name: name.to_string(),
            text: machine.to_string(),
            template: false,
        })
        .collect()
}

#[test]
fn every_machine_is_drawn_readably_and_the_templates_without_crossings() {
    let templates = sources::templates();
    let cases = sources::cases();
    assert!(templates.len() >= 10, "{} templates", templates.len());
    assert!(cases.len() >= 100, "{} case definitions", cases.len());
    let hard = hard();
    let mut problems = Vec::new();
    let mut report = Vec::new();
    for source in templates.iter().chain(&cases).chain(&hard) {
        let g = graph(&source.text);
        let checked = geometry::check(&g);
        problems.extend(
            checked
                .problems
                .iter()
                .map(|p| format!("{}: {p}", source.name)),
        );
        if graph(&source.text) != g {
            problems.push(format!("{}: two layouts differ", source.name));
        }
        if source.template && checked.crossings > 0 {
            problems.push(format!(
                "{}: {} crossings in a template",
                source.name, checked.crossings
            ));
        }
        report.push((checked.crossings, source.name.as_str()));
    }
    let total: usize = report.iter().map(|r| r.0).sum();
    println!("graph crossings ({total} in {} machines):", report.len());
    for (crossings, name) in &report {
        if *crossings > 0 || templates.iter().any(|t| t.name == *name) {
            println!("  {crossings:4}  {name}");
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn edges_carry_their_rules_and_errors() {
    let definition = json!({"StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Big"}], "Default": "Small"},
        "Big": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": ["States.Timeout", "Lambda.Unknown"], "Next": "Small"}], "End": true},
        "Small": {"Type": "Succeed"}}});
    let g = graph(&definition.to_string());
    let labels: Vec<&str> = g
        .edges
        .iter()
        .filter_map(|e| e.label.as_ref().map(|l| l.text.as_str()))
        .collect();
    assert_eq!(
        labels,
        ["$.total > 100", "Default", "States.Timeout, Lambda.Unknown"]
    );
    let names: Vec<Option<&str>> = g.boxes.iter().map(|b| b.state.as_deref()).collect();
    assert_eq!(
        names,
        [None, Some("Route"), Some("Big"), Some("Small"), None]
    );
    // Rows: Start, Route, then Big, then Small (Big leads to it), then End.
    let y = |name: &str| {
        g.boxes
            .iter()
            .find(|b| b.state.as_deref() == Some(name))
            .map_or(f64::NAN, |b| b.y)
    };
    assert!(y("Route") < y("Big") && y("Big") < y("Small"));
    assert_eq!(
        g.edges
            .iter()
            .filter(|e| matches!(e.kind, EdgeKind::Catch(_)))
            .count(),
        1
    );
}

#[test]
fn what_does_not_read_draws_nothing() {
    for text in [
        "",
        "{",
        "[1, 2]",
        "\"machine\"",
        "States: [",
        "{\"States\": 3}",
    ] {
        let g = graph(text);
        assert!(g.edges.is_empty(), "{text:?}");
        assert!(g.boxes.len() <= 2, "{text:?}");
    }
}

//! The graph layout draws every machine readably: no two boxes overlap, boxes sit inside their
//! Parallel or Map, every edge starts on its source and ends on its target, edges going down
//! cross no box, and the same
//! definition always gives the same picture. Checked on the shipped templates, every valid case
//! of the validation corpus, and a generated 100-state machine.

use asl_core::graph::{Graph, GraphBox, graph};
use serde_json::{Value, json};
use std::path::Path;

const EPSILON: f64 = 0.01;

fn overlap(a: &GraphBox, b: &GraphBox) -> bool {
    a.x < b.x + b.w - EPSILON
        && b.x < a.x + a.w - EPSILON
        && a.y < b.y + b.h - EPSILON
        && b.y < a.y + a.h - EPSILON
}

fn on_boundary(b: &GraphBox, (x, y): (f64, f64)) -> bool {
    let inside_x = x >= b.x - EPSILON && x <= b.x + b.w + EPSILON;
    let inside_y = y >= b.y - EPSILON && y <= b.y + b.h + EPSILON;
    let on_edge = (x - b.x).abs() < EPSILON
        || (x - b.x - b.w).abs() < EPSILON
        || (y - b.y).abs() < EPSILON
        || (y - b.y - b.h).abs() < EPSILON;
    inside_x && inside_y && on_edge
}

fn check(name: &str, definition: &str) -> Vec<String> {
    let g: Graph = graph(definition);
    let mut problems = Vec::new();
    if g.boxes.is_empty() {
        problems.push(format!("{name}: no boxes"));
    }
    for (i, a) in g.boxes.iter().enumerate() {
        for b in &g.boxes[i + 1..] {
            if a.parent == b.parent && overlap(a, b) {
                problems.push(format!("{name}: {:?} overlaps {:?}", a.state, b.state));
            }
        }
        if let Some(parent) = a.parent {
            let p = &g.boxes[parent];
            let inside = a.x >= p.x - EPSILON
                && a.y >= p.y - EPSILON
                && a.x + a.w <= p.x + p.w + EPSILON
                && a.y + a.h <= p.y + p.h + EPSILON;
            if !inside {
                problems.push(format!("{name}: {:?} sticks out of {:?}", a.state, p.state));
            }
        }
        if a.x < -EPSILON
            || a.y < -EPSILON
            || a.x + a.w > g.width + EPSILON
            || a.y + a.h > g.height + EPSILON
        {
            problems.push(format!("{name}: {:?} is outside the picture", a.state));
        }
    }
    for edge in &g.edges {
        let (first, last) = (edge.points[0], edge.points[edge.points.len() - 1]);
        if !on_boundary(&g.boxes[edge.from], first) {
            problems.push(format!(
                "{name}: an edge does not start on {:?}",
                g.boxes[edge.from].state
            ));
        }
        if !on_boundary(&g.boxes[edge.to], last) {
            problems.push(format!(
                "{name}: an edge does not end on {:?}",
                g.boxes[edge.to].state
            ));
        }
    }
    // An edge going down never passes through a box of its own block other than its ends.
    for edge in &g.edges {
        let (first, last) = (edge.points[0], edge.points[edge.points.len() - 1]);
        if last.1 <= first.1 {
            continue;
        }
        let parent = g.boxes[edge.from].parent;
        for segment in edge.points.windows(2) {
            let ((x1, y1), (x2, y2)) = (segment[0], segment[1]);
            let hit = g.boxes.iter().find(|b| {
                b.id != edge.from
                    && b.id != edge.to
                    && b.parent == parent
                    && x1.min(x2) < b.x + b.w - EPSILON
                    && x1.max(x2) > b.x + EPSILON
                    && y1.min(y2) < b.y + b.h - EPSILON
                    && y1.max(y2) > b.y + EPSILON
            });
            if let Some(b) = hit {
                problems.push(format!(
                    "{name}: the edge {:?} → {:?} crosses {:?}",
                    g.boxes[edge.from].state, g.boxes[edge.to].state, b.state
                ));
            }
        }
    }
    if graph(definition) != g {
        problems.push(format!("{name}: two layouts differ"));
    }
    problems
}

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

#[test]
fn every_machine_is_drawn_readably() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<(String, String)> = Vec::new();
    for dir in [
        "../../web/templates",
        "tests/cases/validate/ok",
        "tests/cases/validate/warn",
    ] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".asl.json"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            sources.push((path.display().to_string(), text));
        }
    }
    assert!(sources.len() > 10, "{} machines", sources.len());
    sources.push(("generated 100 states".into(), generated(100).to_string()));
    let problems: Vec<String> = sources
        .iter()
        .flat_map(|(name, text)| check(name, text))
        .collect();
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
    let labels: Vec<&str> = g.edges.iter().filter_map(|e| e.kind.label()).collect();
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
            .unwrap()
            .y
    };
    assert!(y("Route") < y("Big") && y("Big") < y("Small"));
}

//! The graph's exports are well formed for every template and case definition (and for state
//! names full of characters that mean something in each language): DOT with balanced braces,
//! every node declared, every edge between declared nodes and every `lhead`/`ltail` a declared
//! cluster; Mermaid with every edge between declared nodes or subgraphs and its subgraphs
//! closed; SVG with balanced tags, every state's name and the legend. (That Mermaid's own
//! renderer accepts the text is checked in the browser: tests/graph-export.test.mjs.)

#[path = "graph_support/sources.rs"]
mod sources;

use asl_core::graph::{LEGEND, Machine};
use serde_json::json;
use std::collections::BTreeSet;

/// DOT's tokens: quoted strings (kept quoted), names, `->` and single punctuation.
fn dot_tokens(text: &str) -> Result<Vec<String>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '"' => {
                let mut s = String::from('"');
                loop {
                    match chars.next() {
                        Some('\\') => {
                            s.push('\\');
                            s.extend(chars.next());
                        }
                        Some('"') => break,
                        Some(c) => s.push(c),
                        None => return Err("an unclosed string".into()),
                    }
                }
                s.push('"');
                tokens.push(s);
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                tokens.push("->".into());
            }
            '{' | '}' | '[' | ']' | ';' | ',' | '=' => tokens.push(c.to_string()),
            c if c.is_alphanumeric() || c == '_' || c == '.' => {
                let mut s = c.to_string();
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' || n == '.' {
                        s.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(s);
            }
            c => return Err(format!("an unexpected character {c:?}")),
        }
    }
    Ok(tokens)
}

/// What is wrong with a DOT text.
fn dot_problems(text: &str) -> Vec<String> {
    let tokens = match dot_tokens(text) {
        Ok(tokens) => tokens,
        Err(e) => return vec![e],
    };
    let mut problems = Vec::new();
    if tokens.first().map(String::as_str) != Some("digraph") {
        problems.push("does not start with digraph".into());
    }
    let (mut depth, mut brackets) = (0i32, 0i32);
    let mut nodes = BTreeSet::new();
    let mut clusters = BTreeSet::new();
    let mut edges: Vec<String> = Vec::new();
    let mut heads: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        match t {
            "{" => depth += 1,
            "}" => depth -= 1,
            "[" => brackets += 1,
            "]" => brackets -= 1,
            "subgraph" => {
                if let Some(name) = tokens.get(i + 1) {
                    clusters.insert(name.clone());
                }
                i += 1;
            }
            "lhead" | "ltail" if tokens.get(i + 1).map(String::as_str) == Some("=") => {
                heads.extend(tokens.get(i + 2).cloned());
                i += 2;
            }
            _ if brackets == 0
                && t.starts_with('n')
                && t[1..].chars().all(|c| c.is_ascii_digit()) =>
            {
                match tokens.get(i + 1).map(String::as_str) {
                    Some("->") => {
                        edges.push(t.to_string());
                        edges.extend(tokens.get(i + 2).cloned());
                        i += 3;
                        continue;
                    }
                    Some("[") => {
                        if !nodes.insert(t.to_string()) {
                            problems.push(format!("{t} declared twice"));
                        }
                    }
                    other => problems.push(format!("{t} followed by {other:?}")),
                }
            }
            _ => {}
        }
        if depth < 0 || brackets < 0 {
            problems.push("a brace or bracket closed before it opened".into());
            break;
        }
        i += 1;
    }
    if depth != 0 || brackets != 0 {
        problems.push(format!("{depth} braces and {brackets} brackets left open"));
    }
    for end in edges {
        if !nodes.contains(&end) {
            problems.push(format!("an edge meets {end}, which is not declared"));
        }
    }
    for head in heads {
        if !clusters.contains(&head) {
            problems.push(format!("lhead/ltail {head} is not a cluster"));
        }
    }
    problems
}

/// What is wrong with a Mermaid text (as far as its shape goes).
fn mermaid_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut lines = text.lines();
    if lines.next() != Some("flowchart TD") {
        problems.push("does not start with flowchart TD".into());
    }
    let mut declared = BTreeSet::new();
    let mut depth = 0i32;
    let id = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for line in text.lines().skip(1).map(str::trim) {
        if let Some(rest) = line.strip_prefix("subgraph ") {
            declared.insert(id(rest));
            depth += 1;
        } else if line == "end" {
            depth -= 1;
        } else if line.contains("-->") || line.contains("-.->") {
            let arrow = if line.contains("-.->") { "-.->" } else { "-->" };
            let (from, rest) = line.split_once(arrow).unwrap_or_default();
            let to = rest.rsplit(' ').next().unwrap_or_default();
            for end in [from.trim(), to.trim()] {
                if !declared.contains(end) {
                    problems.push(format!("an edge meets {end:?}, not declared before it"));
                }
            }
        } else if !line.starts_with("direction")
            && !line.starts_with("classDef")
            && !line.starts_with("class ")
            && !line.starts_with("linkStyle")
        {
            let name = id(line);
            if name.is_empty() || !line[name.len()..].starts_with(['[', '(']) {
                problems.push(format!("a line that is no statement: {line:?}"));
            }
            declared.insert(name);
        }
    }
    if depth != 0 {
        problems.push(format!("{depth} subgraphs left open"));
    }
    problems
}

/// What is wrong with an SVG text: unbalanced tags, a state's name or the legend missing.
fn svg_problems(text: &str, names: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        let Some(end) = rest[at..].find('>') else {
            problems.push("a tag is not closed".into());
            break;
        };
        let tag = &rest[at + 1..at + end];
        if let Some(name) = tag.strip_prefix('/') {
            if open.pop().as_deref() != Some(name) {
                problems.push(format!("</{name}> closes another tag"));
            }
        } else if !tag.ends_with('/') {
            open.push(tag.split(' ').next().unwrap_or_default().to_string());
        }
        rest = &rest[at + end + 1..];
    }
    if !open.is_empty() {
        problems.push(format!("tags left open: {open:?}"));
    }
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
    };
    for name in names.iter().chain(
        LEGEND
            .iter()
            .map(|e| e.text.to_string())
            .collect::<Vec<_>>()
            .iter(),
    ) {
        if !text.contains(&format!(">{}<", escape(name))) {
            problems.push(format!("{name:?} is not written"));
        }
    }
    problems
}

#[test]
fn exports_are_well_formed() {
    let awkward = json!({"StartAt": "Say \"hi\" <b>", "States": {
        "Say \"hi\" <b>": {"Type": "Choice", "Choices": [
            {"Variable": "$.a", "StringEquals": "x|y} # `z` [w] \\ ;", "Next": "end"}], "Default": "subgraph"},
        "end": {"Type": "Parallel", "Branches": [
            {"StartAt": "graph", "States": {"graph": {"Type": "Pass", "End": true}}},
            {"StartAt": "node -> edge", "States": {"node -> edge": {"Type": "Pass", "End": true}}}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "subgraph"}], "End": true},
        "subgraph": {"Type": "Fail"}}});
    let mut sources = sources::templates();
    sources.extend(sources::cases());
    let mut problems = Vec::new();
    let texts = sources
        .iter()
        .map(|s| (s.name.clone(), s.text.clone()))
        .chain([("awkward names".to_string(), awkward.to_string())]);
    for (name, text) in texts {
        let machine = match Machine::read(&text, None) {
            Ok(machine) => machine,
            Err(e) => {
                problems.push(format!("{name}: does not read: {}", e.message));
                continue;
            }
        };
        let states: Vec<String> = machine
            .layout()
            .boxes
            .iter()
            .filter_map(|b| b.state.clone())
            .collect();
        for (language, found) in [
            ("DOT", dot_problems(&machine.dot())),
            ("Mermaid", mermaid_problems(&machine.mermaid())),
            ("SVG", svg_problems(&machine.svg(), &states)),
        ] {
            problems.extend(
                found
                    .into_iter()
                    .map(|p| format!("{name} ({language}): {p}")),
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checks_catch_what_they_look_for() {
    assert!(!dot_problems("digraph g { n0 [label=\"a\"]; n0 -> n1; }").is_empty());
    assert!(!dot_problems("digraph g { n0 [label=\"a\"];").is_empty());
    assert!(
        dot_problems("digraph g { n0 [label=\"a}\"]; n1 [label=\"b\"]; n0 -> n1; }").is_empty()
    );
    assert!(!mermaid_problems("flowchart TD\n    a[\"x\"]\n    a --> b\n").is_empty());
    assert!(!mermaid_problems("flowchart TD\n    subgraph s [\"x\"]\n").is_empty());
    assert!(!svg_problems("<svg><g></svg>", &[]).is_empty());
}

#[test]
fn what_does_not_read_is_refused_with_where() {
    for text in ["{\"StartAt\": ", "[1]", "- a\n- b\n"] {
        let refused = Machine::read(text, None);
        assert!(refused.is_err(), "{text:?}");
    }
}

//! A Mermaid flowchart (`flowchart TD`): a node per state (name, type, retry policy), Start and
//! End, a subgraph per Parallel (a subgraph per branch inside) and per Map, edges labelled with
//! their rule or errors, catchers dotted and red, Choice rules amber. Every text is quoted and
//! its special characters written as Mermaid's entity codes, so no state name can break it.

use super::{Link, LinkKind, Look, colour, links, look, start};
use crate::graph::extract::{Block, State};
use std::fmt::Write;

/// A text as a quoted Mermaid string: `"`, `<`, `>`, `&`, `#`, `` ` ``, `|`, `\`, brackets and
/// braces as entity codes (`#34;`), line breaks as spaces.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '<' | '>' | '&' | '#' | '`' | '|' | '\\' | '{' | '}' | '[' | ']' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Lines as one quoted text, joined with Mermaid's line break.
fn node_text(lines: &[String]) -> String {
    let inner: Vec<String> = lines
        .iter()
        .map(|l| {
            let q = quoted(l);
            q[1..q.len() - 1].to_string()
        })
        .collect();
    format!("\"{}\"", inner.join("<br/>"))
}

/// An edge to write: its ends' ids, its label, its kind.
type Line = (String, String, Option<String>, LinkKind);

struct Writer {
    out: String,
    next: usize,
    edges: Vec<Line>,
    choice: Vec<String>,
    succeed: Vec<String>,
    fail: Vec<String>,
}

impl Writer {
    fn id(&mut self) -> String {
        let id = format!("n{}", self.next);
        self.next += 1;
        id
    }

    fn edge(&mut self, from: &str, to: &str, label: Option<&str>, kind: LinkKind) {
        self.edges.push((
            from.to_string(),
            to.to_string(),
            label.map(str::to_string),
            kind,
        ));
    }

    /// A state: a node, or a subgraph holding its blocks. Returns its id.
    fn state(&mut self, state: &State, depth: usize) -> String {
        let id = self.id();
        let indent = "    ".repeat(depth);
        let text = node_text(&super::lines(state));
        if state.blocks.is_empty() {
            let _ = writeln!(self.out, "{indent}{id}[{text}]");
            match look(&state.type_name) {
                Look::Choice => self.choice.push(id.clone()),
                Look::Succeed => self.succeed.push(id.clone()),
                Look::Fail => self.fail.push(id.clone()),
                Look::Plain => {}
            }
            return id;
        }
        let _ = writeln!(self.out, "{indent}subgraph {id} [{text}]");
        let _ = writeln!(self.out, "{indent}    direction TB");
        if state.blocks.len() == 1 {
            self.block(&state.blocks[0], depth + 1);
        } else {
            for (n, block) in state.blocks.iter().enumerate() {
                let branch = self.id();
                let title = quoted(&format!("Branch {}", n + 1));
                let _ = writeln!(self.out, "{indent}    subgraph {branch} [{title}]");
                let _ = writeln!(self.out, "{indent}        direction TB");
                self.block(block, depth + 2);
                let _ = writeln!(self.out, "{indent}    end");
            }
        }
        let _ = writeln!(self.out, "{indent}end");
        id
    }

    /// A block's states and the edges between them. Returns the states' ids.
    fn block(&mut self, block: &Block, depth: usize) -> Vec<String> {
        let ids: Vec<String> = block.states.iter().map(|s| self.state(s, depth)).collect();
        for Link {
            from,
            to,
            label,
            kind,
        } in links(block)
        {
            self.edge(&ids[from], &ids[to], label.as_deref(), kind);
        }
        ids
    }
}

/// The Mermaid text of a machine's top-level block.
pub(in crate::graph) fn write(block: &Block) -> String {
    let mut w = Writer {
        out: String::from("flowchart TD\n"),
        next: 0,
        edges: Vec::new(),
        choice: Vec::new(),
        succeed: Vec::new(),
        fail: Vec::new(),
    };
    let _ = writeln!(w.out, "    start([\"Start\"])");
    let ids = w.block(block, 1);
    let _ = writeln!(w.out, "    stop([\"End\"])");
    if let Some(first) = start(block) {
        let edge = (
            "start".to_string(),
            ids[first].clone(),
            None,
            LinkKind::Next,
        );
        w.edges.insert(0, edge);
    }
    for (state, id) in block.states.iter().zip(&ids) {
        if state.ends {
            w.edge(id, "stop", None, LinkKind::Next);
        }
    }
    let mut out = w.out;
    let (mut red, mut amber) = (Vec::new(), Vec::new());
    for (n, (from, to, label, kind)) in w.edges.iter().enumerate() {
        let arrow = match kind {
            LinkKind::Catch => {
                red.push(n.to_string());
                "-.->"
            }
            LinkKind::Choice => {
                amber.push(n.to_string());
                "-->"
            }
            LinkKind::Next => "-->",
        };
        let _ = match label {
            Some(label) => writeln!(out, "    {from} {arrow}|{}| {to}", quoted(label)),
            None => writeln!(out, "    {from} {arrow} {to}"),
        };
    }
    let classes = [
        (
            "choice",
            &w.choice,
            format!("fill:{},stroke:{}", colour::CHOICE_FILL, colour::AMBER),
        ),
        (
            "succeed",
            &w.succeed,
            format!("stroke:{},stroke-width:2px", colour::GREEN),
        ),
        (
            "fail",
            &w.fail,
            format!("stroke:{},stroke-width:2px", colour::RED),
        ),
        (
            "terminal",
            &vec!["start".to_string(), "stop".to_string()],
            format!(
                "fill:{},stroke:{},color:{}",
                colour::SOFT,
                colour::SOFT,
                colour::BACKGROUND
            ),
        ),
    ];
    for (name, ids, style) in classes {
        if !ids.is_empty() {
            let _ = writeln!(out, "    classDef {name} {style}");
            let _ = writeln!(out, "    class {} {name}", ids.join(","));
        }
    }
    for (list, stroke) in [(red, colour::RED), (amber, colour::AMBER)] {
        if !list.is_empty() {
            let _ = writeln!(out, "    linkStyle {} stroke:{stroke}", list.join(","));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn texts_cannot_break_out_of_their_quotes() {
        assert_eq!(
            quoted("a \"b\" <c> #1 |x|"),
            "\"a #34;b#34; #60;c#62; #35;1 #124;x#124;\""
        );
        assert_eq!(quoted("line\nbreak"), "\"line break\"");
    }
}

//! A Graphviz DOT digraph: a node per state (name, type, retry policy), Start and End, a cluster
//! per Parallel or Map (a cluster per branch inside, each with its own start and end points),
//! edges labelled with their rule or errors, catchers dashed and red, Choice rules amber. Edges
//! into and out of a Parallel or Map meet its cluster's border (`lhead`, `ltail`).

use super::{Link, LinkKind, Look, colour, links, look, start};
use crate::graph::extract::{Block, State};
use std::fmt::Write;

/// A text as a quoted DOT string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Lines of text as one DOT label (each line centred).
fn label(lines: &[String]) -> String {
    let quoted: Vec<String> = lines.iter().map(|l| quoted(l)).collect();
    let inner: Vec<&str> = quoted.iter().map(|q| &q[1..q.len() - 1]).collect();
    format!("\"{}\"", inner.join("\\n"))
}

/// How an edge meets a state: through this node, and the cluster it stands for, if any.
#[derive(Clone)]
struct End {
    node: String,
    cluster: Option<String>,
}

struct Writer {
    out: String,
    next: usize,
    edges: Vec<String>,
}

impl Writer {
    fn id(&mut self) -> String {
        let id = format!("n{}", self.next);
        self.next += 1;
        id
    }

    fn edge(&mut self, from: &End, to: &End, text: Option<&str>, kind: LinkKind) {
        let mut attributes = Vec::new();
        if let Some(text) = text {
            attributes.push(format!("label={}", quoted(text)));
        }
        match kind {
            LinkKind::Catch => attributes.push(format!(
                "style=dashed, color=\"{red}\", fontcolor=\"{red}\"",
                red = colour::RED
            )),
            LinkKind::Choice => attributes.push(format!(
                "color=\"{amber}\", fontcolor=\"{amber}\"",
                amber = colour::AMBER
            )),
            LinkKind::Next => {}
        }
        if let Some(cluster) = &from.cluster {
            attributes.push(format!("ltail={cluster}"));
        }
        if let Some(cluster) = &to.cluster {
            attributes.push(format!("lhead={cluster}"));
        }
        let line = if attributes.is_empty() {
            format!("  {} -> {};", from.node, to.node)
        } else {
            format!(
                "  {} -> {} [{}];",
                from.node,
                to.node,
                attributes.join(", ")
            )
        };
        self.edges.push(line);
    }

    fn point(&mut self, indent: &str) -> String {
        let id = self.id();
        let _ = writeln!(
            self.out,
            "{indent}{id} [label=\"\", shape=point, width=0.08, color=\"{}\"];",
            colour::SOFT
        );
        id
    }

    /// A state: a node, or a cluster holding its blocks. Returns how edges meet it.
    fn state(&mut self, state: &State, depth: usize) -> (End, End) {
        let indent = "  ".repeat(depth);
        if state.blocks.is_empty() {
            let id = self.id();
            let style = match look(&state.type_name) {
                Look::Choice => format!(
                    ", fillcolor=\"{}\", color=\"{}\"",
                    colour::CHOICE_FILL,
                    colour::AMBER
                ),
                Look::Succeed => format!(", color=\"{}\", penwidth=2", colour::GREEN),
                Look::Fail => format!(", color=\"{}\", penwidth=2", colour::RED),
                Look::Plain => String::new(),
            };
            let _ = writeln!(
                self.out,
                "{indent}{id} [label={}{style}];",
                label(&super::lines(state))
            );
            let end = End {
                node: id,
                cluster: None,
            };
            return (end.clone(), end);
        }
        let cluster = format!("cluster_{}", self.id());
        let _ = writeln!(self.out, "{indent}subgraph {cluster} {{");
        let _ = writeln!(
            self.out,
            "{indent}  label={}; style=\"rounded,dashed\"; color=\"{}\"; bgcolor=\"{}\";",
            label(&super::lines(state)),
            colour::SOFT,
            colour::CONTAINER
        );
        let mut ends = None;
        for (n, block) in state.blocks.iter().enumerate() {
            let inner = if state.blocks.len() > 1 {
                let branch = format!("cluster_{}", self.id());
                let _ = writeln!(self.out, "{indent}  subgraph {branch} {{");
                let _ = writeln!(
                    self.out,
                    "{indent}    label={}; style=\"rounded,dotted\"; bgcolor=\"{}\";",
                    quoted(&format!("Branch {}", n + 1)),
                    colour::BACKGROUND
                );
                let inner = self.block(block, depth + 2);
                let _ = writeln!(self.out, "{indent}  }}");
                inner
            } else {
                self.block(block, depth + 1)
            };
            if ends.is_none() {
                ends = Some(inner);
            }
        }
        let _ = writeln!(self.out, "{indent}}}");
        let (first, last) = ends.unwrap_or_default();
        (
            End {
                node: first,
                cluster: Some(cluster.clone()),
            },
            End {
                node: last,
                cluster: Some(cluster),
            },
        )
    }

    /// A block: its start point, its states, its end point and the edges between them. Returns
    /// the ids of its start and end points.
    fn block(&mut self, block: &Block, depth: usize) -> (String, String) {
        let indent = "  ".repeat(depth);
        let (first, last) = if depth == 1 {
            let (start, stop) = (self.id(), self.id());
            for (id, text, fill) in [
                (&start, "Start", colour::SOFT),
                (&stop, "End", colour::BACKGROUND),
            ] {
                let _ = writeln!(
                    self.out,
                    "{indent}{id} [label=\"{text}\", shape=oval, style=filled, fillcolor=\"{fill}\", \
                     color=\"{}\", fontcolor=\"{}\"];",
                    colour::SOFT,
                    if text == "Start" {
                        colour::BACKGROUND
                    } else {
                        colour::TEXT
                    }
                );
            }
            (start, stop)
        } else {
            (self.point(&indent), self.point(&indent))
        };
        let ends: Vec<(End, End)> = block.states.iter().map(|s| self.state(s, depth)).collect();
        let plain = |id: &str| End {
            node: id.to_string(),
            cluster: None,
        };
        if let Some(s) = start(block) {
            self.edge(&plain(&first), &ends[s].0, None, LinkKind::Next);
        }
        for Link {
            from,
            to,
            label,
            kind,
        } in links(block)
        {
            let (from, to) = (ends[from].1.clone(), ends[to].0.clone());
            self.edge(&from, &to, label.as_deref(), kind);
        }
        for (state, (_, exit)) in block.states.iter().zip(&ends) {
            if state.ends {
                self.edge(exit, &plain(&last), None, LinkKind::Next);
            }
        }
        (first, last)
    }
}

/// The DOT text of a machine's top-level block.
pub(in crate::graph) fn write(block: &Block) -> String {
    let mut w = Writer {
        out: String::new(),
        next: 0,
        edges: Vec::new(),
    };
    let _ = writeln!(w.out, "digraph machine {{");
    let _ = writeln!(
        w.out,
        "  graph [rankdir=TB, compound=true, fontname=\"Helvetica\", fontsize=11, nodesep=0.4, \
         ranksep=0.45];"
    );
    let _ = writeln!(
        w.out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"{}\", color=\"{}\", \
         fontname=\"Helvetica\", fontsize=11];",
        colour::BACKGROUND,
        colour::SOFT
    );
    let _ = writeln!(
        w.out,
        "  edge [color=\"{}\", fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];",
        colour::SOFT
    );
    w.block(block, 1);
    let mut out = w.out;
    for edge in &w.edges {
        out.push_str(edge);
        out.push('\n');
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn texts_cannot_break_out_of_their_quotes() {
        assert_eq!(quoted(r#"a "b" \n"#), r#""a \"b\" \\n""#);
    }
}

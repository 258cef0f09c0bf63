//! The machine as a graph, laid out for drawing: boxes (Start, End, states; Parallel branches and
//! Map processors inside their state's box) and edges (Next, Choice rules with their condition,
//! Default, Catch with its errors) routed as orthogonal polylines, each with its own arrowhead and
//! its label placed where nothing else is drawn. Pure and deterministic: the same definition
//! always gives the same picture; the app only draws it.
//!
//! The layout is layered (Sugiyama's method): loops are turned round ([`cycles`]), states are
//! put in rows ([`layers`]), the rows are ordered to avoid crossings ([`order`]), edges get ports
//! on their boxes' sides ([`ports`]), boxes and edges get their columns ([`place`]) and the edges
//! their routes ([`route`]). Each edge's label is a node of the layout in a row of labels of its
//! own, so that it never lies on a box, another label or an arrowhead.
//!
//! The same machine is written out as SVG, Mermaid or Graphviz DOT ([`Machine`]).
//!
//! ```
//! let machine = asl_core::graph::Machine::read(
//!     r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
//!     None,
//! )
//! .unwrap();
//! let graph = machine.layout();
//! assert_eq!(graph.boxes.len(), 3); // Start, A, End
//! assert!(machine.mermaid().starts_with("flowchart TD"));
//! ```

mod cycles;
mod export;
mod extract;
mod layers;
mod layout;
mod legend;
mod loops;
mod metrics;
mod order;
mod place;
mod ports;
mod route;
mod tracks;

pub use extract::TransitionKind;
pub use legend::{LEGEND, LegendEntry, LegendKind};

use crate::diag::{Code, Diagnostic};
use crate::source::{self, Format};
use crate::text::Span;

/// What a box is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxKind {
    /// Where a block starts.
    Start,
    /// Where a block ends.
    End,
    /// A state.
    State,
}

/// A rectangle, in graph coordinates (pixels at zoom 1): left, top, width, height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether the two rectangles share more than a border.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// A box, in graph coordinates (pixels at zoom 1).
#[derive(Clone, Debug, PartialEq)]
pub struct GraphBox {
    /// Its index in [`Graph::boxes`].
    pub id: usize,
    /// Start, End or a state.
    pub kind: BoxKind,
    /// The state's name.
    pub state: Option<String>,
    /// The state's `Type`.
    pub type_name: Option<String>,
    /// The state's key in the definition.
    pub span: Option<Span>,
    /// Its retry policy, shortly.
    pub retry: Option<String>,
    /// The Parallel or Map box it is inside.
    pub parent: Option<usize>,
    /// It holds blocks (a Parallel's branches, a Map's processor), drawn inside it under its
    /// name and type.
    pub container: bool,
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Where a run's badge goes (attempts, items, visits): a slot across the box's top right
    /// corner that no edge, label or other box touches; `None` for Start and End. A badge is
    /// drawn right-aligned in it, [`BADGE_CHARS`] characters at most.
    pub badge: Option<Rect>,
}

impl GraphBox {
    /// The box as a rectangle.
    pub fn rect(&self) -> Rect {
        Rect {
            x: self.x,
            y: self.y,
            w: self.w,
            h: self.h,
        }
    }
}

/// How many characters of 10px text a badge slot holds.
pub const BADGE_CHARS: usize = metrics::BADGE_CHARS;

/// What an edge is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// From Start to `StartAt`.
    Start,
    /// `Next`.
    Next,
    /// A Choice rule, with its condition.
    Choice(String),
    /// A Choice's `Default`.
    Default,
    /// A catcher, with its errors.
    Catch(String),
    /// From a state that ends its block to End.
    End,
}

impl EdgeKind {
    /// The text drawn along the edge.
    pub fn label(&self) -> Option<&str> {
        match self {
            EdgeKind::Choice(label) | EdgeKind::Catch(label) => Some(label),
            EdgeKind::Default => Some("Default"),
            _ => None,
        }
    }
}

/// An edge's label: its text in a box that no other label, box, edge or arrowhead touches.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The text (10px).
    pub text: String,
    /// The box around it.
    pub rect: Rect,
}

impl Label {
    /// Where the text starts: its left end and its baseline.
    pub fn baseline(&self) -> (f64, f64) {
        (
            self.rect.x + metrics::LABEL_PAD,
            self.rect.y + metrics::LABEL_BASELINE,
        )
    }
}

/// An edge: a polyline from its source box to its target box, where its arrowhead points.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The source box.
    pub from: usize,
    /// The target box.
    pub to: usize,
    /// What it is.
    pub kind: EdgeKind,
    /// The points, first on the source's border, last on the target's, each segment horizontal
    /// or vertical.
    pub points: Vec<(f64, f64)>,
    /// The arrowhead: its tip (the last point) and the two corners of its base.
    pub arrow: [(f64, f64); 3],
    /// Its label, if it has one.
    pub label: Option<Label>,
}

/// A laid-out machine.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graph {
    /// Its width.
    pub width: f64,
    /// Its height.
    pub height: f64,
    /// The boxes; a container comes before what it contains.
    pub boxes: Vec<GraphBox>,
    /// The edges.
    pub edges: Vec<Edge>,
}

/// A definition read for drawing: its states and transitions, whether or not it is valid.
#[derive(Clone, Debug)]
pub struct Machine {
    block: extract::Block,
}

impl Machine {
    /// Read a definition (JSON or YAML, detected when `format` is `None`). Refused when it does
    /// not read, or is not an object: the diagnostic says where.
    pub fn read(definition: &str, format: Option<Format>) -> Result<Machine, Diagnostic> {
        let read = source::read(definition, format)?;
        let Some(machine) = read.root.as_object() else {
            return Err(Diagnostic::error(
                Code::SchemaValidationFailed,
                "not-an-object",
                "A state machine definition is an object (with StartAt and States)",
            )
            .span(read.root.span));
        };
        Ok(Machine {
            block: extract::block(machine),
        })
    }

    /// Its layout.
    pub fn layout(&self) -> Graph {
        layout::graph(&self.block)
    }

    /// Its layout as a self-contained SVG document, with a legend of what the colours mean.
    pub fn svg(&self) -> String {
        export::svg::write(&self.layout())
    }

    /// A Mermaid flowchart of it (GitHub renders these in Markdown).
    pub fn mermaid(&self) -> String {
        export::mermaid::write(&self.block)
    }

    /// A Graphviz DOT digraph of it.
    pub fn dot(&self) -> String {
        export::dot::write(&self.block)
    }
}

/// The graph of a definition (JSON or YAML); an empty graph when it does not read.
pub fn graph(definition: &str) -> Graph {
    Machine::read(definition, None).map_or_else(|_| Graph::default(), |m| m.layout())
}

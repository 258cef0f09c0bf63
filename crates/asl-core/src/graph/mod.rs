//! The machine as a graph, laid out for drawing: boxes (Start, End, states; Parallel branches and
//! Map processors inside their state's box) and edges (Next, Choice rules with their condition,
//! Default, Catch with its errors) as polylines. Pure and deterministic: the same definition
//! always gives the same picture; the app only draws it.

mod extract;
mod layout;

pub use extract::TransitionKind;

use crate::source;
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
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

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

/// An edge: a polyline from its source box to its target box.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The source box.
    pub from: usize,
    /// The target box.
    pub to: usize,
    /// What it is.
    pub kind: EdgeKind,
    /// The points, first on the source, last on the target.
    pub points: Vec<(f64, f64)>,
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

/// The graph of a definition (JSON or YAML); an empty graph when it does not read.
pub fn graph(definition: &str) -> Graph {
    let Ok(read) = source::read(definition, None) else {
        return Graph::default();
    };
    let Some(machine) = read.root.as_object() else {
        return Graph::default();
    };
    layout::graph(&extract::block(machine))
}

//! Rows. Each box gets a row: the longest path to it from the start (Start alone in the first
//! row, End alone in the last), then a box with more edges out than in moves down as far as its
//! edges allow, which shortens them. Between two rows of boxes lies a row of labels. Every edge
//! becomes a chain of nodes, one in each row it crosses: a point it passes through, or its label.

use super::metrics::LABEL_OFFSET;

/// What a node of the layout stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    /// A box (Start, a state, End), by its index in the block.
    Box(usize),
    /// A point an edge passes through, by the edge's index.
    Dummy(usize),
    /// An edge's label (the edge passes along its left side), by the edge's index.
    Label(usize),
}

/// A node of the layout.
#[derive(Clone, Debug)]
pub(super) struct Node {
    pub(super) slot: Slot,
    pub(super) layer: usize,
    /// The width it takes in its row.
    pub(super) w: f64,
    /// The room it keeps free on its left and on its right.
    pub(super) margin: (f64, f64),
    /// Its left side, once placed.
    pub(super) x: f64,
}

/// An edge of a block as the layout sees it: turned round if it goes back, never a self-loop.
#[derive(Clone, Debug)]
pub(super) struct LayoutEdge {
    /// The upper end (the source, unless the edge is turned round).
    pub(super) top: usize,
    /// The lower end.
    pub(super) bottom: usize,
    /// It goes back (up): drawn from `bottom` to `top`.
    pub(super) reversed: bool,
    /// Its label's width, when it has one.
    pub(super) label: Option<f64>,
    /// How much it matters that it runs straight: the main flow (Next) most, catchers least.
    pub(super) weight: f64,
}

/// The layered graph: nodes in rows (left to right once ordered), each edge a chain.
#[derive(Clone, Debug)]
pub(super) struct Layered {
    pub(super) nodes: Vec<Node>,
    pub(super) layers: Vec<Vec<usize>>,
    /// Each edge's nodes, top to bottom.
    pub(super) chains: Vec<Vec<usize>>,
    /// Each edge's weight.
    pub(super) weights: Vec<f64>,
}

/// Margins round points, labels and boxes.
const POINT_MARGIN: f64 = 6.0;
const LABEL_MARGIN: f64 = 8.0;

/// Each box's row (of boxes: 0, 1, 2, …): box 0 is Start, `end` is End.
pub(super) fn ranks(count: usize, end: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); count];
    for &(from, to) in edges {
        outgoing[from].push(to);
        incoming[to].push(from);
    }
    // Kahn's order, lowest index first among the ready.
    let mut waiting: Vec<usize> = incoming.iter().map(Vec::len).collect();
    let mut ready: std::collections::BTreeSet<usize> =
        (0..count).filter(|&v| waiting[v] == 0).collect();
    let mut order = Vec::with_capacity(count);
    while let Some(v) = ready.pop_first() {
        order.push(v);
        for &to in &outgoing[v] {
            waiting[to] -= 1;
            if waiting[to] == 0 {
                ready.insert(to);
            }
        }
    }
    let mut rank = vec![0usize; count];
    for &v in &order {
        if v != 0 && v != end {
            rank[v] = rank[v].max(1);
        }
        for &to in &outgoing[v] {
            rank[to] = rank[to].max(rank[v] + 1);
        }
    }
    let last = (0..count)
        .filter(|&v| v != end)
        .map(|v| rank[v])
        .max()
        .unwrap_or(0);
    if end < count {
        rank[end] = last + 1;
    }
    // Down where that shortens more edges than it lengthens, the lowest first.
    for &v in order.iter().rev() {
        if v == 0 || v == end || outgoing[v].len() <= incoming[v].len() {
            continue;
        }
        if let Some(below) = outgoing[v].iter().map(|&to| rank[to]).min() {
            rank[v] = rank[v].max(below.saturating_sub(1));
        }
    }
    rank
}

/// The layered graph of boxes (their widths and margins) in their rows, and edges.
pub(super) fn build(boxes: &[(f64, (f64, f64))], rank: &[usize], edges: &[LayoutEdge]) -> Layered {
    let rows = rank.iter().copied().max().unwrap_or(0) * 2 + 1;
    let mut nodes: Vec<Node> = boxes
        .iter()
        .enumerate()
        .map(|(i, &(w, margin))| Node {
            slot: Slot::Box(i),
            layer: rank[i] * 2,
            w,
            margin,
            x: 0.0,
        })
        .collect();
    let mut chains = Vec::with_capacity(edges.len());
    for (n, edge) in edges.iter().enumerate() {
        let (top, bottom) = (rank[edge.top] * 2, rank[edge.bottom] * 2);
        let label_layer = if edge.reversed { bottom - 1 } else { top + 1 };
        let mut chain = vec![edge.top];
        for layer in top + 1..bottom {
            let (slot, w, margin) = match edge.label {
                Some(width) if layer == label_layer => (
                    Slot::Label(n),
                    LABEL_OFFSET + width,
                    (POINT_MARGIN, LABEL_MARGIN),
                ),
                _ => (Slot::Dummy(n), 0.0, (POINT_MARGIN, POINT_MARGIN)),
            };
            chain.push(nodes.len());
            nodes.push(Node {
                slot,
                layer,
                w,
                margin,
                x: 0.0,
            });
        }
        chain.push(edge.bottom);
        chains.push(chain);
    }
    let mut layers = vec![Vec::new(); rows];
    for (id, node) in nodes.iter().enumerate() {
        layers[node.layer].push(id);
    }
    Layered {
        nodes,
        layers,
        chains,
        weights: edges.iter().map(|e| e.weight).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::ranks;

    #[test]
    fn rows_follow_the_longest_path_and_end_is_last() {
        // Start → A → B → End, Start → … A → End directly too.
        let edges = [(0, 1), (1, 2), (2, 3), (1, 3)];
        assert_eq!(ranks(4, 3, &edges), [0, 1, 2, 3]);
    }

    #[test]
    fn a_box_with_more_ways_out_than_in_moves_down() {
        // Start → 1 → 2 → 3 → End; 4 is reached by nothing and leads to 3: it sits right above
        // 3 rather than in the first row.
        let edges = [(0, 1), (1, 2), (2, 3), (3, 5), (4, 3)];
        assert_eq!(ranks(6, 5, &edges), [0, 1, 2, 3, 2, 4]);
    }
}

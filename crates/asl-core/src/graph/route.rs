//! Routes. The rows get their heights (a row of boxes its tallest box's, a row of labels a
//! label's, or nothing when it has none), the channels between them room for their tracks and
//! for arrowheads and badges at their ends. Each edge then runs down from its port, sideways on
//! its track where its next node is not in line, down through the rows between, and into its
//! lower box's port; an edge that goes back is the same route drawn the other way. It ends in an
//! arrowhead on its target's side.

use super::layers::{Layered, Slot};
use super::metrics::{
    ARROW_HALF, ARROW_LEN, CHANNEL_ARROW, CHANNEL_END, LABEL_H, LABEL_OFFSET, TRACK,
};
use super::ports::Ports;
use super::tracks::{self, Run};
use super::{Rect, metrics};

/// A routed edge, in the block's coordinates.
#[derive(Clone, Debug)]
pub(super) struct Route {
    pub(super) points: Vec<(f64, f64)>,
    pub(super) arrow: [(f64, f64); 3],
    pub(super) label: Option<Rect>,
}

/// Where the rows lie: each row's top and height.
#[derive(Clone, Debug)]
pub(super) struct Rows {
    pub(super) top: Vec<f64>,
    pub(super) height: Vec<f64>,
}

impl Rows {
    /// The top of box `v`, `h` high, centred in its row.
    pub(super) fn box_top(&self, layer: usize, h: f64) -> f64 {
        self.top[layer] + (self.height[layer] - h) / 2.0
    }
}

/// The arrowhead at the end of `points`, pointing along its last segment.
pub(super) fn arrow(points: &[(f64, f64)]) -> [(f64, f64); 3] {
    let tip = points[points.len() - 1];
    let from = points[points.len().saturating_sub(2)];
    let (dx, dy) = (tip.0 - from.0, tip.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt().max(f64::EPSILON);
    let (ux, uy) = (dx / length, dy / length);
    let base = (tip.0 - ux * ARROW_LEN, tip.1 - uy * ARROW_LEN);
    [
        tip,
        (base.0 - uy * ARROW_HALF, base.1 + ux * ARROW_HALF),
        (base.0 + uy * ARROW_HALF, base.1 - ux * ARROW_HALF),
    ]
}

/// Without repeated points, nor points in the middle of a straight line.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Route every chain of `layered` (placed), its boxes `sizes` high; `reversed` says which
/// chains are drawn upwards. Returns the rows and each chain's route.
pub(super) fn route(
    layered: &Layered,
    ports: &Ports,
    sizes: &[(f64, f64)],
    reversed: &[bool],
) -> (Rows, Vec<Route>) {
    let nodes = &layered.nodes;
    let rows = layered.layers.len();
    let is_box = |v: usize| matches!(nodes[v].slot, Slot::Box(_));
    // Where each segment of each chain leaves and arrives, sideways.
    let ends = |c: usize, i: usize| {
        let chain = &layered.chains[c];
        let (a, b) = (chain[i], chain[i + 1]);
        let from = nodes[a].x + if i == 0 { ports.exit[c] } else { 0.0 };
        let to = nodes[b].x
            + if i + 2 == chain.len() {
                ports.entry[c]
            } else {
                0.0
            };
        (from, to)
    };
    // The runs in each channel (below row l), and each chain segment's run.
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); rows];
    let mut run_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(layered.chains.len());
    for (c, chain) in layered.chains.iter().enumerate() {
        let mut of = vec![None; chain.len() - 1];
        for (i, slot) in of.iter_mut().enumerate() {
            let (from, to) = ends(c, i);
            // Not in line, however little: a run (a slanted line would not be square).
            if (from - to).abs() > 1e-6 {
                let l = nodes[chain[i]].layer;
                *slot = Some(runs[l].len());
                runs[l].push(Run { from, to });
            }
        }
        run_of.push(of);
    }
    let assigned: Vec<(Vec<usize>, usize)> = runs.iter().map(|r| tracks::assign(r)).collect();
    // Heights: rows, then channels.
    let mut height = vec![0.0; rows];
    for (l, layer) in layered.layers.iter().enumerate() {
        height[l] = layer
            .iter()
            .map(|&v| match nodes[v].slot {
                Slot::Box(b) => sizes[b].1,
                Slot::Label(_) => LABEL_H,
                Slot::Dummy(_) => 0.0,
            })
            .fold(0.0, f64::max);
    }
    let room = |l: usize| {
        if l.is_multiple_of(2) {
            CHANNEL_ARROW
        } else {
            CHANNEL_END
        }
    };
    let mut top = vec![0.0; rows];
    let mut channel_top = vec![0.0; rows];
    let mut y = 0.0;
    for l in 0..rows {
        top[l] = y;
        y += height[l];
        if l + 1 < rows {
            channel_top[l] = y;
            let count = assigned[l].1;
            y += room(l) + room(l + 1) + count.saturating_sub(1) as f64 * TRACK;
        }
    }
    let layout_rows = Rows { top, height };
    let routes = layered
        .chains
        .iter()
        .enumerate()
        .map(|(c, chain)| {
            let first = chain[0];
            let (from, _) = ends(c, 0);
            let box_bottom = |v: usize| {
                let Slot::Box(b) = nodes[v].slot else {
                    return 0.0;
                };
                layout_rows.box_top(nodes[v].layer, sizes[b].1) + sizes[b].1
            };
            let mut points = vec![(from, box_bottom(first))];
            let mut label = None;
            for i in 0..chain.len() - 1 {
                let (a, b) = (chain[i], chain[i + 1]);
                let l = nodes[a].layer;
                let (from, to) = ends(c, i);
                if let Some(r) = run_of[c][i] {
                    let track = channel_top[l] + room(l) + assigned[l].0[r] as f64 * TRACK;
                    points.push((from, track));
                    points.push((to, track));
                }
                let lower = nodes[b].layer;
                if is_box(b) {
                    let Slot::Box(bb) = nodes[b].slot else {
                        continue;
                    };
                    points.push((to, layout_rows.box_top(lower, sizes[bb].1)));
                } else {
                    let (row_top, row_h) = (layout_rows.top[lower], layout_rows.height[lower]);
                    points.push((to, row_top));
                    points.push((to, row_top + row_h));
                    if matches!(nodes[b].slot, Slot::Label(_)) {
                        label = Some(Rect {
                            x: nodes[b].x + LABEL_OFFSET,
                            y: row_top + (row_h - LABEL_H) / 2.0,
                            w: nodes[b].w - LABEL_OFFSET,
                            h: metrics::LABEL_H,
                        });
                    }
                }
            }
            let mut points = simplify(points);
            if reversed[c] {
                points.reverse();
            }
            Route {
                arrow: arrow(&points),
                points,
                label,
            }
        })
        .collect();
    (layout_rows, routes)
}

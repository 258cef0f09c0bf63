//! Columns: each node's left side, keeping each row's order and the room each node keeps free,
//! with the edges as straight as can be. Each row in turn is placed where the sum of its edges'
//! horizontal runs (weighted: a long edge's middle weighs most, so that it runs straight) to the
//! rows already placed is least: a weighted median under order constraints, solved exactly by
//! pooling adjacent violators. Rows go down, then up, a few times, then with both neighbours.
//! Medians put an edge's ends exactly in line wherever the order allows.

use super::layers::{Layered, Slot};
use super::ports::Ports;

/// Rounds of a sweep down then up, then rounds looking both ways.
const ROUNDS: usize = 4;
const BOTH_WAYS: usize = 2;
/// How much a node prefers to stay where it is (it settles ties).
const STAY: f64 = 1e-3;

/// One end of an edge segment seen from a node: the other node, where the segment meets this
/// node and the other one (from their left sides), and its weight.
#[derive(Clone, Copy, Debug)]
struct Link {
    other: usize,
    here: f64,
    there: f64,
    weight: f64,
}

/// Place every node of `layered` (its `x`).
pub(super) fn place(layered: &mut Layered, ports: &Ports) {
    let count = layered.nodes.len();
    let (mut up, mut down): (Vec<Vec<Link>>, Vec<Vec<Link>>) =
        (vec![Vec::new(); count], vec![Vec::new(); count]);
    for (c, chain) in layered.chains.iter().enumerate() {
        let last = chain.len() - 1;
        for (i, pair) in chain.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            let at_a = if i == 0 { ports.exit[c] } else { 0.0 };
            let at_b = if i + 1 == last { ports.entry[c] } else { 0.0 };
            let is_box = |v: usize| matches!(layered.nodes[v].slot, Slot::Box(_));
            let weight = layered.weights[c]
                * match (is_box(a), is_box(b)) {
                    (false, false) => 8.0,
                    (true, true) => 1.0,
                    _ => 2.0,
                };
            down[a].push(Link {
                other: b,
                here: at_a,
                there: at_b,
                weight,
            });
            up[b].push(Link {
                other: a,
                here: at_b,
                there: at_a,
                weight,
            });
        }
    }
    pack(layered);
    let rows = layered.layers.len();
    for _ in 0..ROUNDS {
        for l in 1..rows {
            settle(layered, l, &[&up]);
        }
        for l in (0..rows.saturating_sub(1)).rev() {
            settle(layered, l, &[&down]);
        }
    }
    for _ in 0..BOTH_WAYS {
        for l in 0..rows {
            settle(layered, l, &[&up, &down]);
        }
    }
    let least = layered
        .nodes
        .iter()
        .map(|n| n.x - n.margin.0)
        .fold(f64::INFINITY, f64::min);
    if least.is_finite() {
        for node in &mut layered.nodes {
            node.x -= least;
        }
    }
}

/// Each row packed tight, centred on 0.
fn pack(layered: &mut Layered) {
    for layer in &layered.layers {
        let mut x = 0.0;
        let mut previous: Option<usize> = None;
        for &v in layer {
            if let Some(p) = previous {
                let p = &layered.nodes[p];
                x += p.w + p.margin.1 + layered.nodes[v].margin.0;
            }
            layered.nodes[v].x = x;
            previous = Some(v);
        }
        let width = previous.map_or(0.0, |p| x + layered.nodes[p].w);
        for &v in layer {
            layered.nodes[v].x -= width / 2.0;
        }
    }
}

/// A run of adjacent nodes placed as one: what each wants (shifted to the run's first node's
/// frame), and where the run sits.
struct Pool {
    wants: Vec<(f64, f64)>,
    at: f64,
    len: usize,
}

/// The weighted median of `wants` (value, weight).
fn median(wants: &mut [(f64, f64)]) -> f64 {
    wants.sort_by(|a, b| a.0.total_cmp(&b.0));
    let half = wants.iter().map(|w| w.1).sum::<f64>() / 2.0;
    let mut sum = 0.0;
    for &(value, weight) in wants.iter() {
        sum += weight;
        if sum >= half {
            return value;
        }
    }
    wants.last().map_or(0.0, |w| w.0)
}

/// Place row `l` against its neighbours in `around` (the rows above, below, or both).
fn settle(layered: &mut Layered, l: usize, around: &[&Vec<Vec<Link>>]) {
    let layer = &layered.layers[l];
    let mut pools: Vec<Pool> = Vec::with_capacity(layer.len());
    // The least distance of each node's left side from the row's first node's.
    let mut offset = 0.0;
    let mut offsets = Vec::with_capacity(layer.len());
    for (i, &v) in layer.iter().enumerate() {
        if i > 0 {
            let (p, n) = (&layered.nodes[layer[i - 1]], &layered.nodes[v]);
            offset += p.w + p.margin.1 + n.margin.0;
        }
        offsets.push(offset);
        let node = &layered.nodes[v];
        let mut wants = vec![(node.x - offset, STAY)];
        for links in around {
            for link in &links[v] {
                let there = layered.nodes[link.other].x + link.there;
                wants.push((there - link.here - offset, link.weight));
            }
        }
        let at = median(&mut wants);
        pools.push(Pool { wants, at, len: 1 });
        while pools.len() >= 2 && pools[pools.len() - 2].at > pools[pools.len() - 1].at {
            if let Some(last) = pools.pop()
                && let Some(into) = pools.last_mut()
            {
                into.wants.extend(last.wants);
                into.len += last.len;
                into.at = median(&mut into.wants);
            }
        }
    }
    let mut i = 0;
    for pool in &pools {
        for _ in 0..pool.len {
            let v = layered.layers[l][i];
            layered.nodes[v].x = pool.at + offsets[i];
            i += 1;
        }
    }
}

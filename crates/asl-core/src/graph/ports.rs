//! Ports: where each edge meets its boxes. Every edge leaves its upper box from the bottom side
//! and enters its lower box from the top side at a point of its own, so that no two edges share
//! a line or an arrowhead. The points on a side are [`PORT_GAP`] apart, in the order of the
//! edges' next nodes (so that they do not cross by the box), with the main flow's edge (a `Next`
//! rather than a catcher) in the middle of the side, else the points centred; they keep clear of
//! the corner where a state's badge goes. A box with more edges than its side holds grows wider.

use super::layers::Layered;
use super::metrics::{BADGE_OUT, PORT_GAP, PORT_INSET, badge_width};

/// How a box's sides take ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sides {
    /// A state: the top right corner is kept for its badge.
    State,
    /// Start or End: a pill, whose rounded ends take no port.
    Terminal,
}

/// Each chain's port offsets from the left of its upper box (`exit`) and of its lower box
/// (`entry`).
#[derive(Clone, Debug)]
pub(super) struct Ports {
    pub(super) exit: Vec<f64>,
    pub(super) entry: Vec<f64>,
}

/// Where each side's ports may lie on a box of width `w`: (first, last).
fn span(sides: Sides, top: bool, w: f64, h: f64) -> (f64, f64) {
    match sides {
        Sides::Terminal => (h / 2.0, w - h / 2.0),
        Sides::State if top => (PORT_INSET, w + BADGE_OUT - badge_width() - 6.0),
        Sides::State => (PORT_INSET, w - PORT_INSET),
    }
}

/// The least width that holds `count` ports on a side.
fn least_width(sides: Sides, top: bool, count: usize, h: f64) -> f64 {
    let needed = count.saturating_sub(1) as f64 * PORT_GAP;
    let (first, last) = span(sides, top, 0.0, h);
    // `last - first` grows one for one with the width.
    needed - (last - first)
}

/// The position on a side of the one edge that weighs more than all the others, if one does.
fn main(list: &[(usize, usize)], weights: &[f64]) -> Option<usize> {
    let heaviest = list.iter().map(|&(_, c)| weights[c]).fold(0.0, f64::max);
    let mut at = list
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| weights[*c] == heaviest);
    let (k, _) = at.next()?;
    at.next().is_none().then_some(k)
}

/// The ports of every chain; `sizes` (each box's width and height) grow where a side needs it.
pub(super) fn assign(layered: &Layered, sides: &[Sides], sizes: &mut [(f64, f64)]) -> Ports {
    let count = layered.chains.len();
    let mut pos = vec![0usize; layered.nodes.len()];
    for layer in &layered.layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    // Each box's chains on each side, by the position of the next node along.
    let mut bottom: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sides.len()];
    let mut top: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sides.len()];
    for (c, chain) in layered.chains.iter().enumerate() {
        let (first, last) = (chain[0], chain[chain.len() - 1]);
        bottom[first].push((pos[chain[1]], c));
        top[last].push((pos[chain[chain.len() - 2]], c));
    }
    let mut ports = Ports {
        exit: vec![0.0; count],
        entry: vec![0.0; count],
    };
    for b in 0..sides.len() {
        let (w, h) = sizes[b];
        let grown = [(&top[b], true), (&bottom[b], false)]
            .iter()
            .map(|(list, is_top)| least_width(sides[b], *is_top, list.len(), h))
            .fold(w, f64::max);
        sizes[b].0 = grown;
        for (list, is_top) in [(&mut top[b], true), (&mut bottom[b], false)] {
            list.sort_unstable();
            let (first, last) = span(sides[b], is_top, grown, h);
            let width = list.len().saturating_sub(1) as f64 * PORT_GAP;
            let start = grown / 2.0
                - main(list, &layered.weights).map_or(width / 2.0, |k| k as f64 * PORT_GAP);
            let start = start.min(last - width).max(first);
            for (k, &(_, c)) in list.iter().enumerate() {
                let at = start + k as f64 * PORT_GAP;
                if is_top {
                    ports.entry[c] = at;
                } else {
                    ports.exit[c] = at;
                }
            }
        }
    }
    ports
}

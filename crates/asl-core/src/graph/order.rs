//! The order of each row, to avoid crossings: a first order from a depth-first walk from Start
//! (following each state's edges in the definition's order: Next, the Choice rules, Default, the
//! catchers), then sweeps down and up putting each node at the barycentre of its neighbours in
//! the row just done, each followed by exchanges of neighbours that remove crossings. The order
//! with the fewest crossings wins.

use super::layers::{Layered, Slot};

/// Sweeps at most (each down or up); an order without crossings stops them.
const SWEEPS: usize = 24;
/// Passes of exchanges per sweep at most.
const EXCHANGES: usize = 8;

/// Each node's neighbours in the row above and in the row below.
struct Neighbours {
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
}

impl Neighbours {
    fn of(layered: &Layered) -> Neighbours {
        let count = layered.nodes.len();
        let (mut up, mut down) = (vec![Vec::new(); count], vec![Vec::new(); count]);
        for chain in &layered.chains {
            for pair in chain.windows(2) {
                down[pair[0]].push(pair[1]);
                up[pair[1]].push(pair[0]);
            }
        }
        Neighbours { up, down }
    }
}

/// How the first walk takes each box's edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Walk {
    /// In the definition's order.
    InOrder,
    /// The shortest first (so that long edges go round the outside), else in order.
    ShortFirst,
    /// In reverse order.
    Reversed,
}

/// Order every row of `layered`: from three first orders (walks taking each state's edges in
/// order, the shortest first, or in reverse order), the one that ends with the fewest crossings
/// (the first if equal).
pub(super) fn minimise(layered: &mut Layered) {
    let neighbours = Neighbours::of(layered);
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    for walk in [Walk::InOrder, Walk::ShortFirst, Walk::Reversed] {
        let (count, layers) = sweep(layered, &neighbours, initial(layered, walk));
        if best.as_ref().is_none_or(|(fewest, _)| count < *fewest) {
            best = Some((count, layers));
        }
        if count == 0 {
            break;
        }
    }
    if let Some((_, layers)) = best {
        layered.layers = layers;
    }
}

/// Sweeps from a first order: the order with the fewest crossings met, and their number.
fn sweep(
    layered: &Layered,
    neighbours: &Neighbours,
    mut layers: Vec<Vec<usize>>,
) -> (usize, Vec<Vec<usize>>) {
    let mut pos = vec![0usize; layered.nodes.len()];
    index(&layers, &mut pos);
    let mut best = layers.clone();
    let mut fewest = crossings(&layers, &neighbours.down, &pos);
    for sweep in 0..SWEEPS {
        if fewest == 0 {
            break;
        }
        if sweep % 2 == 0 {
            for layer in layers.iter_mut().skip(1) {
                reorder(layer, &neighbours.up, &mut pos);
            }
        } else {
            for layer in layers.iter_mut().rev().skip(1) {
                reorder(layer, &neighbours.down, &mut pos);
            }
        }
        exchange(&mut layers, neighbours, &mut pos);
        let count = crossings(&layers, &neighbours.down, &pos);
        if count < fewest {
            fewest = count;
            best.clone_from(&layers);
        }
    }
    (fewest, best)
}

/// The rows in the order of a depth-first walk: Start first, then every box not reached yet.
fn initial(layered: &Layered, walk: Walk) -> Vec<Vec<usize>> {
    let boxes = layered
        .nodes
        .iter()
        .filter(|n| matches!(n.slot, Slot::Box(_)))
        .count();
    let mut from_box: Vec<Vec<usize>> = vec![Vec::new(); boxes];
    for (n, chain) in layered.chains.iter().enumerate() {
        from_box[chain[0]].push(n);
    }
    for list in &mut from_box {
        match walk {
            Walk::InOrder => {}
            Walk::ShortFirst => list.sort_by_key(|&c| layered.chains[c].len()),
            Walk::Reversed => list.reverse(),
        }
    }
    let mut layers = vec![Vec::new(); layered.layers.len()];
    let mut placed = vec![false; layered.nodes.len()];
    for root in 0..boxes {
        if placed[root] {
            continue;
        }
        placed[root] = true;
        layers[layered.nodes[root].layer].push(root);
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(frame) = path.last_mut() {
            let (v, next) = *frame;
            let Some(&chain) = from_box[v].get(next) else {
                path.pop();
                continue;
            };
            frame.1 += 1;
            let chain = &layered.chains[chain];
            for &dummy in &chain[1..chain.len() - 1] {
                layers[layered.nodes[dummy].layer].push(dummy);
                placed[dummy] = true;
            }
            let bottom = chain[chain.len() - 1];
            if !placed[bottom] {
                placed[bottom] = true;
                layers[layered.nodes[bottom].layer].push(bottom);
                path.push((bottom, 0));
            }
        }
    }
    layers
}

fn index(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
}

/// Sort a row by the barycentre of each node's neighbours in `fixed` (a node without any keeps
/// its place).
fn reorder(layer: &mut [usize], fixed: &[Vec<usize>], pos: &mut [usize]) {
    let mut keyed: Vec<(f64, usize, usize)> = layer
        .iter()
        .map(|&v| {
            let around = &fixed[v];
            let centre = if around.is_empty() {
                pos[v] as f64
            } else {
                around.iter().map(|&u| pos[u] as f64).sum::<f64>() / around.len() as f64
            };
            (centre, pos[v], v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (i, (_, _, v)) in keyed.into_iter().enumerate() {
        layer[i] = v;
        pos[v] = i;
    }
}

/// Crossings between the edges of `u` and of `v` (`u` left of `v`) towards `around`.
fn pair_crossings(u: usize, v: usize, around: &[Vec<usize>], pos: &[usize]) -> usize {
    around[u]
        .iter()
        .map(|&a| around[v].iter().filter(|&&b| pos[a] > pos[b]).count())
        .sum()
}

/// Swap neighbours in a row wherever that removes crossings, until nothing changes.
fn exchange(layers: &mut [Vec<usize>], neighbours: &Neighbours, pos: &mut [usize]) {
    for layer in layers.iter_mut() {
        for _ in 0..EXCHANGES {
            let mut better = false;
            for i in 1..layer.len() {
                let (u, v) = (layer[i - 1], layer[i]);
                let now = pair_crossings(u, v, &neighbours.up, pos)
                    + pair_crossings(u, v, &neighbours.down, pos);
                let swapped = pair_crossings(v, u, &neighbours.up, pos)
                    + pair_crossings(v, u, &neighbours.down, pos);
                if swapped < now {
                    layer.swap(i - 1, i);
                    pos[u] = i;
                    pos[v] = i - 1;
                    better = true;
                }
            }
            if !better {
                break;
            }
        }
    }
}

/// The crossings of the whole layout: between each row and the next, the inversions of the
/// edges' lower ends once sorted by their upper ends (counted with a Fenwick tree).
pub(super) fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for pair in layers.windows(2) {
        let mut edges: Vec<(usize, usize)> = pair[0]
            .iter()
            .flat_map(|&u| down[u].iter().map(move |&v| (pos[u], pos[v])))
            .collect();
        edges.sort_unstable();
        let size = pair[1].len();
        let mut tree = vec![0usize; size + 1];
        for (inserted, &(_, lower)) in edges.iter().enumerate() {
            // How many inserted so far have a lower end at or left of `lower`.
            let mut at_or_left = 0;
            let mut i = lower + 1;
            while i > 0 {
                at_or_left += tree[i];
                i &= i - 1;
            }
            total += inserted - at_or_left;
            let mut i = lower + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::crossings;

    #[test]
    fn crossings_are_counted_between_rows() {
        // Row 0: a b; row 1: c d. a → d and b → c cross once; a → c too adds none.
        let layers = vec![vec![0, 1], vec![2, 3]];
        let down = vec![vec![3, 2], vec![2], vec![], vec![]];
        let pos = [0, 1, 0, 1];
        assert_eq!(crossings(&layers, &down, &pos), 1);
    }
}

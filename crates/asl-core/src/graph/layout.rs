//! Placing a block's states top to bottom, as the AWS console draws a machine: the states in
//! rows by their distance from the start (loops aside), each row centred, Parallel branches side
//! by side inside their state and a Map's processor inside its box. Forward edges go down; edges
//! back up (loops, retries by hand) go round on the right, each in its own lane.

use super::extract::{Block, State, TransitionKind};
use super::{BoxKind, Edge, EdgeKind, Graph, GraphBox};
use std::collections::HashMap;

const GAP_X: f64 = 32.0;
const GAP_Y: f64 = 56.0;
const LANE: f64 = 18.0;
const PAD: f64 = 16.0;
const HEADER: f64 = 34.0;
const TERMINAL: f64 = 26.0;
const STATE_HEIGHT: f64 = 44.0;
const RETRY_HEIGHT: f64 = 16.0;

/// A node of a block being laid out.
struct Item<'b> {
    kind: BoxKind,
    state: Option<&'b State>,
    w: f64,
    h: f64,
    x: f64,
    y: f64,
    rank: usize,
    /// For a Parallel or Map: its blocks, laid out, and where each sits inside the box.
    inner: Vec<(Laid<'b>, f64, f64)>,
}

/// An edge between two items of a block, and its route.
type Routed = (usize, usize, EdgeKind, Vec<(f64, f64)>);

/// A block laid out in its own coordinates.
struct Laid<'b> {
    items: Vec<Item<'b>>,
    edges: Vec<Routed>,
    width: f64,
    height: f64,
}

fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 7.4
}

fn state_item(state: &State) -> Item<'_> {
    let inner: Vec<Laid<'_>> = state.blocks.iter().map(lay_out).collect();
    let label = text_width(&state.name) + 40.0;
    let (w, h) = if inner.is_empty() {
        let h = STATE_HEIGHT
            + if state.retry.is_some() {
                RETRY_HEIGHT
            } else {
                0.0
            };
        (label.clamp(140.0, 320.0), h)
    } else {
        let widths: f64 =
            inner.iter().map(|l| l.width).sum::<f64>() + GAP_X * (inner.len() as f64 - 1.0);
        let height = inner.iter().map(|l| l.height).fold(0.0, f64::max);
        ((widths + 2.0 * PAD).max(label), HEADER + height + PAD)
    };
    let mut x = (w
        - inner.iter().map(|l| l.width).sum::<f64>()
        - GAP_X * (inner.len().max(1) as f64 - 1.0))
        / 2.0;
    let inner = inner
        .into_iter()
        .map(|laid| {
            let at = (laid, x, HEADER);
            x += at.0.width + GAP_X;
            at
        })
        .collect();
    Item {
        kind: BoxKind::State,
        state: Some(state),
        w,
        h,
        x: 0.0,
        y: 0.0,
        rank: 0,
        inner,
    }
}

fn terminal(kind: BoxKind) -> Item<'static> {
    Item {
        kind,
        state: None,
        w: TERMINAL,
        h: TERMINAL,
        x: 0.0,
        y: 0.0,
        rank: 0,
        inner: Vec::new(),
    }
}

/// Lay out one block in its own coordinates.
fn lay_out(block: &Block) -> Laid<'_> {
    // Items: Start, the states, End.
    let mut items: Vec<Item<'_>> = vec![terminal(BoxKind::Start)];
    items.extend(block.states.iter().map(state_item));
    items.push(terminal(BoxKind::End));
    let end = items.len() - 1;
    let index: HashMap<&str, usize> = block
        .states
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i + 1))
        .collect();
    // Edges, within the block.
    let mut edges: Vec<(usize, usize, EdgeKind)> = Vec::new();
    if let Some(start) = block.start_at.as_deref().and_then(|s| index.get(s)) {
        edges.push((0, *start, EdgeKind::Start));
    }
    for (i, state) in block.states.iter().enumerate() {
        for transition in &state.transitions {
            if let Some(&to) = index.get(transition.to.as_str()) {
                let kind = match &transition.kind {
                    TransitionKind::Next => EdgeKind::Next,
                    TransitionKind::Choice(label) => EdgeKind::Choice(label.clone()),
                    TransitionKind::Default => EdgeKind::Default,
                    TransitionKind::Catch(errors) => EdgeKind::Catch(errors.clone()),
                };
                edges.push((i + 1, to, kind));
            }
        }
        if state.ends {
            edges.push((i + 1, end, EdgeKind::End));
        }
    }
    let back = back_edges(items.len(), &edges);
    rank(&mut items, &edges, &back, end);
    place(&mut items);
    let bends = bends(&items, &edges, &back);
    // Forward edges whose straight route would cross a box go round on the left, each in its own
    // lane: everything moves right to make room.
    let mut routes: Vec<Vec<(f64, f64)>> = edges
        .iter()
        .enumerate()
        .map(|(n, (from, to, _))| {
            if back[n] {
                Vec::new()
            } else {
                forward_route(&items[*from], &items[*to], bends[n])
            }
        })
        .collect();
    let crossing: Vec<usize> = (0..edges.len())
        .filter(|&n| !back[n] && crosses(&routes[n], &items, edges[n].0, edges[n].1))
        .collect();
    let left = LANE * crossing.len() as f64 + if crossing.is_empty() { 0.0 } else { LANE };
    for item in &mut items {
        item.x += left;
    }
    for (k, &n) in crossing.iter().enumerate() {
        let (from, to) = (&items[edges[n].0], &items[edges[n].1]);
        let lane = LANE * (k as f64 + 1.0);
        let below = row_bottom(&items, from.rank) + 4.0 + 2.0 * (k % 10) as f64;
        let (sx, sy) = (from.x + from.w / 2.0, from.y + from.h);
        let (tx, ty) = (to.x + to.w / 2.0, to.y);
        let bend = bends[n];
        routes[n] = vec![
            (sx, sy),
            (sx, below),
            (lane, below),
            (lane, bend),
            (tx, bend),
            (tx, ty),
        ];
    }
    for (n, route) in routes.iter_mut().enumerate() {
        if !back[n] && !crossing.contains(&n) {
            for point in route.iter_mut() {
                point.0 += left;
            }
        }
    }
    let content_width = items.iter().map(|i| i.x + i.w).fold(0.0, f64::max);
    let mut lane = 0;
    let routed = edges
        .into_iter()
        .zip(routes)
        .enumerate()
        .map(|(n, ((from, to, kind), route))| {
            let points = if back[n] {
                lane += 1;
                back_route(&items[from], &items[to], content_width + LANE * lane as f64)
            } else {
                route
            };
            (from, to, kind, points)
        })
        .collect();
    let height = items.iter().map(|i| i.y + i.h).fold(0.0, f64::max);
    Laid {
        items,
        edges: routed,
        width: content_width + LANE * lane as f64 + if lane > 0 { LANE } else { 0.0 },
        height,
    }
}

/// The bottom of a row: its tallest box's.
fn row_bottom(items: &[Item<'_>], rank: usize) -> f64 {
    items
        .iter()
        .filter(|i| i.rank == rank)
        .map(|i| i.y + i.h)
        .fold(0.0, f64::max)
}

/// Whether a route passes through a box other than its ends.
fn crosses(route: &[(f64, f64)], items: &[Item<'_>], from: usize, to: usize) -> bool {
    route.windows(2).any(|segment| {
        let ((x1, y1), (x2, y2)) = (segment[0], segment[1]);
        let (left, right) = (x1.min(x2), x1.max(x2));
        let (top, bottom) = (y1.min(y2), y1.max(y2));
        items.iter().enumerate().any(|(i, item)| {
            i != from
                && i != to
                && left < item.x + item.w
                && right > item.x
                && top < item.y + item.h
                && bottom > item.y
        })
    })
}

/// The edges that go back to a state already on the path from the start (loops).
fn back_edges(count: usize, edges: &[(usize, usize, EdgeKind)]) -> Vec<bool> {
    let mut out = vec![false; edges.len()];
    let mut state = vec![0u8; count]; // 0 new, 1 on the path, 2 done
    let outgoing = |v: usize| {
        edges
            .iter()
            .enumerate()
            .filter(move |(_, (from, _, _))| *from == v)
            .map(|(n, (_, to, _))| (n, *to))
    };
    for root in 0..count {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, Vec<(usize, usize)>)> = vec![(root, outgoing(root).collect())];
        state[root] = 1;
        while let Some((v, pending)) = stack.last_mut() {
            let v = *v;
            match pending.pop() {
                Some((n, to)) => match state[to] {
                    0 => {
                        state[to] = 1;
                        let mut next: Vec<(usize, usize)> = outgoing(to).collect();
                        next.reverse();
                        stack.push((to, next));
                    }
                    1 => out[n] = true,
                    _ => {}
                },
                None => {
                    state[v] = 2;
                    stack.pop();
                }
            }
        }
    }
    out
}

/// Rows: the longest forward path from the start; End below everything.
fn rank(items: &mut [Item<'_>], edges: &[(usize, usize, EdgeKind)], back: &[bool], end: usize) {
    let count = items.len();
    let mut ranks = vec![0usize; count];
    // Relax until nothing moves: forward edges form a DAG, so this ends within `count` passes.
    for _ in 0..count {
        let mut moved = false;
        for (n, (from, to, _)) in edges.iter().enumerate() {
            if back[n] || *to == end {
                continue;
            }
            if ranks[*to] < ranks[*from] + 1 {
                ranks[*to] = ranks[*from] + 1;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    // States nothing leads to sit in the first row of states.
    for (i, rank) in ranks.iter_mut().enumerate().take(end).skip(1) {
        if *rank == 0 && !edges.iter().any(|(_, to, _)| *to == i) {
            *rank = 1;
        }
    }
    ranks[end] = ranks[..end].iter().copied().max().unwrap_or(0) + 1;
    for (item, rank) in items.iter_mut().zip(ranks) {
        item.rank = rank;
    }
}

/// Rows top to bottom, each centred on the widest.
fn place(items: &mut [Item<'_>]) {
    let rows = items.iter().map(|i| i.rank).max().unwrap_or(0) + 1;
    let mut row_items: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (i, item) in items.iter().enumerate() {
        row_items[item.rank].push(i);
    }
    let row_width = |row: &[usize], items: &[Item<'_>]| {
        row.iter().map(|&i| items[i].w).sum::<f64>() + GAP_X * (row.len().max(1) as f64 - 1.0)
    };
    let width = row_items
        .iter()
        .map(|row| row_width(row, items))
        .fold(0.0, f64::max);
    let mut y = 0.0;
    for row in &row_items {
        if row.is_empty() {
            continue;
        }
        let height = row.iter().map(|&i| items[i].h).fold(0.0, f64::max);
        let mut x = (width - row_width(row, items)) / 2.0;
        for &i in row {
            items[i].x = x;
            items[i].y = y + (height - items[i].h) / 2.0;
            x += items[i].w + GAP_X;
        }
        y += height + GAP_Y;
    }
}

/// Where each forward edge turns: in the gap above its target's row, the edges into one row at
/// different heights (ordered by where they come from), so that their turns and labels do not
/// lie on one another.
fn bends(items: &[Item<'_>], edges: &[(usize, usize, EdgeKind)], back: &[bool]) -> Vec<f64> {
    let mut row_top: HashMap<usize, f64> = HashMap::new();
    for item in items {
        let top = row_top.entry(item.rank).or_insert(item.y);
        *top = top.min(item.y);
    }
    let mut into_row: HashMap<usize, Vec<usize>> = HashMap::new();
    for (n, (_, to, _)) in edges.iter().enumerate() {
        if !back[n] {
            into_row.entry(items[*to].rank).or_default().push(n);
        }
    }
    let mut out = vec![0.0; edges.len()];
    for (rank, mut list) in into_row {
        list.sort_by(|a, b| {
            let key = |n: usize| {
                let (from, to, _) = &edges[n];
                (items[*from].y, items[*from].x, items[*to].x)
            };
            key(*a)
                .partial_cmp(&key(*b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let top = row_top.get(&rank).copied().unwrap_or(0.0);
        let step = GAP_Y / (list.len() as f64 + 1.0);
        for (k, n) in list.into_iter().enumerate() {
            out[n] = top - GAP_Y + step * (k as f64 + 1.0);
        }
    }
    out
}

fn forward_route(from: &Item<'_>, to: &Item<'_>, bend: f64) -> Vec<(f64, f64)> {
    let (sx, sy) = (from.x + from.w / 2.0, from.y + from.h);
    let (tx, ty) = (to.x + to.w / 2.0, to.y);
    if (sx - tx).abs() < 0.5 {
        return vec![(sx, sy), (sx, bend), (tx, ty)];
    }
    vec![(sx, sy), (sx, bend), (tx, bend), (tx, ty)]
}

fn back_route(from: &Item<'_>, to: &Item<'_>, lane: f64) -> Vec<(f64, f64)> {
    let (sx, sy) = (from.x + from.w, from.y + from.h / 2.0);
    let (tx, ty) = (to.x + to.w, to.y + to.h / 2.0);
    vec![(sx, sy), (lane, sy), (lane, ty), (tx, ty)]
}

/// Put a laid-out block at (`dx`, `dy`) in the graph, inside box `parent`.
fn emit(laid: Laid<'_>, dx: f64, dy: f64, parent: Option<usize>, graph: &mut Graph) {
    let mut ids = Vec::with_capacity(laid.items.len());
    for item in laid.items {
        let id = graph.boxes.len();
        ids.push(id);
        let state = item.state;
        graph.boxes.push(GraphBox {
            id,
            kind: item.kind,
            state: state.map(|s| s.name.clone()),
            type_name: state.map(|s| s.type_name.clone()),
            span: state.map(|s| s.span),
            retry: state.and_then(|s| s.retry.clone()),
            parent,
            x: dx + item.x,
            y: dy + item.y,
            w: item.w,
            h: item.h,
        });
        for (inner, ix, iy) in item.inner {
            emit(inner, dx + item.x + ix, dy + item.y + iy, Some(id), graph);
        }
    }
    for (from, to, kind, points) in laid.edges {
        graph.edges.push(Edge {
            from: ids[from],
            to: ids[to],
            kind,
            points: points.into_iter().map(|(x, y)| (x + dx, y + dy)).collect(),
        });
    }
}

/// The graph of a machine's top-level block.
pub(super) fn graph(block: &Block) -> Graph {
    let laid = lay_out(block);
    let mut graph = Graph {
        width: laid.width + 2.0 * PAD,
        height: laid.height + 2.0 * PAD,
        boxes: Vec::new(),
        edges: Vec::new(),
    };
    emit(laid, PAD, PAD, None, &mut graph);
    graph
}

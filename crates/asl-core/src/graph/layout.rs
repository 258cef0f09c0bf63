//! Laying out a block (the machine, a Parallel branch, a Map processor): its boxes sized (a
//! Parallel or Map round its blocks, laid out first), its edges found, then the layered layout:
//! loops turned round, rows, order, ports, columns, routes. Blocks inside a box are put in the
//! graph inside it.

use super::extract::{Block, State, TransitionKind};
use super::layers::{self, LayoutEdge};
use super::metrics::{
    BADGE_H, BADGE_OUT, BADGE_UP, BLOCK_GAP, HEADER, MARGIN, PAD, RETRY_H, STATE_H, STATE_MIN_W,
    TERMINAL_H, TERMINAL_W, badge_width, label_size, name_width, small_width,
};
use super::ports::{self, Sides};
use super::route::Route;
use super::{
    BoxKind, Edge, EdgeKind, Graph, GraphBox, Label, Rect, cycles, loops, order, place, route,
};
use std::collections::BTreeMap;

/// Room kept free left and right of a box (a state's right side also holds its badge).
const BOX_MARGIN: f64 = 18.0;
const STATE_RIGHT_MARGIN: f64 = BADGE_OUT + 10.0;

/// A box of a block being laid out.
struct Item<'b> {
    kind: BoxKind,
    state: Option<&'b State>,
    w: f64,
    h: f64,
    x: f64,
    y: f64,
    badge: Option<Rect>,
    /// For a Parallel or Map: its blocks, laid out.
    inner: Vec<Laid<'b>>,
}

/// An edge of a block, routed.
struct Routed {
    from: usize,
    to: usize,
    kind: EdgeKind,
    route: Route,
}

/// A block laid out in its own coordinates, its top left corner at (0, 0).
struct Laid<'b> {
    items: Vec<Item<'b>>,
    edges: Vec<Routed>,
    width: f64,
    height: f64,
}

fn state_item(state: &State) -> Item<'_> {
    let inner: Vec<Laid<'_>> = state.blocks.iter().map(lay_out).collect();
    let text = (name_width(&state.name) + 40.0)
        .max(small_width(&state.type_name) + 40.0)
        .max(
            state
                .retry
                .as_deref()
                .map_or(0.0, |r| small_width(r) + 40.0),
        );
    let (w, h) = if inner.is_empty() {
        let retry = if state.retry.is_some() { RETRY_H } else { 0.0 };
        (text.max(STATE_MIN_W), STATE_H + retry)
    } else {
        let (widths, height) = blocks_size(&inner);
        let retry = if state.retry.is_some() { RETRY_H } else { 0.0 };
        (
            (widths + 2.0 * PAD).max(text).max(STATE_MIN_W),
            HEADER + height + PAD + retry,
        )
    };
    Item {
        kind: BoxKind::State,
        state: Some(state),
        w,
        h,
        x: 0.0,
        y: 0.0,
        badge: None,
        inner,
    }
}

/// The width of blocks side by side, and the tallest's height.
fn blocks_size(inner: &[Laid<'_>]) -> (f64, f64) {
    let widths = inner.iter().map(|l| l.width).sum::<f64>()
        + BLOCK_GAP * inner.len().saturating_sub(1) as f64;
    let height = inner.iter().map(|l| l.height).fold(0.0, f64::max);
    (widths, height)
}

fn terminal(kind: BoxKind) -> Item<'static> {
    Item {
        kind,
        state: None,
        w: TERMINAL_W,
        h: TERMINAL_H,
        x: 0.0,
        y: 0.0,
        badge: None,
        inner: Vec::new(),
    }
}

/// The block's edges, within the block: Start's, each state's transitions, and End's.
fn edges(block: &Block, end: usize) -> Vec<(usize, usize, EdgeKind)> {
    let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, state) in block.states.iter().enumerate() {
        by_name.entry(state.name.as_str()).or_insert(i + 1);
    }
    let index = |name: &str| by_name.get(name).copied();
    let mut edges = Vec::new();
    if let Some(start) = block.start_at.as_deref().and_then(index) {
        edges.push((0, start, EdgeKind::Start));
    }
    for (i, state) in block.states.iter().enumerate() {
        for transition in &state.transitions {
            if let Some(to) = index(&transition.to) {
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
    edges
}

/// How much it matters that an edge runs straight: the main flow most, then a Choice's rules,
/// then catchers (which go aside).
fn weight(kind: &EdgeKind) -> f64 {
    match kind {
        EdgeKind::Start | EdgeKind::Next | EdgeKind::End => 3.0,
        EdgeKind::Choice(_) | EdgeKind::Default => 2.0,
        EdgeKind::Catch(_) => 1.0,
    }
}

/// Lay out one block in its own coordinates.
fn lay_out(block: &Block) -> Laid<'_> {
    let mut items: Vec<Item<'_>> = vec![terminal(BoxKind::Start)];
    items.extend(block.states.iter().map(state_item));
    items.push(terminal(BoxKind::End));
    let count = items.len();
    let end = count - 1;
    let edges = edges(block, end);
    let label_width = |kind: &EdgeKind| kind.label().map(|text| label_size(text).0);
    // Self-loops go round their box; the others are laid out in rows.
    let mut loops: Vec<Vec<Option<f64>>> = vec![Vec::new(); count];
    let mut loop_of: Vec<Option<(usize, usize)>> = vec![None; edges.len()];
    let mut chain_of: Vec<Option<usize>> = vec![None; edges.len()];
    let mut pairs = Vec::new();
    for (n, (from, to, kind)) in edges.iter().enumerate() {
        if from == to {
            loop_of[n] = Some((*from, loops[*from].len()));
            loops[*from].push(label_width(kind));
        } else {
            chain_of[n] = Some(pairs.len());
            pairs.push((*from, *to, label_width(kind), weight(kind)));
        }
    }
    for (item, loops) in items.iter_mut().zip(&loops) {
        item.h = item.h.max(loops::least_height(loops));
    }
    let back = cycles::back_edges(
        count,
        &pairs.iter().map(|&(f, t, _, _)| (f, t)).collect::<Vec<_>>(),
    );
    let layout_edges: Vec<LayoutEdge> = pairs
        .iter()
        .zip(&back)
        .map(|(&(from, to, label, weight), &reversed)| {
            let (top, bottom) = if reversed { (to, from) } else { (from, to) };
            LayoutEdge {
                top,
                bottom,
                reversed,
                label,
                weight,
            }
        })
        .collect();
    let dag: Vec<(usize, usize)> = layout_edges.iter().map(|e| (e.top, e.bottom)).collect();
    let rank = layers::ranks(count, end, &dag);
    let extra: Vec<f64> = loops.iter().map(|l| loops::extra_width(l)).collect();
    let margins = |item: &Item<'_>| match item.kind {
        BoxKind::State => (BOX_MARGIN, STATE_RIGHT_MARGIN),
        _ => (BOX_MARGIN, BOX_MARGIN),
    };
    let boxes: Vec<(f64, (f64, f64))> = items
        .iter()
        .zip(&extra)
        .map(|(item, extra)| (item.w + extra, margins(item)))
        .collect();
    let mut layered = layers::build(&boxes, &rank, &layout_edges);
    order::minimise(&mut layered);
    let sides: Vec<Sides> = items
        .iter()
        .map(|item| match item.kind {
            BoxKind::State => Sides::State,
            _ => Sides::Terminal,
        })
        .collect();
    let mut sizes: Vec<(f64, f64)> = items.iter().map(|i| (i.w, i.h)).collect();
    let ports = ports::assign(&layered, &sides, &mut sizes);
    for (b, &(w, _)) in sizes.iter().enumerate() {
        layered.nodes[b].w = w + extra[b];
    }
    place::place(&mut layered, &ports);
    let (rows, routes) = route::route(&layered, &ports, &sizes, &back);
    for (b, item) in items.iter_mut().enumerate() {
        let node = &layered.nodes[b];
        item.w = sizes[b].0;
        item.x = node.x;
        item.y = rows.box_top(node.layer, item.h);
        if item.kind == BoxKind::State {
            let w = badge_width();
            item.badge = Some(Rect {
                x: item.x + item.w + BADGE_OUT - w,
                y: item.y - BADGE_UP,
                w,
                h: BADGE_H,
            });
        }
    }
    let mut loop_routes: Vec<Vec<Option<Route>>> = items
        .iter()
        .zip(&loops)
        .map(|(item, loops)| {
            let at = Rect {
                x: item.x,
                y: item.y,
                w: item.w,
                h: item.h,
            };
            loops::route(at, loops).into_iter().map(Some).collect()
        })
        .collect();
    let mut routes: Vec<Option<Route>> = routes.into_iter().map(Some).collect();
    let routed: Vec<Routed> = edges
        .into_iter()
        .enumerate()
        .filter_map(|(n, (from, to, kind))| {
            let route = match (chain_of[n], loop_of[n]) {
                (Some(c), _) => routes[c].take(),
                (None, Some((b, j))) => loop_routes[b][j].take(),
                (None, None) => None,
            }?;
            Some(Routed {
                from,
                to,
                kind,
                route,
            })
        })
        .collect();
    let mut laid = Laid {
        items,
        edges: routed,
        width: 0.0,
        height: 0.0,
    };
    normalise(&mut laid);
    laid
}

/// Move everything so that the block's top left corner is (0, 0), and measure it.
fn normalise(laid: &mut Laid<'_>) {
    let mut least = (f64::INFINITY, f64::INFINITY);
    let mut most = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |x: f64, y: f64| {
        least = (least.0.min(x), least.1.min(y));
        most = (most.0.max(x), most.1.max(y));
    };
    for item in &laid.items {
        grow(item.x, item.y);
        grow(item.x + item.w, item.y + item.h);
        if let Some(b) = item.badge {
            grow(b.x, b.y);
            grow(b.x + b.w, b.y + b.h);
        }
    }
    for edge in &laid.edges {
        for &(x, y) in edge.route.points.iter().chain(&edge.route.arrow) {
            grow(x, y);
        }
        if let Some(l) = edge.route.label {
            grow(l.x, l.y);
            grow(l.x + l.w, l.y + l.h);
        }
    }
    let (dx, dy) = (-least.0, -least.1);
    for item in &mut laid.items {
        item.x += dx;
        item.y += dy;
        if let Some(b) = &mut item.badge {
            b.x += dx;
            b.y += dy;
        }
    }
    for edge in &mut laid.edges {
        let route = &mut edge.route;
        for p in route.points.iter_mut().chain(route.arrow.iter_mut()) {
            *p = (p.0 + dx, p.1 + dy);
        }
        if let Some(l) = &mut route.label {
            l.x += dx;
            l.y += dy;
        }
    }
    laid.width = most.0 - least.0;
    laid.height = most.1 - least.1;
}

/// Put a laid-out block at (`dx`, `dy`) in the graph, inside box `parent`.
fn emit(laid: Laid<'_>, dx: f64, dy: f64, parent: Option<usize>, graph: &mut Graph) {
    let mut ids = Vec::with_capacity(laid.items.len());
    for item in laid.items {
        let id = graph.boxes.len();
        ids.push(id);
        let state = item.state;
        let (x, y) = (dx + item.x, dy + item.y);
        graph.boxes.push(GraphBox {
            id,
            kind: item.kind,
            state: state.map(|s| s.name.clone()),
            type_name: state.map(|s| s.type_name.clone()),
            span: state.map(|s| s.span),
            retry: state.and_then(|s| s.retry.clone()),
            parent,
            container: !item.inner.is_empty(),
            x,
            y,
            w: item.w,
            h: item.h,
            badge: item.badge.map(|b| Rect {
                x: b.x + dx,
                y: b.y + dy,
                ..b
            }),
        });
        let (widths, _) = blocks_size(&item.inner);
        let mut inner_x = x + (item.w - widths) / 2.0;
        for inner in item.inner {
            let width = inner.width;
            emit(inner, inner_x, y + HEADER, Some(id), graph);
            inner_x += width + BLOCK_GAP;
        }
    }
    for edge in laid.edges {
        let shift = |(x, y): (f64, f64)| (x + dx, y + dy);
        let label = edge.kind.label().map(str::to_string);
        graph.edges.push(Edge {
            from: ids[edge.from],
            to: ids[edge.to],
            points: edge.route.points.into_iter().map(shift).collect(),
            arrow: edge.route.arrow.map(shift),
            label: label.zip(edge.route.label).map(|(text, rect)| Label {
                text,
                rect: Rect {
                    x: rect.x + dx,
                    y: rect.y + dy,
                    ..rect
                },
            }),
            kind: edge.kind,
        });
    }
}

/// The graph of a machine's top-level block.
pub(super) fn graph(block: &Block) -> Graph {
    let laid = lay_out(block);
    let mut graph = Graph {
        width: laid.width + 2.0 * MARGIN,
        height: laid.height + 2.0 * MARGIN,
        boxes: Vec::new(),
        edges: Vec::new(),
    };
    emit(laid, MARGIN, MARGIN, None, &mut graph);
    graph
}

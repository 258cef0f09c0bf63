//! What makes a drawn graph readable, checked on its geometry: boxes apart and inside their
//! container and the picture; every edge a chain of horizontal and vertical segments from its
//! source's border to its target's, ending in an arrowhead that points into the target; no edge
//! through a box (other than the containers it is drawn in), over a label or a badge, or along
//! another edge; labels clear of one another, of boxes, arrowheads and badges; and the
//! crossings, counted.

use asl_core::graph::{Edge, Graph, GraphBox, Rect};

const EPSILON: f64 = 0.01;

type Point = (f64, f64);
type Segment = (Point, Point);

/// What a graph's geometry shows.
pub(crate) struct Report {
    pub(crate) problems: Vec<String>,
    pub(crate) crossings: usize,
}

fn strictly_overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w - EPSILON
        && b.x < a.x + a.w - EPSILON
        && a.y < b.y + b.h - EPSILON
        && b.y < a.y + a.h - EPSILON
}

/// Whether a horizontal or vertical segment passes through the inside of `r`.
fn crosses_inside(((x1, y1), (x2, y2)): Segment, r: &Rect) -> bool {
    x1.min(x2) < r.x + r.w - EPSILON
        && x1.max(x2) > r.x + EPSILON
        && y1.min(y2) < r.y + r.h - EPSILON
        && y1.max(y2) > r.y + EPSILON
}

fn on_border(r: &Rect, (x, y): Point) -> bool {
    let within = x >= r.x - EPSILON
        && x <= r.x + r.w + EPSILON
        && y >= r.y - EPSILON
        && y <= r.y + r.h + EPSILON;
    let on_side = (x - r.x).abs() < EPSILON
        || (x - r.x - r.w).abs() < EPSILON
        || (y - r.y).abs() < EPSILON
        || (y - r.y - r.h).abs() < EPSILON;
    within && on_side
}

fn inside(r: &Rect, (x, y): Point) -> bool {
    x > r.x + EPSILON && x < r.x + r.w - EPSILON && y > r.y + EPSILON && y < r.y + r.h - EPSILON
}

fn horizontal(((_, y1), (_, y2)): Segment) -> bool {
    (y1 - y2).abs() < EPSILON
}

fn segments(edge: &Edge) -> impl Iterator<Item = Segment> + '_ {
    edge.points.windows(2).map(|w| (w[0], w[1]))
}

fn arrow_rect(edge: &Edge) -> Rect {
    let xs = edge.arrow.map(|p| p.0);
    let ys = edge.arrow.map(|p| p.1);
    let (x, y) = (
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        ys.iter().copied().fold(f64::INFINITY, f64::min),
    );
    Rect {
        x,
        y,
        w: xs.iter().copied().fold(f64::NEG_INFINITY, f64::max) - x,
        h: ys.iter().copied().fold(f64::NEG_INFINITY, f64::max) - y,
    }
}

/// How two segments of different edges meet: not at all, crossing, or touching (an end on the
/// other, or running along it).
#[derive(PartialEq)]
enum Meeting {
    Apart,
    Cross,
    Touch,
}

fn meet(a: Segment, b: Segment) -> Meeting {
    let (ha, hb) = (horizontal(a), horizontal(b));
    let span = |s: Segment, x: bool| {
        if x {
            (s.0.0.min(s.1.0), s.0.0.max(s.1.0))
        } else {
            (s.0.1.min(s.1.1), s.0.1.max(s.1.1))
        }
    };
    if ha != hb {
        let (h, v) = if ha { (a, b) } else { (b, a) };
        let (hx, vy) = (span(h, true), span(v, false));
        let (x, y) = (v.0.0, h.0.1);
        let strictly = x > hx.0 + EPSILON && x < hx.1 - EPSILON && y > vy.0 + EPSILON;
        if strictly && y < vy.1 - EPSILON {
            return Meeting::Cross;
        }
        let touching = x >= hx.0 - EPSILON
            && x <= hx.1 + EPSILON
            && y >= vy.0 - EPSILON
            && y <= vy.1 + EPSILON;
        return if touching {
            Meeting::Touch
        } else {
            Meeting::Apart
        };
    }
    // Parallel: they touch only on one line, sharing some of it.
    let line = |s: Segment| if ha { s.0.1 } else { s.0.0 };
    if (line(a) - line(b)).abs() > EPSILON {
        return Meeting::Apart;
    }
    let (sa, sb) = (span(a, ha), span(b, ha));
    if sa.0 <= sb.1 + EPSILON && sb.0 <= sa.1 + EPSILON {
        Meeting::Touch
    } else {
        Meeting::Apart
    }
}

fn ancestors(g: &Graph, id: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = g.boxes[id].parent;
    while let Some(p) = at {
        out.push(p);
        at = g.boxes[p].parent;
    }
    out
}

fn describe(g: &Graph, edge: &Edge) -> String {
    let name = |b: &GraphBox| b.state.clone().unwrap_or_else(|| format!("{:?}", b.kind));
    format!(
        "{} → {} ({:?})",
        name(&g.boxes[edge.from]),
        name(&g.boxes[edge.to]),
        edge.kind
    )
}

fn check_boxes(g: &Graph, problems: &mut Vec<String>) {
    let picture = Rect {
        x: 0.0,
        y: 0.0,
        w: g.width,
        h: g.height,
    };
    let contains = |outer: &Rect, r: &Rect| {
        r.x >= outer.x - EPSILON
            && r.y >= outer.y - EPSILON
            && r.x + r.w <= outer.x + outer.w + EPSILON
            && r.y + r.h <= outer.y + outer.h + EPSILON
    };
    for (i, a) in g.boxes.iter().enumerate() {
        for b in &g.boxes[i + 1..] {
            if a.parent == b.parent && strictly_overlap(&a.rect(), &b.rect()) {
                problems.push(format!("{:?} overlaps {:?}", a.state, b.state));
            }
        }
        if let Some(parent) = a.parent
            && !contains(&g.boxes[parent].rect(), &a.rect())
        {
            problems.push(format!("{:?} sticks out of its container", a.state));
        }
        let mut rects = vec![a.rect()];
        rects.extend(a.badge);
        if rects.iter().any(|r| !contains(&picture, r)) {
            problems.push(format!("{:?} or its badge is outside the picture", a.state));
        }
        // A badge is clear of every box but its own and those it is inside.
        if let Some(badge) = a.badge {
            let mine = ancestors(g, a.id);
            for b in &g.boxes {
                if b.id != a.id && !mine.contains(&b.id) && strictly_overlap(&badge, &b.rect()) {
                    problems.push(format!("{:?}'s badge lies on {:?}", a.state, b.state));
                }
                if b.id != a.id
                    && let Some(other) = b.badge
                    && strictly_overlap(&badge, &other)
                {
                    problems.push(format!("{:?}'s badge lies on {:?}'s", a.state, b.state));
                }
            }
        }
    }
}

fn check_edge(g: &Graph, edge: &Edge, problems: &mut Vec<String>) {
    let what = describe(g, edge);
    if edge.points.len() < 2 {
        problems.push(format!("{what}: fewer than two points"));
        return;
    }
    let (from, to) = (g.boxes[edge.from].rect(), g.boxes[edge.to].rect());
    let (first, last) = (edge.points[0], edge.points[edge.points.len() - 1]);
    if !on_border(&from, first) {
        problems.push(format!("{what}: does not start on its source's border"));
    }
    if !on_border(&to, last) {
        problems.push(format!("{what}: does not end on its target's border"));
    }
    // The arrowhead: its tip the last point, its base outside the target, pointing in.
    let [tip, left, right] = edge.arrow;
    let base = ((left.0 + right.0) / 2.0, (left.1 + right.1) / 2.0);
    let length = ((tip.0 - base.0).powi(2) + (tip.1 - base.1).powi(2)).sqrt();
    let probe = (
        tip.0 + (tip.0 - base.0) / length.max(EPSILON),
        tip.1 + (tip.1 - base.1) / length.max(EPSILON),
    );
    if (tip.0 - last.0).abs() > EPSILON || (tip.1 - last.1).abs() > EPSILON {
        problems.push(format!("{what}: its arrowhead is not at its end"));
    } else if length < 6.0 || inside(&to, base) || inside(&to, left) || !inside(&to, probe) {
        problems.push(format!(
            "{what}: its arrowhead does not point into its target"
        ));
    }
    let last_length = {
        let before = edge.points[edge.points.len() - 2];
        ((last.0 - before.0).powi(2) + (last.1 - before.1).powi(2)).sqrt()
    };
    if last_length < length - EPSILON {
        problems.push(format!(
            "{what}: its last segment is shorter than its arrowhead"
        ));
    }
    let mut allowed = ancestors(g, edge.from);
    allowed.extend(ancestors(g, edge.to));
    for segment in segments(edge) {
        let ((x1, y1), (x2, y2)) = segment;
        if (x1 - x2).abs() > EPSILON && (y1 - y2).abs() > EPSILON {
            problems.push(format!(
                "{what}: a segment is neither horizontal nor vertical"
            ));
        }
        for b in &g.boxes {
            if !allowed.contains(&b.id) && crosses_inside(segment, &b.rect()) {
                problems.push(format!("{what}: passes through {:?}", b.state));
            }
            if let Some(badge) = b.badge
                && crosses_inside(segment, &badge)
            {
                problems.push(format!("{what}: passes over {:?}'s badge", b.state));
            }
        }
    }
}

fn check_labels(g: &Graph, problems: &mut Vec<String>) {
    let labelled: Vec<&Edge> = g.edges.iter().filter(|e| e.label.is_some()).collect();
    for (i, edge) in labelled.iter().enumerate() {
        let Some(label) = &edge.label else { continue };
        let (what, r) = (describe(g, edge), label.rect);
        if edge.kind.label() != Some(label.text.as_str()) {
            problems.push(format!("{what}: its label is not its rule or errors"));
        }
        for other in &labelled[i + 1..] {
            if let Some(o) = &other.label
                && strictly_overlap(&r, &o.rect)
            {
                problems.push(format!(
                    "{what}: its label overlaps {}'s",
                    describe(g, other)
                ));
            }
        }
        let mine = ancestors(g, edge.from);
        for b in &g.boxes {
            if !mine.contains(&b.id) && strictly_overlap(&r, &b.rect()) {
                problems.push(format!("{what}: its label lies on {:?}", b.state));
            }
            if let Some(badge) = b.badge
                && strictly_overlap(&r, &badge)
            {
                problems.push(format!("{what}: its label lies on {:?}'s badge", b.state));
            }
        }
        for other in &g.edges {
            if strictly_overlap(&r, &arrow_rect(other)) {
                problems.push(format!(
                    "{what}: its label lies on {}'s arrowhead",
                    describe(g, other)
                ));
            }
            if segments(other).any(|s| crosses_inside(s, &r)) {
                problems.push(format!(
                    "{what}: its label lies on the edge {}",
                    describe(g, other)
                ));
            }
        }
    }
}

/// Check a graph; count its crossings.
pub(crate) fn check(g: &Graph) -> Report {
    let mut problems = Vec::new();
    if g.boxes.is_empty() {
        problems.push("no boxes".to_string());
    }
    check_boxes(g, &mut problems);
    for edge in &g.edges {
        check_edge(g, edge, &mut problems);
    }
    check_labels(g, &mut problems);
    let mut crossings = 0;
    for (i, a) in g.edges.iter().enumerate() {
        for b in &g.edges[i + 1..] {
            if strictly_overlap(&arrow_rect(a), &arrow_rect(b)) {
                problems.push(format!(
                    "the arrowheads of {} and {} overlap",
                    describe(g, a),
                    describe(g, b)
                ));
            }
            for sa in segments(a) {
                for sb in segments(b) {
                    match meet(sa, sb) {
                        Meeting::Apart => {}
                        Meeting::Cross => crossings += 1,
                        Meeting::Touch => problems.push(format!(
                            "{} touches or runs along {}",
                            describe(g, a),
                            describe(g, b)
                        )),
                    }
                }
            }
        }
    }
    Report {
        problems,
        crossings,
    }
}

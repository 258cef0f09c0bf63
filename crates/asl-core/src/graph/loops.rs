//! Self-loops (a Choice polling itself, a Catch going back to its own state): each leaves its box
//! on the right side, goes round in a lane of its own and comes back into the same side, above
//! where it left, the outer lanes round the inner ones. Their labels stand beside the outer lane,
//! one under another. The layout keeps the room they take on the box's right.

use super::Rect;
use super::metrics::{BADGE_UP, LABEL_H, LABEL_OFFSET, LOOP_GAP, LOOP_OUT};
use super::route::{Route, arrow};

/// Between a loop's ends and another's, and from the box's middle.
const STEP: f64 = 6.0;
/// A loop's highest end stays this far below the box's top (the badge is there).
const CLEAR_TOP: f64 = BADGE_UP + 4.0;
/// Between labels one under another.
const LABEL_STEP: f64 = LABEL_H + 2.0;

/// The room on the right of a box with these loops (each with its label's width, if any).
pub(super) fn extra_width(loops: &[Option<f64>]) -> f64 {
    if loops.is_empty() {
        return 0.0;
    }
    let widest = loops.iter().flatten().copied().fold(0.0, f64::max);
    let label = if widest > 0.0 {
        LABEL_OFFSET + widest
    } else {
        0.0
    };
    LOOP_OUT + (loops.len() - 1) as f64 * LOOP_GAP + label
}

/// The least height of a box with these loops: room for their ends and their labels.
pub(super) fn least_height(loops: &[Option<f64>]) -> f64 {
    if loops.is_empty() {
        return 0.0;
    }
    let ends = 2.0 * (CLEAR_TOP + STEP * loops.len() as f64);
    let labels = loops.iter().flatten().count() as f64 * LABEL_STEP + 4.0;
    ends.max(labels)
}

/// The loops of the box at `at`.
pub(super) fn route(at: Rect, loops: &[Option<f64>]) -> Vec<Route> {
    let right = at.x + at.w;
    let middle = at.y + at.h / 2.0;
    let outer = right + LOOP_OUT + loops.len().saturating_sub(1) as f64 * LOOP_GAP;
    let labelled = loops.iter().flatten().count() as f64;
    let mut label_y = middle - labelled * LABEL_STEP / 2.0;
    loops
        .iter()
        .enumerate()
        .map(|(j, label)| {
            let lane = right + LOOP_OUT + j as f64 * LOOP_GAP;
            let spread = STEP * (j as f64 + 1.0);
            let points = vec![
                (right, middle + spread),
                (lane, middle + spread),
                (lane, middle - spread),
                (right, middle - spread),
            ];
            let label = label.map(|w| {
                let rect = Rect {
                    x: outer + LABEL_OFFSET,
                    y: label_y + 1.0,
                    w,
                    h: LABEL_H,
                };
                label_y += LABEL_STEP;
                rect
            });
            Route {
                arrow: arrow(&points),
                points,
                label,
            }
        })
        .collect()
}

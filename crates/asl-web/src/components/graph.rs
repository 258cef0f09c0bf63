//! The graph of the machine: the layout `asl_core::graph` computes, drawn as SVG, with pan
//! (drag), zoom (wheel, buttons) and fit. Clicking a state selects it in the editor and picks it
//! for the data-flow panel.

use crate::session::use_session;
use crate::state::{Tab, use_playground};
use asl_core::api::{RunResult, StateOutcome, state_outcomes_until};
use asl_core::graph::{BoxKind, Edge, EdgeKind, Graph, GraphBox, graph};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The visible part of the graph, in graph coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ViewBox {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl ViewBox {
    fn fit(graph: &Graph) -> ViewBox {
        ViewBox {
            x: 0.0,
            y: 0.0,
            w: graph.width.max(1.0),
            h: graph.height.max(1.0),
        }
    }

    /// Zoomed by `factor` (below 1 zooms in) around the point at `(fx, fy)` of the view (0–1).
    fn zoomed(self, factor: f64, fx: f64, fy: f64) -> ViewBox {
        let (w, h) = (self.w * factor, self.h * factor);
        ViewBox {
            x: self.x + (self.w - w) * fx,
            y: self.y + (self.h - h) * fy,
            w,
            h,
        }
    }
}

#[component]
pub(crate) fn GraphPanel() -> impl IntoView {
    let playground = use_playground();
    let session = use_session();
    let laid_out = Memo::new(move |_| playground.settled.with(|text| graph(text)));
    // After a run, each state is coloured by what happened to it, as of the event the user has
    // stepped to (the whole run when none).
    let outcomes = Memo::new(move |_| {
        let upto = session.selected_event.get();
        session.result.with(|result| match result {
            Some(RunResult::Ran(execution)) => Some(state_outcomes_until(execution, upto)),
            _ => None,
        })
    });
    let current = Memo::new(move |_| {
        let id = session.selected_event.get()?;
        session.result.with(|result| match result {
            Some(RunResult::Ran(execution)) => execution.state_of_event(id).map(str::to_string),
            _ => None,
        })
    });
    let view_box = RwSignal::new(laid_out.with_untracked(ViewBox::fit));
    // A new machine shape is shown whole.
    Effect::new(move |previous: Option<(f64, f64)>| {
        let size = laid_out.with(|g| (g.width, g.height));
        if previous.is_some_and(|p| p != size) {
            view_box.set(laid_out.with_untracked(ViewBox::fit));
        }
        size
    });
    let drag = StoredValue::new(None::<(f64, f64)>);
    let svg_size = |ev: &web_sys::MouseEvent| {
        use wasm_bindgen::JsCast;
        ev.current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map_or((1.0, 1.0), |e| {
                (
                    f64::from(e.client_width().max(1)),
                    f64::from(e.client_height().max(1)),
                )
            })
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let (w, h) = svg_size(&ev);
        let factor = if ev.delta_y() > 0.0 { 1.15 } else { 1.0 / 1.15 };
        let (fx, fy) = (f64::from(ev.offset_x()) / w, f64::from(ev.offset_y()) / h);
        view_box.update(|v| *v = v.zoomed(factor, fx, fy));
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        drag.set_value(Some((f64::from(ev.client_x()), f64::from(ev.client_y()))));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((x0, y0)) = drag.get_value() else {
            return;
        };
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let (w, _) = svg_size(&ev);
        view_box.update(|v| {
            let scale = v.w / w;
            v.x -= (x - x0) * scale;
            v.y -= (y - y0) * scale;
        });
        drag.set_value(Some((x, y)));
    };
    let on_up = move |_| drag.set_value(None);
    let zoom = move |factor: f64| view_box.update(|v| *v = v.zoomed(factor, 0.5, 0.5));
    let pick = move |name: String| {
        playground.select_state(&name);
        playground.picked_state.set(Some(name));
    };
    view! {
        <div class="graph" data-testid="graph">
            <div class="graph__tools">
                <button class="button" data-testid="graph-fit" on:click=move |_| view_box.set(laid_out.with_untracked(ViewBox::fit))>"Fit"</button>
                <button class="button" aria-label="Zoom in" on:click=move |_| zoom(1.0 / 1.25)>"+"</button>
                <button class="button" aria-label="Zoom out" on:click=move |_| zoom(1.25)>"−"</button>
                <button class="button" data-testid="graph-to-data-flow" on:click=move |_| playground.tab.set(Tab::DataFlow)>"Data flow of the picked state"</button>
            </div>
            <svg
                class="graph__canvas"
                data-testid="graph-canvas"
                role="img"
                aria-label="The state machine as a graph"
                viewBox=move || { let v = view_box.get(); format!("{} {} {} {}", v.x, v.y, v.w, v.h) }
                preserveAspectRatio="xMidYMid meet"
                on:wheel=on_wheel
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointerleave=on_up
            >
                <defs>
                    <marker id="graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="graph__arrow"/>
                    </marker>
                </defs>
                {move || laid_out.with(|g| {
                    let picked = playground.current_state.get();
                    let outcomes = outcomes.get();
                    let current = current.get();
                    let boxes = g
                        .boxes
                        .iter()
                        .map(|b| draw_box(b, picked.as_deref(), current.as_deref(), outcomes.as_ref(), pick))
                        .collect_view();
                    let edges = g.edges.iter().map(draw_edge).collect_view();
                    view! { <g>{boxes}</g><g>{edges}</g> }
                })}
            </svg>
        </div>
    }
}

fn draw_box(
    b: &GraphBox,
    picked: Option<&str>,
    current: Option<&str>,
    outcomes: Option<&BTreeMap<String, StateOutcome>>,
    pick: impl Fn(String) + Copy + 'static,
) -> AnyView {
    match b.kind {
        BoxKind::Start | BoxKind::End => {
            let (cx, cy, r) = (b.x + b.w / 2.0, b.y + b.h / 2.0, b.w / 2.0);
            let (class, label) = if b.kind == BoxKind::Start {
                ("graph__terminal graph__terminal--start", "Start")
            } else {
                ("graph__terminal graph__terminal--end", "End")
            };
            view! {
                <g class=class data-testid=format!("graph-{}", label.to_lowercase())>
                    <circle cx=cx cy=cy r=r/>
                    <title>{label}</title>
                </g>
            }
            .into_any()
        }
        BoxKind::State => {
            let name = b.state.clone().unwrap_or_default();
            let type_name = b.type_name.clone().unwrap_or_default();
            let container = matches!(type_name.as_str(), "Parallel" | "Map") && b.h > 60.0;
            let selected = picked == Some(name.as_str());
            let outcome = outcomes.map(|o| o.get(&name).copied());
            let status = match outcome {
                None => String::new(),
                Some(None) => " graph__state--not-reached".to_string(),
                Some(Some(o)) => format!(" graph__state--{}", o.status.as_str()),
            };
            let status = if current == Some(name.as_str()) {
                status + " graph__state--current"
            } else {
                status
            };
            let class = format!(
                "graph__state graph__state--{}{}{}{status}",
                type_name.to_lowercase(),
                if container {
                    " graph__state--container"
                } else {
                    ""
                },
                if selected {
                    " graph__state--picked"
                } else {
                    ""
                }
            );
            let badges = outcome.flatten().and_then(|o| {
                let mut text = Vec::new();
                if o.attempts > o.visits {
                    text.push(format!("{} attempts", o.attempts));
                }
                if o.iterations > 0 {
                    text.push(format!("{} items", o.iterations));
                } else if o.visits > 1 {
                    text.push(format!("×{}", o.visits));
                }
                (!text.is_empty()).then(|| view! {
                    <text class="graph__badge" data-testid="graph-badge" x=b.x + b.w - 6.0 y=b.y - 4.0 text-anchor="end">{text.join(" · ")}</text>
                })
            });
            let text_y = if container { b.y + 22.0 } else { b.y + 20.0 };
            let retry = b.retry.clone().map(|policy| {
                view! {
                    <text class="graph__retry" x=b.x + b.w / 2.0 y=b.y + b.h - 8.0 text-anchor="middle">
                        "↻ " {policy}
                    </text>
                }
            });
            let (click_name, label, title) = (name.clone(), name.clone(), name.clone());
            let type_label = type_name.clone();
            view! {
                <g class=class data-testid="graph-state" data-state=name data-type=type_name
                    data-status=outcome.flatten().map_or("", |o| o.status.as_str())
                    on:click=move |_| pick(click_name.clone())>
                    <rect x=b.x y=b.y width=b.w height=b.h rx="6"/>
                    <text class="graph__name" x=b.x + b.w / 2.0 y=text_y text-anchor="middle">{label}</text>
                    <text class="graph__type" x=b.x + b.w / 2.0 y=text_y + 14.0 text-anchor="middle">{type_label}</text>
                    {retry}
                    {badges}
                    <title>{title}</title>
                </g>
            }
            .into_any()
        }
    }
}

fn draw_edge(edge: &Edge) -> AnyView {
    let points: Vec<String> = edge
        .points
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect();
    let class = match edge.kind {
        EdgeKind::Catch(_) => "graph__edge graph__edge--catch",
        EdgeKind::Choice(_) | EdgeKind::Default => "graph__edge graph__edge--choice",
        _ => "graph__edge",
    };
    // The label sits by the middle of the route.
    let label = edge.kind.label().map(|text| {
        let mid = edge.points.len() / 2;
        let (a, b) = (edge.points[mid.saturating_sub(1)], edge.points[mid]);
        let (x, y) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        view! { <text class="graph__label" data-testid="graph-edge-label" x=x + 4.0 y=y - 4.0>{text.to_string()}</text> }
    });
    view! {
        <g class="graph__edge-group" data-testid="graph-edge">
            <polyline class=class points=points.join(" ") marker-end="url(#graph-arrow)"/>
            {label}
        </g>
    }
    .into_any()
}

//! The graph of the machine: the layout `asl_core::graph` computes (boxes, routed edges with
//! their arrowheads and labels, badge slots), drawn as SVG, with pan (drag), zoom (wheel,
//! buttons) and fit, a legend of the colours, and the machine as Mermaid or DOT text to copy or
//! as an SVG file to download. Clicking a state selects it in the editor and picks it for the
//! data-flow panel.

use crate::components::run_panel::percent_encode;
use crate::session::use_session;
use crate::state::{Tab, use_playground};
use asl_core::api::{RunResult, StateOutcome, state_outcomes_until};
use asl_core::graph::{
    BADGE_CHARS, BoxKind, Edge, EdgeKind, Graph, GraphBox, LEGEND, Machine, graph,
};
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
        playground.reveal_state(&name);
        playground.picked_state.set(Some(name));
    };
    view! {
        <div class="graph" data-testid="graph">
            <div class="graph__tools">
                <button class="button" data-testid="graph-fit" on:click=move |_| view_box.set(laid_out.with_untracked(ViewBox::fit))>"Fit"</button>
                <button class="button" aria-label="Zoom in" on:click=move |_| zoom(1.0 / 1.25)>"+"</button>
                <button class="button" aria-label="Zoom out" on:click=move |_| zoom(1.25)>"−"</button>
                <button class="button" data-testid="graph-to-data-flow" on:click=move |_| playground.tab.set(Tab::DataFlow)>"Data flow of the picked state"</button>
                <ExportMenu/>
            </div>
            <Legend run=Signal::derive(move || outcomes.with(Option::is_some))/>
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
                {move || laid_out.with(|g| {
                    let picked = playground.current_state.get();
                    let outcomes = outcomes.get();
                    let current = current.get();
                    let boxes = g
                        .boxes
                        .iter()
                        .map(|b| draw_box(b, picked.as_deref(), current.as_deref(), outcomes.as_ref(), pick))
                        .collect_view();
                    let name = |id: usize| g.boxes[id].state.clone().unwrap_or_default();
                    let edges = g
                        .edges
                        .iter()
                        .map(|e| draw_edge(e, &name(e.from), &name(e.to)))
                        .collect_view();
                    view! { <g>{boxes}</g><g>{edges}</g> }
                })}
            </svg>
        </div>
    }
}

/// The menu that copies the machine as Mermaid or DOT text, or downloads it as an SVG file.
#[component]
fn ExportMenu() -> impl IntoView {
    let playground = use_playground();
    let open = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let machine = move || {
        playground
            .settled
            .with_untracked(|text| Machine::read(text, None).ok())
    };
    let copy = move |what: &'static str| {
        let text = machine().map(|m| {
            if what == "Mermaid" {
                m.mermaid()
            } else {
                m.dot()
            }
        });
        match text {
            Some(text) => {
                let _ = window().navigator().clipboard().write_text(&text);
                done.set(Some(format!("Copied {what}")));
            }
            None => done.set(Some("Nothing to copy: the definition does not read".into())),
        }
        open.set(false);
    };
    // The file is written when the menu opens, not on every edit.
    let svg = move || {
        machine().map_or_else(String::new, |m| {
            format!(
                "data:image/svg+xml;charset=utf-8,{}",
                percent_encode(&m.svg())
            )
        })
    };
    view! {
        <div class="graph__export" on:keydown=move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Escape" {
                open.set(false);
            }
        }>
            <button class="button" data-testid="graph-copy" aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| { done.set(None); open.update(|o| *o = !*o); }>
                "Copy ▾"
            </button>
            {move || open.get().then(|| view! {
                <div class="graph__menu" role="menu" data-testid="graph-copy-menu">
                    <button class="button" role="menuitem" data-testid="graph-copy-mermaid"
                        on:click=move |_| copy("Mermaid")>"Mermaid (GitHub renders it)"</button>
                    <button class="button" role="menuitem" data-testid="graph-copy-dot"
                        on:click=move |_| copy("DOT")>"Graphviz DOT"</button>
                    <a class="button" role="menuitem" data-testid="graph-download-svg"
                        download="state-machine.svg" href=svg() on:click=move |_| open.set(false)>
                        "Download SVG"
                    </a>
                </div>
            })}
            <span class="graph__copied" role="status" data-testid="graph-copied">
                {move || done.get()}
            </span>
        </div>
    }
}

/// What the colours mean: the machine's, and after a run, what happened to each state.
#[component]
fn Legend(#[prop(into)] run: Signal<bool>) -> impl IntoView {
    const OUTCOMES: [(&str, &str); 5] = [
        ("succeeded", "Succeeded"),
        ("failed", "Failed"),
        ("caught", "Failed, caught"),
        ("waiting", "Waiting"),
        ("not-reached", "Not reached"),
    ];
    let entries = LEGEND
        .iter()
        .map(|e| view! {
            <li><span class=format!("graph__swatch graph__swatch--{}", e.key) aria-hidden="true"></span>{e.text}</li>
        })
        .collect_view();
    view! {
        <ul class="graph__legend" data-testid="graph-legend" aria-label="Legend">
            {entries}
            {move || run.get().then(|| OUTCOMES.iter().map(|(key, text)| view! {
                <li><span class=format!("graph__swatch graph__swatch--{key}") aria-hidden="true"></span>{*text}</li>
            }).collect_view())}
        </ul>
    }
}

/// A run's badge text that fits its slot: words shortened when it would not.
fn badge_text(parts: &[String]) -> String {
    let text = parts.join(" · ");
    if text.chars().count() <= BADGE_CHARS {
        return text;
    }
    parts
        .iter()
        .map(|p| p.replace(" attempts", "↻").replace(" items", " it."))
        .collect::<Vec<_>>()
        .join(" · ")
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
            let (class, label) = if b.kind == BoxKind::Start {
                ("graph__terminal graph__terminal--start", "Start")
            } else {
                ("graph__terminal graph__terminal--end", "End")
            };
            view! {
                <g class=class data-testid=format!("graph-{}", label.to_lowercase())>
                    <rect x=b.x y=b.y width=b.w height=b.h rx=b.h / 2.0/>
                    <text x=b.x + b.w / 2.0 y=b.y + b.h / 2.0 + 3.5 text-anchor="middle">{label}</text>
                </g>
            }
            .into_any()
        }
        BoxKind::State => {
            let name = b.state.clone().unwrap_or_default();
            let type_name = b.type_name.clone().unwrap_or_default();
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
                if b.container {
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
            // A run's badge, in the slot the layout keeps clear for it.
            let badges = outcome.flatten().zip(b.badge).and_then(|(o, slot)| {
                let mut parts = Vec::new();
                if o.attempts > o.visits {
                    parts.push(format!("{} attempts", o.attempts));
                }
                if o.iterations > 0 {
                    parts.push(format!("{} items", o.iterations));
                } else if o.visits > 1 {
                    parts.push(format!("×{}", o.visits));
                }
                (!parts.is_empty()).then(|| {
                    let text = badge_text(&parts);
                    let w = (text.chars().count() as f64 * 6.2 + 8.0).min(slot.w);
                    view! {
                        <g class="graph__badge" data-testid="graph-badge">
                            <rect x=slot.x + slot.w - w y=slot.y width=w height=slot.h rx=slot.h / 2.0/>
                            <text x=slot.x + slot.w - 4.0 y=slot.y + 11.5 text-anchor="end">{text}</text>
                        </g>
                    }
                })
            });
            let text_y = if b.container { b.y + 18.0 } else { b.y + 20.0 };
            let retry = b.retry.clone().map(|policy| {
                view! {
                    <text class="graph__retry" x=b.x + b.w / 2.0 y=b.y + b.h - 6.0 text-anchor="middle">
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
                    <text class="graph__type" x=b.x + b.w / 2.0 y=text_y + 13.0 text-anchor="middle">{type_label}</text>
                    {retry}
                    {badges}
                    <title>{title}</title>
                </g>
            }
            .into_any()
        }
    }
}

fn draw_edge(edge: &Edge, from: &str, to: &str) -> AnyView {
    let points: Vec<String> = edge
        .points
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect();
    let kind = match edge.kind {
        EdgeKind::Catch(_) => "catch",
        EdgeKind::Choice(_) | EdgeKind::Default => "choice",
        _ => "next",
    };
    let [tip, left, right] = edge.arrow;
    let arrow = format!(
        "M{} {}L{} {}L{} {}z",
        tip.0, tip.1, left.0, left.1, right.0, right.1
    );
    let label = edge.label.as_ref().map(|label| {
        let r = label.rect;
        let (x, y) = label.baseline();
        view! {
            <rect class="graph__label-bg" x=r.x y=r.y width=r.w height=r.h rx="2"/>
            <text class="graph__label" data-testid="graph-edge-label" x=x y=y>{label.text.clone()}</text>
        }
    });
    view! {
        <g class="graph__edge-group" data-testid="graph-edge" data-kind=kind data-from=from.to_string() data-to=to.to_string()>
            <polyline class=format!("graph__edge graph__edge--{kind}") points=points.join(" ")/>
            <path class=format!("graph__arrow graph__arrow--{kind}") d=arrow/>
            {label}
        </g>
    }
    .into_any()
}

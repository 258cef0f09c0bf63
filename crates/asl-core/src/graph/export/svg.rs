//! The layout as a self-contained SVG document: its own styles (the page's light theme), a white
//! background, the boxes with their texts, the edges with their arrowheads and labels, and under
//! them a legend of what the colours mean. Every text is escaped.

use super::colour;
use crate::graph::legend::{LEGEND, LegendKind};
use crate::graph::metrics::{LABEL_PAD, MARGIN, small_width};
use crate::graph::{BoxKind, EdgeKind, Graph, GraphBox};
use std::fmt::Write;

/// A legend entry's swatch width, the gap after it, the gap between entries, a row's height.
const SWATCH: f64 = 26.0;
const SWATCH_GAP: f64 = 6.0;
const ENTRY_GAP: f64 = 18.0;
const ROW: f64 = 20.0;

/// Escaped for XML text and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn style() -> String {
    use colour::*;
    format!(
        "text{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}}\
.box{{fill:{BACKGROUND};stroke:{SOFT};stroke-width:1.2}}\
.choice{{fill:{CHOICE_FILL}}}.succeed{{stroke:{GREEN};stroke-width:2}}\
.fail{{stroke:{RED};stroke-width:2}}.container{{fill:{CONTAINER};stroke-dasharray:4 3}}\
.name{{font-size:12px;font-weight:600;fill:{TEXT}}}.type{{font-size:10px;fill:{SOFT}}}\
.start{{fill:{SOFT}}}.end{{fill:{BACKGROUND};stroke:{SOFT};stroke-width:2}}\
.start-text{{font-size:10px;font-weight:600;fill:{BACKGROUND}}}\
.end-text{{font-size:10px;font-weight:600;fill:{TEXT}}}\
.edge{{fill:none;stroke:{SOFT};stroke-width:1.3}}.edge-choice{{stroke:{AMBER}}}\
.edge-catch{{stroke:{RED};stroke-dasharray:5 4}}\
.arrow{{fill:{SOFT}}}.arrow-choice{{fill:{AMBER}}}.arrow-catch{{fill:{RED}}}\
.label{{font-size:10px;fill:{TEXT}}}.label-bg{{fill:{BACKGROUND};opacity:0.9}}\
.legend{{font-size:10px;fill:{TEXT}}}"
    )
}

fn draw_box(out: &mut String, b: &GraphBox) {
    let (cx, cy) = (b.x + b.w / 2.0, b.y + b.h / 2.0);
    match b.kind {
        BoxKind::Start | BoxKind::End => {
            let (class, word) = if b.kind == BoxKind::Start {
                ("start", "Start")
            } else {
                ("end", "End")
            };
            let _ = write!(
                out,
                r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" rx="{}"/><text class="{class}-text" x="{cx}" y="{}" text-anchor="middle">{word}</text>"#,
                b.x,
                b.y,
                b.w,
                b.h,
                b.h / 2.0,
                cy + 3.5
            );
        }
        BoxKind::State => {
            let type_name = b.type_name.as_deref().unwrap_or_default();
            let container = b.container;
            let mut class = String::from("box");
            match type_name {
                "Choice" => class.push_str(" choice"),
                "Succeed" => class.push_str(" succeed"),
                "Fail" => class.push_str(" fail"),
                _ => {}
            }
            if container {
                class.push_str(" container");
            }
            let name_y = if container { b.y + 18.0 } else { b.y + 20.0 };
            let _ = write!(
                out,
                r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" rx="6"/><text class="name" x="{cx}" y="{name_y}" text-anchor="middle">{}</text><text class="type" x="{cx}" y="{}" text-anchor="middle">{}</text>"#,
                b.x,
                b.y,
                b.w,
                b.h,
                escape(b.state.as_deref().unwrap_or_default()),
                name_y + 13.0,
                escape(type_name)
            );
            if let Some(retry) = &b.retry {
                let _ = write!(
                    out,
                    r#"<text class="type" x="{cx}" y="{}" text-anchor="middle">↻ {}</text>"#,
                    b.y + b.h - 6.0,
                    escape(retry)
                );
            }
        }
    }
}

fn draw_legend(out: &mut String, top: f64, width: f64) -> f64 {
    let (mut x, mut y) = (MARGIN, top);
    for entry in LEGEND {
        let w = SWATCH + SWATCH_GAP + small_width(entry.text);
        if x > MARGIN && x + w > width - MARGIN {
            x = MARGIN;
            y += ROW;
        }
        let mid = y + ROW / 2.0;
        let line = |class: &str| {
            format!(
                r#"<path class="edge {class}" d="M{x} {mid}H{}"/><path class="arrow {}" d="M{} {mid}l-8 -4v8z"/>"#,
                x + SWATCH - 6.0,
                class.replace("edge", "arrow"),
                x + SWATCH
            )
        };
        let rect = |class: &str| {
            format!(
                r#"<rect class="box {class}" x="{x}" y="{}" width="{SWATCH}" height="12" rx="3"/>"#,
                mid - 6.0
            )
        };
        let swatch = match entry.kind {
            LegendKind::NextEdge => line(""),
            LegendKind::ChoiceEdge => line("edge-choice"),
            LegendKind::CatchEdge => line("edge-catch"),
            LegendKind::ChoiceState => rect("choice"),
            LegendKind::SucceedState => rect("succeed"),
            LegendKind::FailState => rect("fail"),
            LegendKind::Container => rect("container"),
            LegendKind::Retry => String::new(),
        };
        let text_x = if entry.kind == LegendKind::Retry {
            x
        } else {
            x + SWATCH + SWATCH_GAP
        };
        let _ = write!(
            out,
            r#"{swatch}<text class="legend" x="{text_x}" y="{}">{}</text>"#,
            mid + 3.5,
            escape(entry.text)
        );
        x += w + ENTRY_GAP;
    }
    y + ROW
}

/// The SVG document of a laid-out graph.
pub(in crate::graph) fn write(graph: &Graph) -> String {
    let width = graph.width.max(480.0);
    let mut body = String::new();
    for b in &graph.boxes {
        draw_box(&mut body, b);
    }
    for edge in &graph.edges {
        let (line, arrow) = match edge.kind {
            EdgeKind::Catch(_) => ("edge edge-catch", "arrow arrow-catch"),
            EdgeKind::Choice(_) | EdgeKind::Default => ("edge edge-choice", "arrow arrow-choice"),
            _ => ("edge", "arrow"),
        };
        let points: Vec<String> = edge
            .points
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect();
        let [tip, left, right] = edge.arrow;
        let _ = write!(
            body,
            r#"<polyline class="{line}" points="{}"/><path class="{arrow}" d="M{} {}L{} {}L{} {}z"/>"#,
            points.join(" "),
            tip.0,
            tip.1,
            left.0,
            left.1,
            right.0,
            right.1
        );
        if let Some(label) = &edge.label {
            let r = label.rect;
            let (tx, ty) = label.baseline();
            let _ = write!(
                body,
                r#"<rect class="label-bg" x="{}" y="{}" width="{}" height="{}" rx="2"/><text class="label" x="{tx}" y="{ty}">{}</text>"#,
                r.x,
                r.y,
                r.w,
                r.h,
                escape(&label.text)
            );
        }
    }
    let mut legend = String::new();
    let height = draw_legend(&mut legend, graph.height, width) + LABEL_PAD;
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"><title>State machine</title><style>{}</style><rect width="{width}" height="{height}" fill="{}"/>{body}<line x1="{MARGIN}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="0.5"/>{legend}</svg>
"#,
        style(),
        colour::BACKGROUND,
        width - MARGIN,
        graph.height,
        graph.height,
        colour::SOFT
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn texts_are_escaped() {
        assert_eq!(
            escape("<img src=x onerror='a'> & \"b\""),
            "&lt;img src=x onerror=&#39;a&#39;&gt; &amp; &quot;b&quot;"
        );
    }
}

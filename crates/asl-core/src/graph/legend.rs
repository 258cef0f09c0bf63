//! What the colours and strokes of a drawn graph mean: one list, drawn by the page and written
//! into the SVG export alike.

/// A thing the legend explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendKind {
    /// A `Next` edge (and Start's, and End's): grey.
    NextEdge,
    /// A Choice rule or Default: amber, labelled with the rule.
    ChoiceEdge,
    /// A Catch: red, dashed, labelled with the errors.
    CatchEdge,
    /// A Choice state: amber background.
    ChoiceState,
    /// A Succeed state: green border.
    SucceedState,
    /// A Fail state: red border.
    FailState,
    /// A Parallel or Map: a dashed box holding its branches or its processor.
    Container,
    /// A retry policy: `↻ attempts, interval, back-off` at the bottom of the box.
    Retry,
}

/// One line of the legend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    /// What it explains.
    pub kind: LegendKind,
    /// Its name in class names and test ids (`edge-next`, `state-fail`, …).
    pub key: &'static str,
    /// What it says.
    pub text: &'static str,
}

/// The legend, in the order it is drawn.
pub const LEGEND: [LegendEntry; 8] = [
    LegendEntry {
        kind: LegendKind::NextEdge,
        key: "edge-next",
        text: "Next",
    },
    LegendEntry {
        kind: LegendKind::ChoiceEdge,
        key: "edge-choice",
        text: "Choice rule or Default",
    },
    LegendEntry {
        kind: LegendKind::CatchEdge,
        key: "edge-catch",
        text: "Catch (errors caught)",
    },
    LegendEntry {
        kind: LegendKind::ChoiceState,
        key: "state-choice",
        text: "Choice",
    },
    LegendEntry {
        kind: LegendKind::SucceedState,
        key: "state-succeed",
        text: "Succeed",
    },
    LegendEntry {
        kind: LegendKind::FailState,
        key: "state-fail",
        text: "Fail",
    },
    LegendEntry {
        kind: LegendKind::Container,
        key: "state-container",
        text: "Parallel or Map",
    },
    LegendEntry {
        kind: LegendKind::Retry,
        key: "retry",
        text: "↻ Retry: attempts, interval, back-off",
    },
];
